// The procedure of a call end to end, as the procurement office runs it, in Chromium with
// separate browser contexts for officer A, officer B, a carrier and the public:
//
//   A copies Dresden's call, moves its dates into the next hours, is refused a weight sum
//   of 95 %, fixes it, previews and publishes → a carrier starts an expression of interest
//   and asks a question → A answers it (rephrased) hours before the deadline, which the
//   portal accepts only with a decision on the deadline (§ 20 Abs. 3 VgV; A says why it
//   stays), the answer is public without the asker → A publishes an amendment that moves
//   the deadline by a day → the public page shows it and the carrier gets it by mail → the
//   carrier's application lists both as new since it began → the carrier submits → nothing of the bid is visible to
//   the city → the server clock moves past the new deadline → A starts the opening and
//   cannot confirm it alone → B confirms (both first set up a TOTP second factor) → the opening record (page and PDF) lists the
//   receipt number and the SHA-256 of an uploaded file → the files are readable now → A
//   excludes one lot bid in the formal check, records a finding per exclusion ground (one
//   excludes the whole bid, naming its ground) and sees them counted → the audit trail lists every step.
//
// Publishing adds a call to the public start page, whose lists other test files check
// exactly, so this file runs its own server (a copy of the global setup's build, its own
// DATA_DIR with the demo, its own real SMTP server) with its own clock: advanceClock() moves
// it by about a day while other files run beside this one.
//
// The steps build on each other, so they run in order; after a failed step the rest are
// skipped. A test named "APP BUG: …" pins a fault of the app found here; it fails until the
// app is fixed and does not stop the steps.
import type { Browser, Page } from "playwright-core";
import { extractText } from "unpdf";
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { toBerlinLocalInput } from "../../app/i18n/berlin-time";
import { formatDate, formatDateTime } from "../../app/i18n/format";
import { startSmtpServer, type ReceivedMail, type TestSmtpServer } from "../support/smtp";
import { unzipSync } from "fflate";
import { expectAccessible, launchBrowser, openPage } from "./support/browser";
import * as steps from "./support/carrier";
import { fileLinks, RECEIPT_NUMBER, sha256, type SamplePdf } from "./support/carrier";
import { advanceClock, serverNow } from "./support/clock";
import { isTo, linkIn } from "./support/mail";
import { startOwnServer, type OwnServer } from "./support/own-server";
import { signIn } from "./support/staff";
import { roleWeightsRefusal, weightSumsOfRoles } from "./support/weights";

const OFFICER_A = { email: "vergabe.a@demo.example", password: "demo-vergabe-a-2017", name: "Anna Vergabe (Demo, fiktiv)" };
const OFFICER_B = { email: "vergabe.b@demo.example", password: "demo-vergabe-b-2017", name: "Bernd Vergabe (Demo, fiktiv)" };
const HISTORIC_SLUG = "dresden-2017";
const STAMP = Date.now().toString(36);
const SLUG = `verfahren-${STAMP}`;
const TITLE = `Aufruf zur Interessenbekundung: Soziale Betreuung (Verfahrenstest ${STAMP})`;
const HUB = `/verwaltung/aufrufe/${SLUG}`;
const LOT_KEEP = "Los 3: Flüchtlingsbegleitung – Region Nord";
const LOT_EXCLUDE = "Los 7: Flüchtlingsbegleitung – Region Ost";
// Lowering a criterion of every role by 5 points leaves each of the four roles at 95 %.
const SUM_95 = roleWeightsRefusal("Regionalkoordination", 95);
const SAME_OFFICER = "Sie haben die Öffnung begonnen. Bestätigen muss eine andere Person (Vier-Augen-Prinzip).";

const MINUTE = 60_000;
const HOUR = 60 * MINUTE;
const DAY = 24 * HOUR;

const carrier = steps.newCarrier("verfahren", "Begleitung Elbhang e. V.");
const originalQuestion =
  `Wir vom ${carrier.organisationName} (${carrier.email}) fragen: Dürfen Los 3 und Los 7 mit derselben Person besetzt werden? [${STAMP}]`;
const publicQuestion = `Dürfen zwei Lose mit derselben Person besetzt werden? [${STAMP}]`;
const answer = `Ja, wenn der Umfang je Los ausgewiesen ist. [${STAMP}]`;
const amendment = {
  title: `Verlängerung der Einreichungsfrist [${STAMP}]`,
  body: "Die Einreichungsfrist wird um einen Tag verlängert; die Öffnung verschiebt sich entsprechend.",
  reason: "Mehrere Träger haben um mehr Zeit für die Nachweise gebeten.",
};
const exclusionReason = `Die Erklärung zur angemessenen Vergütung fehlt für Los 7. [${STAMP}]`;
// The officer's finding on one exclusion ground (decision 0019) and the name it goes by.
const EXCLUDING_GROUND = "gwb124-1-8";
const EXCLUDING_GROUND_NAME = "§ 124 Abs. 1 Nr. 8 GWB: schwerwiegende Täuschung oder Zurückhalten von Auskünften über Ausschlussgründe oder Eignung";
const groundNote = `Die Erklärung verschweigt eine Kündigung wegen Schlechtleistung. [${STAMP}]`;
// The answer comes hours before the deadline (§ 20 Abs. 3 VgV): the officer says why the
// deadline stays (the amendment after it moves the deadline by a day anyway).
const noExtensionReason = `Die folgende Änderung verlängert die Frist ohnehin um einen Tag. [${STAMP}]`;

