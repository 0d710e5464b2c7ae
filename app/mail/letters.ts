// The portal's letters: plain German letters, each as { subject, text, html }.
//
// Every letter is built from a few blocks (paragraphs, links, facts, lists, quotes) that one
// frame renders twice: as plain text and as simple HTML (no inline styles, no scripts, no
// remote images; every value escaped). The frame adds the salutation, the city as sender
// and a footer naming the portal and its address; formal letters that bring their own
// salutation and closing (the award letters, app/award/letters.ts) take only the footer. Times are shown in Europe/Berlin with
// the zone named (formatDateTime).
//
// German is the binding text. Each letter is written by a function of the language (texts
// from the catalogue, area `letters`); for a reader who chose English (LetterContext.reader)
// the English version follows the German one under a heading that marks it as a translation
// for information (decision 0020). A German reader gets the German letter alone.
//
// Pure apart from the defaults: the portal's address is `baseUrl` if given, else PUBLIC_URL,
// else the origin of the letter's own link; the sender is `cityName` if given, else CITY_NAME.
import { formatDateTime, formatDay, formatNumber } from "../i18n/format";
import { translator, type Locale, type MessageKey, type Translate } from "../i18n";
import { env } from "../infra/env.server";

export type Letter = {
  subject: string;
  text: string;
  html: string;
  /** The languages it is written in: German (binding), then English where the reader chose it. */
  languages: Locale[];
};

/** Optional overrides for every letter (defaults: PUBLIC_URL and CITY_NAME), and its reader's language. */
export type LetterContext = {
  baseUrl?: string;
  cityName?: string;
  /** The language the recipient chose; "en" adds the marked English translation. Default German only. */
  reader?: Locale;
};

// ---------------------------------------------------------------------------------------
// The shared frame.

export type Block =
  | { kind: "p"; text: string; strong?: boolean }
  | { kind: "link"; url: string }
  | { kind: "facts"; rows: [label: string, value: string][] }
  | { kind: "list"; items: string[] }
  | { kind: "quote"; label: string; text: string };

/** One language's version of a mail: its subject and blocks. */
export type MailVersion = { subject: string; blocks: Block[] };

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

/** The languages a letter to this reader is written in: German always, English added where chosen. */
export function readerLanguages(reader: Locale | undefined): Locale[] {
  return reader && reader !== "de" ? ["de", reader] : ["de"];
}

/**
 * The letter frame: salutation, blocks, closing with the city as sender, and the footer
 * (mailDocument), written by `write` in German and, for a reader who chose English, once
 * more in English. `name` may be omitted for letters to a function rather than a person
 * ("Guten Tag,").
 */
export function frameLetter(opts: {
  context?: LetterContext;
  /** The letter's main link; its origin is the portal's address when none is configured. */
  link?: string;
  write: (t: Translate, locale: Locale) => { subject: string; name?: string; blocks: Block[] };
}): Letter {
  const city = opts.context?.cityName ?? env().CITY_NAME;
  const [german, translation] = readerLanguages(opts.context?.reader).map((locale): MailVersion => {
    const t = translator(locale);
    const own = opts.write(t, locale);
    return {
      subject: own.subject,
      blocks: [
        { kind: "p", text: own.name ? t("letters.greetingNamed", { name: own.name }) : t("letters.greeting") },
        ...own.blocks,
        { kind: "p", text: t("letters.closing", { city }) },
      ],
    };
  });
  return mailDocument({ ...german, translation, context: opts.context, link: opts.link });
}

/**
 * A mail of the given blocks as they are (a formal letter brings its own salutation and
 * closing), with a footer that the portal sent it automatically, naming its address. A
 * `translation` follows the German blocks under its heading (in its language), marked as a
 * translation for information; the subject stays the German one.
 */
