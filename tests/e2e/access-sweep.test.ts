// Access sweep (issue 7, point 8): every route of the build, with every object of the world
// (tests/e2e/support/world.ts) put into its parameters, requested by every role, compared
// with the EXPECTATIONS table below. The route list comes from the build, so a new route
// fails this test until someone classifies it here.
//
// The world: carriers A and B with submissions to an OPENED call (a copy of the historic
// Dresden call, four-eyes opening confirmed) and a SEALED call (demo copy, deadline ahead);
// the DECIDED historic call as `setup --demo` leaves it (seven illustrative carriers "D",
// letters, staffing plan; the demo evaluator is assigned to all its lots); a draft call
// with a city document; evaluators assigned to lot 2 of the opened call (one with a declared
// conflict with A) and one assigned nowhere; a Nachforderung to A; an outbox message.
//
// Besides GET, every route with an action gets a POST with an empty body and a valid Origin:
// never a 5xx, never let in a role that GET keeps out, and no table changes (row counts).
// The server is a private one (own DATA_DIR), so the shared server's start page stays as
// the other files expect it.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { buildRoutes, pool, ROLES, rowCountsWithoutDocuments, startSweepWorld, type Answer, type Role, type RouteInfo, type SweepWorld } from "./support/sweep";
import { GARBAGE, targetsFor, type Owner, type Target } from "./support/targets";

/** Expected answer: a status, or 302 to sign-in ("signin"), or a list of acceptable ones. */
type Expected = number | "signin" | (number | "signin")[];
type Rule = (role: Role, t: Target) => Expected;

const CITY: Role[] = ["officer"];
const EVALUATORS: Role[] = ["evalAssigned", "evalUnassigned", "evalConflict"];
const isCarrier = (r: Role) => r === "carrierA" || r === "carrierB";
const ownerOf = (r: Role): Owner | null => (r === "carrierA" ? "A" : r === "carrierB" ? "B" : null);

// Shorthands for the rules.
/** The opening of these calls is complete: the city may read their bids. */
const openedCall = (t: Target) => t.call === "opened" || t.call === "decided";
/** Public page: everyone 200, except unknown objects 404. */
const publicPage: Rule = (_r, t) => (t.call === "unknown" || t.call === "draft" ? 404 : 200);
/** A page every role may open (forms without sign-in). */
const open: Rule = () => 200;
/** Anonymous → sign in; `roles` see `ok(t)`; any other signed-in role 403. */
const onlyFor =
  (roles: Role[], ok: (role: Role, t: Target) => Expected): Rule =>
  (role, t) =>
    role === "anonymous" ? "signin" : roles.includes(role) ? ok(role, t) : 403;
/** A carrier's own object: 200 (or `ownStatus`) for the owner, 404 for the other carrier and unknown ids. */
const own =
  (ownStatus: (t: Target) => Expected = () => 200): ((role: Role, t: Target) => Expected) =>
  (role, t) =>
    t.owner === ownerOf(role) ? ownStatus(t) : 404;
/** An officer page of a call: 404 for an unknown slug. */
const cityCall = (ok: (t: Target) => Expected) => onlyFor(CITY, (_r, t) => (t.call === "unknown" ? 404 : ok(t)));

