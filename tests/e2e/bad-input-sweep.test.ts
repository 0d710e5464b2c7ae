// Bad-input sweep (issue 7, point 7): every form of the app, found by opening every page of
// the build as every role (with the objects of tests/e2e/support/world.ts) and reading its
// <form> elements, gets a corpus of bad inputs; every file field gets bad files; every
// upload endpoint gets a truncated multipart body. The answer must be clear (a 4xx, or a
// page with a field message, also after the Post/Redirect/Get of an upload), never a 5xx,
// and nothing may be stored: the row counts of the database and the files under DATA_DIR are
// the same after each form's corpus as before.
//
// Inputs that are harmless when escaped (HTML, SQL, combining marks) may be accepted; they
// run last and must never come back unescaped.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { makeElf, makePdfWithJavaScript, makeZipBombDocx } from "../support/bad-files";
import { makeExe } from "../support/sample-files";
import { formsOf, isTextField, isTypedField, isVisibleField, type PageForm } from "./support/forms";
import { buildRoutes, pool, ROLES, rowCounts, startSweepWorld, storedFileNames, textsWith, type Answer, type Role, type Session, type SweepWorld } from "./support/sweep";
import { targetsFor } from "./support/targets";

type Variant = { name: string; values: [string, string][]; files?: [string, { name: string; type: string; bytes: Uint8Array }][] };
type Outcome = { form: string; role: Role; variant: string; status: number; problem: string | null };

const HUGE = "x".repeat(1024 * 1024 + 1);
const CONTROL = "Kontrolle\u0000\u0007\u001b[2J\u0008\u007f";
const BIDI = "Bericht\u202Efdp.exe\u2066";
const SCRIPT = `<script>alert("sweep")</script>`;
const HARMLESS = `${SCRIPT}"><img src=x onerror=alert(1)>' OR '1'='1'; DROP TABLE users; -- Z\u0334\u0321a\u0337l\u0338g\u0335o`;
const EXTRA: [string, string][] = [
  ["role", "officer"],
  ["organisationId", "AAAAAAAAAAAAAAAAAAAAAA"],
  ["__proto__[admin]", "1"],
  ["constructor.prototype.admin", "1"],
];

/**
 * Forms that keep a working copy and may be saved incomplete (the rules apply when it is
 * submitted or finalised), or that record only what changed: missing, extra and repeated
 * fields may end in their "saved"/"unchanged" redirect. Never a 5xx, never a new row.
 */
const WORKING_COPY_FORMS: { pattern: RegExp; why: string }[] = [
  { pattern: /^\/traeger\/bewerbungen\/[^/]+\/lose\/[^/]+$/, why: "a lot bid's working copy (Entwurf), checked at submission" },
  { pattern: /^\/traeger\/bewerbungen\/[^/]+$/, why: "the choice of lots of the working copy" },
  { pattern: /^\/bewertung\/[^/]+\/[^/]+\/[^/]+ \[intent=draft\]$/, why: "an evaluator's draft scores" },
  { pattern: /^\/verwaltung\/aufrufe\/[^/]+\/pruefung\/[^/]+$/, why: "the formal check records only the items that changed" },
  { pattern: /^\/verwaltung\/aufrufe\/[^/]+\/bearbeiten$/, why: "a draft call's sections, checked in full at publishing" },
];
/** Working copies that also take a 1 MB string today (officers only; see the report of issue 7). */
const HUGE_ACCEPTED: RegExp[] = [/^\/verwaltung\/aufrufe\/[^/]+\/bearbeiten$/];
const formKey = (f: { form: PageForm }) => `${new URL(f.form.action).pathname}${f.form.button ? ` [${f.form.button.name}=${f.form.button.value}]` : ""}`;
const isWorkingCopy = (f: { form: PageForm }) => WORKING_COPY_FORMS.some((w) => w.pattern.test(formKey(f)));

/** A clear refusal: a 4xx, or a page with a field message or error summary (German). */
const showsMessage = (body: string) => /kern-alert--danger|class="kern-error"/.test(body);

let sweep: SweepWorld;
let forms: { role: Role; page: string; form: PageForm; key: string }[] = [];
let badFiles: { name: string; type: string; bytes: Uint8Array }[];

