// Steps of a carrier (Träger) in the browser, shared by the end-to-end tests: register,
// confirm the address from the mail, start an expression of interest, fill a lot, upload.
// Every step works with and without JavaScript (plain form posts).
import { randomBytes } from "node:crypto";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import type { Locator, Page } from "playwright-core";
import { expect } from "vitest";
import { makePdf as makeSamplePdf, sha256 } from "../../support/sample-files";
import { isTo, linkIn, waitForMail } from "./mail";

export const DEMO_SLUG = "dresden-2017-demo";

/** An address no earlier run (nor another test) has used. */
export function uniqueEmail(label: string): string {
  return `${label}-${Date.now().toString(36)}-${randomBytes(3).toString("hex")}@traeger.example`;
}

export type CarrierAccount = {
  organisationName: string;
  name: string;
  email: string;
  password: string;
};

export function newCarrier(label: string, organisationName: string): CarrierAccount {
  return {
    organisationName: `${organisationName} ${randomBytes(2).toString("hex")}`,
    name: `Petra ${label[0].toUpperCase()}${label.slice(1)}`,
    email: uniqueEmail(label),
    password: "Elbwiesen im Februar sind kalt 2017",
  };
}

export { sha256 } from "../../support/sample-files";

/** A real, small PDF made with pdf-lib; `title` and a random line make its bytes (and hash) unique. */
export function makePdf(title: string): Promise<Uint8Array> {
  return makeSamplePdf(title, { unique: true });
}

export type SamplePdf = { bytes: Uint8Array; sha256: string; name: string };

/** A unique PDF saying `title`, with its hash and the file name it is uploaded under. */
export async function samplePdf(title: string, name: string): Promise<SamplePdf> {
  const bytes = await makePdf(title);
  return { bytes, sha256: sha256(bytes), name };
}

/** The organisation's documents (Nachweise) by kind, with the labels of their upload fields. */
export const DOCUMENT_LABELS = {
  registerExtract: "Datei: Registerauszug",
  nonProfitCertificate: "Datei: Nachweis der Gemeinnützigkeit",
  references: "Datei: Referenzen",
  declarations: "Datei: Weitere unterschriebene Erklärungen",
} as const;
export type DocumentKind = keyof typeof DOCUMENT_LABELS;

/** One unique PDF per document kind, named `<kind><suffix>.pdf`. */
export async function sampleDocuments(title: (kind: DocumentKind) => string, suffix = ""): Promise<Record<DocumentKind, SamplePdf>> {
  const entries = [];
  for (const kind of Object.keys(DOCUMENT_LABELS) as DocumentKind[]) entries.push([kind, await samplePdf(title(kind), `${kind}${suffix}.pdf`)] as const);
  return Object.fromEntries(entries) as Record<DocumentKind, SamplePdf>;
}

/** The number a receipt (Eingangsbestätigung) carries. */
export const RECEIPT_NUMBER = /EB-\d{4}-[A-Z2-9]{5}-[A-Z2-9]{5}/;

let tempDir: string | undefined;

/** Writes `bytes` to a fresh temporary file named `name` and returns its path. */
export function tempFile(name: string, bytes: Uint8Array): string {
  tempDir ??= fs.mkdtempSync(path.join(os.tmpdir(), "portal-e2e-files-"));
  const dir = fs.mkdtempSync(path.join(tempDir, "f-"));
  const file = path.join(dir, name);
  fs.writeFileSync(file, bytes);
  return file;
}

export function removeTempFiles() {
  if (tempDir) fs.rmSync(tempDir, { recursive: true, force: true });
  tempDir = undefined;
}

/** The path (and query) of the page's URL. */
export function pathOf(page: Page): string {
  const url = new URL(page.url());
  return url.pathname + url.search;
}

/** Fills the form of /registrieren. */
export async function fillRegistration(page: Page, account: CarrierAccount) {
  await page.getByLabel("Name der Organisation", { exact: true }).fill(account.organisationName);
  await page.getByLabel("Rechtsform", { exact: true }).fill("eingetragener Verein (e. V.)");
  await page.getByLabel("Straße und Hausnummer", { exact: true }).fill("Königsbrücker Straße 12");
  await page.getByLabel("Postleitzahl", { exact: true }).fill("01099");
  await page.getByLabel("Ort", { exact: true }).fill("Dresden");
  await page.getByLabel("Registergericht", { exact: true }).fill("Amtsgericht Dresden");
  await page.getByLabel("Registernummer", { exact: true }).fill("VR 4711");
  await page.getByRole("radio", { name: "Ja", exact: true }).check();
  await page.getByLabel("Telefon", { exact: true }).fill("0351 1234567");
  await page.getByLabel("Ihr Name", { exact: true }).fill(account.name);
  await page.getByLabel("E-Mail-Adresse", { exact: true }).fill(account.email);
  await page.getByLabel("Passwort", { exact: true }).fill(account.password);
}

