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
import type { Block, Cell, DocumentModel } from "../documents/blocks";
import type { Reader } from "../documents/format";
import { blockText, tableLines } from "../documents/text";
import { formatDate, formatDateTime, formatDay, formatEuroCents, formatNumber } from "../i18n/format";
import { translator, type Locale, type Translate } from "../i18n";
import { mailDocument, type Block as MailBlock, type Letter, type LetterContext } from "../mail/letters";

export type NoticeKind = "preInformation" | "award" | "rejection" | "cancellation" | "complaintDecision" | "contractAmendment";

/** A block of a letter's body: paragraphs, headings of its parts, tables. */
type BodyBlock = Extract<Block, { kind: "paragraph" | "heading" | "table" }>;

/** A letter: a document (app/documents) with the head of DIN 5008 and what the procedure files it by. */
export type NoticeDocument = DocumentModel & {
  kind: NoticeKind;
  /** The language it is written in. */
  locale: Locale;
  callTitle: string;
  organisationName: string;
  /** The day it is dated with, and the creation date of its PDF. */
  sentAt: Date;
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
    locale,
    title: locale === "de" ? `${own.title} – ${input.call.title}` : `${t("award.letter.translationTitle")}: ${own.title} – ${input.call.title}`,
    subject: own.subject,
    runningHeader: `${own.title} – ${addressee.name}`,
    numberSections: false,
    letter: true,
    callTitle: input.call.title,
    organisationName: addressee.name,
    sentAt: input.sentAt,
    blocks: [
      { kind: "letterhead", authority: office.authority, department: office.department },
      { kind: "senderLine", parts: [office.authority, office.department, office.street, placeLine(office)] },
      { kind: "address", lines: [addressee.name, addressee.street, placeLine(addressee)] },
      { kind: "reference", rows: reference },
      { kind: "subject", text: own.subject },
      // A translation says so before anything else of the letter (decision 0020).
      ...(locale !== "de" ? [{ kind: "note" as const, tone: "info" as const, title: t("award.letter.translationTitle"), body: [t("award.letter.translation")] }] : []),
      ...(input.call.isDemo ? [{ kind: "note" as const, tone: "warning" as const, title: t("award.letter.demoTitle"), body: [t("award.letter.demo")] }] : []),
      { kind: "salutation", text: t("award.letter.salutation") },
      ...own.body,
      { kind: "closing", greeting: t("award.letter.greeting"), office: [...officeName, office.street, placeLine(office)] },
      { kind: "paragraph", size: "small" as const, text: t("award.letter.electronic") },
    ],
  };
}

