// The officer's client figures and staffing plan pages in Chromium, with axe on each: a
// CSV with a bad row is refused naming line and column; figures entered by form give a
// live plan with the arithmetic and the chart; a stored plan recomputes when new figures
// come in and shows the difference; the CSV and PDF exports download. The decided demo
// call's plan warns while a cooperation declaration of its split tandem (Region Süd) is
// missing, and the warning shrinks once a carrier declares on its page (errors first). Its
// call page shows the retention date and what goes then; a later date needs a reason and is
// refused before the legal minimum or in the past (decision 0036).
//
// The call is this file's own draft (imported with the CLI under a fresh slug), so that the
// figures entered here change no other file's call; drafts are not on the public pages.
import { spawnSync } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import type { Browser, Page } from "playwright-core";
import { extractText } from "unpdf";
import { afterAll, beforeAll, describe, expect, inject, it } from "vitest";
import { DEMO_CARRIER_PASSWORD } from "../../app/demo/historic-procedure.server";
import { expectAccessible, launchBrowser, newPage } from "./support/browser";
import { signIn } from "./support/staff";
import { passSecondFactor } from "./support/second-factor";

const OFFICER_A = { email: "vergabe.a@demo.example", password: "demo-vergabe-a-2017" };
const SLUG = `stellenplan-${Date.now().toString(36)}`;
const HUB = `/verwaltung/aufrufe/${SLUG}`;
const FIGURES: Record<string, [number, number, number]> = {
  "Region Nord": [1240, 410, 95],
  "Region Ost": [980, 300, 60],
  "Region Süd": [700, 250, 40],
  "Region West": [1500, 500, 120],
};
const GROUPS = [
  "Geflüchtete im laufenden oder ohne abgeschlossenes Asylverfahren",
  "Menschen mit Bleiberecht (ab elektronischem Aufenthaltstitel)",
  "davon besonders schutzbedürftige Geflüchtete",
];

let browser: Browser;
let page: Page;
let tmp: string;
// A style or script the CSP blocks shows up as a console error.
const browserErrors: string[] = [];

beforeAll(async () => {
  tmp = fs.mkdtempSync(path.join(os.tmpdir(), "staffing-e2e-"));
  const definition = JSON.parse(fs.readFileSync("app/calls/dresden-2017.json", "utf8"));
  definition.slug = SLUG;
  definition.title = `Stellenplantest ${SLUG}`;
  const file = path.join(tmp, "call.json");
  fs.writeFileSync(file, JSON.stringify(definition));
  const result = spawnSync("node_modules/.bin/tsx", ["scripts/portal.ts", "call:import", file], {
    env: { ...process.env, DATA_DIR: inject("dataDir") },
    encoding: "utf8",
  });
  expect(result.stderr).toBe("");
  expect(result.status).toBe(0);
  browser = await launchBrowser();
  page = await newPage(browser);
  page.on("pageerror", (error) => browserErrors.push(`pageerror on ${page.url()}: ${error.message}`));
  page.on("console", (message) => {
    if (message.type() === "error" && !message.text().startsWith("Failed to load resource:")) browserErrors.push(`console.error on ${page.url()}: ${message.text()}`);
  });
  await page.goto("/anmelden");
  await page.getByLabel("E-Mail-Adresse").fill(OFFICER_A.email);
  await page.getByLabel("Passwort").fill(OFFICER_A.password);
  await page.getByRole("button", { name: "Anmelden" }).click();
  await passSecondFactor(page, OFFICER_A, "/verwaltung");
}, 120_000);
afterAll(async () => {
  await browser?.close();
  if (tmp) fs.rmSync(tmp, { recursive: true, force: true });
});

async function fieldsetInput(region: string, label: string) {
  return page.getByRole("group", { name: region }).getByLabel(label, { exact: true });
}