/**
 * Registers and signs in (the address still unconfirmed). Registering signs nobody in: the
 * page says "check your mail" whether or not the address was taken (G15).
 */
export async function register(page: Page, account: CarrierAccount) {
  await page.goto("/registrieren");
  await fillRegistration(page, account);
  await page.getByRole("button", { name: "Registrieren" }).click();
  await page.getByRole("heading", { level: 1, name: CHECK_MAIL }).waitFor();
  await signInAsCarrier(page, account);
}

export const CHECK_MAIL = "Bitte prüfen Sie Ihr E-Mail-Postfach";

/** Signs in on /anmelden and waits for the organisation's dashboard. */
export async function signInAsCarrier(page: Page, account: CarrierAccount) {
  await page.goto("/anmelden");
  await page.getByLabel("E-Mail-Adresse").fill(account.email);
  await page.getByLabel("Passwort").fill(account.password);
  await page.getByRole("button", { name: "Anmelden" }).click();
  await page.waitForURL((url) => url.pathname === "/traeger");
  await page.getByRole("heading", { level: 1, name: account.organisationName, exact: true }).waitFor();
}

/** Waits for the confirmation mail and returns its link (…/bestaetigen/<token>). */
export async function confirmationLink(email: string): Promise<string> {
  const mail = await waitForMail((m) => isTo(m, email) && m.subject === "Bitte bestätigen Sie Ihre E-Mail-Adresse");
  return linkIn(mail, "/bestaetigen/");
}

/** Opens the link and presses the button; the member is back on the dashboard, confirmed. */
export async function confirmWithLink(page: Page, link: string) {
  await page.goto(link);
  await page.getByRole("button", { name: "E-Mail-Adresse bestätigen" }).click();
  await page.waitForURL((url) => url.pathname === "/traeger" && url.searchParams.get("bestaetigt") === "1");
  await page.getByText("Ihre E-Mail-Adresse ist bestätigt.").waitFor();
}

/** Registers, then confirms the address with the link from the mail. */
export async function registerAndConfirm(page: Page, account: CarrierAccount) {
  await register(page, account);
  await confirmWithLink(page, await confirmationLink(account.email));
}

/** On the dashboard: starts an expression of interest for the call; returns the application id. */
export async function startApplication(page: Page, slug = DEMO_SLUG): Promise<string> {
  if (new URL(page.url()).pathname !== "/traeger") await page.goto("/traeger");
  const card = page.locator("li", { has: page.locator(`a[href="/aufrufe/${slug}"]`) });
  await card.getByRole("button", { name: /^Interessenbekundung beginnen/ }).click();
  await page.waitForURL(/\/traeger\/bewerbungen\/[^/]+$/);
  await page.getByRole("heading", { level: 1, name: "Interessenbekundung", exact: true }).waitFor();
  return new URL(page.url()).pathname.split("/").pop()!;
}

