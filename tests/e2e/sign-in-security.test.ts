// Sign-in under attack: failed attempts are limited with a clear message (429, Retry-After),
// staff enrol a second factor before any page and sign in with a code that works only once
// or a passkey (Chromium's virtual authenticator), and every page carries the security headers.
import { execFile } from "node:child_process";
import http from "node:http";
import { promisify } from "node:util";
import { generateTOTP } from "@epic-web/totp";
import type { Browser, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, inject, it, vi } from "vitest";
import { isSameBerlinDay } from "../../app/i18n/berlin-time";
import { formatDate } from "../../app/i18n/format";
import { baseURL, expectAccessible, launchBrowser, newPage } from "./support/browser";
import { serverNow } from "./support/clock";
import { isTo, waitForMail } from "./support/mail";
import { setUpSecondFactorWithCode } from "./support/second-factor";

const execFileAsync = promisify(execFile);

let browser: Browser;
const STAMP = Date.now().toString(36);
const LOCKED = { email: `gesperrt-${STAMP}@example.org`, password: "lange-passphrase-gesperrt" };
const TOTP_OFFICER = { email: `zwei-faktor-${STAMP}@example.org`, password: "lange-passphrase-zwei-faktor" };
const PLAIN_OFFICER = { email: `weiter-${STAMP}@example.org`, password: "lange-passphrase-weiterleitung" };
const PASSKEY_OFFICER = { email: `passkey-${STAMP}@example.org`, password: "lange-passphrase-passkey" };

/** `user:create` with the CLI; rejects with its output when it fails. */
async function createOfficer(account: { email: string; password: string }, name: string) {
  await execFileAsync(
    "node_modules/.bin/tsx",
    ["scripts/portal.ts", "user:create", "--email", account.email, "--name", name, "--role", "officer", "--password", account.password],
    { env: { ...process.env, DATA_DIR: inject("dataDir") }, encoding: "utf8" },
  );
}

beforeAll(async () => {
  // Four processes at once (SQLite's busy timeout orders their writes) and the browser.
  [browser] = await Promise.all([
    launchBrowser(),
    createOfficer(LOCKED, "Gesa Gesperrt"),
    createOfficer(TOTP_OFFICER, "Zora Zweifaktor"),
    createOfficer(PLAIN_OFFICER, "Wanda Weiter"),
    createOfficer(PASSKEY_OFFICER, "Paula Passkey"),
  ]);
});
afterAll(async () => {
  await browser?.close();
});

async function fillSignIn(page: Page, account: { email: string; password: string }) {
  await page.goto("/anmelden");
  await page.getByLabel("E-Mail-Adresse").fill(account.email);
  await page.getByLabel("Passwort").fill(account.password);
}

/** Without JavaScript the form posts natively, so the answer's status and headers are the server's own. */
async function submitSignIn(page: Page, account: { email: string; password: string }) {
  await fillSignIn(page, account);
  const answer = page.waitForResponse((r) => r.request().method() === "POST" && new URL(r.url()).pathname === "/anmelden");
  await page.getByRole("button", { name: "Anmelden" }).click();
  return answer;
}

