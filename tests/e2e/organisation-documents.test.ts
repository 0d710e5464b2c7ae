// The organisation's documents (Nachweise): one slot each, in the order of the form, named
// in full. Every slot says what it holds: "Noch keine Datei." or the file with its name,
// size and upload time, a control to replace it and one to remove it, the last two also
// without JavaScript. The receipt (page and mail) lists the documents in the same order
// with the same names, whatever the order of upload.
//
// The steps build on each other (one application), so they run in order.
import type { Browser, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { expectAccessible, launchBrowser, newPage } from "./support/browser";
import * as steps from "./support/carrier";
import { isTo, waitForMail } from "./support/mail";

const LOT = "Los 2: Flüchtlingssozialarbeit – Region Nord";
/** The slots in the order of the form, with their full names. */
const SLOTS = [
  "Registerauszug",
  "Nachweis der Gemeinnützigkeit",
  "Referenzen",
  "Weitere unterschriebene Erklärungen",
  "Nachweise des pädagogischen Hochschulabschlusses (Kopien der Zeugnisse des angebotenen Personals)",
];
const DECLARATIONS = SLOTS[3];
const UPLOAD_TIME = /Hochgeladen am \d{1,2}\. [A-Za-zä]+ \d{4} um \d{2}:\d{2}(:\d{2})? MES?Z/;

const carrier = steps.newCarrier("nachweise", "Integrationshilfe Löbtau e. V.");
let browser: Browser;
let page: Page;
let applicationId = "";
let documentsPath = "";

beforeAll(async () => {
  browser = await launchBrowser();
  page = await newPage(browser);
  await steps.registerAndConfirm(page, carrier);
  applicationId = await steps.startApplication(page, steps.DEMO_SLUG);
  documentsPath = `/traeger/bewerbungen/${applicationId}/unterlagen`;
});
afterAll(async () => {
  await browser?.close();
  steps.removeTempFiles();
});

/** A slot of the documents page: the section named by its heading. */
const slot = (p: Page, name: string) => p.getByRole("region", { name: new RegExp(`^${name.replace(/[()]/g, "\\$&")}`) });

async function upload(p: Page, files: [label: string, name: string][]) {
  await p.goto(documentsPath); // a fresh address: the answer's "?hochgeladen=1" is then the new page
  const withBytes: [string, string, Uint8Array][] = [];
  for (const [label, name] of files) withBytes.push([label, name, await steps.makePdf(name)]);
  await steps.uploadDocuments(p, withBytes);
  await p.waitForURL((url) => url.searchParams.get("hochgeladen") === "1");
}

describe("the documents page", () => {
  it("shows every slot empty, in the order of the form, with its full name", async () => {
    await page.goto(documentsPath);
    const headings = await page.locator("#inhalt form h2").allInnerTexts();
    expect(headings.map((h) => h.replace(/\s*\(Optional\)$/, "").trim())).toEqual(SLOTS);
    // No lot is chosen yet, so none asks for the degree: its proofs are optional. Signed
    // declarations are optional too: pay and exclusion grounds are declared in Textform (decision 0019).
    expect(headings.map((h) => h.endsWith("(Optional)"))).toEqual([false, false, false, true, true]);
    await expect(slot(page, DECLARATIONS).innerText()).resolves.toContain("Die Erklärungen zur Vergütung und zu Ausschlussgründen geben Sie in Textform unter „Erklärungen“ ab.");
    for (const name of SLOTS) {
      await expect(slot(page, name).innerText()).resolves.toContain("Noch keine Datei.");
      await expect(slot(page, name).getByLabel(`Datei: ${name}`, { exact: true }).count()).resolves.toBe(1);
    }
    await expectAccessible(page);
  });

  it("shows the file's name, size and upload time with replace and remove in its slot after an upload, the others still empty", async () => {
    await upload(page, [[`Datei: ${DECLARATIONS}`, "erklaerungen-alt.pdf"]]);
    const filled = slot(page, DECLARATIONS);
    const text = await filled.innerText();
    expect(text).not.toContain("Noch keine Datei.");
    await filled.getByRole("link", { name: "erklaerungen-alt.pdf" }).waitFor();
    expect(text).toMatch(/erklaerungen-alt\.pdf \((\d+ Bytes|\d+,\d kB \([\d.]+ Bytes\))\)/);
    expect(text).toMatch(UPLOAD_TIME);
    await expect(filled.getByRole("button", { name: "Entfernen: erklaerungen-alt.pdf" }).count()).resolves.toBe(1);
    await expect(filled.getByLabel(`Datei ersetzen: ${DECLARATIONS}`, { exact: true }).count()).resolves.toBe(1);
    for (const name of SLOTS.filter((n) => n !== DECLARATIONS)) await expect(slot(page, name).innerText()).resolves.toContain("Noch keine Datei.");
    await expectAccessible(page);
  });

  it("replaces and removes the file without JavaScript", async () => {
    const plain = await newPage(browser, { javaScriptEnabled: false, storageState: await page.context().storageState() });
    await upload(plain, [[`Datei ersetzen: ${DECLARATIONS}`, "erklaerungen-neu.pdf"]]);
    const filled = slot(plain, DECLARATIONS);
    await filled.getByRole("link", { name: "erklaerungen-neu.pdf" }).waitFor();
    await expect(filled.getByRole("link", { name: "erklaerungen-alt.pdf" }).count()).resolves.toBe(0);
    await expect(filled.getByRole("link").count()).resolves.toBe(1);

    await filled.getByRole("button", { name: "Entfernen: erklaerungen-neu.pdf" }).click();
    await plain.waitForURL((url) => url.pathname === documentsPath);
    await expect(slot(plain, DECLARATIONS).innerText()).resolves.toContain("Noch keine Datei.");
    await expect(slot(plain, DECLARATIONS).getByLabel(`Datei: ${DECLARATIONS}`, { exact: true }).count()).resolves.toBe(1);
    await expect(plain.locator("#inhalt a[href^='/dateien/']").count()).resolves.toBe(0);
    await plain.context().close();
  });
});

describe("the receipt", () => {
  it("lists the documents in the order of the form with their full names, on the page and in the mail, though uploaded the other way round", async () => {
    await page.goto(`/traeger/bewerbungen/${applicationId}`);
    await steps.chooseLots(page, [LOT]);
    await steps.openLot(page, LOT);
    await steps.fillLot(
      page,
      "Los 2",
      { hours: "39", qualification: "Sozialarbeiter B. A.", degree: true, payGroup: "S 12", languages: "Deutsch" },
      { personnel: "50.000", material: "2.000", overhead: "1.000" },
    );
    await page.waitForURL((url) => url.searchParams.get("gespeichert") === "1");

    // Last slot first, one upload after the other.
    for (const [i, name] of [...SLOTS].reverse().entries()) await upload(page, [[`Datei: ${name}`, `nachweis-${i}.pdf`]]);
    await steps.declareByPost(page, applicationId);
    await page.goto(`/traeger/bewerbungen/${applicationId}/einreichen`);
    await expect(page.locator("#vollstaendigkeit").innerText()).resolves.toContain("Vollständig");
    await page.getByRole("button", { name: "Verbindlich einreichen" }).click();
    await page.waitForURL(/\/traeger\/eingaenge\/[^/]+\?neu=1$/);

    const table = page.getByRole("table", { name: "Dateien mit Art, Größe und Prüfsumme" });
    await table.waitFor();
    // Column "Art" of each row, top to bottom.
    const kinds = await table.locator("tbody tr").evaluateAll((rows) => rows.map((r) => r.children[1]?.textContent?.trim() ?? ""));
    expect(kinds, await page.locator("main").innerText()).toEqual(SLOTS);
    await expectAccessible(page);

    const mail = await waitForMail((m) => isTo(m, carrier.email) && m.subject.startsWith("Eingangsbestätigung"));
    const listed = SLOTS.map((name) => mail.text.indexOf(`- ${name}: nachweis-`));
    for (const at of listed) expect(at).toBeGreaterThan(-1);
    expect([...listed].sort((a, b) => a - b)).toEqual(listed);
  });
});

describe("the limit of files per application", () => {
  it("refuses the file past 50 stored for the application, replaced ones counted, next to its field and in the summary", async () => {
    const limitMessage = /^„zu-viel\.pdf“ wurde nicht gespeichert: Zu dieser Interessenbekundung sind bereits 50 Dateien hochgeladen worden \(ersetzte mitgezählt\)/;
    // Replacing the references again and again, as a plain form post does, until the portal
    // refuses: the application holds a few files of the steps before, so it takes fewer than 50.
    const pdf = Buffer.from(await steps.makePdf("referenzen.pdf"));
    let accepted = 0;
    for (;;) {
      const answer = await page.request.post(documentsPath, {
        multipart: { references: { name: `referenzen-${accepted}.pdf`, mimeType: "application/pdf", buffer: pdf } },
        maxRedirects: 0,
      });
      expect(answer.status()).toBe(303);
      if (!answer.headers()["location"]?.includes("hochgeladen=1")) break;
      accepted++;
      expect(accepted, "more than 50 files accepted").toBeLessThan(50);
    }
    expect(accepted).toBeGreaterThan(30);

    // The next one through the form: refused, the message by the field and in the summary.
    await page.goto(documentsPath);
    await steps.uploadDocuments(page, [["Datei ersetzen: Referenzen", "zu-viel.pdf", await steps.makePdf("zu-viel.pdf")]]);
    // The page after the redirect: its summary names this file (the one before named the last API post's).
    const summary = page.getByRole("alert").filter({ hasText: "zu-viel.pdf" });
    await summary.waitFor();
    expect((await summary.innerText()).split("\n").map((line) => line.trim())).toContainEqual(expect.stringMatching(limitMessage));
    expect(await slot(page, "Referenzen").innerText()).toMatch(new RegExp(limitMessage.source.slice(1)));
    // The slot still holds the last file it took.
    expect(await slot(page, "Referenzen").innerText()).toContain(`referenzen-${accepted - 1}.pdf`);
    await expectAccessible(page);
  });
});