/** On the application overview: ticks the lots (by their labels) and saves the selection. */
export async function chooseLots(page: Page, labels: string[]) {
  for (const label of labels) await page.getByLabel(label, { exact: true }).check();
  await page.getByRole("button", { name: "Auswahl speichern" }).click();
  await page.waitForURL(/#lose$/);
  const chosen = page.locator("section", { has: page.getByRole("heading", { name: "Ihre Lose" }) });
  for (const label of labels) await chosen.getByRole("link", { name: label }).waitFor();
}

/**
 * From the application overview: opens a lot's page by its link. Waits for the page's heading,
 * not only the address: a client-side navigation changes the URL before React has shown the page.
 */
export async function openLot(page: Page, label: string) {
  await page.getByRole("link", { name: label, exact: true }).click();
  await page.waitForURL(/\/lose\/[^/]+$/);
  await page.getByRole("heading", { level: 1, name: label }).waitFor();
}

export type PostInput = { hours: string; qualification: string; degree: boolean; payGroup: string; languages: string };
export type CostInput = { personnel: string; material: string; overhead: string };

/** The concept textareas of a lot page, each filled with a text naming its section. */
export async function fillConcept(page: Page, lotLabel: string) {
  const areas = page.locator("textarea[name^='konzept-']");
  const count = await areas.count();
  expect(count).toBeGreaterThan(0);
  for (let i = 0; i < count; i++) {
    const area = areas.nth(i);
    const id = await area.getAttribute("id");
    const label = await page.locator(`label[for="${id}"]`).innerText();
    await area.fill(`${lotLabel} – ${label}: Wir arbeiten aufsuchend, mehrsprachig und eng mit den Netzwerken im Stadtteil zusammen.`);
  }
  return count;
}

/** The empty post row ("Stelle 2: weitere Stelle …") of a lot page. */
export function newPostRow(page: Page): Locator {
  return page.getByRole("group", { name: /^Stelle \d+: weitere Stelle \(leer lassen, wenn keine\)$/ });
}

export async function fillPost(row: Locator, post: PostInput) {
  await row.getByLabel("Wochenstunden").fill(post.hours);
  await row.getByLabel(/^Stelle \d+: Qualifikation$/).fill(post.qualification);
  await row.getByRole("checkbox", { name: /pädagogischen Hochschulabschluss/ }).setChecked(post.degree);
  await row.getByLabel("Vorgesehene Entgeltgruppe").selectOption(post.payGroup);
  await row.getByLabel("Sprachen").fill(post.languages);
}

export async function fillCosts(page: Page, costs: CostInput) {
  await page.getByLabel("Personalkosten je VZÄ und Jahr (Euro)").fill(costs.personnel);
  await page.getByLabel("Sachkosten je Jahr (Euro)").fill(costs.material);
  await page.getByLabel("Verwaltungskosten (Overhead) je Jahr (Euro)").fill(costs.overhead);
}

export async function saveLot(page: Page) {
  await page.getByRole("button", { name: "Entwurf speichern" }).click();
}

/**
 * On a lot page: writes every concept section (see fillConcept), one post in the empty row and
 * the cost plan, then saves. Returns the number of concept sections.
 */
export async function fillLot(page: Page, lotLabel: string, post: PostInput, costs: CostInput): Promise<number> {
  const sections = await fillConcept(page, lotLabel);
  await fillPost(newPostRow(page), post);
  await fillCosts(page, costs);
  await saveLot(page);
  return sections;
}

/** On a lot page: uploads the concept document with the lot's own (multipart) form. */
export async function uploadConcept(page: Page, name: string, bytes: Uint8Array) {
  await page.getByLabel("Dokument zum Konzept").setInputFiles(tempFile(name, bytes));
  await page.locator("form[enctype='multipart/form-data']").getByRole("button", { name: "Hochladen" }).click();
}

/** On the documents page: puts each file in the field `label` and sends them in one form post. */
export async function uploadDocuments(page: Page, files: [label: string, name: string, bytes: Uint8Array][]) {
  for (const [label, name, bytes] of files) await page.getByLabel(label, { exact: true }).setInputFiles(tempFile(name, bytes));
  await page.getByRole("button", { name: "Hochladen", exact: true }).click();
}

/** uploadDocuments for documents by kind, each in its own slot. */
export function uploadDocumentsByKind(page: Page, documents: Partial<Record<DocumentKind, { name: string; bytes: Uint8Array }>>) {
  return uploadDocuments(page, Object.entries(documents).map(([kind, doc]) => [DOCUMENT_LABELS[kind as DocumentKind], doc.name, doc.bytes]));
}

/** The computed totals on a lot page: label → shown value. */
export async function shownTotals(page: Page): Promise<Record<string, string>> {
  const section = page.locator("section", { has: page.getByRole("heading", { name: "Berechnete Summen" }) });
  const keys = await section.locator("dt").allInnerTexts();
  const values = await section.locator("dd").allInnerTexts();
  return Object.fromEntries(keys.map((k, i) => [k.trim(), values[i].trim()]));
}

/** Every /dateien/<id> link on the page, as absolute paths. */
export async function fileLinks(page: Page): Promise<string[]> {
  const hrefs = await page.locator("a[href^='/dateien/']").evaluateAll((as) => as.map((a) => a.getAttribute("href")!));
  return [...new Set(hrefs)];
}

/** "1.234,5" style German euro amount from cents, as the portal shows it ("83.500,00 €"). */
export function euro(cents: number): string {
  return `${new Intl.NumberFormat("de-DE", { minimumFractionDigits: 2, maximumFractionDigits: 2 }).format(cents / 100)} €`;
}

/**
 * Both declarations in Textform (pay; no exclusion ground) by posting the declarations
 * step's two forms, without loading the page: for paths whose subject is elsewhere
 * (carrier-path makes them through the page itself).
 */
export async function declareByPost(page: Page, applicationId: string, who = { name: "Erika Beispiel", role: "Geschäftsführerin" }) {
  const url = `/traeger/bewerbungen/${applicationId}/erklaerungen`;
  const forms: Record<string, string>[] = [
    { intent: "pay", "lohn-name": who.name, "lohn-funktion": who.role, "lohn-bestaetigt": "ja" },
    { intent: "exclusion", "ausschluss-name": who.name, "ausschluss-funktion": who.role, "ausschluss-auswahl": "none" },
  ];
  for (const form of forms) {
    const response = await page.request.post(url, { form, maxRedirects: 0 });
    if (response.status() !== 302) throw new Error(`declaration ${form.intent} answered ${response.status()}`);
  }
}
