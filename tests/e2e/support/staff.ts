// An officer of the city for a test of the shared server: made with the CLI (as operators
// make accounts) under an address no other test uses, and signed in through the page.
import { spawnSync } from "node:child_process";
import type { Page } from "playwright-core";
import { expect, inject } from "vitest";
import { passSecondFactor } from "./second-factor";

export type StaffAccount = { email: string; password: string; name: string };

/** Creates an officer in the shared server's DATA_DIR. */
export function createOfficer(label: string): StaffAccount {
  const account = { email: `${label}-${Date.now().toString(36)}@example.org`, password: `lange-passphrase-${label}`, name: `Olga ${label}` };
  const made = spawnSync(
    "node_modules/.bin/tsx",
    ["scripts/portal.ts", "user:create", "--email", account.email, "--name", account.name, "--role", "officer", "--password", account.password],
    { env: { ...process.env, DATA_DIR: inject("dataDir") }, encoding: "utf8" },
  );
  expect(made.status, made.stderr).toBe(0);
  return account;
}

/**
 * Signs in on /anmelden and waits for the page the account lands on (the workspace for
 * staff): staff enrol the second factor at their first sign-in and enter its code at every
 * later one (second-factor.ts keeps the key).
 */
export async function signIn(page: Page, account: { email: string; password: string }, home = "/verwaltung") {
  await page.goto("/anmelden");
  await page.getByLabel("E-Mail-Adresse").fill(account.email);
  await page.getByLabel("Passwort").fill(account.password);
  await page.getByRole("button", { name: "Anmelden" }).click();
  await passSecondFactor(page, account, home);
}

export const signInAsOfficer: (page: Page, account: StaffAccount) => Promise<void> = signIn;
