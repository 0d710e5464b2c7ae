// One call from the ranking to the staffing plan, in Chromium, on the real pages (issue 6):
// a lot cancelled with a reason; client figures by CSV (a bad row refused naming line and
// column, nothing stored) and by form; the proposal with one lot split between two carriers
// and one lot partly uncovered, with its arithmetic; a change refused without a reason (also
// without JavaScript) and saved with one; approval and the Vorabinformation by mail with the
// earliest award date; the award refused on the last day of the standstill (§ 134 GWB: ten
// days from the day after sending), a carrier's complaint on one lot that holds back that lot
// while the others are awarded on the earliest award date the letters name, its decision
// letter and the award of that lot (the server's clock is moved, nobody sleeps); the carrier's
// notices and their PDF, which another carrier cannot read; four eyes (§ 58(5) VgV): the
// approval refused without the second factor and, with it, to the officer who computed and
// changed the proposal, the award refused to that officer too, both done by the second one;
// the public result and ocds.json;
// the staffing plan with contracts, coverage and vacancies; new figures and the difference;
// the CSV and PDF exports; the contracts the award concluded, for the carrier (its own only)
// and for the officers with their CSV; with the clock in the contract term, a staff report
// filed and submitted by the carrier and read by the officer; past the 60 days' tolerance, the
// officer's plan over time with filled against contracted and required FTE, the vacancies and
// the post without the degree, and the public aggregates on the result; the Nachsteuerung:
// proposed by one officer, approved by the second, the change letter accepted by the carrier,
// the amendment in ocds.json; the follow-up call for what stays uncovered, created as a draft
// (decision 0027). axe on every page but the editor's (authoring.test.ts).
//
// The call with scored bids is seeded with the domain functions (tests/e2e/support/award-seed.ts)
// into this file's own DATA_DIR; this file runs its own server (the global setup's build)
// with its own clock file and SMTP server, because moving the clock moves it for everyone.
import fs from "node:fs";
import type { Browser, BrowserContextOptions, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { extractText } from "unpdf";
import { parseBerlinLocal, toBerlinLocalInput } from "../../app/i18n/berlin-time";
import { validateReleasePackage } from "../support/ocds-schema";
import { expectInOrder } from "../support/letters";
import { startSmtpServer, type TestSmtpServer } from "../support/smtp";
import { expectAccessible, launchBrowser, openPage } from "./support/browser";
import { setUpFactorFor, signInWithFactor, signInWithFactorByRequest, type FactorAccount } from "./support/second-factor";
import { signIn as signInAs } from "./support/staff";
import { runWith, startOwnServer, type OwnServer } from "./support/own-server";

const OFFICER_A = { email: "vergabe.a@demo.example", password: "demo-vergabe-a-2017" };
const OFFICER_B = { email: "vergabe.b@demo.example", password: "demo-vergabe-b-2017" };
const SLUG = "dresden-2017-demo";
const HUB = `/verwaltung/aufrufe/${SLUG}`;
const PAGE = `${HUB}/zuschlag`;
const MINUTE = 60_000;
const GROUPS = [
  "Geflüchtete im laufenden oder ohne abgeschlossenes Asylverfahren",
  "Menschen mit Bleiberecht (ab elektronischem Aufenthaltstitel)",
  "davon besonders schutzbedürftige Geflüchtete",
];
const MONTHS = ["Januar", "Februar", "März", "April", "Mai", "Juni", "Juli", "August", "September", "Oktober", "November", "Dezember"];
// The demo call's illustrative Aktenzeichen (app/demo/demo.server.ts).
const FILE_NUMBER = "50.21-IB/2017-001-DEMO";
const CHANGE_REASON = "Beta e. V. kann zum Vertragsbeginn nach eigener Mitteilung nur 2,50 VZÄ besetzen.";
// Each step renders several PDFs and runs axe on long pages, on a machine shared with others.
const STEP_TIMEOUT = 240_000;

let server: OwnServer | undefined;
let smtp: TestSmtpServer | undefined;
let clockFile: string;
let baseURL: string;
let browser: Browser;
let seeded: { carriers: Record<string, string>; password: string };
/** The earliest award date the letters name, and the instant it begins (00:00 Berlin). */
let earliest: { text: string; day: string; at: Date };
const browserErrors: string[] = [];
/** The officers once their second factor is on, and the pages they keep from the standstill on. */
let factorA: FactorAccount;
let factorB: FactorAccount;
let officerA: Page;
let officerB: Page;
/** Alpha's contract page and the first day of its first report period (issue 14, staff reports). */
let alphaContract: { path: string; firstPeriod: string };
const ANNA = "Anna Vergabe (Demo, fiktiv)";
const BERND = "Bernd Vergabe (Demo, fiktiv)";

/** Moves the server's clock so that it reads `instant` now (and runs on from there). */
function setServerClock(instant: Date) {
  fs.writeFileSync(clockFile, String(instant.getTime() - Date.now()));
}

function serverNow(): Date {
  return new Date(Date.now() + (Number(fs.readFileSync(clockFile, "utf8")) || 0));
}

/** A Berlin calendar date ("2026-11-25") plus whole days. */
function addDays(date: string, days: number): string {
  const [y, m, d] = date.split("-").map(Number);
  return new Date(Date.UTC(y, m - 1, d + days)).toISOString().slice(0, 10);
}

/** "2026-12-06" → "6. Dezember 2026", as the letters write it. */
function germanDate(date: string): string {
  const [y, m, d] = date.split("-").map(Number);
  return `${d}. ${MONTHS[m - 1]} ${y}`;
}

function csvFile(text: string) {
  return { name: "fallzahlen.csv", mimeType: "text/csv", buffer: Buffer.from(`\uFEFF${text}`, "utf8") };
}

const open = (options: BrowserContextOptions = {}) => openPage(browser, browserErrors, { baseURL, ...options });

/** A public page as an anonymous reader gets it, read twice: the second read comes from the page cache (decision 0030). */
async function cachedPublicPage(pathname: string): Promise<string> {
  await (await fetch(`${baseURL}${pathname}`)).text();
  const again = await fetch(`${baseURL}${pathname}`);
  expect(again.headers.get("x-page-cache"), pathname).toBe("hit");
  return again.text();
}
/** The same page right after a write it shows: rendered anew, not the stored bytes. */
async function renderedPublicPage(pathname: string): Promise<string> {
  const response = await fetch(`${baseURL}${pathname}`);
  expect(response.headers.get("x-page-cache"), pathname).toBe("miss");
  return response.text();
}

async function signIn(account: { email: string; password: string }, home: string, options: BrowserContextOptions = {}): Promise<Page> {
  const page = await open(options);
  await signInAs(page, account, home);
  return page;
}

beforeAll(async () => {
  smtp = await startSmtpServer();
  server = await startOwnServer({
    name: "award",
    env: { SMTP_URL: smtp.url },
    prepare(env) {
      seeded = JSON.parse(runWith(env, "node_modules/.bin/tsx", ["tests/e2e/support/award-seed.ts"]).trim().split("\n").pop()!);
    },
  });
  clockFile = server.clockFile;
  baseURL = server.baseURL;
  browser = await launchBrowser();
}, 120_000);

afterAll(async () => {
  await officerA?.context().close();
  await officerB?.context().close();
  await browser?.close();
  await server?.stop();
  await smtp?.close();
});

async function figureField(page: Page, region: string, group: string) {
  return page.getByRole("group", { name: region }).getByLabel(group, { exact: true });
}

// The steps build on each other and run in order.
describe.sequential("a call from the ranking to the staffing plan, on the real pages", () => {
  it("refuses a cancellation without a reason and cancels a lot with one", async () => {
    const page = await signIn(OFFICER_B, "/verwaltung");
    await page.goto(`${HUB}/aufhebung`);
    await expectAccessible(page);
    await page.getByLabel("Was wird aufgehoben?").selectOption({ label: "Los 15: Flüchtlingsbegleitung, Region West" });
    await page.getByRole("button", { name: "Aufhebung erklären" }).click();
    await expect(page.getByRole("alert").first().textContent()).resolves.toContain("Bitte geben Sie den Grund der Aufhebung an");
    await expectAccessible(page);
    await page.getByLabel("Grund der Aufhebung").fill("Der Bedarf wird im Rahmen eines Modellprojekts gedeckt.");
    await page.getByRole("button", { name: "Aufhebung erklären" }).click();
    await page.waitForURL((url) => url.searchParams.get("aufgehoben") === "1");
    await expect(page.locator("main").textContent()).resolves.toContain("Los 15: Flüchtlingsbegleitung, Region West");
    await expect(page.locator("main").textContent()).resolves.toContain("Bisher versandte Mitteilungen über Aufhebungen: 4.");
    await page.context().close();
  }, STEP_TIMEOUT);

  it("refuses a client-figures CSV with a bad row naming line and column and stores nothing, then takes the form and a good CSV", async () => {
    const page = await signIn(OFFICER_A, "/verwaltung");
    await page.goto(`${HUB}/fallzahlen`);
    await expectAccessible(page);
    const today = toBerlinLocalInput(serverNow()).slice(0, 10);
    const stand = today.split("-").reverse().join(".");
    await page.getByLabel("CSV-Datei", { exact: true }).setInputFiles(csvFile(`region;zielgruppe;anzahl;stand\r\nost;asyl;800;${stand}\r\nsued;asyl;viele;${stand}\r\n`));
    await page.getByRole("button", { name: "Datei prüfen und speichern" }).click();
    await expect(page.locator("#csv-fehler").innerText()).resolves.toContain("Zeile 3, Spalte „anzahl“: „viele“ ist keine ganze Zahl ab 0.");
    // The good first row is not stored either.
    await expect(page.locator("main").innerText()).resolves.toContain("Noch keine Fallzahlen erfasst.");
    await expectAccessible(page);

    await page.goto(`${HUB}/fallzahlen`);
    for (const [i, count] of [1240, 312, 95].entries()) await (await figureField(page, "Region Nord", GROUPS[i])).fill(String(count));
    await page.getByRole("button", { name: "Fallzahlen speichern" }).click();
    await page.waitForURL((url) => url.searchParams.get("gespeichert") === "3");
    await page.getByText("3 Fallzahlen sind gespeichert.").waitFor();

    const rows = ["ost", "sued", "west"].flatMap((region) => [`${region};asyl;800;${stand}`, `${region};bleiberecht;160;${stand}`, `${region};schutzbeduerftig;40;${stand}`]);
    await page.getByLabel("CSV-Datei", { exact: true }).setInputFiles(csvFile(`region;zielgruppe;anzahl;stand\r\n${rows.join("\r\n")}\r\n`));
    await page.getByRole("button", { name: "Datei prüfen und speichern" }).click();
    await page.waitForURL((url) => url.searchParams.get("gespeichert") === "9");
    await page.getByText("9 Fallzahlen sind gespeichert.").waitFor();
    const current = await page.getByRole("table", { name: "Neueste Fallzahl je Region und Zielgruppe" }).innerText();
    expect(current).toMatch(/Region Nord\s+1\.240\s+Stand [^\n]+\s+312\s+Stand [^\n]+\s+95\s/);
    expect(current).toMatch(/Region West\s+800\s+Stand [^\n]+\s+160\s+Stand [^\n]+\s+40\s/);
    await expectAccessible(page);
    await page.context().close();
  }, STEP_TIMEOUT);

  it("computes the proposal with one lot split between two carriers and one lot partly uncovered, with the arithmetic", async () => {
    const page = await signIn(OFFICER_A, "/verwaltung");
    await page.goto(PAGE);
    await expectAccessible(page);
    await page.getByRole("button", { name: "Zuschlagsvorschlag berechnen" }).click();
    await page.waitForURL((url) => url.searchParams.get("vorgeschlagen") === "1");
    await page.getByText("Der Zuschlagsvorschlag ist berechnet.").waitFor();
    const lot = (name: RegExp) => page.locator("section[id^='los-']", { has: page.getByRole("heading", { name }) });
    const fsa = lot(/^Los \d+: Flüchtlingssozialarbeit, Region Nord$/);
    await expect(fsa.textContent()).resolves.toContain("1.240 Geflüchtete ÷ 80 = 15,5 VZÄ; Tandem 1 : 1 → 7,75 VZÄ Flüchtlingssozialarbeit");
    // Split: Alpha (rank 1) gets its whole offer, Beta (rank 2) the rest of the need.
    const fsaTable = await fsa.getByRole("table").innerText();
    expect(fsaTable).toMatch(/1\s+Alpha e\. V\.\s+5,00\s+5,00/);
    expect(fsaTable).toMatch(/2\s+Beta e\. V\.\s+4,00\s+2,75/);
    expect(fsaTable).toMatch(/3\s+Gamma e\. V\.\s+2,00\s+0,00/);
    await expect(fsa.textContent()).resolves.toContain("Rang 2: 2,75 VZÄ zugeschlagen (Restbedarf; angeboten 4,00 VZÄ)");
    await expect(fsa.textContent()).resolves.toContain("Bedarf gedeckt");
    // Uncovered: Gamma's 2.00 FTE leave 1.90 of the 3.90 FTE of Integrationsberatung Nord open.
    const ib = lot(/^Los \d+: Integrationsberatung, Region Nord$/);
    await expect(ib.textContent()).resolves.toContain("312 Menschen mit Bleiberecht ÷ 80 = 3,90 VZÄ Integrationsberatung");
    await expect(ib.locator("dd").nth(2).textContent()).resolves.toBe("1,90 VZÄ");
    await page.context().close();
  }, STEP_TIMEOUT);

  it("refuses a change of the allocation without a reason, with and without JavaScript, and saves it with one", async () => {
    const page = await signIn(OFFICER_A, "/verwaltung");
    await page.goto(PAGE);
    const refuseChange = async (p: Page) => {
      await p.getByText("VZÄ für Beta e. V. ändern").click();
      const field = p.getByLabel("VZÄ für Beta e. V.", { exact: true });
      await field.fill("2,50");
      await p.locator("form", { has: field }).getByRole("button", { name: "Änderung speichern" }).click();
      await expect(p.getByRole("alert").first().textContent()).resolves.toContain("Bitte begründen Sie die Änderung");
      await expect(p.getByLabel("VZÄ für Beta e. V.", { exact: true }).inputValue()).resolves.toBe("2,50");
    };
    await refuseChange(page);
    await expectAccessible(page);
    // The same form posts and answers without JavaScript (axe needs JavaScript, so not here).
    const plain = await signIn(OFFICER_A, "/verwaltung", { javaScriptEnabled: false });
    await plain.goto(PAGE);
    await refuseChange(plain);
    await plain.context().close();

    await page.getByLabel("Begründung der Änderung (Beta e. V.)").fill(CHANGE_REASON);
    await page.locator("form", { has: page.getByLabel("VZÄ für Beta e. V.", { exact: true }) }).getByRole("button", { name: "Änderung speichern" }).click();
    await page.waitForURL((url) => url.searchParams.get("geaendert") === "1");
    await page.getByText("Die Änderung ist mit Begründung gespeichert.").waitFor();
    const fsa = page.locator("section[id^='los-']", { has: page.getByRole("heading", { name: /^Los \d+: Flüchtlingssozialarbeit, Region Nord$/ }) });
    await expect(fsa.getByRole("table").innerText()).resolves.toMatch(/2\s+Beta e\. V\.\s+4,00\s+2,50/);
    await expect(fsa.textContent()).resolves.toContain(`Geändert (Vorschlag nach der Regel: 2,75 VZÄ). Begründung: ${CHANGE_REASON}`);
    await expectAccessible(page);
    await page.context().close();
  }, STEP_TIMEOUT);

  it("refuses the approval to the officer who computed and changed the proposal, though their session proved the second factor", async () => {
    // Every staff session proved the factor at sign-in (decision 0034): the approval's own
    // check of it can no longer be met by a session without it.
    const page = await signIn(OFFICER_A, "/verwaltung");
    const approve = page.getByRole("button", { name: "Zuschlagsvorschlag freigeben" });
    factorA = await setUpFactorFor(page, OFFICER_A);
    await page.goto(PAGE);
    await expect(page.locator("main").innerText()).resolves.toMatch(new RegExp(`Berechnet von\\s+${ANNA.replace(/[()]/g, "\\$&")}`));
    await approve.click();
    const refusal = "Sie haben diesen Zuschlagsvorschlag berechnet oder geändert. Freigeben muss ihn eine andere Person der Vergabestelle (Vier-Augen-Prinzip, § 58 Abs. 5 VgV).";
    await expect(page.getByRole("alert").first().innerText()).resolves.toContain(refusal);
    await expect(page.locator("#feld-freigabe-fehler").innerText()).resolves.toContain(refusal);
    await expect(page.locator("main").innerText()).resolves.toMatch(/Status\s+Vorschlag \(noch nicht freigegeben\)/);
    await expectAccessible(page);
    await page.context().close();
  }, STEP_TIMEOUT);

  it("approves by the second officer and sends the pre-information: every bidder's mail names the earliest award date, the day after the ten days from the day after sending", async () => {
    const page = await signIn(OFFICER_B, "/verwaltung");
    factorB = await setUpFactorFor(page, OFFICER_B);
    await page.goto(PAGE);
    await page.getByRole("button", { name: "Zuschlagsvorschlag freigeben" }).click();
    await page.waitForURL((url) => url.searchParams.get("freigegeben") === "1");
    const sendClicked = serverNow();
    const before = toBerlinLocalInput(sendClicked).slice(0, 10);
    await page.getByRole("button", { name: "Vorabinformation an alle Bieter senden" }).click();
    await page.waitForURL((url) => url.searchParams.get("vorabinformiert") === "1");
    const pageShown = serverNow();
    const after = toBerlinLocalInput(pageShown).slice(0, 10);
    await page.getByText("Die Vorabinformation ist an alle Bieter versandt.").waitFor();
    const dates = new Set<string>();
    const sentOn = [...new Set([before, after])].map(germanDate);
    for (const name of ["Alpha e. V.", "Beta e. V.", "Gamma e. V.", "Delta e. V."]) {
      const mail = await smtp!.waitFor((m) => m.to.includes(seeded.carriers[name]) && m.subject.startsWith("Vorabinformation nach § 134 GWB"));
      dates.add(/frühestens am (.+?) erteilt/.exec(mail.text)?.[1] ?? `(no date in the mail to ${name})`);
      // A letter of the authority: file number and the server's Berlin date, subject, salutation, body, closing, office.
      expectInOrder(mail.text, [
        `Aktenzeichen: ${FILE_NUMBER}`,
        "Datum: ",
        mail.subject,
        "Sehr geehrte Damen und Herren,\n\nSie haben sich am Aufruf",
        "frühestens am",
        "Mit freundlichen Grüßen",
        "Sozialamt\nVergabestelle Soziale Betreuung\nJunghansstraße 2\n01277 Dresden",
        "ohne Unterschrift gültig",
      ]);
      expect(sentOn.map((day) => `Datum: ${day}`).some((line) => mail.text.includes(line)), `dated ${sentOn.join(" or ")}: ${mail.text}`).toBe(true);
    }
    expect(dates.size).toBe(1);
    const [text] = [...dates];
    // Sent on day 0 (Berlin); days 1 to 10 are the standstill; the award from 00:00 of day 11.
    const day = [before, after].map((d) => addDays(d, 11)).find((d) => text.startsWith(`${germanDate(d)} um 00:00 `));
    expect(day, `earliest award date in the mails: ${text}`).toBeDefined();
    earliest = { text, day: day!, at: parseBerlinLocal(`${day}T00:00`)! };
    const main = page.locator("main");
    await expect(main.textContent()).resolves.toContain(text);
    // The countdown in whole hours, rounded up (10 days 23 h 36 min left read "11 Tage und 0
    // Stunden"), as of the moment the server drew the page: between the click and its arrival.
    const countdown = (now: Date) => {
      const hours = Math.ceil((earliest.at.getTime() - now.getTime()) / (60 * MINUTE));
      return `noch ${Math.floor(hours / 24)} Tage und ${hours % 24} Stunden`;
    };
    const shown = /noch \d+ Tage und \d+ Stunden/.exec((await main.textContent()) ?? "")?.[0];
    expect([countdown(sendClicked), countdown(pageShown)]).toContain(shown);
    await expectAccessible(page);
    await page.context().close();
  }, STEP_TIMEOUT);

  it("refuses the award to the officer who computed the proposal, and to the second officer on the last day of the standstill", async () => {
    setServerClock(new Date(earliest.at.getTime() - 10 * MINUTE)); // 23:50 on day 10
    // Both sign in with their code and keep their pages to the end (sessions run on the server's clock).
    officerA = await open();
    await signInWithFactor(officerA, factorA);
    await officerA.goto(PAGE);
    await officerA.getByRole("button", { name: "Zuschlag erteilen" }).click();
    await expect(officerA.locator("#feld-zuschlag-fehler").innerText()).resolves.toContain(
      "Sie haben diesen Zuschlagsvorschlag berechnet oder geändert. Den Zuschlag muss eine andere Person der Vergabestelle erteilen (Vier-Augen-Prinzip, § 58 Abs. 5 VgV).",
    );
    officerB = await open();
    await signInWithFactor(officerB, factorB);
    const page = officerB;
    await page.goto(PAGE);
    await expect(page.locator("main").textContent()).resolves.toContain("noch 0 Tage und 1 Stunden");
    await page.getByRole("button", { name: "Zuschlag erteilen" }).click();
    await expect(page.getByRole("alert").first().textContent()).resolves.toContain(`Die Wartefrist nach § 134 GWB läuft noch: Der Zuschlag darf frühestens am ${earliest.text} erteilt werden.`);
    await expectAccessible(page);
  }, STEP_TIMEOUT);

  it("takes a carrier's complaint on one lot during the standstill, awards the other lots on the earliest award date and that lot after the decision", async () => {
    const gammaEmail = seeded.carriers["Gamma e. V."];
    const gamma = await signIn({ email: gammaEmail, password: seeded.password }, "/traeger");
    await gamma.goto(`/traeger/aufrufe/${SLUG}/ruege`);
    await gamma.getByLabel(/^Los \d+: Flüchtlingssozialarbeit, Region Nord$/).check();
    await gamma.getByLabel("Gründe der Rüge").fill("Gamma rügt die Bewertung ihres Konzepts in der Flüchtlingssozialarbeit Nord.");
    await gamma.getByRole("button", { name: "Rüge verbindlich einlegen" }).click();
    await gamma.waitForURL((url) => url.searchParams.get("eingelegt") === "1");
    // A client-side navigation changes the URL a moment before the new page is rendered.
    await gamma.getByText(/Noch nicht entschieden\./).waitFor();
    await expect(gamma.locator("main").textContent()).resolves.toMatch(/Los \d+: Flüchtlingssozialarbeit, Region Nord Noch nicht entschieden\./);
    await expectAccessible(gamma);
    await smtp!.waitFor((m) => m.to.includes(gammaEmail) && m.subject.startsWith("Eingangsbestätigung: Rüge"));
    await gamma.context().close();

    setServerClock(new Date(earliest.at.getTime() + MINUTE)); // 00:01 on the earliest award date
    const page = officerB; // four eyes: the second officer awards
    await page.goto(PAGE);
    await expect(page.locator("#wartende-lose").textContent()).resolves.toMatch(/^Los \d+: Flüchtlingssozialarbeit, Region Nord: wartet auf die Rüge von Gamma e\. V\./);
    await page.getByRole("button", { name: "Zuschlag erteilen" }).click();
    await page.waitForURL((url) => url.searchParams.get("teilzuschlag") === "1");
    await page.getByText("Der Zuschlag ist für die Lose ohne offene Rüge erteilt").waitFor();
    const main = page.locator("main");
    await expect(main.textContent()).resolves.toContain("Zuschlag – Gamma e. V."); // Integrationsberatung Nord
    await expect(main.textContent()).resolves.not.toContain("Zuschlag – Alpha e. V.");
    // The open data an anonymous reader has from the page cache name no award to Alpha yet.
    const partial = JSON.parse(await cachedPublicPage(`/aufrufe/${SLUG}/ocds.json`));
    expect((partial.releases[0].awards ?? []).map((a: { suppliers: { name: string }[] }) => a.suppliers[0].name)).not.toContain("Alpha e. V.");

    await page.getByLabel("Entscheidung", { exact: true }).selectOption({ label: "nicht abgeholfen" });
    await page.getByLabel("Gründe der Entscheidung").fill("Die Bewertung ist je Kriterium nachvollziehbar begründet.");
    await page.getByRole("button", { name: "Entscheidung versenden" }).click();
    await page.waitForURL((url) => url.searchParams.get("entschieden") === "1");
    const decision = await smtp!.waitFor((m) => m.to.includes(gammaEmail) && m.subject.startsWith("Entscheidung über Ihre Rüge"));
    expectInOrder(decision.text, [`Aktenzeichen: ${FILE_NUMBER}`, "Sie haben am", "Ihr wird nicht abgeholfen.", "Die Bewertung ist je Kriterium nachvollziehbar begründet.", "Mit freundlichen Grüßen"]);
    await page.getByRole("button", { name: "Zuschlag erteilen" }).click();
    await page.waitForURL((url) => url.searchParams.get("zuschlag") === "1");
    await page.getByText("Der Zuschlag ist erteilt; Zuschlags- und Absageschreiben sind versandt.").waitFor();
    await expect(main.textContent()).resolves.toContain("Zuschlag – Alpha e. V.");
    await expect(main.textContent()).resolves.toContain("Absage – Delta e. V.");
    // Right after the award the open data shows it, not the stored bytes.
    const awarded = JSON.parse(await renderedPublicPage(`/aufrufe/${SLUG}/ocds.json`));
    expect(awarded.releases[0].awards.map((a: { suppliers: { name: string }[] }) => a.suppliers[0].name).sort()).toEqual(["Alpha e. V.", "Beta e. V.", "Gamma e. V."]);
    await smtp!.waitFor((m) => m.to.includes(seeded.carriers["Beta e. V."]) && m.subject.startsWith("Zuschlag"));
    await expect(main.innerText()).resolves.toMatch(new RegExp(`Zuschlag erteilt von\\s+${BERND.replace(/[()]/g, "\\$&")}`));
    await expectAccessible(page);
  }, STEP_TIMEOUT);

  it("shows the carrier its notices with the PDF, which another carrier cannot read", async () => {
    const alpha = await signIn({ email: seeded.carriers["Alpha e. V."], password: seeded.password }, "/traeger");
    await expect(alpha.locator("#mitteilungen").textContent()).resolves.toContain("Mitteilungen der Vergabestelle");
    await expectAccessible(alpha);
    // Aufhebung of lot 15, Vorabinformation, Zuschlag: newest first.
    const items = alpha.locator("#mitteilungen ~ ul > li");
    await expect(items.count()).resolves.toBe(3);
    await expect(items.first().textContent()).resolves.toMatch(/^Zuschlag – /);
    const href = (await items.first().getByRole("link", { name: "PDF herunterladen" }).getAttribute("href"))!;
    const own = await alpha.request.get(href);
    expect(own.status()).toBe(200);
    expect((await own.body()).subarray(0, 5).toString()).toBe("%PDF-");
    // The letter goes to the organisation's registered address, under the file number.
    const { text: letter } = await extractText(new Uint8Array(await own.body()), { mergePages: true });
    expectInOrder(letter.replace(/\s+/g, " "), ["Alpha e. V. Weg 1 01067 Dresden", `Aktenzeichen ${FILE_NUMBER}`, "Sehr geehrte Damen und Herren, Sie erhalten im Aufruf", "Mit freundlichen Grüßen"]);
    const beta = await signIn({ email: seeded.carriers["Beta e. V."], password: seeded.password }, "/traeger");
    expect((await beta.request.get(href)).status()).toBe(404);

    // The award concluded Alpha's contract: its list, its page, and not for another carrier.
    await alpha.goto("/traeger/vertraege");
    await expectAccessible(alpha);
    const contracts = await alpha.getByRole("table", { name: "Verträge: 1" }).innerText();
    // 5.00 of 5.00 FTE offered: 50,000 € × 5 + 1,000 € + 1,000 € a year (tests/support/award.ts).
    expect(contracts).toMatch(new RegExp(`${FILE_NUMBER}-V02-1\\s+Demo: .+\\s+Los 2: Flüchtlingssozialarbeit, Region Nord\\s+5\\s+252\\.000,00\\s€\\s+.+ bis .+\\s+monatlich`));
    await alpha.getByRole("link", { name: `${FILE_NUMBER}-V02-1` }).click();
    await alpha.getByRole("heading", { level: 1, name: `Vertrag ${FILE_NUMBER}-V02-1` }).waitFor();
    await expectAccessible(alpha);
    const contract = await alpha.locator("main").innerText();
    expectInOrder(contract, ["Vertragsdaten", "Alpha e. V.", "Stellen aus dem Angebot", "S 12", "Vertragsbedingungen", "monatlich, fällig 15 Tage nach dem Ende des Monats"]);
    // The report dates stand once: in the periods with their states.
    expect(contract).not.toContain("Termine der Meldungen");
    // Its report periods, none begun yet (the term starts at the call's service start).
    const periods = await alpha.getByRole("table", { name: "Meldezeiträume und ihr Stand" }).locator("tbody tr").allInnerTexts();
    expect(periods[0]).toMatch(/noch nicht begonnen/);
    const [, day, month, year] = /^(\d+)\. (\S+) (\d{4}) bis/.exec(periods[0].trim())!;
    alphaContract = { path: new URL(alpha.url()).pathname, firstPeriod: `${year}-${String(MONTHS.indexOf(month) + 1).padStart(2, "0")}-${day.padStart(2, "0")}` };
    expect((await beta.request.get(alpha.url())).status()).toBe(404);
    await alpha.context().close();
    await beta.context().close();
  }, STEP_TIMEOUT);

  it("records every award step in the Vergabevermerk's timeline and names both officers of the approval and of the award", async () => {
    const page = officerA;
    await page.goto(`${HUB}/vergabevermerk`);
    await expectAccessible(page);
    const timeline = await page.getByRole("table", { name: "Schritte des Verfahrens" }).innerText();
    const steps = [
      "Los aufgehoben",
      "Zuschlagsvorschlag berechnet",
      "Zuschlagsvorschlag mit Begründung geändert",
      "Zuschlagsvorschlag freigegeben",
      "Vorabinformation versandt (§ 134 GWB)",
      "Rüge online eingelegt",
      "Zuschlag erteilt",
      "Über Rüge entschieden",
      "Zuschlag erteilt",
    ];
    // Each step after the one before (the award has two rounds).
    let from = 0;
    const positions = steps.map((step) => {
      const at = timeline.indexOf(step, from);
      if (at >= 0) from = at + 1;
      return at;
    });
    expect(positions.every((p) => p >= 0), steps.filter((_, i) => positions[i] < 0).join(", ")).toBe(true);
    expect([...positions].sort((a, b) => a - b)).toEqual(positions);
    expect(timeline).toContain(`VZÄ von 2,75 auf 2,50; Begründung: ${CHANGE_REASON}`);
    expect(timeline).toContain(`Zuschlag frühestens am ${earliest.text}; Mitteilungen: 4`);
    expect(timeline).toContain(`Zuschlagsvorschlag freigegeben\tberechnet von ${ANNA}\t${BERND}`);
    expect(timeline).toContain(`Mitteilungen: 4; berechnet von ${ANNA}; freigegeben von ${BERND}\t${BERND}`);
    const main = await page.locator("main").innerText();
    expectInOrder(main, ["Zuschlag mit vier Augen (§ 58 Abs. 5 VgV)", `Den Zuschlagsvorschlag berechnete ${ANNA} am `, `Freigegeben hat ihn ${BERND} am `, `Den Zuschlag erteilte ${BERND} am `]);
  }, STEP_TIMEOUT);

  it("publishes the result without an account: the awards per lot and the city-wide staffing figures, and the awards in ocds.json", async () => {
    const page = await open();
    await page.goto(`/aufrufe/${SLUG}`);
    await page.getByRole("link", { name: "Zum Ergebnis: Träger und VZÄ je Los" }).click();
    await page.waitForURL((url) => url.pathname === `/aufrufe/${SLUG}/ergebnis`);
    await expectAccessible(page);
    const rows = await page.locator("#ergebnis-je-los tbody tr").allInnerTexts();
    const date = germanDate(earliest.day);
    expect(rows).toHaveLength(17); // 16 lots, lot 2 split between two carriers
    expect(rows[1]).toMatch(new RegExp(`^Los 2\\s+Region Nord\\s+Flüchtlingssozialarbeit\\s+Alpha e\\. V\\.\\s+5\\s+${date}\\s`));
    expect(rows[2]).toMatch(new RegExp(`^Los 2\\s+Region Nord\\s+Flüchtlingssozialarbeit\\s+Beta e\\. V\\.\\s+2,5\\s+${date}\\s`));
    expect(rows[4]).toMatch(new RegExp(`^Los 4\\s+Region Nord\\s+Integrationsberatung\\s+Gamma e\\. V\\.\\s+2\\s+${date}\\s`));
    expect(rows[3]).toMatch(/^Los 3\s.*Nicht vergeben/);
    expect(rows[15]).toMatch(/^Los 15\s.*Aufgehoben/);
    const main = await page.locator("main").innerText();
    expect(main).not.toContain("Delta e. V.");
    // The city-wide staffing figures from the plan the award stored.
    const summary = await page.locator("section", { has: page.getByRole("heading", { name: "Stellenplan der Stadt" }) }).last().innerText();
    expect(summary).toContain("Bedarf 54,40 VZÄ, vertraglich 9,50 VZÄ, Deckung 17,5 %.");
    expect(summary).toMatch(/Flüchtlingssozialarbeit\s+22,75\s+7,50\s+33,0 %/);
    expect(summary).toMatch(/Region Nord\s+20,40\s+9,50\s+46,6 %/);
    await page.context().close();

    const response = await fetch(`${baseURL}/aufrufe/${SLUG}/ocds.json`);
    const pkg = await response.json();
    expect(validateReleasePackage(pkg).errors).toEqual([]);
    const release = pkg.releases[0];
    const awards = release.awards.map((a: { suppliers: { name: string }[]; status: string }) => `${a.suppliers[0].name} ${a.status}`);
    expect(awards.sort()).toEqual(["Alpha e. V. active", "Beta e. V. active", "Gamma e. V. active"]);
  }, STEP_TIMEOUT);

  it("shows the awarded contracts on the staffing plan, the coverage and the lots no carrier covers as vacancies", async () => {
    const page = officerA;
    await page.goto(`${HUB}/stellenplan`);
    await expectAccessible(page);
    const main = await page.locator("main").innerText();
    // The award stored the plan: the first entry of its history.
    expect(main).toMatch(/Berechnet am .+ \(Zuschlag\), Fallzahlen mit Stand /);
    const lots = await page.getByRole("table", { name: "Bedarf, Vertrag und Träger je Los" }).innerText();
    // Need, contracted, gap, coverage, carriers.
    expect(lots).toMatch(/Los 2: Region Nord, Flüchtlingssozialarbeit\s.*\s7,75\s+7,50\s+0,25\s+96,8 %\s+Alpha e\. V\. 5,00; Beta e\. V\. 2,50\n/);
    expect(lots).toMatch(/Los 4: Region Nord, Integrationsberatung\s.*\s3,90\s+2,00\s+1,90\s+51,3 %\s+Gamma e\. V\. 2,00\n/);
    expect(lots).toMatch(/Los 3: Region Nord, Flüchtlingsbegleitung\s.*\s7,75\s+0,00\s+7,75\s+0,0 %\s+–\n/);
    const carriers = await page.getByRole("table", { name: "Vertraglich gebundene VZÄ je Träger" }).innerText();
    expect(carriers).toMatch(/Alpha e\. V\.\s+Los 2 \(Region Nord, Flüchtlingssozialarbeit\): 5,00\s+5,00/);
    expect(carriers).toMatch(/Beta e\. V\.\s+Los 2 \(Region Nord, Flüchtlingssozialarbeit\): 2,50\s+2,50/);
    expect(main).toContain("Bedarf 54,40 VZÄ, vertraglich 9,50 VZÄ, Deckung 17,5 %.");
    expect(main).toContain("Los 4 (Region Nord, Integrationsberatung): 1,90 VZÄ von 3,90 VZÄ ungedeckt");
    expect(main).toContain("Los 3 (Region Nord, Flüchtlingsbegleitung): kein Träger, 7,75 VZÄ unbesetzt");
  }, STEP_TIMEOUT);

  it("recomputes the plan on new client figures and shows which lots need more and which fewer FTE", async () => {
    const page = officerA;
    await page.goto(`${HUB}/fallzahlen`);
    await (await figureField(page, "Region Nord", GROUPS[0])).fill("1400");
    await (await figureField(page, "Region Ost", GROUPS[0])).fill("640");
    await page.getByRole("button", { name: "Fallzahlen speichern" }).click();
    await page.waitForURL((url) => url.searchParams.get("plan") === "neu");
    await page.getByText("Der Stellenplan wurde mit den neuen Zahlen neu berechnet.").waitFor();
    await page.goto(`${HUB}/stellenplan`);
    const table = await page.getByRole("table", { name: "Veränderung gegenüber dem vorigen Stellenplan" }).innerText();
    // Nord: 1,400 ÷ 80 = 17.5 → 8.75 per tandem role (was 7.75), of which 7.50 are contracted;
    // Ost: 640 ÷ 80 = 8 → 4.00 (was 5.00), nothing contracted.
    expect(table).toMatch(/Los 2: Region Nord, Flüchtlingssozialarbeit\s+mehr\s+7,75\s+8,75\s+\+1,00\s+7,50\s+\+1,25\n/);
    expect(table).toMatch(/Los 3: Region Nord, Flüchtlingsbegleitung\s+mehr\s+7,75\s+8,75\s+\+1,00\s+0,00\s+\+8,75\n/);
    expect(table).toMatch(/Los 6: Region Ost, Flüchtlingssozialarbeit\s+weniger\s+5,00\s+4,00\s+[−-]1,00\s+0,00\s+\+4,00\n/);
    expect(table).not.toContain("Integrationsberatung");
    const history = await page.getByRole("table", { name: "Alle gespeicherten Berechnungen, neueste zuerst" }).innerText();
    expect(history).toMatch(/neue Fallzahlen[\s\S]*Zuschlag/);
    await expectAccessible(page);

    const csv = await page.request.get(`${HUB}/stellenplan.csv`);
    expect(csv.status()).toBe(200);
    const csvText = await csv.text();
    expect(csvText).toMatch(/^Los;2;Region Nord;Flüchtlingssozialarbeit;8,75;7,50;1,25;/m);
    const pdf = await page.request.get(`${HUB}/stellenplan.pdf`);
    expect(pdf.headers()["content-type"]).toBe("application/pdf");
    const { text } = await extractText(new Uint8Array(await pdf.body()), { mergePages: true });
    const flat = text.replace(/\s+/g, " ");
    expect(flat).toContain("1.400 Geflüchtete ÷ 80 = 17,5 VZÄ; Tandem 1 : 1 -> 8,75 VZÄ Flüchtlingssozialarbeit");
    expect(flat).toContain("Alpha e. V.");
  }, STEP_TIMEOUT);

  it("lists the contracts of the call for the officers, with their terms and as CSV", async () => {
    const page = officerA;
    await page.goto(`${HUB}/vertraege`);
    await expectAccessible(page);
    const rows = await page.getByRole("table", { name: "Verträge: 3" }).locator("tbody tr").allInnerTexts();
    // Beta: 2.50 of 4.00 FTE offered: 125,000 € + 2,000 € × 2.50 ÷ 4.00 = 126,250 € a year.
    expect(rows.map((r) => r.split("\t").slice(0, 5).map((cell) => cell.replace(/\s+/g, " ").trim()).join(" | "))).toEqual([
      `${FILE_NUMBER}-V02-1 | Los 2: Flüchtlingssozialarbeit, Region Nord | Alpha e. V. | 5 | 252.000,00 €`,
      `${FILE_NUMBER}-V02-2 | Los 2: Flüchtlingssozialarbeit, Region Nord | Beta e. V. | 2,5 | 126.250,00 €`,
      `${FILE_NUMBER}-V04-1 | Los 4: Integrationsberatung, Region Nord | Gamma e. V. | 2 | 102.000,00 €`,
    ]);
    const main = await page.locator("main").innerText();
    expect(main).toContain("Eine vereinbarte Stelle, die länger als 60 Tage unbesetzt bleibt, gilt als unbesetzt (Vakanz).");
    // Staff reports per contract: none due before the term begins.
    expectInOrder(main, ["Meldungen zur Stellenbesetzung", `${FILE_NUMBER}-V02-1, Alpha e. V.`, "Noch kein Meldezeitraum hat begonnen."]);
    const csv = await page.request.get(`${HUB}/vertraege.csv`);
    expect(csv.status()).toBe(200);
    expect(await csv.text()).toMatch(new RegExp(`^${FILE_NUMBER}-V02-2;2;Region Nord;Flüchtlingssozialarbeit;Beta e\\. V\\.;2,50;126\\.250,00;`, "m"));
  }, STEP_TIMEOUT);

  it("lets the carrier report a post under its contract and submit it in Textform, and shows the officer the report", async () => {
    // Into the first report period: the clock moves by months, so both sign in again (by request: no page rendered).
    setServerClock(parseBerlinLocal(`${addDays(alphaContract.firstPeriod, 1)}T10:00`)!);
    const alpha = await open();
    const signedIn = await alpha.request.post("/anmelden", { form: { email: seeded.carriers["Alpha e. V."], password: seeded.password, weiter: "" }, maxRedirects: 0 });
    expect(signedIn.status()).toBe(302);
    await alpha.goto(`${alphaContract.path}/meldungen/${alphaContract.firstPeriod}`);
    await expectAccessible(alpha);
    const resultBefore = await cachedPublicPage(`/aufrufe/${SLUG}/ergebnis`);
    const row = alpha.getByRole("group", { name: "Stelle 1 (neu)", exact: true });
    await row.getByLabel("Stelle 1: Name der Person (freiwillig)", { exact: true }).fill("Clara Beispiel (fiktiv)");
    await row.getByLabel("Stelle 1: Wochenstunden", { exact: true }).fill("39");
    await row.getByLabel("Stelle 1: Entgeltgruppe", { exact: true }).selectOption("S 12");
    await row.getByLabel("Stelle 1: Beginn", { exact: true }).fill(alphaContract.firstPeriod);
    await alpha.getByLabel("Anmerkung zu den noch nicht besetzten Stellen (freiwillig)").fill("Vier Stellen sind ausgeschrieben.");
    await alpha.getByRole("button", { name: "Speichern und abgeben" }).click();
    await alpha.waitForURL((url) => url.searchParams.get("abgegeben") === "1");
    await alpha.getByText("Die Meldung ist abgegeben (Fassung 1).").waitFor();
    const report = await alpha.locator("main").innerText();
    // 5,00 VZÄ contracted, one full-time post filled.
    expect(report).toContain("Stand: abgegeben");
    // The submitted version below the form (which stays open for a correction).
    expectInOrder(report.slice(report.indexOf("Abgegebene Fassungen")), ["Fassung 1, abgegeben am", "Clara Beispiel (fiktiv)", "39,00 (= 1)", "S 12", "nein", "Noch nicht besetzt: 4 VZÄ", "Vier Stellen sind ausgeschrieben."]);
    await expectAccessible(alpha);
    await alpha.context().close();
    // The public result counts the filled post right away (its aggregates, never the name).
    const resultAfter = await renderedPublicPage(`/aufrufe/${SLUG}/ergebnis`);
    expect(resultAfter).not.toEqual(resultBefore);
    expect(resultAfter).not.toContain("Clara Beispiel");

    // The officer sees it, with the name (the officers' view), on the report of the contract.
    await signInWithFactorByRequest(officerA.context().request, factorA, baseURL);
    await officerA.goto(`${HUB}/vertraege/${alphaContract.path.split("/").pop()}/meldungen/${alphaContract.firstPeriod}`);
    await expectAccessible(officerA);
    expectInOrder(await officerA.locator("main").innerText(), [`${FILE_NUMBER}-V02-1, Alpha e. V.`, "Stand: abgegeben", "Fassung 1, abgegeben am", "Clara Beispiel (fiktiv)", "4 VZÄ"]);
  }, STEP_TIMEOUT);

  it("shows the officer filled against contracted and required FTE over time, the vacancy beyond 60 days and the post without the degree, and the public the aggregates", async () => {
    // 61 days after the term's first day: Alpha's 4,00 unfilled VZÄ have stood vacant for longer than the call's 60 days.
    setServerClock(parseBerlinLocal(`${addDays(alphaContract.firstPeriod, 61)}T10:00`)!);
    await signInWithFactorByRequest(officerA.context().request, factorA, baseURL);
    await officerA.goto(`${HUB}/stellenplan`);
    await expectAccessible(officerA);
    const overTime = officerA.getByRole("region", { name: "Besetzung im Zeitverlauf" });
    const [year, month] = alphaContract.firstPeriod.split("-").map(Number);
    const firstMonth = `${MONTHS[month - 1]} ${year}`;
    // Nord in the term's first month: required 1,00 + 8,75 + 8,75 + 3,90, contracted 5,00 + 2,50 + 2,00, filled Alpha's one post.
    await overTime.getByText("Region Nord: Diagramm und Zahlen je Monat").click();
    const nord = await overTime.getByRole("table", { name: "Region Nord: Bedarf, Vertrag und Besetzung je Monat (VZÄ)" }).innerText();
    expect(nord).toMatch(new RegExp(`${firstMonth}\\s+22,40\\s+9,50\\s+1,00\\s`));
    const vacancies = await overTime.getByRole("table", { name: /^Vertraglich gebundene VZÄ, länger als 60 Tage unbesetzt/ }).locator("tbody tr").allInnerTexts();
    // Since the term's first day, 62 days counted: Alpha 4,00, Beta 2,50, Gamma 2,00.
    expect(vacancies.map((r) => r.replace(/\s+/g, " ").trim())).toEqual([
      expect.stringMatching(new RegExp(`^2 Region Nord Flüchtlingssozialarbeit ${FILE_NUMBER}-V02-1 Alpha e\\. V\\. .+ 62 4,00$`)),
      expect.stringMatching(new RegExp(`^2 Region Nord Flüchtlingssozialarbeit ${FILE_NUMBER}-V02-2 Beta e\\. V\\. .+ 62 2,50$`)),
      expect.stringMatching(new RegExp(`^4 Region Nord Integrationsberatung ${FILE_NUMBER}-V04-1 Gamma e\\. V\\. .+ 62 2,00$`)),
    ]);
    const mismatches = await overTime.getByRole("table", { name: /^Besetzte Stellen einer Rolle, die einen Hochschulabschluss verlangt/ }).innerText();
    expect(mismatches).toMatch(new RegExp(`${FILE_NUMBER}-V02-1\\s+Alpha e\\. V\\.\\s+.+\\s+1,00`));
    // No person's name in the officers' plan either; the contract links to its staff reports.
    expect(await overTime.innerText()).not.toContain("Clara Beispiel");
    const alphaId = alphaContract.path.split("/").pop();
    await expect(overTime.getByRole("link", { name: `${FILE_NUMBER}-V02-1` }).first().getAttribute("href")).resolves.toBe(`${HUB}/vertraege#meldungen-${alphaId}`);
    const csv = await officerA.request.get(`${HUB}/stellenplan-verlauf.csv`);
    expect(await csv.text()).toMatch(new RegExp(`^Region;Region Nord;;${alphaContract.firstPeriod.slice(0, 7)};[^;]+;22,40;9,50;1,00;`, "m"));

    // The public: the regions' aggregates, dated, without carrier, contract, vacancy or post.
    const page = await open();
    await page.goto(`/aufrufe/${SLUG}/ergebnis`);
    await expectAccessible(page);
    const section = page.getByRole("region", { name: "Besetzung im Zeitverlauf" });
    const text = await section.textContent();
    expect(text).toContain(`Stand: ${germanDate(addDays(alphaContract.firstPeriod, 61))}`);
    expect(text).not.toMatch(/Alpha|Beta|Gamma|V02-1|Länger als 60 Tage|Ohne Abschluss|Clara/);
    await expect(section.getByRole("table", { name: "Region Nord: Bedarf, Vertrag und Besetzung je Monat (VZÄ)", includeHidden: true }).textContent()).resolves.toMatch(new RegExp(`${firstMonth}\\s*22,40\\s*9,50\\s*1,00`));
    await page.context().close();
  }, STEP_TIMEOUT);

  it("adjusts the contracts to the new figures: one officer proposes, the second approves, the carrier accepts its change letter, and the Stellenplan and the open data follow", async () => {
    // Nord's 1,400 refugees: lot 2 needs 8,75 FTE against 7,50 contracted, beyond 10 %.
    await officerA.goto(`${HUB}/nachsteuerung`);
    await expectAccessible(officerA);
    const proposal = await officerA.getByRole("table", { name: "Änderungen je Vertrag in Los 2" }).innerText();
    // Alpha (rank 1) grows by its 20 % of 5,00; Beta (rank 2) takes the remaining 0,25.
    expect(proposal).toMatch(new RegExp(`${FILE_NUMBER}-V02-1\\s+Alpha e\\. V\\.\\s+1\\s+5,00\\s+6,00\\s+\\+ 1,00\\s+4,00 bis 6,00`));
    expect(proposal).toMatch(new RegExp(`${FILE_NUMBER}-V02-2\\s+Beta e\\. V\\.\\s+2\\s+2,50\\s+2,75\\s+\\+ 0,25`));
    // The arithmetic (in a closed <details>: its text, not what is rendered).
    expect(await officerA.locator("main").textContent()).toContain("Bedarf 8,75 VZÄ, vereinbart 7,50 VZÄ: Abweichung + 1,25 VZÄ");
    await officerA.getByRole("button", { name: "Vorschlag erstellen" }).click();
    await officerA.getByText("Der Vorschlag ist erstellt. Eine zweite Person gibt ihn frei.").waitFor();
    expect(await officerA.getByRole("button", { name: "Vorschlag freigeben und Änderungsschreiben versenden" }).count()).toBe(0);

    // The second officer approves (the clock moved months since the sign-in: again, by request).
    await signInWithFactorByRequest(officerB.context().request, factorB, baseURL);
    await officerB.goto(`${HUB}/nachsteuerung`);
    await officerB.getByRole("button", { name: "Vorschlag freigeben und Änderungsschreiben versenden" }).click();
    await officerB.getByText(/Änderungsschreiben versandt: 3\./).waitFor();
    await expectAccessible(officerB);
    const letter = await smtp!.waitFor((m) => m.to.includes(seeded.carriers["Alpha e. V."]) && m.subject.startsWith(`Änderung des Vertrags ${FILE_NUMBER}-V02-1`));
    expect(letter.text).toContain("6,00 statt bisher 5,00 VZÄ");

    const openDataBefore = JSON.parse(await cachedPublicPage(`/aufrufe/${SLUG}/ocds.json`));
    expect(openDataBefore.releases[0].contracts.find((c: { id: string }) => c.id === `${FILE_NUMBER}-V02-1`).amendments ?? []).toEqual([]);

    // Alpha accepts on its contract page, in Textform.
    const alpha = await open();
    const signedIn = await alpha.request.post("/anmelden", { form: { email: seeded.carriers["Alpha e. V."], password: seeded.password, weiter: "" }, maxRedirects: 0 });
    expect(signedIn.status()).toBe(302);
    await alpha.goto(alphaContract.path);
    await alpha.getByLabel("Ich erkläre für Alpha e. V. in Textform, dass ich zu dieser Antwort berechtigt bin.").check();
    await alpha.getByRole("button", { name: "Änderung annehmen" }).click();
    await alpha.getByText("Sie haben die Änderung angenommen.").waitFor();
    await expectAccessible(alpha);
    expectInOrder(await alpha.locator("main").innerText(), ["Änderungen des Vertrags", "Vereinbarte VZÄ derzeit: 6,00 (bei Vertragsschluss 5,00)", "angenommen von"]);
    await alpha.context().close();

    // The officers' Stellenplan counts the agreed 6,00 (the acceptance recomputed the plan).
    await officerA.goto(`${HUB}/stellenplan`);
    const lots = await officerA.getByRole("table", { name: "Bedarf, Vertrag und Träger je Los" }).innerText();
    expect(lots).toMatch(/Los 2: Region Nord, Flüchtlingssozialarbeit\s.*\s8,75\s+8,50\s+0,25\s+97,1 %\s+Alpha e\. V\. 6,00; Beta e\. V\. 2,50\n/);

    // Right after the acceptance, not the stored bytes.
    const pkg = JSON.parse(await renderedPublicPage(`/aufrufe/${SLUG}/ocds.json`));
    expect(validateReleasePackage(pkg).errors).toEqual([]);
    const amended = pkg.releases[0].contracts.find((c: { id: string }) => c.id === `${FILE_NUMBER}-V02-1`);
    expect(amended.amendments).toHaveLength(1);
    expect(amended.amendments[0].description).toMatch(/^Ab \d\d\.\d\d\.\d{4}: 6,00 statt 5,00 VZÄ/);
  }, STEP_TIMEOUT);

  it("creates the follow-up call for what the contracts leave uncovered, as a draft the editor shows", async () => {
    // After the Nachsteuerung: Alpha agreed 6,00 instead of 5,00; Beta's and Gamma's letters are unanswered.
    await officerA.goto(`${HUB}/folgeaufruf`);
    await expectAccessible(officerA);
    const table = await officerA.getByRole("table", { name: /^Bedarf, vertraglich gedeckt und ungedeckt je Los/ }).innerText();
    // Nord after the new figures: FSA 8,75 of which 8,50 contracted (6,00 + 2,50); IB 3,90 of which 2,00.
    expect(table).toMatch(/Los 2: Flüchtlingssozialarbeit, Region Nord\s+8,75\s+8,50\s+0,25\n/);
    expect(table).toMatch(/Los 4: Integrationsberatung, Region Nord\s+3,90\s+2,00\s+1,90\n/);
    await officerA.getByRole("button", { name: "Folgeaufruf als Entwurf anlegen" }).click();
    await officerA.waitForURL((url) => url.pathname === `/verwaltung/aufrufe/${SLUG}-folgeaufruf/bearbeiten`);
    await officerA.getByRole("heading", { level: 1, name: / – Folgeaufruf$/ }).waitFor();
    // The editor's lots: the uncovered ones, each with its uncovered FTE as its volume.
    const lots = await officerA.getByRole("table", { name: / Lose nach Region und Leistung$/ }).innerText();
    expect(lots).toMatch(/Region Nord\s+Flüchtlingssozialarbeit\s+0,25\n/);
    expect(lots).toMatch(/Region Nord\s+Integrationsberatung\s+1,9(\n|$)/);
  }, STEP_TIMEOUT);

  it("raised no JavaScript error in the browser", () => {
    expect(browserErrors).toEqual([]);
  });
});
