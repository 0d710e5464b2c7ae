// The frozen content of one submitted version (eingereichte Fassung). It is stored sealed
// with the submission, hashed for the receipt, and later read by the opening.
import type { Declarations } from "./declarations";
import { inFormOrder, type CostTotals, type DocumentKind, type FileRef, type PostDraft } from "./rules";

export type SubmissionSnapshot = {
  format: "submission-v1";
  call: { id: string; slug: string; title: string; submissionDeadline: string };
  organisation: {
    id: string;
    name: string;
    legalForm: string;
    street: string;
    postalCode: string;
    city: string;
    registerCourt: string | null;
    registerNumber: string | null;
    nonProfit: boolean;
  };
  lots: {
    lotId: string;
    number: number;
    regionName: string;
    roleName: string;
    concept: { code: string; title: string; text: string }[];
    conceptFile: FileRef | null;
    posts: PostDraft[];
    costPlan: { personnelCostPerFteCents: number; materialCostCents: number; overheadCents: number };
    totals: CostTotals;
    /** Offered as a pair with this lot, the region's tandem partner (Tandemangebot); absent otherwise. */
    tandemPairWith?: string;
  }[];
  documents: { kind: DocumentKind; file: FileRef }[];
  /** The declarations in Textform; absent in versions submitted before they existed (decision 0019). */
  declarations?: Declarations;
  /** Set when retention removed the texts, names and declarations of a bid not awarded (decision 0036). */
  deletedByRetentionAt?: string;
};

/** A file of a snapshot with what it is: the concept of lot `lotNumber`, or an organisation document. */
export type SnapshotFileEntry = { file: FileRef; kind: "concept" | DocumentKind; lotNumber: number | null };

/**
 * Every file of a snapshot with what it is, in the order the receipt and the opening record
 * list them: the lots' concepts, then the documents in the order of the form (also for a
 * snapshot stored in upload order).
 */
export function snapshotFileEntries(s: SubmissionSnapshot): SnapshotFileEntry[] {
  return [
    ...s.lots.flatMap((l) => (l.conceptFile ? [{ file: l.conceptFile, kind: "concept" as const, lotNumber: l.number }] : [])),
    ...inFormOrder(s.documents).map((d) => ({ file: d.file, kind: d.kind, lotNumber: null })),
  ];
}

/** Every file of a snapshot, in the order the receipt lists them. */
export function snapshotFiles(s: SubmissionSnapshot): FileRef[] {
  return snapshotFileEntries(s).map((e) => e.file);
}

/** What a receipt (Eingangsbestätigung) states; the PDF and the HTML page render the same. */
export type Receipt = {
  receiptNumber: string;
  version: number;
  submittedAt: Date;
  submittedByName: string;
  contentHash: string;
  auditHead: string;
  withdrawnAt: Date | null;
  snapshot: SubmissionSnapshot;
};