function lotBlocks(o: LotOutcome, t: Translate, locale: Locale): BodyBlock[] {
  const blocks: BodyBlock[] = [{ kind: "heading", text: o.lotLabel }];
  const params = { awarded: fte(o.awardedHundredths, locale), offered: o.offeredHundredths === null ? "–" : fte(o.offeredHundredths, locale) };
  blocks.push({ kind: "paragraph", text: t(`award.letter.outcome.${o.status}`, params) });
  blocks.push({ kind: "paragraph", text: t(o.status === "excluded" ? "award.letter.exclusionReason" : o.status === "cancelled" ? "award.letter.cancellationReason" : "award.letter.ruleReason", { reason: o.reason }) });
  if (o.changeReason) blocks.push({ kind: "paragraph", text: t("award.letter.changeReason", { reason: o.changeReason }) });
  if (o.status !== "awarded" && o.status !== "cancelled") {
    blocks.push({
      kind: "paragraph",
      text: o.winners.length
        ? t("award.letter.winners", { winners: o.winners.map((w) => t("award.letter.winner", { name: w.organisationName, fte: fte(w.awardedHundredths, locale) })).join("; ") })
        : t("award.letter.noWinner"),
    });
  }
  if (o.comparison && o.status !== "awarded") {
    const c = o.comparison;
    const lead = t("award.letter.comparison", { winner: c.winnerName });
    const rank = (n: number | null): Cell => (n === null ? null : { format: "integer", value: n });
    blocks.push({ kind: "paragraph", text: lead });
    blocks.push({
      kind: "table",
      caption: lead,
      columns: [
        { label: t("award.letter.col.criterion"), width: 0.4 },
        { label: t("award.letter.col.weight"), format: "percent" },
        { label: t("award.letter.col.own"), format: "decimal2" },
        { label: t("award.letter.col.winner", { winner: c.winnerName }), format: "decimal2" },
      ],
      rows: [
        ...c.rows.map((r) => [r.criterion, r.weightPercent, r.own, r.winner]),
        [t("award.letter.row.total"), 100, c.ownTotal, c.winnerTotal],
        [t("award.letter.row.rank"), "", rank(c.ownRank), rank(c.winnerRank)],
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
      { kind: "paragraph", text: t(allSuccess ? "award.letter.pre.introSuccess" : anySuccess ? "award.letter.pre.introPartly" : "award.letter.pre.introNone", { call: input.call.title }) },
      ...input.lots.flatMap((o) => lotBlocks(o, t, locale)),
      { kind: "heading", text: t("award.letter.pre.dateHeading") },
      { kind: "paragraph", text: t("award.letter.pre.earliest", { date: formatDateTime(input.earliestAwardAt, locale) }) },
      { kind: "paragraph", text: t("award.letter.pre.complaint") },
    ],
  });
}

/** Zuschlag: to every carrier awarded FTE in at least one lot. */
export function awardDocument(input: LetterInput & { lots: LotOutcome[] }, t: Translate): NoticeDocument {
  const locale = input.locale ?? "de";
  const won = input.lots.filter((l) => l.awardedHundredths > 0);
  const lost = input.lots.filter((l) => l.awardedHundredths === 0);
  const intro = t("award.letter.award.intro", { call: input.call.title });
  return letter(input, t, {
    kind: "award",
    subject: t("award.letter.award.subject", { call: input.call.title }),
    title: t("award.letter.award.title"),
    body: [
      { kind: "paragraph", text: intro },
      {
        kind: "table",
        caption: intro,
        columns: [
          { label: t("award.letter.col.lot"), width: 0.7 },
          { label: t("award.letter.col.fte"), format: "fteFixed" },
        ],
        rows: won.map((l) => [l.lotLabel, l.awardedHundredths]),
      },
      {
        kind: "paragraph",
        text: t("award.letter.award.term", { start: formatDateTime(input.call.serviceStart, locale), end: formatDateTime(input.call.contractEnd, locale) }),
      },
      ...(lost.length ? [{ kind: "paragraph" as const, text: t("award.letter.award.notWon", { lots: lost.map((l) => l.lotLabel).join("; ") }) }] : []),
      { kind: "paragraph", text: t("award.letter.award.next") },
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
      { kind: "paragraph", text: t("award.letter.rejection.intro", { call: input.call.title }) },
      ...input.lots.flatMap((o) => [
        { kind: "heading" as const, text: o.lotLabel },
        { kind: "paragraph" as const, text: t(o.status === "excluded" ? "award.letter.exclusionReason" : "award.letter.ruleReason", { reason: o.reason }) },
        ...(o.winners.length
          ? [{ kind: "paragraph" as const, text: t("award.letter.winners", { winners: o.winners.map((w) => t("award.letter.winner", { name: w.organisationName, fte: fte(w.awardedHundredths, locale) })).join("; ") }) }]
          : []),
      ]),
      { kind: "paragraph", text: t("award.letter.rejection.thanks") },
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
        kind: "paragraph",
        text: input.lotLabel
          ? t("award.letter.cancellation.introLot", { call: input.call.title, lot: input.lotLabel })
          : t("award.letter.cancellation.intro", { call: input.call.title }),
      },
      { kind: "paragraph", text: t("award.letter.cancellationReason", { reason: input.reason }) },
      { kind: "paragraph", text: t("award.letter.cancellation.thanks") },
    ],
  });
}

/**
 * The decision on a Rüge (§ 160 GWB), to the carrier that raised it: what it complained of
 * (when, which lots), the decision (upheld, partly upheld, rejected) and its reasons; where
 * the complaint is not wholly upheld, the time limit for a review application (§ 160 Abs. 3
 * Satz 1 Nr. 4 GWB). It quotes the carrier's own complaint, nothing of anyone's bid.
 */
export function complaintDecisionDocument(
  input: LetterInput & { receivedAt: Date; lotLabels: string[]; decision: "upheld" | "partly" | "rejected"; reasons: string },
  t: Translate,
): NoticeDocument {
  const locale = input.locale ?? "de";
  return letter(input, t, {
    kind: "complaintDecision",
    subject: t("award.letter.complaint.subject", { call: input.call.title }),
    title: t("award.letter.complaint.title"),
    body: [
      {
        kind: "paragraph",
        text: t("award.letter.complaint.intro", {
          date: formatDateTime(input.receivedAt, locale),
          call: input.call.title,
          lots: input.lotLabels.length ? input.lotLabels.join("; ") : t("award.letter.complaint.allLots"),
        }),
      },
      { kind: "paragraph", text: t(`award.letter.complaint.decision.${input.decision}`) },
      { kind: "heading", text: t("award.letter.complaint.reasonsHeading") },
      { kind: "paragraph", text: input.reasons },
      { kind: "paragraph", text: t(input.decision === "upheld" ? "award.letter.complaint.nextUpheld" : "award.letter.complaint.review") },
    ],
  });
}