// ---------------------------------------------------------------------------------------
// THE EXPECTATION TABLE, by route id of the build. A route not listed fails the sweep.
const EXPECTATIONS: Record<string, Rule> = {
  "routes/_index": open,
  "routes/$": () => 404,
  "routes/impressum": open,
  "routes/datenschutz": open,
  "routes/barrierefreiheit": open,
  "routes/anmelden": (r) => (r === "anonymous" ? 200 : 302), // signed in: to the home page
  "routes/abmelden": (r) => (r === "anonymous" ? [200, 302] : 200),
  "routes/registrieren": (r) => (r === "anonymous" ? 200 : 302), // signed in: to the home page
  "routes/passwort-vergessen": open,
  "routes/sprache": () => 302,
  // A garbage token: a page that says the link is invalid or expired.
  "routes/bestaetigen.$token": () => [200, 404],
  "routes/passwort-neu.$token": () => [200, 404],
  "routes/einladung.$token": () => [200, 404],

  "routes/aufrufe.$slug._index": publicPage,
  "routes/aufrufe.$slug.aufruf[.]pdf": publicPage,
  "routes/aufrufe.$slug.ocds[.]json": publicPage,
  "routes/aufrufe.$slug.fragen": (r, t) => (t.call === "unknown" || t.call === "draft" ? 404 : r === "anonymous" || isCarrier(r) ? 200 : [200, 403]),

  // Files: the city's documents of a published call are public, a draft's only for officers;
  // a carrier's file for its own carrier; the city after the opening only; an evaluator only
  // the concept files of the bids they may score. Anonymous: sign in, whether it exists or not.
  "routes/dateien.$fileId": (role, t) => {
    if (t.owner === "city") return role === "officer" ? 200 : role === "anonymous" ? "signin" : 404;
    if (role === "anonymous") return "signin";
    if (t.owner === "unknown") return 404;
    if (isCarrier(role)) return t.owner === ownerOf(role) ? 200 : 404;
    if (role === "officer") return openedCall(t) ? 200 : 404;
    // Evaluators: concept file of lot 2 of the opened call, without a declared conflict.
    if (t.call !== "opened" || t.kind !== "concept") return 404;
    if (role === "evalAssigned") return 200;
    if (role === "evalConflict") return t.owner === "B" ? 200 : 404;
    return 404;
  },

  // Carriers' area.
  "routes/traeger._index": onlyFor(["carrierA", "carrierB"], () => 200),
  "routes/traeger.mitglieder": onlyFor(["carrierA", "carrierB"], () => 200),
  "routes/traeger.bewerbungen.$id._index": onlyFor(["carrierA", "carrierB"], own()),
  // After submission the working copy stays editable only while the call is open.
  // (after the deadline the pages show the working copy read-only)
  "routes/traeger.bewerbungen.$id.unterlagen": onlyFor(["carrierA", "carrierB"], own()),
  "routes/traeger.bewerbungen.$id.erklaerungen": onlyFor(["carrierA", "carrierB"], own()),
  "routes/traeger.bewerbungen.$id.einreichen": onlyFor(["carrierA", "carrierB"], own()),
  "routes/traeger.bewerbungen.$id.lose.$lotId": onlyFor(["carrierA", "carrierB"], own((t) => (t.kind === "unknown-lot" ? 404 : 200))),
  "routes/traeger.eingaenge.$submissionId._index": onlyFor(["carrierA", "carrierB"], own()),
  "routes/traeger.eingaenge.$submissionId.eingangsbestaetigung[.]pdf": onlyFor(["carrierA", "carrierB"], own()),
  "routes/traeger.nachforderungen.$requestId": onlyFor(["carrierA", "carrierB"], own()),
  "routes/traeger.kooperation.$declarationId": onlyFor(["carrierA", "carrierB"], own()),
  // Contracts (decision 0022): a carrier's own only; another's answers 404.
  "routes/traeger.vertraege._index": onlyFor(["carrierA", "carrierB"], () => 200),
  "routes/traeger.vertraege.$contractId": onlyFor(["carrierA", "carrierB"], own()),
  // A staff report of one period of the carrier's own contract (decision 0024).
  "routes/traeger.vertraege.$contractId_.meldungen.$periodFrom": onlyFor(["carrierA", "carrierB"], own()),
  // Any carrier may file a Rüge on any published call (§ 160 GWB: whoever has an interest).
  "routes/traeger.aufrufe.$slug.ruege": onlyFor(["carrierA", "carrierB"], (_r, t) => (t.call === "unknown" || t.call === "draft" ? 404 : 200)),

  // Evaluators' area: only calls with an assignment, only lot bids without a conflict.
  "routes/bewertung._index": onlyFor(EVALUATORS, () => 200),
  "routes/bewertung.$slug._index": onlyFor(EVALUATORS, (role, t) =>
    (role !== "evalUnassigned" && t.call === "opened") || (role === "evalAssigned" && t.call === "decided") ? 200 : 404,
  ),
  "routes/bewertung.$slug.$submissionId.$lotId": onlyFor(EVALUATORS, (role, t) => {
    if (t.call !== "opened" || t.owner === "unknown" || t.kind === "unknown-lot") return 404;
    if (role === "evalAssigned") return 200;
    if (role === "evalConflict") return t.owner === "B" ? 200 : 404;
    return 404;
  }),

  // The staff workspace is the home page of officers and evaluators alike (homePathFor):
  // the list of calls, with links into the city's pages for officers only.
  "routes/verwaltung._index": onlyFor([...CITY, ...EVALUATORS], () => 200),
  // The city's pages: officers only. Nothing of a bid before the opening (the body check
  // below looks for the sealed bids' markers in every answer).
  "routes/verwaltung.fragen": onlyFor(CITY, () => 200),
  "routes/verwaltung.postausgang._index": onlyFor(CITY, () => 200),
  "routes/verwaltung.postausgang.$id": onlyFor(CITY, (_r, t) => (t.owner === "unknown" ? 404 : 200)),
  "routes/verwaltung.aufrufe.neu": onlyFor(CITY, () => 200),
  "routes/verwaltung.aufrufe.$slug._index": cityCall(() => 200),
  // The editor shows a published call read-only; its preview sends to the public page.
  "routes/verwaltung.aufrufe.$slug.bearbeiten": cityCall(() => 200),
  "routes/verwaltung.aufrufe.$slug.vorschau": cityCall((t) => (t.call === "draft" ? 200 : 302)),
  "routes/verwaltung.aufrufe.$slug.aenderungen": cityCall((t) => (t.call === "draft" ? 404 : 200)),
  "routes/verwaltung.aufrufe.$slug.protokoll": cityCall(() => 200),
  "routes/verwaltung.aufrufe.$slug.oeffnung": cityCall((t) => (t.call === "draft" ? 404 : 200)),
  "routes/verwaltung.aufrufe.$slug.oeffnungsprotokoll[.]pdf": cityCall((t) => (openedCall(t) ? 200 : 404)),
  // Before the opening these pages say so and list nothing of the bids.
  "routes/verwaltung.aufrufe.$slug.pruefung._index": cityCall((t) => (t.call === "draft" ? 404 : 200)),
  "routes/verwaltung.aufrufe.$slug.pruefung.$submissionId": cityCall((t) => (t.call === "opened" && t.owner !== "unknown" ? 200 : 404)),
  "routes/verwaltung.aufrufe.$slug.bewertung": cityCall((t) => (t.call === "draft" ? 404 : 200)),
  "routes/verwaltung.aufrufe.$slug.bewertungen[.]csv": cityCall((t) => (openedCall(t) ? 200 : t.call === "sealed" ? 409 : 404)),
  "routes/verwaltung.aufrufe.$slug.vergabevermerk": cityCall((t) => (t.call === "draft" ? 404 : 200)),
  // The PDF is made in the background (decision 0031): 303 to the page that says how far it is, 200 once made.
  "routes/verwaltung.aufrufe.$slug.vergabevermerk[.]pdf": cityCall((t) => (openedCall(t) ? [200, 303] : t.call === "sealed" ? 409 : 404)),
  "routes/verwaltung.aufrufe.$slug.vergabevermerk-pdf": cityCall((t) => (openedCall(t) ? 200 : t.call === "sealed" ? 409 : 404)),
  // The case file: any call but a draft; before the opening without anything of a bid (decision 0037).
  "routes/verwaltung.aufrufe.$slug.vergabeakte": cityCall((t) => (t.call === "draft" ? 404 : 200)),
  "routes/verwaltung.aufrufe.$slug.vergabeakte[.]zip": cityCall((t) => (t.call === "draft" ? 404 : [200, 303])),

  // Award and staffing (issue 6). The result is public once the award is made.
  "routes/aufrufe.$slug.ergebnis": (_r, t) => (t.call === "decided" ? 200 : 404),
  // A draft has no award procedure and cannot be cancelled (it is simply not published).
  "routes/verwaltung.aufrufe.$slug.zuschlag": cityCall((t) => (t.call === "draft" ? 404 : 200)),
  "routes/verwaltung.aufrufe.$slug.aufhebung": cityCall((t) => (t.call === "draft" ? 404 : 200)),
  "routes/verwaltung.aufrufe.$slug.aufbewahrung": cityCall(() => 200),
  "routes/verwaltung.aufrufe.$slug.fallzahlen": cityCall(() => 200),
  "routes/verwaltung.aufrufe.$slug.stellenplan": cityCall(() => 200),
  "routes/verwaltung.aufrufe.$slug.nachsteuerung": cityCall(() => 200),
  // Exports need a plan: only the decided call has figures and contracts.
  "routes/verwaltung.aufrufe.$slug.stellenplan[.]csv": cityCall((t) => (t.call === "decided" ? 200 : 409)),
  "routes/verwaltung.aufrufe.$slug.stellenplan[.]pdf": cityCall((t) => (t.call === "decided" ? 200 : 409)),
  // The plan over time counts every call's term (without contracts: nothing contracted or filled).
  "routes/verwaltung.aufrufe.$slug.stellenplan-verlauf[.]csv": cityCall(() => 200),
  "routes/verwaltung.aufrufe.$slug.stellenplan-verlauf[.]pdf": cityCall(() => 200),
  // The contracts of a call: a list (empty before the award) and its CSV.
  "routes/verwaltung.aufrufe.$slug.vertraege": cityCall(() => 200),
  "routes/verwaltung.aufrufe.$slug.vertraege[.]csv": cityCall(() => 200),
  // A contract's staff report of one period, for officers: only a contract of that call and one of its periods.
  "routes/verwaltung.aufrufe.$slug.vertraege_.$contractId.meldungen.$periodFrom": cityCall((t) => (t.call === "decided" && t.owner !== "unknown" ? 200 : 404)),
  // Folgeaufruf (decision 0027): the uncovered FTE, or why they cannot be computed yet.
  "routes/verwaltung.aufrufe.$slug.folgeaufruf": cityCall(() => 200),

  // Operations and the second factor (issue 7).
  "routes/healthz": open,
  // The second factor (decision 0034): every signed-in role has the page (carriers may turn it on).
  "routes/konto.zwei-faktor": (r) => (r === "anonymous" ? "signin" : 200),
  // Without a pending sign-in (password step passed) the code step sends back to sign-in.
  "routes/anmelden_.code": () => 302,

  // Account administration (issue 16, decision 0035): administrators only (none in this world).
  "routes/verwaltung.konten._index": onlyFor([], () => 200),
  "routes/verwaltung.konten.$userId": onlyFor([], () => 404),
  // One's own account and password: every signed-in role.
  "routes/konto._index": (r) => (r === "anonymous" ? "signin" : 200),
  "routes/konto.passwort": (r) => (r === "anonymous" ? "signin" : 200),
  // The staff invitation's link: a garbage token shows that the link is invalid.
  "routes/konto.einrichten.$token": () => 200,
  // Passkey steps are posts of the page script only: a GET finds no loader (Remix answers 400).
  "routes/konto.passkey": () => 400,
  "routes/anmelden_.passkey": () => 400,
};

