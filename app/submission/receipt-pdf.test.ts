// The receipt as an A4 PDF, read back with unpdf: every fact of the receipt, checksums on one
// line each, page numbers, metadata, English labels.
import { extractText, getMeta } from "unpdf";
import { describe, expect, it } from "vitest";
import { ORGANISATION, file, receiptFixture } from "../../tests/support/receipt";
import type { Locale } from "../i18n";
import { renderReceiptPdf } from "./receipt-pdf.server";
import { snapshotFiles } from "./snapshot";

const options = {
  locale: "de" as Locale,
  generatedAt: new Date("2017-02-28T11:00:07Z"),
  cityName: "Dresden",
  publicUrl: "https://portal.example.org/bewerbungen/app-1/eingang/EB-2017-K7M2Q-9XH4T",
};

/** The text of all pages, with every run of white space as one space. */
async function textOf(bytes: Uint8Array): Promise<string> {
  const { text } = await extractText(new Uint8Array(bytes), { mergePages: true });
  return text.replace(/\s+/g, " ");
}

describe("renderReceiptPdf", () => {
  it("states receipt number, call, version, the time of receipt to the second, who submitted and the carrier", async () => {
    const receipt = receiptFixture();
    const text = await textOf(await renderReceiptPdf(receipt, options));
    expect(text).toContain("Dresden");
    expect(text).toContain("Eingangsbestätigung");
    expect(text).toContain("Eingangsnummer EB-2017-K7M2Q-9XH4T");
    expect(text).toContain(receipt.snapshot.call.title);
    expect(text).toContain("Fassung 2");
    expect(text).toContain("Eingegangen am 28. Februar 2017 um 11:59:59 MEZ");
    expect(text).toContain("Eingereicht von Zoë Brückner");
    expect(text).toContain(ORGANISATION);
    expect(text).toContain("Königsbrücker Straße 12 01099 Dresden Amtsgericht Dresden, HRB 12345");
    expect(text).toContain("Seite 1 von");
    expect(text).toContain(options.publicUrl);
  });

  it("prints the seconds even when they are zero, and the zone in summer", async () => {
    const receipt = receiptFixture({ submittedAt: new Date("2017-06-30T08:05:00Z") });
    const text = await textOf(await renderReceiptPdf(receipt, options));
    expect(text).toContain("30. Juni 2017 um 10:05:00 MESZ");
  });

  it("lists the lots with region, role, FTE and costs per year and for the term in German format", async () => {
    const text = await textOf(await renderReceiptPdf(receiptFixture(), options));
    expect(text).toContain("Los 3 Altstadt Soziale Betreuung 58,5 (= 1,5) 83.500,00 € 153.083,33 € 22 Monate");
    expect(text).toContain("Los 11 Prohlis Migrationssozialarbeit 29,25 (= 0,75) 44.100,00 € 80.850,00 € 22 Monate");
    expect(text).toContain("Summe 87,75 (= 2,25) 127.600,00 € 233.933,33 €");
  });

  it("lists every file with kind, size and its full SHA-256 on one unbroken line", async () => {
    const receipt = receiptFixture();
    const text = await textOf(await renderReceiptPdf(receipt, options));
    const files = snapshotFiles(receipt.snapshot);
    expect(files).toHaveLength(3);
    let from = 0;
    for (const f of files) {
      expect(f.sha256).toMatch(/^[0-9a-f]{64}$/);
      const name = text.indexOf(f.name, from);
      expect(name, f.name).toBeGreaterThan(-1);
      const hash = text.indexOf(f.sha256, name);
      expect(hash, `${f.name}: ${f.sha256}`).toBeGreaterThan(name);
      from = hash;
    }
    const [concept, register, declarations] = files;
    expect(text).toContain(
      `Konzept-Los-3_Altstadt.pdf Konzept zu Los 3 48,2 kB (48.213 Bytes) SHA-256 ${concept.sha256}`
    );
    expect(text).toContain(`Handelsregisterauszug HRB 12345.pdf Registerauszug 812 Bytes SHA-256 ${register.sha256}`);
    expect(text).toContain(
      `Eigenerklärungen_unterschrieben.pdf Weitere unterschriebene Erklärungen 1,5 MB (1.532.904 Bytes) SHA-256 ${declarations.sha256}`
    );
  });

  it("prints the hash of the submission and the audit head in full", async () => {
    const receipt = receiptFixture();
    const text = await textOf(await renderReceiptPdf(receipt, options));
    expect(text).toContain(`Prüfsumme der Einreichung (SHA-256) ${receipt.contentHash}`);
    expect(text).toContain(`Stand des Prüfprotokolls (SHA-256) ${receipt.auditHead}`);
  });

  it("keeps even the widest possible hex string on one line", async () => {
    const widest = "d".repeat(32) + "b".repeat(32);
    const receipt = receiptFixture({ contentHash: widest, auditHead: "b".repeat(64) });
    receipt.snapshot.documents[0].file.sha256 = "d".repeat(64);
    const text = await textOf(await renderReceiptPdf(receipt, options));
    expect(text).toContain(widest);
    expect(text).toContain("b".repeat(64));
    expect(text).toContain("d".repeat(64));
  });

  it("says that it confirms receipt only and that the version can only be replaced or withdrawn", async () => {
    const text = await textOf(await renderReceiptPdf(receiptFixture(), options));
    expect(text).toContain("Diese Bestätigung bestätigt nur den Eingang.");
    expect(text).toContain(
      "weder, dass die Interessenbekundung vollständig ist, noch, dass sie zum Verfahren zugelassen wird"
    );
    expect(text).toContain("Die eingereichte Fassung kann nicht mehr geändert werden.");
    expect(text).toContain(
      "am 10. März 2017 um 12:00 MEZ können Sie sie durch eine neue Fassung ersetzen oder zurückziehen"
    );
  });

  it("shows a withdrawal visibly, and only when there is one", async () => {
    const withdrawnAt = new Date("2017-03-01T08:15:30Z");
    const text = await textOf(await renderReceiptPdf(receiptFixture({ withdrawnAt }), options));
    expect(text).toContain("Zurückgezogen am 1. März 2017 um 09:15:30 MEZ");
    expect(text).toContain("Diese Fassung ist zurückgezogen");
    const plain = await textOf(await renderReceiptPdf(receiptFixture(), options));
    expect(plain).not.toContain("Zurückgezogen");
  });

  it("numbers every page with the right total when many files run onto further pages", async () => {
    const receipt = receiptFixture();
    receipt.snapshot.documents = Array.from({ length: 40 }, (_, i) => ({
      kind: "references" as const,
      file: file(`r${i}`, `Referenz ${i + 1} – Träger ${ORGANISATION}.pdf`, 10_000 + i),
    }));
    const bytes = await renderReceiptPdf(receipt, options);
    const { text, totalPages } = await extractText(new Uint8Array(bytes), { mergePages: false });
    expect(totalPages).toBeGreaterThan(1);
    text.forEach((page, i) => expect(page).toContain(`Seite ${i + 1} von ${totalPages}`));
    const all = text.join(" ").replace(/\s+/g, " ");
    for (const d of receipt.snapshot.documents) expect(all).toContain(d.file.sha256);
    expect(text[1]).toContain("Eingangsbestätigung EB-2017-K7M2Q-9XH4T"); // the running header
  });

  it("sets title, author, language and creation date as document metadata", async () => {
    const bytes = await renderReceiptPdf(receiptFixture(), options);
    expect(new TextDecoder().decode(bytes.slice(0, 5))).toBe("%PDF-");
    const { info } = await getMeta(bytes, { parseDates: true });
    expect(info.Title).toBe("Eingangsbestätigung EB-2017-K7M2Q-9XH4T");
    expect(info.Author).toBe("Dresden");
    expect(info.Language).toBe("de");
    expect((info.CreationDate as Date).getTime()).toBe(options.generatedAt.getTime());
  });

  it("prints its labels in English for the English locale", async () => {
    const receipt = receiptFixture();
    const text = await textOf(await renderReceiptPdf(receipt, { ...options, locale: "en" }));
    expect(text).toContain("Receipt number EB-2017-K7M2Q-9XH4T");
    expect(text).toContain("Received on 28 February 2017 at 11:59:59 CET");
    expect(text).toContain("Lot 3");
    expect(text).toContain("€83,500.00");
    expect(text).toContain("Page 1 of");
    expect(text).toContain(receipt.contentHash);
    expect(text).not.toContain("Seite 1 von");
  });
});

