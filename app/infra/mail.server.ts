// All of the portal's mail goes through nodemailer; no mail is lost silently
// (docs/architecture.md, Mail and the outbox).
//
// - With SMTP_URL set, messages go out through a pooled SMTP transport built from that URL
//   (smtp://user:pass@host:587, smtps://… for implicit TLS; query parameters such as
//   ?pool=false or ?requireTLS=true are nodemailer options and win over our defaults).
// - Without it, nothing leaves the machine: nodemailer renders each message into a real
//   RFC 5322 message (stream transport, buffered, CRLF line ends) and the message is written
//   atomically to DATA_DIR/outbox/<id>.eml, with a JSON sidecar <id>.json that the
//   officers' outbox pages (/verwaltung/postausgang) and the tests list and read.
//
// Errors are thrown, never swallowed: an SMTP server that refuses a message, times out or
// cannot be reached rejects sendMail(). The caller decides what that means. In particular
// the submission flow commits the submission (and its receipt) first and sends the receipt
// mail only after the commit; a failing mail must never roll back or lose the receipt —
// the receipt stays available on the carrier's dashboard and as PDF, and the caller logs or
// shows the mail failure instead.
import fs from "node:fs";
import path from "node:path";
import nodemailer from "nodemailer";
import type {
  SendMailOptions,
  SMTPPoolSentMessageInfo,
  StreamSentMessageInfo,
  Transporter,
} from "nodemailer";
import type { Locale } from "../i18n";
import { env } from "./env.server";
import { randomId } from "./ids";
import { makePrivateDirSync } from "./private-files.server";

export type MailMessage = {
  to: string | string[];
  subject: string;
  text: string;
  html: string;
  attachments?: { filename: string; content: Uint8Array | Buffer; contentType: string }[];
  /**
   * The call whose bidder or bid this mail names (a receipt, a letter to the organisations
   * that applied): the officers' outbox shows it only as sealed until that call's four-eyes
   * opening (VgV § 55; app/submission/access.server.ts decides when it is read).
   */
  sealedUntilOpeningOf?: string;
  /** The languages the message is written in: German (binding), then a translation's (decision 0020). Default German. */
  languages?: Locale[];
};

/** A recipient and the language they chose (German unless they chose English). */
export type MailRecipient = { email: string; locale: Locale };

export type MailDelivery = "smtp" | "outbox";

export type SendMailResult = {
  /** The Message-ID header of the message, e.g. `<…@localhost>`. */
  messageId: string;
  delivery: MailDelivery;
  /** With delivery "outbox": the id under which listOutbox/readOutboxMessage find it. */
  outboxId?: string;
};

export type OutboxEntry = {
  /** `<ISO 8601 basic timestamp>-<random id>`, e.g. `20170228T105959.123Z-Ab3…`; also the file name. */
  id: string;
  to: string[];
  subject: string;
  createdAt: Date;
  text: string;
  /** File names of the attachments. */
  attachments: string[];
  /** The From header the message was rendered with. */
  from: string;
  /** The Message-ID header. */
  messageId: string;
  /**
   * The call whose opening unseals this message (MailMessage.sealedUntilOpeningOf), null for
   * a message that names no bidder. UNKNOWN_CALL for a sidecar written before messages
   * carried it: such a message stays sealed, since nobody can tell whether it names a bid.
   */
  sealedUntilOpeningOf: string | null;
  /** The languages it is written in (["de"] for a message stored before messages carried them). */
  languages: Locale[];
};

/** The call of a sealed message whose call is not known (see OutboxEntry). */
export const UNKNOWN_CALL = "";

/** What the JSON sidecar holds (dates as ISO strings). */
type Sidecar = Omit<OutboxEntry, "createdAt"> & { createdAt: string };

// Ids are made here only; anything else (`..`, slashes, other files) is refused on read.
const OUTBOX_ID = /^\d{8}T\d{6}\.\d{3}Z-[A-Za-z0-9_-]{22}$/;

let smtpTransport: Transporter<SMTPPoolSentMessageInfo> | undefined;
let outboxRenderer: Transporter<StreamSentMessageInfo> | undefined;

/** Where mail goes with the current configuration. */
export function mailDelivery(): MailDelivery {
  return env().SMTP_URL ? "smtp" : "outbox";
}

/** The outbox directory, DATA_DIR/outbox. */
export function outboxDir(): string {
  return path.join(env().dataDir, "outbox");
}

