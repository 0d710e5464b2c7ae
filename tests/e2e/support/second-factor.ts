// Sets up the TOTP second factor through the page, as an officer would with an
// authenticator app: read the key the page shows, compute the current code, confirm.
// Confirming marks the page's session as proven, which the four-eyes opening requires.
import { generateTOTP } from "@epic-web/totp";
import type { Page } from "playwright-core";
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
