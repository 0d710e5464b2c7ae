// The opening record (Öffnungsprotokoll, VgV § 55) as a document (app/documents): printed
// once when the opening is confirmed and stored as an unchangeable PDF, shown on the
// opening's page with what only exists after the PDF (the audit head written with it, the
// PDF's own checksum, its download). A mismatch stands out in both: a danger notice at the
// top, the flagged count, and the file's result. Pure.
import { BR, message, secondary, strong, val, type Block, type DocumentModel, type Inline, type Text } from "../documents/blocks";
import type { Translate } from "../i18n";
import { fileKindLabel } from "../submission/receipt-document";
import { hasMismatches, lateEntries, type OpeningFileCheck, type OpeningRecord, type OpeningRecordEntry } from "./opening-record";

/** The result of a file's check: matches, or the loud mismatch with what exactly differs. */
export function openingFileResult(f: OpeningFileCheck, t: Translate): { ok: boolean; label: string; detail: string | null } {
  if (f.matches) return { ok: true, label: t("opening.record.file.match"), detail: null };
  return {
    ok: false,
    label: t("opening.record.file.mismatch"),
    detail: t(f.problem === "missing" ? "opening.record.file.missing" : "opening.record.file.changed"),
  };
}

/** "Los 2: Flüchtlingssozialarbeit – Region Nord", one per lot. */
export function openingLotLines(entry: OpeningRecordEntry, t: Translate): string[] {
  return entry.lots.map((l) => t("opening.record.lot", { number: l.number, role: l.roleName, region: l.regionName }));
}

/** The summary's rows: label and count; the last counts the mismatches. */
export function openingSummaryRows(record: OpeningRecord, t: Translate): [string, number][] {
  const s = record.summary;
  return [
    [t("opening.record.summary.counting"), s.counting],
    [t("opening.record.summary.superseded"), s.superseded],
    [t("opening.record.summary.withdrawn"), s.withdrawn],
    [t("opening.record.summary.late"), s.late],
    [t("opening.record.summary.files"), s.files],
    [t("opening.record.summary.mismatches"), s.fileMismatches + s.contentMismatches],
  ];
}

/** "Anna Vergabe, 28. Februar 2017 um 14:00:00 MEZ". */
function personAt(person: { name: string }, at: string, t: Translate): Inline[] {
  return message(t, "opening.record.personAt", { name: person.name, date: val("datetimeSeconds", at) });
}

/** Received, and marked when it was late. */
function received(entry: OpeningRecordEntry, t: Translate): Inline[] {
  return [val("datetimeSeconds", entry.submittedAt), ...(entry.late ? [" ", { text: t("opening.record.late"), style: "badge" as const }] : [])];
}

export type OpeningRecordPageExtras = {
  /** The head of the audit chain written with the confirmation (after the PDF). */
  auditHeadAtOpening: string;
  /** The stored PDF: where to download it and its checksum. */
  pdf: { href: string; sha256: string } | null;
};

export function openingRecordDocument(record: OpeningRecord, recordHash: string, t: Translate, page?: OpeningRecordPageExtras): DocumentModel {
  const mismatches = record.summary.fileMismatches + record.summary.contentMismatches;
  const late = lateEntries(record);
  const versions = (entries: OpeningRecordEntry[], none: Text, intro: Text, caption: string, withdrawal = false): Block[] =>
    entries.length === 0 ? [{ kind: "paragraph", text: none }] : [{ kind: "paragraph", text: intro }, versionTable(entries, caption, t, withdrawal)];
  return {
    title: `${t("opening.record.title")} – ${record.call.title}`,
    subject: t("opening.meta.subject"),
    runningHeader: t("opening.record.runningHeader", { call: record.call.title }),
    numberSections: true,
    blocks: [
      { kind: "letterhead", authority: t("opening.letterhead"), department: t("opening.letterhead.sub") },
      { kind: "title", text: t("opening.record.title") },
      { kind: "lead", text: t("opening.record.lead", { call: record.call.title }) },
      hasMismatches(record)
        ? { kind: "note", tone: "danger", title: t("opening.record.mismatchAlert.title", { count: mismatches }), body: [t("opening.record.mismatchAlert.body")] }
        : { kind: "note", tone: "success", body: [t("opening.record.allMatch")] },
      {
        kind: "section",
        title: t("opening.record.section.opening"),
        blocks: [
          {
            kind: "facts",
            items: [
              { label: t("opening.record.call"), value: record.call.title },
              { label: t("opening.record.deadline"), value: { format: "datetime", value: record.call.submissionDeadline } },
              { label: t("opening.record.startedBy"), value: personAt(record.startedBy, record.startedAt, t) },
              { label: t("opening.record.confirmedBy"), value: personAt(record.confirmedBy, record.confirmedAt, t) },
            ],
          },
          { kind: "paragraph", text: t("opening.record.fourEyes") },
        ],
      },
      {
        kind: "section",
        title: t("opening.record.section.summary"),
        blocks: [
          {
            kind: "table",
            caption: t("opening.record.summary.caption"),
            columns: [
              { label: "", width: 0.7 },
              { label: "", format: "integer", width: 0.3 },
            ],
            rows: openingSummaryRows(record, t),
          },
        ],
      },
      {
        kind: "section",
        title: t("opening.record.section.counting"),
        blocks: [
          { kind: "paragraph", text: t("opening.record.counting.intro") },
          ...(record.counting.length === 0 ? [{ kind: "paragraph" as const, text: t("opening.record.counting.none") }] : []),
          ...record.counting.map((entry) => countingEntry(entry, t)),
        ],
      },
      {
        kind: "section",
        title: t("opening.record.section.late"),
        blocks: [
          { kind: "paragraph", text: t("opening.record.late.note") },
          ...versions(late, t("opening.record.late.none"), t("opening.record.late.found"), t("opening.record.list.caption.late")),
        ],
      },
      {
        kind: "section",
        title: t("opening.record.section.withdrawn"),
        blocks: versions(record.withdrawn, t("opening.record.withdrawn.none"), t("opening.record.withdrawn.intro"), t("opening.record.list.caption.withdrawn"), true),
      },
      {
        kind: "section",
        title: t("opening.record.section.superseded"),
        blocks: versions(record.superseded, t("opening.record.superseded.none"), t("opening.record.superseded.intro"), t("opening.record.list.caption.superseded")),
      },
      {
        kind: "section",
        title: t("opening.record.section.integrity"),
        blocks: [
          { kind: "paragraph", text: t("opening.record.integrity.body") },
          {
            kind: "facts",
            items: [
              { label: t("opening.record.recordHash"), value: { format: "hash", value: recordHash } },
              // Written after the PDF: only the page can name them.
              ...(page ? [{ label: t("opening.record.auditHead"), value: { format: "hash" as const, value: page.auditHeadAtOpening }, only: "page" as const }] : []),
              ...(page?.pdf ? [{ label: t("opening.record.pdfSha256"), value: { format: "hash" as const, value: page.pdf.sha256 }, only: "page" as const }] : []),
            ],
          },
          ...(page?.pdf ? [{ kind: "paragraph" as const, text: [{ text: t("opening.record.downloadPdf"), href: page.pdf.href, download: true }], only: "page" as const }] : []),
        ],
      },
    ],
  };
}