export function mailDocument(opts: { subject: string; blocks: Block[]; context?: LetterContext; link?: string; translation?: MailVersion & { locale?: Locale } }): Letter {
  const address = portalAddress(opts.context ?? {}, opts.link);
  const translationLocale = opts.translation ? (opts.translation.locale ?? opts.context?.reader ?? "en") : undefined;
  const languages: Locale[] = translationLocale ? ["de", translationLocale] : ["de"];
  const footers = languages.map((locale) => {
    const t = translator(locale);
    return {
      text: address ? t("letters.footerAt", { address }) : t("letters.footer"),
      html: address
        ? escapeHtml(t("letters.footerAt", { address: "\u0000" })).replace("\u0000", `<a href="${escapeHtml(address)}">${escapeHtml(address)}</a>`)
        : escapeHtml(t("letters.footer")),
    };
  });
  const heading = translationLocale ? translator(translationLocale)("letters.translation.heading") : "";
  const text = [
    ...opts.blocks.map(blockText),
    ...(opts.translation ? [`${"=".repeat(heading.length)}\n${heading}\n${"=".repeat(heading.length)}`, ...opts.translation.blocks.map(blockText)] : []),
    `-- \n${footers.map((f) => f.text).join("\n")}`,
  ].join("\n\n");

  const html = [
    "<!DOCTYPE html>",
    '<html lang="de">',
    `<head><meta charset="utf-8"><title>${escapeHtml(opts.subject)}</title></head>`,
    "<body>",
    ...opts.blocks.map(blockHtml),
    ...(opts.translation
      ? ["<hr>", `<section lang="${translationLocale}">`, `<h2>${escapeHtml(heading)}</h2>`, ...opts.translation.blocks.map(blockHtml), "</section>"]
      : []),
    "<hr>",
    ...footers.map((f, i) => (i === 0 ? `<p><small>${f.html}</small></p>` : `<p lang="${languages[i]}"><small>${f.html}</small></p>`)),
    "</body>",
    "</html>",
    "",
  ].join("\n");

  return { subject: opts.subject, text: text + "\n", html, languages };
}

function when(date: Date, locale: Locale = "de"): string {
  return formatDateTime(date, locale);
}

/** 512 Byte, 12,3 kB, 4,5 MB (decimal units, German number format unless another locale is given). */
export function formatFileSize(bytes: number, locale: Locale = "de"): string {
  if (bytes < 1000) return `${formatNumber(bytes, locale)} ${locale === "de" ? "Byte" : "bytes"}`;
  if (bytes < 1_000_000) return `${formatNumber(bytes / 1000, locale, 1)} kB`;
  return `${formatNumber(bytes / 1_000_000, locale, 1)} MB`;
}

// ---------------------------------------------------------------------------------------
// The letters.

export function confirmEmailLetter(
  params: { name: string; organisationName: string; confirmUrl: string; validUntil: Date } & LetterContext,
): Letter {
  return frameLetter({
    context: params,
    link: params.confirmUrl,
    write: (t, locale) => ({
      subject: t("letters.confirm.subject"),
      name: params.name,
      blocks: [
        { kind: "p", text: t("letters.confirm.intro", { organisation: params.organisationName }) },
        { kind: "link", url: params.confirmUrl },
        { kind: "p", text: t("letters.confirm.valid", { date: when(params.validUntil, locale) }) },
        { kind: "p", text: t("letters.confirm.ignore") },
      ],
    }),
  });
}

export function invitationLetter(
  params: { inviterName: string; organisationName: string; acceptUrl: string; validUntil: Date } & LetterContext,
): Letter {
  return frameLetter({
    context: params,
    link: params.acceptUrl,
    write: (t, locale) => ({
      subject: t("letters.invitation.subject", { organisation: params.organisationName }),
      blocks: [
        { kind: "p", text: t("letters.invitation.intro", { inviter: params.inviterName, organisation: params.organisationName }) },
        { kind: "link", url: params.acceptUrl },
        { kind: "p", text: t("letters.invitation.valid", { date: when(params.validUntil, locale) }) },
        { kind: "p", text: t("letters.invitation.ignore") },
      ],
    }),
  });
}

export function passwordResetLetter(params: { name: string; resetUrl: string; validUntil: Date } & LetterContext): Letter {
  return frameLetter({
    context: params,
    link: params.resetUrl,
    write: (t, locale) => ({
      subject: t("letters.reset.subject"),
      name: params.name,
      blocks: [
        { kind: "p", text: t("letters.reset.intro") },
        { kind: "link", url: params.resetUrl },
        { kind: "p", text: t("letters.reset.valid", { date: when(params.validUntil, locale) }) },
        { kind: "p", text: t("letters.reset.ignore") },
      ],
    }),
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
    context: params,
    link: params.dashboardUrl,
    write: (t, locale) => ({
      subject: t("letters.receipt.subject", { number: params.receiptNumber, call: params.callTitle }),
      name: params.name,
      blocks: [
        { kind: "p", text: t("letters.receipt.intro", { organisation: params.organisationName, call: params.callTitle }) },
        {
          kind: "facts",
          rows: [
            [t("letters.receipt.number"), params.receiptNumber],
            [t("letters.receipt.receivedAt"), when(params.submittedAt, locale)],
            [t("letters.receipt.carrier"), params.organisationName],
            [t("letters.receipt.call"), params.callTitle],
          ],
        },
        { kind: "p", text: params.lots.length === 1 ? t("letters.receipt.oneLot") : t("letters.receipt.lots", { count: params.lots.length }) },
        { kind: "list", items: params.lots },
        { kind: "p", text: params.files.length === 0 ? t("letters.receipt.noFiles") : t("letters.receipt.files") },
        ...(params.files.length === 0
          ? []
          : [{ kind: "list", items: params.files.map((f) => `${f.kind}: ${f.name} (${formatFileSize(f.sizeBytes, locale)})\nSHA-256: ${f.sha256}`) } satisfies Block]),
        {
          kind: "facts",
          rows: [
            [t("letters.receipt.hash"), params.submissionHash],
            [t("letters.receipt.auditHead"), params.auditHead],
          ],
        },
        { kind: "p", text: t("letters.receipt.proof") },
        { kind: "link", url: params.dashboardUrl },
      ],
    }),
  });
}

