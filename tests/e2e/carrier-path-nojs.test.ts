// The carrier's path with JavaScript switched off: every step is a plain HTML form post
// (multipart for the uploads) and a full page load, as with a locked-down browser or a
// screen reader setup without scripts.
import type { Browser, Page } from "playwright-core";
import { extractText } from "unpdf";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { launchBrowser, newPage } from "./support/browser";
import * as steps from "./support/carrier";
import { DOCUMENT_LABELS, euro, fileLinks, RECEIPT_NUMBER, sha256, shownTotals, type SamplePdf } from "./support/carrier";
import { isTo, waitForMail } from "./support/mail";

const LOT = "Los 6: Flüchtlingssozialarbeit – Region Ost";
const DOCUMENT_NAMES = {
  registerExtract: "registerauszug.pdf",
  nonProfitCertificate: "freistellungsbescheid.pdf",
  references: "referenzen.pdf",
  declarations: "erklaerungen.pdf",
} as const;

let browser: Browser;
let page: Page;
const carrier = steps.newCarrier("ohnejs", "Nachbarschaftshilfe Ost e. V.");
let applicationId = "";
let lotPath = "";
let concept: SamplePdf;
let receiptNumber = "";

beforeAll(async () => {
  browser = await launchBrowser();
  page = await newPage(browser, { javaScriptEnabled: false });
  concept = await steps.samplePdf("Konzept Los 6 ohne JavaScript", "konzept-los-6.pdf");
});
afterAll(async () => {
  await browser?.close();
  steps.removeTempFiles();
});

describe("the carrier's path without JavaScript", () => {
  it("registers and confirms the address from the mail", async () => {
    await steps.register(page, carrier);
    // No script ran: the page came from the server (no Remix context in the window).
    const scriptsRan = await page.evaluate(() => "__remixContext" in window && "__remixRouter" in window).catch(() => false);
    expect(scriptsRan).toBe(false);
    await steps.confirmWithLink(page, await steps.confirmationLink(carrier.email));
  });

  it("starts an expression of interest and chooses a lot", async () => {
    applicationId = await steps.startApplication(page, steps.DEMO_SLUG);
    await steps.chooseLots(page, [LOT]);
    lotPath = (await page.getByRole("link", { name: LOT, exact: true }).getAttribute("href"))!;
    expect(lotPath).toMatch(new RegExp(`^/traeger/bewerbungen/${applicationId}/lose/`));
  });

  it("refuses the post without the degree and keeps the input, then saves it with the degree", async () => {
    await page.goto(lotPath);
    await steps.fillLot(
      page,
      "Los 6",
      { hours: "39", qualification: "Sozialarbeiter (B. A.)", degree: false, payGroup: "S 12", languages: "Deutsch, Russisch, Ukrainisch" },
      { personnel: "50.000", material: "4.000", overhead: "2.000" },
    );
    await expect(page.locator("#feld-stelle-0-degree-fehler").innerText()).resolves.toContain(
      "Stelle 1: Für diese Leistung ist ein pädagogischer Hochschulabschluss zwingend.",
    );
    await expect(page.locator(".kern-alert--danger a[href='#feld-stelle-0-degree']").count()).resolves.toBe(1);
    const row = page.getByRole("group", { name: "Stelle 1", exact: true });
    await expect(row.getByLabel("Stelle 1: Qualifikation", { exact: true }).inputValue()).resolves.toBe("Sozialarbeiter (B. A.)");
    await expect(page.getByLabel("Personalkosten je VZÄ und Jahr (Euro)").inputValue()).resolves.toBe("50.000");

    await row.getByRole("checkbox", { name: /pädagogischen Hochschulabschluss/ }).check();
    await steps.saveLot(page);
    expect(new URL(page.url()).searchParams.get("gespeichert")).toBe("1");
    const totals = await shownTotals(page);
    expect(totals["Stellen insgesamt (VZÄ)"]).toBe("1,00");
    expect(totals["Personalkosten je Jahr"]).toBe(euro(50_000_00));
    expect(totals["Gesamtkosten je Jahr"]).toBe(euro(56_000_00));
  });

  it("uploads the concept PDF as a plain multipart form post", async () => {
    await steps.uploadConcept(page, concept.name, concept.bytes);
    expect(new URL(page.url()).searchParams.get("hochgeladen")).toBe("1");
    const section = page.locator("section", { has: page.getByRole("heading", { name: "Konzept als Dokument (optional)" }) });
    await expect(section.getByRole("link", { name: "konzept-los-6.pdf" }).count()).resolves.toBe(1);
    await expect(section.locator("code").innerText()).resolves.toBe(concept.sha256);
    const [link] = await fileLinks(page);
    const download = await page.request.get(link);
    expect(sha256(await download.body())).toBe(concept.sha256);
  });

  it("uploads the four documents in one multipart form post", async () => {
    await page.goto(`/traeger/bewerbungen/${applicationId}/unterlagen`);
    const files: [string, string, Uint8Array][] = [];
    for (const [kind, name] of Object.entries(DOCUMENT_NAMES)) files.push([DOCUMENT_LABELS[kind as keyof typeof DOCUMENT_NAMES], name, await steps.makePdf(`${name} ohne JavaScript`)]);
    const hashes = files.map(([, , bytes]) => sha256(bytes));
    await steps.uploadDocuments(page, files);
    expect(new URL(page.url()).searchParams.get("hochgeladen")).toBe("1");
    // Each slot of the form shows its file.
    const uploaded = page.locator("#inhalt form[enctype='multipart/form-data']");
    await expect(uploaded.locator("code").allInnerTexts()).resolves.toEqual(expect.arrayContaining(hashes));
    await expect(uploaded.locator("a[href^='/dateien/']").count()).resolves.toBe(4);
  });

  it("is complete, submits bindingly and shows the receipt page", async () => {
    await steps.declareByPost(page, applicationId);
    await page.goto(`/traeger/bewerbungen/${applicationId}`);
    await expect(page.locator("#vollstaendigkeit").innerText()).resolves.toContain("Vollständig");
    await page.goto(`/traeger/bewerbungen/${applicationId}/einreichen`);
    await page.getByRole("button", { name: "Verbindlich einreichen" }).click();
    expect(new URL(page.url()).pathname).toMatch(/^\/traeger\/eingaenge\/[^/]+$/);
    const text = await page.locator("main").innerText();
    expect(text).toContain("Ihre Interessenbekundung ist eingegangen.");
    receiptNumber = RECEIPT_NUMBER.exec(text)?.[0] ?? "";
    expect(receiptNumber).not.toBe("");
    expect(text).toContain(concept.sha256);

    const pdfHref = await page.getByRole("link", { name: "Eingangsbestätigung als PDF herunterladen" }).getAttribute("href");
    const pdf = await page.request.get(pdfHref!);
    expect(pdf.status()).toBe(200);
    const { text: pdfText } = await extractText(new Uint8Array(await pdf.body()), { mergePages: true });
    expect(pdfText).toContain(receiptNumber);
    expect(pdfText).toMatch(new RegExp(`SHA-256\\s+${concept.sha256}`));
  });

  it("mails the receipt", async () => {
    const mail = await waitForMail((m) => isTo(m, carrier.email) && m.subject.startsWith(`Eingangsbestätigung ${receiptNumber}`));
    expect(mail.text).toContain(`SHA-256: ${concept.sha256}`);
    expect(mail.attachments.map((a) => a.filename)).toEqual([`eingangsbestaetigung-${receiptNumber}.pdf`]);
  });
});
