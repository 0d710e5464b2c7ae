// The evaluation in Chromium, from bids to the Vergabevermerk: three carriers have submitted on
// lot 2 of a call of this test's own (seeded before the server starts by
// support/evaluation-bids.ts; the carrier's pages are carrier-path.test.ts's); the deadline passes (the server's clock is moved, nobody
// sleeps); two officers open the call; an officer assigns two evaluators; both declare on
// conflicts of interest (one declares a typed conflict with a carrier and never sees its bid
// or file); both score with justifications, one criterion 3 points apart, which is flagged,
// and certify that no conflict arose; the officer excludes the conflicted evaluator and
// records a consensus; the ranking appears; the Vergabevermerk PDF, downloaded and parsed,
// holds the justifications, the conflict declaration with its decision and the ranking.
//
// Publishing a call adds it to the public start page, whose lists other test files check
// exactly, and moving the clock would move it for every file. So this file runs its own
// server (the build of the global setup) with its own DATA_DIR, clock file and SMTP server,
// and talks to it only over HTTP and the seed script. The second evaluator works without JavaScript.
import fs from "node:fs";
import path from "node:path";
import type { Browser, BrowserContextOptions, Page } from "playwright-core";
import { extractText } from "unpdf";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startSmtpServer, type TestSmtpServer } from "../support/smtp";
import { expectAccessible, launchBrowser, openPage } from "./support/browser";
import { signIn as signInAs } from "./support/staff";
import { uniqueEmail, type CarrierAccount } from "./support/carrier";
import type { EvaluationSeed } from "./support/evaluation-bids";
import { runWith, startOwnServer, type OwnServer } from "./support/own-server";

const SLUG = `bewertung-${Date.now().toString(36)}`;
const TITLE = "Bewertungstest: Soziale Betreuung von Geflüchteten";
const LOT = "Los 2: Flüchtlingssozialarbeit – Region Nord";
const OFFICER_A = { email: "vergabe.a@demo.example", password: "demo-vergabe-a-2017" };
const OFFICER_B = { email: "vergabe.b@demo.example", password: "demo-vergabe-b-2017" };
const CLARA = { email: "bewertung@demo.example", password: "demo-bewertung-2017", name: "Clara Bewertung (Demo, fiktiv)" };
const DORA = { email: "dora.zweit@example.org", password: "Elbwiesen im Februar sind kalt 2017", name: "Dora Zweitbewertung" };
const CONFLICT_NOTE = "Bis 2016 im Vorstand des Trägervereins";
const CONSENSUS_REASON = "Gemeinsam abgewogen: Ziele klar, Methoden tragfähig";
const HOUR = 3600_000;

const CRITERIA = [
  ["konzept", "Fachliches Konzept und Methoden", 25],
  ["vernetzung", "Kooperation und Vernetzung in der Region", 20],
  ["tandem", "Zusammenarbeit im Tandem und Übergänge", 15],
  ["schutzbeduerftige", "Besonders schutzbedürftige Geflüchtete", 15],
  ["qualitaet", "Qualitätssicherung, Dokumentation und Personal", 15],
] as const;

const carrier = (label: string, organisationName: string): CarrierAccount => ({
  organisationName,
  name: `Petra ${label}`,
  email: uniqueEmail(label.toLowerCase()),
  password: "Elbwiesen im Februar sind kalt 2017",
});
// Dresden scores only the costs other than personnel (decision 0015): material and overhead
// per FTE 2,500 €, 3,000 € and 2,000 € give price scores 4.00, 3.33 and 5.00, whatever the
// personnel costs (Gamma pays its staff most and still gets the full price points).
const ALPHA = carrier("Alpha", "Alpha Stadtteilhilfe e. V.");
const BETA = carrier("Beta", "Beta Beratung gGmbH");
const GAMMA = carrier("Gamma", "Gamma Sozialwerk e. V.");
/** Each carrier's costs in cents (personnel per FTE, material and overhead per year) and its concept PDF's text. */
const BIDS: [CarrierAccount, EvaluationSeed["bidders"][number]["costs"], string | null][] = [
  [ALPHA, { personnel: 5_000_000, material: 150_000, overhead: 100_000 }, null],
  [BETA, { personnel: 4_800_000, material: 180_000, overhead: 120_000 }, null],
  [GAMMA, { personnel: 6_200_000, material: 120_000, overhead: 80_000 }, "Konzept Gamma Sozialwerk"],
];

