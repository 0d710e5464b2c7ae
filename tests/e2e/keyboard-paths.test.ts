// By keyboard alone (issue 11, point 7): each role's main path in Chromium with Tab,
// Shift+Tab, Enter, Space and the arrow keys, never a click. tests/e2e/support/keyboard.ts
// finds every control by moving focus until it has the wanted role and accessible name, and
// checks after every key that focus is visible (in view, :focus-visible, an outline or
// shadow that differs from the unfocused look) and never lost: on <body> only at the start
// of a page. A form sent with errors puts focus on its error summary.
//
//   - a carrier, on the shared server: registers (a refused registration first), is asked to
//     check the mail, confirms the address with the link from the mail, signs in, starts an expression of
//     interest on the open demo call, chooses a lot, fills the concept, a post and the cost
//     plan (a save refused for a missing degree first, the summary's link leads to the
//     field), uploads the concept and the organisation's documents through the file chooser,
//     submits and reaches the receipt;
//   - on a server of this file's own (its clock moves past the deadline), with a bid on
//     Flüchtlingssozialarbeit Nord seeded by tests/e2e/support/keyboard-seed.ts: two
//     officers each set up a second factor (a wrong code first) and open the bids with four
//     eyes; the assigned evaluator declares on conflicts of interest (a conflict without its
//     kind, then "other" without an explanation refused first), scores the bid to a final
//     score and certifies that no conflict arose; an officer computes
//     the award proposal.
//
// Only the first page of each person and the link from the mail are opened by URL.
import fs from "node:fs";
import type { Browser, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { DEMO_ACCOUNTS } from "../../app/demo/demo.server";
import { collectBrowserErrors, expectAccessible, launchBrowser, newPage } from "./support/browser";
import { confirmationLink, declareByPost, DEMO_SLUG, makePdf, newCarrier, removeTempFiles, tempFile } from "./support/carrier";
import { arrivedAt, control, KeyboardUser } from "./support/keyboard";
import type { KeyboardWorld } from "./support/keyboard-seed";
import { runWith, startOwnServer, type OwnServer } from "./support/own-server";
import { totpCode } from "./support/second-factor";

const RECEIPT_NUMBER = /EB-\d{4}-[A-Z2-9]{5}-[A-Z2-9]{5}/;
const DEMO_CALL = /^Demo: Aufruf zur Interessenbekundung/;
const STEP_TIMEOUT = 240_000;

let browser: Browser;
const browserErrors: string[] = [];

beforeAll(async () => {
  browser = await launchBrowser();
});
afterAll(async () => {
  await browser?.close();
  removeTempFiles();
});

// A keyboard user who asked for reduced motion: the page jumps to the focused control instead
// of scrolling smoothly. In the headless shell, on a loaded machine, the smooth scroll after a
// Tab twice left the control just outside the viewport for good (seen in two of four runs).
async function keyboardUser(baseURL?: string): Promise<KeyboardUser> {
  const page = await newPage(browser, { reducedMotion: "reduce", ...(baseURL ? { baseURL } : {}) });
  collectBrowserErrors(page, browserErrors);
  return new KeyboardUser(page);
}

/** On /anmelden: types the address and the password and sends the form. */
async function signIn(kb: KeyboardUser, account: { email: string; password: string }) {
  await kb.fill(control("textbox", "E-Mail-Adresse"), account.email);
  await kb.fill(control("textbox", "Passwort"), account.password);
  await kb.activate(control("button", "Anmelden"));
}

const mainText = (page: Page) => page.locator("main").innerText();

describe("by keyboard alone", () => {
  it("takes a carrier from the registration through the mail's link, the sign-in, a lot and the uploads to the receipt", async () => {
    const kb = await keyboardUser();
    const { page } = kb;
    const carrier = newCarrier("tastatur", "Tastaturhilfe e. V.");
    const lot = /^Los 2: Flüchtlingssozialarbeit/;

    await page.goto("/registrieren");
    await expectAccessible(page);
    await kb.fill(control("textbox", "Name der Organisation"), carrier.organisationName);
    await kb.fill(control("textbox", "Rechtsform"), "eingetragener Verein (e. V.)");
    await kb.fill(control("textbox", "Straße und Hausnummer"), "Königsbrücker Straße 12");
    await kb.fill(control("textbox", "Postleitzahl"), "01099");
    await kb.fill(control("textbox", "Ort"), "Dresden");
    // The arrow keys choose in a radio group: "Nein" (no certificate of non-profit status).
    await kb.choose(/gemeinnützig/, "Nein");
    await kb.fill(control("textbox", "Ihr Name"), carrier.name);
    await kb.fill(control("textbox", "E-Mail-Adresse"), carrier.email);
    await kb.fill(control("textbox", "Passwort"), "zu kurz");
    await kb.activate(control("button", "Registrieren"));
    await kb.expectFocusOnErrors();
    await expect(page.getByRole("alert").first().innerText()).resolves.toContain("Das Passwort ist zu kurz");
    // The summary's link leads to the field; what was typed is still there.
    await kb.activate(control("link", /Passwort/));
    await kb.expectFocusOn(control("textbox", "Passwort"));
    await expect(page.getByRole("textbox", { name: "Name der Organisation" }).inputValue()).resolves.toBe(carrier.organisationName);
    // Refused a second time with the same error: focus goes to the summary again.
    await kb.fill(control("textbox", "Passwort"), "noch kurz");
    await kb.activate(control("button", "Registrieren"));
    await kb.expectFocusOnErrors();
    await kb.activate(control("link", /Passwort/));
    await kb.fill(control("textbox", "Passwort"), carrier.password);
    await kb.activate(control("button", "Registrieren"));
    // The same answer as for a taken address (G15): nobody is signed in by registering.
    await arrivedAt(page, (url) => url.pathname === "/registrieren", "Bitte prüfen Sie Ihr E-Mail-Postfach");

    // The person opens the link from the mail and confirms, then signs in.
    await page.goto(await confirmationLink(carrier.email));
    await kb.activate(control("button", "E-Mail-Adresse bestätigen"));
    await arrivedAt(page, (url) => url.pathname === "/anmelden", "Anmelden");
    await signIn(kb, carrier);
    await arrivedAt(page, (url) => url.pathname === "/traeger" && url.searchParams.get("bestaetigt") === "1", carrier.organisationName);
    await page.getByText("Ihre E-Mail-Adresse ist bestätigt.").waitFor();

    await kb.activate(control("button", /^Interessenbekundung beginnen: Demo:/));
    await arrivedAt(page, /\/traeger\/bewerbungen\/[^/]+$/, "Interessenbekundung");
    await kb.check(control("checkbox", lot));
    await kb.activate(control("button", "Auswahl speichern"));
    await arrivedAt(page, /\/traeger\/bewerbungen\/[^/]+#lose$/, "Interessenbekundung");
    await kb.activate(control("link", lot));
    await arrivedAt(page, /\/lose\/[^/]+$/, lot);

    // The concept: one text per section, found by its label.
    const sections = await page.locator("textarea[name^='konzept-']").evaluateAll((areas) => areas.map((a) => (a as HTMLTextAreaElement).labels?.[0]?.textContent?.trim() ?? ""));
    expect(sections.length).toBeGreaterThan(0);
    for (const section of sections) await kb.fill(control("textbox", section), `${section}: aufsuchend.`);
    // The new post, without the degree this role requires: refused.
    await kb.fill(control("textbox", /Wochenstunden/), "39");
    await kb.fill(control("textbox", /Qualifikation/), "Sozialarbeiterin B. A.");
    await kb.select(control("combobox", /Entgeltgruppe/), "S 12");
    await kb.fill(control("textbox", /Sprachen/), "Deutsch, Arabisch");
    await kb.fill(control("textbox", /Personalkosten/), "52.000");
    await kb.fill(control("textbox", /Sachkosten/), "3.000");
    await kb.fill(control("textbox", /Verwaltungskosten/), "2.500");
    await kb.activate(control("button", "Entwurf speichern"));
    await kb.expectFocusOnErrors();
    await expectAccessible(page);
    await kb.activate(control("link", /Hochschulabschluss/));
    await kb.expectFocusOn(control("checkbox", /Hochschulabschluss/));
    await kb.press("Space");
    await kb.activate(control("button", "Entwurf speichern"));
    await arrivedAt(page, (url) => url.searchParams.get("gespeichert") === "1", lot);
    await page.getByRole("heading", { name: "Berechnete Summen" }).waitFor();

    // Uploads: a file input opened with Space gives the file chooser.
    await kb.upload(/Konzept/, tempFile("Konzept Tastatur.pdf", await makePdf("Konzept Tastatur")));
    await kb.activate(control("button", /hochladen/i));
    await arrivedAt(page, (url) => url.searchParams.get("hochgeladen") === "1", lot);
    await page.getByText(/Konzept Tastatur\.pdf/).first().waitFor();
    // The link back is at the end of the page: Shift+Tab from its start reaches it first.
    await kb.activate(control("link", "Zurück zur Übersicht der Interessenbekundung"), { backwards: true });
    await arrivedAt(page, /\/traeger\/bewerbungen\/[^/]+$/, "Interessenbekundung");
    await kb.activate(control("link", /Nachweise der Organisation/));
    await arrivedAt(page, /\/unterlagen$/, "Nachweise der Organisation");
    await expectAccessible(page);
    // One upload at a time: the same keys whether the page has one form or one per document.
    for (const kind of ["Registerauszug", "Referenzen", "Erklärungen"]) {
      await kb.upload(new RegExp(kind), tempFile(`${kind}.pdf`, await makePdf(`${kind} ${carrier.organisationName}`)));
      await kb.activate(control("button", /hochladen/i));
      // The page loads anew at the same address (…?hochgeladen=1): the file's name tells.
      await page.getByText(new RegExp(`${kind}\\.pdf`)).first().waitFor();
      await page.waitForLoadState("load");
    }
    // The declarations in Textform are made by post here; carrier-path makes them by form.
    await declareByPost(page, new URL(page.url()).pathname.split("/")[3]);
    await kb.activate(control("link", "Zurück zur Übersicht der Interessenbekundung"), { backwards: true });
    await arrivedAt(page, /\/traeger\/bewerbungen\/[^/]+$/, "Interessenbekundung");
    await expect(page.locator("#vollstaendigkeit").innerText()).resolves.toContain("Vollständig");

    await kb.activate(control("link", /verbindlich einreichen/));
    await arrivedAt(page, /\/einreichen$/, /einreichen/i);
    await kb.activate(control("button", "Verbindlich einreichen"));
    await arrivedAt(page, /\/traeger\/eingaenge\/[^/]+\?neu=1$/, /Eingangsbestätigung/);
    const receipt = await mainText(page);
    expect(receipt).toContain("Ihre Interessenbekundung ist eingegangen.");
    expect(receipt).toMatch(RECEIPT_NUMBER);
    for (const file of ["Konzept Tastatur.pdf", "Registerauszug.pdf", "Referenzen.pdf", "Erklärungen.pdf"]) expect(receipt).toContain(file);
    await expectAccessible(page);
    await page.context().close();
  }, STEP_TIMEOUT);

  // The steps of the city build on each other (opened, then scored, then proposed).
  describe.sequential("the city, on a server of this file's own", () => {
    let server: OwnServer | undefined;
    let world: KeyboardWorld;
    let officerA: KeyboardUser;
    const [OFFICER_A, OFFICER_B, EVALUATOR] = DEMO_ACCOUNTS;

    beforeAll(async () => {
      server = await startOwnServer({
        name: "keyboard",
        prepare(env) {
          world = JSON.parse(runWith(env, "node_modules/.bin/tsx", ["tests/e2e/support/keyboard-seed.ts"]).trim().split("\n").pop()!);
        },
      });
      // A minute after the submission deadline (the server reads the offset on every call).
      fs.writeFileSync(server.clockFile, String(new Date(world.submissionDeadline).getTime() + 60_000 - Date.now()));
    }, 120_000);
    afterAll(async () => {
      await server?.stop();
    });

    /**
     * Signed in on /verwaltung, by keyboard from /anmelden: a first sign-in leads to the
     * second factor's enrolment (a wrong code first where asked), then on to the workspace.
     */
    async function staffMember(account: { email: string; password: string }, withWrongCode: boolean): Promise<KeyboardUser> {
      const kb = await keyboardUser(server!.baseURL);
      await kb.page.goto("/anmelden");
      await signIn(kb, account);
      await arrivedAt(kb.page, (url) => url.pathname === "/konto/zwei-faktor", /Zweiter Faktor/);
      await kb.activate(control("button", "Einrichtung beginnen"));
      // The key is read off the page, as a person types it into an authenticator app.
      const secret = (await kb.page.locator("#totp-schluessel").innerText()).trim();
      if (withWrongCode) {
        await kb.fill(control("textbox", "Code aus der Authenticator-App"), "000000");
        await kb.activate(control("button", "Zweiten Faktor einschalten"));
        await kb.expectFocusOnErrors();
      }
      await kb.fill(control("textbox", "Code aus der Authenticator-App"), await totpCode(secret));
      await kb.activate(control("button", "Zweiten Faktor einschalten"));
      await arrivedAt(kb.page, (url) => url.searchParams.get("eingeschaltet") === "1", /./);
      await expectAccessible(kb.page);
      await kb.activate(control("link", "Weiter zum Portal"));
      await arrivedAt(kb.page, (url) => url.pathname === "/verwaltung", "Arbeitsbereich");
      return kb;
    }

    /** From the workspace to the demo call's page, and on by the link named `next`. */
    async function toCallPage(kb: KeyboardUser, next: string | RegExp, heading: string | RegExp) {
      if (new URL(kb.page.url()).pathname !== "/verwaltung") {
        await kb.activate(control("link", "Arbeitsbereich"));
        await arrivedAt(kb.page, (url) => url.pathname === "/verwaltung", "Arbeitsbereich");
      }
      await kb.activate(control("link", DEMO_CALL));
      await arrivedAt(kb.page, (url) => url.pathname === `/verwaltung/aufrufe/${DEMO_SLUG}`, DEMO_CALL);
      await kb.activate(control("link", next));
      await arrivedAt(kb.page, (url) => url.pathname.startsWith(`/verwaltung/aufrufe/${DEMO_SLUG}/`), heading);
    }

    it("has two officers, each with a second factor, open the bids with four eyes", async () => {
      officerA = await staffMember(OFFICER_A, true);
      await toCallPage(officerA, "Öffnung beginnen", "Öffnung der Interessenbekundungen");
      await expectAccessible(officerA.page);
      await officerA.activate(control("button", "Öffnung beginnen"));
      await arrivedAt(officerA.page, (url) => url.searchParams.get("begonnen") === "1", "Öffnung der Interessenbekundungen");
      await officerA.page.getByText("Die Öffnung ist begonnen.").waitFor();

      const officerB = await staffMember(OFFICER_B, false);
      await toCallPage(officerB, /^Öffnung bestätigen/, "Öffnung der Interessenbekundungen");
      await officerB.activate(control("button", "Öffnung bestätigen"));
      await arrivedAt(officerB.page, (url) => url.searchParams.get("bestaetigt") === "1", "Öffnung der Interessenbekundungen");
      await officerB.page.getByText("Die Öffnung ist abgeschlossen.").waitFor();
      const record = await mainText(officerB.page);
      expect(record).toContain(`begonnen von ${OFFICER_A.name}, bestätigt von ${OFFICER_B.name}`);
      for (const name of world.carriers) expect(record).toContain(name);
      await expectAccessible(officerB.page);
      await officerB.page.context().close();
    }, STEP_TIMEOUT);

    it("has the evaluator declare on conflicts of interest and score the bid to a final score", async () => {
      const kb = await staffMember(EVALUATOR, false);
      const { page } = kb;
      const [carrier] = world.carriers;
      await kb.activate(control("link", "Meine Bewertungen"));
      await arrivedAt(page, (url) => url.pathname === "/bewertung", "Meine Bewertungen");
      await kb.activate(control("link", DEMO_CALL));
      await arrivedAt(page, (url) => url.pathname === `/bewertung/${DEMO_SLUG}`, DEMO_CALL);

      // A conflict without its kind is refused; "other" needs an explanation; both kept.
      const group = `Besteht ein Interessenkonflikt mit ${carrier}?`;
      const kinds = { role: "group" as const, name: `Art des Interessenkonflikts mit ${carrier} (eine oder mehrere)` };
      await kb.choose(group, /^Ja/);
      await kb.activate(control("button", `Erklärung zu ${carrier} abgeben`));
      await kb.expectFocusOnErrors();
      await expect(page.getByRole("alert").first().innerText()).resolves.toContain("Bitte wählen Sie mindestens eine Art des Interessenkonflikts.");
      await expectAccessible(page);
      await kb.check({ ...control("checkbox", /^Sonstiges/), within: kinds });
      await kb.activate(control("button", `Erklärung zu ${carrier} abgeben`));
      await kb.expectFocusOnErrors();
      await expect(page.getByRole("alert").first().innerText()).resolves.toContain("Bitte beschreiben Sie den sonstigen Interessenkonflikt in der Erläuterung.");
      await kb.choose(group, /^Nein/);
      await kb.check({ ...control("checkbox", /^Sonstiges/), within: kinds }, false);
      await kb.activate(control("button", `Erklärung zu ${carrier} abgeben`));
      await arrivedAt(page, (url) => url.searchParams.get("erklaert") === "1", DEMO_CALL);
      await page.getByRole("button", { name: `Erklärung zu ${carrier} ändern` }).waitFor();

      await kb.activate(control("link", `${carrier}, Los ${world.lotNumber}`));
      await arrivedAt(page, /\/bewertung\/[^/]+\/[^/]+\/[^/]+$/, `Bewertung: ${carrier}`);
      await expectAccessible(page);
      // Per quality criterion: points (radio group, arrow keys), then the justification.
      const criteria = await page.locator("textarea[id^='feld-begruendung-']").evaluateAll((areas) => areas.map((a) => (a as HTMLTextAreaElement).labels?.[0]?.textContent?.trim() ?? ""));
      expect(criteria.length).toBeGreaterThan(0);
      for (const label of criteria) {
        const criterion = label.replace(/^Begründung: /, "");
        await kb.choose(new RegExp(`^${criterion.replace(/[.*+?^${}()|[\]\\]/g, "\\$&")} \\(`), /^4 – /);
        await kb.fill(control("textbox", label), `${criterion}: nachvollziehbar.`);
      }
      await kb.activate(control("button", "Bewertung abschließen"));
      await arrivedAt(page, (url) => url.searchParams.get("abgeschlossen") === "1", `Bewertung: ${carrier}`);
      await page.getByText("Ihre Bewertung ist abgeschlossen.").waitFor();
      expect(await mainText(page)).toContain("Ihre Bewertung: 4 Punkte.");

      // After the last bid: the certification that no conflict arose (then the scores count).
      await kb.activate(control("link", "Zurück zur Übersicht des Aufrufs"));
      await arrivedAt(page, (url) => url.pathname === `/bewertung/${DEMO_SLUG}`, DEMO_CALL);
      await kb.check(control("checkbox", "Ich versichere, dass während der Bewertung kein Interessenkonflikt entstanden ist."));
      await kb.activate(control("button", "Versicherung abgeben"));
      await arrivedAt(page, (url) => url.searchParams.get("versichert") === "1", DEMO_CALL);
      expect(await mainText(page)).toContain("Ihre Versicherung ist gespeichert.");
      await page.context().close();
    }, STEP_TIMEOUT);

    it("has an officer compute the award proposal from the ranking and the client figures", async () => {
      const { page } = officerA;
      await toCallPage(officerA, "Zuschlag", "Zuschlag");
      await officerA.activate(control("button", "Zuschlagsvorschlag berechnen"));
      await arrivedAt(page, (url) => url.searchParams.get("vorgeschlagen") === "1", "Zuschlag");
      await page.getByText("Der Zuschlagsvorschlag ist berechnet.").waitFor();
      const lot = page.locator("section[id^='los-']", { has: page.getByRole("heading", { name: /^Los \d+: Flüchtlingssozialarbeit, Region Nord$/ }) });
      await expect(lot.getByRole("table").innerText()).resolves.toMatch(new RegExp(`1\\s+${world.carriers[0].replace(/\./g, "\\.")}\\s+4,00\\s+4,00`));
      await expectAccessible(page);
      await page.context().close();
    }, STEP_TIMEOUT);
  });

  it("raised no JavaScript error in the browser", () => {
    expect(browserErrors).toEqual([]);
  });
});
