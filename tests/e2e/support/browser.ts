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
 *
 * color-contrast is nine tenths of a run, and a test file looks at the same kinds of text
 * again and again. A text's contrast follows from its computed style: its colour, size,
 * weight and shadow and the backgrounds behind it up to the first opaque one (with what
 * hides, clips or blends them). So every rule but color-contrast runs on the whole page, and
 * color-contrast on the texts whose style this file has not had checked yet (contrastStyles).
 * Texts in or over absolutely positioned, fixed or sticky boxes, whose background depends on
 * what lies beneath, are checked every time.
 */
async function axeResults(page: Page): Promise<AxeResults> {
  const options = { runOnly: { type: "tag" as const, values: WCAG_21_AA }, resultTypes: ["violations" as const] };
  if (page.frames().length > 1) return new AxeBuilder({ page, axeSource: axe.source }).options(options).analyze();
  // Functions passed to evaluate run in the page: they cannot share a helper from here.
  if (!(await page.evaluate(() => typeof (window as { axe?: typeof axe }).axe?.run === "function"))) await page.evaluate(axe.source);
  const fresh = await page.evaluate(markTextsOfNewStyles, { seen: [...checkedStyles], mark: CONTRAST_MARK });
  const rest = await page.evaluate(
    (o) => (window as { axe?: typeof axe }).axe!.run(document, { ...o, rules: { "color-contrast": { enabled: false } } }),
    options,
  );
  if (fresh.marked === 0) return rest;
  const contrast = await page.evaluate(
    ({ mark, resultTypes }) => {
      const marked = [...document.querySelectorAll(`[${mark}]`)];
      marked.forEach((element) => element.removeAttribute(mark));
      return (window as { axe?: typeof axe }).axe!.run({ include: marked }, { runOnly: { type: "rule", values: ["color-contrast"] }, resultTypes });
    },
    { mark: CONTRAST_MARK, resultTypes: options.resultTypes },
  );
  for (const style of fresh.styles) checkedStyles.add(style);
  return { ...rest, violations: [...rest.violations, ...contrast.violations] };
}

const CONTRAST_MARK = "data-axe-contrast";
/** Text styles (markTextsOfNewStyles) whose contrast this test file has had checked. */
const checkedStyles = new Set<string>();

/**
 * Runs in the page: marks one element of each text style not in `seen` with `mark` (every
 * element in or over a positioned box) and returns the new styles. Texts are the elements
 * with their own non-blank text and the form fields, as axe's color-contrast takes them.
 */
function markTextsOfNewStyles({ seen, mark }: { seen: string[]; mark: string }): { styles: string[]; marked: number } {
  const known = new Set(seen);
  const styles: string[] = [];
  let marked = 0;
  const texts = new Set<Element>(document.querySelectorAll("input, select, textarea, button"));
  const walker = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT);
  for (let node = walker.nextNode(); node; node = walker.nextNode()) if (node.nodeValue?.trim() && node.parentElement) texts.add(node.parentElement);
  for (const element of texts) {
    // Not rendered (a closed <details>, display: none): axe passes over it, so its style counts as unchecked.
    if (element.getClientRects().length === 0) continue;
    const own = getComputedStyle(element);
    const parts = [element.tagName === "INPUT" ? `input:${(element as HTMLInputElement).type}` : "", own.color, own.fontSize, own.fontWeight, own.textShadow, own.visibility];
    let positioned = false;
    for (let box: Element | null = element; box; box = box.parentElement) {
      const style = getComputedStyle(box);
      if (["absolute", "fixed", "sticky"].includes(style.position)) positioned = true;
      parts.push(style.backgroundColor, style.backgroundImage, style.opacity, style.mixBlendMode, style.filter, style.clip, style.clipPath, style.overflow);
      const [, , , alpha = "1"] = style.backgroundColor.match(/[\d.]+/g) ?? [];
      if (style.backgroundImage === "none" && style.backgroundColor !== "transparent" && Number(alpha) === 1) break;
    }
    const key = parts.join("|");
    if (!positioned && known.has(key)) continue;
    element.setAttribute(mark, "");
    marked++;
    if (!positioned) {
      known.add(key);
      styles.push(key);
    }
  }
  return { styles, marked };
}

/** WCAG 2.1 A/AA as BITV 2.0 demands: no serious or critical violation. */
export async function expectAccessible(page: Page) {
  const report = (await seriousViolations(page)).map((v) => `${v.id} (${v.impact}): ${v.help}\n  ${v.nodes.map((n) => n.target.join(" ")).join("\n  ")}`);
  expect(report, `axe found violations on ${page.url()}`).toEqual([]);
}

/** axe's serious and critical violations on the page (expectAccessible expects none). */
export async function seriousViolations(page: Page): Promise<AxeResults["violations"]> {
  return (await axeResults(page)).violations.filter((v) => v.impact === "serious" || v.impact === "critical");
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