let server: OwnServer | undefined;
/** This server's own clock (see support/clock.ts). */
let clockFile: string;
let smtp: TestSmtpServer | undefined;
let baseURL: string;
let browser: Browser;
let officerA: Page;
let officerB: Page;
let bidder: Page;
let visitor: Page;
const browserErrors: string[] = [];

// The call's dates, on whole minutes: questions in ~2 h, deadline in ~4 h, opening ~4.5 h.
let dates: Record<string, Date>;
let newDeadline: Date;
let newOpening: Date;

// Collected along the way.
let applicationId = "";
const lotIds: Record<string, string> = {};
let documents: Record<steps.DocumentKind, SamplePdf>;
let carrierFiles: string[] = [];
let registerExtractUrl = "";
let receipt: { number: string; submissionId: string };

async function startServer() {
  smtp = await startSmtpServer();
  server = await startOwnServer({ name: "procedure", env: { SMTP_URL: smtp.url } });
  clockFile = server.clockFile;
  baseURL = server.baseURL;
}

const contextPage = () => openPage(browser, browserErrors, { baseURL });

function waitForMail(predicate: (mail: ReceivedMail) => boolean): Promise<ReceivedMail> {
  return smtp!.waitFor(predicate, 10_000);
}

/** An element by its id (editor ids carry brackets and dots: `feld-criteria[1].weight`). */
const byId = (page: Page, id: string) => page.locator(`[id="${id}"]`);
const errorSummary = (page: Page) => page.locator(".kern-alert--danger");
const mainText = (page: Page) => page.locator("main").innerText();

/** Status and body of a GET in the page's session, without following redirects. */
async function probe(page: Page, url: string) {
  const response = await page.request.get(url, { maxRedirects: 0 });
  return { status: response.status(), body: await response.text() };
}

/** The audit trail's rows (person, action, details), oldest first. */
async function auditRows(page: Page): Promise<{ actor: string; action: string; details: string }[]> {
  return page.locator("table tbody tr").evaluateAll((rows) =>
    rows.map((row) => {
      const cells = [...row.querySelectorAll("th, td")].map((cell) => (cell.textContent ?? "").trim());
      return { actor: cells[2], action: cells[3], details: cells[4] };
    }),
  );
}

beforeAll(async () => {
  await startServer();
  browser = await launchBrowser();
  [officerA, officerB, bidder, visitor] = await Promise.all([contextPage(), contextPage(), contextPage(), contextPage()]);
  const t0 = Math.floor(serverNow(clockFile).getTime() / MINUTE) * MINUTE;
  dates = {
    published: new Date(t0),
    questionDeadline: new Date(t0 + 2 * HOUR),
    submissionDeadline: new Date(t0 + 4 * HOUR),
    opening: new Date(t0 + 4.5 * HOUR),
    bindingPeriodEnd: new Date(t0 + 60 * DAY),
    serviceStart: new Date(t0 + 61 * DAY),
    contractEnd: new Date(t0 + 61 * DAY + 2 * 365 * DAY),
  };
  newDeadline = new Date(dates.submissionDeadline.getTime() + DAY);
  newOpening = new Date(dates.opening.getTime() + DAY);
  documents = await steps.sampleDocuments((kind) => `Nachweis ${kind} ${STAMP}`, `-${STAMP}`);
  await signIn(officerA, OFFICER_A);
});

afterAll(async () => {
  await browser?.close();
  await server?.stop();
  await smtp?.close();
  steps.removeTempFiles();
});

// Each step builds on the one before: after a failure the later steps are skipped, so that
// the report names the first broken step instead of a cascade of timeouts.
// Checks that only look (sideCheck) do not stop the steps after them when they fail; tests
// named "APP BUG: …" are such checks, pinning a fault of the app until it is fixed.
let brokenStep: string | undefined;
const LAST_STEP = "raised no JavaScript error in the browser";
const lookOnly = new Set<string>([LAST_STEP]);
function sideCheck(name: string, fn: () => Promise<void>) {
  lookOnly.add(name);
  it(name, fn);
}
beforeEach((context) => {
  if (brokenStep && context.task.name !== LAST_STEP) context.skip(`an earlier step failed: ${brokenStep}`);
  context.onTestFailed(() => {
    if (!lookOnly.has(context.task.name)) brokenStep ??= context.task.name;
  });
});

