// Sets up the TOTP second factor through the page, as an officer would with an
// authenticator app: read the key the page shows, compute the current code, confirm.
// Confirming marks the page's session as proven, which the four-eyes opening requires.
import { createHmac } from "node:crypto";
import { generateTOTP } from "@epic-web/totp";
import type { APIRequestContext, Page } from "playwright-core";
import { expect } from "vitest";

/** Returns the base32 key, so that a test can compute later codes. */
export async function setUpSecondFactor(page: Page): Promise<string> {
  return (await setUpSecondFactorWithCode(page)).secret;
}

/**
 * Also returns the code that switched the factor on: computed again afterwards, it may
 * belong to the next time step when 30 seconds turned over in between (a loaded machine).
 */
export async function setUpSecondFactorWithCode(page: Page): Promise<{ secret: string; code: string }> {
  await page.goto("/konto/zwei-faktor");
  await page.getByRole("button", { name: "Einrichtung beginnen" }).click();
  const key = page.locator("#totp-schluessel");
  await key.waitFor();
  const secret = (await key.innerText()).trim();
  await expect(page.locator("#totp-uri").innerText()).resolves.toContain(`secret=${secret}`);
  const code = await totpCode(secret);
  await page.getByLabel("Code aus der Authenticator-App").fill(code);
  await page.getByRole("button", { name: "Zweiten Faktor einschalten" }).click();
  await page.getByText("Der zweite Faktor ist jetzt eingeschaltet, und diese Anmeldung gilt als bestätigt.").waitFor();
  return { secret, code };
}

/** The code an authenticator app shows now for the base32 key `secret`. */
export async function totpCode(secret: string): Promise<string> {
  return (await generateTOTP({ secret, period: 30, digits: 6, algorithm: "SHA-1" })).otp;
}

// ---------------------------------------------------------------------------------------
// Signing in again with the factor. The portal takes each time step of a code once
// (users.totp_last_step) and codes of the next step too (±1): a test that signs in shortly
// after setting the factor up takes the next step's code instead of waiting for it.

const PERIOD_SECONDS = 30;
const stepNow = () => Math.floor(Date.now() / 1000 / PERIOD_SECONDS);

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

/** An account with the factor on: its key and the last time step a test used. */
export type FactorAccount = { email: string; password: string; secret: string; usedStep: number };

/** Sets the factor up on `page`'s session (marking it proven) and remembers the step used. */
export async function setUpFactorFor(page: Page, account: { email: string; password: string }): Promise<FactorAccount> {
  const secret = await setUpSecondFactor(page);
  return { ...account, secret, usedStep: stepNow() };
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

/** Signs in with password and the code of the next unused time step; waits for `home`. */
export async function signInWithFactor(page: Page, account: FactorAccount, home = "/verwaltung") {
  await page.goto("/anmelden");
  await page.getByLabel("E-Mail-Adresse").fill(account.email);
  await page.getByLabel("Passwort").fill(account.password);
  await page.getByRole("button", { name: "Anmelden" }).click();
  await page.waitForURL((url) => url.pathname === "/anmelden/code");
  const step = await nextStep(account);
  await page.getByLabel("Code aus der Authenticator-App").fill(codeOfStep(account.secret, step));
  await page.getByRole("button", { name: "Bestätigen" }).click();
  await page.waitForURL((url) => url.pathname === home);
  account.usedStep = step;
}

/**
 * Signs in with password and code through requests only (no page rendered), for a context
 * whose session the moved server clock ended; the context's cookies carry the new session.
 */
export async function signInWithFactorByRequest(request: APIRequestContext, account: FactorAccount): Promise<void> {
  const password = await request.post("/anmelden", { form: { email: account.email, password: account.password, weiter: "" }, maxRedirects: 0 });
  expect(password.status()).toBe(302);
  const step = await nextStep(account);
  const code = await request.post("/anmelden/code", { form: { code: codeOfStep(account.secret, step), weiter: "" }, maxRedirects: 0 });
  expect(code.status()).toBe(302);
  account.usedStep = step;
}
