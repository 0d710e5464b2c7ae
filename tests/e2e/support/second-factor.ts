// The second factor as staff meet it (decision 0034): enrolment at the first sign-in, the
// code at every later one. Tests enrol each account once, through the page as an officer
// would with an authenticator app (read the key the page shows, compute the code, confirm),
// and reuse its key afterwards.
//
// The key and the last time step used are kept per server and account in a file under the
// run's factor directory (inject("factorDir")): a demo account enrolled on the shared server
// by one test file signs in with the same key in the next file, and a step used once is not
// offered again (the portal takes each time step of a code once, users.totp_last_step, and
// codes of the next step too: ±1). An own server starts from the demo template, where no
// account has a factor: there the first sign-in enrols again and replaces the file.
import { createHash, createHmac } from "node:crypto";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { generateTOTP } from "@epic-web/totp";
import type { APIRequestContext, Page } from "playwright-core";
import { expect, inject } from "vitest";

const PERIOD_SECONDS = 30;
const stepNow = () => Math.floor(Date.now() / 1000 / PERIOD_SECONDS);

export type Credentials = { email: string; password: string };
/** An account with the factor on, on one server: its key and the last time step a test used. */
export type FactorAccount = Credentials & { secret: string; usedStep: number };

function stateFile(baseURL: string, email: string): string {
  // Integration tests that start their own server have no global setup: a directory of this process.
  const dir = inject("factorDir") ?? path.join(os.tmpdir(), `portal-factors-${process.pid}`);
  fs.mkdirSync(dir, { recursive: true });
  return path.join(dir, createHash("sha256").update(`${new URL(baseURL).origin}\n${email}`).digest("hex").slice(0, 32));
}

function known(baseURL: string, account: Credentials): FactorAccount | null {
  try {
    const { secret, usedStep } = JSON.parse(fs.readFileSync(stateFile(baseURL, account.email), "utf8")) as { secret: string; usedStep: number };
    return { ...account, secret, usedStep };
  } catch {
    return null;
  }
}

function remember(baseURL: string, account: FactorAccount): void {
  const file = stateFile(baseURL, account.email);
  fs.writeFileSync(`${file}.tmp`, JSON.stringify({ secret: account.secret, usedStep: account.usedStep }));
  fs.renameSync(`${file}.tmp`, file);
}

/** The RFC 4226 code of `step` for the base32 key `secret` (SHA-1, 6 digits), as an app computes it. */
function codeOfStep(secret: string, step: number): string {
  const alphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZ234567";
  let bits = "";
  for (const c of secret.replace(/=+$/, "")) bits += alphabet.indexOf(c).toString(2).padStart(5, "0");
  const key = Buffer.from((bits.match(/.{8}/g) ?? []).map((b) => parseInt(b, 2)));
  const counter = Buffer.alloc(8);
  counter.writeBigUInt64BE(BigInt(step));
  const mac = createHmac("sha1", key).update(counter).digest();
  const offset = mac[mac.length - 1] & 0x0f;
  return String((mac.readUInt32BE(offset) & 0x7fffffff) % 1_000_000).padStart(6, "0");
}

/** The code an authenticator app shows now for the base32 key `secret`. */
export async function totpCode(secret: string): Promise<string> {
  return (await generateTOTP({ secret, period: 30, digits: 6, algorithm: "SHA-1" })).otp;
}

/**
 * The next time step whose code the server takes: unused, and at most one ahead of the real
 * clock (TOTP steps follow real time, as the officer's app does; the moved server clock does
 * not touch them). A third sign-in of one account within a minute waits for the real clock to
 * reach the step before it (at most 30 seconds; it happens only when steps run that fast).
 */
async function nextStep(account: FactorAccount): Promise<number> {
  const step = Math.max(stepNow(), account.usedStep + 1);
  const wait = (step - 1) * PERIOD_SECONDS * 1000 - Date.now();
  if (wait > 0) await new Promise((resolve) => setTimeout(resolve, wait + 50));
  return step;
}

/** Whose session each page holds, so that a test can ask for the page's factor later. */
const accountOfPage = new WeakMap<Page, Credentials>();

// ---------------------------------------------------------------------------------------
// In the browser.

/**
 * After the password was sent on `page`: enrols the factor where the portal leads to
 * enrolment, or enters the next code where it asks for one; then waits for `home`.
 */
