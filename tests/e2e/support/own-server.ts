// A private server for a test file that changes what other files check exactly (the start
// page's list of calls, the outbox): a copy of the global setup's build in a temp directory,
// its own DATA_DIR with the demo (a copy of the global setup's template, as `setup --demo`
// leaves it), its own clock file (offset 0), mail to its own outbox.
// `prepare` runs after the demo is loaded and before the server starts, with the server's
// environment (e.g. a tsx script that builds a world with the domain functions). A file that
// builds its database in-process passes that DATA_DIR instead (no demo is loaded into it, and
// it is left for the file to remove); `env` adds to the server's environment (e.g. SMTP_URL).
import { spawn, spawnSync, type ChildProcess } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { inject } from "vitest";

export type OwnServer = {
  baseURL: string;
  dataDir: string;
  /** The server's clock offset in ms (see app/infra/clock.server.ts); starts at 0. */
  clockFile: string;
  env: NodeJS.ProcessEnv;
  /** Everything the server printed so far (for failure messages). */
  output: () => string;
  stop: () => Promise<void>;
};

/** Runs a command with the server's environment; throws with its output when it fails. */
export function runWith(env: NodeJS.ProcessEnv, cmd: string, args: string[]): string {
  const result = spawnSync(cmd, args, { env, encoding: "utf8", maxBuffer: 64 * 1024 * 1024 });
  if (result.status !== 0) throw new Error(`${cmd} ${args.join(" ")} failed (${result.status}):\n${result.stdout}\n${result.stderr}`);
  return result.stdout;
}

/**
 * Fills the empty or missing directory `dataDir` with a copy of the demo that the global
 * setup loaded once (`setup --demo`): the database, its stored files and keys. No process
 * has the template open, so a file copy is a consistent copy of the database.
 */
export function copyDemoDataDir(dataDir: string): void {
  fs.cpSync(inject("demoTemplateDir"), dataDir, { recursive: true });
}

export async function startOwnServer(opts: {
  name: string;
  dataDir?: string;
  env?: Record<string, string>;
  prepare?: (env: NodeJS.ProcessEnv) => void | Promise<void>;
}): Promise<OwnServer> {
  const baseDir = fs.mkdtempSync(path.join(os.tmpdir(), `portal-e2e-${opts.name}-`));
  const dataDir = opts.dataDir ?? path.join(baseDir, "data");
  if (!opts.dataDir) fs.mkdirSync(dataDir);
  const clockFile = path.join(baseDir, "clock-offset");
  fs.writeFileSync(clockFile, "0");
  const env: NodeJS.ProcessEnv = {
    ...process.env,
    DATA_DIR: dataDir,
    NODE_ENV: "test", // a test start: the only one that accepts the test clock (decision 0039)
    PORT: "0",
    HOST: "127.0.0.1",
    PORTAL_TEST_CLOCK_FILE: clockFile,
  };
  delete env.PUBLIC_URL;
  delete env.SMTP_URL;
  Object.assign(env, opts.env);
  let server: ChildProcess | undefined;
  let output = "";
  const stop = async () => {
    if (server && server.exitCode === null && server.signalCode === null) {
      const exited = new Promise((resolve) => server!.once("exit", resolve));
      server.kill("SIGTERM");
      const timer = setTimeout(() => server?.kill("SIGKILL"), 5_000);
      await exited;
      clearTimeout(timer);
    }
    server?.stdout?.destroy();
    server?.stderr?.destroy();
    fs.rmSync(baseDir, { recursive: true, force: true });
  };
  try {
    if (!opts.dataDir) copyDemoDataDir(dataDir);
    await opts.prepare?.(env);
    // A private copy of build/: a second test run that rebuilds build/ cannot pull the
    // assets from under this server. Migrations and packages are shared.
    const root = path.join(baseDir, "root");
    fs.mkdirSync(root);
    fs.cpSync("build", path.join(root, "build"), { recursive: true });
    for (const shared of ["node_modules", "drizzle"]) fs.symlinkSync(path.resolve(shared), path.join(root, shared));
    server = spawn(process.execPath, [...(process.env.PROF_SERVER ? ["--cpu-prof", `--cpu-prof-dir=${process.env.PROF_SERVER}`] : []), path.resolve("server.mjs")], { cwd: root, env, stdio: ["ignore", "pipe", "pipe"] });
    const baseURL = await new Promise<string>((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error(`server did not start:\n${output}`)), 30_000);
      const onData = (chunk: Buffer) => {
        output += chunk.toString();
        const match = output.match(/listening on (http:\/\/\S+)/);
        if (match) {
          clearTimeout(timer);
          resolve(match[1].replace("localhost", "127.0.0.1"));
        }
      };
      server!.stdout!.on("data", onData);
      server!.stderr!.on("data", onData);
      server!.once("exit", (code) => reject(new Error(`server exited with ${code}:\n${output}`)));
    });
    // `env` may name another clock file (the global setup's shared one).
    return { baseURL, dataDir, clockFile: env.PORTAL_TEST_CLOCK_FILE ?? clockFile, env, output: () => output, stop };
  } catch (error) {
    await stop();
    throw error;
  }
}
