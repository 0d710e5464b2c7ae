// The letters of the award procedure (Vorabinformation, Zuschlag, Absage, Aufhebung) as
// data: a pure function per letter builds the whole letter as an ordered list of blocks, as
// a German authority writes it (DIN 5008): letterhead, sender line and the carrier's address
// (the address field), the information block with file number and date, subject, salutation,
// body, closing with the responsible office, and the note that the letter was produced
// electronically. The renderings read the same blocks: the PDF (./letters-pdf.server.ts) puts
// the head in DIN 5008 form B's places, the mail (noticeMail, via app/mail/letters.ts) and
// the plain text kept in notices.body (noticeText, the letter's accessible twin) follow the
// text order without the window. Texts come from the message catalogue (area `award`):
// German for what is sent, English available for the same keys. Pure: no database, no clock.
import { formatDate, formatDateTime, formatNumber } from "../i18n/format";
import type { Locale, Translate } from "../i18n";
import { mailDocument, type Block, type Letter, type LetterContext } from "../mail/letters";

export type NoticeKind = "preInformation" | "award" | "rejection" | "cancellation";

/** One block of a letter, in reading order. */
export type LetterBlock =
  // The head: letterhead, Rücksendeangabe, Anschriftfeld, Informationsblock (Bezugszeichen).
  | { kind: "letterhead"; authority: string; department: string }
  | { kind: "senderLine"; parts: string[] }
  | { kind: "address"; lines: string[] }
  | { kind: "reference"; rows: [label: string, value: string][] }
  | { kind: "subject"; text: string }
  /** A boxed notice before the salutation (the demo's). */
  | { kind: "notice"; title: string; text: string }
  | { kind: "salutation"; text: string }
  // The body.
  | { kind: "p"; text: string }
  | { kind: "heading"; text: string }
  | { kind: "table"; columns: string[]; rows: string[][] }
  // The end: greeting and the responsible office, then small print.
  | { kind: "closing"; greeting: string; office: string[] }
  | { kind: "note"; text: string };

type BodyBlock = Extract<LetterBlock, { kind: "p" | "heading" | "table" }>;

export type NoticeDocument = {
  kind: NoticeKind;
  /** The kind of letter ("Vorabinformation nach § 134 GWB"): PDF title and running header. */
  title: string;
  /** The subject line (Betreff), also the mail's subject. */
  subject: string;
  callTitle: string;
  organisationName: string;
  sentAt: Date;
  blocks: LetterBlock[];
};

/** A postal address in Germany. */
export type PostalAddress = { street: string; postalCode: string; city: string };

/** The office responsible for the letter: the call's authority and its contact (CallTexts.contact). */
export type SendingOffice = PostalAddress & {
  authority: string;
  department: string;
  /** The unit within the department ("Vergabestelle Soziale Betreuung"). */
  unit: string;
  email: string;
  phone?: string;
};

/** One criterion of a lot: this bid's final score against the winner's. */
export type ScoreComparison = { criterion: string; weightPercent: number; own: number | null; winner: number | null };

/** What happened to one carrier's bid in one lot. */
export type LotOutcome = {
  lotLabel: string;
  /** awarded: all it offered or the lot's whole need; partial: less than offered; unsuccessful: nothing. */
  status: "awarded" | "partial" | "unsuccessful" | "excluded" | "cancelled";
  offeredHundredths: number | null;
  awardedHundredths: number;
  /** The allocation rule's reason, the exclusion reason or the cancellation reason. */
  reason: string;
  /** An officer's documented change of the proposal, if any. */
  changeReason: string | null;
  /** Carriers to be awarded in this lot (other than the addressee), with their FTE. */
  winners: { organisationName: string; awardedHundredths: number }[];
  /** Against the best-ranked winner; null where there is nothing to compare. */
  comparison: { winnerName: string; rows: ScoreComparison[]; ownTotal: number | null; winnerTotal: number | null; ownRank: number | null; winnerRank: number | null } | null;
};

