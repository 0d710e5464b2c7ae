// Bieterfragen end to end: a carrier asks, an officer answers with a rephrased question,
// the answer is published without anything about the asker, and every organisation that
// started an expression of interest on the call gets the answer by mail (real SMTP).
import type { Browser, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { expectAccessible, launchBrowser, newPage } from "./support/browser";
import { confirmationLink, confirmWithLink, DEMO_SLUG, newCarrier, register, startApplication } from "./support/carrier";
import { isTo, mailsMatching, waitForMail } from "./support/mail";
import { passSecondFactor } from "./support/second-factor";

const OFFICER = { email: "vergabe.a@demo.example", password: "demo-vergabe-a-2017" };
const CALL_TITLE = "Demo: Aufruf zur Interessenbekundung: Soziale Betreuung von Geflüchteten in Dresden ab 1. Juni 2017";
const QUESTIONS_PATH = `/aufrufe/${DEMO_SLUG}/fragen`;

let browser: Browser;
let asker: Page;
let bidder: Page;
let bystander: Page;

// The asker writes its own name and address into the question; the officer removes them.
const askerAccount = newCarrier("fragend", "Sozialwerk Pieschen e. V.");
const bidderAccount = newCarrier("mitbieter", "Lebenshilfe Gorbitz gGmbH");
const bystanderAccount = newCarrier("unbeteiligt", "Ohne Bewerbung e. V.");
const stamp = Date.now().toString(36);
const originalQuestion =
  `Wir vom ${askerAccount.organisationName} betreiben schon zwei Wohnheime in Pieschen (Kontakt: ${askerAccount.email}). ` +
  `Dürfen wir Stellen aus Los 2 und Los 6 in einer Person bündeln? [${stamp}]`;
const publicQuestion = `Dürfen Stellen aus zwei Losen in einer Person gebündelt werden? [${stamp}]`;
const answer = `Ja, sofern der Umfang je Los ausgewiesen wird und insgesamt 1,0 VZÄ nicht übersteigt. [${stamp}]`;

beforeAll(async () => {
  browser = await launchBrowser();
  [asker, bidder, bystander] = await Promise.all([newPage(browser), newPage(browser), newPage(browser)]);
  // The asker and another bidder start an expression of interest; the bystander does not.
  await register(asker, askerAccount);
  await confirmWithLink(asker, await confirmationLink(askerAccount.email));
  await startApplication(asker, DEMO_SLUG);
  await register(bidder, bidderAccount);
  await startApplication(bidder, DEMO_SLUG);
  await register(bystander, bystanderAccount);
});
afterAll(async () => {
  await browser?.close();
});

describe("questions and answers", () => {
  it("lets a carrier ask a question, refusing an empty one", async () => {
    await asker.goto(QUESTIONS_PATH);
    const field = asker.getByLabel("Ihre Frage");
    await field.waitFor();
    await expectAccessible(asker);

    await asker.getByRole("button", { name: "Frage senden" }).click();
    await asker.locator("#feld-frage-fehler").waitFor();
    await expect(asker.locator("#feld-frage-fehler").innerText()).resolves.toContain("Bitte schreiben Sie Ihre Frage.");
    await expect(asker.locator(".kern-alert--danger a[href='#feld-frage']").innerText()).resolves.toContain("Bitte schreiben Sie Ihre Frage.");
    await expectAccessible(asker);

    await field.fill(originalQuestion);
    await asker.getByRole("button", { name: "Frage senden" }).click();
    await asker.waitForURL((url) => url.searchParams.get("gestellt") === "1");
    await asker.getByText("Ihre Frage ist eingegangen. Die Antwort wird hier veröffentlicht.").waitFor();
    const own = asker.locator("#eigene-fragen");
    await expect(own.innerText()).resolves.toContain(originalQuestion);
    await expect(own.innerText()).resolves.toMatch(/noch nicht beantwortet/);
    await expectAccessible(asker);

    // Not published yet.
    const response = await fetch(new URL(QUESTIONS_PATH, asker.url()));
    expect(await response.text()).not.toContain(stamp);
  });

  it("lets an officer answer it with a rephrased question", async () => {
    const officer = await newPage(browser);
    await officer.goto("/anmelden");
    await officer.getByLabel("E-Mail-Adresse").fill(OFFICER.email);
    await officer.getByLabel("Passwort").fill(OFFICER.password);
    await officer.getByRole("button", { name: "Anmelden" }).click();
    await passSecondFactor(officer, OFFICER, "/verwaltung");

    await officer.goto("/verwaltung/fragen");
    const card = officer.locator("section", { has: officer.locator("blockquote", { hasText: stamp }) });
    await expect(card.count()).resolves.toBe(1);
    await expect(card.locator("blockquote").innerText()).resolves.toBe(originalQuestion);
    await expect(card.getByRole("heading").innerText()).resolves.toContain(CALL_TITLE);
    const published = card.getByLabel("Frage, wie sie veröffentlicht wird");
    await expect(published.inputValue()).resolves.toBe(originalQuestion);
    await expectAccessible(officer);

    await published.fill(publicQuestion);
    await card.getByLabel("Antwort", { exact: true }).fill(answer);
    await card.getByRole("button", { name: "Antwort veröffentlichen" }).click();
    await officer.waitForURL((url) => url.pathname === "/verwaltung/fragen" && url.searchParams.get("beantwortet") === "1");
    await officer.locator("blockquote", { hasText: stamp }).waitFor({ state: "detached" });
    await officer.context().close();
  });

  it("publishes the answer without the asker's organisation or email anywhere on the public page", async () => {
    const visitor = await newPage(browser);
    await visitor.goto(QUESTIONS_PATH);
    const answers = visitor.locator("section", { has: visitor.getByRole("heading", { name: /^Fragen und Antworten \(\d+\)$/ }) });
    const item = answers.locator("li", { hasText: stamp });
    await expect(item.innerText()).resolves.toContain(`Frage: ${publicQuestion}`);
    await expect(item.innerText()).resolves.toContain(`Antwort: ${answer}`);
    await expectAccessible(visitor);

    // Not in the text, the markup or the serialised loader data of the page.
    const html = await visitor.content();
    for (const secret of [askerAccount.organisationName, askerAccount.email, askerAccount.name, originalQuestion, "Pieschen"]) {
      expect(html, secret).not.toContain(secret);
    }
    // Nor in the data a client-side navigation would load (single fetch: <path>.data).
    const data = await visitor.request.get(`${QUESTIONS_PATH}.data`);
    expect(data.status()).toBe(200);
    const json = await data.text();
    expect(json).toContain(publicQuestion);
    for (const secret of [askerAccount.organisationName, askerAccount.email, originalQuestion]) expect(json, secret).not.toContain(secret);
    await visitor.context().close();

    // The asker sees the own question as answered.
    await asker.goto(QUESTIONS_PATH);
    await expect(asker.locator("#eigene-fragen").innerText()).resolves.toMatch(/beantwortet/);
  });

  it("mails the answer to every organisation that started an expression of interest, one mail each", async () => {
    const subject = `Neue Antwort zum Aufruf „${CALL_TITLE}“`;
    const about = (m: { subject: string; text: string }) => m.subject === subject && m.text.includes(stamp);
    for (const account of [askerAccount, bidderAccount]) {
      const mail = await waitForMail((m) => about(m) && isTo(m, account.email));
      expect(mail.to).toHaveLength(1);
      expect(mail.headers.cc).toBeUndefined();
      expect(mail.headers.bcc).toBeUndefined();
      expect(mail.text).toContain(publicQuestion);
      expect(mail.text).toContain(answer);
      expect(mail.text).toContain(`/aufrufe/${DEMO_SLUG}/fragen`);
      for (const secret of [askerAccount.organisationName, askerAccount.email, "Pieschen"]) {
        expect(mail.text, secret).not.toContain(secret);
        expect(mail.html, secret).not.toContain(secret);
      }
    }
    // The answer goes out in the officer's request, before its redirect: all mail is in.
    expect(mailsMatching((m) => about(m) && isTo(m, bystanderAccount.email))).toEqual([]);

    // The other bidder also finds it on the dashboard.
    await bidder.goto("/traeger");
    const answered = bidder.locator("section", { has: bidder.getByRole("heading", { name: "Beantwortete Fragen zu Ihren Aufrufen" }) });
    await expect(answered.innerText()).resolves.toContain(answer);
  });
});