describe("rate limits on sign-in", () => {
  it("locks an account after five wrong passwords from one address, with 429, Retry-After and a notice saying until when, even for the right password", async () => {
    const page = await newPage(browser, { javaScriptEnabled: false });
    for (let i = 0; i < 5; i++) {
      const answer = await submitSignIn(page, { email: LOCKED.email, password: `falsch-${i}-passwort` });
      expect(answer.status(), `attempt ${i + 1}`).toBe(400);
    }
    const before = serverNow();
    const sixth = await submitSignIn(page, { email: LOCKED.email, password: "noch-einmal-falsch" });
    const after = serverNow();
    expect(sixth.status()).toBe(429);
    const retryAfter = Number(await sixth.headerValue("retry-after"));
    expect(retryAfter).toBe(15 * 60);
    // Until the minute the block ends, in Berlin time by the server clock (rounded up), with the
    // date when that is another Berlin day than the attempt (a block begun after 23:45).
    const until = (at: Date) => {
      const end = new Date(Math.ceil((at.getTime() + retryAfter * 1000) / 60_000) * 60_000);
      const time = berlinTimeOfDay(end);
      return isSameBerlinDay(end, at) ? `bis ${time} Uhr gesperrt` : `bis ${formatDate(end, "de")}, ${time} Uhr gesperrt`;
    };
    const notice = page.getByRole("alert").filter({ has: page.getByRole("heading", { name: "Anmeldung vorübergehend gesperrt" }) });
    const text = await notice.innerText();
    expect(text).toContain("Nach zu vielen falschen Passwörtern ist die Anmeldung mit dieser E-Mail-Adresse bis");
    expect([until(before), until(after)]).toContainEqual(LOCKED_UNTIL.exec(text)?.[0]);
    await expect(notice.getByRole("link", { name: "Passwort zurücksetzen" }).getAttribute("href")).resolves.toBe("/passwort-vergessen");
    // Nothing in the form is wrong: no error summary, and the typed address stays.
    await expect(page.getByRole("heading", { name: "Bitte korrigieren Sie folgende Angaben:" }).count()).resolves.toBe(0);
    await expect(page.getByLabel("E-Mail-Adresse").inputValue()).resolves.toBe(LOCKED.email);

    // The right password does not get through a block either (it is not even checked).
    const right = await submitSignIn(page, LOCKED);
    expect(right.status()).toBe(429);
    expect(Number(await right.headerValue("retry-after"))).toBeGreaterThan(14 * 60);
    expect(new URL(page.url()).pathname).toBe("/anmelden");
    await page.context().close();

    // With JavaScript the same notice appears on an accessible page, and leads to the reset.
    const scripted = await newPage(browser);
    await fillSignIn(scripted, LOCKED);
    await scripted.getByRole("button", { name: "Anmelden" }).click();
    const shown = scripted.getByRole("alert").filter({ has: scripted.getByRole("heading", { name: "Anmeldung vorübergehend gesperrt" }) });
    await shown.getByText(LOCKED_UNTIL).waitFor();
    await expect(scripted.getByRole("heading", { name: "Bitte korrigieren Sie folgende Angaben:" }).count()).resolves.toBe(0);
    await expectAccessible(scripted);
    await shown.getByRole("link", { name: "Passwort zurücksetzen" }).click();
    await scripted.waitForURL((url) => url.pathname === "/passwort-vergessen");
    await scripted.context().close();
  });
});

/** "bis 09:15 Uhr gesperrt", or with the date when the block ends on the next Berlin day. */
const LOCKED_UNTIL = /bis (?:\d{1,2}\. \p{L}+ \d{4}, )?\d\d:\d\d Uhr gesperrt/u;

/** "09:15": the time of day in Berlin. */
function berlinTimeOfDay(date: Date): string {
  return new Intl.DateTimeFormat("de-DE", { timeZone: "Europe/Berlin", hour: "2-digit", minute: "2-digit", hourCycle: "h23" }).format(date);
}

describe("second factor", () => {
  it("leads a new officer to enrolment before any page, asks for the code after the password, refuses a code already used, and signs in with the next one", async () => {
    const page = await newPage(browser);
    await fillSignIn(page, TOTP_OFFICER);
    await page.getByRole("button", { name: "Anmelden" }).click();
    await page.waitForURL((url) => url.pathname === "/konto/zwei-faktor");
    // Nothing else is reachable before the factor is set up.
    await page.goto("/verwaltung");
    expect(new URL(page.url()).pathname).toBe("/konto/zwei-faktor");
    const { secret, code: setupCode } = await setUpSecondFactorWithCode(page);
    await expectAccessible(page);
    await page.goto("/abmelden");
    await page.locator("#inhalt").getByRole("button", { name: "Abmelden" }).click();
    await page.waitForURL((url) => url.pathname === "/");

    await fillSignIn(page, TOTP_OFFICER);
    await page.getByRole("button", { name: "Anmelden" }).click();
    await page.waitForURL((url) => url.pathname === "/anmelden/code");
    await expectAccessible(page);
    // No session yet: the password alone opens nothing.
    await page.goto("/verwaltung");
    expect(new URL(page.url()).pathname).toBe("/anmelden");
    await page.goto("/anmelden/code");

    // The code that switched the factor on belongs to a used time step.
    await page.getByLabel("Code aus der Authenticator-App").fill(setupCode);
    await page.getByRole("button", { name: "Bestätigen" }).click();
    await page.locator("#feld-code-fehler").waitFor();
    await expect(page.locator("#feld-code-fehler").innerText()).resolves.toContain("Dieser Code wurde schon verwendet.");
    await expectAccessible(page);

    // The authenticator's next code (30 s ahead, within the accepted window) signs in.
    vi.useFakeTimers({ toFake: ["Date"], now: Date.now() + 30_000 });
    const nextCode = generateTOTP({ secret, period: 30, digits: 6, algorithm: "SHA-1" }); // reads the clock at once
    vi.useRealTimers();
    await page.getByLabel("Code aus der Authenticator-App").fill((await nextCode).otp);
    await page.getByRole("button", { name: "Bestätigen" }).click();
    await page.waitForURL((url) => url.pathname === "/verwaltung");
    await page.goto("/konto/zwei-faktor");
    await page.getByText("Diese Anmeldung ist mit dem zweiten Faktor bestätigt.").waitFor();
    await page.context().close();
  });
});