beforeAll(async () => {
  sweep = await startSweepWorld("bad-input");
  badFiles = [
    { name: "Programm.pdf", type: "application/pdf", bytes: makeElf() },
    { name: "Setup.pdf", type: "application/pdf", bytes: makeExe() },
    { name: "Konzept.docx", type: "application/vnd.openxmlformats-officedocument.wordprocessingml.document", bytes: await makeZipBombDocx() },
    { name: "Konzept mit Skript.pdf", type: "application/pdf", bytes: await makePdfWithJavaScript() },
    { name: "Leer.pdf", type: "application/pdf", bytes: new Uint8Array(0) },
  ];
  // Every page of the build as every role, with every object that exists (unknown ids
  // show no forms); the forms found are deduplicated by role, action, button and fields.
  const routes = buildRoutes(sweep.server.env).filter((r) => r.hasPage);
  const pages = routes.flatMap((r) => targetsFor(r, sweep.world).filter((t) => t.owner !== "unknown" && t.call !== "unknown" && !t.kind?.startsWith("unknown")).map((t) => t.params.pathname));
  const seen = new Set<string>();
  const found = await pool(
    ROLES.flatMap((role) => pages.map((page) => ({ role, page }))),
    8,
    async ({ role, page }) => {
      const answer = await sweep.sessions[role].request(page);
      return answer.status === 200 && answer.type.startsWith("text/html") ? formsOf(answer.body, new URL(page, sweep.server.baseURL).toString()).map((form) => ({ role, page, form })) : [];
    },
  );
  for (const f of found.flat()) {
    // Signing out ends the session the sweep uses; it has no input but the button.
    if (new URL(f.form.action).pathname === "/abmelden") continue;
    const key = `${f.role} ${new URL(f.form.action).pathname}${new URL(f.form.action).search} ${f.form.button ? `${f.form.button.name}=${f.form.button.value}` : ""} ${f.form.fields.map((x) => x.name).sort().join(",")}`;
    if (seen.has(key)) continue;
    seen.add(key);
    forms.push({ ...f, key });
  }
}, 300_000);

afterAll(async () => {
  if (process.env.SWEEP_SERVER_LOG) console.log(sweep?.server.output());
  await sweep?.server.stop();
});

function baseValues(form: PageForm, keep: (name: string) => boolean = () => true): [string, string][] {
  const values: [string, string][] = form.fields.filter((f) => f.send && f.type !== "file" && keep(f.name)).map((f) => [f.name, f.value]);
  if (form.button) values.push([form.button.name, form.button.value]);
  return values;
}

/** The bad inputs for one form (none for a form without anything to type or choose). */
function variants(form: PageForm): Variant[] {
  const visible = form.fields.filter(isVisibleField);
  if (visible.length === 0) return [];
  const text = new Set(form.fields.filter(isTextField).map((f) => f.name));
  const typed = new Set(form.fields.filter(isTypedField).map((f) => f.name));
  const hidden = (f: { type: string }) => f.type === "hidden";
  const onlyHidden = baseValues(form, (name) => form.fields.some((f) => f.name === name && hidden(f)));
  const replaceText = (value: string): [string, string][] => baseValues(form).map(([k, v]) => [k, text.has(k) ? value : v]);
  const out: Variant[] = [
    { name: "missing fields", values: onlyHidden },
    { name: "extra fields", values: [...onlyHidden, ...EXTRA] },
  ];
  if (typed.size > 0) {
    // Every number, date and choice (also an unset radio group) gets a value of no type.
    out.push({ name: "wrong types", values: [...baseValues(form).filter(([k]) => !typed.has(k)), ...[...typed].map((k): [string, string] => [k, "🙂 keine Zahl 1e309"])] });
  }
  if (text.size > 0) {
    const first = [...text][0];
    out.push({ name: "huge string (1 MB)", values: baseValues(form).map(([k, v]) => [k, k === first ? HUGE : v]) });
  }
  return out;
}

/** Text fields full of control characters, or of right-to-left overrides. */
function invisibleVariants(form: PageForm): Variant[] {
  const text = new Set(form.fields.filter(isTextField).map((f) => f.name));
  if (text.size === 0) return [];
  const replaceText = (value: string): [string, string][] => baseValues(form).map(([k, v]) => [k, text.has(k) ? value : v]);
  return [
    { name: "control characters", values: replaceText(CONTROL) },
    { name: "right-to-left override", values: replaceText(BIDI) },
  ];
}

function body(form: PageForm, variant: Variant): { body: BodyInit; headers: Record<string, string> } {
  if (form.enctype === "multipart/form-data") {
    const data = new FormData();
    for (const [k, v] of variant.values) data.append(k, v);
    for (const [k, f] of variant.files ?? []) data.append(k, new Blob([Buffer.from(f.bytes)], { type: f.type }), f.name);
    return { body: data, headers: {} };
  }
  return { body: new URLSearchParams(variant.values).toString(), headers: { "content-type": "application/x-www-form-urlencoded" } };
}

