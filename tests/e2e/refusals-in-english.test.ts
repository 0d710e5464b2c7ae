// The refusals of the end-to-end suite, on English pages (issue 12, point 4): after switching
// the language to English, every refusal the other end-to-end files provoke in German is
// provoked again, and every message it shows must be an English catalogue text (its
// parameters filled in) and none may be German. Most go as plain form posts over HTTP with
// the session and language cookies (what a browser without JavaScript sends); a few go
// through Chromium, with the language switched by the header's button.
//
// Provoked here (the file that provokes each in German in brackets):
//   sign-in: wrong password [sign-in], invalid address [sign-in], locked after five wrong
//     passwords [sign-in-security]; second factor: wrong code (a carrier turning it on)
//     [sign-in-security];
//   registration: password too short [carrier-path, keyboard-paths] (a taken address is answered as a new one, G15);
//   links: invalid confirmation (posted), reset and invitation tokens;
//   questions: empty [questions];
//   carrier: submission without confirmed address [carrier-path], submission, withdrawal and
//     upload after the deadline [crash-safety, organisation-documents]; uploads refused by
//     content: renamed program, too large, empty, PDF with JavaScript, zip bomb in a DOCX
//     [bad-input-sweep, page-integrity];
//   opening: before the deadline, confirmed by the same officer
//     [officer-procedure];
//   formal check: "nein" without a note, exclusion without a reason, request due in the past
//     [officer-procedure];
//   evaluation: assignment without a person [evaluation], conflict without a note
//     [evaluation, keyboard-paths], finalising without a justification [evaluation];
//   authoring: copy of an unknown call, a short name taken, publishing with the question
//     deadline past [authoring, officer-procedure], weights summing to 95 % [authoring],
//     a call document that is not a PDF [authoring]; amendment with a deadline in the past
//     [officer-procedure];
//   staffing: CSV with bad rows, a binary file, figures dated in the future, a plan that
//     cannot be computed [award, staffing-pages];
//   award: proposal while the evaluation is open, award before the end of the standstill,
//     change after the pre-information, complaint received in the future, cancellation
//     without a reason, approval and award by the officer who
//     computed the proposal (four eyes) [award].
import { execFile } from "node:child_process";
import { promisify } from "node:util";
import type { Browser, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import dresden from "../../app/calls/dresden-2017.json";
import { translator, type MessageKey } from "../../app/i18n";
import { messageAreas } from "../../app/i18n/catalogue";
import { makePdfWithJavaScript, makeZipBombDocx } from "../support/bad-files";
import { makeExe, makePdf, makePng } from "../support/sample-files";
import { launchBrowser, newPage } from "./support/browser";
import { formsOf, type PageForm } from "./support/forms";
import type { RefusalsWorld } from "./support/refusals-seed";
import { passSecondFactorByRequest } from "./support/second-factor";
import { startSweepWorld, type Answer, type Session, type SweepWorld } from "./support/sweep";
import { ROLE_NAMES } from "./support/weights";

// ------------------------------------------------------------------------------ the catalogue

const EN: Record<string, string> = {};
const DE: Record<string, string> = {};
for (const area of Object.values(messageAreas) as { de: Record<string, string>; en: Record<string, string> }[]) {
  Object.assign(EN, area.en);
  Object.assign(DE, area.de);
}
const en = translator("en");
const escape = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");
const normalise = (s: string) => s.replace(/\s+/g, " ").trim();
/** An English text as a pattern: its placeholders stand for any filled-in value. */
const pattern = (text: string) => new RegExp(`^${escape(normalise(text)).replace(/\\\{\w+\\\}/g, "(.+?)")}$`, "s");
/** An English text anywhere inside a shown one. */
const within = (text: string) => new RegExp(escape(normalise(text)).replace(/\\\{\w+\\\}/g, "(.+?)"), "s");
const ENGLISH = Object.entries(EN).map(([key, text]) => ({ key, re: pattern(text) }));
// The literal parts (between placeholders) of German texts that English does not share.
const GERMAN_PARTS = [
  ...new Set(
    Object.entries(DE)
      .filter(([key, text]) => text !== EN[key])
      .flatMap(([, text]) => text.split(/\{\w+\}/).map(normalise))
      .filter((part) => part.length >= 12),
  ),
];
const GERMAN_WORDS = /[äöüßÄÖÜ]|(^|\s)(der|die|das|und)(\s|$)|nicht|Bitte/;

/** What is wrong with one shown text: it is no English catalogue text, or German shows. */
function problemsOf(text: string): string[] {
  const out: string[] = [];
  if (!ENGLISH.some((e) => e.re.test(text))) out.push(`not an English catalogue text: "${text}"`);
  if (GERMAN_WORDS.test(text)) out.push(`German word or letter in "${text}"`);
  for (const part of GERMAN_PARTS) if (text.includes(part)) out.push(`German catalogue text "${part}" in "${text}"`);
  return out;
}

// ------------------------------------------------------------------------------ reading pages

const ERROR_PLACES = ".kern-error, [role=alert], .kern-alert--danger";

let browser: Browser;
let reader: Page;

/**
 * The texts a page shows where refusals appear (field messages, alerts and the error summary,
 * or `selector`): every element's own text, so that a link inside a paragraph is one text and
 * the paragraph around it another. Scripts are dropped and nothing is fetched.
 */
async function shownTexts(html: string, selector = ERROR_PLACES): Promise<string[]> {
  await reader.setContent(html.replace(/<script\b[\s\S]*?<\/script>/g, ""), { waitUntil: "domcontentloaded" });
  return reader.evaluate((sel) => {
    const texts: string[] = [];
    const seen = new Set<Element>();
    for (const region of Array.from(document.querySelectorAll(sel))) {
      for (const el of [region, ...Array.from(region.querySelectorAll("*"))]) {
        if (seen.has(el)) continue;
        seen.add(el);
        const own = Array.from(el.childNodes)
          .filter((n) => n.nodeType === Node.TEXT_NODE)
          .map((n) => n.textContent ?? "")
          .join("")
          .replace(/\s+/g, " ")
          .trim();
        if (own) texts.push(own);
      }
    }
    return texts;
  }, selector);
}

const failures: string[] = [];
const provoked: string[] = [];

/**
 * Checks the refusal an answer shows: at least one text where refusals appear, each an
 * English catalogue text and none German, and the expected keys among them.
 */
async function expectEnglish(label: string, html: string, keys: MessageKey[], selector?: string, callData: string[] = []) {
  // The call's own words (criterion and role names: the call is written in German) may name
  // what a message is about ("<criterion>: <message>", "… the role “<role>” …"); they are
  // data, not the message.
  const texts = (await shownTexts(html, selector)).map((t) =>
    callData.reduce((text, d) => (text.startsWith(`${d}: `) ? text.slice(d.length + 2) : text).split(`“${d}”`).join("“…”"), t),
  );
  const problems: string[] = [];
  if (texts.length === 0) problems.push("no message shown");
  for (const text of texts) problems.push(...problemsOf(text));
  // An expected text may be nested in another ("… cannot be computed yet: {problem}").
  for (const key of keys) if (!texts.some((t) => within(EN[key]).test(t))) problems.push(`"${key}" not shown (shown: ${JSON.stringify(texts)})`);
  failures.push(...problems.map((p) => `${label}: ${p}`));
  provoked.push(label);
  expect(problems, label).toEqual([]);
}

// ------------------------------------------------------------------------------ requests

let sweep: SweepWorld;
let seeded: RefusalsWorld;
let lang = "";

type Request = (pathname: string, init?: { method?: string; body?: BodyInit; headers?: Record<string, string> }) => Promise<Answer>;

/** Requests of `session` with the English language cookie (and `cookie`, if given). */
function english(session: Session, cookie = ""): Request {
  return (pathname, init = {}) =>
    session.request(pathname, { ...init, headers: { ...init.headers, cookie: [cookie, lang, init.headers?.cookie].filter(Boolean).join("; ") } });
}

type Value = string | { name: string; bytes: Uint8Array; type?: string };

/** Posts a form: urlencoded, or multipart when a value is a file. */
function post(request: Request, pathname: string, values: Record<string, Value>): Promise<Answer> {
  const multipart = Object.values(values).some((v) => typeof v !== "string");
  if (!multipart) return request(pathname, { method: "POST", body: new URLSearchParams(values as Record<string, string>) });
  const form = new FormData();
  for (const [name, v] of Object.entries(values)) {
    if (typeof v === "string") form.append(name, v);
    else form.append(name, new Blob([new Uint8Array(v.bytes)], { type: v.type ?? "application/octet-stream" }), v.name);
  }
  return request(pathname, { method: "POST", body: form });
}

/** The page an upload's Post/Redirect/Get leads to, with the refusals its cookie carries. */
async function afterUpload(request: Request, answer: Answer): Promise<string> {
  expect(answer.status, `upload answered ${answer.status}: ${answer.body.slice(0, 300)}`).toBe(303);
  const carried = answer.setCookies.map((c) => c.split(";")[0]).filter((c) => c.startsWith("upload-result=") && !c.endsWith("="));
  return (await request(answer.location!, { headers: { cookie: carried.join("; ") } })).body;
}

/** A form of a page, as a browser sees it. */
async function formOn(request: Request, pathname: string, choose: (f: PageForm) => boolean): Promise<PageForm> {
  const page = await request(pathname);
  const form = formsOf(page.body, `http://portal${pathname}`).find(choose);
  if (!form) throw new Error(`no such form on ${pathname}`);
  return form;
}

/** The values a page's form sends by default (hidden fields, choices), with `values` over them. */
async function formValues(request: Request, pathname: string, choose: (f: PageForm) => boolean, values: Record<string, string>) {
  const form = await formOn(request, pathname, choose);
  const out: Record<string, string> = {};
  for (const f of form.fields) if (f.send && f.type !== "file") out[f.name] = f.value;
  if (form.button) out[form.button.name] = form.button.value;
  return { ...out, ...values };
}

/** The registration form filled in for a new carrier in Dresden; `values` name and place it. */
function registration(request: Request, values: Record<string, string>) {
  const carrier = { legalForm: "e. V.", postalCode: "01067", city: "Dresden", nonProfit: "nein", password: "a long enough passphrase 2017" };
  return formValues(request, "/registrieren", () => true, { ...carrier, ...values });
}

/** A session cookie from an answer (a sign-in). */
const sessionCookieOf = (answer: Answer) =>
  answer.setCookies.map((c) => c.split(";")[0]).find((c) => !c.endsWith("=") && !c.startsWith("lang=") && !c.startsWith("upload-result="))!;

const run = promisify(execFile);
const MB = 1024 * 1024;
const FUTURE = "2099-01-01";

beforeAll(async () => {
  sweep = await startSweepWorld("refusals-en", {
    async extend(env) {
      // Not spawnSync: the award scenario takes a while, and the worker must keep answering vitest.
      const { stdout } = await run("node_modules/.bin/tsx", ["tests/e2e/support/refusals-seed.ts"], { env, maxBuffer: 64 * 1024 * 1024 });
      const out = stdout.trim().split("\n");
      seeded = JSON.parse(out[out.length - 1]) as RefusalsWorld;
    },
  });
  // The language switch of the page header, as a plain form post: its cookie says "en".
  const switched = await sweep.sessions.anonymous.request("/sprache", { method: "POST", body: new URLSearchParams({ lang: "en", redirectTo: "/" }) });
  lang = switched.setCookies.map((c) => c.split(";")[0]).find((c) => c.startsWith("lang="))!;
  expect(lang).toBeTruthy();
  browser = await launchBrowser();
  const context = await browser.newContext();
  await context.route("**/*", (route) => route.abort());
  reader = await context.newPage();
}, 300_000);

afterAll(async () => {
  await browser?.close();
  await sweep?.server.stop();
});

// ------------------------------------------------------------------------------ the sweep

describe.sequential("refusals on English pages", () => {
  it("shows the pages in English once the language is switched", async () => {
    const home = await english(sweep.sessions.anonymous)("/anmelden");
    expect(home.body).toContain('<html lang="en"');
    expect(home.body).toContain(EN["signIn.title"]);
  });

  it("refuses a wrong password, an invalid address and, after five wrong passwords, the account itself, in English", async () => {
    const anonymous = english(sweep.sessions.anonymous);
    const account = sweep.world.accounts.evalUnassigned;
    const wrong = await post(anonymous, "/anmelden", { email: account.email, password: "not the password at all", weiter: "" });
    await expectEnglish("sign-in: wrong password", wrong.body, ["signIn.failed", "form.errorSummary"]);
    await expectEnglish("sign-in: invalid address", (await post(anonymous, "/anmelden", { email: "no-address", password: "x", weiter: "" })).body, ["signIn.emailInvalid"]);
    const locked = `gesperrt-${Date.now().toString(36)}@traeger.example`;
    let answer = wrong;
    for (let i = 0; i < 6; i++) answer = await post(anonymous, "/anmelden", { email: locked, password: `wrong-${i}-password`, weiter: "" });
    expect(answer.status).toBe(429);
    await expectEnglish("sign-in: locked", answer.body, ["signIn.locked.title", "signIn.locked.reset"]);
  });

  it("answers a taken address as a new one (G15) and refuses a short password", async () => {
    const anonymous = english(sweep.sessions.anonymous);
    const base = await registration(anonymous, { organisationName: "Refusal Test e. V.", street: "Weg 1", name: "Rita Refusal" });
    const taken = await post(anonymous, "/registrieren", { ...base, email: sweep.world.carriers.A.account.email });
    await expectEnglish("registration: address taken", taken.body, ["register.checkMail.title"], "h1");
    const short = await post(anonymous, "/registrieren", { ...base, email: `kurz-${Date.now().toString(36)}@traeger.example`, password: "short" });
    await expectEnglish("registration: password too short", short.body, ["password.tooShort"]);
  });

  it("refuses invalid confirmation, reset and invitation links", async () => {
    const anonymous = english(sweep.sessions.anonymous);
    await expectEnglish("link: invalid confirmation", (await post(anonymous, "/bestaetigen/AAAAAAAAAAAAAAAAAAAAAA", {})).body, ["confirm.invalid"]);
    await expectEnglish("link: invalid reset", (await post(anonymous, "/passwort-neu/AAAAAAAAAAAAAAAAAAAAAA", { password: "a long enough passphrase 2017" })).body, ["reset.invalid"]);
    await expectEnglish(
      "link: invalid invitation",
      (await post(anonymous, "/einladung/AAAAAAAAAAAAAAAAAAAAAA", { name: "Ina Invited", password: "a long enough passphrase 2017" })).body,
      ["invitation.invalid"],
      "main p", // the page says so in place of the form
    );
  });

  it("refuses an empty question", async () => {
    const carrier = english(sweep.sessions.carrierA);
    await expectEnglish("question: empty", (await post(carrier, `/aufrufe/${sweep.world.calls.sealed}/fragen`, { frage: " " })).body, []);
  });

  it("refuses a submission before the address is confirmed", async () => {
    const anonymous = english(sweep.sessions.anonymous);
    const base = await registration(anonymous, {
      organisationName: "Unconfirmed e. V.",
      street: "Weg 2",
      name: "Una Unconfirmed",
      email: `unbestaetigt-${Date.now().toString(36)}@traeger.example`,
    });
    const registered = await post(anonymous, "/registrieren", base);
    expect(registered.status).toBe(200);
    // Registering signs nobody in (G15): the new member signs in with the password.
    const signedIn = await post(anonymous, "/anmelden", { email: base.email, password: base.password, weiter: "" });
    expect(signedIn.status).toBe(302);
    const member = english(sweep.sessions.anonymous, sessionCookieOf(signedIn));
    const started = await post(member, "/traeger", { intent: "start", callSlug: sweep.world.calls.sealed });
    expect(started.status).toBe(302);
    const refused = await post(member, `${started.location}/einreichen`, { intent: "submit" });
    await expectEnglish("submission: address not confirmed", refused.body, ["submit.confirmEmailFirst"]);
  });

  it("refuses a submission, a withdrawal and an upload after the deadline, naming the deadline", async () => {
    const carrier = english(sweep.sessions.carrierA);
    const app = `/traeger/bewerbungen/${sweep.world.carriers.A.opened.applicationId}`;
    await expectEnglish("submission: after the deadline", (await post(carrier, `${app}/einreichen`, { intent: "submit" })).body, ["submit.deadlinePassed"]);
    await expectEnglish("withdrawal: after the deadline", (await post(carrier, `${app}/einreichen`, { intent: "withdraw" })).body, ["withdraw.deadlinePassed"]);
    const upload = await post(carrier, `${app}/unterlagen`, { declarations: { name: "declarations.pdf", bytes: await makePdf("late"), type: "application/pdf" } });
    await expectEnglish("upload: after the deadline", upload.body, ["application.deadlinePassed"]);
    expect(upload.body).toContain("28 February 2017 at 12:00 CET");
  });

  it("refuses uploads by their content: a renamed program, a file too large, an empty one, a PDF with JavaScript, a zip bomb", async () => {
    const carrier = english(sweep.sessions.carrierA);
    const documents = `/traeger/bewerbungen/${sweep.world.carriers.A.sealed.applicationId}/unterlagen`;
    const cases: [string, Value, MessageKey][] = [
      ["a renamed program", { name: "program.pdf", bytes: makeExe(), type: "application/pdf" }, "upload.refused.type"],
      ["a file too large", { name: "large.pdf", bytes: new Uint8Array(20 * MB + 1), type: "application/pdf" }, "upload.refused.tooLarge"],
      ["an empty file", { name: "empty.pdf", bytes: new Uint8Array(0), type: "application/pdf" }, "upload.refused.empty"],
      ["a PDF with JavaScript", { name: "script.pdf", bytes: await makePdfWithJavaScript(), type: "application/pdf" }, "upload.refused.activeContent"],
      ["a zip bomb in a DOCX", { name: "bomb.docx", bytes: await makeZipBombDocx() }, "upload.refused.zipBomb"],
    ];
    for (const [label, file, key] of cases) {
      await expectEnglish(`upload: ${label}`, await afterUpload(carrier, await post(carrier, documents, { references: file })), [key]);
    }
  });

  it("refuses a wrong code of the second factor, the opening before the deadline, and confirmed by the officer who started it", async () => {
    // Every staff session proved its factor at sign-in (decision 0034): the opening's refusal
    // without one cannot be reached any more. A carrier member turning the factor on can
    // still type a wrong code.
    const carrier = english(sweep.sessions.carrierB);
    await post(carrier, "/konto/zwei-faktor", { intent: "begin" });
    await expectEnglish("second factor: wrong code", (await post(carrier, "/konto/zwei-faktor", { intent: "confirm", code: "000000" })).body, ["security.code.wrong"]);
    const officer = english(sweep.sessions.officer);
    const sealed = `/verwaltung/aufrufe/${sweep.world.calls.sealed}/oeffnung`;
    await expectEnglish("opening: before the deadline", (await post(officer, sealed, { intent: "start" })).body, ["opening.beforeDeadline"]);
    const opening = `/verwaltung/aufrufe/${seeded.calls.opening}/oeffnung`;
    expect((await post(officer, opening, { intent: "start" })).status).toBe(302);
    await expectEnglish("opening: confirmed by the same officer", (await post(officer, opening, { intent: "confirm" })).body, ["opening.sameOfficer"]);
  });

  it("refuses a formal check of „nein“ without a note, an exclusion without a reason and a request due in the past", async () => {
    const officer = english(sweep.sessions.officer);
    const check = `/verwaltung/aufrufe/${sweep.world.calls.opened}/pruefung/${sweep.world.carriers.A.opened.submissionId}`;
    await expectEnglish("formal check: no without a note", (await post(officer, check, { intent: "record", lotId: "", "ergebnis-gesamt-onTime": "nein", "vermerk-gesamt-onTime": "" })).body, ["check.noteRequired"]);
    await expectEnglish("formal check: exclusion without a reason", (await post(officer, check, { intent: "exclude", lotId: "", "grund-gesamt": " " })).body, ["check.reasonMissing"]);
    await expectEnglish("formal check: request due in the past", (await post(officer, check, { intent: "request", beschreibung: "Register extract, please.", frist: "2000-01-01" })).body, ["check.dueDatePast"]);
  });

  it("refuses an assignment without a person, a conflict without a note and scores finalised without a justification", async () => {
    const officer = english(sweep.sessions.officer);
    const { opened } = sweep.world.calls;
    const lotId = sweep.world.bidLot.opened;
    await expectEnglish("evaluation: assignment without a person", (await post(officer, `/verwaltung/aufrufe/${opened}/bewertung`, { intent: "assign", lotId, evaluatorId: "" })).body, []);
    const evaluator = english(sweep.sessions.evalAssigned);
    // The evaluator the seed assigned to lot 2 has not declared anything yet.
    const org = sweep.world.carriers.B.organisationId;
    await expectEnglish(
      "evaluation: conflict without a note",
      (await post(english(sweep.sessions.evalUnassigned), `/bewertung/${opened}`, { intent: "declare", organisationId: org, [`erklaerung-${org}`]: "ja", [`vermerk-${org}`]: "" })).body,
      [],
    );
    const scoring = `/bewertung/${opened}/${sweep.world.carriers.B.opened.submissionId}/${lotId}`;
    // Points on every criterion, no justification anywhere.
    const form = await formOn(evaluator, scoring, (f) => f.button?.value === "finalise");
    const values: Record<string, string> = { [form.button!.name]: form.button!.value };
    for (const f of form.fields) {
      if (f.type === "hidden") values[f.name] = f.value;
      if (f.name.startsWith("punkte-")) values[f.name] = "3";
      if (f.name.startsWith("begruendung-")) values[f.name] = "";
    }
    const criteria = dresden.criteria.map((c) => c.name);
    await expectEnglish("evaluation: finalised without a justification", (await post(evaluator, scoring, values)).body, ["eval.error.justificationMissing"], undefined, criteria);
  });

  it("refuses a copy of an unknown call, a short name taken, publishing with a past question deadline, a call document that is not a PDF, and an amendment into the past", async () => {
    const officer = english(sweep.sessions.officer);
    const unknown = await post(officer, "/verwaltung/aufrufe/neu", { source: "kopie:no-such-call", slug: "copy-of-nothing", title: "Copy" });
    await expectEnglish("authoring: copy of an unknown call", unknown.body, ["notFound.callSlug"]);
    const taken = await post(officer, "/verwaltung/aufrufe/neu", { source: "vorlage", slug: sweep.world.calls.opened, title: "Taken" });
    await expectEnglish("authoring: short name taken", taken.body, ["authoring.refusal.slugTaken"]);
    const editor = `/verwaltung/aufrufe/${sweep.world.calls.draft}/bearbeiten`;
    await expectEnglish("authoring: publishing with a past question deadline", (await post(officer, editor, { intent: "publish" })).body, [
      "authoring.publish.datesPast",
      "authoring.refusal.questionDeadlinePast",
    ]);
    const png = await post(officer, editor, { intent: "upload-document", "document.title": "Map", "document.description": "", "document.file": { name: "map.png", bytes: makePng(), type: "image/png" } });
    await expectEnglish("authoring: call document not a PDF", png.body, ["upload.refused.type"]);
    expect(png.body).toContain("is not a PDF file (found: PNG file)");
    const amend = await formValues(officer, `/verwaltung/aufrufe/${sweep.world.calls.sealed}/aenderungen`, () => true, {
      title: "Earlier deadline",
      body: "The deadline moves.",
      reason: "A test of the refusal.",
      submissionDeadline: "2017-03-01T12:00",
    });
    await expectEnglish("amendment: deadline in the past", (await post(officer, `/verwaltung/aufrufe/${sweep.world.calls.sealed}/aenderungen`, amend)).body, ["amend.dateInPast"]);
  });

  it("says in English why no staffing plan can be computed, and refuses bad client figures: CSV rows, a binary file, a date in the future", async () => {
    const officer = english(sweep.sessions.officer);
    const { opened } = sweep.world.calls;
    await expectEnglish("staffing plan: cannot be computed", (await officer(`/verwaltung/aufrufe/${opened}/stellenplan`)).body, ["staffing.refusal.notComputable"]);
    const figures = `/verwaltung/aufrufe/${opened}/fallzahlen`;
    const csv = "region;zielgruppe;anzahl;stand\nnord;asyl;1240;31.03.2017\nmitte;asyl;12;31.03.2017\nnord;bleiberecht;many;31.03.2017\n";
    const rows = await post(officer, figures, { datei: { name: "figures.csv", bytes: new TextEncoder().encode(csv), type: "text/csv" } });
    await expectEnglish("client figures: CSV with bad rows", rows.body, ["staffing.figures.csvRejected", "staffing.csv.atColumn"]);
    const binary = await post(officer, figures, { datei: { name: "figures.csv", bytes: makeExe(), type: "text/csv" } });
    await expectEnglish("client figures: a binary file", binary.body, ["staffing.error.fileType"]);
    const form = await formValues(officer, figures, (f) => f.fields.some((x) => x.name === "stand"), { stand: FUTURE });
    const firstCount = Object.keys(form).find((k) => k.startsWith("anzahl-"))!;
    const future = await post(officer, figures, { ...form, [firstCount]: "10" });
    await expectEnglish("client figures: dated in the future", future.body, ["staffing.refusal.asOfFuture"]);
  });

  it("refuses a proposal while the evaluation is open, the award to the officer who computed the proposal, a change after the pre-information, a complaint from the future, and a cancellation without a reason", async () => {
    const officer = english(sweep.sessions.officer);
    const open = `/verwaltung/aufrufe/${sweep.world.calls.opened}/zuschlag`;
    await expectEnglish("award: blockers of the proposal", (await officer(open)).body, ["award.blocker.evaluationOpen"], "main ul.kern-list");
    await expectEnglish("award: proposal while the evaluation is open", (await post(officer, open, { intent: "propose" })).body, ["award.refusal.blocked"]);
    const award = `/verwaltung/aufrufe/${seeded.calls.award}/zuschlag`;
    // Officer A computed the seeded proposal (four eyes); the standstill is refused to officer B in the browser below.
    await expectEnglish("award: by the officer who computed the proposal", (await post(officer, award, { intent: "award" })).body, ["award.refusal.awardOwnProposal"]);
    const key = `${seeded.awardBid.lotId}_${seeded.awardBid.submissionId}`;
    const change = await post(officer, award, {
      intent: "change",
      lotId: seeded.awardBid.lotId,
      submissionId: seeded.awardBid.submissionId,
      [`vzae-${key}`]: "1,00",
      [`begruendung-${key}`]: "A change after the pre-information is not allowed.",
    });
    await expectEnglish("award: change after the pre-information", change.body, ["award.refusal.changeAfterPreInformation"]);
    const complaint = await post(officer, award, {
      intent: "complaint",
      "ruege-traeger": "",
      "ruege-los": "",
      "ruege-eingang": "2099-01-01T10:00",
      "ruege-inhalt": "A complaint received in the future.",
    });
    await expectEnglish("award: complaint received in the future", complaint.body, ["award.refusal.complaintInFuture"]);
    const cancel = await formValues(officer, `/verwaltung/aufrufe/${sweep.world.calls.opened}/aufhebung`, () => true, { grund: "" });
    await expectEnglish("award: cancellation without a reason", (await post(officer, `/verwaltung/aufrufe/${sweep.world.calls.opened}/aufhebung`, cancel)).body, []);
  });

  describe("in Chromium, the language switched by the header's button", () => {
    async function signedIn(account: { email: string; password: string }, home: RegExp): Promise<Page> {
      const page = await newPage(browser, { baseURL: sweep.server.baseURL, locale: "en-GB" });
      await page.goto("/anmelden");
      await page.getByRole("button", { name: "English" }).click();
      await page.getByRole("heading", { name: EN["signIn.title"] }).waitFor();
      await page.getByLabel(EN["signIn.email"]).fill(account.email);
      await page.getByLabel(EN["signIn.password"]).fill(account.password);
      await page.getByRole("button", { name: EN["signIn.submit"] }).click();
      await page.waitForURL((url) => home.test(url.pathname) || url.pathname === "/konto/zwei-faktor" || url.pathname === "/anmelden/code");
      // Staff: the second factor by form posts (enrolment at the first sign-in, else the code).
      const landed = new URL(page.url()).pathname;
      if (!home.test(landed)) await passSecondFactorByRequest(page, account, "/verwaltung");
      return page;
    }

    it("refuses a wrong password", async () => {
      const context = await browser.newContext({ baseURL: sweep.server.baseURL, locale: "en-GB" });
      const page = await context.newPage();
      await page.goto("/anmelden");
      await page.getByRole("button", { name: "English" }).click();
      await page.getByLabel(EN["signIn.email"]).fill(sweep.world.accounts.officerB.email);
      await page.getByLabel(EN["signIn.password"]).fill("not the password");
      await page.getByRole("button", { name: EN["signIn.submit"] }).click();
      await page.getByRole("alert").first().waitFor();
      await expectEnglish("browser: wrong password", await page.content(), ["signIn.failed"]);
      await context.close();
    });

    it("refuses criteria weights that sum to 95 %, next to the field and in the summary", async () => {
      const page = await signedIn(sweep.world.accounts.officerB, /^\/verwaltung$/);
      await page.goto(`/verwaltung/aufrufe/${sweep.world.calls.draft}/bearbeiten`);
      const weight = page.locator('[name="criteria[1].weight"]');
      await weight.fill(String(Number(await weight.inputValue()) - 5));
      await page.getByRole("button", { name: en("authoring.save", { section: en("authoring.section.criteria") }) }).click();
      await page.locator("#feld-criteria-fehler").waitFor();
      // Every role misses 100 %, and each is named (by its German name: data of the call).
      await expectEnglish("browser: weights summing to 95 %", await page.content(), ["definition.weightsSumRole", "form.errorSummary"], undefined, ROLE_NAMES);
      await page.context().close();
    });

    it("refuses a renamed program as a document, and the award before the end of the standstill", async () => {
      const carrier = await signedIn(sweep.world.carriers.B.account, /^\/traeger$/);
      await carrier.goto(`/traeger/bewerbungen/${sweep.world.carriers.B.sealed.applicationId}/unterlagen`);
      await carrier.locator('input[type="file"][name="references"]').setInputFiles({ name: "notes.pdf", mimeType: "application/pdf", buffer: Buffer.from(makeExe()) });
      await carrier.locator('form:has(input[name="references"])').getByRole("button", { name: EN["upload.submit"] }).click();
      await carrier.locator(".kern-error").first().waitFor();
      await expectEnglish("browser: renamed program", await carrier.content(), ["upload.refused.type"]);
      await carrier.context().close();

      const officer = await signedIn(sweep.world.accounts.officerB, /^\/verwaltung$/);
      const awardPage = `/verwaltung/aufrufe/${seeded.calls.award}/zuschlag`;
      const award = officer.locator('form:has(input[name="intent"][value="award"])').getByRole("button");
      await officer.goto(awardPage);
      await award.click();
      await officer.locator("#feld-zuschlag-fehler").waitFor();
      await expectEnglish("browser: award before the end of the standstill", await officer.content(), ["award.refusal.standstill"]);
      await officer.context().close();
    });
  });

  it("provoked every refusal of the list, with nothing German shown", () => {
    expect(failures).toEqual([]);
    expect(provoked.length).toBeGreaterThanOrEqual(45);
  });
});
