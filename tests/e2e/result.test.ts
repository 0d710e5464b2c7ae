// The public result in Chromium, without an account: /ergebnis answers 404 until the award;
// then it shows per lot the carriers, FTE, value and date, the cancelled lot with its reason,
// in German and English, with and without JavaScript, and passes axe; the call page links the
// result and states the cancelled lot; the start page lists the call as decided.
//
// The call goes through the real award procedure (tests/support/award.ts, no mails): lot 15
// cancelled, lot 2 split between Alpha (5.00 FTE) and Beta (2.75), Gamma 2.00 FTE in lot 4.
// Changing a call's status changes the public start page, which other files check exactly,
// so this file runs its own server (the build of the global setup) on a database of its own.
import { randomBytes } from "node:crypto";
import type { Browser, BrowserContextOptions } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { cancelLot } from "../../app/award/cancellation.server";
import { localeCookie } from "../../app/i18n/locale.server";
import { resetEnvForTests } from "../../app/infra/env.server";
import { resetMasterKeyForTests } from "../../app/infra/sealing.server";
import { localStorage } from "../../app/infra/storage.server";
import { buildAwardScenario, type AwardScenario } from "../support/award";
import { validateReleasePackage } from "../support/ocds-schema";
import { tempDatabase, type TempDb } from "../support/temp-db";
import { expectAccessible, launchBrowser, openPage } from "./support/browser";
import { startOwnServer, type OwnServer } from "./support/own-server";

const SLUG = "dresden-2017-demo";
const LOT_REASON = "Der Bedarf in dieser Region wird anders gedeckt.";

let t: TempDb;
let s: AwardScenario;
let earliest: Date;
let server: OwnServer | undefined;
let baseURL: string;
let browser: Browser;
const browserErrors: string[] = [];

const open = (options: BrowserContextOptions = {}) => openPage(browser, browserErrors, { baseURL, ...options });

const savedMasterKey = process.env.PORTAL_MASTER_KEY;

beforeAll(async () => {
  // The bids are sealed under a call key that the master key wraps; the result reads the
  // cost plans, so the scenario (built here) and the server share one master key.
  process.env.PORTAL_MASTER_KEY = randomBytes(32).toString("base64");
  resetEnvForTests();
  resetMasterKeyForTests();
  t = await tempDatabase();
  const storage = localStorage(`${t.dir}/files`);
  s = await buildAwardScenario({ db: t.db, storage, now: new Date("2026-11-25T10:00:00Z") });
  await s.scoreAll();
  await s.enterFigures();
  await cancelLot({ officerUserId: s.officerA, callId: s.call.id, lotId: s.lotOf("west", "fluechtlingsbegleitung"), reason: LOT_REASON, now: s.after, db: t.db, storage, sendMails: false });
  earliest = await s.preInform(new Date("2026-12-15T09:00:00Z"));

  // The server takes the master key from process.env, set above.
  server = await startOwnServer({ name: "result", dataDir: t.dir });
  baseURL = server.baseURL;
  browser = await launchBrowser();
});

afterAll(async () => {
  await browser?.close();
  await server?.stop();
  t?.cleanup();
  if (savedMasterKey === undefined) delete process.env.PORTAL_MASTER_KEY;
  else process.env.PORTAL_MASTER_KEY = savedMasterKey;
  resetEnvForTests();
  resetMasterKeyForTests();
});

