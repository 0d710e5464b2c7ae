// Carriers arrive at a call's public page from the city's website; from there they start an
// expression of interest or continue the one they have, while submissions are open. An
// anonymous reader is asked to sign in or register; the page stays the same for all of them.
// (The boundary "one second before / at the deadline" is the rule's unit test,
// app/submission/rules.test.ts; here the decided historic call stands for a closed one.)
import type { Browser, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { baseURL, expectAccessible, launchBrowser, newPage } from "./support/browser";
import { DEMO_SLUG, newCarrier, register } from "./support/carrier";
import { createOfficer, signInAsOfficer } from "./support/staff";

const HISTORIC_SLUG = "dresden-2017";
const HINT = "Anmelden oder registrieren, um eine Interessenbekundung abzugeben.";

let browser: Browser;

beforeAll(async () => {
  browser = await launchBrowser();
});
afterAll(async () => {
  await browser?.close();
});

/** The section "Interessenbekundung abgeben" of the call page. */
const offer = (page: Page) => page.locator("section", { has: page.getByRole("heading", { name: "Interessenbekundung abgeben", exact: true }) });
const startButton = (page: Page) => page.getByRole("button", { name: "Interessenbekundung beginnen" });

describe("the call page for an anonymous reader", () => {
  it("asks to sign in or register while the call is open, with a way back to the call after signing in", async () => {
    const page = await newPage(browser);
    await page.goto(`/aufrufe/${DEMO_SLUG}`);
    await expect(offer(page).innerText()).resolves.toContain(HINT);
    await expect(offer(page).getByRole("link", { name: "Anmelden" }).getAttribute("href")).resolves.toBe(`/anmelden?weiter=${encodeURIComponent(`/aufrufe/${DEMO_SLUG}`)}`);
    await expect(offer(page).getByRole("link", { name: "registrieren" }).getAttribute("href")).resolves.toBe("/registrieren");
    await expect(startButton(page).count()).resolves.toBe(0);
    await expectAccessible(page);
    await page.context().close();
  });

  it("sets no cookie, so every anonymous reader gets the same page", async () => {
    const response = await fetch(`${baseURL()}/aufrufe/${DEMO_SLUG}`);
    expect(response.status).toBe(200);
    expect(response.headers.get("set-cookie")).toBeNull();
    expect(await response.text()).toContain("um eine Interessenbekundung abzugeben.");
  });

  it("offers nothing after the deadline", async () => {
    const page = await newPage(browser);
    await page.goto(`/aufrufe/${HISTORIC_SLUG}`);
    await page.getByRole("heading", { level: 1 }).waitFor();
    await expect(offer(page).count()).resolves.toBe(0);
    await expect(page.getByText(HINT).count()).resolves.toBe(0);
    await page.context().close();
  });
});

describe("the call page for a signed-in carrier", () => {
  let page: Page;
  let applicationId = "";

  beforeAll(async () => {
    page = await newPage(browser);
    await register(page, newCarrier("aufrufseite", "Nachbarschaftshilfe Pieschen e. V."));
  });
  afterAll(async () => {
    await page?.context().close();
  });

  it("starts an expression of interest from the call page", async () => {
    await page.goto(`/aufrufe/${DEMO_SLUG}`);
    await expect(offer(page).innerText()).resolves.toContain("Ihre Organisation hat zu diesem Aufruf noch keine Interessenbekundung begonnen.");
    await expect(page.getByText(HINT).count()).resolves.toBe(0);
    await expectAccessible(page);
    await startButton(page).click();
    await page.waitForURL(/\/traeger\/bewerbungen\/[^/]+$/);
    await page.getByRole("heading", { level: 1, name: "Interessenbekundung", exact: true }).waitFor();
    applicationId = new URL(page.url()).pathname.split("/").pop()!;
  });

  it("offers to continue the draft instead of starting another", async () => {
    await page.goto(`/aufrufe/${DEMO_SLUG}`);
    await expect(offer(page).innerText()).resolves.toContain("Ihre Organisation hat eine Interessenbekundung begonnen; sie ist noch nicht eingereicht.");
    await expect(startButton(page).count()).resolves.toBe(0);
    const link = offer(page).getByRole("link", { name: "Interessenbekundung weiter bearbeiten" });
    await expect(link.getAttribute("href")).resolves.toBe(`/traeger/bewerbungen/${applicationId}`);
    await expectAccessible(page);
    // The dashboard knows the same application: the call is no longer offered to start there.
    await page.goto("/traeger");
    await expect(page.locator(`a[href="/traeger/bewerbungen/${applicationId}"]`).count()).resolves.toBe(1);
    await expect(page.locator("li", { has: page.locator(`a[href="/aufrufe/${DEMO_SLUG}"]`) }).getByRole("button").count()).resolves.toBe(0);
  });

  it("offers no start button on a call past its deadline", async () => {
    await page.goto(`/aufrufe/${HISTORIC_SLUG}`);
    await page.getByRole("heading", { level: 1 }).waitFor();
    await expect(offer(page).count()).resolves.toBe(0);
    await expect(startButton(page).count()).resolves.toBe(0);
  });

  it("starts from the call page without JavaScript, as a plain form post", async () => {
    const plain = await newPage(browser, { javaScriptEnabled: false });
    await register(plain, newCarrier("ohnejs", "Stadtteilarbeit Gorbitz e. V."));
    await plain.goto(`/aufrufe/${DEMO_SLUG}`);
    await startButton(plain).click();
    await plain.waitForURL(/\/traeger\/bewerbungen\/[^/]+$/);
    await plain.getByRole("heading", { level: 1, name: "Interessenbekundung", exact: true }).waitFor();
    await plain.goto(`/aufrufe/${DEMO_SLUG}`);
    await offer(plain).getByRole("link", { name: "Interessenbekundung weiter bearbeiten" }).waitFor();
    await plain.context().close();
  });
});

describe("the call page for the city's staff", () => {
  it("offers an officer neither the hint nor a start button", async () => {
    const page = await newPage(browser);
    await signInAsOfficer(page, createOfficer("aufrufseite"));
    await page.goto(`/aufrufe/${DEMO_SLUG}`);
    await page.getByRole("heading", { level: 1 }).waitFor();
    await expect(offer(page).count()).resolves.toBe(0);
    await expect(page.getByText(HINT).count()).resolves.toBe(0);
    await page.context().close();
  });
});
