// The mail that the portal sent through the real SMTP server of the global setup. That
// server runs in the main vitest process and writes every message it accepts to
// <mailDir>/<n>.eml; test files (in worker processes) poll that directory.
//
//   const mail = await waitForMail((m) => m.to.includes(email) && m.subject.startsWith("Eingangsbestätigung"));
//
// `to` and `from` come from the message's headers (the portal writes bare addresses).
import fs from "node:fs";
import path from "node:path";
import { inject } from "vitest";
import { parseMessage, type ReceivedMail } from "../../support/smtp";

export type { ReceivedMail };

/** A received message with the name of its file in the mail directory. */
export type StoredMail = ReceivedMail & { file: string };

const cache = new Map<string, StoredMail>();

/** Every message received so far, in arrival order. */
export function receivedMails(): StoredMail[] {
  const dir = inject("mailDir");
  const names = fs
    .readdirSync(dir)
    .filter((n) => /^\d+\.eml$/.test(n))
    .sort();
  return names.map((name) => {
    let mail = cache.get(name);
    if (!mail) {
      mail = { ...parseMessage(fs.readFileSync(path.join(dir, name))), file: name };
      cache.set(name, mail);
    }
    return mail;
  });
}

/** Messages that match `predicate`, in arrival order. */
export function mailsMatching(predicate: (mail: ReceivedMail) => boolean): StoredMail[] {
  return receivedMails().filter(predicate);
}

/**
 * The first message (already received or arriving within `timeoutMs`) that matches
 * `predicate`; rejects naming what did arrive.
 */
export async function waitForMail(predicate: (mail: ReceivedMail) => boolean, timeoutMs = 10_000): Promise<StoredMail> {
  const until = Date.now() + timeoutMs;
  for (;;) {
    const found = receivedMails().find(predicate);
    if (found) return found;
    if (Date.now() > until) {
      const seen = receivedMails()
        .map((m) => `  ${m.file} to ${m.to.join(", ")}: ${m.subject}`)
        .join("\n");
      throw new Error(`no matching mail arrived within ${timeoutMs} ms; received:\n${seen || "  (none)"}`);
    }
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}

/** Whether a message is addressed to `email` (case-insensitive, display names allowed). */
export function isTo(mail: ReceivedMail, email: string): boolean {
  const wanted = email.toLowerCase();
  return mail.to.some((to) => {
    const address = /<([^>]+)>/.exec(to)?.[1] ?? to;
    return address.trim().toLowerCase() === wanted;
  });
}

/** The first http(s) link in the message's text that contains `pathPart`. */
export function linkIn(mail: ReceivedMail, pathPart: string): string {
  const link = mail.text.match(/https?:\/\/\S+/g)?.find((url) => url.includes(pathPart));
  if (!link) throw new Error(`no link containing ${pathPart} in the mail "${mail.subject}":\n${mail.text}`);
  return link;
}