describe("passkeys", () => {
  it("registers a passkey at enrolment, signs in with it as the second factor, and keeps it as the last factor", async () => {
    // WebAuthn takes a host name as the relying party, not an IP address: the same server by "localhost".
    const local = baseURL().replace("127.0.0.1", "localhost");
    const page = await newPage(browser, { baseURL: local });
    // Chromium's virtual authenticator (a platform passkey with user verification), through the page's CDP session.
    const cdp = await page.context().newCDPSession(page);
    await cdp.send("WebAuthn.enable");
    await cdp.send("WebAuthn.addVirtualAuthenticator", {
      options: { protocol: "ctap2", transport: "internal", hasResidentKey: true, hasUserVerification: true, isUserVerified: true },
    });
    await fillSignIn(page, PASSKEY_OFFICER);
    await page.getByRole("button", { name: "Anmelden" }).click();
    await page.waitForURL((url) => url.pathname === "/konto/zwei-faktor");
    // Both ways are offered: TOTP (works without JavaScript) and, with it, the passkey.
    await page.getByRole("button", { name: "Einrichtung beginnen" }).waitFor();
    await page.getByLabel("Name des Passkeys").fill("Laptop Büro");
    await page.getByRole("button", { name: "Passkey hinzufügen" }).click();
    await page.getByText("Der Passkey ist hinzugefügt, und diese Anmeldung gilt als bestätigt.").waitFor();
    await expect(page.locator("main").innerText()).resolves.toContain("Laptop Büro");
    await expectAccessible(page);
    const added = await waitForMail((m) => isTo(m, PASSKEY_OFFICER.email) && m.text.includes("ein Passkey als zweiter Faktor hinzugefügt"));
    expect(added.subject).toBe("Zweiter Faktor Ihres Kontos geändert");
    await page.getByRole("link", { name: "Weiter zum Portal" }).click();
    await page.waitForURL((url) => url.pathname === "/verwaltung");
    await page.goto("/abmelden");
    await page.locator("#inhalt").getByRole("button", { name: "Abmelden" }).click();
    await page.waitForURL((url) => url.pathname === "/");

    await fillSignIn(page, PASSKEY_OFFICER);
    await page.getByRole("button", { name: "Anmelden" }).click();
    await page.waitForURL((url) => url.pathname === "/anmelden/code");
    await expectAccessible(page);
    await page.getByRole("button", { name: "Mit Passkey bestätigen" }).click();
    await page.waitForURL((url) => url.pathname === "/verwaltung");
    await page.goto("/konto/zwei-faktor");
    await expect(page.locator("main").innerText()).resolves.toMatch(/zuletzt verwendet am/);
    // The last factor of a staff account stays.
    await page.getByRole("button", { name: "Passkey Laptop Büro entfernen" }).click();
    await expect(page.locator(".kern-alert--danger").first().innerText()).resolves.toContain("Der letzte zweite Faktor eines Kontos der Verwaltung kann nicht entfernt werden.");
    await expect(page.locator("main").innerText()).resolves.toContain("Laptop Büro");
    await page.context().close();
  });
});

