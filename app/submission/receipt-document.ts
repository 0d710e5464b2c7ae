// The receipt (Eingangsbestätigung) of a submitted version as a document (app/documents):
// the page /traeger/eingaenge/<id> and the PDF attached to the receipt mail show these
// blocks. Every file with its full SHA-256, the time of receipt to the second by the server
// clock, the hash of the submission and the head of the audit chain. Pure.
import { BR, message, secondary, strong, val, type Block, type DocumentModel, type Inline } from "../documents/blocks";
import type { Translate } from "../i18n";
import { declarationList } from "./declarations";
import { documentName, type FileRef } from "./rules";
import { snapshotFileEntries, type Receipt, type SnapshotFileEntry, type SubmissionSnapshot } from "./snapshot";

/** What a file is: "Konzept zu Los 3", or the full name of the document's slot. Shared with the opening record. */
export function fileKindLabel(entry: Pick<SnapshotFileEntry, "kind" | "lotNumber">, t: Translate): string {
  return entry.kind === "concept" ? t("receipt.file.concept", { lot: entry.lotNumber ?? "" }) : t(documentName(entry.kind));
}

/** Every file of the snapshot with what it is, in the order of `snapshotFiles`. */
export function receiptFileRows(snapshot: SubmissionSnapshot, t: Translate): { file: FileRef; kind: string }[] {
  return snapshotFileEntries(snapshot).map((e) => ({ file: e.file, kind: fileKindLabel(e, t) }));
}

/** The organisation's name, address and register entry as lines. */
export function organisationLines(org: SubmissionSnapshot["organisation"]): string[] {
  const register = [org.registerCourt, org.registerNumber].filter(Boolean).join(", ");
  return [org.name, org.street, `${org.postalCode} ${org.city}`, ...(register ? [register] : [])];
}

/** Sums over all lots, for the total row (shown when there is more than one lot). */
export function lotTotals(snapshot: SubmissionSnapshot): { fteHundredths: number; perYearCents: number; termCents: number } {
  return snapshot.lots.reduce(
    (sum, l) => ({
      fteHundredths: sum.fteHundredths + l.totals.fteHundredths,
      perYearCents: sum.perYearCents + l.totals.perYearCents,
      termCents: sum.termCents + l.totals.termCents,
    }),
    { fteHundredths: 0, perYearCents: 0, termCents: 0 },
  );
}

/** A lot's weekly hours, summed over its posts; null if a post was saved before they were asked (decision 0021). */
export function lotWeeklyHours(lot: SubmissionSnapshot["lots"][number]): number | null {
  let sum = 0;
  for (const p of lot.posts) {
    if (p.weeklyHoursHundredths === undefined) return null;
    sum += p.weeklyHoursHundredths;
  }
  return sum;
}

/** Weekly hours with the FTE they make, under "Wochenstunden (= VZÄ)": "58,5 (= 1,5)"; "– (= 1,5)" without hours. */
function extentCell(hours: number | null, fteHundredths: number): Inline[] {
  return [hours === null ? "–" : val("fte", hours), " (= ", val("fte", fteHundredths), ")"];
}