/** Posts, follows one Post/Redirect/Get with the cookies it set, and judges the answer. */
async function post(session: Session, form: PageForm, variant: Variant): Promise<{ answer: Answer; page: Answer | null; problem: string | null }> {
  const { body: payload, headers } = body(form, variant);
  const answer = await session.request(form.action, { method: "POST", body: payload, headers });
  if (answer.status >= 500) return { answer, page: null, problem: `${answer.status}: ${answer.body.slice(0, 200)}` };
  if (answer.status >= 400) return { answer, page: null, problem: null };
  if (answer.status === 200) return { answer, page: null, problem: showsMessage(answer.body) ? null : "200 without a field message" };
  if (answer.status >= 300 && answer.location) {
    const cookies = answer.setCookies.map((c) => c.split(";")[0]).filter((c) => !c.endsWith("=")).join("; ");
    const page = await session.request(answer.location, cookies ? { headers: { cookie: cookies } } : {});
    if (page.status >= 500) return { answer, page, problem: `redirect to ${answer.location}, then ${page.status}` };
    return { answer, page, problem: showsMessage(page.body) ? null : `${answer.status} to ${answer.location} without a message` };
  }
  return { answer, page: null, problem: `unexpected ${answer.status}` };
}

function label(f: { role: Role; form: PageForm }) {
  const action = new URL(f.form.action);
  return `${f.role} → ${action.pathname}${f.form.button ? ` [${f.form.button.name}=${f.form.button.value}]` : ""}`;
}

/** The state that must not change: row counts and the stored files. */
const snapshot = () => ({ rows: rowCounts(sweep.server.dataDir), files: storedFileNames(sweep.server.dataDir) });