describe("client figures and staffing plan pages", () => {
  it("links both pages from the call hub and says which figures the plan still lacks", async () => {
    await page.goto(HUB);
    await page.getByRole("link", { name: "Stellenplan", exact: true }).click();
    await page.waitForURL(`**${HUB}/stellenplan`);
    await expect(page.getByRole("alert").innerText()).resolves.toContain("Los 2: keine Fallzahlen für Region nord");
    await expectAccessible(page);
  });

  it("refuses a CSV file with a bad row, naming line and column, and stores nothing", async () => {
    await page.goto(`${HUB}/fallzahlen`);
    await expectAccessible(page);
    await page.getByLabel("CSV-Datei", { exact: true }).setInputFiles({
      name: "fallzahlen.csv",
      mimeType: "text/csv",
      buffer: Buffer.from("\uFEFFregion;zielgruppe;anzahl;stand\r\nnord;asyl;1240;31.10.2026\r\nost;asyl;viele;31.10.2026\r\n", "utf8"),
    });
    await page.getByRole("button", { name: "Datei prüfen und speichern" }).click();
    await expect(page.locator("#csv-fehler").innerText()).resolves.toContain("Zeile 3, Spalte „anzahl“: „viele“ ist keine ganze Zahl ab 0.");
    await expect(page.locator("main").innerText()).resolves.toContain("Noch keine Fallzahlen erfasst.");
    await expectAccessible(page);
  });

  it("refuses a binary file by its bytes", async () => {
    await page.goto(`${HUB}/fallzahlen`);
    await page.getByLabel("CSV-Datei", { exact: true }).setInputFiles({ name: "fallzahlen.csv", mimeType: "text/csv", buffer: Buffer.from([0x50, 0x4b, 0x03, 0x04, 0x00, 0x00]) });
    await page.getByRole("button", { name: "Datei prüfen und speichern" }).click();
    await expect(page.getByRole("alert").first().innerText()).resolves.toContain("Die Datei ist keine Textdatei in UTF-8 (CSV).");
  });

  it("stores figures entered by form and shows the live plan with the arithmetic, the chart and its table", async () => {
    await page.goto(`${HUB}/fallzahlen`);
    for (const [region, counts] of Object.entries(FIGURES)) {
      for (const [i, label] of GROUPS.entries()) await (await fieldsetInput(region, label)).fill(String(counts[i]));
    }
    await page.getByRole("button", { name: "Fallzahlen speichern" }).click();
    await page.waitForURL(/gespeichert=12/);
    await expect(page.getByRole("status").innerText()).resolves.toContain("12 Fallzahlen sind gespeichert.");
    await expectAccessible(page);

    await page.goto(`${HUB}/stellenplan`);
    const main = await page.locator("main").innerText();
    expect(main).toContain("1.240 Geflüchtete ÷ 80 = 15,5 VZÄ; Tandem 1 : 1 → 7,75 VZÄ Flüchtlingssozialarbeit");
    expect(main).toContain("Noch kein gespeicherter Stellenplan");
    expect(main).toContain("Los 2 (Region Nord, Flüchtlingssozialarbeit): kein Träger, 7,75 VZÄ unbesetzt");
    const chart = page.getByRole("img", { name: "Bedarf und Vertrag je Region und Rolle (VZÄ)" });
    await expect(chart.count()).resolves.toBe(1);
    await expect(page.locator("svg desc").textContent()).resolves.toContain("Region Nord: Regionalkoordination Bedarf 1,00, Vertrag 0,00");
    await expectAccessible(page);
  });

  it("keeps a plan on request, recomputes it on new figures and shows which lots need more", async () => {
    await page.getByRole("button", { name: "Neu berechnen und speichern" }).click();
    await page.waitForURL(/neu=1/);
    await expect(page.locator("main").innerText()).resolves.toContain("Es gibt noch keinen früheren Stellenplan zum Vergleich.");

    await page.goto(`${HUB}/fallzahlen`);
    await (await fieldsetInput("Region Nord", GROUPS[0])).fill("1400");
    await page.getByRole("button", { name: "Fallzahlen speichern" }).click();
    await page.waitForURL(/plan=neu/);
    await expect(page.getByRole("status").innerText()).resolves.toContain("Der Stellenplan wurde mit den neuen Zahlen neu berechnet.");

    await page.getByRole("link", { name: "Stellenplan", exact: true }).click();
    await page.waitForURL(`**${HUB}/stellenplan`);
    const table = await page.getByRole("table", { name: "Veränderung gegenüber dem vorigen Stellenplan" }).innerText();
    expect(table).toMatch(/Los 2: Region Nord, Flüchtlingssozialarbeit\s+mehr\s+7,75\s+8,75\s+\+1,00/);
    expect(table).toMatch(/Los 3: Region Nord, Flüchtlingsbegleitung\s+mehr\s+7,75\s+8,75\s+\+1,00/);
    const history = await page.getByRole("table", { name: "Alle gespeicherten Berechnungen, neueste zuerst" }).innerText();
    expect(history).toContain("neue Fallzahlen");
    expect(history).toContain("von Hand");
    await expectAccessible(page);
  });

  it("downloads the plan as CSV and PDF", async () => {
    const csv = await page.request.get(`${HUB}/stellenplan.csv`);
    expect(csv.status()).toBe(200);
    expect(csv.headers()["content-disposition"]).toBe(`attachment; filename="stellenplan-${SLUG}.csv"`);
    expect(await csv.text()).toContain("Los;2;Region Nord;Flüchtlingssozialarbeit;8,75;0,00;8,75;0,0;;;");
    const pdf = await page.request.get(`${HUB}/stellenplan.pdf`);
    expect(pdf.headers()["content-type"]).toBe("application/pdf");
    const { text } = await extractText(new Uint8Array(await pdf.body()), { mergePages: true });
    expect(text.replace(/\s+/g, " ")).toContain("1.400 Geflüchtete ÷ 80 = 17,5 VZÄ; Tandem 1 : 1 -> 8,75 VZÄ Flüchtlingssozialarbeit");
  });

  it("warns on the decided call's plan while a cooperation declaration is missing, until the carrier declares on its page", async () => {
    const PLAN = "/verwaltung/aufrufe/dresden-2017/stellenplan";
    const warning = () => page.locator(".kern-alert", { hasText: "Kooperationserklärungen" }).innerText();
    await page.goto(PLAN);
    await expect(warning()).resolves.toContain("Region Süd: Tandem geteilt, Kooperationserklärung von Sozialwerk Heidepark gGmbH (fiktiv) fehlt");
    await expectAccessible(page);

    // The demo's second illustrative carrier (its password is not printed at start).
    const carrier = await newPage(browser);
    carrier.on("pageerror", (error) => browserErrors.push(`pageerror on ${carrier.url()}: ${error.message}`));
    await signIn(carrier, { email: "traeger.heidepark@demo.example", password: `${DEMO_CARRIER_PASSWORD}-1-nicht-gedruckt` }, "/traeger");
    await carrier.getByRole("link", { name: /Region Süd, .*Kooperation erklären/ }).click();
    await carrier.waitForURL("**/traeger/kooperation/*");
    await expect(carrier.locator("blockquote").innerText()).resolves.toContain("mit Ankommen in Dresden e. V. (fiktiv)");
    await carrier.getByLabel("Name der erklärenden Person").fill("Helga Heide");
    await carrier.getByRole("button", { name: "Kooperation erklären" }).click();
    // Refused: the message in the summary and next to the field, the name kept.
    await expect(carrier.locator(".kern-alert--danger").innerText()).resolves.toContain("Geben Sie die Funktion der erklärenden Person beim Träger an.");
    await expect(carrier.locator("#feld-funktion").getAttribute("aria-invalid")).resolves.toBe("true");
    await expect(carrier.getByLabel("Name der erklärenden Person").inputValue()).resolves.toBe("Helga Heide");
    await expectAccessible(carrier);
    await carrier.getByLabel("Funktion beim Träger").fill("Geschäftsführerin");
    await carrier.getByRole("button", { name: "Kooperation erklären" }).click();
    await carrier.waitForURL("**?erklaert=1");
    await expect(carrier.getByRole("status").first().innerText()).resolves.toContain("Ihre Kooperationserklärung ist gespeichert.");
    await expect(carrier.locator("main").innerText()).resolves.toMatch(/Erklärt am .* von Helga Heide \(Geschäftsführerin\)\./);
    await carrier.context().close();

    await page.goto(PLAN);
    const after = await warning();
    expect(after).not.toContain("Sozialwerk Heidepark");
    expect(after).toContain("Kooperationserklärung von Ankommen in Dresden e. V. (fiktiv) fehlt");
  });

  it("shows the decided call's retention date and what goes then, and keeps it longer only at a later date with a reason", async () => {
    await page.goto("/verwaltung/aufrufe/dresden-2017");
    const section = page.locator("section", { has: page.getByRole("heading", { name: "Aufbewahrung und Löschung", level: 2 }) });
    await expect(section.innerText()).resolves.toMatch(/Aufbewahrung bis\s+\d+\. \S+ \d{4} \(berechnet: 3 Jahre nach dem späteren von Zuschlag und Vertragsende/);
    await expect(section.innerText()).resolves.toContain("Exportieren Sie die Vergabeakte vor diesem Tag");
    await expectAccessible(page);
    await section.getByRole("link", { name: "Aufbewahrung und Löschung" }).click();
    await page.waitForURL("**/verwaltung/aufrufe/dresden-2017/aufbewahrung");
    await expectAccessible(page);

    // A date in the past: refused next to the field and in the summary, the reason kept.
    await page.getByLabel("Aufbewahren bis").fill("2020-01-01");
    await page.getByLabel("Begründung").first().fill("Nachprüfungsverfahren vor der Vergabekammer anhängig.");
    await page.getByRole("button", { name: "Frist speichern" }).click();
    await expect(page.locator(".kern-alert--danger").innerText()).resolves.toMatch(/Mindestfrist|in der Zukunft/);
    await expect(page.locator("#feld-bis").getAttribute("aria-invalid")).resolves.toBe("true");
    await expect(page.getByLabel("Begründung").first().inputValue()).resolves.toBe("Nachprüfungsverfahren vor der Vergabekammer anhängig.");
    await expectAccessible(page);

    await page.getByLabel("Aufbewahren bis").fill("2040-12-31");
    await page.getByRole("button", { name: "Frist speichern" }).click();
    await page.waitForURL("**?gespeichert=1");
    await expect(page.locator("main").innerText()).resolves.toMatch(/Aufbewahrung bis\s+31\. Dezember 2040 \(von der Vergabestelle verlängert\)/);
    await expectAccessible(page);
  });

  it("ran without errors in the browser (nothing blocked by the CSP)", () => {
    expect(browserErrors).toEqual([]);
  });
});