function smtp(url: string): Transporter<SMTPPoolSentMessageInfo> {
  if (!smtpTransport) {
    smtpTransport = nodemailer.createTransport({
      url,
      pool: true,
      // A request that sends mail must not hang for nodemailer's default two minutes.
      connectionTimeout: 15_000,
      greetingTimeout: 15_000,
      socketTimeout: 60_000,
      // Attachments are always given as content; never read files or URLs named in a message.
      disableFileAccess: true,
      disableUrlAccess: true,
    });
    // Errors of idle pooled connections are handled by the pool; a listener keeps an
    // unexpected transport 'error' event from crashing the process. Failed sends reject.
    smtpTransport.on("error", (error: Error) => {
      console.warn(`SMTP transport: ${mailErrorForLog(error)}`);
    });
  }
  return smtpTransport;
}

function renderer(): Transporter<StreamSentMessageInfo> {
  outboxRenderer ??= nodemailer.createTransport({
    streamTransport: true,
    buffer: true,
    newline: "windows", // RFC 5322 line ends (CRLF), as the message would travel by SMTP
    disableFileAccess: true,
    disableUrlAccess: true,
  });
  return outboxRenderer;
}

function toNodemailer(message: MailMessage, date: Date): SendMailOptions {
  return {
    from: env().MAIL_FROM,
    to: message.to,
    subject: message.subject,
    text: message.text,
    html: message.html,
    date,
    attachments: (message.attachments ?? []).map((a) => ({
      filename: a.filename,
      content: Buffer.isBuffer(a.content) ? a.content : Buffer.from(a.content.buffer, a.content.byteOffset, a.content.byteLength),
      contentType: a.contentType,
    })),
  };
}

/**
 * Sends one message: by SMTP when SMTP_URL is set, otherwise into the outbox.
 * Throws when the SMTP server refuses or cannot be reached, or the outbox cannot be written.
 */
export async function sendMail(message: MailMessage): Promise<SendMailResult> {
  const url = env().SMTP_URL;
  const now = new Date();
  if (url) {
    const info = await smtp(url).sendMail(toNodemailer(message, now));
    return { messageId: info.messageId ?? "", delivery: "smtp" };
  }

  const info = await renderer().sendMail(toNodemailer(message, now));
  if (!Buffer.isBuffer(info.message)) throw new Error("nodemailer did not render the message into a buffer");
  const id = `${basicIso(now)}-${randomId()}`;
  const sidecar: Sidecar = {
    id,
    to: info.envelope.to ?? [],
    subject: message.subject,
    createdAt: now.toISOString(),
    text: message.text,
    attachments: (message.attachments ?? []).map((a) => a.filename),
    from: env().MAIL_FROM,
    messageId: info.messageId,
    sealedUntilOpeningOf: message.sealedUntilOpeningOf ?? null,
    languages: message.languages ?? ["de"],
  };
  const dir = outboxDir();
  makePrivateDirSync(dir);
  // The message first, the sidecar last: a listed entry always has its complete .eml.
  writeAtomically(path.join(dir, `${id}.eml`), info.message);
  writeAtomically(path.join(dir, `${id}.json`), JSON.stringify(sidecar, null, 2) + "\n");
  return { messageId: info.messageId, delivery: "outbox", outboxId: id };
}

/** Messages in the outbox, newest first. Unreadable sidecars are skipped. */
export function listOutbox(): OutboxEntry[] {
  let names: string[];
  try {
    names = fs.readdirSync(outboxDir());
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === "ENOENT") return [];
    throw error;
  }
  const entries: OutboxEntry[] = [];
  for (const name of names) {
    if (!name.endsWith(".json")) continue;
    const entry = readOutboxMessage(name.slice(0, -".json".length));
    if (entry) entries.push(entry);
  }
  return entries.sort((a, b) => b.createdAt.getTime() - a.createdAt.getTime() || (a.id < b.id ? 1 : a.id > b.id ? -1 : 0));
}

/**
 * The text of an outbox message as officers see it: the one-time links of password resets
 * and invitations lose their token, so that reading the outbox hands over nobody's account
 * or membership (docs/security.md, G1). The stored .eml keeps the whole message.
 */
export function withoutOneTimeLinks(text: string): string {
  return text.replace(/(\/(?:passwort-neu|einladung|konto\/einrichten)\/)[A-Za-z0-9_-]+/g, "$1[…]");
}

