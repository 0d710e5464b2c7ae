import fs from "node:fs";
import path from "node:path";
import { SMTPServer } from "smtp-server";
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it, vi } from "vitest";
import { resetEnvForTests } from "../../app/infra/env.server";
import {
  listOutbox,
  mailDelivery,
  mailErrorForLog,
  outboxMessageFile,
  readOutboxMessage,
  resetMailTransportForTests,
  sendMail,
  sendToEachReader,
  withoutOneTimeLinks,
} from "../../app/infra/mail.server";
import { confirmEmailLetter, invitationLetter, passwordResetLetter, questionAnsweredLetter } from "../../app/mail/letters";
import { staffInvitationLetter } from "../../app/mail/account-letters";
import { parseMessage, startSmtpServer, type TestSmtpServer } from "../support/smtp";
import { tempDir } from "../support/temp-db";

const SAVED = { SMTP_URL: process.env.SMTP_URL, DATA_DIR: process.env.DATA_DIR, MAIL_FROM: process.env.MAIL_FROM };

function restoreEnv() {
  for (const [key, value] of Object.entries(SAVED)) {
    if (value === undefined) delete process.env[key];
    else process.env[key] = value;
  }
  resetEnvForTests();
  resetMailTransportForTests();
}

const PDF = Buffer.from("%PDF-1.7\n% Eingangsbestätigung\n%%EOF\n", "utf8");
const SUBJECT = "Eingangsbestätigung für „Flüchtlingssozialarbeit“ – Größe, Maß, Übersicht";
const TEXT = "Guten Tag Frau Müller,\n\nwir bestätigen den Eingang. Grüße aus Dresden: äöüÄÖÜß €.\n\nMit freundlichen Grüßen";

describe("sendMail by SMTP", () => {
  let smtp: TestSmtpServer;

  beforeAll(async () => {
    smtp = await startSmtpServer();
    process.env.SMTP_URL = smtp.url;
    process.env.MAIL_FROM = "Landeshauptstadt Dresden – Vergabestelle <vergabe@dresden.example>";
    resetEnvForTests();
    resetMailTransportForTests();
  });
  afterAll(async () => {
    restoreEnv(); // closes the pooled connections before the server goes
    await smtp.close();
  });

  it("delivers umlauts in subject and body intact, and the attachment", async () => {
    expect(mailDelivery()).toBe("smtp");
    const result = await sendMail({
      to: "anna.mueller@traeger.example",
      subject: SUBJECT,
      text: TEXT,
      html: "<p>Guten Tag Frau Müller,</p><p>Grüße aus Dresden: äöüÄÖÜß €.</p>",
      attachments: [{ filename: "Eingangsbestätigung-2017-001.pdf", content: new Uint8Array(PDF), contentType: "application/pdf" }],
    });
    expect(result.delivery).toBe("smtp");
    expect(result.messageId).toMatch(/^<.+@.+>$/);

    const mail = await smtp.waitFor((m) => m.to.includes("anna.mueller@traeger.example"));
    expect(mail.from).toBe("vergabe@dresden.example");
    expect(mail.subject).toBe(SUBJECT);
    expect(mail.text.trimEnd()).toBe(TEXT);
    expect(mail.html).toContain("Grüße aus Dresden: äöüÄÖÜß €.");
    expect(mail.headers.from).toBe("Landeshauptstadt Dresden – Vergabestelle <vergabe@dresden.example>");
    expect(mail.headers["message-id"]).toBe(result.messageId);
    expect(mail.attachments).toHaveLength(1);
    expect(mail.attachments[0].filename).toBe("Eingangsbestätigung-2017-001.pdf");
    expect(mail.attachments[0].contentType).toBe("application/pdf");
    expect(mail.attachments[0].content.equals(PDF)).toBe(true);
    // The wire format is 7-bit clean: nodemailer encoded the umlauts.
    expect(mail.raw).not.toMatch(/[^\x00-\x7f]/);
  });

  it("sends to several recipients and reuses the transport", async () => {
    await sendMail({ to: ["a@traeger.example", "b@traeger.example"], subject: "Zwei", text: "zwei", html: "<p>zwei</p>" });
    await sendMail({ to: "c@traeger.example", subject: "Drei", text: "drei", html: "<p>drei</p>" });
    expect((await smtp.waitFor((m) => m.subject === "Zwei")).to).toEqual(["a@traeger.example", "b@traeger.example"]);
    expect((await smtp.waitFor((m) => m.subject === "Drei")).to).toEqual(["c@traeger.example"]);
  });

  it("throws when the SMTP server cannot be reached", async () => {
    const dead = await startSmtpServer();
    const url = dead.url;
    await dead.close();
    process.env.SMTP_URL = url;
    resetEnvForTests();
    resetMailTransportForTests();
    try {
      await expect(sendMail({ to: "x@traeger.example", subject: "x", text: "x", html: "x" })).rejects.toThrow();
    } finally {
      process.env.SMTP_URL = smtp.url;
      resetEnvForTests();
      resetMailTransportForTests();
    }
  });
});