const readerOf = (doc: NoticeDocument): Reader => ({ locale: doc.locale, t: translator(doc.locale) });

/** What a change letter (Nachsteuerung, decision 0026) says about one contract. */
export type AmendmentOffer = {
  contractNumber: string;
  lotLabel: string;
  figuresAsOf: Date;
  requiredHundredths: number;
  contractedHundredths: number;
  boundsPercent: number;
  /** The Berlin day the change takes effect, and the last day to answer (the day before). */
  fromDay: string;
  answerBy: string;
  beforeHundredths: number;
  afterHundredths: number;
  valuePerYearAfterCents: number;
};

/** Änderungsschreiben: the city offers a contract change within the bounds the call reserved; the carrier answers in the portal. */
export function contractAmendmentDocument(input: LetterInput & { offer: AmendmentOffer }, t: Translate): NoticeDocument {
  const locale = input.locale ?? "de";
  const o = input.offer;
  return letter(input, t, {
    kind: "contractAmendment",
    subject: t("amendment.letter.subject", { number: o.contractNumber }),
    title: t("amendment.letter.title"),
    body: [
      {
        kind: "paragraph",
        text: t("amendment.letter.reason", {
          number: o.contractNumber,
          lot: o.lotLabel,
          figures: formatDate(o.figuresAsOf, locale),
          required: fte(o.requiredHundredths, locale),
          contracted: fte(o.contractedHundredths, locale),
          percent: String(o.boundsPercent),
        }),
      },
      {
        kind: "paragraph",
        text: t("amendment.letter.change", {
          from: formatDay(o.fromDay, locale),
          after: fte(o.afterHundredths, locale),
          before: fte(o.beforeHundredths, locale),
          value: formatEuroCents(o.valuePerYearAfterCents, locale),
        }),
      },
      { kind: "paragraph", text: t("amendment.letter.order") },
      { kind: "paragraph", text: t("amendment.letter.answer", { deadline: formatDay(o.answerBy, locale) }) },
    ],
  });
}

/**
 * The mail of a notice (its PDF is attached by the caller): the letter's blocks in text order
 * without the address field (reference line, subject, salutation, body, closing with the
 * office, note), and before the closing where the PDF is and the link to the portal. A
 * `translation` (the same letter in the reader's language) follows under its heading, marked
 * as such; its PDF goes with the mail as a second attachment (decision 0020).
 */
export function noticeMail(doc: NoticeDocument, t: Translate, context: LetterContext & { portalUrl?: string } = {}, translation?: NoticeDocument): Letter {
  const blocks = noticeMailBlocks(doc, t, context.portalUrl);
  return mailDocument({
    subject: doc.subject,
    context,
    link: context.portalUrl,
    blocks,
    translation: translation && {
      locale: translation.locale,
      subject: translation.subject,
      blocks: noticeMailBlocks(translation, translator(translation.locale), context.portalUrl, true),
    },
  });
}

function noticeMailBlocks(doc: NoticeDocument, t: Translate, portalUrl: string | undefined, isTranslation = false): MailBlock[] {
  const reader = readerOf(doc);
  const attached: MailBlock[] = [
    { kind: "p", text: t("award.letter.mail.attached") },
    ...(isTranslation ? [{ kind: "p" as const, text: t("award.letter.mail.translationAttached") }] : []),
    ...(portalUrl ? [{ kind: "link" as const, url: portalUrl }] : []),
  ];
  return doc.blocks.flatMap((b): MailBlock[] => {
    switch (b.kind) {
      case "letterhead":
      case "senderLine":
      case "address":
        return [];
      case "reference":
        return [{ kind: "facts", rows: b.rows }];
      case "subject":
      case "heading":
        return [{ kind: "p", text: blockText(b, reader).join("\n\n"), strong: true }];
      case "table":
        return [{ kind: "list", items: tableLines(b, reader) }];
      case "closing":
        return [...attached, { kind: "p", text: b.greeting }, { kind: "p", text: b.office.join("\n") }];
      default:
        return blockText(b, reader).map((text) => ({ kind: "p", text }));
    }
  });
}

/** The notice as plain text, stored in notices.body (the letter's accessible twin): all but letterhead and sender line. */
export function noticeText(doc: NoticeDocument): string {
  const reader = readerOf(doc);
  const shown = doc.blocks.filter((b) => b.kind !== "letterhead" && b.kind !== "senderLine");
  return shown.flatMap((b) => blockText(b, reader)).join("\n\n") + "\n";
}
