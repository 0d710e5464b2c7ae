// City staff sign in with accounts made by the CLI (enrolling the second factor at the first
// sign-in, entering its code at later ones), see their start page and sign out.
import { spawnSync } from "node:child_process";
import type { Browser } from "playwright-core";
import { afterAll, beforeAll, describe, expect, inject, it } from "vitest";
import { expectAccessible, launchBrowser, newPage } from "./support/browser";
import { passSecondFactor } from "./support/second-factor";

let browser: Browser;
const EMAIL = "ute.officer@example.org";
const PASSWORD = "lange-passphrase-fuer-tests";

beforeAll(async () => {
  const result = spawnSync(
    "node_modules/.bin/tsx",
    ["scripts/portal.ts", "user:create", "--email", EMAIL, "--name", "Ute Officer", "--role", "officer", "--password", PASSWORD],
    { env: { ...process.env, DATA_DIR: inject("dataDir") }, encoding: "utf8" },
  );
  expect(result.stderr).toBe("");
  expect(result.status).toBe(0);
  browser = await launchBrowser();
});
afterAll(async () => {
  await browser?.close();
});

describe("sign in and out", () => {
  it("signs in an officer made with the CLI, lists every call including drafts, and signs out", async () => {
    const page = await newPage(browser);
    await page.goto("/anmelden");
    await expectAccessible(page);
    await page.getByLabel("E-Mail-Adresse").fill(EMAIL.toUpperCase());
    await page.getByLabel("Passwort").fill(PASSWORD);
    await page.getByRole("button", { name: "Anmelden" }).click();
    // The first sign-in leads to the second factor's enrolment, and only there.
    await page.waitForURL((url) => url.pathname === "/konto/zwei-faktor");
    await expectAccessible(page);
    await passSecondFactor(page, { email: EMAIL, password: PASSWORD }, "/verwaltung");
    await expectAccessible(page);
    const text = await page.locator("main").innerText();
    expect(text).toContain("Angemeldet als Ute Officer (Vergabestelle)");
    expect(text).toContain("Entwurf: Aufruf 2018");
    expect(text).toContain("Demo: Aufruf zur Interessenbekundung");
    const cookies = await page.context().cookies();
    const session = cookies.find((c) => c.name === "portal-session");
    expect(session?.httpOnly).toBe(true);
    expect(session?.sameSite).toBe("Lax");

    await page.getByRole("button", { name: "Abmelden" }).click();
    await page.waitForURL((url) => url.pathname === "/");
    const response = await page.goto("/verwaltung");
    expect(new URL(page.url()).pathname).toBe("/anmelden");
    expect(response?.status()).toBe(200);
  });

  it("keeps the typed email and shows the error next to the form and in the summary on a wrong password", async () => {
    const page = await newPage(browser);
    await page.goto("/anmelden");
    await page.getByLabel("E-Mail-Adresse").fill(EMAIL);
    await page.getByLabel("Passwort").fill("falsches-passwort-123");
    await page.getByRole("button", { name: "Anmelden" }).click();
    await expect(page.getByRole("alert").first().innerText()).resolves.toContain("E-Mail-Adresse oder Passwort ist falsch.");
    await expect(page.getByLabel("E-Mail-Adresse").inputValue()).resolves.toBe(EMAIL);
    await expectAccessible(page);
  });

  it("names an invalid email next to the field and links to it from the summary", async () => {
    const page = await newPage(browser);
    await page.goto("/anmelden");
    await page.getByLabel("E-Mail-Adresse").fill("keine-adresse");
    await page.getByRole("button", { name: "Anmelden" }).click();
    const summaryLink = page.locator(".kern-alert--danger a[href='#feld-email']");
    await expect(summaryLink.innerText()).resolves.toContain("gültige E-Mail-Adresse");
    await expect(page.locator("#feld-email-fehler").innerText()).resolves.toContain("gültige E-Mail-Adresse");
    await expect(page.locator("#feld-email").getAttribute("aria-invalid")).resolves.toBe("true");
    await expect(page.getByLabel("E-Mail-Adresse").inputValue()).resolves.toBe("keine-adresse");
    await expectAccessible(page);
  });

  it("works without JavaScript, the second factor's code included", async () => {
    const page = await newPage(browser, { javaScriptEnabled: false });
    await page.goto("/anmelden");
    await page.getByLabel("E-Mail-Adresse").fill(EMAIL);
    await page.getByLabel("Passwort").fill(PASSWORD);
    await page.getByRole("button", { name: "Anmelden" }).click();
    await page.waitForURL((url) => url.pathname === "/anmelden/code");
    await passSecondFactor(page, { email: EMAIL, password: PASSWORD }, "/verwaltung");
    await expect(page.locator("main").innerText()).resolves.toContain("Angemeldet als Ute Officer");
    await page.getByRole("button", { name: "Abmelden" }).click();
    await page.waitForURL((url) => url.pathname === "/");
    await page.goto("/verwaltung");
    expect(new URL(page.url()).pathname).toBe("/anmelden");
  });

  it("refuses a sign-in form posted from another origin", async () => {
    const page = await newPage(browser);
    const response = await page.request.post("/anmelden", {
      form: { email: EMAIL, password: PASSWORD },
      headers: { Origin: "https://evil.example" },
      maxRedirects: 0,
    });
    expect(response.status()).toBe(403);
  });
});
