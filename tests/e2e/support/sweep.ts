// Shared by the access and bad-input sweeps: a private server with the world of world.ts,
// plain HTTP sessions for each role (sign in once over POST /anmelden, keep the cookie),
// the route list of the build, and row counts of the SQLite file to prove nothing changed.
import { spawnSync } from "node:child_process";
import fs from "node:fs";
import http from "node:http";
import path from "node:path";
import Database from "better-sqlite3";
import { inject } from "vitest";
import { copyDemoDataDir, runWith, startOwnServer, type OwnServer } from "./own-server";
import { signInByRequests } from "./second-factor";
import type { Account, World } from "./world";

export type Role = "anonymous" | "carrierA" | "carrierB" | "evalAssigned" | "evalUnassigned" | "evalConflict" | "officer";
export const ROLES: Role[] = ["anonymous", "carrierA", "carrierB", "evalAssigned", "evalUnassigned", "evalConflict", "officer"];

export type Answer = { status: number; location: string | null; body: string; type: string; setCookies: string[]; bytes: Buffer };

export type Session = {
  role: Role;
  cookie: string;
  request: (pathname: string, init?: { method?: string; body?: BodyInit; headers?: Record<string, string> }) => Promise<Answer>;
};

export type SweepWorld = { server: OwnServer; world: World; sessions: Record<Role, Session> };

/**
 * `extend` adds to the world before the server starts, with the server's environment; a
 * long step should not block (the test worker must keep answering vitest meanwhile).
 */
export async function startSweepWorld(
  name: string,
  opts: { extend?: (env: NodeJS.ProcessEnv, world: World) => void | Promise<void> } = {},
): Promise<SweepWorld> {
  let world: World | undefined;
  const server = await startOwnServer({
    name,
    async prepare(env) {
      const template = await worldTemplate(env);
      // The world is the demo and more: its copy replaces the demo's.
      for (const entry of fs.readdirSync(env.DATA_DIR!)) fs.rmSync(path.join(env.DATA_DIR!, entry), { recursive: true, force: true });
      fs.cpSync(template, env.DATA_DIR!, { recursive: true });
      world = JSON.parse(fs.readFileSync(path.join(template, WORLD_FILE), "utf8")) as World;
      await opts.extend?.(env, world);
    },
  });
  try {
    const accounts: Record<Exclude<Role, "anonymous">, Account> = {
      carrierA: world!.carriers.A.account,
      carrierB: world!.carriers.B.account,
      evalAssigned: world!.accounts.evalAssigned,
      evalUnassigned: world!.accounts.evalUnassigned,
      evalConflict: world!.accounts.evalConflict,
      officer: world!.accounts.officer,
    };
    const sessions = { anonymous: session(server.baseURL, "anonymous", "") } as Record<Role, Session>;
    for (const [role, account] of Object.entries(accounts) as [Exclude<Role, "anonymous">, Account][]) {
      sessions[role] = session(server.baseURL, role, await signIn(server.baseURL, account));
    }
    return { server, world: world!, sessions };
  } catch (error) {
    await server.stop();
    throw error;
  }
}

const WORLD_FILE = "world.json";

/**
 * The DATA_DIR of world.ts, built once per test run by the first sweep that asks (on a copy
 * of the demo, with `env`, the environment of that sweep's server) and copied by every sweep:
 * four files use it, and building it takes seconds of CPU each time. Its ids and dates are
 * the same in every copy, as the demo's are. The others wait for the first (its step has the
 * hook's timeout); the finished directory appears at once, by a rename.
 */
async function worldTemplate(env: NodeJS.ProcessEnv): Promise<string> {
  const dir = inject("worldTemplateDir");
  const ready = () => fs.existsSync(path.join(dir, WORLD_FILE));
  try {
    // Taken once per run and never given back: whoever takes it builds.
    fs.mkdirSync(`${dir}.taken`);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== "EEXIST") throw error;
    while (!ready()) await new Promise((resolve) => setTimeout(resolve, 200));
    return dir;
  }
  const building = `${dir}.building`;
  copyDemoDataDir(building);
  const out = runWith({ ...env, DATA_DIR: building }, "node_modules/.bin/tsx", ["tests/e2e/support/world.ts"]).trim().split("\n");
  fs.writeFileSync(path.join(building, WORLD_FILE), out[out.length - 1]);
  fs.renameSync(building, dir);
  return dir;
}

