// Builds the app, loads the demo into a fresh DATA_DIR, starts the real production server
// (server.mjs) on a free port and hands its URL and the browser path to the tests.
import { spawn, spawnSync, type ChildProcess } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import type { TestProject } from "vitest/node";
import { ensureChromium } from "./chromium";

declare module "vitest" {
  export interface ProvidedContext {
    baseURL: string;
    chromiumPath: string;
    dataDir: string;
  }
}

let server: ChildProcess | undefined;
let dataDir: string | undefined;

function run(cmd: string, args: string[], env: NodeJS.ProcessEnv) {
  const result = spawnSync(cmd, args, { env, encoding: "utf8" });
  if (result.status !== 0) {
    throw new Error(`${cmd} ${args.join(" ")} failed (${result.status}):\n${result.stdout}\n${result.stderr}`);
  }
  return result.stdout;
}

export default async function setup(project: TestProject) {
  const chromiumPath = ensureChromium();
  dataDir = fs.mkdtempSync(path.join(os.tmpdir(), "portal-e2e-"));
  const env: NodeJS.ProcessEnv = { ...process.env, DATA_DIR: dataDir, NODE_ENV: "production", PORT: "0", HOST: "127.0.0.1" };
  delete env.PUBLIC_URL;
  delete env.SMTP_URL;
  run("node_modules/.bin/remix", ["vite:build"], env);
  run("node_modules/.bin/tsx", ["scripts/portal.ts", "setup", "--demo"], env);
  // A draft call that must stay invisible to the public.
  const draft = JSON.parse(fs.readFileSync("app/calls/dresden-2017.json", "utf8"));
  const draftFile = path.join(dataDir, "draft.json");
  fs.writeFileSync(draftFile, JSON.stringify({ ...draft, slug: "entwurf-2018", title: "Entwurf: Aufruf 2018" }));
  run("node_modules/.bin/tsx", ["scripts/portal.ts", "call:import", draftFile], env);

  server = spawn(process.execPath, ["server.mjs"], { env, stdio: ["ignore", "pipe", "pipe"] });
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
    server!.on("exit", (code) => reject(new Error(`server exited with ${code}:\n${output}`)));
  });
  project.provide("baseURL", baseURL);
  project.provide("chromiumPath", chromiumPath);
  project.provide("dataDir", dataDir);
  return teardown;
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
  if (dataDir) fs.rmSync(dataDir, { recursive: true, force: true });
}