// ---------------------------------------------------------------------------------------

type Cell = { route: string; target: string; role: Role; method: "GET" | "POST"; status: number; expected: string; ok: boolean; note?: string };

function matches(answer: Answer, expected: Expected): boolean {
  const list = Array.isArray(expected) ? expected : [expected];
  return list.some((e) => (e === "signin" ? answer.status === 302 && (answer.location ?? "").startsWith("/anmelden") : answer.status === e));
}
/**
 * Who may read a bid's markers (world.ts: GEHEIM-A-sealed in the concept, Datei-A-sealed in
 * file names) in any answer: its own carrier; after the opening the officer, the assigned
 * evaluator, and the evaluator with a conflict only B's. Before the opening nobody else.
 */
function mayRead(role: Role, carrier: "A" | "B", phase: "opened" | "sealed"): boolean {
  if (ownerOf(role) === carrier) return true;
  if (phase === "sealed") return false;
  if (role === "officer" || role === "evalAssigned") return true;
  return role === "evalConflict" && carrier === "B";
}
function leaks(role: Role, body: string): string[] {
  return [...body.matchAll(/(?:GEHEIM|Datei)-([AB])-(opened|sealed)/g)].filter((m) => !mayRead(role, m[1] as "A" | "B", m[2] as "opened" | "sealed")).map((m) => m[0]);
}
const show = (e: Expected) => (Array.isArray(e) ? e.join("|") : String(e));
const denied = (e: Expected) => (Array.isArray(e) ? e : [e]).every((x) => x === "signin" || x === 403 || x === 404);