describe("an officer runs a call's procedure from the copy to the formal check", () => {
  it("officer A copies Dresden's call into a new draft", async () => {
    await officerA.goto("/verwaltung/aufrufe/neu");
    await expectAccessible(officerA);
    await officerA.locator(`input[name="source"][value="kopie:${HISTORIC_SLUG}"]`).check();
    await officerA.getByLabel("Kurzname").fill(SLUG);
    await officerA.getByLabel("Titel des Aufrufs").fill(TITLE);
    await officerA.getByRole("button", { name: "Entwurf anlegen" }).click();
    await officerA.waitForURL((url) => url.pathname === `${HUB}/bearbeiten`);
    await officerA.getByRole("heading", { level: 1, name: TITLE }).waitFor();
    const text = await mainText(officerA);
    expect(text).toContain("Der Entwurf ist angelegt.");
    // The copy keeps Dresden's 2017 dates: the editor says they must change.
    expect(text).toContain("Die Frist für Fragen liegt nicht in der Zukunft.");
    await expectAccessible(officerA);
  });

  it("moves the dates into the next hours (Berlin time)", async () => {
    for (const [key, value] of Object.entries(dates)) await byId(officerA, `feld-dates.${key}`).fill(toBerlinLocalInput(value));
    await officerA.getByRole("button", { name: "Termine und Fristen speichern" }).click();
    await officerA.waitForURL((url) => url.searchParams.get("gespeichert") === "dates");
    await officerA.getByText("Der Abschnitt „Termine und Fristen“ ist gespeichert.").waitFor();
    await expect(byId(officerA, "feld-dates.submissionDeadline").inputValue()).resolves.toBe(toBerlinLocalInput(dates.submissionDeadline));
    expect(await mainText(officerA)).not.toContain("Die Frist für Fragen liegt nicht in der Zukunft.");
  });

  it("refuses criteria weights that sum to 95 %, next to the field and in the summary, keeping the typed value", async () => {
    const weight = byId(officerA, "feld-criteria[1].weight");
    await expect(weight.inputValue()).resolves.toBe("20");
    await weight.fill("15");
    await officerA.getByRole("button", { name: "Wertungskriterien speichern" }).click();
    await byId(officerA, "feld-criteria[1].weight-fehler").waitFor();
    // The field and the summary name the first role whose weights miss 100 %; the sums under
    // the criteria show every role at 95 %.
    await expect(byId(officerA, "feld-criteria[1].weight-fehler").innerText()).resolves.toContain(SUM_95);
    await expect(errorSummary(officerA).locator("a[href='#feld-criteria']").innerText()).resolves.toContain(SUM_95);
    await expect(byId(officerA, "feld-criteria").innerText()).resolves.toContain(weightSumsOfRoles(95));
    await expect(weight.inputValue()).resolves.toBe("15");
    await expect(weight.getAttribute("aria-invalid")).resolves.toBe("true");
    expect(new URL(officerA.url()).searchParams.get("gespeichert")).not.toBe("criteria");
    await expectAccessible(officerA);

    await byId(officerA, "feld-criteria[0].weight").fill("30");
    await officerA.getByRole("button", { name: "Wertungskriterien speichern" }).click();
    await officerA.waitForURL((url) => url.searchParams.get("gespeichert") === "criteria");
    // The sums follow the typing (with JavaScript): wait for the saved page itself.
    await officerA.getByText("Der Abschnitt „Wertungskriterien“ ist gespeichert.").waitFor();
    await expect(byId(officerA, "feld-criteria").innerText()).resolves.toContain(weightSumsOfRoles(100));
    expect(await mainText(officerA)).not.toContain("müssen zusammen 100 % ergeben");
    await expect(byId(officerA, "feld-criteria[0].weight").inputValue()).resolves.toBe("30");
    await expect(byId(officerA, "feld-criteria[1].weight").inputValue()).resolves.toBe("15");
  });

  it("previews the draft and publishes it", async () => {
    await officerA.getByRole("link", { name: "Vorschau ansehen" }).first().click();
    await officerA.waitForURL((url) => url.pathname === `${HUB}/vorschau`);
    await officerA.getByText("Vorschau – noch nicht veröffentlicht").waitFor();
    const criteria = await officerA.locator("#kriterien tbody").innerText();
    expect(criteria).toMatch(/Fachliches Konzept und Methoden\s+alle Leistungen\s+30 %/);
    expect(criteria).toMatch(/Kooperation und Vernetzung in der Region\s+alle Leistungen\s+15 %/);
    await expectAccessible(officerA);
    await officerA.getByRole("button", { name: "Veröffentlichen" }).click();
    await officerA.waitForURL((url) => url.pathname === `/aufrufe/${SLUG}`);

    const response = await visitor.goto(`/aufrufe/${SLUG}`);
    expect(response?.status()).toBe(200);
    const text = await mainText(visitor);
    expect(text).toContain(TITLE);
    expect(text).toMatch(new RegExp(`Einreichungsfrist\\s+${literal(formatDateTime(dates.submissionDeadline, "de"))}`));

    await officerA.goto(HUB);
    await expect(officerA.getByText("Stand: Veröffentlicht", { exact: true }).count()).resolves.toBe(1);
    const steps = officerA.locator("section", { has: officerA.locator("#naechste-schritte") });
    await expect(steps.getByRole("link", { name: "Änderung bekannt machen" }).count()).resolves.toBe(1);
    await expectAccessible(officerA);
  });

  it("a carrier registers, confirms, starts an expression of interest on the new call and asks a question", async () => {
    await steps.register(bidder, carrier);
    const mail = await waitForMail((m) => isTo(m, carrier.email) && m.subject === "Bitte bestätigen Sie Ihre E-Mail-Adresse");
    await bidder.goto(linkIn(mail, "/bestaetigen/"));
    await bidder.getByRole("button", { name: "E-Mail-Adresse bestätigen" }).click();
    await bidder.waitForURL((url) => url.pathname === "/traeger" && url.searchParams.get("bestaetigt") === "1");

    applicationId = await steps.startApplication(bidder, SLUG);

    await bidder.goto(`/aufrufe/${SLUG}/fragen`);
    await bidder.getByLabel("Ihre Frage").fill(originalQuestion);
    await bidder.getByRole("button", { name: "Frage senden" }).click();
    await bidder.waitForURL((url) => url.searchParams.get("gestellt") === "1");
    await bidder.getByText("Ihre Frage ist eingegangen. Die Antwort wird hier veröffentlicht.").waitFor();
    await expect(bidder.locator("#eigene-fragen").innerText()).resolves.toContain(originalQuestion);
  });

  it("officer A answers the question rephrased, hours before the deadline, only after saying why the deadline stays; the public page shows it without the asker", async () => {
    await officerA.goto("/verwaltung/fragen");
    const card = officerA.locator("section", { has: officerA.locator("blockquote", { hasText: STAMP }) });
    await expect(card.count()).resolves.toBe(1);
    await expect(card.getByRole("heading").innerText()).resolves.toContain(TITLE);
    // § 20 Abs. 3 VgV: the form proposes a deadline six days after the answer, at the deadline's time of day.
    const proposal = card.getByLabel("Neue Einreichungsfrist (deutsche Zeit)");
    const proposed = await proposal.inputValue();
    expect(proposed.slice(11)).toBe(toBerlinLocalInput(dates.submissionDeadline).slice(11));
    expect(new Date(`${proposed}:00Z`).getTime() - new Date(`${toBerlinLocalInput(serverNow(clockFile))}:00Z`).getTime()).toBeGreaterThanOrEqual(6 * DAY - MINUTE);
    await expectAccessible(officerA);
    await card.getByLabel("Frage, wie sie veröffentlicht wird").fill(publicQuestion);
    await card.getByLabel("Antwort", { exact: true }).fill(answer);
    await card.getByRole("button", { name: "Antwort veröffentlichen" }).click();
    // Neither extended nor a reason: refused next to the choice and in the summary, the answer kept.
    const refusal = "Die Antwort erscheint weniger als sechs Tage vor Ablauf der Einreichungsfrist.";
    await officerA.locator(`.kern-alert--danger a`, { hasText: refusal }).waitFor();
    const again = officerA.locator("section", { has: officerA.locator("blockquote", { hasText: STAMP }) });
    await expect(again.locator("fieldset", { hasText: "Einreichungsfrist (§ 20 Abs. 3 VgV)" }).innerText()).resolves.toContain(refusal);
    await expect(again.getByLabel("Antwort", { exact: true }).inputValue()).resolves.toBe(answer);
    await expectAccessible(officerA);
    await again.getByLabel("Frist nicht verlängern").check();
    await again.getByLabel("Begründung, warum die Frist nicht verlängert wird").fill(noExtensionReason);
    await again.getByRole("button", { name: "Antwort veröffentlichen" }).click();
    await officerA.waitForURL((url) => url.pathname === "/verwaltung/fragen" && url.searchParams.get("beantwortet") === "1");
    await officerA.locator("blockquote", { hasText: STAMP }).waitFor({ state: "detached" });

    await visitor.goto(`/aufrufe/${SLUG}/fragen`);
    const answers = visitor.locator("section", { has: visitor.getByRole("heading", { name: /^Fragen und Antworten \(\d+\)$/ }) });
    const item = answers.locator("li", { hasText: publicQuestion });
    await expect(item.innerText()).resolves.toContain(`Frage: ${publicQuestion}`);
    await expect(item.innerText()).resolves.toContain(`Antwort: ${answer}`);
    const html = await visitor.content();
    for (const secret of [carrier.organisationName, carrier.email, carrier.name, originalQuestion]) expect(html, secret).not.toContain(secret);
    await expectAccessible(visitor);
  });

  it("officer A publishes an amendment that moves the deadline by a day; the public page shows it and the carrier gets the mail", async () => {
    await officerA.goto(`${HUB}/aenderungen`);
    await expect(officerA.locator("#feld-submissionDeadline").inputValue()).resolves.toBe(toBerlinLocalInput(dates.submissionDeadline));
    await expectAccessible(officerA);
    await officerA.getByLabel("Überschrift der Änderung").fill(amendment.title);
    await officerA.getByLabel("Was sich ändert").fill(amendment.body);
    await officerA.getByLabel("Begründung").fill(amendment.reason);
    await officerA.locator("#feld-submissionDeadline").fill(toBerlinLocalInput(newDeadline));
    await officerA.locator("#feld-opening").fill(toBerlinLocalInput(newOpening));
    await officerA.getByRole("button", { name: "Änderung veröffentlichen" }).click();
    await officerA.waitForURL((url) => url.searchParams.get("veroeffentlicht") === "1");
    await officerA.getByText(`Änderung 1 vom ${formatDate(serverNow(clockFile), "de")}: ${amendment.title}`).waitFor();
    await expect(officerA.locator("#feld-submissionDeadline").inputValue()).resolves.toBe(toBerlinLocalInput(newDeadline));

    await visitor.goto(`/aufrufe/${SLUG}`);
    const section = visitor.locator("#aenderungen");
    await expect(section.getByRole("heading", { name: `Änderung 1 vom ${formatDate(serverNow(clockFile), "de")}: ${amendment.title}` }).count()).resolves.toBe(1);
    await expect(section.innerText()).resolves.toContain(amendment.body);
    await expect(section.innerText()).resolves.toContain(`Grund: ${amendment.reason}`);
    const text = await mainText(visitor);
    expect(text).toMatch(new RegExp(`Einreichungsfrist\\s+${literal(formatDateTime(newDeadline, "de"))}`));
    expect(text).toMatch(new RegExp(`Öffnung der Interessenbekundungen\\s+${literal(formatDateTime(newOpening, "de"))}`));
    expect(text).not.toContain(formatDateTime(dates.submissionDeadline, "de"));
    expect(text).toMatch(/Noch 1 Tag\w*, \d+ Stunden? und \d+ Minuten? bis zum Ende der Einreichungsfrist/);
    await expectAccessible(visitor);

    const mail = await waitForMail((m) => isTo(m, carrier.email) && m.subject === `Änderung 1 zum Aufruf „${TITLE}“`);
    expect(mail.to).toHaveLength(1);
    expect(mail.text).toContain(amendment.title);
    expect(mail.text).toContain(amendment.reason);
    expect(mail.text).toContain(formatDateTime(newDeadline, "de"));
    expect(mail.text).toContain(`/aufrufe/${SLUG}#aenderungen`);
  });

  sideCheck(`counts down in the right grammatical number on the last day ("Noch 1 Tag")`, async () => {
    await visitor.goto(`/aufrufe/${SLUG}`);
    const countdown = await visitor.getByText(/^Noch \d+ Tag/).innerText();
    expect(countdown).toMatch(/^Noch 1 Tag, \d+ Stunden? und \d+ Minuten? bis zum Ende der Einreichungsfrist\.$/);
  });

  it("the carrier sees the answer and the amendment published since it began, then completes and submits the expression of interest", async () => {
    await bidder.goto(`/traeger/bewerbungen/${applicationId}`);
    const changes = bidder.locator("#aenderungen-seit-beginn");
    await expect(changes.innerText()).resolves.toContain("Neu seit Beginn Ihrer Interessenbekundung");
    await expect(changes.getByRole("link", { name: `Änderung Nr. 1 vom ${formatDate(serverNow(clockFile), "de")}: ${amendment.title}` }).count()).resolves.toBe(1);
    await expect(changes.getByRole("link", { name: new RegExp(`auf die Frage: ${literal(publicQuestion)}$`) }).count()).resolves.toBe(1);
    await steps.chooseLots(bidder, [LOT_KEEP, LOT_EXCLUDE]);
    for (const [n, label] of [LOT_KEEP, LOT_EXCLUDE].entries()) {
      const href = await bidder.getByRole("link", { name: label, exact: true }).getAttribute("href");
      lotIds[label] = href!.split("/").pop()!;
      await bidder.goto(href!);
      await steps.fillLot(
        bidder,
        label.split(":")[0],
        { hours: "39", qualification: "Sprach- und Kulturmittlerin", degree: false, payGroup: "S 8b", languages: "Deutsch, Arabisch" },
        { personnel: "45000", material: "1500", overhead: `${1000 + n}` },
      );
      await bidder.waitForURL((url) => url.searchParams.get("gespeichert") === "1");
      await bidder.goto(`/traeger/bewerbungen/${applicationId}`);
    }

    await bidder.goto(`/traeger/bewerbungen/${applicationId}/unterlagen`);
    await steps.uploadDocumentsByKind(bidder, documents);
    await bidder.waitForURL((url) => url.searchParams.get("hochgeladen") === "1");
    // Each slot of the form shows its file.
    const uploaded = bidder.locator("#inhalt form[enctype='multipart/form-data']");
    await uploaded.getByRole("link", { name: documents.registerExtract.name }).waitFor();
    carrierFiles = await fileLinks(bidder);
    expect(carrierFiles).toHaveLength(4);
    registerExtractUrl = (await uploaded.getByRole("link", { name: documents.registerExtract.name }).getAttribute("href"))!;
    await steps.declareByPost(bidder, applicationId);

    await bidder.goto(`/traeger/bewerbungen/${applicationId}`);
    await expect(bidder.locator("#vollstaendigkeit").innerText()).resolves.toContain("Vollständig: Alles Nötige ist angegeben. Sie können einreichen.");
    await bidder.goto(`/traeger/bewerbungen/${applicationId}/einreichen`);
    await bidder.getByRole("button", { name: "Verbindlich einreichen" }).click();
    await bidder.waitForURL(/\/traeger\/eingaenge\/[^/]+\?neu=1$/);
    await bidder.getByText("Ihre Interessenbekundung ist eingegangen.").waitFor();
    const text = await mainText(bidder);
    const number = RECEIPT_NUMBER.exec(text)?.[0];
    expect(number, text).toBeDefined();
    expect(text).toContain(documents.registerExtract.sha256);
    receipt = { number: number!, submissionId: new URL(bidder.url()).pathname.split("/").pop()! };
  });

  it("shows officer A nothing of the bid before the opening: 404 on its files and its formal check", async () => {
    // Nothing of the bid on any officer page or download of the call (page, data and files).
    const secrets = [carrier.organisationName, carrier.name, receipt.number, ...Object.values(documents).map((d) => d.sha256), "Sprach- und Kulturmittlerin"];
    const leaks: string[] = [];
    for (const url of [
      HUB,
      `${HUB}.data`,
      `${HUB}/oeffnung`,
      `${HUB}/pruefung`,
      `${HUB}/pruefung.data`,
      `${HUB}/pruefung/${receipt.submissionId}.data`,
      `${HUB}/bewertung`,
      `${HUB}/bewertungen.csv`,
      `/bewertung/${SLUG}/${receipt.submissionId}/${lotIds[LOT_KEEP]}`,
      `/traeger/bewerbungen/${applicationId}`,
      "/verwaltung",
      "/verwaltung/fragen",
      "/verwaltung/postausgang",
    ]) {
      const { status, body } = await probe(officerA, url);
      for (const secret of secrets) if (body.includes(secret)) leaks.push(`${url} (${status}) shows ${secret}`);
    }
    expect(leaks).toEqual([]);

    for (const url of carrierFiles) {
      const { status, body } = await probe(officerA, url);
      expect(status, url).toBe(404);
      expect(body).not.toContain("%PDF");
    }
    const check = await probe(officerA, `${HUB}/pruefung/${receipt.submissionId}`);
    expect(check.status).toBe(404);
    expect(check.body).not.toContain(carrier.organisationName);
    expect(check.body).not.toContain(receipt.number);
    // The carrier's own receipt page is not for the city either.
    const own = await probe(officerA, `/traeger/eingaenge/${receipt.submissionId}`);
    expect([403, 404]).toContain(own.status);
    expect(own.body).not.toContain(receipt.number);
    const pdf = await probe(officerA, `${HUB}/oeffnungsprotokoll.pdf`);
    expect(pdf.status).toBe(404);

    await officerA.goto(`${HUB}/pruefung`);
    const overview = await mainText(officerA);
    expect(overview).toContain("Die formale Prüfung beginnt nach der Öffnung.");
    expect(overview).not.toContain(carrier.organisationName);
    expect(overview).not.toContain(receipt.number);

    // The hub counts the bid, nothing more.
    await officerA.goto(HUB);
    await expect(officerA.locator("main").innerText()).resolves.toMatch(/Eingereichte Interessenbekundungen \(zählende Fassungen\)\s+1/);
    expect(await officerA.content()).not.toContain(carrier.organisationName);

    // Nor can the opening begin before the (new) deadline.
    await officerA.goto(`${HUB}/oeffnung`);
    await expect(mainText(officerA)).resolves.toContain(`Die Einreichungsfrist endet am ${formatDateTime(newDeadline, "de")}.`);
    await expect(officerA.getByRole("button", { name: "Öffnung beginnen" }).count()).resolves.toBe(0);
  });

  sideCheck("does not name the bidder in the Vergabevermerk (page and PDF) before the opening", async () => {
    const leaks: string[] = [];
    const page = await probe(officerA, `${HUB}/vergabevermerk`);
    for (const secret of [carrier.organisationName, receipt.number]) if (page.body.includes(secret)) leaks.push(`${HUB}/vergabevermerk (${page.status}) shows ${secret}`);
    const pdf = await officerA.request.get(`${HUB}/vergabevermerk.pdf`, { maxRedirects: 0 });
    if (pdf.status() === 200) {
      const { text } = await extractText(new Uint8Array(await pdf.body()), { mergePages: true });
      for (const secret of [carrier.organisationName, receipt.number]) if (text.includes(secret)) leaks.push(`${HUB}/vergabevermerk.pdf shows ${secret}`);
    }
    expect(leaks).toEqual([]);
  });

  sideCheck("does not name the bidder in the case file (page and ZIP) before the opening", async () => {
    await officerA.goto(`${HUB}/vergabeakte`);
    await expectAccessible(officerA);
    await expect(mainText(officerA)).resolves.toContain("auch nicht, wer eingereicht hat");
    const first = await officerA.request.get(`${HUB}/vergabeakte.zip`, { maxRedirects: 0 });
    expect(first.status()).toBe(303);
    // Made in the background: the page says so, with a reload link, until it is done.
    let status = "";
    for (let attempt = 0; attempt < 10_000 && !status.includes("ist fertig"); attempt++) {
      status = await (await officerA.request.get(`${HUB}/vergabeakte`)).text();
    }
    const zip = await officerA.request.get(`${HUB}/vergabeakte.zip`, { maxRedirects: 0 });
    expect(zip.status()).toBe(200);
    const files = unzipSync(new Uint8Array(await zip.body()));
    expect(Object.keys(files).filter((p) => p.startsWith("angebote/"))).toEqual([]);
    const leaks: string[] = [];
    for (const [name, bytes] of Object.entries(files)) {
      const text = new TextDecoder().decode(bytes);
      for (const secret of [carrier.organisationName, carrier.name, receipt.number, documents.registerExtract.sha256]) if (text.includes(secret)) leaks.push(`${name} shows ${secret}`);
    }
    expect(leaks).toEqual([]);
  });

  sideCheck("does not show who submitted, nor the receipt number, file hashes or lots, in the audit trail before the opening", async () => {
    // The hub promises: "Bis zur Öffnung mit vier Augen ist vom Inhalt der Interessenbekundungen
    // nichts sichtbar, nur ihre Zahl." The trail may record that a bid arrived, not whose it is.
    await officerA.goto(`${HUB}/protokoll`);
    await expectAccessible(officerA);
    const text = await mainText(officerA);
    expect(text).toContain("application.submitted");
    const secrets = { "the submitting member": carrier.name, "the receipt number": receipt.number, "a file's SHA-256": documents.registerExtract.sha256, "a chosen lot": lotIds[LOT_EXCLUDE] };
    const shown = Object.entries(secrets).filter(([, secret]) => text.includes(secret)).map(([what, secret]) => `${what} (${secret})`);
    expect(shown, `${HUB}/protokoll before the opening`).toEqual([]);
  });

  it("after the new deadline officer A starts the opening but cannot confirm it alone", async () => {
    advanceClock(newDeadline.getTime() - serverNow(clockFile).getTime() + 5 * MINUTE, clockFile);
    // A day later (by the server clock) the session of the day before has expired (12 h).
    await officerA.goto(`${HUB}/oeffnung`);
    if (new URL(officerA.url()).pathname === "/anmelden") {
      await signIn(officerA, OFFICER_A);
      await officerA.goto(`${HUB}/oeffnung`);
    }
    // The session proved the second factor at sign-in, as every staff session does (decision 0034).
    await expect(mainText(officerA)).resolves.toContain(`Die Einreichungsfrist ist am ${formatDateTime(newDeadline, "de")} abgelaufen. Die Öffnung kann beginnen.`);
    await expectAccessible(officerA);
    await officerA.getByRole("button", { name: "Öffnung beginnen" }).click();
    await officerA.waitForURL((url) => url.searchParams.get("begonnen") === "1");
    await officerA.getByText("Die Öffnung ist begonnen. Jetzt muss eine zweite Person sie bestätigen.").waitFor();
    const text = await mainText(officerA);
    expect(text).toContain(`${OFFICER_A.name} hat die Öffnung am`);
    expect(text).toContain("Sie haben die Öffnung begonnen. Bestätigen muss eine andere Person der Vergabestelle in ihrer eigenen Anmeldung.");
    await expect(officerA.getByRole("button", { name: "Öffnung bestätigen" }).count()).resolves.toBe(0);
    await expectAccessible(officerA);

    // A confirmation sent anyway (the form the page does not offer) is refused with a message.
    const refused = officerA.waitForResponse((r) => r.request().method() === "POST" && new URL(r.url()).pathname === `${HUB}/oeffnung`);
    await officerA.evaluate(() => {
      const form = document.createElement("form");
      form.method = "post";
      const intent = document.createElement("input");
      intent.type = "hidden";
      intent.name = "intent";
      intent.value = "confirm";
      form.append(intent);
      document.body.append(form);
      form.submit();
    });
    expect((await refused).status()).toBe(403);
    await errorSummary(officerA).getByText(SAME_OFFICER).waitFor();
    await expect(officerA.getByRole("button", { name: "Öffnung bestätigen" }).count()).resolves.toBe(0);
    expect(await mainText(officerA)).not.toContain("Die Öffnung ist abgeschlossen");

    // Still sealed while the opening waits for the second person.
    for (const url of [registerExtractUrl, `${HUB}/pruefung/${receipt.submissionId}`, `${HUB}/oeffnungsprotokoll.pdf`]) {
      await expect(probe(officerA, url).then((r) => r.status), url).resolves.toBe(404);
    }
  });

  it("officer B, signed in separately, confirms; the opening record lists the receipt and the file's SHA-256", async () => {
    await signIn(officerB, OFFICER_B);
    await officerB.goto(HUB);
    await officerB.getByRole("link", { name: "Öffnung bestätigen (zweite Person)" }).click();
    await officerB.waitForURL((url) => url.pathname === `${HUB}/oeffnung`);
    await officerB.getByRole("button", { name: "Öffnung bestätigen" }).waitFor();
    await expect(mainText(officerB)).resolves.toContain(`${OFFICER_A.name} hat die Öffnung am`);
    await expectAccessible(officerB);
    await officerB.getByRole("button", { name: "Öffnung bestätigen" }).click();
    await officerB.waitForURL((url) => url.searchParams.get("bestaetigt") === "1");
    await officerB.getByText("Die Öffnung ist abgeschlossen. Das Öffnungsprotokoll ist gespeichert.").waitFor();
    const text = await mainText(officerB);
    expect(text).toContain(`Die Öffnung ist abgeschlossen: begonnen von ${OFFICER_A.name}, bestätigt von ${OFFICER_B.name}`);
    expect(text).toContain(receipt.number);
    expect(text).toContain(carrier.organisationName);
    expect(text).toContain(documents.registerExtract.sha256);
    await expectAccessible(officerB);

    // Officer A sees the same record.
    await officerA.goto(`${HUB}/oeffnung`);
    await expect(mainText(officerA)).resolves.toContain(receipt.number);
  });

  it("serves the opening record as a PDF whose text lists the receipt number and the uploaded file's SHA-256", async () => {
    const href = await officerA.getByRole("link", { name: "Öffnungsprotokoll als PDF herunterladen" }).getAttribute("href");
    expect(href).toBe(`${HUB}/oeffnungsprotokoll.pdf`);
    const response = await officerA.request.get(href!);
    expect(response.status()).toBe(200);
    expect(response.headers()["content-type"]).toBe("application/pdf");
    expect(response.headers()["content-disposition"]).toContain(`oeffnungsprotokoll-${SLUG}.pdf`);
    const bytes = await response.body();
    expect(bytes.subarray(0, 5).toString()).toBe("%PDF-");
    // The page states the PDF's own checksum.
    await expect(mainText(officerA)).resolves.toContain(sha256(bytes));
    const { text } = await extractText(new Uint8Array(bytes), { mergePages: true });
    expect(text).toMatch(new RegExp(`Eingangsnummer\\s+${receipt.number}`));
    expect(text).toContain(carrier.organisationName);
    expect(text).toMatch(new RegExp(`Ende der Einreichungsfrist\\s+${literal(formatDateTime(newDeadline, "de"))}`));
    expect(text).toContain(documents.registerExtract.name);
    expect(text).toMatch(new RegExp(`Erwartet \\(SHA-256\\)\\s+${documents.registerExtract.sha256}`));
    expect(text).toMatch(new RegExp(`Berechnet \\(SHA-256\\)\\s+${documents.registerExtract.sha256}`));
    expect(text).toMatch(/Abweichungen\s+0/);
  });

  it("lets officer A download the carrier's files after the opening", async () => {
    for (const url of carrierFiles) expect((await probe(officerA, url)).status, url).toBe(200);
    const response = await officerA.request.get(registerExtractUrl);
    expect(sha256(await response.body())).toBe(documents.registerExtract.sha256);
  });

  it("shows the formal check with its checklist; officer A excludes one lot bid with a reason, then the whole bid on an exclusion ground, and sees every ground counted", async () => {
    await officerA.goto(`${HUB}/pruefung`);
    const row = officerA.locator("tbody tr", { hasText: receipt.number });
    await expect(row.innerText()).resolves.toContain(carrier.organisationName);
    await expectAccessible(officerA);
    await row.getByRole("link", { name: carrier.organisationName }).click();
    await officerA.waitForURL((url) => url.pathname === `${HUB}/pruefung/${receipt.submissionId}`);
    await officerA.getByRole("heading", { level: 1, name: `Formale Prüfung: ${carrier.organisationName}`, exact: true }).waitFor();
    const whole = officerA.locator("#pruefung-gesamt");
    for (const item of ["Fristgerecht eingegangen", "Vollständig", "Eignungsnachweise vorhanden und gültig", "Höchstzahl der Lose je Träger eingehalten"]) {
      await expect(whole.getByRole("group", { name: `Ergebnis: ${item}` }).count(), item).resolves.toBe(1);
    }
    const lot = officerA.locator(`[id="pruefung-${lotIds[LOT_EXCLUDE]}"]`);
    for (const item of [
      "Angebot zum Los vollständig (Konzept, Stellen, Kostenplan)",
      "Angebotene Stellen erfüllen die Qualifikationsanforderungen",
      "Entgeltgruppe jeder Stelle mindestens die Mindestentgeltgruppe",
    ]) {
      await expect(lot.getByRole("group", { name: `Ergebnis: ${item}` }).count(), item).resolves.toBe(1);
    }
    await expect(mainText(officerA)).resolves.toContain(documents.registerExtract.name);
    await expectAccessible(officerA);

    // Without a reason: refused next to the field.
    await lot.getByLabel("Grund des Ausschlusses").fill("");
    await lot.getByRole("button", { name: "Angebot zu Los 7 ausschließen" }).click();
    await officerA.locator(`[id="feld-grund-${lotIds[LOT_EXCLUDE]}-fehler"]`).waitFor();
    await expect(officerA.locator(`[id="feld-grund-${lotIds[LOT_EXCLUDE]}-fehler"]`).innerText()).resolves.toContain("Bitte geben Sie den Grund an.");

    await lot.getByLabel("Grund des Ausschlusses").fill(exclusionReason);
    await lot.getByRole("button", { name: "Angebot zu Los 7 ausschließen" }).click();
    await officerA.waitForURL((url) => url.searchParams.get("ausgeschlossen") === "1");
    await officerA.getByText("Der Ausschluss ist gespeichert.").waitFor();
    const excluded = officerA.locator(`[id="pruefung-${lotIds[LOT_EXCLUDE]}"]`);
    await expect(excluded.innerText()).resolves.toMatch(new RegExp(`Ausgeschlossen am .+ von ${literal(OFFICER_A.name)}\\. Grund: ${literal(exclusionReason)}`));
    // The other lot stays in.
    await expect(officerA.locator(`[id="pruefung-${lotIds[LOT_KEEP]}"]`).innerText()).resolves.not.toContain("Ausgeschlossen am");
    await expectAccessible(officerA);

    // A finding per exclusion ground (decision 0019): the carrier declared that none applies,
    // so the form proposes "Kein Ausschlussgrund" for each of the 11; one is found to exclude.
    const grounds = officerA.locator("#ausschlussgruende");
    await expect(grounds.locator("input[type=radio][value=none]:checked").count()).resolves.toBe(11);
    await byId(officerA, `feld-befund-${EXCLUDING_GROUND}-exclude`).check();
    await byId(officerA, `feld-befund-vermerk-${EXCLUDING_GROUND}`).fill(groundNote);
    await grounds.getByRole("button", { name: "Ergebnisse zu den Ausschlussgründen speichern" }).click();
    await officerA.waitForURL((url) => url.searchParams.get("ausgeschlossen") === "1" && url.hash === "#ausschlussgruende");
    await whole.getByText("Ausgeschlossen am").waitFor();
    // The exclusion of the whole bid names its ground, then the officer's note.
    await expect(whole.innerText()).resolves.toMatch(
      new RegExp(`Ausgeschlossen am .+ von ${literal(OFFICER_A.name)}\\. Grund: ${literal(`${EXCLUDING_GROUND_NAME}. ${groundNote}`)}`),
    );
    await expect(grounds.getByText(/^Festgehalten: /).count()).resolves.toBe(11);
    await expect(grounds.innerText()).resolves.toContain(`Festgehalten: Ausschließen (${OFFICER_A.name}, `);
    await expectAccessible(officerA);

    // The overview counts every ground as an item: 4 of the bid, 4 per lot bid, 11 grounds.
    await officerA.goto(`${HUB}/pruefung`);
    const overview = await officerA.locator("tbody tr", { hasText: receipt.number }).innerText();
    expect(overview).toContain("11 von 23 Punkten festgestellt");
    expect(overview).toContain("darunter Ausschlussgründe: 11 von 11");
    expect(overview).toContain("Ausgeschlossen");
  });

  it("lists every step in the call's audit trail, in order, with the acting person", async () => {
    await officerA.goto(`${HUB}/protokoll`);
    await expectAccessible(officerA);
    const rows = await auditRows(officerA);
    const steps: [action: string, actor: string, details?: string][] = [
      ["call.draft-created", OFFICER_A.name, HISTORIC_SLUG],
      ["call.published", OFFICER_A.name],
      ["question.answered", OFFICER_A.name],
      ["call.extension-declined", OFFICER_A.name, noExtensionReason],
      ["call.amended", OFFICER_A.name, newDeadline.toISOString()],
      ["application.submitted", carrier.name, receipt.number],
      ["opening.started", OFFICER_A.name],
      ["call.opened", OFFICER_B.name],
      ["formal-check.excluded", OFFICER_A.name, exclusionReason],
      ["formal-check.ground-finding", OFFICER_A.name],
      ["formal-check.excluded", OFFICER_A.name, EXCLUDING_GROUND],
    ];
    let from = 0;
    for (const [action, actor, details] of steps) {
      const index = rows.findIndex((r, i) => i >= from && r.action === action);
      expect(index, `${action} after row ${from} in ${rows.map((r) => r.action).join(", ")}`).toBeGreaterThanOrEqual(0);
      expect(rows[index].actor, action).toBe(actor);
      if (details) expect(rows[index].details, action).toContain(details);
      from = index + 1;
    }
  });

  it(LAST_STEP, () => {
    expect(browserErrors).toEqual([]);
  });
});

function literal(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");
}
