// Sealed until the opening (VgV § 55): before the four-eyes opening of a call, the city may
// learn how many submissions arrived, nothing more. This sweep crawls everything an officer
// and an evaluator can reach by following links from their start pages (pages, CSV and PDF
// downloads as text, every outbox entry) and reads the server's output, and looks for what
// the bidders of the sealed call left: the organisation's and its member's names and
// address, the lots it chose, its file names and their SHA-256, the submission's hash.
//
// The world (tests/e2e/support/world.ts + sealed-bidders.ts): carrier C submitted to the
// sealed call only (lots 5 and 11) and got its receipt mail; carrier D only started an
// application there (lot 8); A and B bid on lot 2 there and also on the opened call. Before
// the crawl the officer answers a question on the sealed call, publishes an amendment and
// cancels its lot 16 over HTTP: each mails every organisation that applied. A lot choice
// leaks when a chosen lot is shown differently from a twin lot nobody chose.
import { execFile } from "node:child_process";
import fs from "node:fs";
import path from "node:path";
import { promisify } from "node:util";
import { extractText } from "unpdf";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { expectAccessible, launchBrowser, newPage } from "./support/browser";
import type { Sealed } from "./support/sealed-bidders";
import { pool, startSweepWorld, type Session, type SweepWorld } from "./support/sweep";

const SEALED_LABEL = "versiegelt bis zur Öffnung";
/**
 * Chosen lot → a lot of the same role in another region that nobody chose, treated alike
 * otherwise (the evaluator is assigned to 2, 6, 5 and 9). Lots 1–4 are region Nord, 5–8 Ost,
 * 9–12 Süd, 13–16 West, each with the roles in the same order.
 */
const TWINS: [number, number][] = [
  [2, 6],
  [5, 9],
  [11, 15],
  [8, 12],
];
const CANCELLED_LOT = 16;
const run = promisify(execFile);

let sweep: SweepWorld;
let sealed: Sealed;

/** One answer the crawl read: raw for searching, as text lines for the lot comparison. */
type Visited = { url: string; status: number; type: string; raw: string; text: string };

beforeAll(async () => {
  sweep = await startSweepWorld("sealed", {
    async extend(env, world) {
      // Not spawnSync: with the demo and the world before it, the worker would be blocked too long.
      const { stdout } = await run("node_modules/.bin/tsx", ["tests/e2e/support/sealed-bidders.ts", JSON.stringify(world)], { env, maxBuffer: 64 * 1024 * 1024 });
      const out = stdout.trim().split("\n");
      sealed = JSON.parse(out[out.length - 1]);
    },
  });
  const officer = sweep.sessions.officer;
  const slug = sweep.world.calls.sealed;
  const post = async (pathname: string, fields: Record<string, string>) => {
    const answer = await officer.request(pathname, { method: "POST", body: new URLSearchParams(fields) });
    if (answer.status !== 302) throw new Error(`POST ${pathname}: ${answer.status} ${answer.body.slice(0, 500)}`);
  };
  // Each of these mails every organisation that applied to the sealed call.
  const questions = await officer.request("/verwaltung/fragen");
  const questionIds = [...questions.body.matchAll(/name="questionId" value="([^"]+)"/g)].map((m) => m[1]);
  expect(questionIds.length).toBeGreaterThan(0);
  for (const id of questionIds) {
    await post("/verwaltung/fragen", { questionId: id, [`publicQuestion-${id}`]: "Eine Frage zum Aufruf?", [`answer-${id}`]: "Eine Antwort für alle." });
  }
  await post(`/verwaltung/aufrufe/${slug}/aenderungen`, { title: "Berichtigung", body: "Ein Tippfehler in Abschnitt 3 ist berichtigt.", reason: "Klarstellung" });
  await post(`/verwaltung/aufrufe/${slug}/aufhebung`, { umfang: sealed.lotIds[CANCELLED_LOT], grund: "Der Bedarf in dieser Region ist entfallen." });
}, 300_000);

afterAll(async () => {
  await sweep?.server.stop();
});

