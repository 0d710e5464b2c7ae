// The portal's letters: plain German letters, each as { subject, text, html }.
//
// Every letter is built from a few blocks (paragraphs, links, facts, lists, quotes) that one
// frame renders twice: as plain text and as simple HTML (no inline styles, no scripts, no
// remote images; every value escaped). The frame adds the salutation, the city as sender
// and a footer naming the portal and its address; formal letters that bring their own
// salutation and closing (the award letters, app/award/letters.ts) take only the footer. Times are shown in Europe/Berlin with
// the zone named (formatDateTime).
//
// Pure apart from the defaults: the portal's address is `baseUrl` if given, else PUBLIC_URL,
// else the origin of the letter's own link; the sender is `cityName` if given, else CITY_NAME.
import { formatDateTime, formatNumber } from "../i18n/format";
import { env } from "../infra/env.server";

export type Letter = { subject: string; text: string; html: string };

/** Optional overrides for every letter (defaults: PUBLIC_URL and CITY_NAME). */
export type LetterContext = { baseUrl?: string; cityName?: string };

// ---------------------------------------------------------------------------------------
// The shared frame.

export type Block =
  | { kind: "p"; text: string; strong?: boolean }
  | { kind: "link"; url: string }
  | { kind: "facts"; rows: [label: string, value: string][] }
  | { kind: "list"; items: string[] }
  | { kind: "quote"; label: string; text: string };

