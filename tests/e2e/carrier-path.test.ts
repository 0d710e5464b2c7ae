// The whole path of a new carrier in Chromium with JavaScript: register, confirm the address
// from the mail that arrives through the real SMTP server, start an expression of interest
// for the demo call, fill two lots, upload a concept PDF and the organisation's documents,
// submit bindingly, and check the receipt (page, PDF, mail) against the SHA-256 of the
// uploaded bytes. Then a second organisation and an anonymous visitor try every URL of it.
//
// The steps build on each other (one application, one page), so they run in order.
import type { Browser, BrowserContext, Page } from "playwright-core";
import { extractText } from "unpdf";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { baseURL, collectBrowserErrors, expectAccessible, launchBrowser, newPage } from "./support/browser";
import * as steps from "./support/carrier";
import { euro, fileLinks, RECEIPT_NUMBER, sha256, shownTotals, type SamplePdf } from "./support/carrier";
import { isTo, waitForMail } from "./support/mail";

const LOT_SOCIAL_WORK = "Los 2: Flüchtlingssozialarbeit – Region Nord";
const LOT_COMPANIONSHIP = "Los 3: Flüchtlingsbegleitung – Region Nord";

let browser: Browser;
let page: Page;
const browserErrors: string[] = [];

const carrier = steps.newCarrier("erster", "Flüchtlingshilfe Elbtal e. V.");

// Collected along the way: every URL that belongs to the first organisation's application.
let applicationId = "";
const lotPaths: Record<string, string> = {};
const ownedUrls = new Set<string>();
let conceptPdf: SamplePdf;
let documents: Record<steps.DocumentKind, SamplePdf>;
let receipt: { number: string; path: string; pdfPath: string };

beforeAll(async () => {
  browser = await launchBrowser();
  page = await newPage(browser);
  collectBrowserErrors(page, browserErrors);
  conceptPdf = await steps.samplePdf("Konzept Los 2 Flüchtlingssozialarbeit Region Nord", "Konzept Los 2 – Nord.pdf");
  documents = await steps.sampleDocuments((kind) => `Nachweis ${kind}`);
});
afterAll(async () => {
  await browser?.close();
  steps.removeTempFiles();
});