describe("bad-input sweep over every form and upload", () => {
  it("finds the forms of the app, the upload forms among them", () => {
    const uploads = forms.filter((f) => f.form.fields.some((x) => x.type === "file"));
    expect(forms.length, forms.map((f) => f.key).join("\n")).toBeGreaterThan(15);
    // The known upload endpoints: documents, concept per lot, the answer to a Nachforderung,
    // a call's documents in the editor.
    const paths = new Set(uploads.map((f) => new URL(f.form.action).pathname.replace(/\/[A-Za-z0-9_-]{22}(?=\/|$)/g, "/:id")));
    for (const p of ["/traeger/bewerbungen/:id/unterlagen", "/traeger/bewerbungen/:id/lose/:id", "/traeger/nachforderungen/:id", "/verwaltung/aufrufe/entwurf-sweep/bearbeiten"]) {
      expect([...paths], `no upload form found for ${p}`).toContain(p);
    }
  });

  it("refuses missing, extra, mistyped and huge input clearly and stores nothing", async () => {
    const outcomes: Outcome[] = [];
    const changes: string[] = [];
    for (const f of forms) {
      const before = snapshot();
      const results = await pool(variants(f.form), 4, async (variant) => ({ variant, ...(await post(sweep.sessions[f.role], f.form, variant)) }));
      let hugeSaved = false;
      for (const r of results) {
        // A working copy may be saved incomplete; its "saved" redirect is a clear answer too.
        const saved = r.problem?.includes("without a message") && isWorkingCopy(f) && (r.variant.name !== "huge string (1 MB)" || HUGE_ACCEPTED.some((p) => p.test(formKey(f))));
        if (saved && r.variant.name === "huge string (1 MB)") hugeSaved = true;
        outcomes.push({ form: label(f), role: f.role, variant: r.variant.name, status: r.answer.status, problem: saved ? null : r.problem });
      }
      const after = snapshot();
      // A working copy saved with fields missing loses their rows (posts, costs): that is
      // what saving an emptied form means. No new file, though, and nowhere else a change.
      const changed = isWorkingCopy(f) ? JSON.stringify(after.files) !== JSON.stringify(before.files) : JSON.stringify(after) !== JSON.stringify(before);
      if (changed) changes.push(`${label(f)}: ${diff(before, after)}`);
      // A working copy that took the 1 MB string is saved back as the form showed it: every
      // later page of the draft would render the megabyte again, several times (seconds each).
      if (hugeSaved) {
        const restored = await post(sweep.sessions[f.role], f.form, { name: "as shown", values: baseValues(f.form) });
        expect(restored.answer.status, `${label(f)}: saving the shown values back`).toBe(302);
      }
    }
    const bad = outcomes.filter((o) => o.problem);
    expect(outcomes.length).toBeGreaterThan(50);
    expect(bad.map((o) => `${o.form} / ${o.variant}: ${o.problem}`), "answers that are not a clear refusal").toEqual([]);
    expect(changes, "bad input changed the database or the stored files").toEqual([]);
  }, 600_000);

  it("refuses renamed executables, a zip bomb in a DOCX, a PDF with JavaScript and an empty file, and stores none of them", async () => {
    const uploads = forms.filter((f) => f.form.fields.some((x) => x.type === "file"));
    const outcomes: string[] = [];
    const changes: string[] = [];
    let tried = 0;
    for (const f of uploads) {
      for (const field of f.form.fields.filter((x) => x.type === "file")) {
        const before = snapshot();
        const results = await pool(badFiles, 2, async (file) => {
          const variant: Variant = { name: file.name, values: baseValues(f.form).filter(([k]) => k !== field.name), files: [[field.name, file]] };
          return { file, ...(await post(sweep.sessions[f.role], f.form, variant)) };
        });
        tried += results.length;
        for (const r of results) {
          if (r.problem) outcomes.push(`${label(f)} ${field.name} ← ${r.file.name}: ${r.problem}`);
          // The message names the file and says why, in German.
          else if (r.page && !r.page.body.includes(`„${r.file.name}“`)) outcomes.push(`${label(f)} ${field.name} ← ${r.file.name}: message does not name the file`);
        }
        const after = snapshot();
        if (JSON.stringify(after) !== JSON.stringify(before)) changes.push(`${label(f)} ${field.name}: ${diff(before, after)}`);
      }
    }
    expect(tried).toBeGreaterThanOrEqual(4 * badFiles.length);
    expect(outcomes, "bad files not refused clearly").toEqual([]);
    expect(changes, "a bad file was stored").toEqual([]);
  }, 600_000);

  it("answers a truncated multipart body with 400 and keeps nothing of it", async () => {
    const uploads = forms.filter((f) => f.form.fields.some((x) => x.type === "file"));
    const before = snapshot();
    const statuses: string[] = [];
    for (const f of uploads) {
      const boundary = "----sweep" + Math.random().toString(36).slice(2);
      const field = f.form.fields.find((x) => x.type === "file")!;
      const parts = baseValues(f.form)
        .filter(([k]) => k !== field.name)
        .map(([k, v]) => `--${boundary}\r\nContent-Disposition: form-data; name="${k}"\r\n\r\n${v}\r\n`)
        .join("");
      // The file part starts, a few bytes of a PDF follow, and the body ends: no closing boundary.
      const truncated = `${parts}--${boundary}\r\nContent-Disposition: form-data; name="${field.name}"; filename="Abgebrochen.pdf"\r\nContent-Type: application/pdf\r\n\r\n%PDF-1.7\n1 0 obj`;
      const answer = await sweep.sessions[f.role].request(f.form.action, {
        method: "POST",
        body: truncated,
        headers: { "content-type": `multipart/form-data; boundary=${boundary}` },
      });
      statuses.push(`${label(f)}: ${answer.status}`);
      expect(answer.status, `${label(f)}: ${answer.body.slice(0, 200)}`).toBeGreaterThanOrEqual(400);
      expect(answer.status, `${label(f)}: ${answer.body.slice(0, 200)}`).toBeLessThan(500);
    }
    expect(statuses.length).toBeGreaterThanOrEqual(4);
    expect(snapshot()).toEqual(before);
  }, 300_000);

  // Refused, or accepted without them (formValues cleans every text field): a question with
  // a control character in it is still a question. What matters is that none is stored.
  it("keeps control characters and right-to-left overrides out of the database, and never fails on them", async () => {
    const problems: string[] = [];
    for (const f of forms) {
      const results = await pool(invisibleVariants(f.form), 2, async (variant) => ({ variant, ...(await post(sweep.sessions[f.role], f.form, variant)) }));
      for (const r of results) {
        if (r.answer.status >= 500 || (r.page && r.page.status >= 500)) problems.push(`${label(f)} / ${r.variant.name}: ${r.problem}`);
      }
    }
    expect(textsWith(sweep.server.dataDir, ["\u0000", "\u0007", "\u001b", "\u202e", "\u2066"]), "stored with control characters").toEqual([]);
    expect(problems).toEqual([]);
  }, 300_000);

  it("never sends back HTML, SQL or combining input unescaped, and never fails on it", async () => {
    const problems: string[] = [];
    for (const f of forms) {
      const text = new Set(f.form.fields.filter(isTextField).map((x) => x.name));
      if (text.size === 0) continue;
      const variant: Variant = { name: "html/sql/combining", values: baseValues(f.form).map(([k, v]) => [k, text.has(k) ? HARMLESS : v]) };
      const { answer, page } = await post(sweep.sessions[f.role], f.form, variant);
      if (answer.status >= 500 || (page && page.status >= 500)) problems.push(`${label(f)}: ${answer.status} ${page?.status ?? ""}`);
      for (const b of [answer.body, page?.body ?? ""]) if (b.includes(SCRIPT)) problems.push(`${label(f)}: the script came back unescaped`);
    }
    expect(problems).toEqual([]);
  }, 300_000);
});

function diff(before: ReturnType<typeof snapshot>, after: ReturnType<typeof snapshot>): string {
  const rows = Object.keys(after.rows)
    .filter((t) => after.rows[t] !== before.rows[t])
    .map((t) => `${t} ${before.rows[t]}→${after.rows[t]}`);
  const files = after.files.length !== before.files.length ? [`files ${before.files.length}→${after.files.length}`] : [];
  return [...rows, ...files].join(", ");
}