// ---------------------------------------------------------------------------------------
// The crawl

const SKIP = /^\/(abmelden|sprache|assets\/)|\.(css|js|woff2?|svg|ico|png)$/;

function htmlText(html: string): string {
  return html
    .replace(/<(script|style)\b[\s\S]*?<\/\1>/gi, "")
    .replace(/<\/(td|th|dt|dd)>/gi, " | ")
    .replace(/<(br|\/p|\/li|\/tr|\/h\d|\/div|\/option|\/caption|\/section|\/dl|\/ul|\/ol|\/table)\b[^>]*>/gi, "\n")
    .replace(/<[^>]+>/g, "")
    .replace(/&nbsp;/g, " ")
    .replace(/&#x([0-9a-f]+);/gi, (_m, h) => String.fromCodePoint(parseInt(h, 16)))
    .replace(/&#(\d+);/g, (_m, d) => String.fromCodePoint(Number(d)))
    .replace(/&quot;/g, '"')
    .replace(/&lt;/g, "<")
    .replace(/&gt;/g, ">")
    .replace(/&amp;/g, "&");
}

/** Same-origin paths (with query, without fragment) of every link in a page. */
function links(html: string, base: string): string[] {
  const found: string[] = [];
  for (const m of html.matchAll(/<a\b[^>]*\bhref="([^"]+)"/g)) {
    const url = new URL(m[1].replace(/&amp;/g, "&"), base);
    if (url.origin !== new URL(base).origin) continue;
    found.push(url.pathname + url.search);
  }
  return found;
}

/** Everything `session` reaches from `starts` by following links and redirects. */
async function crawl(session: Session, starts: string[]): Promise<Visited[]> {
  const seen = new Set<string>();
  const visited: Visited[] = [];
  let frontier = starts;
  while (frontier.length > 0) {
    const batch = [...new Set(frontier)].filter((p) => !seen.has(p) && !SKIP.test(p.split("?")[0]));
    batch.forEach((p) => seen.add(p));
    if (seen.size > 3000) throw new Error("the crawl found more than 3000 addresses: does a link grow without end?");
    const next = await pool(batch, 6, async (pathname): Promise<string[]> => {
      const answer = await session.request(pathname);
      if (answer.status >= 500) throw new Error(`GET ${pathname} as ${session.role}: ${answer.status} ${answer.body.slice(0, 300)}`);
      if (answer.location) return [new URL(answer.location, sweep.server.baseURL)].filter((u) => u.origin === new URL(sweep.server.baseURL).origin).map((u) => u.pathname + u.search);
      let raw = answer.bytes.toString("utf8");
      let text = raw;
      if (answer.type.startsWith("text/html")) text = htmlText(raw);
      else if (answer.type.startsWith("application/pdf")) raw = text = (await extractText(new Uint8Array(answer.bytes), { mergePages: true })).text;
      visited.push({ url: pathname, status: answer.status, type: answer.type.split(";")[0], raw, text });
      return answer.type.startsWith("text/html") ? links(answer.bytes.toString("utf8"), sweep.server.baseURL + pathname) : [];
    });
    frontier = next.flat();
  }
  return visited;
}

// ---------------------------------------------------------------------------------------
// What must not show

/** Strings that name a bidder of the sealed call or part of its bid. */
function needles(): string[] {
  return [sealed.C, sealed.D].flatMap((b) => [
    b.organisationName,
    b.organisationName.split(" ")[0],
    b.personName,
    b.email,
    ...b.files.flatMap((f) => [f.name, f.sha256, f.sha256.slice(0, 16)]),
    ...(b.submission ? [b.submission.receiptNumber, b.submission.contentHash, b.submission.contentHash.slice(0, 16)] : []),
  ]);
}

function findings(visited: Visited[]): string[] {
  const out: string[] = [];
  for (const v of visited) {
    const haystack = `${v.raw}\n${v.text}`.toLowerCase();
    for (const needle of needles()) if (haystack.includes(needle.toLowerCase())) out.push(`${v.url} (${v.type}) shows "${needle}"`);
  }
  return out;
}

/**
 * The ways a page names lot n of the sealed call: its id, and on pages of the sealed call
 * (other calls share the lot numbers and titles) "Los n"/"Lot n".
 */
function lotPatterns(n: number, labels: boolean): RegExp[] {
  const patterns = [new RegExp(sealed.lotIds[n], "g")];
  if (labels) patterns.push(new RegExp(`\\b(Los|Lot) ${n}(?!\\d)`, "g"));
  return patterns;
}

/**
 * Lines naming lot `n` and not `twin`, with lot n's names and region replaced by a
 * placeholder, and row numbers and clock times (an audit trail's) left out.
 */
function profile(text: string, n: number, twin: number, labels: boolean): string[] {
  const own = [...lotPatterns(n, labels), new RegExp(sealed.lotRegions[n], "g")];
  const other = lotPatterns(twin, labels);
  return text
    .split("\n")
    .filter((line) => own.slice(0, -1).some((p) => line.search(p) >= 0) && !other.some((p) => line.search(p) >= 0))
    .map((line) =>
      own
        .reduce((l, p) => l.replace(p, "§"), line)
        .replace(/^\s*\d+\s*\|/, "#|")
        .replace(/\b\d{1,2}:\d{2}(:\d{2})?\b/g, "hh:mm")
        .replace(/\s+/g, " ")
        .trim(),
    )
    .sort();
}
const count = (s: string, patterns: RegExp[]) => patterns.reduce((sum, p) => sum + (s.match(p)?.length ?? 0), 0);

/** Pages that show a chosen lot of the sealed call otherwise than its twin nobody chose. */
function lotDifferences(visited: Visited[]): string[] {
  const out: string[] = [];
  const slug = sweep.world.calls.sealed;
  for (const v of visited) {
    const aboutSealed = v.url.includes(`/${slug}`);
    for (const [chosen, twin] of TWINS) {
      if (count(v.raw, lotPatterns(chosen, aboutSealed)) !== count(v.raw, lotPatterns(twin, aboutSealed))) {
        out.push(`${v.url}: lot ${chosen} is named ${count(v.raw, lotPatterns(chosen, aboutSealed))}×, its twin lot ${twin} ${count(v.raw, lotPatterns(twin, aboutSealed))}×`);
        continue;
      }
      const a = profile(v.text, chosen, twin, aboutSealed);
      const b = profile(v.text, twin, chosen, aboutSealed);
      if (JSON.stringify(a) !== JSON.stringify(b)) out.push(`${v.url}: lot ${chosen} shows as ${JSON.stringify(a)}, its twin lot ${twin} as ${JSON.stringify(b)}`);
    }
  }
  return out;
}

/** The outbox's entries by id, from its JSON sidecars (what the officer's pages list). */
function outboxIds(): string[] {
  const dir = path.join(sweep.server.dataDir, "outbox");
  return fs
    .readdirSync(dir)
    .filter((n) => n.endsWith(".json"))
    .map((n) => n.slice(0, -".json".length));
}

describe("sealed until the opening", () => {
  let officer: Visited[];
  let evaluator: Visited[];

  beforeAll(async () => {
    // The officer's start page and every outbox entry (the list links only readable ones).
    officer = await crawl(sweep.sessions.officer, ["/verwaltung", ...outboxIds().map((id) => `/verwaltung/postausgang/${id}`)]);
    evaluator = await crawl(sweep.sessions.evalAssigned, ["/bewertung", "/verwaltung"]);
  }, 300_000);

  it("crawls the sealed call's pages, its exports and the outbox, and would find a bidder's name, files and lots where the call is opened", () => {
    const slug = sweep.world.calls.sealed;
    const urls = officer.map((v) => v.url);
    for (const page of ["", "/oeffnung", "/pruefung", "/protokoll", "/bewertung", "/zuschlag", "/aufhebung", "/aenderungen"]) {
      expect(urls, `the officer's crawl reaches /verwaltung/aufrufe/${slug}${page}`).toContain(`/verwaltung/aufrufe/${slug}${page}`);
    }
    expect(urls).toContain("/verwaltung/postausgang");
    expect(officer.filter((v) => v.type === "application/pdf").length, "PDFs read").toBeGreaterThan(3);
    expect(officer.filter((v) => v.type === "text/csv").length, "CSV files read").toBeGreaterThan(0);
    expect(evaluator.map((v) => v.url)).toContain(`/bewertung/${slug}`);
    // The same search finds the opened call's bidders: it is not blind.
    const all = [...officer, ...evaluator].map((v) => v.raw).join("\n");
    expect(all).toContain("Alpha Sweep e. V.");
    expect(all).toContain("Datei-A-opened");
    expect(officer.find((v) => v.url.startsWith("/verwaltung/postausgang/") && v.raw.includes(sealed.openedReceiptNumber))?.raw).toContain("Datei-A-opened");
  });

  it("shows an officer no name, lot choice, file name or hash of a bid before the opening: pages, exports, audit trail, outbox", () => {
    expect(findings(officer), "the officer sees a sealed bid").toEqual([]);
    expect(lotDifferences(officer), "the officer sees which lots were chosen").toEqual([]);
  });

  it("shows an evaluator no name, lot choice, file name or hash of a bid before the opening", () => {
    expect(findings(evaluator), "the evaluator sees a sealed bid").toEqual([]);
    expect(lotDifferences(evaluator), "the evaluator sees which lots were chosen").toEqual([]);
  });

  it("writes no name, file name or hash of a sealed bid into the server's log lines", () => {
    const output = sweep.server.output();
    expect(output).toContain('"msg":"request"');
    expect(findings([{ url: "server output", status: 0, type: "log", raw: output, text: output }])).toEqual([]);
  });

  it("lists each mail that names a bidder of the unopened call as „versiegelt bis zur Öffnung“ with its time only, and one of an opened call in full", async () => {
    const rowsOf = (html: string) => [...html.matchAll(/<tr class="kern-table__row">([\s\S]*?)<\/tr>/g)].map((m) => htmlText(m[1]).replace(/\s+/g, " ").trim());
    const rows = rowsOf((await sweep.sessions.officer.request("/verwaltung/postausgang")).body);
    const sealedRows = rows.filter((r) => r.includes(SEALED_LABEL));
    // The receipt of C; per member of A, B, C and D (6): the answer, the amendment, the cancellation.
    expect(sealedRows.length).toBe(1 + 3 * 6);
    for (const row of sealedRows) expect(row).toMatch(/^[^|]*\d{2}:\d{2}[^|]* \| \| versiegelt bis zur Öffnung \| \|$/);
    expect(rows.some((r) => r.includes("Eingangsbestätigung") && r.includes(sealed.openedReceiptNumber))).toBe(true);
    // In English too.
    const english = rowsOf((await sweep.sessions.officer.request("/verwaltung/postausgang", { headers: { cookie: "lang=ImVuIg%3D%3D" } })).body);
    expect(english.filter((r) => r.includes("sealed until the opening")).length).toBe(sealedRows.length);
  });

  it("answers a sealed entry's own address with the sealed notice and its time, and passes axe on both pages", async () => {
    const detail = officer.filter((v) => v.url.startsWith("/verwaltung/postausgang/") && v.text.includes("E-Mail versiegelt bis zur Öffnung"));
    expect(detail.length).toBe(1 + 3 * 6);
    for (const page of detail) expect(page.text).not.toMatch(/Kopfzeilen|Message-ID|Anhänge|Text der E-Mail/);
    const browser = await launchBrowser();
    try {
      const page = await newPage(browser, { baseURL: sweep.server.baseURL });
      const [name, value] = sweep.sessions.officer.cookie.split(/=(.*)/s);
      await page.context().addCookies([{ name, value, url: sweep.server.baseURL }]);
      for (const url of ["/verwaltung/postausgang", detail[0].url]) {
        await page.goto(url);
        await expectAccessible(page);
      }
    } finally {
      await browser.close();
    }
  });
});