function session(baseURL: string, role: Role, cookie: string): Session {
  return {
    role,
    cookie,
    async request(pathname, init = {}) {
      const headers: Record<string, string> = { ...(init.headers ?? {}) };
      if (cookie) headers.cookie = headers.cookie ? `${cookie}; ${headers.cookie}` : cookie;
      if (init.method && init.method !== "GET") headers.origin ??= baseURL;
      try {
        return await send(new URL(pathname, baseURL), init.method ?? "GET", headers, init.body);
      } catch (error) {
        throw new Error(`${init.method ?? "GET"} ${pathname} as ${role} failed: ${error}`);
      }
    },
  };
}

// node:http without keep-alive: fetch's pooled connections race the server's keep-alive
// timeout ("other side closed") when a sweep pauses between requests.
const agent = new http.Agent({ keepAlive: false, maxSockets: 16 });

async function send(url: URL, method: string, headers: Record<string, string>, body?: BodyInit): Promise<Answer> {
  let payload: Buffer | undefined;
  if (body !== undefined && body !== null) {
    // Response serialises any body (FormData with its boundary included) to bytes.
    const encoded = new Response(body);
    payload = Buffer.from(await encoded.arrayBuffer());
    const type = encoded.headers.get("content-type");
    if (type && !Object.keys(headers).some((h) => h.toLowerCase() === "content-type")) headers["content-type"] = type;
    headers["content-length"] = String(payload.length);
  }
  return new Promise((resolve, reject) => {
    const request = http.request(url, { method, headers, agent }, (response) => {
      const chunks: Buffer[] = [];
      response.on("data", (c: Buffer) => chunks.push(c));
      response.on("error", reject);
      response.on("end", () => {
        const buffer = Buffer.concat(chunks);
        const type = String(response.headers["content-type"] ?? "");
        // Downloads are read too, but only text is kept.
        const text = /^(text|application\/json)/.test(type) ? buffer.toString("utf8") : `[${buffer.length} bytes ${type}]`;
        const setCookie = response.headers["set-cookie"] ?? [];
        resolve({ status: response.statusCode ?? 0, location: (response.headers.location as string | undefined) ?? null, body: text, type, setCookies: setCookie, bytes: buffer });
      });
    });
    request.on("error", reject);
    request.end(payload);
  });
}

/** Signs in with the form fields of /anmelden (and the second factor); returns the session cookie (name=value). */
export const signIn = signInByRequests;

export type RouteInfo = { id: string; path: string; hasAction: boolean; hasLoader: boolean; hasPage: boolean };

/** The routes of the build with their full paths ("/traeger/bewerbungen/:id"), root excluded. */
export function buildRoutes(env: NodeJS.ProcessEnv): RouteInfo[] {
  const script = `
    const b = await import(${JSON.stringify(path.resolve("build/server/index.js"))});
    const out = Object.entries(b.routes).map(([id, r]) => ({ id, path: r.path, parentId: r.parentId, index: !!r.index,
      hasAction: typeof r.module.action === "function", hasLoader: typeof r.module.loader === "function", hasPage: typeof r.module.default === "function" }));
    process.stdout.write("\\n" + JSON.stringify(out));
    process.exit(0);`;
  const result = spawnSync(process.execPath, ["--input-type=module", "-e", script], { env, encoding: "utf8" });
  if (result.status !== 0) throw new Error(`reading the routes of the build failed:\n${result.stderr}`);
  const lines = result.stdout.trim().split("\n");
  const raw = JSON.parse(lines[lines.length - 1]) as { id: string; path?: string; parentId?: string; hasAction: boolean; hasLoader: boolean; hasPage: boolean }[];
  const byId = new Map(raw.map((r) => [r.id, r]));
  const fullPath = (id: string | undefined): string => {
    const r = id ? byId.get(id) : undefined;
    if (!r) return "";
    const parent = fullPath(r.parentId);
    return [parent, r.path ?? ""].filter(Boolean).join("/");
  };
  return raw
    .filter((r) => r.id !== "root" && (r.hasLoader || r.hasAction || r.hasPage))
    .map((r) => ({ id: r.id, path: "/" + fullPath(r.id), hasAction: r.hasAction, hasLoader: r.hasLoader, hasPage: r.hasPage }));
}