describe("the public result", () => {
  it("answers 404 before the award, while the call page already states the cancelled lot", async () => {
    const page = await open();
    const response = await page.goto(`/aufrufe/${SLUG}/ergebnis`);
    expect(response?.status()).toBe(404);
    await page.goto(`/aufrufe/${SLUG}`);
    await expectAccessible(page);
    const notice = page.locator("#aufgehobene-lose");
    await expect(notice.innerText()).resolves.toContain(LOT_REASON);
    await expect(page.locator("#ergebnis").count()).resolves.toBe(0);
    await expect(page.locator("#lose tbody tr").nth(14).innerText()).resolves.toContain("Los aufgehoben");
    await page.context().close();
  });

  it("shows carriers, FTE, value and date per lot after the award, without JavaScript", async () => {
    await s.award(earliest);
    // axe needs scripts, so the pages without JavaScript are checked by a second page below.
    const page = await open({ javaScriptEnabled: false });
    await page.goto("/");
    const decided = page.locator("section", { has: page.getByRole("heading", { name: "Entschieden" }) });
    await decided.getByRole("link", { name: /^Ergebnis/ }).click();
    await page.waitForURL((url) => url.pathname === `/aufrufe/${SLUG}/ergebnis`);
    await page.goto(`/aufrufe/${SLUG}`);
    await expect(page.locator("#ergebnis").innerText()).resolves.toContain("Der Zuschlag wurde am 26. Dezember 2026 um 00:00 MEZ erteilt.");
    await page.getByRole("link", { name: "Zum Ergebnis: Träger und VZÄ je Los" }).click();
    await page.waitForURL((url) => url.pathname === `/aufrufe/${SLUG}/ergebnis`);

    const rows = await page.locator("#ergebnis-je-los tbody tr").allInnerTexts();
    expect(rows).toHaveLength(17); // 16 lots, lot 2 split between two carriers
    // 5.00 FTE × 50,000 € + 2,000 € = 252,000 € a year, over the two-year term.
    expect(rows[1]).toMatch(/^Los 2\s+Region Nord\s+Flüchtlingssozialarbeit\s+Alpha e\. V\.\s+5\s+26\. Dezember 2026\s+504\.000,00\s€$/);
    expect(rows[2]).toMatch(/^Los 2\s.*Beta e\. V\.\s+2,75\s/);
    expect(rows[3]).toMatch(/^Los 3\s.*Nicht vergeben/);
    expect(rows[4]).toMatch(/^Los 4\s.*Gamma e\. V\.\s+2\s/);
    expect(rows[15]).toMatch(/^Los 15\s.*Aufgehoben/);
    expect(rows[0]).toMatch(/^Los 1\s.*Nicht vergeben/);
    const text = await page.locator("main").innerText();
    // Delta was excluded: not named.
    expect(text).not.toContain("Delta e. V.");
    expect(text).toContain(LOT_REASON);
    expect(text).toMatch(/Vergebene Lose\s+2 von 16/);
    expect(text).toMatch(/Vergebene VZÄ zusammen\s+9,75/);
    await page.context().close();

    const checked = await open();
    for (const path of ["/", `/aufrufe/${SLUG}`, `/aufrufe/${SLUG}/ergebnis`]) {
      await checked.goto(path);
      await expectAccessible(checked);
    }
    await checked.context().close();
  });

  it("is in English when the visitor chose English", async () => {
    const page = await open();
    const cookie = (await localeCookie.serialize("en")).split(";")[0].split("=");
    await page.context().addCookies([{ name: cookie[0], value: cookie.slice(1).join("="), url: baseURL }]);
    await page.goto(`/aufrufe/${SLUG}/ergebnis`);
    await expectAccessible(page);
    await expect(page.getByRole("heading", { level: 1 }).innerText()).resolves.toBe("Result");
    await expect(page.locator("#ergebnis-tabelle").innerText()).resolves.toBe("Awards per lot: carrier, FTE, date and contract value");
    // The city-wide staffing plan the award stored, in English too.
    await expect(page.locator("#stellenplan-stadt-rollen").innerText()).resolves.toBe("Whole city: required and contracted per role");
    await page.context().close();
  });

  it("serves the awards in ocds.json, valid against the schema with the Lots extension", async () => {
    const response = await fetch(`${baseURL}/aufrufe/${SLUG}/ocds.json`);
    const pkg = await response.json();
    expect(validateReleasePackage(pkg).errors).toEqual([]);
    expect(pkg.releases[0].awards.map((a: { suppliers: { name: string }[] }) => a.suppliers[0].name)).toEqual(["Alpha e. V.", "Beta e. V.", "Gamma e. V."]);
  });

  it("logged no browser errors", () => {
    expect(browserErrors).toEqual([]);
  });
});
