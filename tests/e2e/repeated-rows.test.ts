// Repeated groups say which one they are: on a lot page every post row ("Stelle 2"), in the
// officers' call editor every row of services, criteria, concept sections and staffing rules.
// A screen reader reads each field with its row ("Stelle 2: Qualifikation"), so no two
// form fields of a page may share an accessible name. The names are Chromium's own, read
// from its accessibility tree.
import type { Browser, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { expectAccessible, launchBrowser, newPage } from "./support/browser";
import { chooseLots, DEMO_SLUG, fillPost, newCarrier, newPostRow, openLot, register, saveLot, startApplication } from "./support/carrier";
import { createOfficer, signInAsOfficer } from "./support/staff";

const LOT = "Los 2: Flüchtlingssozialarbeit – Region Nord";
/** The draft call of the global setup (a copy of Dresden's call); the test only reads its editor. */
const DRAFT_EDITOR = "/verwaltung/aufrufe/entwurf-2018/bearbeiten";
// Form fields and their groups; the parts of a date field (day, month, …) are Chromium's own
// spin buttons, named by the browser, and left out.
const FIELD_ROLES = new Set(["textbox", "checkbox", "radio", "combobox", "searchbox", "group", "radiogroup"]);

let browser: Browser;

beforeAll(async () => {
  browser = await launchBrowser();
});
afterAll(async () => {
  await browser?.close();
});

type AXNode = { ignored: boolean; role?: { value: string }; name?: { value: string } };

/** Every form field and group of the page as "role: accessible name", in Chromium's words. */
async function accessibleFields(page: Page): Promise<string[]> {
  const cdp = await page.context().newCDPSession(page);
  try {
    const { nodes } = (await cdp.send("Accessibility.getFullAXTree")) as { nodes: AXNode[] };
    return nodes.filter((n) => !n.ignored && FIELD_ROLES.has(n.role?.value ?? "")).map((n) => `${n.role!.value}: ${n.name?.value ?? ""}`);
  } finally {
    await cdp.detach();
  }
}

/** The names that more than one field (or group) of the page carries. */
async function sharedNames(page: Page): Promise<string[]> {
  const seen = new Map<string, number>();
  for (const name of await accessibleFields(page)) seen.set(name, (seen.get(name) ?? 0) + 1);
  return [...seen].filter(([, n]) => n > 1).map(([name, n]) => `${name} (${n}×)`);
}

describe("post rows on a lot page", () => {
  let page: Page;

  beforeAll(async () => {
    page = await newPage(browser);
    await register(page, newCarrier("zeilen", "Sozialdienst Johannstadt e. V."));
    await startApplication(page, DEMO_SLUG);
    await chooseLots(page, [LOT]);
    await openLot(page, LOT);
  });
  afterAll(async () => {
    await page?.context().close();
  });

  it("names the first, empty row „Stelle 1“ in its legend and in every label", async () => {
    const fields = await accessibleFields(page);
    expect(fields).toEqual(
      expect.arrayContaining([
        "group: Stelle 1: weitere Stelle (leer lassen, wenn keine)",
        "textbox: Stelle 1: Wochenstunden",
        "textbox: Stelle 1: Qualifikation",
        "combobox: Stelle 1: Vorgesehene Entgeltgruppe",
        "textbox: Stelle 1: Sprachen",
      ]),
    );
    await expect(sharedNames(page)).resolves.toEqual([]);
  });

  it("tells the saved post and the empty row for the next apart after a save", async () => {
    await fillPost(newPostRow(page), { hours: "39", qualification: "Sozialarbeiterin B. A.", degree: true, payGroup: "S 12", languages: "Deutsch" });
    await saveLot(page);
    await page.waitForURL((url) => url.searchParams.get("gespeichert") === "1");

    const saved = page.getByRole("group", { name: "Stelle 1", exact: true });
    const next = page.getByRole("group", { name: "Stelle 2: weitere Stelle (leer lassen, wenn keine)", exact: true });
    await expect(saved.getByLabel("Stelle 1: Qualifikation", { exact: true }).inputValue()).resolves.toBe("Sozialarbeiterin B. A.");
    await expect(next.getByLabel("Stelle 2: Qualifikation", { exact: true }).inputValue()).resolves.toBe("");
    await expect(saved.getByRole("checkbox", { name: "Stelle 1: Diese Stelle entfernen", exact: true }).count()).resolves.toBe(1);
    await expect(next.getByRole("checkbox", { name: /^Stelle 2: Die Person hat einen pädagogischen Hochschulabschluss/ }).count()).resolves.toBe(1);
    // The row's name is read out, not shown again under its legend: the label a sighted reader sees stays short.
    await expect(next.locator("label[for='feld-stelle-1-qualification'] .kern-sr-only").textContent()).resolves.toBe("Stelle 2: ");
    await expect(page.getByLabel("Qualifikation", { exact: true }).count()).resolves.toBe(0);
    await expect(sharedNames(page)).resolves.toEqual([]);
    await expectAccessible(page);
  });
});

describe("row sections of the call editor", () => {
  let page: Page;

  beforeAll(async () => {
    page = await newPage(browser);
    await signInAsOfficer(page, createOfficer("zeilen"));
    await page.goto(DRAFT_EDITOR);
  });
  afterAll(async () => {
    await page?.context().close();
  });

  it("names every row of services, criteria and concept sections, the empty one for a new row included", async () => {
    for (const label of [
      "Leistung 1: Name",
      "Leistung 4: Name",
      "Leistung 5: Name", // the empty row for a new service
      "Kriterium 1: Gewicht in Prozent",
      "Kriterium 2: Gewicht in Prozent",
      "Abschnitt 1: Überschrift",
      "Abschnitt 2: Überschrift",
    ]) {
      await expect(page.getByLabel(label, { exact: true }).count(), label).resolves.toBe(1);
    }
    await expect(page.getByRole("group", { name: "Leistung 5: neu (leer lassen, wenn keine)", exact: true }).count()).resolves.toBe(1);
  });

  it("names the staffing rule of each service, its choice and each option included", async () => {
    await expect(page.getByRole("group", { name: "Regionalkoordination: Grundlage", exact: true }).count()).resolves.toBe(1);
    await expect(page.getByRole("radio", { name: "Regionalkoordination: feste Stellen je Region", exact: true }).count()).resolves.toBe(1);
    await expect(page.getByLabel("Flüchtlingssozialarbeit: Anteil am Schlüssel in Prozent", { exact: true }).count()).resolves.toBe(1);
  });

  it("gives no two fields of the editor the same name", async () => {
    await expect(sharedNames(page)).resolves.toEqual([]);
    await expectAccessible(page);
  });
});