/** Row counts of every table but those that a request may legitimately touch. */
export function rowCounts(dataDir: string, ignore: string[] = ["audit_entries", "sessions", "rate_limits"]): Record<string, number> {
  const file = fs.readdirSync(dataDir).find((f) => f.endsWith(".sqlite") || f.endsWith(".db"));
  if (!file) throw new Error(`no database in ${dataDir}`);
  const database = new Database(path.join(dataDir, file), { readonly: true, fileMustExist: true });
  try {
    const tables = database.prepare("SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%' AND name NOT LIKE '__drizzle%'").all() as { name: string }[];
    const counts: Record<string, number> = {};
    for (const { name } of tables) {
      if (ignore.includes(name)) continue;
      counts[name] = (database.prepare(`SELECT count(*) AS n FROM "${name}"`).get() as { n: number }).n;
    }
    return counts;
  } finally {
    database.close();
  }
}

/**
 * Row counts as rowCounts, without what GETs of the Vergabevermerk's PDF make in the background
 * (decision 0031): its jobs and their stored files. Waits until no such job runs (at most a
 * minute), so that no file is stored between the counts.
 */
export async function rowCountsWithoutDocuments(dataDir: string): Promise<Record<string, number>> {
  const database = new Database(path.join(dataDir, "portal.sqlite"), { readonly: true, fileMustExist: true });
  try {
    const running = () => (database.prepare("SELECT count(*) AS n FROM document_jobs WHERE status = 'running'").get() as { n: number }).n;
    for (let i = 0; i < 300 && running() > 0; i++) await new Promise((resolve) => setTimeout(resolve, 200));
    if (running() > 0) throw new Error("a document job still runs after a minute");
    const counts = rowCounts(dataDir, ["audit_entries", "sessions", "rate_limits", "document_jobs"]);
    counts.stored_files -= (database.prepare("SELECT count(*) AS n FROM document_jobs WHERE stored_file_id IS NOT NULL").get() as { n: number }).n;
    return counts;
  } finally {
    database.close();
  }
}

/** "table.column" of every text value in the database that contains one of `chars`. */
export function textsWith(dataDir: string, chars: string[]): string[] {
  const database = new Database(path.join(dataDir, "portal.sqlite"), { readonly: true, fileMustExist: true });
  try {
    const found: string[] = [];
    const tables = database.prepare("SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%'").all() as { name: string }[];
    for (const { name } of tables) {
      const columns = database.prepare(`SELECT name, type FROM pragma_table_info(?)`).all(name) as { name: string; type: string }[];
      for (const c of columns) {
        if (!/text|char|json|^$/i.test(c.type)) continue;
        const hits = chars.filter((ch) => (database.prepare(`SELECT count(*) AS n FROM "${name}" WHERE instr("${c.name}", ?) > 0`).get(ch) as { n: number }).n > 0);
        if (hits.length) found.push(`${name}.${c.name} (${hits.map((h) => `U+${h.codePointAt(0)!.toString(16).padStart(4, "0")}`).join(" ")})`);
      }
    }
    return found;
  } finally {
    database.close();
  }
}

/** The files under DATA_DIR/files (stored uploads), as relative paths. */
export function storedFileNames(dataDir: string): string[] {
  const root = path.join(dataDir, "files");
  if (!fs.existsSync(root)) return [];
  return (fs.readdirSync(root, { recursive: true }) as string[]).filter((f) => fs.statSync(path.join(root, f)).isFile()).sort();
}

/** Runs `fn` over `items` with at most `limit` at a time. */
export async function pool<T, R>(items: T[], limit: number, fn: (item: T) => Promise<R>): Promise<R[]> {
  const results: R[] = new Array(items.length);
  let next = 0;
  await Promise.all(
    Array.from({ length: Math.min(limit, items.length) }, async () => {
      while (next < items.length) {
        const i = next++;
        results[i] = await fn(items[i]);
      }
    }),
  );
  return results;
}
