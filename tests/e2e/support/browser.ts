// Browser fixtures for end-to-end tests: one Chromium per test file, axe on every page.
import AxeBuilder from "@axe-core/playwright";
import { chromium, type Browser, type BrowserContextOptions, type Page } from "playwright-core";
import { expect, inject } from "vitest";
import { CHROMIUM_ARGS } from "./chromium";

export const baseURL = () => inject("baseURL");

export function launchBrowser(): Promise<Browser> {
  return chromium.launch({ executablePath: inject("chromiumPath"), args: CHROMIUM_ARGS });
}

export async function newPage(browser: Browser, options: BrowserContextOptions = {}): Promise<Page> {
  const context = await browser.newContext({ baseURL: baseURL(), locale: "de-DE", ...options });
  return context.newPage();
}

/** WCAG 2.1 A/AA as BITV 2.0 demands: no serious or critical violation. */
export async function expectAccessible(page: Page) {
  const results = await new AxeBuilder({ page }).withTags(["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]).analyze();
  const severe = results.violations.filter((v) => v.impact === "serious" || v.impact === "critical");
  const report = severe.map((v) => `${v.id} (${v.impact}): ${v.help}\n  ${v.nodes.map((n) => n.target.join(" ")).join("\n  ")}`);
  expect(report, `axe found violations on ${page.url()}`).toEqual([]);
}

/**
 * Collects the page's script errors into `into`. The browser also logs every answer with an
 * error status ("Failed to load resource", a refused form answers 400): those are checked
 * where they happen, so they are left out.
 */
export function collectBrowserErrors(page: Page, into: string[]) {
  page.on("pageerror", (error) => into.push(`pageerror on ${page.url()}: ${error.message}`));
  page.on("console", (message) => {
    if (message.type() === "error" && !message.text().startsWith("Failed to load resource:")) into.push(`console.error on ${page.url()}: ${message.text()}`);
  });
}
