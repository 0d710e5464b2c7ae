// The award procedure in Chromium, on the officers' pages: the proposal with its arithmetic
// and the uncovered need; a change refused without a reason (no JavaScript); approval and
// the Vorabinformation by mail; the award refused during the standstill; a complaint that
// blocks it; the award after the standstill (the server's clock is moved, nobody sleeps);
// the carrier's notices and their PDF, which another carrier cannot read; the cancellation
// page. axe on every page.
//
// The call with scored bids is seeded with the domain functions (tests/e2e/support/award-seed.ts)
// into this file's own DATA_DIR; this file runs its own server (the global setup's build)
// with its own clock file and SMTP server, because moving the clock moves it for everyone.
import { spawn, spawnSync, type ChildProcess } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import type { Browser, BrowserContextOptions, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startSmtpServer, type TestSmtpServer } from "../support/smtp";
import { expectAccessible, launchBrowser, newPage } from "./support/browser";

const OFFICER_A = { email: "vergabe.a@demo.example", password: "demo-vergabe-a-2017" };
const OFFICER_B = { email: "vergabe.b@demo.example", password: "demo-vergabe-b-2017" };
const PAGE = "/verwaltung/aufrufe/dresden-2017-demo/zuschlag";
const DAY = 24 * 3600_000;
// Each step renders several PDFs and runs axe on long pages, on a machine shared with others.
const STEP_TIMEOUT = 240_000;

let server: ChildProcess | undefined;
let smtp: TestSmtpServer | undefined;
let dataDir: string;
let clockFile: string;
let baseURL: string;
let browser: Browser;
let seeded: { carriers: Record<string, string>; password: string };
const browserErrors: string[] = [];

function run(cmd: string, args: string[]): string {
  const result = spawnSync(cmd, args, { env: { ...process.env, DATA_DIR: dataDir, PORTAL_TEST_CLOCK_FILE: clockFile }, encoding: "utf8" });
  if (result.status !== 0) throw new Error(`${cmd} ${args.join(" ")} failed:\n${result.stdout}\n${result.stderr}`);
  return result.stdout;
}

function advanceClock(ms: number) {
  const offset = Number(fs.readFileSync(clockFile, "utf8")) || 0;
  fs.writeFileSync(clockFile, String(offset + ms));
}

async function open(options: BrowserContextOptions = {}): Promise<Page> {
  const page = await newPage(browser, { baseURL, ...options });
  page.setDefaultTimeout(15_000);
  page.on("pageerror", (error) => browserErrors.push(`pageerror on ${page.url()}: ${error.message}`));
  page.on("console", (message) => {
    if (message.type() === "error" && !message.text().startsWith("Failed to load resource:")) browserErrors.push(`console.error on ${page.url()}: ${message.text()}`);
  });
  return page;
}

async function signIn(account: { email: string; password: string }, home: string, options: BrowserContextOptions = {}): Promise<Page> {
  const page = await open(options);
  await page.goto("/anmelden");
  await page.getByLabel("E-Mail-Adresse").fill(account.email);
  await page.getByLabel("Passwort").fill(account.password);
  await page.getByRole("button", { name: "Anmelden" }).click();
  await page.waitForURL((url) => url.pathname === home);
  return page;
}

beforeAll(async () => {
  dataDir = fs.mkdtempSync(path.join(os.tmpdir(), "portal-e2e-award-"));
  clockFile = path.join(dataDir, "clock-offset");
  fs.writeFileSync(clockFile, "0");
  run("node_modules/.bin/tsx", ["scripts/portal.ts", "setup", "--demo"]);
  seeded = JSON.parse(run("node_modules/.bin/tsx", ["tests/e2e/support/award-seed.ts"]).trim().split("\n").pop()!);

  smtp = await startSmtpServer();
  const env: NodeJS.ProcessEnv = {
    ...process.env,
    DATA_DIR: dataDir,
    NODE_ENV: "production",
    PORT: "0",
    HOST: "127.0.0.1",
    SMTP_URL: smtp.url,
    PORTAL_TEST_CLOCK_FILE: clockFile,
  };
  delete env.PUBLIC_URL;
  const serverDir = path.join(dataDir, "server");
  fs.cpSync("build", path.join(serverDir, "build"), { recursive: true });
  fs.symlinkSync(path.resolve("node_modules"), path.join(serverDir, "node_modules"), "dir");
  env.MIGRATIONS_DIR = path.resolve("drizzle");
  server = spawn(process.execPath, [path.resolve("server.mjs")], { cwd: serverDir, env, stdio: ["ignore", "pipe", "pipe"] });
  baseURL = await new Promise<string>((resolve, reject) => {
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
    server!.once("exit", (code) => reject(new Error(`server exited with ${code}:\n${output}`)));
  });
  browser = await launchBrowser();
}, 120_000);