/** A counting version: its facts, its content's checksum and every file with both checksums. */
function countingEntry(entry: OpeningRecordEntry, t: Translate): Block {
  const lots = openingLotLines(entry, t);
  return {
    kind: "section",
    card: "plain",
    title: t("opening.record.entry.heading", { organisation: entry.organisationName, number: entry.receiptNumber }),
    blocks: [
      {
        kind: "facts",
        items: [
          { label: t("opening.record.receiptNumber"), value: [strong(entry.receiptNumber)] },
          { label: t("opening.record.organisation"), value: entry.organisationName },
          { label: t("opening.record.receivedAt"), value: received(entry, t) },
          { label: t("opening.record.version"), value: t("opening.record.versionValue", { version: entry.version }) },
          lots.length === 0 ? { label: t("opening.record.lots"), value: t("opening.record.lots.none") } : { label: t("opening.record.lots"), list: lots },
          { label: t("opening.record.contentHash"), value: { format: "hash", value: entry.contentHash } },
          {
            label: t("opening.record.content"),
            value: entry.sealedContentIntact ? t("opening.record.contentIntact") : [{ text: t("opening.record.contentMismatch"), style: "badge" }],
          },
        ],
      },
      entry.files.length === 0
        ? { kind: "paragraph", text: t("opening.record.files.none") }
        : {
            kind: "table",
            caption: t("opening.record.files.caption", { number: entry.receiptNumber }),
            columns: [
              { label: t("opening.record.files.col.name"), width: 0.38 },
              { label: t("opening.record.files.col.kind"), width: 0.2 },
              { label: t("opening.record.files.col.size"), format: "fileSize", width: 0.16 },
              { label: t("opening.record.files.col.expected"), format: "hash" },
              { label: t("opening.record.files.col.actual"), format: "hash" },
              { label: t("opening.record.files.col.result"), width: 0.26 },
            ],
            rows: entry.files.map((f) => {
              const result = openingFileResult(f, t);
              return [
                [{ text: f.name, href: `/dateien/${f.fileId}` }],
                fileKindLabel(f, t),
                f.sizeBytes,
                f.expectedSha256,
                f.actualSha256 ?? [t("opening.record.file.notComputed")],
                result.ok ? result.label : [{ text: result.label, style: "badge" }, BR, secondary(result.detail ?? "")],
              ];
            }),
          },
    ],
  };
}

function versionTable(entries: OpeningRecordEntry[], caption: string, t: Translate, withWithdrawal: boolean): Block {
  return {
    kind: "table",
    caption,
    columns: [
      { label: t("opening.record.col.number"), width: withWithdrawal ? 0.27 : 0.28 },
      { label: t("opening.record.col.organisation"), width: withWithdrawal ? 0.2 : 0.3 },
      { label: t("opening.record.col.version"), width: withWithdrawal ? 0.15 : 0.14 },
      { label: t("opening.record.col.receivedAt"), width: withWithdrawal ? 0.19 : 0.28 },
      ...(withWithdrawal ? [{ label: t("opening.record.col.withdrawnAt"), format: "datetimeSeconds" as const, width: 0.19 }] : []),
    ],
    rows: entries.map((e) => [
      e.receiptNumber,
      e.organisationName,
      t("opening.record.versionValue", { version: e.version }),
      received(e, t),
      ...(withWithdrawal ? [e.withdrawnAt ?? ""] : []),
    ]),
  };
}
