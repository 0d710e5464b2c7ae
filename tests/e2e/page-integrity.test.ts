// Regressions found while writing the carrier path tests: the CSP must allow everything the
// pages use, a refused upload must not break the page's scripts, and counts read right.
import type { Browser, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { launchBrowser, newPage } from "./support/browser";
import { catalogue } from "../../app/i18n/catalogue";
import { translator } from "../../app/i18n";
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

/** The requests of the catalogue's language chunks (assets/de-<hash>.js, assets/en-<hash>.js; decision 0029) while `during` runs. */
async function languageChunksLoaded(page: Page, during: () => Promise<void>): Promise<string[]> {
  const loaded: string[] = [];
  const listener = (request: { url: () => string }) => {
    const language = /\/assets\/(de|en)-[\w-]+\.js$/.exec(new URL(request.url()).pathname)?.[1];
    if (language) loaded.push(language);
  };
  page.on("request", listener);
  try {
    await during();
    await page.waitForLoadState("networkidle");
  } finally {
    page.off("request", listener);
  }
  return loaded;
}

const hydrated = (page: Page) => page.waitForFunction(() => "__remixRouter" in window);

const KEYS = new Set(Object.keys(catalogue.de));

/**
 * Starts recording every text and attribute value the page shows from now on (what React
 * inserts or changes); the returned function gives the catalogue keys among them: a key
 * shown instead of its text, even for a moment.
 */
async function watchForKeys(page: Page): Promise<() => Promise<string[]>> {
  await page.evaluate(() => {
    const seen: string[] = [];
    (window as { seenTexts?: string[] }).seenTexts = seen;
    const take = (node: Node) => {
      if (node.nodeType === Node.TEXT_NODE) seen.push(node.textContent ?? "");
      if (node instanceof Element) {
        if (node.id === "seitentexte") return;
        seen.push(node.textContent ?? "");
        for (const element of [node, ...node.querySelectorAll("*")]) for (const attribute of element.attributes) seen.push(attribute.value);
      }
    };
    new MutationObserver((records) => {
      for (const record of records) {
        if (record.type === "characterData") take(record.target);
        if (record.type === "attributes" && record.target instanceof Element) seen.push(record.target.getAttribute(record.attributeName!) ?? "");
        record.addedNodes.forEach(take);
      }
    }).observe(document, { subtree: true, childList: true, characterData: true, attributes: true });
  });
  return async () => {
    const seen = await page.evaluate(() => (window as { seenTexts?: string[] }).seenTexts ?? []);
    expect(seen.length).toBeGreaterThan(0);
    return [...new Set(seen.flatMap((text) => text.match(/[\w.-]+/g) ?? []).map((token) => token.replace(/\.+$/, "")).filter((token) => KEYS.has(token)))];
  };
}

/**
 * The messages of the page's inline catalogue that its HTML does not show: every literal part
 * of a message's text (between its placeholders) must be in a text or an attribute of the
 * page. `later` are keys a component declares for text only the browser shows (useMessagesForLater).
 */
async function inlineMessagesNotShown(page: Page, later: string[] = []): Promise<{ keys: number; unused: string[] }> {
  return page.evaluate((later) => {
    const normalise = (s: string) => s.replace(/\s+/g, " ").trim();
    const inline = document.getElementById("seitentexte");
    const messages = JSON.parse(inline?.textContent ?? "{}") as Record<string, string>;
    const shown: string[] = [document.title];
    for (const element of document.querySelectorAll("*")) {
      if (element === inline) continue;
      for (const attribute of element.attributes) shown.push(attribute.value);
      for (const child of element.childNodes) if (child.nodeType === Node.TEXT_NODE) shown.push(child.textContent ?? "");
    }
    const haystack = normalise(shown.join("\n"));
    const texts = normalise(shown.join(" "));
    const unused = Object.entries(messages)
      .filter(([key]) => !later.includes(key))
      .filter(([, text]) => text.split(/\{\w+\}/).map(normalise).filter(Boolean).some((part) => !haystack.includes(part) && !texts.includes(part)))
      .map(([key]) => key);
    return { keys: Object.keys(messages).length, unused };
  }, later);
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

    it("hydrates a signed-in page from the messages it carries, without loading its language, in German and after the switch in English", async () => {
      const documents = `/traeger/bewerbungen/${applicationId}/unterlagen`;
      await expect(languageChunksLoaded(page, async () => {
        await page.goto(documents);
        await hydrated(page);
      })).resolves.toEqual([]);
      // The page carries only what its HTML shows, and the upload form's progress and failure texts (upload-form.tsx).
      const carried = await inlineMessagesNotShown(page, ["upload.progress", "upload.failed"]);
      expect(carried.unused).toEqual([]);
      expect(carried.keys).toBeGreaterThan(20);
      await expect(languageChunksLoaded(page, async () => {
        await page.getByRole("button", { name: "English", exact: true }).click();
        await page.getByRole("button", { name: "Deutsch", exact: true }).waitFor();
        await hydrated(page);
      })).resolves.toEqual([]);
      await expect(page.locator("main").innerText()).resolves.toContain("The organisation's documents");
      await page.getByRole("button", { name: "Deutsch", exact: true }).click();
      await page.getByRole("button", { name: "English", exact: true }).waitFor();
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

    it("shows another route's texts after a client-side navigation and a refusal after a JavaScript submission, in German and in English, never a key", async () => {
      const overview = `/traeger/bewerbungen/${applicationId}`;
      for (const language of ["de", "en"] as const) {
        const messages = catalogue[language];
        const lot = translator(language)("application.lotLabel", { number: 3, role: "Flüchtlingsbegleitung", region: "Region Nord" });
        // A new document of the overview, then its link to a lot page: a route with other keys.
        await page.goto(overview);
        await hydrated(page);
        await page.evaluate(() => ((window as { sameDocument?: boolean }).sameDocument = true));
        let keysShown = await watchForKeys(page);
        await expect(languageChunksLoaded(page, async () => {
          await page.getByRole("link", { name: lot, exact: true }).click();
          await page.getByRole("heading", { level: 1, name: lot }).waitFor();
        })).resolves.toEqual([language]);
        await expect(keysShown()).resolves.toEqual([]);
        await expect(page.locator("main").innerText()).resolves.toContain(messages["lot.hours"]);
        await expect(page.evaluate(() => (window as { sameDocument?: boolean }).sameDocument)).resolves.toBe(true);
        // A new document of the lot page, then a refused post that Remix's form sends with fetch.
        await page.reload();
        await hydrated(page);
        await page.evaluate(() => ((window as { sameDocument?: boolean }).sameDocument = true));
        keysShown = await watchForKeys(page);
        await expect(languageChunksLoaded(page, async () => {
          await page.getByLabel(messages["lot.hours"]).last().fill("abc");
          await page.getByRole("button", { name: messages["lot.save"], exact: true }).click();
          await page.getByRole("heading", { name: messages["form.errorSummary"] }).waitFor();
        })).resolves.toEqual([language]);
        await expect(page.evaluate(() => (window as { sameDocument?: boolean }).sameDocument)).resolves.toBe(true);
        await expect(keysShown()).resolves.toEqual([]);
        if (language === "de") {
          await page.getByRole("button", { name: "English", exact: true }).click();
          await page.getByRole("button", { name: "Deutsch", exact: true }).waitFor();
        }
      }
      await page.getByRole("button", { name: "Deutsch", exact: true }).click();
      await page.getByRole("button", { name: "English", exact: true }).waitFor();
      await page.waitForLoadState("networkidle");
      expect(errors).toEqual([]);
    });
  });
});