export type LetterInput = {
  call: { title: string; isDemo: boolean; fileNumber: string | null; serviceStart: Date; contractEnd: Date };
  office: SendingOffice;
  addressee: PostalAddress & { name: string };
  /** When the letter is sent (the server clock); it is dated with this day in Berlin. */
  sentAt: Date;
  locale?: Locale;
};

const fte = (hundredths: number, locale: Locale) => formatNumber(hundredths / 100, locale, 2);
const score = (value: number | null, locale: Locale) => (value === null ? "–" : formatNumber(value, locale, 2));
const placeLine = (a: PostalAddress) => `${a.postalCode} ${a.city}`;

/**
 * Every letter's frame around its own subject and body: the head, the demo notice, the
 * salutation (to an organisation: "Sehr geehrte Damen und Herren,"), and after the body the
 * closing with the office and the note that the letter is valid without signature. A body
 * starts with a word written with a capital in any position ("Sie", "Ihre"), as German
 * writes the first word after the salutation's comma in lower case otherwise.
 */
function letter(input: LetterInput, t: Translate, own: { kind: NoticeKind; title: string; subject: string; body: BodyBlock[] }): NoticeDocument {
  const locale = input.locale ?? "de";
  const { office, addressee } = input;
  const officeName = [office.authority, office.department, office.unit];
  const reference: [string, string][] = [
    ...(input.call.fileNumber ? [[t("award.letter.ref.fileNumber"), input.call.fileNumber] as [string, string]] : []),
    [t("award.letter.ref.contact"), office.unit],
    ...(office.phone ? [[t("award.letter.ref.phone"), office.phone] as [string, string]] : []),
    [t("award.letter.ref.email"), office.email],
    [t("award.letter.ref.date"), formatDate(input.sentAt, locale)],
  ];
  return {
    kind: own.kind,
    title: own.title,
    subject: own.subject,
    callTitle: input.call.title,
    organisationName: addressee.name,
    sentAt: input.sentAt,
    blocks: [
      { kind: "letterhead", authority: office.authority, department: office.department },
      { kind: "senderLine", parts: [office.authority, office.department, office.street, placeLine(office)] },
      { kind: "address", lines: [addressee.name, addressee.street, placeLine(addressee)] },
      { kind: "reference", rows: reference },
      { kind: "subject", text: own.subject },
      ...(input.call.isDemo ? [{ kind: "notice" as const, title: t("award.letter.demoTitle"), text: t("award.letter.demo") }] : []),
      { kind: "salutation", text: t("award.letter.salutation") },
      ...own.body,
      { kind: "closing", greeting: t("award.letter.greeting"), office: [...officeName, office.street, placeLine(office)] },
      { kind: "note", text: t("award.letter.electronic") },
    ],
  };
}

function lotBlocks(o: LotOutcome, t: Translate, locale: Locale): BodyBlock[] {
  const blocks: BodyBlock[] = [{ kind: "heading", text: o.lotLabel }];
  const params = { awarded: fte(o.awardedHundredths, locale), offered: o.offeredHundredths === null ? "–" : fte(o.offeredHundredths, locale) };
  blocks.push({ kind: "p", text: t(`award.letter.outcome.${o.status}`, params) });
  blocks.push({ kind: "p", text: t(o.status === "excluded" ? "award.letter.exclusionReason" : o.status === "cancelled" ? "award.letter.cancellationReason" : "award.letter.ruleReason", { reason: o.reason }) });
  if (o.changeReason) blocks.push({ kind: "p", text: t("award.letter.changeReason", { reason: o.changeReason }) });
  if (o.status !== "awarded" && o.status !== "cancelled") {
    blocks.push({
      kind: "p",
      text: o.winners.length
        ? t("award.letter.winners", { winners: o.winners.map((w) => t("award.letter.winner", { name: w.organisationName, fte: fte(w.awardedHundredths, locale) })).join("; ") })
        : t("award.letter.noWinner"),
    });
  }
  if (o.comparison && o.status !== "awarded") {
    const c = o.comparison;
    blocks.push({ kind: "p", text: t("award.letter.comparison", { winner: c.winnerName }) });
    blocks.push({
      kind: "table",
      columns: [t("award.letter.col.criterion"), t("award.letter.col.weight"), t("award.letter.col.own"), t("award.letter.col.winner", { winner: c.winnerName })],
      rows: [
        ...c.rows.map((r) => [r.criterion, `${r.weightPercent} %`, score(r.own, locale), score(r.winner, locale)]),
        [t("award.letter.row.total"), "100 %", score(c.ownTotal, locale), score(c.winnerTotal, locale)],
        [t("award.letter.row.rank"), "", c.ownRank === null ? "–" : String(c.ownRank), c.winnerRank === null ? "–" : String(c.winnerRank)],
      ],
    });
  }
  return blocks;
}

