// The frozen content of one submitted version (eingereichte Fassung). It is stored sealed
// with the submission, hashed for the receipt, and later read by the opening.
import type { CostTotals, DocumentKind, FileRef, PostDraft } from "./rules";

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
  }[];
  documents: { kind: DocumentKind; file: FileRef }[];
};

/** Every file of a snapshot, in the order the receipt lists them. */
export function snapshotFiles(s: SubmissionSnapshot): FileRef[] {
  return [
    ...s.lots.flatMap((l) => (l.conceptFile ? [l.conceptFile] : [])),
    ...s.documents.map((d) => d.file),
  ];
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
