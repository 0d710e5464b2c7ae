// A throwaway PostgreSQL cluster for tests (issue 17): initdb in a temporary directory from the
// machine's PostgreSQL binaries, on a free loopback port, with fsync off (nothing in it needs
// to survive a crash), removed by stop() or when the process exits. Where the machine has no
// PostgreSQL, Debian's `postgresql` package is installed with apt-get, and said so, as
// tests/e2e/support/chromium.ts does for Chromium.
//
// Three roles, as in production (docs/decisions/0042-postgres-guards.md):
//   portal_test   the bootstrap superuser: creates databases (url);
//   portal_owner  owns each database and its tables and runs the migrations (ownerUrl);
//   portal_web    LOGIN IN ROLE portal_app, the application (appUrl). portal_app's grants
//                 come from drizzle-pg/0001_guards.sql.
// The roles are made once per cluster; a test file takes a database of its own with
// createDatabase(), so files run in parallel on one cluster.
import { execFileSync, spawnSync, type SpawnSyncOptions } from "node:child_process";
import fs from "node:fs";
import net from "node:net";
import os from "node:os";
import path from "node:path";
import pg from "pg";

export const SUPERUSER = "portal_test";
export const OWNER_ROLE = "portal_owner";
export const APP_ROLE = "portal_app";
export const WEB_ROLE = "portal_web";

export type PostgresDatabase = {
  name: string;
  /** As the superuser (creates databases, inspects). */
  url: string;
  /** As the owner, who migrates. */
  ownerUrl: string;
  /** As portal_web, a member of portal_app: what the application connects as. */
  appUrl: string;
};

export type PostgresCluster = PostgresDatabase & {
  /** Milliseconds from the call to a cluster accepting connections with its roles made. */
  startedInMs: number;
  /** A fresh, empty database owned by the owner role; its name is `name` plus a suffix. */
  createDatabase(name: string): Promise<PostgresDatabase>;
  /** Stops the cluster (immediate) and removes its directory. Safe to call twice. */
  stop(): void;
};

const say = (message: string) => process.stderr.write(`[postgres] ${message}\n`);

function highestVersionBinDir(): string | undefined {
  const root = "/usr/lib/postgresql";
  const versions = fs.existsSync(root)
    ? fs
        .readdirSync(root)
        .filter((v) => /^\d+(\.\d+)?$/.test(v) && fs.existsSync(path.join(root, v, "bin", "initdb")))
        .sort((a, b) => Number(b) - Number(a))
    : [];
  if (versions.length > 0) return path.join(root, versions[0], "bin");
  const fromConfig = spawnSync("pg_config", ["--bindir"], { encoding: "utf8" });
  const dir = fromConfig.status === 0 ? fromConfig.stdout.trim() : "";
  return dir && fs.existsSync(path.join(dir, "initdb")) ? dir : undefined;
}

/** The directory of initdb and pg_ctl; installs Debian's postgresql package where there is none. */
export function ensurePostgresBinaries(): string {
  const configured = process.env.POSTGRES_BINDIR;
  if (configured && fs.existsSync(path.join(configured, "initdb"))) return configured;
  const existing = highestVersionBinDir();
  if (existing) return existing;
  say("No PostgreSQL found: installing Debian's postgresql package with apt-get (this happens once per machine).");
  const asRoot = process.getuid?.() === 0 ? [] : ["sudo"];
  const run = (args: string[]) => {
    const [cmd, ...rest] = [...asRoot, ...args];
    return spawnSync(cmd, rest, { stdio: ["ignore", "inherit", "inherit"], env: { ...process.env, DEBIAN_FRONTEND: "noninteractive" } }).status;
  };
  if (run(["apt-get", "update", "-qq"]) !== 0) throw new Error("[postgres] apt-get update failed");
  if (run(["apt-get", "install", "-y", "-qq", "postgresql"]) !== 0) throw new Error("[postgres] apt-get install postgresql failed");
  const installed = highestVersionBinDir();
  if (!installed) throw new Error("[postgres] postgresql was installed but no initdb was found under /usr/lib/postgresql or pg_config --bindir");
  say(`Installed ${execFileSync(path.join(installed, "postgres"), ["--version"]).toString().trim()}; the tests use ${installed}`);
  return installed;
}

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = net.createServer();
    server.unref();
    server.once("error", reject);
    server.listen(0, "127.0.0.1", () => {
      const { port } = server.address() as net.AddressInfo;
      server.close(() => resolve(port));
    });
  });
}

/** initdb refuses to run as root: as root, the cluster's commands run as the postgres user. */
function clusterUser(): { uid: number; gid: number; name: string } | undefined {
  if (process.getuid?.() !== 0) return undefined;
  const out = spawnSync("id", ["-u", "postgres"], { encoding: "utf8" });
  if (out.status !== 0) throw new Error("[postgres] running as root, but there is no postgres user to run initdb as");
  const gid = spawnSync("id", ["-g", "postgres"], { encoding: "utf8" });
  return { uid: Number(out.stdout.trim()), gid: Number(gid.stdout.trim()), name: "postgres" };
}

function runAs(user: ReturnType<typeof clusterUser>, cmd: string, args: string[], options: SpawnSyncOptions = {}) {
  const [file, argv] = user ? ["runuser", ["-u", user.name, "--", cmd, ...args]] : [cmd, args];
  const result = spawnSync(file, argv, { encoding: "utf8", stdio: ["ignore", "pipe", "pipe"], ...options });
  if (result.status !== 0) {
    throw new Error(`[postgres] ${cmd} ${args.join(" ")} failed (${result.status ?? result.signal}):\n${result.stdout ?? ""}\n${result.stderr ?? ""}`);
  }
  return result;
}