/** Vorabinformation, § 134 GWB: to every bidder, with the earliest date of the award. */
export function preInformationDocument(input: LetterInput & { lots: LotOutcome[]; earliestAwardAt: Date }, t: Translate): NoticeDocument {
  const locale = input.locale ?? "de";
  const anySuccess = input.lots.some((l) => l.status === "awarded" || l.status === "partial");
  const allSuccess = input.lots.every((l) => l.status === "awarded");
  return letter(input, t, {
    kind: "preInformation",
    subject: t("award.letter.pre.subject", { call: input.call.title }),
    title: t("award.letter.pre.title"),
    body: [
      { kind: "p", text: t(allSuccess ? "award.letter.pre.introSuccess" : anySuccess ? "award.letter.pre.introPartly" : "award.letter.pre.introNone", { call: input.call.title }) },
      ...input.lots.flatMap((o) => lotBlocks(o, t, locale)),
      { kind: "heading", text: t("award.letter.pre.dateHeading") },
      { kind: "p", text: t("award.letter.pre.earliest", { date: formatDateTime(input.earliestAwardAt, locale) }) },
      { kind: "p", text: t("award.letter.pre.complaint") },
    ],
  });
}

/** Zuschlag: to every carrier awarded FTE in at least one lot. */
export function awardDocument(input: LetterInput & { lots: LotOutcome[] }, t: Translate): NoticeDocument {
  const locale = input.locale ?? "de";
  const won = input.lots.filter((l) => l.awardedHundredths > 0);
  const lost = input.lots.filter((l) => l.awardedHundredths === 0);
  return letter(input, t, {
    kind: "award",
    subject: t("award.letter.award.subject", { call: input.call.title }),
    title: t("award.letter.award.title"),
    body: [
      { kind: "p", text: t("award.letter.award.intro", { call: input.call.title }) },
      {
        kind: "table",
        columns: [t("award.letter.col.lot"), t("award.letter.col.fte")],
        rows: won.map((l) => [l.lotLabel, fte(l.awardedHundredths, locale)]),
      },
      {
        kind: "p",
        text: t("award.letter.award.term", { start: formatDateTime(input.call.serviceStart, locale), end: formatDateTime(input.call.contractEnd, locale) }),
      },
      ...(lost.length ? [{ kind: "p" as const, text: t("award.letter.award.notWon", { lots: lost.map((l) => l.lotLabel).join("; ") }) }] : []),
      { kind: "p", text: t("award.letter.award.next") },
    ],
  });
}

/** Absage: the final notice to a carrier awarded nothing. */
export function rejectionDocument(input: LetterInput & { lots: LotOutcome[] }, t: Translate): NoticeDocument {
  const locale = input.locale ?? "de";
  return letter(input, t, {
    kind: "rejection",
    subject: t("award.letter.rejection.subject", { call: input.call.title }),
    title: t("award.letter.rejection.title"),
    body: [
      { kind: "p", text: t("award.letter.rejection.intro", { call: input.call.title }) },
      ...input.lots.flatMap((o) => [
        { kind: "heading" as const, text: o.lotLabel },
        { kind: "p" as const, text: t(o.status === "excluded" ? "award.letter.exclusionReason" : "award.letter.ruleReason", { reason: o.reason }) },
        ...(o.winners.length
          ? [{ kind: "p" as const, text: t("award.letter.winners", { winners: o.winners.map((w) => t("award.letter.winner", { name: w.organisationName, fte: fte(w.awardedHundredths, locale) })).join("; ") }) }]
          : []),
      ]),
      { kind: "p", text: t("award.letter.rejection.thanks") },
    ],
  });
}