describe("a new carrier's path from registration to the receipt", () => {
  it("registers an organisation and confirms the address with the link from the mail", async () => {
    await page.goto("/registrieren");
    await expectAccessible(page);
    await steps.fillRegistration(page, carrier);
    await page.getByRole("button", { name: "Registrieren" }).click();
    await page.getByRole("heading", { level: 1, name: steps.CHECK_MAIL }).waitFor();
    expect(await page.locator("main").innerText()).toContain(`Wir haben eine E-Mail an ${carrier.email} gesendet.`);
    await expectAccessible(page);
    await steps.signInAsCarrier(page, carrier);
    const dashboard = await page.locator("main").innerText();
    expect(dashboard).toContain("Bitte bestätigen Sie Ihre E-Mail-Adresse");
    expect(dashboard).toContain(`Wir haben einen Link an ${carrier.email} gesendet.`);
    await expectAccessible(page);

    const link = await steps.confirmationLink(carrier.email);
    expect(new URL(link).origin).toBe(new URL(page.url()).origin);
    await page.goto(link);
    await expect(page.getByRole("heading", { level: 1 }).innerText()).resolves.toBe("E-Mail-Adresse bestätigen");
    await expectAccessible(page);
    await steps.confirmWithLink(page, link);
    expect(await page.locator("main").innerText()).not.toContain("Link erneut senden");
    await expectAccessible(page);
  });

  it("starts an expression of interest for the demo call and chooses two lots", async () => {
    applicationId = await steps.startApplication(page, steps.DEMO_SLUG);
    ownedUrls.add(`/traeger/bewerbungen/${applicationId}`);
    await expect(page.getByRole("heading", { level: 1 }).innerText()).resolves.toBe("Interessenbekundung");
    await expect(page.locator("#vollstaendigkeit").innerText()).resolves.toContain("Wählen Sie mindestens ein Los.");
    await expectAccessible(page);

    await steps.chooseLots(page, [LOT_SOCIAL_WORK, LOT_COMPANIONSHIP]);
    await expect(page.getByLabel(LOT_SOCIAL_WORK, { exact: true }).isChecked()).resolves.toBe(true);
    await expect(page.getByLabel(LOT_COMPANIONSHIP, { exact: true }).isChecked()).resolves.toBe(true);
    for (const label of [LOT_SOCIAL_WORK, LOT_COMPANIONSHIP]) {
      const href = await page.getByRole("link", { name: label, exact: true }).getAttribute("href");
      expect(href).toMatch(new RegExp(`^/traeger/bewerbungen/${applicationId}/lose/[^/]+$`));
      lotPaths[label] = href!;
      ownedUrls.add(href!);
    }
    const missing = await page.locator("#vollstaendigkeit").innerText();
    expect(missing).toContain("Los 2: Abschnitt „Ansatz und Methoden“ des Konzepts fehlt.");
    expect(missing).toContain("Der Registerauszug fehlt.");
    expect(missing).not.toContain("Vollständig");
    await expectAccessible(page);
  });

  it("refuses a Flüchtlingssozialarbeit post without the degree, next to the field and in the summary, keeping the input", async () => {
    await page.goto(lotPaths[LOT_SOCIAL_WORK]);
    await expect(page.getByRole("heading", { level: 1 }).innerText()).resolves.toBe(LOT_SOCIAL_WORK);
    await expectAccessible(page);
    // Flüchtlingssozialarbeit writes its role's sections only: the tandem's, not the coordination's.
    const sections = await steps.fillConcept(page, "Los 2");
    expect(sections).toBe(7);
    await expect(page.locator("textarea[name^='konzept-']").evaluateAll((as) => as.map((a) => a.getAttribute("name")))).resolves.toEqual(
      ["ansatz", "tandem", "wege", "vernetzung", "schutzbeduerftige", "qualitaet", "start"].map((code) => `konzept-${code}`),
    );
    await expect(page.locator("#feld-konzept-tandem-hinweis").innerText()).resolves.toContain("Bewertet im Kriterium „Zusammenarbeit im Tandem und Übergänge“ (15 %).");
    const typedConcept = await page.locator("textarea[name^='konzept-']").evaluateAll((as) => as.map((a) => (a as HTMLTextAreaElement).value));
    // Half of a full-time post's 39 weekly hours.
    await steps.fillPost(steps.newPostRow(page), {
      hours: "19,5",
      qualification: "Erzieherin mit Zusatzqualifikation Migration",
      degree: false,
      payGroup: "S 12",
      languages: "Deutsch, Arabisch, Farsi",
    });
    await steps.fillCosts(page, { personnel: "52.000", material: "3.000", overhead: "2.500,50" });
    await steps.saveLot(page);

    const message =
      "Stelle 1: Für diese Leistung ist ein pädagogischer Hochschulabschluss zwingend. Ohne ihn kann die Stelle nicht angeboten werden.";
    const nextToField = page.locator("#feld-stelle-0-degree-fehler");
    await nextToField.waitFor();
    await expect(nextToField.innerText()).resolves.toContain(message);
    const summary = page.getByRole("alert").filter({ has: page.getByRole("heading", { name: "Bitte korrigieren Sie folgende Angaben:" }) });
    await expect(summary.count()).resolves.toBe(1);
    await expect(summary.locator("a[href='#feld-stelle-0-degree']").innerText()).resolves.toContain(message);
    await expect(summary.getByRole("link").count()).resolves.toBe(1);
    const degree = page.locator("#feld-stelle-0-degree");
    await expect(degree.getAttribute("aria-invalid")).resolves.toBe("true");
    await expect(degree.getAttribute("aria-describedby")).resolves.toContain("feld-stelle-0-degree-fehler");
    expect(new URL(page.url()).searchParams.get("gespeichert")).toBeNull();

    // What was typed stays in the form.
    const row = page.getByRole("group", { name: "Stelle 1", exact: true });
    await expect(row.getByLabel("Wochenstunden").inputValue()).resolves.toBe("19,5");
    await expect(row.getByLabel("Stelle 1: Qualifikation", { exact: true }).inputValue()).resolves.toBe("Erzieherin mit Zusatzqualifikation Migration");
    await expect(row.getByLabel("Vorgesehene Entgeltgruppe").inputValue()).resolves.toBe("S 12");
    await expect(row.getByLabel("Sprachen").inputValue()).resolves.toBe("Deutsch, Arabisch, Farsi");
    await expect(page.getByLabel("Personalkosten je VZÄ und Jahr (Euro)").inputValue()).resolves.toBe("52.000");
    await expect(page.getByLabel("Verwaltungskosten (Overhead) je Jahr (Euro)").inputValue()).resolves.toBe("2.500,50");
    await expect(
      page.locator("textarea[name^='konzept-']").evaluateAll((as) => as.map((a) => (a as HTMLTextAreaElement).value)),
    ).resolves.toEqual(typedConcept);
    await expectAccessible(page);

    // Nothing was saved: a fresh load of the lot shows an empty concept and no totals.
    const fresh = await newPage(browser, { storageState: await page.context().storageState() });
    await fresh.goto(lotPaths[LOT_SOCIAL_WORK]);
    await expect(fresh.locator("textarea[name='konzept-ansatz']").inputValue()).resolves.toBe("");
    await expect(fresh.getByRole("heading", { name: "Berechnete Summen" }).count()).resolves.toBe(0);
    await fresh.context().close();
  });

  it("refuses the post with the degree but paid S 11b, below the floor S 12, naming the floor next to the pay group", async () => {
    const row = page.getByRole("group", { name: "Stelle 1", exact: true });
    await row.getByRole("checkbox", { name: /pädagogischen Hochschulabschluss/ }).check();
    const payGroup = row.getByLabel("Vorgesehene Entgeltgruppe");
    await payGroup.selectOption("S 11b");
    await steps.saveLot(page);
    const message = "Stelle 1: Die Entgeltgruppe liegt unter der Mindestentgeltgruppe S 12 (TVöD SuE) dieser Leistung. So kann die Stelle nicht angeboten werden.";
    const nextToField = page.locator("#feld-stelle-0-payGroup-fehler");
    await nextToField.waitFor();
    await expect(nextToField.innerText()).resolves.toContain(message);
    const summary = page.getByRole("alert").filter({ has: page.getByRole("heading", { name: "Bitte korrigieren Sie folgende Angaben:" }) });
    await expect(summary.locator("a[href='#feld-stelle-0-payGroup']").innerText()).resolves.toContain(message);
    expect(new URL(page.url()).searchParams.get("gespeichert")).toBeNull();
    // The choice stays, and the hint names the floor before anyone chooses.
    await expect(payGroup.inputValue()).resolves.toBe("S 11b");
    await expect(page.locator("#feld-stelle-0-payGroup-hinweis").innerText()).resolves.toBe("Entgeltgruppe nach TVöD SuE oder gleichwertig; für diese Leistung mindestens S 12.");
  });

  it("saves lot 2 at the floor S 12 and shows the computed totals", async () => {
    await page.getByRole("group", { name: "Stelle 1", exact: true }).getByLabel("Vorgesehene Entgeltgruppe").selectOption("S 12");
    await steps.saveLot(page);
    await page.waitForURL((url) => url.searchParams.get("gespeichert") === "1");
    await page.getByRole("heading", { name: "Berechnete Summen" }).waitFor();
    await expect(page.locator(".kern-alert--danger").count()).resolves.toBe(0);
    const totals = await shownTotals(page);
    const termLabel = Object.keys(totals).find((k) => k.startsWith("Gesamtkosten für die Laufzeit"))!;
    const months = Number(/\((\d+) Monate\)/.exec(termLabel)?.[1]);
    expect(months).toBeGreaterThanOrEqual(23);
    expect(months).toBeLessThanOrEqual(25);
    // 19,5 of 39 weekly hours: 0,5 FTE.
    const perYear = 52_000_00 * 0.5 + 3_000_00 + 2_500_50;
    expect(totals).toEqual({
      "Stellen insgesamt (VZÄ)": "0,50",
      "Personalkosten je Jahr": euro(26_000_00),
      "Gesamtkosten je Jahr": euro(perYear),
      [termLabel]: euro(Math.round((perYear * months) / 12)),
    });
    // The saved values come back into the form when the page is loaded again.
    await page.reload();
    const row = page.getByRole("group", { name: "Stelle 1", exact: true });
    await expect(row.getByRole("checkbox", { name: /pädagogischen Hochschulabschluss/ }).isChecked()).resolves.toBe(true);
    await expect(row.getByLabel("Wochenstunden").inputValue()).resolves.toBe("19,5");
    await expect(page.locator("#feld-stelle-0-hours-hinweis").innerText()).resolves.toContain("Gespeichert: 19,5 Wochenstunden (= 0,5 VZÄ).");
    await expect(row.getByLabel("Sprachen").inputValue()).resolves.toBe("Deutsch, Arabisch, Farsi");
    await expect(page.getByLabel("Verwaltungskosten (Overhead) je Jahr (Euro)").inputValue()).resolves.toBe("2500,50");
    await expect(page.locator("textarea[name='konzept-ansatz']").inputValue()).resolves.toMatch(/^Los 2 – Ansatz und Methoden: /);
    await expect(page.getByRole("group", { name: "Stelle 2: weitere Stelle (leer lassen, wenn keine)" }).count()).resolves.toBe(1);
  });

  it("uploads a concept PDF on lot 2 and shows its name and SHA-256", async () => {
    await steps.uploadConcept(page, conceptPdf.name, conceptPdf.bytes);
    await page.waitForURL((url) => url.searchParams.get("hochgeladen") === "1");
    const section = page.locator("section", { has: page.getByRole("heading", { name: "Konzept als Dokument (optional)" }) });
    await section.getByRole("link", { name: conceptPdf.name }).waitFor();
    await expect(section.locator("code").innerText()).resolves.toBe(conceptPdf.sha256);
    await expect(page.getByLabel("Dokument ersetzen").count()).resolves.toBe(1);
    const links = await fileLinks(page);
    expect(links).toHaveLength(1);
    for (const link of links) ownedUrls.add(link);

    // The owner downloads exactly the bytes that were uploaded.
    const download = await page.request.get(links[0]);
    expect(download.status()).toBe(200);
    expect(download.headers()["content-type"]).toBe("application/pdf");
    expect(download.headers()["content-disposition"]).toMatch(/^attachment;/);
    expect(sha256(await download.body())).toBe(conceptPdf.sha256);
    await expectAccessible(page);
  });

  it("saves lot 3 (Flüchtlingsbegleitung, no degree needed) with its totals", async () => {
    await page.goto(lotPaths[LOT_COMPANIONSHIP]);
    await steps.fillLot(
      page,
      "Los 3",
      { hours: "39", qualification: "Sprach- und Kulturmittlerin", degree: false, payGroup: "S 8b", languages: "Deutsch, Tigrinya" },
      { personnel: "45000", material: "1.500", overhead: "1000,00" },
    );
    await page.waitForURL((url) => url.searchParams.get("gespeichert") === "1");
    await page.getByRole("heading", { name: "Berechnete Summen" }).waitFor();
    const totals = await shownTotals(page);
    expect(totals["Stellen insgesamt (VZÄ)"]).toBe("1,00");
    expect(totals["Gesamtkosten je Jahr"]).toBe(euro(47_500_00));
    await expect(page.getByText("Kein Dokument hochgeladen.").count()).resolves.toBe(1);
    await expectAccessible(page);
  });

  it("uploads the four organisation documents as PDFs in one form", async () => {
    await page.goto(`/traeger/bewerbungen/${applicationId}/unterlagen`);
    ownedUrls.add(`/traeger/bewerbungen/${applicationId}/unterlagen`);
    await expect(page.getByRole("heading", { level: 1 }).innerText()).resolves.toBe("Nachweise der Organisation");
    await expectAccessible(page);
    await steps.uploadDocumentsByKind(page, documents);
    await page.waitForURL((url) => url.searchParams.get("hochgeladen") === "1");
    // Each slot of the form shows its file.
    const uploaded = page.locator("#inhalt form[enctype='multipart/form-data']");
    for (const doc of Object.values(documents)) await uploaded.getByRole("link", { name: doc.name }).waitFor();
    const hashes = await uploaded.locator("code").allInnerTexts();
    expect(hashes.sort()).toEqual(Object.values(documents).map((d) => d.sha256).sort());
    const links = await fileLinks(page);
    expect(links).toHaveLength(4);
    for (const link of links) ownedUrls.add(link);
    await expectAccessible(page);
  });

  it("makes the declarations in Textform by form: pay, and an exclusion ground only with its self-cleaning", async () => {
    await page.goto(`/traeger/bewerbungen/${applicationId}/erklaerungen`);
    ownedUrls.add(`/traeger/bewerbungen/${applicationId}/erklaerungen`);
    const pay = page.locator("#erklaerung-pay");
    await pay.getByLabel("Name der erklärenden Person").fill("Erika Elbe");
    await pay.getByLabel("Funktion in der Organisation").fill("Geschäftsführerin");
    await pay.getByLabel("Wir geben diese Erklärung ab.").check();
    await pay.getByRole("button", { name: "Erklärung zur Vergütung abgeben" }).click();
    await page.waitForURL((url) => url.searchParams.get("gespeichert") === "1");
    // The address changes before the new page renders: wait for the content.
    await pay.getByText(/^Abgegeben am /).waitFor();
    await expect(page.locator("#erklaerung-pay").innerText()).resolves.toMatch(/Abgegeben am .+ von Erika Elbe \(Geschäftsführerin\)\./);

    // A ground that applies, ticked without its self-cleaning: refused next to the field, typed values kept.
    const exclusion = page.locator("#erklaerung-exclusion");
    await exclusion.getByLabel("Name der erklärenden Person").fill("Erika Elbe");
    await exclusion.getByLabel("Funktion in der Organisation").fill("Geschäftsführerin");
    await exclusion.getByLabel(/^Ja, die folgenden liegen vor/).check();
    await exclusion.getByRole("checkbox", { name: /^§ 124 Abs\. 1 Nr\. 7 GWB/ }).check();
    await exclusion.getByRole("button", { name: "Erklärung zu Ausschlussgründen abgeben" }).click();
    const summary = page.getByRole("alert");
    await expect(summary.innerText()).resolves.toContain("Bitte beschreiben Sie die Selbstreinigung zu diesem Grund (mindestens 20 Zeichen).");
    await expect(page.locator("#erklaerung-exclusion").getByLabel("Name der erklärenden Person").inputValue()).resolves.toBe("Erika Elbe");
    await expectAccessible(page);
    await page.getByLabel("§ 124 Abs. 1 Nr. 7 GWB: Selbstreinigung zu diesem Grund (§ 125 GWB)").fill("Neue Leitung seit 2016, Vertretungspool und Qualitätsmanagement eingeführt.");
    await page.getByRole("button", { name: "Erklärung zu Ausschlussgründen abgeben" }).click();
    // The address already carries ?gespeichert=1 from the pay declaration: wait for the content.
    await page.locator("#erklaerung-exclusion").getByText(/^Abgegeben am /).waitFor();
    const made = await page.locator("#erklaerung-exclusion").innerText();
    expect(made).toMatch(/Abgegeben am .+ von Erika Elbe \(Geschäftsführerin\)\./);
    expect(made).toContain("§ 124 Abs. 1 Nr. 7 GWB");
  });

  it("turns the completeness check green", async () => {
    await page.goto(`/traeger/bewerbungen/${applicationId}`);
    const check = page.locator("#vollstaendigkeit");
    await expect(check.innerText()).resolves.toContain("Vollständig: Alles Nötige ist angegeben. Sie können einreichen.");
    await expect(check.getAttribute("class")).resolves.toContain("kern-alert--success");
    await expect(check.getAttribute("role")).resolves.toBe("status");
    const chosen = page.locator("section", { has: page.getByRole("heading", { name: "Ihre Lose" }) });
    await expect(chosen.innerText()).resolves.toMatch(/Los 2: Flüchtlingssozialarbeit – Region Nord\s*– 1 Stellen?, 0,5 VZÄ/);
    await expectAccessible(page);
  });

  it("submits bindingly and shows the receipt page with its number and the file's SHA-256", async () => {
    await page.goto(`/traeger/bewerbungen/${applicationId}/einreichen`);
    ownedUrls.add(`/traeger/bewerbungen/${applicationId}/einreichen`);
    const summary = await page.locator("main").innerText();
    expect(summary).toContain(`Organisation: ${carrier.organisationName}`);
    expect(summary).toContain(`Konzeptdokument: ${conceptPdf.name}`);
    expect(summary).toContain("Stelle 1: 19,5 Wochenstunden (= 0,5 VZÄ), Erzieherin mit Zusatzqualifikation Migration, S 12");
    await expectAccessible(page);
    const button = page.getByRole("button", { name: "Verbindlich einreichen" });
    await expect(button.isEnabled()).resolves.toBe(true);
    await button.click();
    await page.waitForURL(/\/traeger\/eingaenge\/[^/]+\?neu=1$/);
    await page.getByText("Ihre Interessenbekundung ist eingegangen.").waitFor();
    const path = new URL(page.url()).pathname;
    const text = await page.locator("main").innerText();
    expect(text).toContain("Ihre Interessenbekundung ist eingegangen.");
    const number = RECEIPT_NUMBER.exec(text)?.[0];
    expect(number, text).toBeDefined();
    await expect(page.title()).resolves.toBe(`Eingangsbestätigung ${number}`);
    expect(text).toContain(conceptPdf.sha256);
    for (const doc of Object.values(documents)) expect(text).toContain(doc.sha256);
    expect(text).toContain(carrier.organisationName);
    expect(text).toMatch(/Erklärung zu Ausschlussgründen\s+Erika Elbe \(Geschäftsführerin\)/);
    const pdfHref = await page.getByRole("link", { name: "Eingangsbestätigung als PDF herunterladen" }).getAttribute("href");
    expect(pdfHref).toBe(`${path}/eingangsbestaetigung.pdf`);
    receipt = { number: number!, path, pdfPath: pdfHref! };
    ownedUrls.add(path);
    ownedUrls.add(pdfHref!);
    await expectAccessible(page);

    // The dashboard lists the receipt.
    await page.goto("/traeger");
    await page.getByRole("link", { name: `Eingangsbestätigung ${number} (Fassung 1)` }).waitFor();
  });

  it("serves the receipt PDF, whose text holds the receipt number and the concept PDF's SHA-256", async () => {
    const response = await page.request.get(receipt.pdfPath);
    expect(response.status()).toBe(200);
    expect(response.headers()["content-type"]).toBe("application/pdf");
    expect(response.headers()["content-disposition"]).toContain(`eingangsbestaetigung-${receipt.number}.pdf`);
    const bytes = await response.body();
    expect(bytes.subarray(0, 5).toString()).toBe("%PDF-");
    const { text } = await extractText(new Uint8Array(bytes), { mergePages: true });
    expect(text).toContain(receipt.number);
    expect(text).toContain(conceptPdf.name);
    expect(text).toMatch(new RegExp(`SHA-256\\s+${conceptPdf.sha256}`));
    for (const doc of Object.values(documents)) expect(text).toMatch(new RegExp(`SHA-256\\s+${doc.sha256}`));
    expect(text).toContain(carrier.organisationName);
  });

  it("mails the receipt with the PDF attached, listing the concept PDF's SHA-256", async () => {
    const mail = await waitForMail((m) => isTo(m, carrier.email) && m.subject.startsWith(`Eingangsbestätigung ${receipt.number}`));
    expect(mail.subject).toBe(`Eingangsbestätigung ${receipt.number} – Demo: Aufruf zur Interessenbekundung: Soziale Betreuung von Geflüchteten in Dresden ab 1. Juni 2017`);
    expect(mail.text).toContain(`Guten Tag ${carrier.name},`);
    expect(mail.text).toContain(`SHA-256: ${conceptPdf.sha256}`);
    expect(mail.text).toContain(`${conceptPdf.name} (`);
    expect(mail.text).toContain(LOT_SOCIAL_WORK);
    expect(mail.text).toContain(LOT_COMPANIONSHIP);
    expect(mail.html).toContain(conceptPdf.sha256);
    expect(mail.attachments).toHaveLength(1);
    const [attachment] = mail.attachments;
    expect(attachment.filename).toBe(`eingangsbestaetigung-${receipt.number}.pdf`);
    expect(attachment.contentType).toBe("application/pdf");
    const { text } = await extractText(new Uint8Array(attachment.content), { mergePages: true });
    expect(text).toContain(receipt.number);
    expect(text).toMatch(new RegExp(`SHA-256\\s+${conceptPdf.sha256}`));
  });

  it("shows the questions page with the ask form to the signed-in carrier", async () => {
    await page.goto(`/aufrufe/${steps.DEMO_SLUG}/fragen`);
    await page.getByLabel("Ihre Frage").waitFor();
    await expect(page.getByRole("button", { name: "Frage senden" }).count()).resolves.toBe(1);
    await expectAccessible(page);
  });

  describe("another organisation and an anonymous visitor", () => {
    let other: Page;
    let anonymous: BrowserContext;

    beforeAll(async () => {
      other = await newPage(browser);
      collectBrowserErrors(other, browserErrors);
      await steps.register(other, steps.newCarrier("zweiter", "Konkurrenz gGmbH"));
      anonymous = await browser.newContext({ baseURL: baseURL(), locale: "de-DE" });
    });
    afterAll(async () => {
      await other?.context().close();
      await anonymous?.close();
    });

    it("collected every URL of the first application", () => {
      const urls = [...ownedUrls];
      expect(urls.filter((u) => u.startsWith("/dateien/"))).toHaveLength(5);
      expect(urls.filter((u) => u.includes("/lose/"))).toHaveLength(2);
      // overview, 2 lots, documents, declarations, submit page, receipt page and PDF, 5 files
      expect(urls).toHaveLength(1 + 2 + 1 + 1 + 1 + 2 + 5);
    });

    it("answers 404 to a second organisation on every URL of the first one's application", async () => {
      const statuses: Record<string, number> = {};
      for (const url of ownedUrls) {
        const response = await other.request.get(url, { maxRedirects: 0 });
        statuses[url] = response.status();
        const body = await response.text();
        expect(body, url).not.toContain(carrier.organisationName);
        expect(body, url).not.toContain(conceptPdf.sha256);
      }
      expect(statuses).toEqual(Object.fromEntries([...ownedUrls].map((u) => [u, 404])));

      // In the browser too: the not-found page, nothing of the first organisation.
      const response = await other.goto(`/traeger/bewerbungen/${applicationId}`);
      expect(response?.status()).toBe(404);
      await expect(other.getByRole("heading", { level: 1 }).innerText()).resolves.toBe("Seite nicht gefunden");
    });

    it("answers 404 to a second organisation's form posts on the first one's application and changes nothing", async () => {
      const base = `/traeger/bewerbungen/${applicationId}`;
      const lotId = lotPaths[LOT_SOCIAL_WORK].split("/").pop()!;
      const attempts: [string, Parameters<Page["request"]["post"]>[1]][] = [
        [base, { form: { lots: lotId } }],
        [lotPaths[LOT_SOCIAL_WORK], { form: { "konzept-ansatz": "übernommen", "kosten-personal": "1", "kosten-sach": "1", "kosten-gemein": "1" } }],
        [lotPaths[LOT_SOCIAL_WORK], { multipart: { konzeptdatei: { name: "x.pdf", mimeType: "application/pdf", buffer: Buffer.from(conceptPdf.bytes) } } }],
        [`${base}/unterlagen`, { multipart: { references: { name: "x.pdf", mimeType: "application/pdf", buffer: Buffer.from(conceptPdf.bytes) } } }],
        [`${base}/unterlagen`, { form: { intent: "detach", fileId: [...ownedUrls].find((u) => u.startsWith("/dateien/"))!.split("/").pop()! } }],
        [`${base}/erklaerungen`, { form: { intent: "pay", "lohn-name": "Fremd", "lohn-funktion": "Fremd", "lohn-bestaetigt": "ja" } }],
        [`${base}/einreichen`, { form: { intent: "withdraw" } }],
        [`${base}/einreichen`, { form: { intent: "submit" } }],
      ];
      const statuses = [];
      for (const [url, options] of attempts) {
        const response = await other.request.post(url, { ...options, maxRedirects: 0 });
        statuses.push(`${url} ${response.status()}`);
      }
      expect(statuses).toEqual(attempts.map(([url]) => `${url} 404`));

      // The first organisation's submission still stands, unchanged.
      await page.goto(base);
      const text = await page.locator("main").innerText();
      expect(text).toContain(`Eingangsnummer ${receipt.number}`);
      expect(text).not.toContain("Sie haben seitdem Änderungen gespeichert");
    });

    it("sends an anonymous visitor to /anmelden from every URL of the application", async () => {
      const request = anonymous.request;
      for (const url of ownedUrls) {
        const response = await request.get(url, { maxRedirects: 0 });
        expect([302, 303], url).toContain(response.status());
        const location = new URL(response.headers().location, "http://x");
        expect(location.pathname, url).toBe("/anmelden");
        expect(location.searchParams.get("weiter"), url).toBe(url);
      }
      // Signing in there leads the owner on to the page asked for.
      const visitor = await anonymous.newPage();
      await visitor.goto(receipt.path);
      expect(new URL(visitor.url()).pathname).toBe("/anmelden");
      await expect(visitor.getByRole("heading", { level: 1 }).innerText()).resolves.toBe("Anmelden");
      await visitor.getByLabel("E-Mail-Adresse").fill(carrier.email);
      await visitor.getByLabel("Passwort").fill(carrier.password);
      await visitor.getByRole("button", { name: "Anmelden" }).click();
      await visitor.waitForURL((url) => url.pathname === receipt.path);
      await visitor.getByText(receipt.number).first().waitFor();
    });
  });

  it("raised no JavaScript error in the browser", () => {
    expect(browserErrors).toEqual([]);
  });
});
