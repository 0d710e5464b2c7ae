import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { resetEnvForTests } from "../infra/env.server";
import type { Locale } from "../i18n";
import {
  amendmentLetter,
  complaintReceiptLetter,
  confirmEmailLetter,
  documentRequestLetter,
  escapeHtml,
  formatFileSize,
  invitationLetter,
  passwordResetLetter,
  questionAnsweredLetter,
  receiptLetter,
  withdrawalLetter,
  type Letter,
} from "./letters";

const SAVED = { PUBLIC_URL: process.env.PUBLIC_URL, CITY_NAME: process.env.CITY_NAME };
const BASE = "https://interessenbekundung.dresden.example";

beforeEach(() => {
  process.env.PUBLIC_URL = BASE;
  process.env.CITY_NAME = "Landeshauptstadt Dresden";
  resetEnvForTests();
});
afterEach(() => {
  for (const [key, value] of Object.entries(SAVED)) {
    if (value === undefined) delete process.env[key];
    else process.env[key] = value;
  }
  resetEnvForTests();
});

const EVIL = `Hilfe & Co <script>alert("x")</script> 'gGmbH'`;
const FILE_A = { name: "Konzept Region Nord.pdf", kind: "Konzept zu Los 1", sizeBytes: 1_234_567, sha256: "a".repeat(64) };
const FILE_B = { name: "Satzung.pdf", kind: "Unterschriebene Erklärungen (unter anderem zur angemessenen Vergütung)", sizeBytes: 48_200, sha256: "0123456789abcdef".repeat(4) };

function receipt(organisationName = "Sozialwerk Elbtal e. V.") {
  return receiptLetter({
    name: "Anna Müller",
    organisationName,
    callTitle: "Soziale Betreuung von Geflüchteten in Dresden ab 1. Juni 2017",
    receiptNumber: "IB-2017-0042",
    submittedAt: new Date("2017-02-28T10:59:59.250Z"),
    lots: ["Los 1: Regionalkoordination, Region Nord", "Los 5: Flüchtlingssozialarbeit, Region Nord"],
    files: [FILE_A, FILE_B],
    submissionHash: "f".repeat(64),
    auditHead: "e".repeat(64),
    dashboardUrl: `${BASE}/traeger/interessenbekundungen/xyz`,
  });
}

const VALID_UNTIL = new Date("2017-02-01T09:30:00Z"); // 10:30 MEZ

const ALL: [string, (org: string) => Letter][] = [
  ["confirmEmail", (org) => confirmEmailLetter({ name: "Anna Müller", organisationName: org, confirmUrl: `${BASE}/bestaetigen/abc?x=1&y=2`, validUntil: VALID_UNTIL })],
  ["invitation", (org) => invitationLetter({ inviterName: "Anna Müller", organisationName: org, acceptUrl: `${BASE}/einladung/abc`, validUntil: VALID_UNTIL })],
  ["passwordReset", (org) => passwordResetLetter({ name: org, resetUrl: `${BASE}/passwort/abc`, validUntil: VALID_UNTIL })],
  ["receipt", (org) => receipt(org)],
  ["withdrawal", (org) => withdrawalLetter({ name: "Anna Müller", organisationName: org, callTitle: "Aufruf", receiptNumber: "IB-2017-0042", withdrawnAt: new Date("2017-02-27T16:00:00Z") })],
  ["questionAnswered", (org) => questionAnsweredLetter({ callTitle: org, question: "Frage?", answer: "Antwort.", questionsUrl: `${BASE}/aufrufe/dresden-2017/fragen` })],
];