export async function passSecondFactor(page: Page, account: Credentials, home: string): Promise<void> {
  await page.waitForURL((url) => [home, "/anmelden/code", "/konto/zwei-faktor"].includes(url.pathname));
  accountOfPage.set(page, account);
  const baseURL = page.url();
  const where = new URL(baseURL).pathname;
  if (where === "/konto/zwei-faktor" && home !== where) {
    const enrolled = await enrolOnPage(page, account);
    await page.getByRole("link", { name: "Weiter zum Portal" }).click();
    remember(baseURL, enrolled);
  } else if (where === "/anmelden/code") {
    const factor = known(baseURL, account);
    if (!factor) throw new Error(`no key known for ${account.email} on ${new URL(baseURL).origin}`);
    const step = await nextStep(factor);
    await page.getByLabel("Code aus der Authenticator-App").fill(codeOfStep(factor.secret, step));
    await page.getByRole("button", { name: "Bestätigen" }).click();
    remember(baseURL, { ...factor, usedStep: step });
  }
  await page.waitForURL((url) => url.pathname === home);
}

/** Begins the setup on the enrolment page, reads the key, confirms with the current step's code. */
async function enrolOnPage(page: Page, account: Credentials): Promise<FactorAccount & { code: string }> {
  await page.getByRole("button", { name: "Einrichtung beginnen" }).click();
  const key = page.locator("#totp-schluessel");
  await key.waitFor();
  const secret = (await key.innerText()).trim();
  await expect(page.locator("#totp-uri").innerText()).resolves.toContain(`secret=${secret}`);
  const step = stepNow();
  const code = codeOfStep(secret, step);
  await page.getByLabel("Code aus der Authenticator-App").fill(code);
  await page.getByRole("button", { name: "Zweiten Faktor einschalten" }).click();
  await page.getByText("Der zweite Faktor ist jetzt eingeschaltet, und diese Anmeldung gilt als bestätigt.").waitFor();
  return { ...account, secret, usedStep: step, code };
}

/**
 * The key of the factor of the account signed in on `page` (every staff session proved one).
 * For an account that still has none (a carrier member), sets it up on /konto/zwei-faktor.
 */
export async function setUpSecondFactor(page: Page): Promise<string> {
  const account = accountOfPage.get(page);
  const factor = account ? known(page.url(), account) : null;
  if (factor) return factor.secret;
  return (await setUpSecondFactorWithCode(page)).secret;
}

/** Sets the factor up on the page's session; also returns the code that switched it on. */
export async function setUpSecondFactorWithCode(page: Page): Promise<{ secret: string; code: string }> {
  await page.goto("/konto/zwei-faktor");
  const account = accountOfPage.get(page) ?? { email: "", password: "" };
  const enrolled = await enrolOnPage(page, account);
  if (account.email) remember(page.url(), enrolled);
  return { secret: enrolled.secret, code: enrolled.code };
}

/** The factor of the account signed in on `page`, for signing it in again later. */
export async function setUpFactorFor(page: Page, account: Credentials): Promise<FactorAccount> {
  const factor = known(page.url(), account);
  if (!factor) throw new Error(`${account.email} has no factor on ${new URL(page.url()).origin}: sign in with staff.ts signIn first`);
  return factor;
}

/** Signs in with password and the code of the next unused time step; waits for `home`. */
export async function signInWithFactor(page: Page, account: Credentials, home = "/verwaltung") {
  await page.goto("/anmelden");
  await page.getByLabel("E-Mail-Adresse").fill(account.email);
  await page.getByLabel("Passwort").fill(account.password);
  await page.getByRole("button", { name: "Anmelden" }).click();
  await page.waitForURL((url) => url.pathname === "/anmelden/code");
  await passSecondFactor(page, account, home);
}

// ---------------------------------------------------------------------------------------
// Over plain HTTP (no page rendered): the form posts a browser without JavaScript sends.

/** Form posts and page reads of one client, whatever carries its cookies. */
type Http = { post(to: string, fields: Record<string, string>): Promise<{ status: number; cookies: string[]; location: string }>; page(to: string): Promise<string> };

