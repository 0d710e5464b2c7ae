// The built portal as a separate process, and a carrier's last steps over plain HTTP
// (fetch with the session cookie, the same form posts a browser without JavaScript sends).
// Shared by `npm run bench` (scripts/bench.ts), tests/e2e/crash-safety.test.ts (SQLite) and
// tests/e2e/two-instances.test.ts (two servers on one PostgreSQL database).
import { spawn, spawnSync, type ChildProcess } from "node:child_process";
import { createHash, randomBytes } from "node:crypto";
import fs from "node:fs";
import http from "node:http";
import path from "node:path";
import { PDFDocument, PDFName, StandardFonts } from "pdf-lib";
import type { PreparedCarrier } from "./load-carriers";
import { sha256 } from "./sample-files";

export type { PreparedCarrier } from "./load-carriers";

const ROOT = path.resolve(".");

export { sha256 as sha256Hex } from "./sample-files";

/**
 * The environment of a portal process on `dataDir`: production, any free port, mail to the
 * outbox. With `clockFile`, a test start whose clock follows that file instead
 * (app/infra/clock.server.ts); processes given the same file share one clock.
 */
export function portalEnv(dataDir: string, extra: Record<string, string> = {}, clockFile?: string): NodeJS.ProcessEnv {
  const env: NodeJS.ProcessEnv = { ...process.env, DATA_DIR: dataDir, PORT: "0", HOST: "127.0.0.1", ...extra, NODE_ENV: "production" };
  delete env.PUBLIC_URL;
  delete env.SMTP_URL;
  delete env.PORTAL_TEST_CLOCK_FILE;
  if (clockFile) Object.assign(env, { NODE_ENV: "test", PORTAL_TEST_CLOCK_FILE: clockFile });
  return env;
}

function runOrThrow(cmd: string, args: string[], env: NodeJS.ProcessEnv) {
  const result = spawnSync(cmd, args, { env, encoding: "utf8", cwd: ROOT, maxBuffer: 64 * 1024 * 1024 });
  if (result.status !== 0) throw new Error(`${cmd} ${args.join(" ")} failed (${result.status}):\n${result.stdout}\n${result.stderr}`);
  return result.stdout;
}

/** `npm run portal -- <args>` on `dataDir` (`extra`: e.g. DATABASE_URL); its output. */
export function portalCli(dataDir: string, args: string[], extra: Record<string, string> = {}): string {
  return runOrThrow(path.join(ROOT, "node_modules/.bin/tsx"), ["scripts/portal.ts", ...args], portalEnv(dataDir, extra));
}

/** `npm run portal -- setup --demo` on `dataDir` (`extra`: e.g. DATABASE_URL for PostgreSQL). */
export function setupDemo(dataDir: string, extra: Record<string, string> = {}) {
  portalCli(dataDir, ["setup", "--demo"], extra);
}

/**
 * `count` carriers one step before submitting (tests/support/load-carriers.ts), in their own
 * process; `env` adds to its environment (DATABASE_URL), `clockFile` sets its clock (sessions
 * start by it).
 */
export function prepareCarriers(dataDir: string, count: number, opts: { env?: Record<string, string>; clockFile?: string } = {}): PreparedCarrier[] {
  const out = path.join(dataDir, `carriers-${randomBytes(4).toString("hex")}.json`);
  runOrThrow(path.join(ROOT, "node_modules/.bin/tsx"), ["tests/support/load-carriers.ts", String(count), out], portalEnv(dataDir, opts.env, opts.clockFile));
  const carriers = JSON.parse(fs.readFileSync(out, "utf8")) as PreparedCarrier[];
  fs.rmSync(out);
  return carriers;
}

/**
 * A directory to run server.mjs in, with a private copy of build/: a rebuild of the checkout
 * while the process runs cannot pull files from under it. Migrations and packages are shared.
 */