/** Rows: route + target; columns: roles; a cell shows the status, `!` marks a mismatch. */
function matrix(cells: Cell[]): string {
  const rows = new Map<string, Map<Role, Cell[]>>();
  for (const c of cells) {
    const key = `${c.method} ${c.route} [${c.target}]`;
    if (!rows.has(key)) rows.set(key, new Map());
    const row = rows.get(key)!;
    row.set(c.role, [...(row.get(c.role) ?? []), c]);
  }
  const header = ["route [objects]".padEnd(80), ...ROLES.map((r) => r.slice(0, 12).padEnd(13))].join("");
  const lines = [header];
  for (const [key, row] of rows) {
    if (![...row.values()].flat().some((c) => !c.ok)) continue;
    lines.push(
      [key.slice(0, 79).padEnd(80), ...ROLES.map((r) => (row.get(r) ?? []).map((c) => (c.ok ? String(c.status) : `${c.status}!${c.expected}`)).join(",").padEnd(13))].join(""),
    );
  }
  return lines.join("\n");
}

let sweep: SweepWorld;
let routes: RouteInfo[];

beforeAll(async () => {
  sweep = await startSweepWorld("access");
  routes = buildRoutes(sweep.server.env);
});

afterAll(async () => {
  await sweep?.server.stop();
});

