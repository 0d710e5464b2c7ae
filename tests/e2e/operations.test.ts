// Operations: /healthz and the structured request log with request ids, against a second
// instance of the real production server (server.mjs on the build the global setup made),
// started here so that the test can read its stdout and take its DATA_DIR away.
import { spawn, type ChildProcess } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";

let server: ChildProcess;
let baseURL: string;
let dataDir: string;
let output = "";

beforeAll(async () => {
  dataDir = fs.mkdtempSync(path.join(os.tmpdir(), "portal-ops-"));
  const env: NodeJS.ProcessEnv = { ...process.env, DATA_DIR: dataDir, NODE_ENV: "production", PORT: "0", HOST: "127.0.0.1" };
  for (const name of ["PUBLIC_URL", "SMTP_URL", "TRUST_PROXY", "PORTAL_TEST_CLOCK_FILE"]) delete env[name];
  server = spawn(process.execPath, ["server.mjs"], { env, stdio: ["ignore", "pipe", "pipe"] });
  server.stdout!.on("data", (chunk: Buffer) => (output += chunk.toString()));
  server.stderr!.on("data", (chunk: Buffer) => (output += chunk.toString()));
  baseURL = await new Promise<string>((resolve, reject) => {
    const timer = setInterval(() => {
      const match = output.match(/listening on (http:\/\/\S+)/);
      if (match) {
        clearInterval(timer);
        resolve(match[1].replace("localhost", "127.0.0.1"));
      }
    }, 50);
    server.on("exit", (code) => {
      clearInterval(timer);
      reject(new Error(`server exited with ${code}:\n${output}`));
    });
  });
});

afterAll(async () => {
  if (server?.exitCode === null) {
    const exited = new Promise((resolve) => server.once("exit", resolve));
    server.kill("SIGTERM");
    await exited;
  }
  fs.rmSync(dataDir, { recursive: true, force: true });
});

type LogLine = { time: string; level: string; msg: string; requestId: string; method: string; path: string; status: number; durationMs: number };

function findLine(requestId: string): LogLine | undefined {
  return output
    .split("\n")
    .filter((l) => l.startsWith("{"))
    .map((l) => JSON.parse(l) as LogLine)
    .find((l) => l.requestId === requestId);
}

/** The request's log line; the server writes it when the response ends, maybe just after we read it. */
function logLineFor(requestId: string): Promise<LogLine> {
  return new Promise((resolve, reject) => {
    const check = () => {
      const line = findLine(requestId);
      if (!line) return;
      server.stdout!.off("data", check);
      clearTimeout(timer);
      resolve(line);
    };
    const timer = setTimeout(() => {
      server.stdout!.off("data", check);
      reject(new Error(`no log line for ${requestId}:\n${output}`));
    }, 10_000);
    server.stdout!.on("data", check);
    check();
  });
}

