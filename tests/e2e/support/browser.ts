// Browser fixtures for end-to-end tests: one Chromium per test file, axe on every page.
import AxeBuilder from "@axe-core/playwright";
import axe, { type AxeResults } from "axe-core";
import { chromium, type Browser, type BrowserContextOptions, type Page } from "playwright-core";
import { expect, inject } from "vitest";
import { chromiumArgs } from "./chromium";

export const baseURL = () => inject("baseURL");

export function launchBrowser(): Promise<Browser> {
  const executablePath = inject("chromiumPath");
  return chromium.launch({ executablePath, args: chromiumArgs(executablePath) });
}

/**
 * How long a page may take to load or an element to appear: a guard against hangs, not a
 * speed check. On a CI machine at a load of 16 on two cores a page took over 15 s.
 */
export const PAGE_TIMEOUT_MS = 30_000;

export async function newPage(browser: Browser, options: BrowserContextOptions = {}): Promise<Page> {
  const context = await browser.newContext({ baseURL: baseURL(), locale: "de-DE", ...options });
  const page = await context.newPage();
  page.setDefaultTimeout(PAGE_TIMEOUT_MS);
  return page;
}

const WCAG_21_AA = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"];

/**
 * axe's violations on the page, every rule of WCAG_21_AA run. AxeBuilder runs axe in every
 * frame and merges the parts in a new blank page, into which it injects axe-core (0.5 MB) a
 * second time: that page and that injection cost more than the check. The portal's pages
 * have no frames, and for a single frame axe.run gives the same results, so it runs in the
 * page itself; a page with frames still goes through AxeBuilder. Only violations are read:
 * `resultTypes` spares axe building a selector for every node that passes (a third to half
 * of its time on a long form), and leaves which rules run and what they find unchanged.
 */
async function axeResults(page: Page): Promise<AxeResults> {
  const options = { runOnly: { type: "tag" as const, values: WCAG_21_AA }, resultTypes: ["violations" as const] };
  if (page.frames().length > 1) return new AxeBuilder({ page, axeSource: axe.source }).options(options).analyze();
  // Both functions run in the page: they cannot share a helper from here.
  if (!(await page.evaluate(() => typeof (window as { axe?: typeof axe }).axe?.run === "function"))) await page.evaluate(axe.source);
  return page.evaluate((o) => (window as { axe?: typeof axe }).axe!.run(document, o), options);
}

/** WCAG 2.1 A/AA as BITV 2.0 demands: no serious or critical violation. */
export async function expectAccessible(page: Page) {
  const results = await axeResults(page);
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

/** A page in a fresh context (the server of `options.baseURL`, else the shared one), its script errors collected into `errors`. */
export async function openPage(browser: Browser, errors: string[], options: BrowserContextOptions = {}): Promise<Page> {
  const page = await newPage(browser, options);
  collectBrowserErrors(page, errors);
  return page;
}
