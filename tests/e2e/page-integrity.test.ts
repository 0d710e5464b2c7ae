// Regressions found while writing the carrier path tests: the CSP must allow everything the
// pages use, a refused upload must not break the page's scripts, and counts read right.
import type { Browser, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { launchBrowser, newPage } from "./support/browser";
import { chooseLots, DEMO_SLUG, makePdf, newCarrier, newPostRow, fillPost, register, removeTempFiles, saveLot, startApplication, tempFile } from "./support/carrier";

let browser: Browser;

/** Console errors of a page, without the browser's log line for each 4xx/5xx answer. */
function consoleErrors(page: Page): string[] {
  const errors: string[] = [];
  page.on("pageerror", (error) => errors.push(`pageerror on ${page.url()}: ${error.message}`));
  page.on("console", (message) => {
    if (message.type() === "error" && !message.text().startsWith("Failed to load resource:")) {
      errors.push(`${new URL(page.url()).pathname}: ${message.text().slice(0, 160)}`);
    }
  });
  return errors;
}

beforeAll(async () => {
  browser = await launchBrowser();
});
afterAll(async () => {
  await browser?.close();
  removeTempFiles();
});

describe("pages stay whole", () => {
  it("logs no console error on the public pages: nothing is blocked by the content security policy", async () => {
    const page = await newPage(browser);
    const errors = consoleErrors(page);
    for (const path of ["/", "/anmelden", "/registrieren", "/passwort-vergessen", `/aufrufe/${DEMO_SLUG}`, `/aufrufe/${DEMO_SLUG}/fragen`]) {
      await page.goto(path);
      await page.waitForLoadState("networkidle");
    }
    expect(errors).toEqual([]);
    await page.context().close();
  });

  describe("with a draft application", () => {
    let page: Page;
    let errors: string[];
    let applicationId: string;

    beforeAll(async () => {
      page = await newPage(browser);
      errors = consoleErrors(page);
      await register(page, newCarrier("fehler", "Fehlersuche e. V."));
      applicationId = await startApplication(page, DEMO_SLUG);
    });

    it("shows a refused upload's message with JavaScript on and keeps the page's scripts running", async () => {
      await page.goto(`/traeger/bewerbungen/${applicationId}/unterlagen`);
      await page.getByLabel("Datei: Referenzen", { exact: true }).setInputFiles(tempFile("notiz.pdf", new TextEncoder().encode("Nur Text, kein PDF.")));
      await page.getByRole("button", { name: "Hochladen", exact: true }).click();
      const message = page.locator("#feld-references-fehler");
      await message.waitFor();
      // The refusal itself is shown correctly …
      await expect(message.innerText()).resolves.toContain("„notiz.pdf“ ist keine PDF-, ODT-, DOCX-, JPEG- oder PNG-Datei");
      await page.waitForLoadState("networkidle");
      expect(errors).toEqual([]);
    });

    it("serves an uploaded file as a download with the type decided at upload and the security headers", async () => {
      await page.goto(`/traeger/bewerbungen/${applicationId}/unterlagen`);
      await page.getByLabel("Datei: Referenzen", { exact: true }).setInputFiles(tempFile("referenzen.pdf", await makePdf("Referenzen Fehlersuche")));
      await page.getByRole("button", { name: "Hochladen", exact: true }).click();
      const link = page.locator("a[href^='/dateien/']").first();
      await link.waitFor();
      const response = await page.request.get((await link.getAttribute("href"))!);
      expect(response.status()).toBe(200);
      const headers = response.headers();
      expect(headers["content-disposition"]).toMatch(/^attachment; filename="referenzen\.pdf"/);
      expect(headers["content-type"]).toBe("application/pdf");
      expect(headers["x-content-type-options"]).toBe("nosniff");
      expect(headers["cache-control"]).toBe("no-store");
      expect(headers["content-security-policy"]).toContain("frame-ancestors 'none'");
      expect(headers["x-frame-options"]).toBe("DENY");
      expect(headers["referrer-policy"]).toBe("strict-origin-when-cross-origin");
    });

    it("hydrates a signed-in page with its own language of the catalogue only, in German and after the switch in English", async () => {
      // The catalogue's chunks are assets/de-<hash>.js and assets/en-<hash>.js (decision 0029).
      const loaded: string[] = [];
      const listener = (request: { url: () => string }) => {
        const language = /\/assets\/(de|en)-[\w-]+\.js$/.exec(new URL(request.url()).pathname)?.[1];
        if (language) loaded.push(language);
      };
      page.on("request", listener);
      const hydrated = () => page.waitForFunction(() => "__remixRouter" in window);
      await page.goto(`/traeger/bewerbungen/${applicationId}/unterlagen`);
      await hydrated();
      expect(loaded).toEqual(["de"]);
      loaded.length = 0;
      await page.getByRole("button", { name: "English", exact: true }).click();
      await page.getByRole("button", { name: "Deutsch", exact: true }).waitFor();
      await hydrated();
      expect(loaded).toEqual(["en"]);
      await expect(page.locator("main").innerText()).resolves.toContain("The organisation's documents");
      await page.getByRole("button", { name: "Deutsch", exact: true }).click();
      await page.getByRole("button", { name: "English", exact: true }).waitFor();
      page.off("request", listener);
      await page.waitForLoadState("networkidle");
      expect(errors).toEqual([]);
    });

    it("counts a single offered post as „1 Stelle“", async () => {
      await page.goto(`/traeger/bewerbungen/${applicationId}`);
      await chooseLots(page, ["Los 3: Flüchtlingsbegleitung – Region Nord"]);
      await page.getByRole("link", { name: "Los 3: Flüchtlingsbegleitung – Region Nord", exact: true }).click();
      await page.getByRole("heading", { level: 1, name: "Los 3: Flüchtlingsbegleitung – Region Nord" }).waitFor();
      await fillPost(newPostRow(page), { hours: "39", qualification: "Kulturmittlerin", degree: false, payGroup: "S 8b", languages: "Deutsch" });
      await saveLot(page);
      await page.waitForURL((url) => url.searchParams.get("gespeichert") === "1");
      await page.goto(`/traeger/bewerbungen/${applicationId}`);
      const chosen = page.locator("section", { has: page.getByRole("heading", { name: "Ihre Lose" }) });
      await expect(chosen.innerText()).resolves.toContain("– 1 Stelle, 1 VZÄ");
    });
  });
});