export function receiptDocument(receipt: Receipt, t: Translate): DocumentModel {
  const s = receipt.snapshot;
  const files = receiptFileRows(s, t);
  const totals = lotTotals(s);
  const hoursOfLots = s.lots.map(lotWeeklyHours);
  const totalWeeklyHours = hoursOfLots.some((h) => h === null) ? null : hoursOfLots.reduce<number>((sum, h) => sum + (h ?? 0), 0);
  const withdrawal: Block[] = receipt.withdrawnAt
    ? [
        {
          kind: "note",
          tone: "warning",
          title: message(t, "receipt.withdrawn.title", { date: val("datetimeSeconds", receipt.withdrawnAt) }),
          body: [t("receipt.withdrawn.body")],
        },
      ]
    : [];
  return {
    title: `${t("receipt.title")} ${receipt.receiptNumber}`,
    subject: t("receipt.meta.subject"),
    runningHeader: t("receipt.runningHeader", { number: receipt.receiptNumber, organisation: s.organisation.name }),
    numberSections: false,
    blocks: [
      { kind: "letterhead", authority: t("receipt.letterhead"), department: t("receipt.letterhead.sub") },
      { kind: "title", text: t("receipt.title") },
      { kind: "lead", text: t("receipt.lead", { call: s.call.title }) },
      ...withdrawal,
      {
        kind: "section",
        title: t("receipt.section.receipt"),
        blocks: [
          {
            kind: "facts",
            items: [
              { label: t("receipt.number"), value: [strong(receipt.receiptNumber)] },
              { label: t("receipt.call"), value: s.call.title },
              { label: t("receipt.version"), value: t("receipt.versionValue", { version: receipt.version }) },
              { label: t("receipt.receivedAt"), value: [val("datetimeSeconds", receipt.submittedAt, "strong"), ` (${t("receipt.serverTime")})`] },
              { label: t("receipt.submittedBy"), value: receipt.submittedByName || t("receipt.submittedByUnknown") },
              { label: t("receipt.organisation"), address: organisationLines(s.organisation) },
            ],
          },
        ],
      },
      {
        kind: "section",
        title: t("receipt.section.lots"),
        blocks:
          s.lots.length === 0
            ? [{ kind: "paragraph", text: t("receipt.lots.none") }]
            : [
                {
                  kind: "table",
                  caption: t("receipt.lots.caption"),
                  striped: true,
                  columns: [
                    { label: t("receipt.lots.col.number"), width: 0.11 },
                    { label: t("receipt.lots.col.region"), width: 0.12 },
                    { label: t("receipt.lots.col.role"), width: 0.24 },
                    { label: t("receipt.lots.col.fte"), format: "fte", width: 0.19 },
                    { label: t("receipt.lots.col.perYear"), format: "money", width: 0.16 },
                    { label: t("receipt.lots.col.term"), format: "money", width: 0.18 },
                  ],
                  rows: s.lots.map((l) => [
                    t("receipt.lots.number", { number: l.number }),
                    l.regionName,
                    l.roleName,
                    extentCell(lotWeeklyHours(l), l.totals.fteHundredths),
                    l.totals.perYearCents,
                    [val("money", l.totals.termCents), BR, secondary(t("receipt.lots.months", { months: l.totals.termMonths }))],
                  ]),
                  totals:
                    s.lots.length > 1
                      ? { label: t("receipt.lots.total"), cells: [extentCell(totalWeeklyHours, totals.fteHundredths), totals.perYearCents, totals.termCents], strong: true }
                      : undefined,
                },
              ],
      },
      {
        kind: "section",
        title: t("receipt.section.files"),
        blocks:
          files.length === 0
            ? [{ kind: "paragraph", text: t("receipt.files.none") }]
            : [
                { kind: "paragraph", text: t("receipt.files.intro") },
                {
                  kind: "table",
                  caption: t("receipt.files.caption"),
                  columns: [
                    { label: t("receipt.files.col.name"), width: 0.44 },
                    { label: t("receipt.files.col.kind"), width: 0.26 },
                    { label: t("receipt.files.col.size"), format: "fileSize", width: 0.3 },
                    { label: t("receipt.files.col.sha256"), format: "hash" },
                  ],
                  rows: files.map(({ file, kind }) => [file.name, kind, file.sizeBytes, file.sha256]),
                },
              ],
      },
      {
        kind: "section",
        title: t("receipt.declarations"),
        blocks: s.declarations
          ? declarationList(s.declarations).flatMap((d): Block[] => [
              {
                kind: "facts",
                items: [
                  {
                    label: t(d.kind === "pay" ? "receipt.declaration.pay" : "receipt.declaration.exclusion"),
                    value: [`${d.signature.name} (${d.signature.role}), `, val("datetimeSeconds", new Date(d.signature.declaredAt))],
                  },
                ],
              },
              ...d.text.split("\n").map((line): Block => ({ kind: "paragraph", text: line })),
            ])
          : [{ kind: "paragraph", text: t("receipt.declaration.none") }],
      },
      {
        kind: "section",
        title: t("receipt.section.hashes"),
        blocks: [
          { kind: "paragraph", text: t("receipt.hashes.intro") },
          {
            kind: "facts",
            items: [
              { label: t("receipt.contentHash"), value: { format: "hash", value: receipt.contentHash } },
              { label: t("receipt.auditHead"), value: { format: "hash", value: receipt.auditHead } },
            ],
          },
        ],
      },
      {
        kind: "section",
        title: t("receipt.section.notes"),
        blocks: [
          { kind: "paragraph", text: t("receipt.note.receiptOnly") },
          { kind: "paragraph", text: message(t, "receipt.note.final", { deadline: val("datetime", s.call.submissionDeadline) }) },
          { kind: "paragraph", text: t("receipt.note.keep") },
        ],
      },
    ],
  };
}