describe("sendMail without SMTP: the outbox", () => {
  let dir: { dir: string; cleanup: () => void };

  beforeEach(() => {
    dir = tempDir("portal-mail-");
    delete process.env.SMTP_URL;
    process.env.DATA_DIR = dir.dir;
    process.env.MAIL_FROM = "Interessenbekundung <portal@localhost>";
    resetEnvForTests();
    resetMailTransportForTests();
  });
  afterEach(() => {
    restoreEnv();
    dir.cleanup();
  });

  it("writes an .eml and a JSON sidecar that listOutbox and readOutboxMessage return", async () => {
    expect(mailDelivery()).toBe("outbox");
    const before = Date.now();
    const result = await sendMail({
      to: ["anna.mueller@traeger.example"],
      subject: SUBJECT,
      text: TEXT,
      html: "<p>Guten Tag Frau Müller,</p>",
      attachments: [{ filename: "Eingangsbestätigung-2017-001.pdf", content: PDF, contentType: "application/pdf" }],
      sealedUntilOpeningOf: "AufrufDerVersiegelt0001",
    });
    expect(result.delivery).toBe("outbox");
    expect(result.outboxId).toBeDefined();
    const id = result.outboxId!;
    expect(id).toMatch(/^\d{8}T\d{6}\.\d{3}Z-[A-Za-z0-9_-]{22}$/);

    const outbox = path.join(dir.dir, "outbox");
    expect(fs.readdirSync(outbox).sort()).toEqual([`${id}.eml`, `${id}.json`]); // no temporary files left
    const sidecar = JSON.parse(fs.readFileSync(path.join(outbox, `${id}.json`), "utf8"));
    expect(sidecar).toMatchObject({ id, to: ["anna.mueller@traeger.example"], subject: SUBJECT, text: TEXT });

    const entries = listOutbox();
    expect(entries).toHaveLength(1);
    const entry = entries[0];
    expect(entry).toEqual({
      id,
      to: ["anna.mueller@traeger.example"],
      subject: SUBJECT,
      createdAt: expect.any(Date),
      text: TEXT,
      attachments: ["Eingangsbestätigung-2017-001.pdf"],
      from: "Interessenbekundung <portal@localhost>",
      messageId: result.messageId,
      sealedUntilOpeningOf: "AufrufDerVersiegelt0001",
      languages: ["de"],
    });
    expect(entry.createdAt.getTime()).toBeGreaterThanOrEqual(before);
    expect(entry.createdAt.getTime()).toBeLessThanOrEqual(Date.now());
    expect(readOutboxMessage(id)).toEqual(entry);

    // The .eml is a real RFC 5322 message with CRLF line ends.
    const file = outboxMessageFile(id)!;
    const raw = fs.readFileSync(file);
    expect(raw.toString("latin1")).toMatch(/^[\s\S]*\r\n\r\n/);
    expect(raw.toString("latin1")).not.toMatch(/[^\r]\n/);
    // Which call unseals it is the outbox's business, not the recipient's.
    expect(raw.toString("latin1")).not.toContain("AufrufDerVersiegelt0001");
    const parsed = parseMessage(raw);
    expect(parsed.subject).toBe(SUBJECT);
    expect(parsed.text.trimEnd()).toBe(TEXT);
    expect(parsed.headers["message-id"]).toBe(result.messageId);
    expect(parsed.headers.date).toBeDefined();
    expect(parsed.attachments.map((a) => a.filename)).toEqual(["Eingangsbestätigung-2017-001.pdf"]);
    expect(parsed.attachments[0].content.equals(PDF)).toBe(true);
  });

  it("lists the newest message first", async () => {
    await sendMail({ to: "a@traeger.example", subject: "Erste", text: "1", html: "<p>1</p>" });
    await new Promise((r) => setTimeout(r, 5));
    await sendMail({ to: "a@traeger.example", subject: "Zweite", text: "2", html: "<p>2</p>" });
    await new Promise((r) => setTimeout(r, 5));
    await sendMail({ to: "a@traeger.example", subject: "Dritte", text: "3", html: "<p>3</p>" });
    expect(listOutbox().map((e) => e.subject)).toEqual(["Dritte", "Zweite", "Erste"]);
  });

  it("returns an empty list before any mail was written", () => {
    expect(listOutbox()).toEqual([]);
  });

  it("refuses ids that are not outbox ids (no path traversal)", async () => {
    const { outboxId } = await sendMail({ to: "a@traeger.example", subject: "x", text: "x", html: "x" });
    fs.writeFileSync(path.join(dir.dir, "secret.json"), JSON.stringify({ id: "../secret", subject: "geheim", createdAt: new Date().toISOString() }));
    expect(readOutboxMessage("../etc/passwd")).toBeNull();
    expect(readOutboxMessage("../secret")).toBeNull();
    expect(readOutboxMessage(`../outbox/${outboxId}`)).toBeNull();
    expect(readOutboxMessage(`${outboxId}/../${outboxId}`)).toBeNull();
    expect(readOutboxMessage("")).toBeNull();
    expect(readOutboxMessage("20170228T105959.123Z-AAAAAAAAAAAAAAAAAAAAAA")).toBeNull(); // well-formed, unknown
    expect(outboxMessageFile("../etc/passwd")).toBeNull();
    expect(readOutboxMessage(outboxId!)?.subject).toBe("x");
  });

  it("shows officers reset and invitation mails without their one-time token, the stored message keeping it", async () => {
    const token = "Ab3_x-".repeat(7);
    const validUntil = new Date("2017-02-01T12:00:00Z");
    const base = "https://portal.example";
    const letters = [
      passwordResetLetter({ name: "Rita", resetUrl: `${base}/passwort-neu/${token}`, validUntil }),
      invitationLetter({ inviterName: "Ina", organisationName: "Träger e. V.", acceptUrl: `${base}/einladung/${token}`, validUntil }),
      // A staff invitation (decision 0035): whoever reads it could set an officer's password.
      staffInvitationLetter({ name: "Olga", role: "officer", acceptUrl: `${base}/konto/einrichten/${token}`, validUntil }),
    ];
    for (const letter of letters) {
      const { outboxId } = await sendMail({ to: "opfer@traeger.example", ...letter });
      const stored = readOutboxMessage(outboxId!)!.text;
      expect(stored).toContain(token);
      const shown = withoutOneTimeLinks(stored);
      expect(shown).not.toContain(token);
      expect(shown).toMatch(/\/(passwort-neu|einladung|konto\/einrichten)\/\[…\]/);
    }
    // A confirmation link only confirms an address the registrant already signed up with.
    const confirm = confirmEmailLetter({ name: "Rita", organisationName: "Träger e. V.", confirmUrl: `${base}/bestaetigen/${token}`, validUntil });
    expect(withoutOneTimeLinks(confirm.text)).toContain(token);
  });

  it("writes each recipient's letter in the language they chose and records its languages, German alone for German readers", async () => {
    const written: string[] = [];
    const sent = await sendToEachReader(
      [
        { email: "de-1@traeger.example", locale: "de" },
        { email: "en@traeger.example", locale: "en" },
        { email: "de-2@traeger.example", locale: "de" },
      ],
      (reader) => {
        written.push(reader);
        return questionAnsweredLetter({ callTitle: "Aufruf", question: "Frage?", answer: "Antwort.", questionsUrl: "https://portal.example/fragen", reader });
      },
      "answer notice",
    );
    expect(sent).toBe(3);
    expect(written).toEqual(["de", "en"]); // each language written once
    const byRecipient = new Map(listOutbox().map((e) => [e.to[0], e]));
    expect(byRecipient.get("en@traeger.example")!.languages).toEqual(["de", "en"]);
    expect(byRecipient.get("en@traeger.example")!.text).toContain("English translation (for information; the German text is binding)");
    for (const german of ["de-1@traeger.example", "de-2@traeger.example"]) {
      expect(byRecipient.get(german)!.languages).toEqual(["de"]);
      expect(byRecipient.get(german)!.text).not.toContain("English");
    }
    // The .eml carries the same: the German text, then the translation in its section.
    const eml = parseMessage(fs.readFileSync(outboxMessageFile(byRecipient.get("en@traeger.example")!.id)!));
    expect(eml.text.indexOf("Guten Tag,")).toBeLessThan(eml.text.indexOf("Hello,"));
    expect(eml.html).toContain('<section lang="en">');
  });
});