const urlOf = (user: string, port: number, database: string) => `postgres://${user}@127.0.0.1:${port}/${database}`;

/** Creates a fresh database owned by the owner role on the cluster at `superuserUrl` (from inject()). */
export async function createDatabase(superuserUrl: string, name: string, opts: { template?: string } = {}): Promise<PostgresDatabase> {
  const base = name.toLowerCase().replace(/[^a-z0-9_]+/g, "_").slice(0, 40);
  const database = `${base}_${Math.random().toString(36).slice(2, 8)}`;
  const client = new pg.Client({ connectionString: superuserUrl });
  await client.connect();
  try {
    // FILE_COPY: with fsync off, copying the template's files is quicker than WAL-logging them.
    // A template (a migrated database, a built scenario) must have no connections meanwhile.
    await client.query(`CREATE DATABASE "${database}" OWNER ${OWNER_ROLE} TEMPLATE "${opts.template ?? "template1"}" STRATEGY FILE_COPY`);
  } finally {
    await client.end();
  }
  const { port } = new URL(superuserUrl);
  return { name: database, url: urlOf(SUPERUSER, Number(port), database), ownerUrl: urlOf(OWNER_ROLE, Number(port), database), appUrl: urlOf(WEB_ROLE, Number(port), database) };
}

/** Starts a throwaway cluster; its first database is `portal`. */
export async function startPostgres(): Promise<PostgresCluster> {
  const started = performance.now();
  const bin = ensurePostgresBinaries();
  const user = clusterUser();
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "portal-pg-"));
  if (user) fs.chownSync(dir, user.uid, user.gid);
  const data = path.join(dir, "data");

  let stopped = false;
  const stop = () => {
    if (stopped) return;
    stopped = true;
    process.removeListener("exit", stop);
    process.removeListener("SIGINT", onSignal);
    process.removeListener("SIGTERM", onSignal);
    if (fs.existsSync(path.join(data, "postmaster.pid"))) {
      const [file, argv] = user
        ? ["runuser", ["-u", user.name, "--", path.join(bin, "pg_ctl"), "stop", "-D", data, "-m", "immediate", "-w"]]
        : [path.join(bin, "pg_ctl"), ["stop", "-D", data, "-m", "immediate", "-w"]];
      spawnSync(file, argv, { stdio: "ignore", cwd: dir });
    }
    fs.rmSync(dir, { recursive: true, force: true });
  };
  process.on("exit", stop);
  // Ctrl-C or a CI runner's SIGTERM would otherwise leave the postmaster running and its
  // directory behind: stop it, then let the signal do what it would have done.
  const onSignal = (signal: NodeJS.Signals) => {
    stop();
    process.kill(process.pid, signal);
  };
  process.once("SIGINT", onSignal);
  process.once("SIGTERM", onSignal);

  try {
    runAs(user, path.join(bin, "initdb"), ["-D", data, "-U", SUPERUSER, "-A", "trust", "-E", "UTF8", "--locale=C", "--no-sync", "--no-instructions"], { cwd: dir });
    // Trust, on the loopback address only (and the socket, in this 0700 directory).
    fs.writeFileSync(path.join(data, "pg_hba.conf"), "local all all trust\nhost all all 127.0.0.1/32 trust\n");
    let lastError: unknown;
    for (let attempt = 0; attempt < 3; attempt++) {
      const port = await freePort();
      fs.writeFileSync(
        path.join(data, "postgresql.auto.conf"),
        [
          `port = ${port}`,
          "listen_addresses = '127.0.0.1'",
          `unix_socket_directories = '${dir}'`,
          // Throwaway: nothing needs to survive a crash.
          "fsync = off",
          "synchronous_commit = off",
          "full_page_writes = off",
          "max_connections = 200",
          "shared_buffers = 32MB",
          "",
        ].join("\n"),
      );
      if (user) fs.chownSync(path.join(data, "postgresql.auto.conf"), user.uid, user.gid);
      try {
        runAs(user, path.join(bin, "pg_ctl"), ["start", "-D", data, "-w", "-t", "60", "-l", path.join(dir, "server.log")], { cwd: dir });
      } catch (error) {
        lastError = new Error(`${(error as Error).message}\n${fs.existsSync(path.join(dir, "server.log")) ? fs.readFileSync(path.join(dir, "server.log"), "utf8") : ""}`);
        continue; // most likely the port was taken in between
      }
      const url = urlOf(SUPERUSER, port, "postgres");
      const client = new pg.Client({ connectionString: url });
      await client.connect();
      try {
        // Roles are the cluster's: made here once, not by each file's migration (they would race).
        await client.query(`CREATE ROLE ${OWNER_ROLE} LOGIN CREATEROLE`);
        await client.query(`CREATE ROLE ${APP_ROLE} NOLOGIN`);
        await client.query(`CREATE ROLE ${WEB_ROLE} LOGIN IN ROLE ${APP_ROLE}`);
        await client.query(`CREATE DATABASE portal OWNER ${OWNER_ROLE}`);
      } finally {
        await client.end();
      }
      const first = urlOf(SUPERUSER, port, "portal");
      return {
        name: "portal",
        url: first,
        ownerUrl: urlOf(OWNER_ROLE, port, "portal"),
        appUrl: urlOf(WEB_ROLE, port, "portal"),
        startedInMs: Math.round(performance.now() - started),
        createDatabase: (name) => createDatabase(first, name),
        stop,
      };
    }
    throw lastError;
  } catch (error) {
    stop();
    throw error;
  }
}