let server: OwnServer | undefined;
let smtp: TestSmtpServer | undefined;
let clockFile: string;
let baseURL: string;
let browser: Browser;
const browserErrors: string[] = [];

/** Moves this server's clock forward by `ms` (app/infra/clock.server.ts reads the file on every call). */
function advanceClock(ms: number) {
  const offset = Number(fs.readFileSync(clockFile, "utf8")) || 0;
  fs.writeFileSync(clockFile, String(offset + ms));
}

const open = (options: BrowserContextOptions = {}) => openPage(browser, browserErrors, { baseURL, ...options });

async function signIn(account: { email: string; password: string }, options: BrowserContextOptions = {}): Promise<Page> {
  const page = await open(options);
  await signInAs(page, account);
  return page;
}

beforeAll(async () => {
  smtp = await startSmtpServer();
  server = await startOwnServer({
    name: "evaluation",
    env: { SMTP_URL: smtp.url },
    prepare(env) {
      // A copy of Dresden's call whose submission deadline is two hours ahead, the second
      // evaluator and the three bids (tests/e2e/support/evaluation-bids.ts).
      const now = Date.now();
      const at = (ms: number) => new Date(Math.floor((now + ms) / 60_000) * 60_000).toISOString().replace(/\.\d{3}Z$/, "Z");
      const definition = JSON.parse(fs.readFileSync("app/calls/dresden-2017.json", "utf8"));
      const seed: EvaluationSeed = {
        definition: {
          ...definition,
          slug: SLUG,
          title: TITLE,
          dates: {
            published: at(-HOUR),
            questionDeadline: at(HOUR),
            submissionDeadline: at(2 * HOUR),
            opening: at(3 * HOUR),
            bindingPeriodEnd: at(60 * 24 * HOUR),
            serviceStart: at(90 * 24 * HOUR),
            contractEnd: at(800 * 24 * HOUR),
          },
        },
        lotNumber: 2,
        evaluator: DORA,
        bidders: BIDS.map(([account, costs, conceptPdf]) => ({ organisationName: account.organisationName, personName: account.name, email: account.email, costs, conceptPdf })),
      };
      const file = path.join(env.DATA_DIR!, "evaluation-seed.json");
      fs.writeFileSync(file, JSON.stringify(seed));
      runWith(env, "node_modules/.bin/tsx", ["tests/e2e/support/evaluation-bids.ts", file]);
    },
  });
  clockFile = server.clockFile;
  baseURL = server.baseURL;
  browser = await launchBrowser();
});

afterAll(async () => {
  await browser?.close();
  await server?.stop();
  await smtp?.close();
});

/** On the scoring page: points and a justification for every quality criterion. */
async function fillScores(page: Page, points: Record<string, number>, justification: (code: string) => string) {
  for (const [code, name, weight] of CRITERIA) {
    const group = page.getByRole("group", { name: `${name} (${weight} %)`, exact: true });
    await group.getByRole("radio", { name: new RegExp(`^${points[code]} – `) }).check();
    await page.getByLabel(`Begründung: ${name}`, { exact: true }).fill(justification(code));
  }
}

const all = (p: number) => Object.fromEntries(CRITERIA.map(([code]) => [code, p]));
const justificationOf = (who: string, carrierName: string) => (code: string) => `${who} zu ${carrierName.split(" ")[0]}, ${code}: nachvollziehbar beschrieben.`;

const EMPLOYMENT = "Beschäftigung oder Organ- bzw. Vorstandsfunktion beim Träger in den letzten drei Jahren";

/**
 * Sends the declaration about one carrier: no conflict (no kinds), or a conflict of the
 * kinds named by their labels (none ticked: "Ja" alone); `expectSaved` waits until the page shows it.
 */
async function declare(page: Page, organisation: string, kinds: (string | RegExp)[] | null, note = "", expectSaved = true) {
  await page.getByRole("group", { name: `Besteht ein Interessenkonflikt mit ${organisation}?` }).getByRole("radio", { name: kinds ? /^Ja/ : /^Nein/ }).check();
  const group = page.getByRole("group", { name: `Art des Interessenkonflikts mit ${organisation} (eine oder mehrere)` });
  for (const kind of kinds ?? []) await group.getByRole("checkbox", { name: kind }).check();
  await page.getByLabel(`Erläuterung zu ${organisation}`).fill(note);
  await page.getByRole("button", { name: new RegExp(`^Erklärung zu ${organisation.replace(/[.()]/g, "\\$&")} (abgeben|ändern)$`) }).click();
  if (expectSaved) await page.getByRole("button", { name: `Erklärung zu ${organisation} ändern`, exact: true }).waitFor();
}