/** One outbox message by id, or null for an unknown or malformed id (no path traversal). */
export function readOutboxMessage(id: string): OutboxEntry | null {
  if (typeof id !== "string" || !OUTBOX_ID.test(id)) return null;
  let raw: string;
  try {
    raw = fs.readFileSync(path.join(outboxDir(), `${id}.json`), "utf8");
  } catch {
    return null;
  }
  try {
    const s = JSON.parse(raw) as Partial<Sidecar>;
    if (s.id !== id || typeof s.subject !== "string" || typeof s.createdAt !== "string") return null;
    return {
      id,
      to: Array.isArray(s.to) ? s.to.map(String) : [],
      subject: s.subject,
      createdAt: new Date(s.createdAt),
      text: typeof s.text === "string" ? s.text : "",
      attachments: Array.isArray(s.attachments) ? s.attachments.map(String) : [],
      from: typeof s.from === "string" ? s.from : "",
      messageId: typeof s.messageId === "string" ? s.messageId : "",
      sealedUntilOpeningOf: s.sealedUntilOpeningOf === null ? null : typeof s.sealedUntilOpeningOf === "string" ? s.sealedUntilOpeningOf : UNKNOWN_CALL,
      languages: Array.isArray(s.languages) ? s.languages.filter((l): l is Locale => l === "de" || l === "en") : ["de"],
    };
  } catch {
    return null;
  }
}

/** The path of an outbox message's .eml file, or null for an unknown or malformed id. */
export function outboxMessageFile(id: string): string | null {
  if (typeof id !== "string" || !OUTBOX_ID.test(id)) return null;
  const file = path.join(outboxDir(), `${id}.eml`);
  return fs.existsSync(file) ? file : null;
}

/** Closes the pooled SMTP connections, so that a command-line process can exit (reminders:send). */
export function closeMailTransports(): void {
  resetMailTransportForTests();
}

/** Closes and forgets the transports, so the next sendMail reads the configuration again. */
export function resetMailTransportForTests(): void {
  smtpTransport?.close();
  smtpTransport = undefined;
  outboxRenderer?.close();
  outboxRenderer = undefined;
}

/** 2017-02-28T10:59:59.123Z → 20170228T105959.123Z: ISO 8601 basic format, safe in file names, sorts by time. */
function basicIso(date: Date): string {
  return date.toISOString().replace(/[-:]/g, "");
}

/** Writes a temporary file next to the target, flushes it, then renames it into place. */
function writeAtomically(file: string, data: string | Buffer) {
  const temp = path.join(path.dirname(file), `.${path.basename(file)}.${randomId()}.tmp`);
  const fd = fs.openSync(temp, "wx", 0o600);
  try {
    fs.writeFileSync(fd, data);
    fs.fsyncSync(fd);
  } finally {
    fs.closeSync(fd);
  }
  try {
    fs.renameSync(temp, file);
  } catch (error) {
    fs.rmSync(temp, { force: true });
    throw error;
  }
}

/**
 * Sends one letter to each address separately, so that no recipient learns who else got it
 * (bidders must not learn who else is interested), written for each recipient's language
 * (`letterFor` is called once per language): German alone, or German with the marked
 * translation (decision 0020). Called after the change is committed: a failed mail is
 * logged and does not undo it. Returns how many were sent.
 */
export async function sendToEachReader(
  recipients: MailRecipient[],
  letterFor: (reader: Locale) => Omit<MailMessage, "to"> | Promise<Omit<MailMessage, "to">>,
  kind: string,
): Promise<number> {
  const letters = new Map<Locale, Omit<MailMessage, "to">>();
  let sent = 0;
  for (const to of recipients) {
    try {
      let letter = letters.get(to.locale);
      if (!letter) letters.set(to.locale, (letter = await letterFor(to.locale)));
      await sendMail({ ...letter, to: to.email });
      sent++;
    } catch (error) {
      console.warn(`[mail] ${kind} to one recipient failed: ${mailErrorForLog(error)}`);
    }
  }
  return sent;
}

/**
 * A mail error as the log may show it: SMTP servers quote the recipient in their answers
 * ("550 5.1.1 <anna@traeger.example>: Recipient address rejected"), and a recipient names a
 * bidder, which the log must not before the opening. Addresses are replaced, the rest stays.
 */
export function mailErrorForLog(error: unknown): string {
  const message = error instanceof Error ? error.message : String(error);
  return message.replace(/[^\s<>()[\]"',;:]+@[^\s<>()[\]"',;:]+/g, "[address]");
}
