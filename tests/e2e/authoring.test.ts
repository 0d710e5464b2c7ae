// An officer authors a call in the browser: a copy of Dresden's call, a weight that breaks
// the 100 %, fixed; new dates; an official PDF; the preview; publishing. The public then
// reads the call and downloads the PDF without an account.
//
// Publishing adds a call to the public start page, whose list other test files check
// exactly. So this file runs its own server (the build of the global setup, its own
// DATA_DIR with the demo) and leaves the shared one as it was.
import type { Browser, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { expectAccessible, launchBrowser, newPage } from "./support/browser";
import { makePdf, removeTempFiles, sha256, tempFile } from "./support/carrier";
import { startOwnServer, type OwnServer } from "./support/own-server";
import { ROLE_NAMES, roleWeightsRefusal, weightSumsOfRoles } from "./support/weights";
import { passSecondFactor } from "./support/second-factor";

const OFFICER = { email: "vergabe.a@demo.example", password: "demo-vergabe-a-2017" };
const HISTORIC_TITLE = "Aufruf zur Interessenbekundung: Soziale Betreuung von Geflüchteten in Dresden ab 1. Juni 2017";
const SLUG = `betreuung-${Date.now().toString(36)}`;
const TITLE = "Aufruf zur Interessenbekundung: Soziale Betreuung ab 2028 (Test)";
const EDITOR = `/verwaltung/aufrufe/${SLUG}/bearbeiten`;
// A year ahead, whatever the clock says: winter and summer dates, to see both offsets.
const YEAR = new Date().getFullYear() + 1;
const DATES: Record<string, string> = {
  published: `${YEAR}-01-04T09:00`,
  questionDeadline: `${YEAR}-02-15T12:00`,
  submissionDeadline: `${YEAR}-03-01T12:00`,
  opening: `${YEAR}-03-01T14:00`,
  bindingPeriodEnd: `${YEAR}-06-30T23:59`,
  serviceStart: `${YEAR}-07-01T00:00`,
  contractEnd: `${YEAR + 2}-06-30T23:59`,
};
/** The last Sunday of March, when clocks in Berlin jump from 2:00 to 3:00. */
function summerTimeStarts(year: number): string {
  const day = 31 - new Date(Date.UTC(year, 2, 31)).getUTCDay();
  return `${year}-03-${day}`;
}
// Lowering a criterion of every role by 5 points leaves each of the four roles at 95 %: the
// refusal names each of them.

let server: OwnServer | undefined;
let baseURL: string;
let browser: Browser;
let officer: Page;

beforeAll(async () => {
  server = await startOwnServer({ name: "authoring" });
  baseURL = server.baseURL;
  browser = await launchBrowser();
  officer = await newPage(browser, { baseURL });
  await officer.goto("/anmelden");
  await officer.getByLabel("E-Mail-Adresse").fill(OFFICER.email);
  await officer.getByLabel("Passwort").fill(OFFICER.password);
  await officer.getByRole("button", { name: "Anmelden" }).click();
  await passSecondFactor(officer, OFFICER, "/verwaltung");
});

afterAll(async () => {
  await browser?.close();
  await server?.stop();
  removeTempFiles();
});

/** An element by its id (field ids carry brackets and dots: `feld-criteria[1].weight`). */
const byId = (page: Page, id: string) => page.locator(`[id="${id}"]`);
const summary = (page: Page) => page.locator(".kern-alert--danger");

describe("authoring a call", () => {
  let pdf: Uint8Array;

  it("creates a draft as a copy of Dresden's call", async () => {
    await officer.goto("/verwaltung");
    await officer.getByRole("link", { name: "Neuen Aufruf anlegen" }).click();
    await officer.waitForURL("**/verwaltung/aufrufe/neu");
    await expectAccessible(officer);

    // A slug that is not one: refused next to the field, the typed values kept.
    await officer.getByRole("radio", { name: new RegExp(`^Kopie von „${HISTORIC_TITLE}“`) }).check();
    await officer.getByLabel("Kurzname").fill("Nicht Gültig");
    await officer.getByLabel("Titel des Aufrufs").fill(TITLE);
    await officer.getByRole("button", { name: "Entwurf anlegen" }).click();
    await byId(officer, "feld-slug-fehler").waitFor();
    await expect(byId(officer, "feld-slug-fehler").innerText()).resolves.toContain("Kurzname: 3–64 Kleinbuchstaben");
    await expect(summary(officer).locator("a[href='#feld-slug']").count()).resolves.toBe(1);
    await expect(officer.getByLabel("Titel des Aufrufs").inputValue()).resolves.toBe(TITLE);
    await expect(officer.getByRole("radio", { name: new RegExp(`^Kopie von „${HISTORIC_TITLE}“`) }).isChecked()).resolves.toBe(true);
    await expectAccessible(officer);

    await officer.getByLabel("Kurzname").fill(SLUG);
    await officer.getByRole("button", { name: "Entwurf anlegen" }).click();
    await officer.waitForURL((url) => url.pathname === EDITOR);
    await officer.getByRole("heading", { level: 1, name: TITLE }).waitFor();
    await expect(officer.locator("main").innerText()).resolves.toContain("Der Entwurf ist angelegt.");
    // The copy keeps Dresden's 2017 dates: the editor says they must change.
    await expect(officer.locator("main").innerText()).resolves.toContain("Die Frist für Fragen liegt nicht in der Zukunft.");
    await expectAccessible(officer);
  });

  it("refuses weights that sum to 95 % next to the field and in the summary, keeping the typed value", async () => {
    const weight = byId(officer, "feld-criteria[1].weight");
    await expect(weight.inputValue()).resolves.toBe("20");
    await weight.fill("15");
    await expect(byId(officer, "feld-criteria").innerText()).resolves.toContain(weightSumsOfRoles(95)); // live, with JavaScript
    await officer.getByRole("button", { name: "Wertungskriterien speichern" }).click();
    await byId(officer, "feld-criteria[1].weight-fehler").waitFor();
    // The criterion applies to every role: each role misses 100 %, and each is named.
    const messages = [
      await byId(officer, "feld-criteria[1].weight-fehler").innerText(),
      await byId(officer, "feld-criteria-fehler").innerText(),
      await summary(officer).locator("a[href='#feld-criteria']").innerText(),
    ];
    for (const message of messages) for (const role of ROLE_NAMES) expect(message, role).toContain(roleWeightsRefusal(role, 95));
    await expect(weight.inputValue()).resolves.toBe("15");
    await expect(weight.getAttribute("aria-invalid")).resolves.toBe("true");
    await expectAccessible(officer);
  });

  it("saves the fixed weights", async () => {
    await byId(officer, "feld-criteria[0].weight").fill("30");
    await officer.getByRole("button", { name: "Wertungskriterien speichern" }).click();
    await officer.waitForURL((url) => url.searchParams.get("gespeichert") === "criteria");
    // The sums follow the typing (with JavaScript): wait for the saved page itself.
    await officer.getByText("Der Abschnitt „Wertungskriterien“ ist gespeichert.").waitFor();
    await expect(byId(officer, "feld-criteria").innerText()).resolves.toContain(weightSumsOfRoles(100));
    await expect(officer.locator("main").innerText()).resolves.not.toContain("müssen zusammen 100 % ergeben");
    await expect(byId(officer, "feld-criteria[0].weight").inputValue()).resolves.toBe("30");
    await expect(byId(officer, "feld-criteria[1].weight").inputValue()).resolves.toBe("15");
  });

  it("refuses contract terms out of range next to each field and in the summary, keeping what was typed, then saves them", async () => {
    const save = () => officer.getByRole("button", { name: "Vertragsbedingungen speichern" }).click();
    await byId(officer, "feld-contract.reporting.interval").selectOption("quarterly");
    await byId(officer, "feld-contract.reporting.dueDays").fill("120");
    await byId(officer, "feld-contract.vacancyToleranceDays").fill("45");
    await byId(officer, "feld-contract.adjustmentTolerancePercent").fill("15");
    await save();
    await byId(officer, "feld-contract.reporting.dueDays-fehler").waitFor();
    const refusal = "Die Meldefrist muss eine ganze Zahl von 0 bis 90 Tagen sein";
    await expect(byId(officer, "feld-contract.reporting.dueDays-fehler").innerText()).resolves.toContain(refusal);
    await expect(summary(officer).locator("a[href='#feld-contract.reporting.dueDays']").innerText()).resolves.toContain(refusal);
    await expect(byId(officer, "feld-contract.reporting.dueDays").inputValue()).resolves.toBe("120");
    await expect(byId(officer, "feld-contract.vacancyToleranceDays").inputValue()).resolves.toBe("45");
    await expect(byId(officer, "feld-contract.adjustmentTolerancePercent").inputValue()).resolves.toBe("15");
    await expect(byId(officer, "feld-contract.reporting.interval").inputValue()).resolves.toBe("quarterly");
    await expectAccessible(officer);

    await byId(officer, "feld-contract.reporting.dueDays").fill("30");
    await save();
    await officer.waitForURL((url) => url.searchParams.get("gespeichert") === "contract");
    await expect(byId(officer, "feld-contract.vacancyToleranceDays").inputValue()).resolves.toBe("45");
    await expect(byId(officer, "feld-contract.adjustmentTolerancePercent").inputValue()).resolves.toBe("15");
  });

  it("refuses to publish with the question deadline in the past", async () => {
    await officer.getByRole("button", { name: "Veröffentlichen" }).click();
    await byId(officer, "feld-dates.questionDeadline-fehler").waitFor();
    await expect(summary(officer).innerText()).resolves.toContain("Die Frist für Fragen liegt nicht in der Zukunft");
    await expectAccessible(officer);
  });

  it("refuses dates out of order, then saves new dates in Berlin time", async () => {
    const fill = async (dates: Record<string, string>) => {
      for (const [key, value] of Object.entries(dates)) await byId(officer, `feld-dates.${key}`).fill(value);
      await officer.getByRole("button", { name: "Termine und Fristen speichern" }).click();
    };
    await fill({ ...DATES, questionDeadline: `${YEAR}-03-02T12:00` });
    await byId(officer, "feld-dates.submissionDeadline-fehler").waitFor();
    await expect(byId(officer, "feld-dates.submissionDeadline-fehler").innerText()).resolves.toContain(
      "Die Einreichungsfrist muss nach der Frist für Fragen liegen",
    );
    await expect(byId(officer, "feld-dates.questionDeadline").inputValue()).resolves.toBe(`${YEAR}-03-02T12:00`);

    await fill(DATES);
    await officer.waitForURL((url) => url.searchParams.get("gespeichert") === "dates");
    await officer.getByText("Der Abschnitt „Termine und Fristen“ ist gespeichert.").waitFor();
    await expect(byId(officer, "feld-dates.serviceStart").inputValue()).resolves.toBe(DATES.serviceStart);
    await expect(byId(officer, "feld-dates.serviceStart-hinweis").innerText()).resolves.toBe(`Gespeichert: 1. Juli ${YEAR} um 00:00 MESZ`);
    await expect(byId(officer, "feld-dates.submissionDeadline-hinweis").innerText()).resolves.toBe(`Gespeichert: 1. März ${YEAR} um 12:00 MEZ`);
    expect(await officer.locator("main").innerText()).not.toContain("Die Frist für Fragen liegt nicht in der Zukunft.");
  });

  it("uploads the official PDF and lists it with its size and SHA-256", async () => {
    pdf = await makePdf(`Leistungsbeschreibung ${SLUG}`);
    await officer.getByLabel("Titel der Unterlage").fill("Leistungsbeschreibung");
    await byId(officer, "feld-document.description").fill("Standards der sozialen Betreuung");
    await officer.getByLabel("PDF-Datei").setInputFiles(tempFile("Leistungsbeschreibung.pdf", pdf));
    await officer.getByRole("button", { name: "Unterlage hochladen" }).click();
    await officer.waitForURL((url) => url.searchParams.get("gespeichert") === "documents");
    const section = officer.locator("#abschnitt-documents");
    await section.getByRole("link", { name: "Leistungsbeschreibung" }).waitFor();
    await expect(section.innerText()).resolves.toContain(sha256(pdf));
    await expect(section.innerText()).resolves.toContain("Leistungsbeschreibung.pdf");
    await expectAccessible(officer);
  });

  it("shows the preview as the public will see it, marked as not published", async () => {
    await officer.getByRole("link", { name: "Vorschau ansehen" }).first().click();
    await officer.waitForURL(`**/verwaltung/aufrufe/${SLUG}/vorschau`);
    await officer.getByText("Vorschau – noch nicht veröffentlicht").waitFor();
    await officer.getByRole("heading", { level: 1, name: TITLE }).waitFor();
    const text = await officer.locator("main").innerText();
    await expect(officer.locator("#lose tbody tr").count()).resolves.toBe(16);
    await expect(officer.locator("#kriterien tbody").innerText()).resolves.toMatch(/Fachliches Konzept und Methoden\s+alle Leistungen\s+30 %/);
    await expect(officer.locator("#unterlagen").getByRole("link", { name: "Leistungsbeschreibung" }).count()).resolves.toBe(1);
    expect(text).toContain("Noch ");
    await expectAccessible(officer);
  });

  it("publishes, and the public reads the call and downloads its PDF without an account", async () => {
    await officer.getByRole("button", { name: "Veröffentlichen" }).click();
    await officer.waitForURL((url) => url.pathname === `/aufrufe/${SLUG}`);

    const visitor = await newPage(browser, { baseURL });
    const response = await visitor.goto(`/aufrufe/${SLUG}`);
    expect(response?.status()).toBe(200);
    const text = await visitor.locator("main").innerText();
    expect(text).toContain(TITLE);
    expect(text).not.toContain("Vorschau");
    expect(text).toMatch(new RegExp(`Einreichungsfrist\\s+1\\. März ${YEAR} um 12:00 MEZ`));
    expect(text).toMatch(new RegExp(`Leistungsbeginn\\s+1\\. Juli ${YEAR} um 00:00 MESZ`));
    // The contract terms saved in the editor.
    expect(text).toContain("vierteljährlich, fällig 30 Tage nach dem Ende des Quartals");
    expect(text).toContain("länger als 45 Tage unbesetzt");
    await expectAccessible(visitor);
    const link = visitor.locator("#unterlagen").getByRole("link", { name: "Leistungsbeschreibung" });
    const href = await link.getAttribute("href");
    expect(href).toMatch(/^\/dateien\/[A-Za-z0-9_-]+$/);

    const download = await fetch(`${baseURL}${href}`, { redirect: "manual" });
    expect(download.status).toBe(200);
    expect(download.headers.get("content-type")).toBe("application/pdf");
    expect(download.headers.get("content-disposition")).toMatch(/^attachment; filename="Leistungsbeschreibung.pdf"/);
    expect(sha256(new Uint8Array(await download.arrayBuffer()))).toBe(sha256(pdf));
    await visitor.context().close();
  });

  it("no longer edits the published call", async () => {
    await officer.goto(EDITOR);
    await expect(officer.locator("main").innerText()).resolves.toContain("Dieser Aufruf ist veröffentlicht und kann nicht mehr bearbeitet werden.");
    await expect(officer.getByRole("button", { name: "Wertungskriterien speichern" }).count()).resolves.toBe(0);
    const response = await officer.request.post(EDITOR, { form: { intent: "criteria" }, headers: { Origin: baseURL }, maxRedirects: 0 });
    expect(response.status()).toBe(409);
  });
});

describe("without JavaScript", () => {
  it("creates a call from the template, refuses a time skipped by summer time, and uploads a PDF", async () => {
    const page = await newPage(browser, { baseURL, javaScriptEnabled: false });
    await page.context().addCookies(await officer.context().cookies());
    const slug = `vorlage-${Date.now().toString(36)}`;
    await page.goto("/verwaltung/aufrufe/neu");
    await page.getByRole("radio", { name: /^Vorlage/ }).check();
    await page.getByLabel("Kurzname").fill(slug);
    await page.getByLabel("Titel des Aufrufs").fill("Aus der Vorlage");
    await page.getByRole("button", { name: "Entwurf anlegen" }).click();
    await page.waitForURL((url) => url.pathname === `/verwaltung/aufrufe/${slug}/bearbeiten`);
    expect(await page.locator("main").innerText()).not.toContain("Die Frist für Fragen liegt nicht in der Zukunft.");

    const gap = `${summerTimeStarts(YEAR + 1)}T02:30`;
    await byId(page, "feld-dates.serviceStart").fill(gap);
    await page.getByRole("button", { name: "Termine und Fristen speichern" }).click();
    await expect(byId(page, "feld-dates.serviceStart-fehler").innerText()).resolves.toContain("Diese Uhrzeit gibt es in deutscher Zeit nicht");
    await expect(summary(page).locator("a[href='#feld-dates.serviceStart']").count()).resolves.toBe(1);
    await expect(byId(page, "feld-dates.serviceStart").inputValue()).resolves.toBe(gap);
    // (axe needs JavaScript in the page; the same page was checked with it above.)

    const bytes = await makePdf(`Vorlage ${slug}`);
    await page.getByLabel("Titel der Unterlage").fill("Aufruf (amtliche Fassung)");
    await page.getByLabel("PDF-Datei").setInputFiles(tempFile("Aufruf.pdf", bytes));
    await page.getByRole("button", { name: "Unterlage hochladen" }).click();
    await page.waitForURL((url) => url.searchParams.get("gespeichert") === "documents");
    await expect(page.locator("#abschnitt-documents").innerText()).resolves.toContain(sha256(bytes));

    // A draft's document is not public.
    const href = await page.locator("#abschnitt-documents").getByRole("link", { name: "Aufruf (amtliche Fassung)" }).getAttribute("href");
    const anonymous = await fetch(`${baseURL}${href}`, { redirect: "manual" });
    expect(anonymous.status).toBe(302);
    expect(anonymous.headers.get("location")).toMatch(/^\/anmelden\?weiter=/);

    await page.getByRole("button", { name: "Entfernen: Aufruf (amtliche Fassung)" }).click();
    await page.waitForURL((url) => url.searchParams.get("gespeichert") === "documents");
    await expect(page.locator("#abschnitt-documents").innerText()).resolves.toContain("Noch keine Unterlagen hochgeladen.");
    await page.context().close();
  });
});