async function openBid(page: Page, organisation: string): Promise<string> {
  await page.goto(`/bewertung/${SLUG}`);
  await page.getByRole("link", { name: `${organisation}, Los 2`, exact: true }).click();
  await page.getByRole("heading", { level: 1, name: `Bewertung: ${organisation}`, exact: true }).waitFor();
  return new URL(page.url()).pathname;
}

describe("evaluating the bids of a call", () => {
  let officerA: Page;
  let officerB: Page;
  let clara: Page;
  let dora: Page;
  let gammaBid = "";
  let gammaConcept = "";

  it("takes three bids on lot 2 before the deadline and shows the officers none of them before the opening", async () => {
    // The bids were submitted in beforeAll (tests/e2e/support/evaluation-bids.ts). This
    // session ends when the clock jumps past the deadline (idle timeout).
    const officer = await signIn(OFFICER_A);
    await officer.goto(`/verwaltung/aufrufe/${SLUG}/oeffnung`);
    const text = await officer.locator("main").innerText();
    expect(text).toContain("Vorher kann die Öffnung nicht beginnen");
    for (const c of [ALPHA, BETA, GAMMA]) expect(text).not.toContain(c.organisationName);
    await officer.context().close();
  });

  it("lets the deadline pass and opens the call with two officers", async () => {
    advanceClock(2 * HOUR + 60_000);
    officerA = await signIn(OFFICER_A);
    officerB = await signIn(OFFICER_B);
    // The four-eyes opening needs both sessions proven with a second factor: signing in did it.
    await officerA.goto(`/verwaltung/aufrufe/${SLUG}/oeffnung`);
    await officerA.getByRole("button", { name: "Öffnung beginnen" }).click();
    await officerA.getByText("Die Öffnung ist begonnen.").waitFor();
    await officerB.goto(`/verwaltung/aufrufe/${SLUG}/oeffnung`);
    await officerB.getByRole("button", { name: "Öffnung bestätigen" }).click();
    await officerB.getByText("Die Öffnung ist abgeschlossen.").waitFor();
  });

  it("assigns two evaluators to lot 2, warning while there are fewer", async () => {
    await officerA.goto(`/verwaltung/aufrufe/${SLUG}`);
    await officerA.getByRole("link", { name: "Bewertung und Vergabevermerk" }).click();
    await officerA.getByRole("heading", { level: 1, name: "Bewertung", exact: true }).waitFor();
    await expectAccessible(officerA);
    const lot = officerA.locator(`section.kern-card`, { has: officerA.getByRole("heading", { name: LOT, exact: true }) });
    await expect(lot.innerText()).resolves.toContain("Weniger als zwei Bewertende (zurzeit 0).");

    // Nobody chosen: refused next to the select and in the summary.
    await lot.getByRole("button", { name: "Los 2 zuordnen" }).click();
    await officerA.locator(".kern-alert--danger").waitFor();
    await expect(lot.locator(".kern-error").innerText()).resolves.toContain("Bitte wählen Sie eine bewertende Person.");
    await expect(officerA.locator(".kern-alert--danger a").innerText()).resolves.toBe("Bitte wählen Sie eine bewertende Person.");
    await expectAccessible(officerA);

    for (const e of [CLARA, DORA]) {
      await lot.getByLabel("Bewertende Person für Los 2").selectOption({ label: `${e.name} (${e.email})` });
      await lot.getByRole("button", { name: "Los 2 zuordnen" }).click();
      await lot.getByRole("button", { name: `${e.name} von Los 2 entfernen` }).waitFor();
    }
    await expect(lot.innerText()).resolves.not.toContain("Weniger als zwei Bewertende");
    await expect(lot.getByRole("button", { name: `${CLARA.name} von Los 2 entfernen` }).count()).resolves.toBe(1);
    const other = officerA.locator(`section.kern-card`, { has: officerA.getByRole("heading", { name: "Los 3: Flüchtlingsbegleitung – Region Nord", exact: true }) });
    await expect(other.innerText()).resolves.toContain("Weniger als zwei Bewertende (zurzeit 0).");
  });

  it("has the first evaluator declare, one conflict with a note, before any bid is shown", async () => {
    clara = await signIn(CLARA);
    await clara.getByRole("link", { name: "Meine Bewertungen" }).click();
    await clara.getByRole("heading", { level: 1, name: "Meine Bewertungen" }).waitFor();
    await expectAccessible(clara);
    await clara.getByRole("link", { name: TITLE }).click();
    await clara.getByRole("heading", { level: 1, name: TITLE }).waitFor();
    const text = await clara.locator("main").innerText();
    for (const c of [ALPHA, BETA, GAMMA]) expect(text).toContain(c.organisationName);
    expect(text).toContain("Die Angebote erscheinen, sobald Sie zu jedem Träger eine Erklärung abgegeben haben (noch offen: 3).");
    await expect(clara.getByRole("link", { name: /, Los 2$/ }).count()).resolves.toBe(0);
    await expectAccessible(clara);

    // A conflict without its kind is refused, the choice kept; so is "other" without an explanation.
    await declare(clara, GAMMA.organisationName, [], "", false);
    const error = clara.locator(".kern-error", { hasText: "Bitte wählen Sie mindestens eine Art des Interessenkonflikts." });
    await error.waitFor();
    await expect(clara.locator(".kern-alert--danger").innerText()).resolves.toContain("Bitte wählen Sie mindestens eine Art des Interessenkonflikts.");
    await expect(
      clara.getByRole("group", { name: `Besteht ein Interessenkonflikt mit ${GAMMA.organisationName}?` }).getByRole("radio", { name: /^Ja/ }).isChecked(),
    ).resolves.toBe(true);
    await expectAccessible(clara);
    await declare(clara, GAMMA.organisationName, [/^Sonstiges/], "", false);
    await clara.locator(".kern-error", { hasText: "Bitte beschreiben Sie den sonstigen Interessenkonflikt in der Erläuterung." }).waitFor();
    const other = clara.getByRole("group", { name: `Art des Interessenkonflikts mit ${GAMMA.organisationName} (eine oder mehrere)` }).getByRole("checkbox", { name: /^Sonstiges/ });
    await expect(other.isChecked()).resolves.toBe(true);
    await other.uncheck();

    await declare(clara, GAMMA.organisationName, [EMPLOYMENT], CONFLICT_NOTE);
    await declare(clara, ALPHA.organisationName, null);
    await declare(clara, BETA.organisationName, null);
    const bids = clara.locator("#angebote-tabelle").locator("xpath=..");
    await bids.waitFor();
    await expect(bids.getByRole("link").allInnerTexts()).resolves.toEqual([`${ALPHA.organisationName}, Los 2`, `${BETA.organisationName}, Los 2`]);
    const main = await clara.locator("main").innerText();
    expect(main).toContain(`Interessenkonflikt (${EMPLOYMENT}). ${CONFLICT_NOTE}`);
    expect(main).toContain("Die Vergabestelle hat über Ihren Interessenkonflikt noch nicht entschieden");
    await expectAccessible(clara);
  });

  it("has the second evaluator, without JavaScript, declare no conflict and see all three bids", async () => {
    dora = await signIn(DORA, { javaScriptEnabled: false });
    await dora.goto(`/bewertung/${SLUG}`);
    for (const c of [ALPHA, BETA, GAMMA]) await declare(dora, c.organisationName, null);
    const links = dora.getByRole("link", { name: /, Los 2$/ });
    await expect(links.allInnerTexts()).resolves.toEqual([`${ALPHA.organisationName}, Los 2`, `${BETA.organisationName}, Los 2`, `${GAMMA.organisationName}, Los 2`]);
    gammaBid = (await dora.getByRole("link", { name: `${GAMMA.organisationName}, Los 2` }).getAttribute("href"))!;
    await dora.goto(gammaBid);
    gammaConcept = (await dora.locator("a[href^='/dateien/']").getAttribute("href"))!;
    expect(gammaConcept).toMatch(/^\/dateien\/.+/);
    expect((await dora.request.get(gammaConcept)).status()).toBe(200);
  });

  it("never shows the first evaluator the bid or the file of the carrier in conflict", async () => {
    const response = await clara.request.get(gammaBid, { maxRedirects: 0 });
    expect(response.status()).toBe(404);
    expect(await response.text()).not.toContain("Gamma zu");
    expect((await clara.request.get(gammaConcept, { maxRedirects: 0 })).status()).toBe(404);
    const page = await clara.goto(gammaBid);
    expect(page?.status()).toBe(404);
    await expect(clara.getByRole("heading", { level: 1 }).innerText()).resolves.toBe("Seite nicht gefunden");
  });

  it("has the first evaluator score Alpha: a missing justification is refused, the typed values kept", async () => {
    await openBid(clara, ALPHA.organisationName);
    await expect(clara.getByRole("heading", { level: 1 }).innerText()).resolves.toBe(`Bewertung: ${ALPHA.organisationName}`);
    const main = await clara.locator("main").innerText();
    expect(main).toContain("Punkte = 5 × (niedrigste übrige Kosten je VZÄ im Los");
    // The amount is formatted as German currency: a no-break space before the sign.
    expect(main).toContain("Berechnete Punktzahl: 4,00 (gewertete Kosten je VZÄ und Jahr: 2.500,00\u00a0€)");
    expect(main).toContain("In besonderem Maße erfüllt");
    // Side by side: the criterion, the meaning of each point and the carrier's sections it scores.
    const tandem = clara.locator(".kern-card", { has: clara.getByRole("group", { name: "Zusammenarbeit im Tandem und Übergänge (15 %)", exact: true }) });
    const card = await tandem.innerText();
    expect(card).toContain("Dazu schreibt der Träger („Zusammenarbeit im Tandem und Übergänge“)");
    expect(card).toContain("Los 2 – Tandem von Sozialarbeit und Begleitung");
    expect(card).toContain("Los 2 – Wege in Kurse, Arbeit und Praktika");
    expect(card).toContain("5 – In besonderem Maße erfüllt");
    expect(card).toContain("0 – Nicht erfüllt");
    expect(card).not.toContain("Los 2 – Ansatz und Methoden");
    await expectAccessible(clara);

    await fillScores(clara, { ...all(4), konzept: 1 }, justificationOf("Clara", ALPHA.organisationName));
    const quality = "Begründung: Qualitätssicherung, Dokumentation und Personal";
    await clara.getByLabel(quality, { exact: true }).fill("");
    await clara.getByRole("button", { name: "Bewertung abschließen" }).click();
    const error = clara.locator("[id^='feld-begruendung-'][id$='-fehler']");
    await error.waitFor();
    await expect(error.innerText()).resolves.toContain("Bitte begründen Sie die Bewertung.");
    await expect(clara.locator(".kern-alert--danger").innerText()).resolves.toContain(
      "Qualitätssicherung, Dokumentation und Personal: Bitte begründen Sie die Bewertung.",
    );
    await expect(clara.getByLabel(quality, { exact: true }).getAttribute("aria-invalid")).resolves.toBe("true");
    // What was chosen and typed stays.
    const konzept = clara.getByRole("group", { name: "Fachliches Konzept und Methoden (25 %)", exact: true });
    await expect(konzept.getByRole("radio", { name: /^1 – / }).isChecked()).resolves.toBe(true);
    await expect(clara.getByLabel("Begründung: Fachliches Konzept und Methoden", { exact: true }).inputValue()).resolves.toBe(
      justificationOf("Clara", ALPHA.organisationName)("konzept"),
    );
    await expectAccessible(clara);

    await clara.getByLabel(quality, { exact: true }).fill(justificationOf("Clara", ALPHA.organisationName)("qualitaet"));
    await clara.getByRole("button", { name: "Bewertung abschließen" }).click();
    await clara.getByText("Ihre Bewertung ist abgeschlossen.").waitFor();
    const done = await clara.locator("main").innerText();
    expect(done).toContain("Ihre Bewertung ist abgeschlossen.");
    expect(done).toContain("Ihre Bewertung: 1 Punkte.");
    expect(done).toContain("Noch keine andere Person hat dieses Angebot abschließend bewertet.");
    await expect(clara.getByRole("button", { name: "Bewertung abschließen" }).count()).resolves.toBe(0);
    await expectAccessible(clara);
  });

  it("has both evaluators score the other bids, and shows colleagues' scores only after one's own are final", async () => {
    await openBid(clara, BETA.organisationName);
    await fillScores(clara, all(3), justificationOf("Clara", BETA.organisationName));
    await clara.getByRole("button", { name: "Bewertung abschließen" }).click();
    await clara.getByText("Ihre Bewertung ist abgeschlossen.").waitFor();

    // Without JavaScript: a draft first, then the final scores.
    await openBid(dora, ALPHA.organisationName);
    await expect(dora.locator("main").innerText()).resolves.not.toContain("Clara zu");
    await fillScores(dora, all(4), justificationOf("Dora", ALPHA.organisationName));
    await dora.getByRole("button", { name: "Entwurf speichern" }).click();
    await dora.waitForURL((url) => url.searchParams.get("gespeichert") === "1");
    await expect(dora.locator("main").innerText()).resolves.toContain("Der Entwurf ist gespeichert.");
    await expect(
      dora.getByRole("group", { name: "Fachliches Konzept und Methoden (25 %)", exact: true }).getByRole("radio", { name: /^4 – / }).isChecked(),
    ).resolves.toBe(true);
    await expect(dora.locator("main").innerText()).resolves.not.toContain("Clara zu");
    await dora.getByRole("button", { name: "Bewertung abschließen" }).click();
    await dora.waitForURL((url) => url.searchParams.get("abgeschlossen") === "1");
    const text = await dora.locator("main").innerText();
    expect(text).toContain("Abgeschlossene Bewertungen der anderen");
    expect(text).toContain(`${CLARA.name}: 1 Punkte. ${justificationOf("Clara", ALPHA.organisationName)("konzept")}`);

    for (const [c, p] of [
      [BETA, 3],
      [GAMMA, 2],
    ] as const) {
      await openBid(dora, c.organisationName);
      await fillScores(dora, all(p), justificationOf("Dora", c.organisationName));
      await dora.getByRole("button", { name: "Bewertung abschließen" }).click();
      await dora.waitForURL((url) => url.searchParams.get("abgeschlossen") === "1");
    }
  });

  it("has both evaluators certify after scoring that no conflict arose, refused without the tick", async () => {
    await dora.goto(`/bewertung/${SLUG}`);
    await expect(dora.locator("#angebote-tabelle").locator("xpath=..").innerText()).resolves.not.toContain("noch nicht bewertet");
    // Refused without the tick (with JavaScript, where axe can run), then given by both.
    await clara.goto(`/bewertung/${SLUG}`);
    await clara.getByRole("button", { name: "Versicherung abgeben" }).click();
    await clara.locator(".kern-error", { hasText: "Bitte bestätigen Sie die Versicherung durch Ankreuzen." }).waitFor();
    await expectAccessible(clara);
    for (const page of [dora, clara]) {
      await page.getByRole("checkbox", { name: "Ich versichere, dass während der Bewertung kein Interessenkonflikt entstanden ist." }).check();
      await page.getByRole("button", { name: "Versicherung abgeben" }).click();
      await page.waitForURL((url) => url.searchParams.get("versichert") === "1");
      // With JavaScript the URL changes a moment before the new page renders: wait for the text.
      await page.locator("#versicherung").locator("xpath=..").getByText("Versichert am").waitFor();
    }
  });

  it("flags the spread of three points, takes the officer's consensus and then shows the ranking", async () => {
    await officerA.goto(`/verwaltung/aufrufe/${SLUG}/bewertung`);
    const progress = await officerA.locator("#fortschritt").locator("xpath=..").innerText();
    expect(progress).toContain("Interessenkonflikt");
    // The declared conflict awaits a decision: refused without a choice, then the evaluator is excluded.
    const decision = officerA.getByRole("group", { name: `Entscheidung über den Interessenkonflikt von ${CLARA.name} mit ${GAMMA.organisationName}` });
    const decide = officerA.getByRole("button", { name: `Entscheidung zu ${CLARA.name} und ${GAMMA.organisationName} speichern` });
    await decide.click();
    await officerA.locator(".kern-error", { hasText: "Bitte wählen Sie: ausschließen oder zulassen." }).waitFor();
    await decision.getByRole("radio", { name: /^Ausschließen/ }).check();
    await officerA.getByRole("button", { name: `Entscheidung zu ${CLARA.name} und ${GAMMA.organisationName} speichern` }).click();
    await officerA.getByText("Die Entscheidung ist gespeichert.").waitFor();
    await expect(officerA.locator("#erklaerungen-tabelle").locator("xpath=..").innerText()).resolves.toMatch(/ausgeschlossen am .+ von /);
    await expect(officerA.locator("main").innerText()).resolves.toContain(`${CLARA.name}: versichert am`);
    const spread = officerA.locator("section.kern-card", { has: officerA.getByRole("heading", { name: `${ALPHA.organisationName}: Fachliches Konzept und Methoden`, exact: true }) });
    const card = await spread.innerText();
    expect(card).toContain(`${CLARA.name}: 1 Punkte. ${justificationOf("Clara", ALPHA.organisationName)("konzept")}`);
    expect(card).toContain(`${DORA.name}: 4 Punkte. ${justificationOf("Dora", ALPHA.organisationName)("konzept")}`);
    await expect(officerA.locator("#streuungen").innerText()).resolves.toContain("Offene Streuungen: 1.");
    const ranking = officerA.getByRole("table", { name: `Rangfolge: ${LOT}` });
    await expect(ranking.innerText()).resolves.toContain("Noch nicht gewertet: 1 Streuung(en) ohne Konsens.");
    await expectAccessible(officerA);

    // Points without a reason: refused next to the field, the choice kept.
    const points = spread.getByLabel(/^Punkte im Konsens/);
    await points.selectOption("3");
    await spread.getByRole("button", { name: "Konsens festhalten" }).click();
    await officerA.locator(".kern-alert--danger").waitFor();
    await expect(spread.locator(".kern-error").innerText()).resolves.toContain("Bitte begründen Sie den Konsens.");
    await expect(spread.getByLabel(/^Punkte im Konsens/).inputValue()).resolves.toBe("3");
    await expectAccessible(officerA);

    await spread.getByLabel(/^Begründung des Konsenses/).fill(CONSENSUS_REASON);
    await spread.getByRole("button", { name: "Konsens festhalten" }).click();
    await officerA.getByText("Der Konsens ist festgehalten.").waitFor();
    await expect(spread.innerText()).resolves.toContain(`Konsens: 3 Punkte. ${CONSENSUS_REASON}`);
    const rows = await officerA.getByRole("table", { name: `Rangfolge: ${LOT}` }).locator("tbody tr").allInnerTexts();
    // Alpha .25×3 + .65×4 + .1×4.00 = 3.75; Beta .9×3 + .1×3.33 = 3.03; Gamma .9×2 + .1×5 = 2.30.
    expect(rows.map((r) => r.replace(/\s+/g, " ").trim())).toEqual([
      expect.stringMatching(new RegExp(`^1 ${ALPHA.organisationName} EB-\\S+ 3,75 4,00`)),
      expect.stringMatching(new RegExp(`^2 ${BETA.organisationName} EB-\\S+ 3,03 3,33`)),
      expect.stringMatching(new RegExp(`^3 ${GAMMA.organisationName} EB-\\S+ 2,30 5,00`)),
    ]);
    await expectAccessible(officerA);
  });

  it("writes the Vergabevermerk: HTML, the downloaded PDF and the CSV", async () => {
    await officerA.getByRole("link", { name: "Vergabevermerk ansehen" }).click();
    await officerA.getByRole("heading", { level: 1, name: `Vergabevermerk: ${TITLE}` }).waitFor();
    const html = await officerA.locator("main").innerText();
    expect(html).toContain(CONFLICT_NOTE);
    expect(html).toContain(EMPLOYMENT);
    expect(html).toMatch(/ausgeschlossen am .+ von /);
    expect(html).toContain(`${DORA.name}: versichert am`);
    expect(html).toContain(CONSENSUS_REASON);
    await expectAccessible(officerA);

    // The PDF is made in the background (decision 0031). Without JavaScript: the link leads to
    // a page that says it is being made, with a link to reload, until the PDF is ready.
    const noScript = await open({ javaScriptEnabled: false, storageState: await officerA.context().storageState() });
    await noScript.goto(`/verwaltung/aufrufe/${SLUG}/bewertung`);
    await noScript.getByRole("link", { name: "Vergabevermerk als PDF herunterladen" }).click();
    await noScript.getByRole("heading", { level: 1, name: "Vergabevermerk als PDF" }).waitFor();
    expect(noScript.url()).toMatch(new RegExp(`/verwaltung/aufrufe/${SLUG}/vergabevermerk-pdf$`));
    const seen: string[] = [];
    for (let i = 0; i < 120 && (await noScript.getByRole("link", { name: "Seite neu laden" }).count()) > 0; i++) {
      seen.push(await noScript.getByRole("status").innerText());
      await noScript.getByRole("link", { name: "Seite neu laden" }).click();
      await noScript.getByRole("heading", { level: 1, name: "Vergabevermerk als PDF" }).waitFor();
    }
    // The first answer comes before the PDF is made unless the server was quicker than the browser.
    if (seen.length) expect(seen[0]).toContain("Das PDF wird erstellt …");
    await expect(noScript.getByRole("status").innerText()).resolves.toMatch(/^Das PDF ist fertig: Stand der Bewertung vom /);
    const [download] = await Promise.all([
      noScript.waitForEvent("download", { timeout: 30_000 }),
      noScript.getByRole("link", { name: "Vergabevermerk als PDF herunterladen" }).click(),
    ]);
    // axe needs JavaScript: the same page, read with it.
    await officerA.goto(`/verwaltung/aufrufe/${SLUG}/vergabevermerk-pdf`);
    await officerA.getByRole("heading", { level: 1, name: "Vergabevermerk als PDF" }).waitFor();
    await expectAccessible(officerA);
    expect(download.suggestedFilename()).toBe(`vergabevermerk-${SLUG}.pdf`);
    const bytes = fs.readFileSync((await download.path())!);
    await noScript.context().close();
    expect(bytes.subarray(0, 5).toString()).toBe("%PDF-");
    const { text } = await extractText(new Uint8Array(bytes), { mergePages: true });
    const pdf = text.replace(/\s+/g, " ");
    expect(pdf).toContain("Vergabevermerk");
    expect(pdf).toContain(justificationOf("Clara", ALPHA.organisationName)("konzept"));
    expect(pdf).toContain(justificationOf("Dora", GAMMA.organisationName)("tandem"));
    expect(pdf).toContain(CONFLICT_NOTE);
    expect(pdf).toContain(CONSENSUS_REASON);
    expect(pdf).toContain(`Rangfolge: ${LOT}`);
    // Rank, carrier (its receipt number below the name), weighted total, price score.
    expect(pdf).toMatch(new RegExp(`1 ${ALPHA.organisationName}( EB-\\S+)? 3,75 4,00`));
    expect(pdf).toMatch(new RegExp(`2 ${BETA.organisationName}( EB-\\S+)? 3,03 3,33`));
    expect(pdf).toMatch(new RegExp(`3 ${GAMMA.organisationName}( EB-\\S+)? 2,30 5,00`));

    // Made once for this state of the evaluation: served from storage at once.
    const response = await officerA.request.get(`/verwaltung/aufrufe/${SLUG}/vergabevermerk.pdf`, { maxRedirects: 0 });
    expect(response.status()).toBe(200);
    expect(response.headers()["content-disposition"]).toMatch(/^attachment;/);
    expect(response.headers()["cache-control"]).toBe("no-store");
    const csv = await officerA.request.get(`/verwaltung/aufrufe/${SLUG}/bewertungen.csv`);
    expect(csv.status()).toBe(200);
    expect(csv.headers()["content-type"]).toBe("text/csv; charset=utf-8");
    const body = (await csv.body()).toString("utf8");
    expect(body.startsWith("\uFEFFLos;Region;Leistung;")).toBe(true);
    // Alpha and Beta: 5 criteria × 2 evaluators + price; Gamma: 5 × 1 (conflict) + price;
    // then the declarations with the decision, then the certifications.
    const [scoreRows, declarationRows, certificationRows] = body.trimEnd().split("\r\n\r\n").map((part) => part.split("\r\n"));
    expect(scoreRows).toHaveLength(1 + 11 + 11 + 6);
    expect(declarationRows).toHaveLength(2 + 3 + 3); // heading, columns, three declarations each (refused ones are not stored)
    expect(declarationRows.find((r) => r.includes(CONFLICT_NOTE))).toMatch(/;ausgeschlossen;/);
    expect(certificationRows).toHaveLength(2 + 2);

    // Evaluators get neither the report nor the CSV.
    expect((await clara.request.get(`/verwaltung/aufrufe/${SLUG}/vergabevermerk.pdf`, { maxRedirects: 0 })).status()).toBe(403);
    expect((await dora.request.get(`/verwaltung/aufrufe/${SLUG}/bewertungen.csv`, { maxRedirects: 0 })).status()).toBe(403);
  });

  it("raised no JavaScript error in the browser", () => {
    expect(browserErrors).toEqual([]);
  });
});
