// The accessibility check checks contrast once per text style and file (browser.ts): it must
// still find every contrast a full run of axe finds. Pages set in the browser, no server.
import type { Browser, Page } from "playwright-core";
import { afterAll, beforeAll, expect, it } from "vitest";
import { expectAccessible, launchBrowser, newPage, seriousViolations } from "./support/browser";

let browser: Browser;
let page: Page;

beforeAll(async () => {
  browser = await launchBrowser();
  page = await newPage(browser);
});
afterAll(async () => {
  await browser?.close();
});

const html = (body: string) => `<!doctype html><html lang="de"><head><title>Kontrast</title></head><body style="background:#fff;margin:0"><main>${body}</main></body></html>`;
const violated = async () => (await seriousViolations(page)).map((v) => v.id);
const dark = `<h1 style="color:#222">Aufruf</h1><p style="color:#222">Lesbarer Text</p>`;

it("passes readable text, and again when the same style comes back", async () => {
  await page.setContent(html(dark));
  await expectAccessible(page);
  await page.setContent(html(`${dark}<p style="color:#222">Noch ein Absatz</p>`));
  await expectAccessible(page);
});

it("finds pale text of a style not seen before", async () => {
  await page.setContent(html(`${dark}<p style="color:#bbb">Blasser Text</p>`));
  expect(await violated()).toEqual(["color-contrast"]);
});

it("finds pale text whose style was seen only where it was not shown (a closed <details>)", async () => {
  await page.setContent(html(`${dark}<details><summary style="color:#222">Mehr</summary><p style="color:#c0c0c0">Verborgen</p></details>`));
  await expectAccessible(page);
  await page.setContent(html(`${dark}<p style="color:#c0c0c0">Jetzt sichtbar</p>`));
  expect(await violated()).toEqual(["color-contrast"]);
});

it("finds text of a checked style that a positioned box lays over a dark background", async () => {
  await page.setContent(html(`${dark}<div style="position:relative;height:80px"><div style="background:#111;height:80px"></div><p style="color:#222;position:absolute;top:0;margin:0">Auf Dunkel</p></div>`));
  expect(await violated()).toEqual(["color-contrast"]);
});

it("finds pale text on a new background even when its colour was checked on white", async () => {
  await page.setContent(html(`${dark}<div style="background:#555"><p style="color:#222">Dunkel auf Grau</p></div>`));
  expect(await violated()).toEqual(["color-contrast"]);
});
