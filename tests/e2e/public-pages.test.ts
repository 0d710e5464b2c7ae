// The public reads every page of a call without an account; each page passes axe.
import type { Browser, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { expectAccessible, launchBrowser, newPage } from "./support/browser";

let browser: Browser;
let page: Page;

beforeAll(async () => {
  browser = await launchBrowser();
  page = await newPage(browser);
});
afterAll(async () => {
  await browser?.close();
});

const ROLES = ["Regionalkoordination", "Flüchtlingssozialarbeit", "Flüchtlingsbegleitung", "Integrationsberatung"];
const REGIONS = ["Region Nord", "Region Ost", "Region Süd", "Region West"];

async function visit(path: string, status = 200) {
  const response = await page.goto(path);
  expect(response?.status(), path).toBe(status);
  return page;
}

describe("public pages", () => {
  it("lists the open demo call and the decided historic call with its result on the start page", async () => {
    await visit("/");
    await expectAccessible(page);
    const open = page.locator("section", { has: page.getByRole("heading", { name: "Offen für Interessenbekundungen" }) });
    const decided = page.locator("section", { has: page.getByRole("heading", { name: "Entschieden" }) });
    await expect(open.getByRole("link").allInnerTexts()).resolves.toEqual([
      expect.stringContaining("Demo: Aufruf zur Interessenbekundung"),
    ]);
    await expect(decided.getByRole("link").allInnerTexts()).resolves.toEqual([
      "Aufruf zur Interessenbekundung: Soziale Betreuung von Geflüchteten in Dresden ab 1. Juni 2017",
      expect.stringMatching(/^Ergebnis/),
    ]);
    await expect(decided.innerText()).resolves.toContain("Einreichungsfrist: 28. Februar 2017 um 12:00 MEZ");
    expect(await page.content()).not.toContain("Entwurf: Aufruf 2018");
  });

  for (const slug of ["dresden-2017", "dresden-2017-demo"]) {
    it(`shows ${slug} with four roles, four regions, 16 lots, the key of 80 and the criteria`, async () => {
      await visit(`/aufrufe/${slug}`);
      await expectAccessible(page);
      const text = await page.locator("main").innerText();
      for (const name of [...ROLES, ...REGIONS]) expect(text).toContain(name);
      const lotRows = page.locator("#lose tbody tr");
      await expect(lotRows.count()).resolves.toBe(16);
      await expect(lotRows.nth(15).innerText()).resolves.toMatch(/Los 16\s+Region West\s+Integrationsberatung/);
      expect(text).toContain("80 Geflüchtete je Vollzeitstelle (VZÄ)");
      // Each criterion's row names the roles it applies to (decision 0016), then its weight.
      const criteria = await page.locator("#kriterien tbody").innerText();
      for (const [criterion, roles, weight] of [
        ["Fachliches Konzept und Methoden", "alle Leistungen", 25],
        ["Kooperation und Vernetzung in der Region", "alle Leistungen", 20],
        ["Steuerung der Flüchtlingssozialarbeit und der Integrationsberatung", "Regionalkoordination", 15],
        ["Zusammenarbeit im Tandem und Übergänge", "Flüchtlingssozialarbeit, Flüchtlingsbegleitung", 15],
        ["Wirtschaftlichkeit", "alle Leistungen", 10],
      ] as const) {
        expect(criteria).toMatch(new RegExp(`${criterion}\\s+${roles}\\s+${weight} %`));
      }
      expect(text).toContain("In besonderem Maße erfüllt");
      expect(text).toContain("Pädagogischer Hochschulabschluss");
      expect(text).toContain("besonders schutzbedürftiger Geflüchteter");
      expect(text).toContain("sieben Wohlfahrtsverbänden");
      expect(text).toMatch(/Einreichungsfrist\s+\d{1,2}\. \w+ \d{4} um \d{2}:\d{2} ME(S)?Z/);
      expect(text).toContain("Zur Veranschaulichung gewählt");
    });
  }

  it("marks the demo call as a demo and counts down to its deadline", async () => {
    await visit("/aufrufe/dresden-2017-demo");
    const text = await page.locator("main").innerText();
    expect(text).toContain("Demo: Alle Träger, Personen, Zahlen");
    expect(text).toMatch(/Noch 1[34] Tage, \d+ Stunden? und \d+ Minuten? bis zum Ende der Einreichungsfrist/);
  });

  it("says that the historic call is decided and links its result", async () => {
    await visit("/aufrufe/dresden-2017");
    const text = await page.locator("main").innerText();
    expect(text).toContain("Der Zuschlag wurde am 28. März 2017 um 09:00 MESZ erteilt.");
    await expect(page.getByRole("link", { name: "Zum Ergebnis: Träger und VZÄ je Los" }).getAttribute("href")).resolves.toBe("/aufrufe/dresden-2017/ergebnis");
    expect(text).not.toContain("Demo: Alle Träger");
    expect(text).toMatch(/Veröffentlicht\s+26\. Januar 2017/);
  });

  it("shows the historic call's result: carriers and FTE per lot and the city's staffing plan", async () => {
    await visit("/aufrufe/dresden-2017/ergebnis");
    await expectAccessible(page);
    const text = await page.locator("main").innerText();
    for (const carrier of ["Wohlfahrtsverband Elbtal e. V. (fiktiv)", "Brücken bauen gGmbH (fiktiv)", "Interkultureller Verein Neustadt e. V. (fiktiv)"]) {
      expect(text).toContain(carrier);
    }
    // The excluded carrier is not named on the public result.
    expect(text).not.toContain("Neue Wege Beratung UG (fiktiv)");
    expect(text).toContain("Stellenplan der Stadt");
    for (const region of REGIONS) expect(text).toContain(region);
    // The staffing chart is an image with a text alternative, its numbers also in a table.
    await expect(page.locator("main svg[role='img']").count()).resolves.toBeGreaterThan(0);
  });

  it("shows the answered questions page with its rules", async () => {
    await visit("/aufrufe/dresden-2017/fragen");
    await expectAccessible(page);
    const text = await page.locator("main").innerText();
    expect(text).toContain("Bisher wurden keine Fragen beantwortet.");
    expect(text).toContain("Die Frist für Fragen ist am 15. Februar 2017 um 12:00 MEZ abgelaufen.");
    expect(text).toContain("ohne Angaben zur fragenden Organisation");
  });

  it("answers an unknown call, an unknown path and a draft call with a 404 page", async () => {
    for (const path of ["/aufrufe/gibt-es-nicht", "/irgendwas/anderes", "/aufrufe/entwurf-2018", "/aufrufe/entwurf-2018/aufruf.pdf", "/aufrufe/entwurf-2018/ocds.json"]) {
      await visit(path, 404);
    }
    await visit("/aufrufe/gibt-es-nicht", 404);
    await expect(page.getByRole("heading", { level: 1 }).innerText()).resolves.toBe("Seite nicht gefunden");
    await expect(page.title()).resolves.toBe("Seite nicht gefunden");
    await expectAccessible(page);
  });

  it("shows imprint, privacy and accessibility statement", async () => {
    for (const [path, heading] of [
      ["/impressum", "Impressum"],
      ["/datenschutz", "Datenschutzerklärung"],
      ["/barrierefreiheit", "Erklärung zur Barrierefreiheit"],
    ]) {
      await visit(path);
      await expect(page.getByRole("heading", { level: 1 }).innerText()).resolves.toBe(heading);
      await expectAccessible(page);
    }
  });

  it("switches to English and back with the language form", async () => {
    const own = await newPage(browser);
    await own.goto("/aufrufe/dresden-2017");
    await own.getByRole("button", { name: "English" }).click();
    await own.waitForSelector('html[lang="en"]');
    expect(new URL(own.url()).pathname).toBe("/aufrufe/dresden-2017");
    await expect(own.getByRole("heading", { name: "Award criteria" }).count()).resolves.toBe(1);
    await expectAccessible(own);
    await own.getByRole("button", { name: "Deutsch" }).click();
    await own.waitForSelector('html[lang="de"]');
    await expect(own.getByRole("heading", { name: "Wertungskriterien" }).count()).resolves.toBe(1);
    await own.context().close();
  });

  it("lets a keyboard user skip to the content", async () => {
    await visit("/");
    await page.keyboard.press("Tab");
    const focused = page.locator(":focus");
    await expect(focused.innerText()).resolves.toBe("Zum Inhalt springen");
    await page.keyboard.press("Enter");
    await expect(page.evaluate(() => location.hash)).resolves.toBe("#inhalt");
  });

  it("sends security headers with a nonce-based content security policy", async () => {
    // The sign-in form keeps its scripts (progressive enhancement); read-only pages have none.
    const response = await page.request.get("/anmelden");
    const headers = response.headers();
    expect(headers["content-security-policy"]).toMatch(/script-src 'self' 'nonce-[A-Za-z0-9+/=]+'/);
    expect(headers["content-security-policy"]).toContain("frame-ancestors 'none'");
    expect(headers["x-content-type-options"]).toBe("nosniff");
    const html = await response.text();
    const nonce = headers["content-security-policy"].match(/'nonce-([^']+)'/)![1];
    // The page's messages are a data block (type application/json): never executed, no nonce (decision 0029).
    const scripts = (html.match(/<script\b[^>]*>/g) ?? []).filter((tag) => tag !== '<script type="application/json" id="seitentexte">');
    expect(scripts.length).toBeGreaterThan(0);
    for (const tag of scripts) expect(tag).toContain(`nonce="${nonce}"`);
  });

  it("ships no script on the pages a visitor reads: call, questions, result, start, legal and 404 pages", async () => {
    const read = ["/", "/aufrufe/dresden-2017", "/aufrufe/dresden-2017/fragen", "/aufrufe/dresden-2017/ergebnis", "/impressum", "/datenschutz", "/barrierefreiheit", "/aufrufe/gibt-es-nicht", "/gibt-es-nicht"];
    for (const path of read) {
      const html = await (await page.request.get(path)).text();
      expect(html, path).toContain("</main>");
      expect(html.match(/<script\b[^>]*>/g) ?? [], path).toEqual([]);
      expect(html, path).not.toMatch(/rel="modulepreload"/);
    }
  });
});