/** Escapes text for HTML element content and double- or single-quoted attribute values. */
export function escapeHtml(value: string): string {
  return value
    .replace(/&/g, "&amp;")
    .replace(/</g, "&lt;")
    .replace(/>/g, "&gt;")
    .replace(/"/g, "&quot;")
    .replace(/'/g, "&#39;");
}

/** Only http(s) links are rendered as links; anything else (javascript:, data:) as text. */
function isWebUrl(url: string): boolean {
  return /^https?:\/\//i.test(url);
}

function multiline(text: string): string {
  return escapeHtml(text).replace(/\r?\n/g, "<br>\n");
}

function blockText(block: Block): string {
  switch (block.kind) {
    case "p":
      return block.text;
    case "link":
      return block.url;
    case "facts":
      return block.rows.map(([label, value]) => `${label}: ${value}`).join("\n");
    case "list":
      return block.items.map((item) => `- ${item.split(/\r?\n/).join("\n  ")}`).join("\n");
    case "quote":
      return `${block.label}:\n${block.text
        .split(/\r?\n/)
        .map((line) => `  ${line}`)
        .join("\n")}`;
  }
}

function blockHtml(block: Block): string {
  switch (block.kind) {
    case "p":
      return block.strong ? `<p><strong>${multiline(block.text)}</strong></p>` : `<p>${multiline(block.text)}</p>`;
    case "link":
      return isWebUrl(block.url)
        ? `<p><a href="${escapeHtml(block.url)}">${escapeHtml(block.url)}</a></p>`
        : `<p>${escapeHtml(block.url)}</p>`;
    case "facts":
      return `<table>\n${block.rows
        .map(([label, value]) => `<tr><th scope="row">${escapeHtml(label)}</th><td>${multiline(value)}</td></tr>`)
        .join("\n")}\n</table>`;
    case "list":
      return `<ul>\n${block.items.map((item) => `<li>${multiline(item)}</li>`).join("\n")}\n</ul>`;
    case "quote":
      return `<p><strong>${escapeHtml(block.label)}:</strong></p>\n<blockquote><p>${multiline(block.text)}</p></blockquote>`;
  }
}

function portalAddress(context: LetterContext, link?: string): string | undefined {
  const configured = context.baseUrl ?? env().PUBLIC_URL;
  if (configured) return configured.replace(/\/+$/, "");
  if (link && isWebUrl(link)) return new URL(link).origin;
  return undefined;
}

/**
 * The letter frame: salutation, blocks, closing with the city as sender, and the footer
 * (mailDocument). `name` may be omitted for letters to a function rather than a person
 * ("Guten Tag,").
 */
export function frameLetter(opts: {
  subject: string;
  name?: string;
  blocks: Block[];
  context?: LetterContext;
  /** The letter's main link; its origin is the portal's address when none is configured. */
  link?: string;
}): Letter {
  const city = opts.context?.cityName ?? env().CITY_NAME;
  return mailDocument({
    ...opts,
    blocks: [
      { kind: "p", text: opts.name ? `Guten Tag ${opts.name},` : "Guten Tag," },
      ...opts.blocks,
      { kind: "p", text: `Mit freundlichen Grüßen\n${city} – Vergabestelle` },
    ],
  });
}

/**
 * A mail of the given blocks as they are (a formal letter brings its own salutation and
 * closing), with a footer that the portal sent it automatically, naming its address.
 */
export function mailDocument(opts: { subject: string; blocks: Block[]; context?: LetterContext; link?: string }): Letter {
  const address = portalAddress(opts.context ?? {}, opts.link);
  const footer = address
    ? `Diese E-Mail hat das Portal für Interessenbekundungen (${address}) automatisch versandt.`
    : "Diese E-Mail hat das Portal für Interessenbekundungen automatisch versandt.";
  const text = [...opts.blocks.map(blockText), `-- \n${footer}`].join("\n\n");

  const footerHtml = address
    ? `Diese E-Mail hat das Portal für Interessenbekundungen (<a href="${escapeHtml(address)}">${escapeHtml(address)}</a>) automatisch versandt.`
    : escapeHtml(footer);
  const html = [
    "<!DOCTYPE html>",
    '<html lang="de">',
    `<head><meta charset="utf-8"><title>${escapeHtml(opts.subject)}</title></head>`,
    "<body>",
    ...opts.blocks.map(blockHtml),
    "<hr>",
    `<p><small>${footerHtml}</small></p>`,
    "</body>",
    "</html>",
    "",
  ].join("\n");

  return { subject: opts.subject, text: text + "\n", html };
}

function when(date: Date): string {
  return formatDateTime(date, "de");
}

/** 512 Byte, 12,3 kB, 4,5 MB (decimal units, German number format). */
export function formatFileSize(bytes: number): string {
  if (bytes < 1000) return `${formatNumber(bytes, "de")} Byte`;
  if (bytes < 1_000_000) return `${formatNumber(bytes / 1000, "de", 1)} kB`;
  return `${formatNumber(bytes / 1_000_000, "de", 1)} MB`;
}

// ---------------------------------------------------------------------------------------
// The letters.

export function confirmEmailLetter(
  params: { name: string; organisationName: string; confirmUrl: string; validUntil: Date } & LetterContext,
): Letter {
  return frameLetter({
    subject: "Bitte bestätigen Sie Ihre E-Mail-Adresse",
    name: params.name,
    context: params,
    link: params.confirmUrl,
    blocks: [
      {
        kind: "p",
        text: `Sie haben im Portal für Interessenbekundungen ein Konto für ${params.organisationName} angelegt. Bitte bestätigen Sie Ihre E-Mail-Adresse mit diesem Link:`,
      },
      { kind: "link", url: params.confirmUrl },
      { kind: "p", text: `Der Link ist gültig bis ${when(params.validUntil)}.` },
      { kind: "p", text: "Wenn Sie kein Konto angelegt haben, brauchen Sie nichts zu tun; Sie können diese E-Mail ignorieren." },
    ],
  });
}

export function invitationLetter(
  params: { inviterName: string; organisationName: string; acceptUrl: string; validUntil: Date } & LetterContext,
): Letter {
  return frameLetter({
    subject: `Einladung: ${params.organisationName} im Portal für Interessenbekundungen`,
    context: params,
    link: params.acceptUrl,
    blocks: [
      {
        kind: "p",
        text: `${params.inviterName} lädt Sie ein, im Portal für Interessenbekundungen für ${params.organisationName} mitzuarbeiten. Mit diesem Link nehmen Sie die Einladung an:`,
      },
      { kind: "link", url: params.acceptUrl },
      { kind: "p", text: `Die Einladung ist gültig bis ${when(params.validUntil)}.` },
      {
        kind: "p",
        text: `Wenn Sie die Einladung nicht erwartet haben, können Sie diese E-Mail ignorieren.`,
      },
    ],
  });
}

export function passwordResetLetter(params: { name: string; resetUrl: string; validUntil: Date } & LetterContext): Letter {
  return frameLetter({
    subject: "Neues Passwort für das Portal für Interessenbekundungen",
    name: params.name,
    context: params,
    link: params.resetUrl,
    blocks: [
      { kind: "p", text: "Sie haben ein neues Passwort angefordert. Mit diesem Link legen Sie ein neues Passwort fest:" },
      { kind: "link", url: params.resetUrl },
      { kind: "p", text: `Der Link ist gültig bis ${when(params.validUntil)}.` },
      {
        kind: "p",
        text: "Wenn Sie kein neues Passwort angefordert haben, ignorieren Sie diese E-Mail. Ihr bisheriges Passwort bleibt gültig, bis Sie mit diesem Link ein neues festlegen.",
      },
    ],
  });
}

export function receiptLetter(
  params: {
    name: string;
    organisationName: string;
    callTitle: string;
    receiptNumber: string;
    submittedAt: Date;
    lots: string[];
    /** In the receipt's order, each with what it is ("Registerauszug", "Konzept zu Los 3"). */
    files: { name: string; kind: string; sizeBytes: number; sha256: string }[];
    submissionHash: string;
    auditHead: string;
    dashboardUrl: string;
  } & LetterContext,
): Letter {
  return frameLetter({
    subject: `Eingangsbestätigung ${params.receiptNumber} – ${params.callTitle}`,
    name: params.name,
    context: params,
    link: params.dashboardUrl,
    blocks: [
      {
        kind: "p",
        text: `wir bestätigen den Eingang der Interessenbekundung von ${params.organisationName} zum Aufruf „${params.callTitle}“.`,
      },
      {
        kind: "facts",
        rows: [
          ["Eingangsnummer", params.receiptNumber],
          ["Eingegangen am", when(params.submittedAt)],
          ["Träger", params.organisationName],
          ["Aufruf", params.callTitle],
        ],
      },
      { kind: "p", text: params.lots.length === 1 ? "Die Interessenbekundung gilt für dieses Los:" : `Die Interessenbekundung gilt für diese ${params.lots.length} Lose:` },
      { kind: "list", items: params.lots },
      {
        kind: "p",
        text:
          params.files.length === 0
            ? "Der Interessenbekundung sind keine Dateien beigefügt."
            : "Eingegangene Dateien, jeweils mit Größe und Prüfsumme (SHA-256):",
      },
      ...(params.files.length === 0
        ? []
        : [{ kind: "list", items: params.files.map((f) => `${f.kind}: ${f.name} (${formatFileSize(f.sizeBytes)})\nSHA-256: ${f.sha256}`) } satisfies Block]),
      {
        kind: "facts",
        rows: [
          ["Prüfsumme der Einreichung (SHA-256)", params.submissionHash],
          ["Stand des Verfahrensprotokolls", params.auditHead],
        ],
      },
      {
        kind: "p",
        text: "Mit den Prüfsummen lässt sich jederzeit nachweisen, welche Fassung welcher Datei eingegangen ist. Die Eingangsbestätigung als PDF liegt dieser E-Mail bei. Ihre Interessenbekundung und die Eingangsbestätigung finden Sie auch im Portal:",
      },
      { kind: "link", url: params.dashboardUrl },
    ],
  });
}

export function withdrawalLetter(
  params: { name: string; organisationName: string; callTitle: string; receiptNumber: string; withdrawnAt: Date } & LetterContext,
): Letter {
  return frameLetter({
    subject: `Rücknahme bestätigt: ${params.receiptNumber} – ${params.callTitle}`,
    name: params.name,
    context: params,
    blocks: [
      {
        kind: "p",
        text: `wir bestätigen, dass ${params.organisationName} die Interessenbekundung zum Aufruf „${params.callTitle}“ zurückgenommen hat.`,
      },
      {
        kind: "facts",
        rows: [
          ["Eingangsnummer", params.receiptNumber],
          ["Zurückgenommen am", when(params.withdrawnAt)],
        ],
      },
      { kind: "p", text: "Die zurückgenommene Interessenbekundung wird im Verfahren nicht berücksichtigt." },
      {
        kind: "p",
        text: "Wenn Sie die Rücknahme nicht veranlasst haben, wenden Sie sich bitte umgehend an die Vergabestelle.",
      },
    ],
  });
}

export function questionAnsweredLetter(
  params: { callTitle: string; question: string; answer: string; questionsUrl: string } & LetterContext,
): Letter {
  return frameLetter({
    subject: `Neue Antwort zum Aufruf „${params.callTitle}“`,
    context: params,
    link: params.questionsUrl,
    blocks: [
      {
        kind: "p",
        text: `zum Aufruf „${params.callTitle}“ hat die Vergabestelle eine Frage beantwortet. Sie erhalten diese Nachricht, weil Ihre Organisation eine Interessenbekundung zu diesem Aufruf begonnen hat. Fragen und Antworten werden ohne Angaben zur fragenden Person oder Organisation veröffentlicht.`,
      },
      { kind: "quote", label: "Frage", text: params.question },
      { kind: "quote", label: "Antwort", text: params.answer },
      { kind: "p", text: "Alle Fragen und Antworten zu diesem Aufruf finden Sie im Portal:" },
      { kind: "link", url: params.questionsUrl },
    ],
  });
}

export function amendmentLetter(
  params: {
    callTitle: string;
    number: number;
    title: string;
    body: string;
    reason: string;
    changedDates: [label: string, value: string][];
    callUrl: string;
  } & LetterContext,
): Letter {
  return frameLetter({
    subject: `Änderung ${params.number} zum Aufruf „${params.callTitle}“`,
    context: params,
    link: params.callUrl,
    blocks: [
      {
        kind: "p",
        text: `zum Aufruf „${params.callTitle}“ hat die Vergabestelle die Änderung Nr. ${params.number} bekannt gemacht. Sie erhalten diese Nachricht, weil Ihre Organisation eine Interessenbekundung zu diesem Aufruf begonnen hat. Bereits eingereichte Interessenbekundungen bleiben gültig.`,
      },
      { kind: "quote", label: params.title, text: params.body },
      { kind: "quote", label: "Grund", text: params.reason },
      ...(params.changedDates.length ? [{ kind: "facts" as const, rows: params.changedDates }] : []),
      { kind: "p", text: "Der Aufruf mit allen Änderungen:" },
      { kind: "link", url: params.callUrl },
    ],
  });
}

export function documentRequestLetter(
  params: { callTitle: string; receiptNumber: string; description: string; dueAt: Date; requestUrl: string } & LetterContext,
): Letter {
  return frameLetter({
    subject: `Nachforderung zu Ihrer Interessenbekundung ${params.receiptNumber}`,
    context: params,
    link: params.requestUrl,
    blocks: [
      {
        kind: "p",
        text: `zu Ihrer Interessenbekundung zum Aufruf „${params.callTitle}“ (Eingangsnummer ${params.receiptNumber}) bittet die Vergabestelle Sie, eine Unterlage nachzureichen.`,
      },
      { kind: "quote", label: "Nachgefordert", text: params.description },
      { kind: "facts", rows: [["Frist", when(params.dueAt)]] },
      { kind: "p", text: "Laden Sie die Unterlage bis zur Frist im Portal hoch:" },
      { kind: "link", url: params.requestUrl },
    ],
  });
}

/** Eingangsbestätigung einer Rüge: to the members of the organisation that filed it, with its own text. */
export function complaintReceiptLetter(
  params: { callTitle: string; organisationName: string; receivedAt: Date; lots: string[]; reasons: string; pageUrl?: string } & LetterContext,
): Letter {
  return frameLetter({
    subject: `Eingangsbestätigung: Rüge zum Aufruf „${params.callTitle}“`,
    context: params,
    link: params.pageUrl,
    blocks: [
      {
        kind: "p",
        text: `die Rüge von ${params.organisationName} zum Aufruf „${params.callTitle}“ ist bei der Vergabestelle eingegangen. Bis die Vergabestelle über sie entschieden hat, wird in den genannten Losen kein Zuschlag erteilt. Die Entscheidung erhalten Sie als Schreiben.`,
      },
      { kind: "facts", rows: [["Eingang", when(params.receivedAt)]] },
      { kind: "list", items: params.lots },
      { kind: "quote", label: "Gründe der Rüge", text: params.reasons },
      ...(params.pageUrl ? [{ kind: "p" as const, text: "Ihre Rügen und ihr Stand im Portal:" }, { kind: "link" as const, url: params.pageUrl }] : []),
    ],
  });
}

/** Bitte um Kooperationserklärung: to the members of a carrier whose tandem the award split. */
export function cooperationRequestLetter(
  params: { callTitle: string; regionName: string; roleNames: [string, string]; partners: string[]; requestedAt: Date; pageUrl?: string } & LetterContext,
): Letter {
  const [first, partner] = params.roleNames;
  return frameLetter({
    subject: `Bitte um Kooperationserklärung: ${params.regionName}, Aufruf „${params.callTitle}“`,
    context: params,
    link: params.pageUrl,
    blocks: [
      {
        kind: "p",
        text: `der Zuschlag zum Aufruf „${params.callTitle}“ teilt das Tandem ${first} und ${partner} in ${params.regionName} auf mehrere Träger. Die Vergabestelle bittet Sie, in Textform zu erklären, dass Sie im Tandem mit den folgenden Trägern zusammenarbeiten:`,
      },
      { kind: "list", items: params.partners },
      { kind: "facts", rows: [["Erbeten am", when(params.requestedAt)]] },
      ...(params.pageUrl
        ? [{ kind: "p" as const, text: "Geben Sie die Erklärung im Portal ab:" }, { kind: "link" as const, url: params.pageUrl }]
        : [{ kind: "p" as const, text: "Geben Sie die Erklärung im Portal unter „Meine Organisation“ ab." }]),
    ],
  });
}