describe("every letter", () => {
  it.each(ALL)("%s has the frame: salutation, city as sender, automatic-sending footer with the portal's URL", (_name, make) => {
    const letter = make("Sozialwerk Elbtal e. V.");
    expect(letter.subject.length).toBeGreaterThan(5);
    expect(letter.subject).not.toMatch(/[\r\n]/);
    for (const body of [letter.text, letter.html]) {
      expect(body).toMatch(/Guten Tag( [^,<]+)?,/);
      expect(body).toContain("Mit freundlichen Grüßen");
      expect(body).toContain("Landeshauptstadt Dresden – Vergabestelle");
      expect(body).toContain("automatisch versandt");
      expect(body).toContain(BASE);
    }
  });

  it.each(ALL)("%s has no HTML in its text version", (_name, make) => {
    const { text } = make("Sozialwerk Elbtal e. V.");
    expect(text).not.toMatch(/<\/?[a-z][^>]*>/i);
    expect(text).not.toMatch(/&(amp|lt|gt|quot|#\d+);/);
  });

  it.each(ALL)("%s escapes markup in the HTML version", (_name, make) => {
    const { html } = make(EVIL);
    expect(html).not.toContain("<script>");
    expect(html).toContain("&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt;");
    expect(html).toContain("Hilfe &amp; Co");
  });

  it.each(ALL)("%s has simple HTML: no styles, scripts, images or remote resources", (_name, make) => {
    const { html } = make("Sozialwerk Elbtal e. V.");
    expect(html).toMatch(/^<!DOCTYPE html>\n<html lang="de">/);
    expect(html).not.toMatch(/style=|<style|<script|<img|<link|src=/i);
  });
});

describe("confirmEmailLetter", () => {
  it("names the organisation, the link (escaped in HTML) and its validity in Berlin time", () => {
    const l = ALL[0][1]("Sozialwerk Elbtal e. V.");
    expect(l.text).toContain("Guten Tag Anna Müller,");
    expect(l.text).toContain("Sozialwerk Elbtal e. V.");
    expect(l.text).toContain(`${BASE}/bestaetigen/abc?x=1&y=2`);
    expect(l.html).toContain(`<a href="${BASE}/bestaetigen/abc?x=1&amp;y=2">`);
    expect(l.text).toContain("1. Februar 2017 um 10:30 MEZ");
  });
});

describe("invitationLetter", () => {
  it("names who invites for which organisation, the link and its validity", () => {
    const l = ALL[1][1]("Sozialwerk Elbtal e. V.");
    expect(l.text).toContain("Guten Tag,");
    expect(l.text).toContain("Anna Müller lädt Sie ein");
    expect(l.subject).toContain("Sozialwerk Elbtal e. V.");
    expect(l.text).toContain(`${BASE}/einladung/abc`);
    expect(l.text).toContain("1. Februar 2017 um 10:30 MEZ");
  });
});

describe("passwordResetLetter", () => {
  it("has the link, its validity and says to ignore it if not asked, the old password staying valid", () => {
    const l = passwordResetLetter({ name: "Anna Müller", resetUrl: `${BASE}/passwort/abc`, validUntil: VALID_UNTIL });
    expect(l.text).toContain(`${BASE}/passwort/abc`);
    expect(l.text).toContain("1. Februar 2017 um 10:30 MEZ");
    expect(l.text).toMatch(/kein neues Passwort angefordert.*ignorieren/);
    expect(l.text).toContain("bisheriges Passwort bleibt gültig");
  });
});

describe("receiptLetter", () => {
  it("lists the receipt number, the time to the second in Berlin, the lots, and each file with its SHA-256", () => {
    const l = receipt();
    expect(l.subject).toBe("Eingangsbestätigung IB-2017-0042 – Soziale Betreuung von Geflüchteten in Dresden ab 1. Juni 2017");
    const parts = [
      "IB-2017-0042",
      "28. Februar 2017 um 11:59:59 MEZ",
      "Los 1: Regionalkoordination, Region Nord",
      "Los 5: Flüchtlingssozialarbeit, Region Nord",
      FILE_A.name,
      FILE_A.sha256,
      FILE_B.name,
      FILE_B.sha256,
      "f".repeat(64),
      "e".repeat(64),
      `${BASE}/traeger/interessenbekundungen/xyz`,
      "Sozialwerk Elbtal e. V.",
    ];
    for (const body of [l.text, l.html]) for (const part of parts) expect(body, part).toContain(part);
    expect(l.text).toContain("1,2 MB");
    expect(l.text).toContain("48,2 kB");
    // Each file says what it is, with the slot's full name.
    expect(l.text).toContain(`- Konzept zu Los 1: ${FILE_A.name} (1,2 MB)`);
    expect(l.text).toContain(`- Unterschriebene Erklärungen (unter anderem zur angemessenen Vergütung): ${FILE_B.name} (48,2 kB)`);
    expect(l.text).toContain("PDF");
  });

  it("says so when no files were submitted", () => {
    const l = receiptLetter({ ...receiptParams(), files: [] });
    expect(l.text).toContain("keine Dateien");
  });
});

function receiptParams() {
  return {
    name: "Anna Müller",
    organisationName: "Sozialwerk Elbtal e. V.",
    callTitle: "Aufruf",
    receiptNumber: "IB-2017-0001",
    submittedAt: new Date("2017-02-28T10:00:00Z"),
    lots: ["Los 1"],
    files: [],
    submissionHash: "1".repeat(64),
    auditHead: "2".repeat(64),
    dashboardUrl: `${BASE}/traeger`,
  };
}

describe("withdrawalLetter", () => {
  it("names the organisation, the call, the receipt number and the time of withdrawal", () => {
    const l = ALL[4][1]("Sozialwerk Elbtal e. V.");
    expect(l.subject).toContain("IB-2017-0042");
    expect(l.text).toContain("Sozialwerk Elbtal e. V.");
    expect(l.text).toContain("„Aufruf“");
    expect(l.text).toContain("27. Februar 2017 um 17:00 MEZ");
    expect(l.text).toContain("zurückgenommen");
  });
});

describe("questionAnsweredLetter", () => {
  it("quotes question and answer, links the questions page, and names no asker", () => {
    const l = questionAnsweredLetter({
      callTitle: "Soziale Betreuung von Geflüchteten",
      question: "Dürfen sich Bietergemeinschaften bewerben?\nUnd wenn ja, wie?",
      answer: "Ja, sofern ein Mitglied federführend ist.",
      questionsUrl: `${BASE}/aufrufe/dresden-2017/fragen`,
    });
    expect(l.subject).toContain("Soziale Betreuung von Geflüchteten");
    expect(l.text).toContain("Guten Tag,");
    expect(l.text).toContain("Dürfen sich Bietergemeinschaften bewerben?");
    expect(l.text).toContain("Und wenn ja, wie?");
    expect(l.html).toContain("Dürfen sich Bietergemeinschaften bewerben?<br>");
    expect(l.text).toContain("Ja, sofern ein Mitglied federführend ist.");
    expect(l.text).toContain(`${BASE}/aufrufe/dresden-2017/fragen`);
    expect(l.text).toContain("ohne Angaben zur fragenden Person");
  });

  it("tells an organisation whose application is submitted that it may revise it until the deadline, and no one else", () => {
    const params = { callTitle: "C", question: "Frage?", answer: "Antwort.", questionsUrl: `${BASE}/aufrufe/dresden-2017/fragen` };
    const revise = "können Sie sie im Portal überarbeiten und erneut einreichen";
    const submitted = questionAnsweredLetter({ ...params, mayReviseUntil: new Date("2017-03-02T11:00:00Z") });
    expect(submitted.text).toContain(revise);
    expect(submitted.text).toContain("2. März 2017 um 12:00 MEZ");
    expect(questionAnsweredLetter(params).text).not.toContain(revise);
  });
});

describe("the frame's defaults", () => {
  it("uses a given baseUrl and cityName over PUBLIC_URL and CITY_NAME", () => {
    const l = withdrawalLetter({
      name: "A",
      organisationName: "B",
      callTitle: "C",
      receiptNumber: "D",
      withdrawnAt: new Date("2017-02-27T16:00:00Z"),
      baseUrl: "https://portal.leipzig.example/",
      cityName: "Stadt Leipzig",
    });
    expect(l.text).toContain("Stadt Leipzig – Vergabestelle");
    expect(l.text).toContain("(https://portal.leipzig.example)");
    expect(l.text).not.toContain(BASE);
  });

  it("falls back to the origin of the letter's link without PUBLIC_URL", () => {
    delete process.env.PUBLIC_URL;
    resetEnvForTests();
    const l = passwordResetLetter({ name: "A", resetUrl: "http://localhost:3000/passwort/abc", validUntil: VALID_UNTIL });
    expect(l.text).toContain("(http://localhost:3000)");
  });

  it("renders a non-web link as text, not as a link", () => {
    const l = passwordResetLetter({ name: "A", resetUrl: "javascript:alert(1)", validUntil: VALID_UNTIL });
    expect(l.html).not.toContain('href="javascript:');
  });
});

describe("helpers", () => {
  it("escapeHtml escapes the five characters", () => {
    expect(escapeHtml(`<a href="x" title='y'>&</a>`)).toBe("&lt;a href=&quot;x&quot; title=&#39;y&#39;&gt;&amp;&lt;/a&gt;");
  });
  it("formatFileSize uses decimal units and German numbers", () => {
    expect(formatFileSize(512)).toBe("512 Byte");
    expect(formatFileSize(48_200)).toBe("48,2 kB");
    expect(formatFileSize(1_234_567)).toBe("1,2 MB");
  });
});

describe("the Nachforderung letter", () => {
  it("names the receipt number, what is asked for, the due date in German time and the link", () => {
    const letter = documentRequestLetter({
      callTitle: "Aufruf 2017",
      receiptNumber: "EB-2017-ABCDE-FGHJK",
      description: "Aktueller Registerauszug <neu>",
      dueAt: new Date("2017-03-10T11:00:00Z"),
      requestUrl: "https://portal.test/traeger/nachforderungen/x1",
      baseUrl: "https://portal.test",
      cityName: "Landeshauptstadt Dresden",
    });
    expect(letter.subject).toBe("Nachforderung zu Ihrer Interessenbekundung EB-2017-ABCDE-FGHJK");
    expect(letter.text).toContain("Aktueller Registerauszug <neu>");
    expect(letter.text).toContain("10. März 2017 um 12:00 MEZ");
    expect(letter.text).toContain("https://portal.test/traeger/nachforderungen/x1");
    expect(letter.html).toContain("Aktueller Registerauszug &lt;neu&gt;");
  });
});

describe("letters in the reader's language (decision 0020)", () => {
  const HEADING = "English translation (for information; the German text is binding)";
  const FOR: [string, (org: string, reader?: Locale) => Letter][] = [
    ["confirmEmail", (org, reader) => confirmEmailLetter({ name: "Anna Müller", organisationName: org, confirmUrl: `${BASE}/bestaetigen/abc`, validUntil: VALID_UNTIL, reader })],
    ["passwordReset", (org, reader) => passwordResetLetter({ name: org, resetUrl: `${BASE}/passwort/abc`, validUntil: VALID_UNTIL, reader })],
    ["questionAnswered", (org, reader) => questionAnsweredLetter({ callTitle: org, question: "Frage?", answer: "Antwort.", questionsUrl: `${BASE}/aufrufe/dresden-2017/fragen`, reader })],
    [
      "amendment",
      (org, reader) =>
        amendmentLetter({ callTitle: org, number: 2, title: "Frist verlängert", body: "Die Frist endet später.", reason: "Antwort kurz vor Fristende", changedDates: [{ label: "call.dates.submissionDeadline", at: VALID_UNTIL }], callUrl: `${BASE}/aufrufe/dresden-2017`, reader }),
    ],
    ["complaintReceipt", (org, reader) => complaintReceiptLetter({ callTitle: "Aufruf", organisationName: org, receivedAt: VALID_UNTIL, lots: ["Los 1"], reasons: "Gründe.", reader })],
  ];

  it.each(FOR)("%s: a reader who chose English gets the German text first and then the English translation, marked as such", (_name, make) => {
    const german = make("Sozialwerk Elbtal e. V.");
    const both = make("Sozialwerk Elbtal e. V.", "en");
    expect(both.languages).toEqual(["de", "en"]);
    expect(both.subject).toBe(german.subject);
    // The German letter as a German reader gets it, up to its footer, comes first and unchanged.
    const germanBody = german.text.slice(0, german.text.indexOf("\n\n-- \n"));
    expect(both.text.startsWith(germanBody)).toBe(true);
    const rest = both.text.slice(germanBody.length);
    expect(rest.split(HEADING)).toHaveLength(2);
    expect(rest.indexOf(HEADING)).toBeLessThan(rest.indexOf("Hello"));
    expect(rest).toContain("Kind regards");
    expect(rest).toContain("This email was sent automatically by the expression-of-interest portal");
    expect(both.html).toContain(`<section lang="en">\n<h2>${HEADING}</h2>`);
    expect(both.html.indexOf("Guten Tag")).toBeLessThan(both.html.indexOf(HEADING));
    expect(both.text).not.toMatch(/<\/?[a-z][^>]*>/i);
  });

  it.each(FOR)("%s: a reader who chose German gets German only, the same letter as without a choice", (_name, make) => {
    const letter = make("Sozialwerk Elbtal e. V.", "de");
    expect(letter).toEqual(make("Sozialwerk Elbtal e. V."));
    expect(letter.languages).toEqual(["de"]);
    expect(letter.text).not.toContain("English");
    expect(letter.html).not.toContain("<section");
  });

  it.each(FOR)("%s: escapes markup in the translation too", (_name, make) => {
    const { html } = make(EVIL, "en");
    expect(html).not.toContain("<script>");
  });

  it("dates and labels the changed dates of an amendment in each language", () => {
    const { text } = FOR[3][1]("Aufruf", "en");
    expect(text).toContain("Einreichungsfrist (neu): 1. Februar 2017");
    expect(text).toContain("Submission deadline (new): 1 February 2017");
  });
});