/** On the enrolment page's session: begin, read the key off the page, confirm with the current step's code. */
async function enrolByPosts(http: Http, baseURL: string, account: Credentials): Promise<void> {
  await http.post("/konto/zwei-faktor", { intent: "begin" });
  const secret = /id="totp-schluessel"[^>]*>([A-Z2-7]+)</.exec(await http.page("/konto/zwei-faktor"))?.[1];
  if (!secret) throw new Error(`the enrolment page of ${account.email} shows no key`);
  const step = stepNow();
  const confirmed = await http.post("/konto/zwei-faktor", { intent: "confirm", code: codeOfStep(secret, step) });
  if (confirmed.status !== 302) throw new Error(`enrolment of ${account.email} failed: ${confirmed.status}`);
  remember(baseURL, { ...account, secret, usedStep: step });
}

/** On the code step of a pending sign-in: the next unused step's code. Returns the answer's cookies. */
async function codeByPost(http: Http, baseURL: string, account: Credentials): Promise<string[]> {
  const factor = known(baseURL, account);
  if (!factor) throw new Error(`no key known for ${account.email} on ${new URL(baseURL).origin}`);
  const step = await nextStep(factor);
  const answer = await http.post("/anmelden/code", { code: codeOfStep(factor.secret, step), weiter: "" });
  if (answer.status !== 302) throw new Error(`code of ${account.email} refused: ${answer.status}`);
  remember(baseURL, { ...factor, usedStep: step });
  return answer.cookies;
}

/** The requests of a Playwright context (they carry and keep the context's cookies). */
function contextHttp(request: APIRequestContext, baseURL: string): Http {
  return {
    async post(to, fields) {
      const answer = await request.post(to, { form: fields, headers: { origin: new URL(baseURL).origin }, maxRedirects: 0 });
      return { status: answer.status(), cookies: [], location: answer.headers()["location"] ?? "" };
    },
    async page(to) {
      return (await request.get(to)).text();
    },
  };
}

/**
 * Like passSecondFactor, by form posts of the page's context, so in any language: after the
 * password was sent on `page`, enrols (first sign-in) or enters the next code, then opens `home`.
 */
export async function passSecondFactorByRequest(page: Page, account: Credentials, home: string): Promise<void> {
  const url = new URL(page.url());
  const http = contextHttp(page.context().request, url.origin);
  if (url.pathname === "/konto/zwei-faktor") await enrolByPosts(http, url.origin, account);
  else if (url.pathname === "/anmelden/code") await codeByPost(http, url.origin, account);
  if (url.pathname !== home) await page.goto(home);
}

/**
 * Signs in with password and code through requests only, for a context whose session the
 * moved server clock ended; the context's cookies carry the new session.
 */
export async function signInWithFactorByRequest(request: APIRequestContext, account: Credentials, baseURL: string): Promise<void> {
  const password = await request.post("/anmelden", { form: { email: account.email, password: account.password, weiter: "" }, maxRedirects: 0 });
  expect(password.status()).toBe(302);
  await codeByPost(contextHttp(request, baseURL), baseURL, account);
}

function cookiesOf(response: Response): string[] {
  return response.headers.getSetCookie().map((c) => c.split(";")[0]);
}

/**
 * Signs in with the form posts of a browser without JavaScript: password, then enrolment
 * (first sign-in of a staff account) or the code. Returns the session cookie (name=value).
 */
export async function signInByRequests(baseURL: string, account: Credentials): Promise<string> {
  let cookie = "";
  const http: Http = {
    async post(to, fields) {
      const answer = await fetch(new URL(to, baseURL), { method: "POST", body: new URLSearchParams(fields), headers: { origin: baseURL, cookie }, redirect: "manual" });
      return { status: answer.status, cookies: cookiesOf(answer), location: answer.headers.get("location") ?? "" };
    },
    async page(to) {
      return (await fetch(new URL(to, baseURL), { headers: { cookie } })).text();
    },
  };
  const password = await http.post("/anmelden", { email: account.email, password: account.password, weiter: "" });
  cookie = password.cookies.find((c) => !c.endsWith("=")) ?? "";
  if (password.status !== 302 || !cookie) throw new Error(`sign-in of ${account.email} failed: ${password.status}`);
  if (password.location.startsWith("/anmelden/code")) {
    // The code step: the session cookie comes with its answer.
    const session = (await codeByPost(http, baseURL, account)).find((c) => !c.endsWith("=") && !c.startsWith("portal-sign-in"));
    if (!session) throw new Error(`no session for ${account.email} after the code`);
    return session;
  }
  // A staff account's first sign-in leads to enrolment (a carrier member goes home).
  if (password.location.startsWith("/konto/zwei-faktor")) await enrolByPosts(http, baseURL, account);
  return cookie;
}
