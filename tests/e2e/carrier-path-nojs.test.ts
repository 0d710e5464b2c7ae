// The carrier's path with JavaScript switched off: every step is a plain HTML form post
// (multipart for the uploads) and a full page load, as with a locked-down browser or a
// screen reader setup without scripts.
import type { Browser, Page } from "playwright-core";
import { extractText } from "unpdf";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { launchBrowser, newPage } from "./support/browser";
import {
  chooseLots,
  confirmationLink,
  confirmWithLink,
  DEMO_SLUG,
  euro,
  fileLinks,
  fillConcept,
  fillCosts,
  fillPost,
  makePdf,
  newCarrier,
  newPostRow,
  register,
  removeTempFiles,
  saveLot,
  sha256,
  shownTotals,
  startApplication,
  tempFile,
} from "./support/carrier";
import { isTo, waitForMail } from "./support/mail";

const LOT = "Los 6: Flüchtlingssozialarbeit – Region Ost";
const DOCUMENTS = {
  "Datei: Registerauszug": "registerauszug.pdf",
  "Datei: Nachweis der Gemeinnützigkeit": "freistellungsbescheid.pdf",
  "Datei: Referenzen": "referenzen.pdf",
  "Datei: Unterschriebene Erklärungen (unter anderem zur angemessenen Vergütung)": "erklaerungen.pdf",
} as const;

let browser: Browser;
let page: Page;
const carrier = newCarrier("ohnejs", "Nachbarschaftshilfe Ost e. V.");
let applicationId = "";
let lotPath = "";
let concept: { bytes: Uint8Array; sha256: string };
let receiptNumber = "";

beforeAll(async () => {
  browser = await launchBrowser();
  page = await newPage(browser, { javaScriptEnabled: false });
  const bytes = await makePdf("Konzept Los 6 ohne JavaScript");
  concept = { bytes, sha256: sha256(bytes) };
});
afterAll(async () => {
  await browser?.close();
  removeTempFiles();
});

describe("the carrier's path without JavaScript", () => {
  it("registers and confirms the address from the mail", async () => {
    await register(page, carrier);
    // No script ran: the page came from the server (no Remix context in the window).
    const scriptsRan = await page.evaluate(() => "__remixContext" in window && "__remixRouter" in window).catch(() => false);
    expect(scriptsRan).toBe(false);
    await confirmWithLink(page, await confirmationLink(carrier.email));
  });

  it("starts an expression of interest and chooses a lot", async () => {
    applicationId = await startApplication(page, DEMO_SLUG);
    await chooseLots(page, [LOT]);
    lotPath = (await page.getByRole("link", { name: LOT, exact: true }).getAttribute("href"))!;
    expect(lotPath).toMatch(new RegExp(`^/traeger/bewerbungen/${applicationId}/lose/`));
  });

  it("refuses the post without the degree and keeps the input, then saves it with the degree", async () => {
    await page.goto(lotPath);
    await fillConcept(page, "Los 6");
    await fillPost(newPostRow(page), {
      fte: "2",
      qualification: "Sozialarbeiter (B. A.)",
      degree: false,
      payGroup: "TVöD SuE S 11b",
      payAdequacy: true,
      languages: "Deutsch, Russisch, Ukrainisch",
    });
    await fillCosts(page, { personnel: "50.000", material: "4.000", overhead: "2.000" });
    await saveLot(page);
    await expect(page.locator("#feld-stelle-0-degree-fehler").innerText()).resolves.toContain(
      "Stelle 1: Für die Flüchtlingssozialarbeit ist ein pädagogischer Hochschulabschluss zwingend.",
    );
    await expect(page.locator(".kern-alert--danger a[href='#feld-stelle-0-degree']").count()).resolves.toBe(1);
    const row = page.getByRole("group", { name: "Stelle 1", exact: true });
    await expect(row.getByLabel("Stelle 1: Qualifikation", { exact: true }).inputValue()).resolves.toBe("Sozialarbeiter (B. A.)");
    await expect(page.getByLabel("Personalkosten je VZÄ und Jahr (Euro)").inputValue()).resolves.toBe("50.000");

    await row.getByRole("checkbox", { name: /pädagogischen Hochschulabschluss/ }).check();
    await saveLot(page);
    expect(new URL(page.url()).searchParams.get("gespeichert")).toBe("1");
    const totals = await shownTotals(page);
    expect(totals["Stellen insgesamt (VZÄ)"]).toBe("2,00");
    expect(totals["Personalkosten je Jahr"]).toBe(euro(100_000_00));
    expect(totals["Gesamtkosten je Jahr"]).toBe(euro(106_000_00));
  });

  it("uploads the concept PDF as a plain multipart form post", async () => {
    await page.getByLabel("Dokument zum Konzept").setInputFiles(tempFile("konzept-los-6.pdf", concept.bytes));
    await page.locator("form[enctype='multipart/form-data']").getByRole("button", { name: "Hochladen" }).click();
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
    const hashes: string[] = [];
    for (const [label, name] of Object.entries(DOCUMENTS)) {
      const bytes = await makePdf(`${name} ohne JavaScript`);
      hashes.push(sha256(bytes));
      await page.getByLabel(label, { exact: true }).setInputFiles(tempFile(name, bytes));
    }
    await page.getByRole("button", { name: "Hochladen", exact: true }).click();
    expect(new URL(page.url()).searchParams.get("hochgeladen")).toBe("1");
    // Each slot of the form shows its file.
    const uploaded = page.locator("#inhalt form[enctype='multipart/form-data']");
    await expect(uploaded.locator("code").allInnerTexts()).resolves.toEqual(expect.arrayContaining(hashes));
    await expect(uploaded.locator("a[href^='/dateien/']").count()).resolves.toBe(4);
  });

  it("is complete, submits bindingly and shows the receipt page", async () => {
    await page.goto(`/traeger/bewerbungen/${applicationId}`);
    await expect(page.locator("#vollstaendigkeit").innerText()).resolves.toContain("Vollständig");
    await page.goto(`/traeger/bewerbungen/${applicationId}/einreichen`);
    await page.getByRole("button", { name: "Verbindlich einreichen" }).click();
    expect(new URL(page.url()).pathname).toMatch(/^\/traeger\/eingaenge\/[^/]+$/);
    const text = await page.locator("main").innerText();
    expect(text).toContain("Ihre Interessenbekundung ist eingegangen.");
    receiptNumber = /EB-\d{4}-[A-Z2-9]{5}-[A-Z2-9]{5}/.exec(text)?.[0] ?? "";
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