export function privateRoot(baseDir: string): string {
  const root = path.join(baseDir, "root");
  fs.mkdirSync(root, { recursive: true });
  fs.cpSync(path.join(ROOT, "build"), path.join(root, "build"), { recursive: true });
  for (const shared of ["node_modules", "drizzle", "drizzle-pg"]) fs.symlinkSync(path.join(ROOT, shared), path.join(root, shared));
  return root;
}

export type PortalProcess = {
  url: string;
  child: ChildProcess;
  pid: number;
  /** Everything the process printed so far. */
  output: () => string;
  /** Resolves with the exit code and signal once the process is gone. */
  exited: Promise<{ code: number | null; signal: NodeJS.Signals | null }>;
  /** SIGTERM, then SIGKILL after `graceMs`; resolves when the process is gone. */
  stop: (graceMs?: number) => Promise<void>;
};

/**
 * Node's options of the production server, as `npm run serve` gives them (package.json;
 * docs/operations.md): tests and the bench run the server as it is operated.
 */
// None: --max-semi-space-size=2 cost the deadline rush a sixth more CPU (decision 0030).
export const SERVER_NODE_OPTIONS: string[] = [];

/**
 * Starts `node server.mjs` in `root` on `dataDir` and waits for "listening on …". `clockFile`
 * makes it a test start whose clock follows that file (app/infra/clock.server.ts); several
 * processes given the same file share one clock.
 */
export async function startPortal(opts: { root: string; dataDir: string; env?: Record<string, string>; clockFile?: string }): Promise<PortalProcess> {
  const env = portalEnv(opts.dataDir, opts.env, opts.clockFile);
  const child = spawn(process.execPath, [...SERVER_NODE_OPTIONS, path.join(ROOT, "server.mjs")], {
    cwd: opts.root,
    env,
    stdio: ["ignore", "pipe", "pipe"],
  });
  let output = "";
  const onData = (chunk: Buffer) => (output += chunk.toString());
  child.stdout!.on("data", onData);
  child.stderr!.on("data", onData);
  const exited = new Promise<{ code: number | null; signal: NodeJS.Signals | null }>((resolve) =>
    child.once("exit", (code, signal) => resolve({ code, signal })),
  );
  const url = await new Promise<string>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`server did not start:\n${output}`)), 30_000);
    // Searched until found, then no more: the output grows by a log line per request, and a
    // search of all of it on every chunk made the bench's own process (which also runs the
    // load generator) the bottleneck of P1.
    const check = () => {
      const match = output.match(/listening on (http:\/\/\S+)/);
      if (match) {
        clearTimeout(timer);
        child.stdout!.off("data", check);
        child.stderr!.off("data", check);
        resolve(match[1].replace("localhost", "127.0.0.1"));
      }
    };
    child.stdout!.on("data", check);
    child.stderr!.on("data", check);
    void exited.then(({ code, signal }) => {
      clearTimeout(timer);
      reject(new Error(`server exited (${code ?? signal}) before listening:\n${output}`));
    });
  });
  return {
    url,
    child,
    pid: child.pid!,
    output: () => output,
    exited,
    async stop(graceMs = 5_000) {
      if (child.exitCode !== null || child.signalCode !== null) return;
      child.kill("SIGTERM");
      const timer = setTimeout(() => child.kill("SIGKILL"), graceMs);
      await exited;
      clearTimeout(timer);
    },
  };
}

/** Peak and current resident memory of a process in KiB (Linux /proc). */
export function memoryKb(pid: number): { peakKb: number; currentKb: number } {
  const status = fs.readFileSync(`/proc/${pid}/status`, "utf8");
  const field = (name: string) => Number(status.match(new RegExp(`^${name}:\\s+(\\d+) kB`, "m"))?.[1] ?? NaN);
  return { peakKb: field("VmHWM"), currentKb: field("VmRSS") };
}

// ---------------------------------------------------------------------------------------
// Files