describe("security headers and cross-site requests", () => {
  it("sends CSP with frame-ancestors 'none', X-Frame-Options, nosniff, a referrer and a permissions policy on a page", async () => {
    const response = await fetch(`${baseURL()}/anmelden`);
    expect(response.status).toBe(200);
    const csp = response.headers.get("content-security-policy") ?? "";
    expect(csp).toContain("frame-ancestors 'none'");
    expect(csp).toMatch(/script-src 'self' 'nonce-[A-Za-z0-9+/=]+'/);
    expect(csp).not.toContain("unsafe-inline");
    expect(response.headers.get("x-frame-options")).toBe("DENY");
    expect(response.headers.get("x-content-type-options")).toBe("nosniff");
    expect(response.headers.get("referrer-policy")).toBe("strict-origin-when-cross-origin");
    expect(response.headers.get("permissions-policy")).toContain("camera=()");
    expect(response.headers.get("x-powered-by")).toBeNull();
    // Plain HTTP (no https PUBLIC_URL): no HSTS, which browsers would ignore anyway.
    expect(response.headers.get("strict-transport-security")).toBeNull();
  });

  it("refuses a cross-site POST without an Origin header when the browser marks it cross-site", async () => {
    const response = await fetch(`${baseURL()}/anmelden`, {
      method: "POST",
      headers: { "Content-Type": "application/x-www-form-urlencoded", "Sec-Fetch-Site": "cross-site" },
      body: new URLSearchParams({ email: LOCKED.email, password: "x" }),
      redirect: "manual",
    });
    expect(response.status).toBe(403);
  });

  it("refuses a cross-origin file upload", async () => {
    const body = new FormData();
    body.append("intent", "upload");
    body.append("file", new Blob([new Uint8Array([37, 80, 68, 70])], { type: "application/pdf" }), "x.pdf");
    const response = await fetch(`${baseURL()}/traeger/bewerbungen/irgendwas/unterlagen`, {
      method: "POST",
      headers: { Origin: "https://angreifer.example" },
      body,
      redirect: "manual",
    });
    expect(response.status).toBe(403);
  });

  it("never follows „weiter“ to another host after sign-in, and keeps signed-in pages and their data out of caches", async () => {
    // /anmelden?weiter=/%09/evil.example: a browser drops the tab and reads //evil.example.
    const signIn = await fetch(`${baseURL()}/anmelden`, {
      method: "POST",
      headers: { "Content-Type": "application/x-www-form-urlencoded" },
      body: new URLSearchParams({ ...PLAIN_OFFICER, weiter: "/\t/evil.example" }),
      redirect: "manual",
    });
    expect(signIn.status).toBe(302);
    // The first sign-in leads to enrolment, which then goes on to the workspace, not elsewhere.
    expect(signIn.headers.get("location")).toBe("/konto/zwei-faktor?weiter=%2Fverwaltung");
    const cookie = signIn.headers.getSetCookie().map((c) => c.split(";")[0]).join("; ");
    // The enrolment page shows the key of the factor: never cached either.
    const page = await fetch(`${baseURL()}/konto/zwei-faktor`, { headers: { Cookie: cookie }, redirect: "manual" });
    expect(page.status).toBe(200);
    expect(page.headers.get("cache-control")).toBe("no-store");
    const data = await fetch(`${baseURL()}/konto/zwei-faktor?_data=routes%2Fkonto.zwei-faktor`, { headers: { Cookie: cookie }, redirect: "manual" });
    expect(data.status).toBe(200);
    expect(data.headers.get("cache-control")).toBe("no-store");
  });

  it("answers methods and bodies that no form sends with 405, 415 and 413 instead of a server error", async () => {
    for (const method of ["PUT", "DELETE", "PATCH"]) {
      const answer = await fetch(`${baseURL()}/anmelden`, { method, redirect: "manual" });
      expect(answer.status, method).toBe(405);
      expect(answer.headers.get("allow")).toBe("GET, HEAD, POST");
    }
    const json = await fetch(`${baseURL()}/anmelden`, {
      method: "POST",
      headers: { "Content-Type": "application/json" },
      body: JSON.stringify({ email: PLAIN_OFFICER.email, password: "x" }),
      redirect: "manual",
    });
    expect(json.status).toBe(415);
    // A form announcing 64 MB is refused before a byte of it is read.
    const huge = await new Promise<number>((resolve, reject) => {
      const request = http.request(`${baseURL()}/anmelden`, {
        method: "POST",
        headers: { "Content-Type": "application/x-www-form-urlencoded", "Content-Length": String(64 * 1024 * 1024) },
      });
      request.on("response", (response) => {
        resolve(response.statusCode ?? 0);
        response.resume();
        request.destroy();
      });
      request.on("error", reject);
      request.flushHeaders();
    });
    expect(huge).toBe(413);
  });
});