describe("access sweep over every route of the build", () => {
  it("finds every route of the build classified in the expectation table", () => {
    const missing = routes.filter((r) => !EXPECTATIONS[r.id]).map((r) => `${r.id} (${r.path})`);
    expect(
      missing,
      `Classify these routes in EXPECTATIONS of tests/e2e/access-sweep.test.ts (who may open them, with which objects):\n${missing.join("\n")}`,
    ).toEqual([]);
    const stale = Object.keys(EXPECTATIONS).filter((id) => !routes.some((r) => r.id === id));
    expect(stale, "EXPECTATIONS names routes the build no longer has").toEqual([]);
  });

  it("answers every role with the expected status, never a 5xx, and lets no POST change anything", async () => {
    const before = await rowCountsWithoutDocuments(sweep.server.dataDir);
    const jobs: { route: RouteInfo; target: Target; role: Role; method: "GET" | "POST" }[] = [];
    for (const route of routes) {
      if (!EXPECTATIONS[route.id]) continue;
      for (const target of targetsFor(route, sweep.world)) {
        for (const role of ROLES) {
          jobs.push({ route, target, role, method: "GET" });
          // Signing out is what POST /abmelden is for; it would end the sweep's sessions.
          if (route.hasAction && !(route.id === "routes/abmelden" && role !== "anonymous")) jobs.push({ route, target, role, method: "POST" });
        }
      }
    }
    const cells = await pool(jobs, 8, async ({ route, target, role, method }): Promise<Cell> => {
      const expected = EXPECTATIONS[route.id](role, target);
      const answer = await sweep.sessions[role].request(target.params.pathname, method === "POST" ? { method, body: "", headers: { "content-type": "application/x-www-form-urlencoded" } } : {});
      let ok: boolean;
      let exp = show(expected);
      if (method === "GET") {
        ok = answer.status < 500 && matches(answer, expected);
      } else {
        // An empty POST: a clear answer, and no way in where GET keeps the role out: a refusal
        // of some kind. A 400 (the empty form refused before the object is looked up) reveals
        // nothing: the same answer comes for an id that does not exist.
        ok = answer.status < 500 && (!denied(expected) || matches(answer, ["signin", 400, 403, 404, 405]));
        exp = denied(expected) ? "signin|400|403|404|405" : "<500";
      }
      const leaked = leaks(role, answer.body);
      if (leaked.length > 0) {
        ok = false;
        exp = `no ${leaked[0]}`;
      }
      const note = answer.status >= 500 ? answer.body.slice(0, 300) : leaked.length > 0 ? `shows ${[...new Set(leaked)].join(", ")}` : undefined;
      return { route: route.id.replace(/^routes\//, ""), target: target.label, role, method, status: answer.status, expected: exp, ok, note };
    });
    const after = await rowCountsWithoutDocuments(sweep.server.dataDir);
    const failures = cells.filter((c) => !c.ok);
    const errors = failures.filter((c) => c.note).map((c) => `${c.method} ${c.route} [${c.target}] as ${c.role}: ${c.note}`);
    if (process.env.SWEEP_PRINT) console.log(matrix(cells.map((c) => ({ ...c, ok: false }))));
    expect(failures.length, `${failures.length} of ${cells.length} answers differ (status!expected):\n${matrix(cells)}\n${errors.join("\n")}`).toBe(0);
    expect(after, "an empty POST changed a table").toEqual(before);
  }, 600_000);
});

describe("downloads", () => {
  it("sends X-Content-Type-Options: nosniff exactly once with every download of the build and with a page", async () => {
    // Every route that answers with a file (a name with an extension, or /dateien), with each
    // object and role that may fetch it.
    const downloads = routes.filter((r) => /\[\.\]|dateien/.test(r.id));
    expect(downloads.length).toBeGreaterThan(8);
    const seen: string[] = [];
    for (const route of downloads) {
      for (const target of targetsFor(route, sweep.world)) {
        const role = ROLES.find((r) => EXPECTATIONS[route.id](r, target) === 200);
        if (!role) continue;
        const response = await fetch(new URL(target.params.pathname, sweep.server.baseURL), { headers: { cookie: sweep.sessions[role].cookie }, redirect: "manual" });
        await response.arrayBuffer();
        expect(response.status, `${target.params.pathname} as ${role}`).toBe(200);
        seen.push(`${route.id} ${response.headers.get("x-content-type-options")}`);
      }
    }
    const page = await fetch(new URL("/", sweep.server.baseURL));
    seen.push(`page ${page.headers.get("x-content-type-options")}`);
    expect(seen.filter((line) => !line.endsWith(" nosniff"))).toEqual([]);
    expect(new Set(seen.map((line) => line.split(" ")[0])).size, "downloads checked").toBeGreaterThan(8);
  });

  it("sends a visitor who is not signed in to sign in for a carrier's file or receipt, whether it exists or not, and another carrier to a 404", async () => {
    const { A } = sweep.world.carriers;
    const paths = (file: string, submission: string) => [`/dateien/${file}`, `/traeger/eingaenge/${submission}/eingangsbestaetigung.pdf`];
    for (const pathname of [...paths(A.sealed.fileIds[0], A.sealed.submissionId), ...paths(GARBAGE, GARBAGE)]) {
      const anonymous = await sweep.sessions.anonymous.request(pathname);
      expect(anonymous.status, pathname).toBe(302);
      expect(anonymous.location).toBe(`/anmelden?weiter=${encodeURIComponent(pathname)}`);
      expect(anonymous.bytes.length, "a redirect without a body").toBe(0);
      expect((await sweep.sessions.carrierB.request(pathname)).status, `${pathname} as carrier B`).toBe(404);
    }
  });
});