/**
 * A valid PDF of about `sizeBytes`: one page and an unreferenced stream of random bytes (so
 * compression cannot shrink the upload). `unique()` appends a comment line after %%EOF,
 * which readers ignore, giving every carrier different bytes without a new PDF each time.
 */
export async function largePdf(sizeBytes: number): Promise<{ unique: (tag: string) => Uint8Array }> {
  const doc = await PDFDocument.create();
  const page = doc.addPage([595, 842]);
  const font = await doc.embedFont(StandardFonts.Helvetica);
  page.drawText("Unterschriebene Erklaerungen (Lasttest)", { x: 50, y: 780, size: 14, font });
  const filler = doc.context.stream(randomBytes(Math.max(0, sizeBytes - 2_000)), { Type: PDFName.of("XObject") });
  doc.context.register(filler);
  const base = await doc.save({ useObjectStreams: false });
  return {
    unique(tag: string) {
      const suffix = Buffer.from(`\n% ${tag}\n`, "latin1");
      const bytes = new Uint8Array(base.length + suffix.length);
      bytes.set(base, 0);
      bytes.set(suffix, base.length);
      return bytes;
    },
  };
}

// ---------------------------------------------------------------------------------------
// A carrier's requests

function headers(baseURL: string, carrier: Pick<PreparedCarrier, "cookie">, extra: Record<string, string> = {}) {
  // Origin as a browser sends it on a form post: the portal checks it on every POST.
  return { Cookie: carrier.cookie, Origin: new URL(baseURL).origin, ...extra };
}

export type UploadOutcome = { status: number; location: string | null; stored: boolean };

/** Posts the declarations (Erklärungen) through the documents form (multipart, as the plain form does). */
export async function uploadDeclarations(baseURL: string, carrier: PreparedCarrier, file: { name: string; bytes: Uint8Array }): Promise<UploadOutcome> {
  const form = new FormData();
  form.append("declarations", new Blob([new Uint8Array(file.bytes)], { type: "application/pdf" }), file.name);
  const response = await fetch(`${baseURL}/traeger/bewerbungen/${carrier.applicationId}/unterlagen`, {
    method: "POST",
    body: form,
    headers: headers(baseURL, carrier),
    redirect: "manual",
  });
  await response.arrayBuffer();
  const location = response.headers.get("location");
  return { status: response.status, location, stored: response.status === 303 && Boolean(location?.includes("hochgeladen=1")) };
}

export type SubmitOutcome = { status: number; location: string | null; submissionId: string | null };