afterAll(async () => {
  await browser?.close();
  if (server && server.exitCode === null) {
    const exited = new Promise((resolve) => server!.once("exit", resolve));
    server.kill("SIGTERM");
    await exited;
  }
  server?.stdout?.destroy();
  server?.stderr?.destroy();
  await smtp?.close();
  if (dataDir) fs.rmSync(dataDir, { recursive: true, force: true });
});

// The steps build on each other and run in order.
describe.sequential("the award procedure on the officers' pages", () => {
  it("refuses a cancellation without a reason and cancels a lot with one", async () => {
    const page = await signIn(OFFICER_B, "/verwaltung");
    await page.goto("/verwaltung/aufrufe/dresden-2017-demo/aufhebung");
    await expectAccessible(page);
    await page.getByLabel("Was wird aufgehoben?").selectOption({ label: "Los 15: Flüchtlingsbegleitung, Region West" });
    await page.getByRole("button", { name: "Aufhebung erklären" }).click();
    await expect(page.getByRole("alert").first().textContent()).resolves.toContain("Bitte geben Sie den Grund der Aufhebung an");
    await expectAccessible(page);
    await page.getByLabel("Grund der Aufhebung").fill("Der Bedarf wird im Rahmen eines Modellprojekts gedeckt.");
    await page.getByRole("button", { name: "Aufhebung erklären" }).click();
    await page.waitForURL((url) => url.searchParams.get("aufgehoben") === "1");
    await expect(page.locator("main").textContent()).resolves.toContain("Los 15: Flüchtlingsbegleitung, Region West");
    await expect(page.locator("main").textContent()).resolves.toContain("Bisher versandte Mitteilungen über Aufhebungen: 4.");
    await page.context().close();
  }, STEP_TIMEOUT);

  it("computes the proposal with its arithmetic and refuses a change without a reason, with and without JavaScript", async () => {
    const page = await signIn(OFFICER_A, "/verwaltung");
    await page.goto(PAGE);
    await expectAccessible(page);
    await page.getByRole("button", { name: "Zuschlagsvorschlag berechnen" }).click();
    await page.waitForURL((url) => url.searchParams.get("vorgeschlagen") === "1");
    await page.getByText("Der Zuschlagsvorschlag ist berechnet.").waitFor();
    const main = page.locator("main");
    await expect(main.textContent()).resolves.toContain("1.240 Geflüchtete ÷ 80 = 15,5 VZÄ; Tandem 1 : 1 → 7,75 VZÄ Flüchtlingssozialarbeit");
    await expect(main.textContent()).resolves.toContain("Rang 2: 2,75 VZÄ zugeschlagen (Restbedarf; angeboten 4,00 VZÄ)");
    const ib = page.locator("section[id^='los-']", { has: page.getByRole("heading", { name: /^Los \d+: Integrationsberatung, Region Nord$/ }) });
    await expect(ib.textContent()).resolves.toContain("312 Menschen mit Bleiberecht ÷ 80 = 3,90 VZÄ Integrationsberatung");
    await expect(ib.locator("dd").nth(2).textContent()).resolves.toBe("1,90 VZÄ");
    await expectAccessible(page);
    const refuseChange = async (p: Page) => {
      await p.getByText("VZÄ für Beta e. V. ändern").click();
      const field = p.getByLabel("VZÄ für Beta e. V.", { exact: true });
      await field.fill("2,00");
      await p.locator("form", { has: field }).getByRole("button", { name: "Änderung speichern" }).click();
      await expect(p.getByRole("alert").first().textContent()).resolves.toContain("Bitte begründen Sie die Änderung");
      await expect(p.getByLabel("VZÄ für Beta e. V.", { exact: true }).inputValue()).resolves.toBe("2,00");
    };
    await refuseChange(page);
    await expectAccessible(page);
    await page.context().close();
    // The same form posts and answers without JavaScript (axe needs JavaScript, so not here).
    const plain = await signIn(OFFICER_A, "/verwaltung", { javaScriptEnabled: false });
    await plain.goto(PAGE);
    await refuseChange(plain);
    await plain.context().close();
  }, STEP_TIMEOUT);

  it("approves, sends the pre-information by mail and refuses the award during the standstill", async () => {
    const page = await signIn(OFFICER_B, "/verwaltung");
    await page.goto(PAGE);
    await page.getByRole("button", { name: "Zuschlagsvorschlag freigeben" }).click();
    await page.waitForURL((url) => url.searchParams.get("freigegeben") === "1");
    await page.getByRole("button", { name: "Vorabinformation an alle Bieter senden" }).click();
    await page.waitForURL((url) => url.searchParams.get("vorabinformiert") === "1");
    await page.getByText("Die Vorabinformation ist an alle Bieter versandt.").waitFor();
    const mail = await smtp!.waitFor((m) => m.to.includes(seeded.carriers["Gamma e. V."]) && m.subject.startsWith("Vorabinformation nach § 134 GWB"));
    const date = /frühestens am (.+?) erteilt/.exec(mail.text)?.[1];
    expect(date).toBeTruthy();
    const main = page.locator("main");
    await expect(main.textContent()).resolves.toContain(date!);
    await expect(main.textContent()).resolves.toMatch(/noch 10 Tage und \d+ Stunden/);
    await expectAccessible(page);
    await page.getByRole("button", { name: "Zuschlag erteilen" }).click();
    await expect(page.getByRole("alert").first().textContent()).resolves.toContain(`Die Wartefrist nach § 134 GWB läuft noch: Der Zuschlag darf frühestens am ${date} erteilt werden.`);
    await expectAccessible(page);
    await page.context().close();
  }, STEP_TIMEOUT);

  it("blocks the award while a complaint is open and awards after the standstill once it is resolved", async () => {
    let page = await signIn(OFFICER_A, "/verwaltung");
    await page.goto(PAGE);
    await page.getByLabel("Rügender Träger").selectOption({ label: "Gamma e. V." });
    await page.getByLabel("Inhalt der Rüge").fill("Gamma rügt die Bewertung des Konzepts in Los 2.");
    await page.getByRole("button", { name: "Rüge erfassen" }).click();
    await page.waitForURL((url) => url.searchParams.get("ruege") === "1");
    await expectAccessible(page);
    await page.context().close();

    advanceClock(11 * DAY);
    page = await signIn(OFFICER_A, "/verwaltung");
    await page.goto(PAGE);
    await page.getByRole("button", { name: "Zuschlag erteilen" }).click();
    await expect(page.getByRole("alert").first().textContent()).resolves.toContain("Der Zuschlag ist gesperrt, solange eine Rüge nicht erledigt ist");
    await page.getByLabel("Ergebnis der Prüfung").fill("Geprüft: Die Bewertung ist nachvollziehbar begründet.");
    await page.getByRole("button", { name: "Rüge als erledigt festhalten" }).click();
    await page.waitForURL((url) => url.searchParams.get("erledigt") === "1");
    await page.getByRole("button", { name: "Zuschlag erteilen" }).click();
    await page.waitForURL((url) => url.searchParams.get("zuschlag") === "1");
    await page.getByText("Der Zuschlag ist erteilt; Zuschlags- und Absageschreiben sind versandt.").waitFor();
    const main = page.locator("main");
    await expect(main.textContent()).resolves.toContain("Der Zuschlag ist erteilt");
    await expect(main.textContent()).resolves.toContain("Zuschlag – Alpha e. V.");
    await expect(main.textContent()).resolves.toContain("Absage – Delta e. V.");
    await expectAccessible(page);
    await page.context().close();
  }, STEP_TIMEOUT);

  it("shows the carrier its notices with the PDF, which another carrier cannot read", async () => {
    const alpha = await signIn({ email: seeded.carriers["Alpha e. V."], password: seeded.password }, "/traeger");
    await expect(alpha.locator("#mitteilungen").textContent()).resolves.toContain("Mitteilungen der Vergabestelle");
    await expectAccessible(alpha);
    // Aufhebung of lot 15, Vorabinformation, Zuschlag: newest first.
    const items = alpha.locator("#mitteilungen ~ ul > li");
    await expect(items.count()).resolves.toBe(3);
    await expect(items.first().textContent()).resolves.toMatch(/^Zuschlag – /);
    const href = (await items.first().getByRole("link", { name: "PDF herunterladen" }).getAttribute("href"))!;
    const own = await alpha.request.get(href);
    expect(own.status()).toBe(200);
    expect((await own.body()).subarray(0, 5).toString()).toBe("%PDF-");
    const beta = await signIn({ email: seeded.carriers["Beta e. V."], password: seeded.password }, "/traeger");
    expect((await beta.request.get(href)).status()).toBe(404);
    await alpha.context().close();
    await beta.context().close();
  }, STEP_TIMEOUT);

  it("raised no JavaScript error in the browser", () => {
    expect(browserErrors).toEqual([]);
  });
});
