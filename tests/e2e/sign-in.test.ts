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

describe("account administration without JavaScript (decision 0035)", () => {
  it("walks an administrator through the account pages: second factor, list, a refused and a made invitation, disabling with confirmation, a pending grant", async () => {
    const admin = { email: `verwalterin-${Date.now().toString(36)}@example.org`, password: "lange-passphrase-fuer-konten", name: "Vera Verwalterin" };
    const made = spawnSync(
      "node_modules/.bin/tsx",
      ["scripts/portal.ts", "user:create", "--email", admin.email, "--name", admin.name, "--role", "administrator", "--password", admin.password],
      { env: { ...process.env, DATA_DIR: inject("dataDir") }, encoding: "utf8" },
    );
    expect(made.status, made.stderr).toBe(0);
    const page = await newPage(browser, { javaScriptEnabled: false });
    // axe runs as a script, which the walking page does not run: its pages are checked as
    // rendered (POST answers included) in a second page of the same origin.
    const reader = await newPage(browser);
    await reader.goto("/impressum");
    const expectAccessibleAsShown = async () => {
      await reader.setContent((await page.content()).replace(/<script\b[\s\S]*?<\/script>/g, ""), { waitUntil: "load" });
      await expectAccessible(reader);
    };
    await page.goto("/anmelden");
    await page.getByLabel("E-Mail-Adresse").fill(admin.email);
    await page.getByLabel("Passwort").fill(admin.password);
    await page.getByRole("button", { name: "Anmelden" }).click();
    // An administrator, as all staff, enrols a second factor before any other page (decision 0034).
    await passSecondFactor(page, admin, "/verwaltung/konten");

    await page.goto("/verwaltung/konten");
    await page.getByRole("heading", { level: 1, name: "Konten der Verwaltung" }).waitFor();
    await expectAccessibleAsShown();
    // Bad input: the messages next to the fields and in the summary; what was typed stays.
    await page.getByLabel("Name", { exact: true }).fill("Eike Bewerter");
    await page.getByLabel("Dienstliche E-Mail-Adresse").fill("kein-at-zeichen");
    await page.getByRole("button", { name: "Konto anlegen" }).click();
    const summary = await page.getByRole("alert").first().innerText();
    expect(summary).toContain("Bitte geben Sie eine gültige E-Mail-Adresse an");
    expect(summary).toContain("Bitte wählen Sie eine Rolle.");
    await expect(page.getByLabel("Name", { exact: true }).inputValue()).resolves.toBe("Eike Bewerter");
    await expectAccessibleAsShown();

    const evaluatorEmail = `eike-${Date.now().toString(36)}@example.org`;
    await page.getByLabel("Dienstliche E-Mail-Adresse").fill(evaluatorEmail);
    await page.locator("#feld-role").selectOption({ label: "Bewertung (Sozialamt)" });
    await page.getByRole("button", { name: "Konto anlegen" }).click();
    await page.getByText(`Das Konto ist angelegt; die Einladung ist an ${evaluatorEmail} gesendet.`).waitFor();
    const row = page.getByRole("row", { name: /Eike Bewerter/ });
    await expect(row.innerText()).resolves.toMatch(/eingeladen\s+nicht eingerichtet\s+noch nie/);

    await row.getByRole("link", { name: "Eike Bewerter" }).click();
    await page.getByRole("heading", { level: 1, name: "Konto: Eike Bewerter" }).waitFor();
    await expectAccessibleAsShown();
    await page.getByRole("button", { name: "Konto sperren" }).click();
    await expect(page.getByRole("alert").first().innerText()).resolves.toContain("Bitte bestätigen Sie, dass Sie sicher sind.");
    await expectAccessibleAsShown();
    await page.locator("#feld-sicher-disable").check();
    await page.getByRole("button", { name: "Konto sperren" }).click();
    await page.getByText("Das Konto ist gesperrt; alle Sitzungen sind beendet.").waitFor();
    await page.getByRole("button", { name: "Konto entsperren" }).click();
    await page.getByText("Das Konto ist entsperrt.").waitFor();

    // The officer role waits for a second administrator; the proposer sees it but cannot confirm it.
    await page.goto("/verwaltung/konten");
    await page.getByLabel("Name", { exact: true }).fill("Otto Vorschlag");
    await page.getByLabel("Dienstliche E-Mail-Adresse").fill(`otto-${Date.now().toString(36)}@example.org`);
    await page.locator("#feld-role").selectOption({ label: "Vergabestelle" });
    await page.getByRole("button", { name: "Konto anlegen" }).click();
    await page.getByText("Die Rollenvergabe ist vorgeschlagen.", { exact: false }).waitFor();
    await page.getByText("Ihr Vorschlag: wartet auf eine zweite Person.").waitFor();
    await expect(page.getByRole("button", { name: "Bestätigen: Otto Vorschlag" }).count()).resolves.toBe(0);
    await expectAccessibleAsShown();

    await page.goto("/konto");
    await expectAccessibleAsShown();
    await page.getByRole("link", { name: "Passwort ändern" }).click();
    await page.getByRole("heading", { level: 1, name: "Passwort ändern" }).waitFor();
    await page.getByRole("button", { name: "Passwort ändern" }).click();
    await expect(page.getByRole("alert").first().innerText()).resolves.toContain("Bitte geben Sie Ihr bisheriges Passwort ein.");
    await expectAccessibleAsShown();
    await page.context().close();
    await reader.context().close();
  }, 300_000);
});