describe("mail failures in the log", () => {
  let server: SMTPServer;
  let url: string;

  beforeAll(async () => {
    // An SMTP server that refuses every recipient, quoting the address as real ones do.
    server = new SMTPServer({
      disabledCommands: ["STARTTLS", "AUTH"],
      logger: false,
      onRcptTo(address, _session, callback) {
        callback(Object.assign(new Error(`5.1.1 <${address.address}>: Recipient address rejected: User unknown`), { responseCode: 550 }));
      },
    });
    await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
    url = `smtp://127.0.0.1:${(server.server.address() as { port: number }).port}`;
    process.env.SMTP_URL = url;
    resetEnvForTests();
    resetMailTransportForTests();
  });
  afterAll(async () => {
    restoreEnv();
    await new Promise<void>((resolve) => server.close(() => resolve()));
  });

  it("logs a recipient the SMTP server refuses without its address, which would name a bidder", async () => {
    const warn = vi.spyOn(console, "warn").mockImplementation(() => {});
    try {
      const sent = await sendToEachReader([{ email: "anna.mueller@traeger.example", locale: "de" }], () => ({ subject: "Änderung", text: "t", html: "<p>t</p>" }), "amendment notice");
      expect(sent).toBe(0);
      const lines = warn.mock.calls.map((c) => c.join(" "));
      expect(lines).toHaveLength(1);
      expect(lines[0]).toMatch(/^\[mail\] amendment notice to one recipient failed: .*550.*\[address\]/);
      expect(lines[0]).not.toContain("traeger.example");
    } finally {
      warn.mockRestore();
    }
  });

  it("replaces every address in an error message and keeps the rest", () => {
    expect(mailErrorForLog(new Error("Can't send mail - all recipients were rejected: 550 5.1.1 <a.b+c@x.example>: unknown; also d@y.example"))).toBe(
      "Can't send mail - all recipients were rejected: 550 5.1.1 <[address]>: unknown; also [address]",
    );
    expect(mailErrorForLog("connect ECONNREFUSED 127.0.0.1:25")).toBe("connect ECONNREFUSED 127.0.0.1:25");
  });
});