describe("operations", () => {
  it("answers /healthz with 200 and the outcome of each check, nothing more, not cached", async () => {
    const response = await fetch(`${baseURL}/healthz`);
    expect(response.status).toBe(200);
    expect(response.headers.get("cache-control")).toBe("no-store");
    expect(await response.json()).toEqual({ status: "ok", checks: { database: "ok", disk: "ok" } });
    // The security headers stay in place on it.
    expect(response.headers.get("content-security-policy")).toContain("frame-ancestors 'none'");
  });

  it("gives every response its own X-Request-Id and ignores one sent by the client without a trusted proxy", async () => {
    const a = await fetch(`${baseURL}/healthz`, { headers: { "X-Request-Id": "von-aussen-12345" } });
    const b = await fetch(`${baseURL}/healthz`);
    const [idA, idB] = [a.headers.get("x-request-id"), b.headers.get("x-request-id")];
    expect(idA).toMatch(/^[0-9a-f-]{36}$/);
    expect(idB).toMatch(/^[0-9a-f-]{36}$/);
    expect(idA).not.toBe(idB);
  });

  it("writes one JSON log line per request with its id, method, status and duration, without query string or token", async () => {
    const response = await fetch(`${baseURL}/passwort-neu/geheimes-token-123?weiter=%2Fgeheim`);
    const requestId = response.headers.get("x-request-id")!;
    await response.arrayBuffer();
    const line = await logLineFor(requestId);
    expect(line).toMatchObject({ level: "info", msg: "request", requestId, method: "GET", path: "/passwort-neu/[token]", status: response.status });
    expect(Number.isNaN(Date.parse(line.time))).toBe(false);
    expect(typeof line.durationMs).toBe("number");
    expect(output).not.toContain("geheimes-token-123");
    expect(output).not.toContain("geheim\"");
  });

  it("logs a page answered from the page cache under its own request id, with the security headers", async () => {
    await (await fetch(`${baseURL}/impressum`)).arrayBuffer(); // rendered and stored
    const [a, b] = [await fetch(`${baseURL}/impressum`), await fetch(`${baseURL}/impressum`)];
    await Promise.all([a.arrayBuffer(), b.arrayBuffer()]);
    expect(a.headers.get("x-page-cache")).toBe("hit");
    expect(a.headers.get("x-request-id")).not.toBe(b.headers.get("x-request-id"));
    expect(a.headers.get("x-frame-options")).toBe("DENY");
    expect(a.headers.get("content-security-policy")).toContain("script-src 'none'");
    const line = await logLineFor(a.headers.get("x-request-id")!);
    expect(line).toMatchObject({ level: "info", msg: "request", method: "GET", path: "/impressum", status: 200 });
  });

  it("logs a refused cross-origin post under its request id too", async () => {
    const response = await fetch(`${baseURL}/anmelden`, { method: "POST", headers: { Origin: "https://boese.example" }, body: "email=x" });
    expect(response.status).toBe(403);
    const line = await logLineFor(response.headers.get("x-request-id")!);
    expect(line).toMatchObject({ method: "POST", path: "/anmelden", status: 403 });
  });

  it("refuses a production start with PORTAL_TEST_CLOCK_FILE set, with a clear message and before it listens", async () => {
    const own = fs.mkdtempSync(path.join(os.tmpdir(), "portal-ops-clock-"));
    try {
      for (const nodeEnv of ["production", undefined]) {
        const env: Record<string, string | undefined> = { ...process.env, DATA_DIR: path.join(own, "data"), PORT: "0", HOST: "127.0.0.1", PORTAL_TEST_CLOCK_FILE: path.join(own, "clock") };
        if (nodeEnv) env.NODE_ENV = nodeEnv;
        else delete env.NODE_ENV;
        const child = spawn(process.execPath, ["server.mjs"], { env: env as NodeJS.ProcessEnv, stdio: ["ignore", "pipe", "pipe"] });
        let said = "";
        child.stdout!.on("data", (chunk: Buffer) => (said += chunk.toString()));
        child.stderr!.on("data", (chunk: Buffer) => (said += chunk.toString()));
        const code = await new Promise((resolve) => child.once("exit", resolve));
        expect(code).toBe(1);
        expect(said).toContain(`[start] PORTAL_TEST_CLOCK_FILE is set, but this is not a test start (NODE_ENV=${nodeEnv ?? "(unset: production)"})`);
        expect(said).not.toContain("listening on");
        expect(fs.existsSync(path.join(own, "data", "portal.sqlite"))).toBe(false);
      }
    } finally {
      fs.rmSync(own, { recursive: true, force: true });
    }
  });

  it("answers 503 naming the disk check when DATA_DIR is gone", async () => {
    fs.rmSync(dataDir, { recursive: true, force: true });
    const response = await fetch(`${baseURL}/healthz`);
    expect(response.status).toBe(503);
    expect(await response.json()).toEqual({ status: "fail", checks: { database: "ok", disk: "fail" } });
  });
});