export function withdrawalLetter(
  params: { name: string; organisationName: string; callTitle: string; receiptNumber: string; withdrawnAt: Date } & LetterContext,
): Letter {
  return frameLetter({
    context: params,
    write: (t, locale) => ({
      subject: t("letters.withdrawal.subject", { number: params.receiptNumber, call: params.callTitle }),
      name: params.name,
      blocks: [
        { kind: "p", text: t("letters.withdrawal.intro", { organisation: params.organisationName, call: params.callTitle }) },
        {
          kind: "facts",
          rows: [
            [t("letters.receipt.number"), params.receiptNumber],
            [t("letters.withdrawal.withdrawnAt"), when(params.withdrawnAt, locale)],
          ],
        },
        { kind: "p", text: t("letters.withdrawal.effect") },
        { kind: "p", text: t("letters.withdrawal.notYou") },
      ],
    }),
  });
}

/**
 * Told to organisations whose application is already submitted when an answer or an
 * amendment appears before the deadline: they may revise it (§ 20 Abs. 3 VgV).
 */
export type MayRevise = { mayReviseUntil?: Date };

function revisionBlocks(params: MayRevise, t: Translate, locale: Locale): Block[] {
  if (!params.mayReviseUntil) return [];
  return [{ kind: "p", strong: true, text: t("letters.mayRevise", { deadline: when(params.mayReviseUntil, locale) }) }];
}

export function questionAnsweredLetter(
  params: { callTitle: string; question: string; answer: string; questionsUrl: string } & MayRevise & LetterContext,
): Letter {
  return frameLetter({
    context: params,
    link: params.questionsUrl,
    write: (t, locale) => ({
      subject: t("letters.answer.subject", { call: params.callTitle }),
      blocks: [
        { kind: "p", text: t("letters.answer.intro", { call: params.callTitle }) },
        { kind: "quote", label: t("letters.answer.question"), text: params.question },
        { kind: "quote", label: t("letters.answer.answer"), text: params.answer },
        ...revisionBlocks(params, t, locale),
        { kind: "p", text: t("letters.answer.all") },
        { kind: "link", url: params.questionsUrl },
      ],
    }),
  });
}

export function amendmentLetter(
  params: {
    callTitle: string;
    number: number;
    title: string;
    body: string;
    reason: string;
    /** Each changed date: the catalogue key of what it is, and its new value. */
    changedDates: { label: MessageKey; at: Date }[];
    callUrl: string;
  } & MayRevise &
    LetterContext,
): Letter {
  return frameLetter({
    context: params,
    link: params.callUrl,
    write: (t, locale) => ({
      subject: t("letters.amendment.subject", { number: params.number, call: params.callTitle }),
      blocks: [
        { kind: "p", text: t("letters.amendment.intro", { number: params.number, call: params.callTitle }) },
        { kind: "quote", label: params.title, text: params.body },
        { kind: "quote", label: t("letters.amendment.reason"), text: params.reason },
        ...(params.changedDates.length
          ? [{ kind: "facts" as const, rows: params.changedDates.map((d): [string, string] => [t("letters.amendment.newDate", { label: t(d.label) }), when(d.at, locale)]) }]
          : []),
        ...revisionBlocks(params, t, locale),
        { kind: "p", text: t("letters.amendment.call") },
        { kind: "link", url: params.callUrl },
      ],
    }),
  });
}

