// The letters of the award procedure (Vorabinformation, Zuschlag, Absage, Aufhebung) as
// structured documents: one content, three renderings (the mail via app/mail/letters.ts,
// the PDF via ./letters-pdf.server.ts, the plain text kept in notices.body as the
// letter's accessible twin). Texts come from the message catalogue (area `award`): German
// for what is sent, English available for the same keys. Pure: no database, no clock.
import { formatDateTime, formatNumber } from "../i18n/format";
import type { Locale, Translate } from "../i18n";
import { frameLetter, type Block, type Letter, type LetterContext } from "../mail/letters";

export type NoticeKind = "preInformation" | "award" | "rejection" | "cancellation";

export type NoticeBlock =
  | { kind: "p"; text: string }
  | { kind: "heading"; text: string }
  | { kind: "facts"; rows: [label: string, value: string][] }
  | { kind: "table"; columns: string[]; rows: string[][] };

export type NoticeDocument = {
  kind: NoticeKind;
  subject: string;
  title: string;
  call: { title: string; authority: string; department: string; isDemo: boolean };
  organisationName: string;
  sentAt: Date;
  blocks: NoticeBlock[];
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
  call: NoticeDocument["call"] & { serviceStart: Date; contractEnd: Date };
  organisationName: string;
  sentAt: Date;
  locale?: Locale;
};

const fte = (hundredths: number, locale: Locale) => formatNumber(hundredths / 100, locale, 2);
const score = (value: number | null, locale: Locale) => (value === null ? "–" : formatNumber(value, locale, 2));

function head(input: LetterInput, t: Translate, locale: Locale): NoticeBlock {
  return {
    kind: "facts",
    rows: [
      [t("award.letter.fact.call"), input.call.title],
      [t("award.letter.fact.carrier"), input.organisationName],
      [t("award.letter.fact.sentAt"), formatDateTime(input.sentAt, locale)],
    ],
  };
}

function demoBlock(input: LetterInput, t: Translate): NoticeBlock[] {
  return input.call.isDemo ? [{ kind: "p", text: t("award.letter.demo") }] : [];
}

/** What every letter has: the addressee and date, the facts block and the demo note first. */
function letter(input: LetterInput, t: Translate, own: Pick<NoticeDocument, "kind" | "subject" | "title" | "blocks">): NoticeDocument {
  const locale = input.locale ?? "de";
  return {
    kind: own.kind,
    subject: own.subject,
    title: own.title,
    call: input.call,
    organisationName: input.organisationName,
    sentAt: input.sentAt,
    blocks: [head(input, t, locale), ...demoBlock(input, t), ...own.blocks],
  };
}

function lotBlocks(o: LotOutcome, t: Translate, locale: Locale): NoticeBlock[] {
  const blocks: NoticeBlock[] = [{ kind: "heading", text: o.lotLabel }];
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
    blocks: [
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
    blocks: [
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
    blocks: [
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
    blocks: [
      {
        kind: "p",
        text: input.lotLabel
          ? t("award.letter.cancellation.introLot", { call: input.call.title, lot: input.lotLabel })
          : t("award.letter.cancellation.intro", { call: input.call.title }),
      },
      { kind: "p", text: t("award.letter.cancellationReason", { reason: input.reason }) },
      { kind: "p", text: t("award.letter.cancellation.next") },
    ],
  });
}

/** A table row as one line of text: the first cell names the row, the others are labelled. */
function tableRowText(row: string[], columns: string[]): string {
  return row.map((cell, i) => (!cell ? "" : i === 0 ? cell : `${columns[i]}: ${cell}`)).filter(Boolean).join(" | ");
}

function toMailBlocks(doc: NoticeDocument): Block[] {
  return doc.blocks.map((b): Block => {
    switch (b.kind) {
      case "p":
        return { kind: "p", text: b.text };
      case "heading":
        return { kind: "p", text: `${b.text}` };
      case "facts":
        return { kind: "facts", rows: b.rows };
      case "table":
        return { kind: "list", items: b.rows.map((row) => tableRowText(row, b.columns)) };
    }
  });
}

/** The mail of a notice (its PDF is attached by the caller). */
export function noticeMail(doc: NoticeDocument, t: Translate, context: LetterContext & { portalUrl?: string } = {}): Letter {
  return frameLetter({
    subject: doc.subject,
    context,
    link: context.portalUrl,
    blocks: [
      ...toMailBlocks(doc),
      { kind: "p", text: t("award.letter.mail.attached") },
      ...(context.portalUrl ? [{ kind: "link" as const, url: context.portalUrl }] : []),
    ],
  });
}

/** The notice as plain text, stored in notices.body (the letter's accessible twin). */
export function noticeText(doc: NoticeDocument): string {
  const lines: string[] = [doc.title, ""];
  for (const b of doc.blocks) {
    if (b.kind === "p" || b.kind === "heading") lines.push(b.text, "");
    else if (b.kind === "facts") lines.push(...b.rows.map(([k, v]) => `${k}: ${v}`), "");
    else lines.push(...b.rows.map((row) => tableRowText(row, b.columns)), "");
  }
  return lines.join("\n").trim() + "\n";
}
