// Builds the app, loads the demo once into a template DATA_DIR (which own servers copy, see
// own-server.ts), gives a copy of it to the shared server, starts a real SMTP server on the
// loopback interface, then the real production server (server.mjs) on a free port with
// SMTP_URL pointing at it, and hands the URL, the browser path and the mail directory to
// the tests. Test files run in worker processes: every message the SMTP server accepts is
// written to <mailDir>/<n>.eml (atomically, numbered in arrival order), where
// tests/e2e/support/mail.ts reads it.
import { spawn, type ChildProcess } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import type { TestProject } from "vitest/node";
import { startSmtpServer, type TestSmtpServer } from "../../support/smtp";
import { ensureChromium } from "./chromium";

declare module "vitest" {
  export interface ProvidedContext {
    baseURL: string;
    chromiumPath: string;
    dataDir: string;
    /** Where the SMTP server writes every message it receives, as <n>.eml. */
    mailDir: string;
    /** Holds the server clock's offset in milliseconds; move it with advanceClock(). */
    clockFile: string;
    /**
     * A DATA_DIR as `setup --demo` leaves it (no server ever ran on it). Never write to it:
     * copy it (copyDemoDataDir in own-server.ts).
     */
    demoTemplateDir: string;
    /** Held by the file that uses the shared server, mail directory and clock (shared-server.ts). */
    sharedServerLock: string;
    /**
     * Where the first sweep that needs it builds the world of world.ts (a DATA_DIR), once per
     * test run, for every sweep to copy (sweep.ts); absent until then.
     */
    worldTemplateDir: string;
    /** Where tests keep each staff account's TOTP key and last used step, per server (second-factor.ts). */
    factorDir: string;
  }
}

let server: ChildProcess | undefined;
let smtp: TestSmtpServer | undefined;
let dataDir: string | undefined;
let mailDir: string | undefined;
let templateDir: string | undefined;
let lockDir: string | undefined;

/** Runs a command to its end; rejects with its output when it fails. */
function run(cmd: string, args: string[], env: NodeJS.ProcessEnv): Promise<string> {
  return new Promise((resolve, reject) => {
    const child = spawn(cmd, args, { env, stdio: ["ignore", "pipe", "pipe"] });
    let stdout = "";
    let stderr = "";
    child.stdout!.on("data", (chunk: Buffer) => (stdout += chunk.toString()));
    child.stderr!.on("data", (chunk: Buffer) => (stderr += chunk.toString()));
    child.once("error", reject);
    child.once("close", (status) => {
      if (status === 0) resolve(stdout);
      else reject(new Error(`${cmd} ${args.join(" ")} failed (${status}):\n${stdout}\n${stderr}`));
    });
  });
}

export default async function setup(project: TestProject) {
  try {
    await start(project);
  } catch (error) {
    await teardown(); // no SMTP server or app server is left behind when the start fails
    throw error;
  }
  return teardown;
}

async function start(project: TestProject) {
  const chromiumPath = ensureChromium();
  dataDir = fs.mkdtempSync(path.join(os.tmpdir(), "portal-e2e-"));
  // The server's clock can be moved forward by tests (see app/infra/clock.server.ts).
  const clockFile = path.join(dataDir, "clock-offset");
  fs.writeFileSync(clockFile, "0");
  // A test start (NODE_ENV=test): the only one in which the server and the CLI accept the
  // test clock (decision 0039). The build is the production build all the same.
  const env: NodeJS.ProcessEnv = {
    ...process.env,
    DATA_DIR: dataDir,
    NODE_ENV: "test",
    PORT: "0",
    HOST: "127.0.0.1",
    PORTAL_TEST_CLOCK_FILE: clockFile,
  };
  delete env.PUBLIC_URL;
  delete env.SMTP_URL;
  // The demo runs the historic call's whole procedure (argon2 hashes, PDFs): once per test
  // run, into a template that the shared server and every own server get a copy of. It
  // needs the sources, not the build: both run at once, one on each core.
  templateDir = fs.mkdtempSync(path.join(os.tmpdir(), "portal-e2e-template-"));
  const template = templateDir;
  const shared = dataDir;
  // Settled both before a failure is thrown: teardown removes the directories they write.
  const prepared = await Promise.allSettled([
    run("node_modules/.bin/remix", ["vite:build"], { ...env, NODE_ENV: "production", PORTAL_TEST_CLOCK_FILE: undefined }),
    (async () => {
      await run("node_modules/.bin/tsx", ["scripts/portal.ts", "setup", "--demo"], { ...env, DATA_DIR: template });
      fs.cpSync(template, shared, { recursive: true });
      // A draft call that must stay invisible to the public.
      const draft = JSON.parse(fs.readFileSync("app/calls/dresden-2017.json", "utf8"));
      const draftFile = path.join(shared, "draft.json");
      fs.writeFileSync(draftFile, JSON.stringify({ ...draft, slug: "entwurf-2018", title: "Entwurf: Aufruf 2018" }));
      await run("node_modules/.bin/tsx", ["scripts/portal.ts", "call:import", draftFile], env);
    })(),
  ]);
  for (const result of prepared) if (result.status === "rejected") throw result.reason;

  mailDir = fs.mkdtempSync(path.join(os.tmpdir(), "portal-e2e-mail-"));
  let received = 0;
  const dir = mailDir;
  smtp = await startSmtpServer({
    onMessage(_mail, raw) {
      const name = `${String(++received).padStart(5, "0")}.eml`;
      const temp = path.join(dir, `.${name}.tmp`);
      fs.writeFileSync(temp, raw);
      fs.renameSync(temp, path.join(dir, name));
    },
  });

  server = spawn(process.execPath, ["server.mjs"], { env: { ...env, SMTP_URL: smtp.url }, stdio: ["ignore", "pipe", "pipe"] });
  const baseURL = await new Promise<string>((resolve, reject) => {
    let output = "";
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
    // E2E_SERVER_LOG=/path/to/file keeps the server's output for debugging.
    const log = process.env.E2E_SERVER_LOG;
    if (log) {
      const append = (chunk: Buffer) => fs.appendFileSync(log, chunk);
      server!.stdout!.on("data", append);
      server!.stderr!.on("data", append);
    }
    server!.on("exit", (code) => reject(new Error(`server exited with ${code}:\n${output}`)));
  });
  project.provide("baseURL", baseURL);
  project.provide("chromiumPath", chromiumPath);
  project.provide("dataDir", dataDir);
  project.provide("mailDir", mailDir);
  project.provide("clockFile", clockFile);
  project.provide("demoTemplateDir", templateDir);
  lockDir = fs.mkdtempSync(path.join(os.tmpdir(), "portal-e2e-lock-"));
  project.provide("sharedServerLock", path.join(lockDir, "shared-server"));
  project.provide("worldTemplateDir", path.join(lockDir, "world"));
  project.provide("factorDir", path.join(lockDir, "factors"));
}

async function teardown() {
  if (server && server.exitCode === null) {
    const exited = new Promise((resolve) => server!.once("exit", resolve));
    server.kill("SIGTERM");
    const timer = setTimeout(() => server?.kill("SIGKILL"), 5_000);
    await exited;
    clearTimeout(timer);
  }
  server?.stdout?.destroy();
  server?.stderr?.destroy();
  await smtp?.close();
  if (dataDir) fs.rmSync(dataDir, { recursive: true, force: true });
  if (mailDir) fs.rmSync(mailDir, { recursive: true, force: true });
  if (templateDir) fs.rmSync(templateDir, { recursive: true, force: true });
  if (lockDir) fs.rmSync(lockDir, { recursive: true, force: true });
}