export function documentRequestLetter(
  params: { callTitle: string; receiptNumber: string; description: string; dueAt: Date; requestUrl: string } & LetterContext,
): Letter {
  return frameLetter({
    context: params,
    link: params.requestUrl,
    write: (t, locale) => ({
      subject: t("letters.request.subject", { number: params.receiptNumber }),
      blocks: [
        { kind: "p", text: t("letters.request.intro", { call: params.callTitle, number: params.receiptNumber }) },
        { kind: "quote", label: t("letters.request.requested"), text: params.description },
        { kind: "facts", rows: [[t("letters.request.due"), when(params.dueAt, locale)]] },
        { kind: "p", text: t("letters.request.upload") },
        { kind: "link", url: params.requestUrl },
      ],
    }),
  });
}

/** Eingangsbestätigung einer Rüge: to the members of the organisation that filed it, with its own text. */
export function complaintReceiptLetter(
  params: { callTitle: string; organisationName: string; receivedAt: Date; lots: string[]; reasons: string; pageUrl?: string } & LetterContext,
): Letter {
  return frameLetter({
    context: params,
    link: params.pageUrl,
    write: (t, locale) => ({
      subject: t("letters.complaint.subject", { call: params.callTitle }),
      blocks: [
        { kind: "p", text: t("letters.complaint.intro", { organisation: params.organisationName, call: params.callTitle }) },
        { kind: "facts", rows: [[t("letters.complaint.received"), when(params.receivedAt, locale)]] },
        { kind: "list", items: params.lots },
        { kind: "quote", label: t("letters.complaint.reasons"), text: params.reasons },
        ...(params.pageUrl ? [{ kind: "p" as const, text: t("letters.complaint.page") }, { kind: "link" as const, url: params.pageUrl }] : []),
      ],
    }),
  });
}

/** Bitte um Kooperationserklärung: to the members of a carrier whose tandem the award split. */
export function cooperationRequestLetter(
  params: { callTitle: string; regionName: string; roleNames: [string, string]; partners: string[]; requestedAt: Date; pageUrl?: string } & LetterContext,
): Letter {
  const [first, partner] = params.roleNames;
  return frameLetter({
    context: params,
    link: params.pageUrl,
    write: (t, locale) => ({
      subject: t("letters.cooperation.subject", { region: params.regionName, call: params.callTitle }),
      blocks: [
        { kind: "p", text: t("letters.cooperation.intro", { call: params.callTitle, first, partner, region: params.regionName }) },
        { kind: "list", items: params.partners },
        { kind: "facts", rows: [[t("letters.cooperation.requested"), when(params.requestedAt, locale)]] },
        ...(params.pageUrl
          ? [{ kind: "p" as const, text: t("letters.cooperation.page") }, { kind: "link" as const, url: params.pageUrl }]
          : [{ kind: "p" as const, text: t("letters.cooperation.portal") }]),
      ],
    }),
  });
}

/** A reminder that a staff report is due soon (decision 0024): contract, period and due time, and where to submit it. */
export function staffReportReminderLetter(
  params: { callTitle: string; contractNumber: string; periodFrom: string; periodTo: string; dueAt: Date; reportUrl?: string } & LetterContext,
): Letter {
  return frameLetter({
    context: params,
    link: params.reportUrl,
    write: (t, locale) => ({
      subject: t("letters.staffReport.subject", { contract: params.contractNumber }),
      blocks: [
        { kind: "p", text: t("letters.staffReport.intro", { contract: params.contractNumber, call: params.callTitle, from: formatDay(params.periodFrom, locale), to: formatDay(params.periodTo, locale) }) },
        { kind: "facts", rows: [[t("letters.staffReport.due"), when(params.dueAt, locale)]] },
        ...(params.reportUrl
          ? [{ kind: "p" as const, text: t("letters.staffReport.page") }, { kind: "link" as const, url: params.reportUrl }]
          : [{ kind: "p" as const, text: t("letters.staffReport.portal") }]),
      ],
    }),
  });
}

/** What changed about an account's second factor (the mail to its owner, ASVS 2.5.5). */
export type FactorChange = "totp-added" | "totp-removed" | "passkey-added" | "passkey-removed" | "reset";

export function secondFactorChangedLetter(params: { name: string; change: FactorChange; at: Date } & LetterContext): Letter {
  return frameLetter({
    context: params,
    write: (t, locale) => ({
      subject: t("letters.factor.subject"),
      name: params.name,
      blocks: [
        { kind: "p", text: t(`letters.factor.${params.change}`, { date: when(params.at, locale) }) },
        { kind: "p", text: t(params.change === "reset" ? "letters.factor.resetNext" : "letters.factor.notYou") },
      ],
    }),
  });
}