/** Aufhebung of the whole call or of one lot: to every carrier that applied. */
export function cancellationDocument(input: LetterInput & { lotLabel: string | null; reason: string }, t: Translate): NoticeDocument {
  return letter(input, t, {
    kind: "cancellation",
    subject: input.lotLabel
      ? t("award.letter.cancellation.subjectLot", { call: input.call.title, lot: input.lotLabel })
      : t("award.letter.cancellation.subject", { call: input.call.title }),
    title: t("award.letter.cancellation.title"),
    body: [
      {
        kind: "p",
        text: input.lotLabel
          ? t("award.letter.cancellation.introLot", { call: input.call.title, lot: input.lotLabel })
          : t("award.letter.cancellation.intro", { call: input.call.title }),
      },
      { kind: "p", text: t("award.letter.cancellationReason", { reason: input.reason }) },
      { kind: "p", text: t("award.letter.cancellation.thanks") },
    ],
  });
}

/** A table row as one line of text: the first cell names the row, the others are labelled. */
function tableRowText(row: string[], columns: string[]): string {
  return row.map((cell, i) => (!cell ? "" : i === 0 ? cell : `${columns[i]}: ${cell}`)).filter(Boolean).join(" | ");
}

/**
 * The mail of a notice (its PDF is attached by the caller): the letter's blocks in text order
 * without the address field (reference line, subject, salutation, body, closing with the
 * office, note), and before the closing where the PDF is and the link to the portal.
 */
export function noticeMail(doc: NoticeDocument, t: Translate, context: LetterContext & { portalUrl?: string } = {}): Letter {
  const attached: Block[] = [
    { kind: "p", text: t("award.letter.mail.attached") },
    ...(context.portalUrl ? [{ kind: "link" as const, url: context.portalUrl }] : []),
  ];
  const blocks = doc.blocks.flatMap((b): Block[] => {
    switch (b.kind) {
      case "letterhead":
      case "senderLine":
      case "address":
        return [];
      case "reference":
        return [{ kind: "facts", rows: b.rows }];
      case "subject":
      case "heading":
        return [{ kind: "p", text: b.text, strong: true }];
      case "notice":
        return [{ kind: "p", text: `${b.title}: ${b.text}` }];
      case "salutation":
      case "p":
      case "note":
        return [{ kind: "p", text: b.text }];
      case "table":
        return [{ kind: "list", items: b.rows.map((row) => tableRowText(row, b.columns)) }];
      case "closing":
        return [...attached, { kind: "p", text: b.greeting }, { kind: "p", text: b.office.join("\n") }];
    }
  });
  return mailDocument({ subject: doc.subject, context, link: context.portalUrl, blocks });
}

/** The notice as plain text, stored in notices.body (the letter's accessible twin): all but letterhead and sender line. */
export function noticeText(doc: NoticeDocument): string {
  const paragraphs = doc.blocks.flatMap((b): string[] => {
    switch (b.kind) {
      case "letterhead":
      case "senderLine":
        return [];
      case "address":
        return [b.lines.join("\n")];
      case "reference":
        return [b.rows.map(([k, v]) => `${k}: ${v}`).join("\n")];
      case "notice":
        return [`${b.title}: ${b.text}`];
      case "subject":
      case "salutation":
      case "p":
      case "heading":
      case "note":
        return [b.text];
      case "table":
        return [b.rows.map((row) => tableRowText(row, b.columns)).join("\n")];
      case "closing":
        return [b.greeting, b.office.join("\n")];
    }
  });
  return paragraphs.join("\n\n") + "\n";
}