/** Presses „Verbindlich einreichen“: a receipt is the redirect to /traeger/eingaenge/<id>. */
export async function submit(baseURL: string, carrier: PreparedCarrier): Promise<SubmitOutcome> {
  const response = await fetch(`${baseURL}/traeger/bewerbungen/${carrier.applicationId}/einreichen`, {
    method: "POST",
    body: new URLSearchParams({ intent: "submit" }),
    headers: headers(baseURL, carrier),
    redirect: "manual",
  });
  await response.arrayBuffer();
  const location = response.headers.get("location");
  const submissionId = location?.match(/^\/traeger\/eingaenge\/([^/?#]+)/)?.[1] ?? null;
  return { status: response.status, location, submissionId };
}

async function page(baseURL: string, carrier: PreparedCarrier, pathname: string): Promise<{ status: number; html: string }> {
  const response = await fetch(`${baseURL}${pathname}`, { headers: headers(baseURL, carrier), redirect: "manual" });
  return { status: response.status, html: await response.text() };
}

const RECEIPT_NUMBER = /EB-\d{4}-[A-Z2-9]{5}-[A-Z2-9]{5}/;

export type ShownReceipt = { status: number; receiptNumber: string | null; fileHashes: string[] };

/** The receipt page (Eingangsbestätigung): its number and the SHA-256 of every file it lists. */
export async function readReceipt(baseURL: string, carrier: PreparedCarrier, submissionId: string): Promise<ShownReceipt> {
  const { status, html } = await page(baseURL, carrier, `/traeger/eingaenge/${submissionId}`);
  if (status !== 200) return { status, receiptNumber: null, fileHashes: [] };
  // Only the files table: the content hash and the audit head below it are hashes too.
  const filesTable = html.split("<table").find((t) => t.includes('class="hash"'))?.split("</table>")[0] ?? "";
  const fileHashes = [...filesTable.matchAll(/<code class="hash"[^>]*>([\s\S]*?)<\/code>/g)]
    .map((m) => m[1].replace(/<[^>]+>/g, ""))
    .filter((h) => /^[0-9a-f]{64}$/.test(h));
  return { status, receiptNumber: html.match(RECEIPT_NUMBER)?.[0] ?? null, fileHashes };
}

export type ShownStatus = { status: number; submitted: boolean; receiptNumber: string | null; receiptIds: string[] };

/**
 * What the carrier is shown: the application overview's status banner (submitted, with the
 * receipt number, or not) and the receipts listed on the dashboard.
 */
export async function shownStatus(baseURL: string, carrier: PreparedCarrier): Promise<ShownStatus> {
  const { status, html } = await page(baseURL, carrier, `/traeger/bewerbungen/${carrier.applicationId}`);
  // "Eingereicht: Fassung 1 ist am … eingegangen (Eingangsnummer EB-…)" — the status banner.
  const banner = html.match(/Eingereicht: Fassung \d+[^<]*/)?.[0] ?? null;
  const dashboard = await page(baseURL, carrier, "/traeger");
  const receiptIds = [...new Set([...dashboard.html.matchAll(/href="\/traeger\/eingaenge\/([^"?#/]+)"/g)].map((m) => m[1]))];
  return { status, submitted: banner !== null, receiptNumber: banner?.match(RECEIPT_NUMBER)?.[0] ?? null, receiptIds };
}

/** The /dateien/<id> links of the application's documents page (the current working copy). */
export async function documentFileIds(baseURL: string, carrier: PreparedCarrier): Promise<string[]> {
  const { html } = await page(baseURL, carrier, `/traeger/bewerbungen/${carrier.applicationId}/unterlagen`);
  return [...new Set([...html.matchAll(/href="\/dateien\/([^"?#/]+)"/g)].map((m) => m[1]))];
}

/**
 * The SHA-256 of a stored file as the portal hands it out (the carrier's own download).
 * The one place that reads stored bytes back: files are checked through the server, never
 * on disk, so that storage details (encryption at rest) stay the server's business.
 */
export async function storedFileSha256(baseURL: string, carrier: PreparedCarrier, fileId: string): Promise<{ status: number; sha256: string | null }> {
  const response = await fetch(`${baseURL}/dateien/${fileId}`, { headers: headers(baseURL, carrier), redirect: "manual" });
  if (response.status !== 200) {
    await response.arrayBuffer();
    return { status: response.status, sha256: null };
  }
  const hash = createHash("sha256");
  for await (const chunk of response.body as unknown as AsyncIterable<Uint8Array>) hash.update(chunk);
  return { status: 200, sha256: hash.digest("hex") };
}

// ---------------------------------------------------------------------------------------
// The deadline rush: every carrier uploads its declarations and submits, all at once

export type RushOutcome = {
  carrier: PreparedCarrier;
  /** SHA-256 of the declarations this client sent. */
  uploadedSha256: string;
  upload: UploadOutcome | null;
  submit: SubmitOutcome | null;
  /** The receipt number from the receipt page the client loaded after the redirect. */
  receiptNumber: string | null;
  /** Milliseconds from the start of the upload to the receipt (redirect) or the failure. */
  ms: number;
  error: string | null;
};

/** A receipt was issued to the client: the submit answered with the redirect to its receipt. */
export const hasReceipt = (o: RushOutcome) => o.submit?.submissionId != null;

export async function deadlineRush(
  baseURL: string,
  carriers: PreparedCarrier[],
  fileFor: (carrier: PreparedCarrier) => { name: string; bytes: Uint8Array },
  opts: { onReceipt?: (outcome: RushOutcome) => void; loadReceiptPage?: boolean } = {},
): Promise<RushOutcome[]> {
  return Promise.all(
    carriers.map(async (carrier) => {
      const file = fileFor(carrier);
      const outcome: RushOutcome = { carrier, uploadedSha256: sha256(file.bytes), upload: null, submit: null, receiptNumber: null, ms: 0, error: null };
      const start = performance.now();
      try {
        outcome.upload = await uploadDeclarations(baseURL, carrier, file);
        if (!outcome.upload.stored) throw new Error(`upload answered ${outcome.upload.status} ${outcome.upload.location}`);
        outcome.submit = await submit(baseURL, carrier);
        outcome.ms = performance.now() - start;
        if (!outcome.submit.submissionId) throw new Error(`submit answered ${outcome.submit.status} ${outcome.submit.location}`);
        opts.onReceipt?.(outcome);
        if (opts.loadReceiptPage) outcome.receiptNumber = (await readReceipt(baseURL, carrier, outcome.submit.submissionId)).receiptNumber;
      } catch (error) {
        outcome.ms ||= performance.now() - start;
        outcome.error = (error as Error).message + ((error as { cause?: Error }).cause ? `: ${(error as { cause: Error }).cause.message}` : "");
      }
      return outcome;
    }),
  );
}

// ---------------------------------------------------------------------------------------
// Requests whose body the caller sends in pieces (for the graceful-shutdown test)

export type HeldRequest = {
  /** Sends the rest of the body; the server can answer only after this. */
  finish: () => void;
  response: Promise<{ status: number; location: string | null }>;
};

function heldPost(baseURL: string, carrier: PreparedCarrier, pathname: string, contentType: string, head: Uint8Array, rest: Uint8Array): HeldRequest {
  const url = new URL(pathname, baseURL);
  const request = http.request(url, {
    method: "POST",
    headers: { ...headers(baseURL, carrier), "Content-Type": contentType, "Content-Length": String(head.length + rest.length) },
  });
  const response = new Promise<{ status: number; location: string | null }>((resolve, reject) => {
    request.on("response", (res) => {
      res.resume();
      res.on("end", () => resolve({ status: res.statusCode ?? 0, location: (res.headers.location as string | undefined) ?? null }));
    });
    request.on("error", reject);
  });
  request.write(head);
  return { finish: () => request.end(rest), response };
}

/** An upload of the declarations whose first `heldBytes` go out now and the rest on finish(). */
export function heldUpload(baseURL: string, carrier: PreparedCarrier, file: { name: string; bytes: Uint8Array }, heldBytes: number): HeldRequest {
  const boundary = `----portal-${randomBytes(8).toString("hex")}`;
  const body = Buffer.concat([
    Buffer.from(`--${boundary}\r\nContent-Disposition: form-data; name="declarations"; filename="${file.name}"\r\nContent-Type: application/pdf\r\n\r\n`),
    file.bytes,
    Buffer.from(`\r\n--${boundary}--\r\n`),
  ]);
  const cut = Math.min(heldBytes, body.length - 1);
  return heldPost(baseURL, carrier, `/traeger/bewerbungen/${carrier.applicationId}/unterlagen`, `multipart/form-data; boundary=${boundary}`, body.subarray(0, cut), body.subarray(cut));
}

/** A submit whose form body is cut in two: the server waits for the rest. */
export function heldSubmit(baseURL: string, carrier: PreparedCarrier): HeldRequest {
  const body = Buffer.from("intent=submit");
  return heldPost(baseURL, carrier, `/traeger/bewerbungen/${carrier.applicationId}/einreichen`, "application/x-www-form-urlencoded", body.subarray(0, 7), body.subarray(7));
}
