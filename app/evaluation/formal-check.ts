// Formale Prüfung: the checklist of a submitted version, per submission and per lot, derived
// from the call and the sealed snapshot, with automatic suggestions that the officer
// confirms or overrides item by item. Pure: no database. The use cases are in
// ./formal-check.server.ts; reasons are catalogue keys (the carriers' `missing.*` keys are
// reused so that officer and carrier read the same wording).
import { berlinDay, endOfBerlinDay } from "../i18n/berlin-time";
import type { CallView } from "../procurement/call-view";
import { missingItems, postProblem, postProblemParams, requiredDocuments, type ApplicationDraft, type MissingItem } from "../submission/rules";
import type { SubmissionSnapshot } from "../submission/snapshot";
import { exclusionGrounds, noDeclarations } from "../submission/declarations";
import { latestFindings, type RecordedFinding } from "./ground-check";
import type { OpeningFileCheck } from "./opening-record";

/** Items checked once per submission. */
export const submissionCheckItems = ["onTime", "complete", "documents", "lotCap"] as const;
/**
 * Items checked per lot bid. "payDeclaration" (a stored name) checks each post's pay group
 * against the role's floor; the tick box it once read is gone (decision 0021).
 */
export const lotCheckItems = ["complete", "qualification", "degreeProof", "payDeclaration"] as const;
export type SubmissionCheckItem = (typeof submissionCheckItems)[number];
export type LotCheckItem = (typeof lotCheckItems)[number];
export type CheckItem = SubmissionCheckItem | LotCheckItem;

export type Reason = { key: string; params?: Record<string, string | number> };

export type Suggestion = {
  item: CheckItem;
  /** null: the item applies to the whole submission. */
  lotId: string | null;
  suggested: "pass" | "fail";
  /** Why it fails, or notes for the officer (empty when nothing is to be said). */
  reasons: Reason[];
};

export type LotChecklist = { lotId: string; number: number; regionName: string; roleName: string; items: Suggestion[] };
export type Checklist = { submission: Suggestion[]; lots: LotChecklist[] };

export type ChecklistCall = Pick<CallView, "lots" | "roles" | "conceptSections" | "maxLotsPerCarrier" | "payScale"> & {
  submissionDeadline: Date;
};

/** The item keys valid for a submission (lotId null) or for a lot. */
export function isCheckItem(item: string, lotId: string | null): item is CheckItem {
  return lotId === null
    ? (submissionCheckItems as readonly string[]).includes(item)
    : (lotCheckItems as readonly string[]).includes(item);
}

/** The snapshot as the draft the completeness rules (`missingItems`) read. */
export function draftFromSnapshot(s: SubmissionSnapshot): ApplicationDraft {
  return {
    organisationNonProfit: s.organisation.nonProfit,
    lots: s.lots.map((l) => ({
      lotId: l.lotId,
      concept: Object.fromEntries(l.concept.map((c) => [c.code, c.text])),
      conceptFile: l.conceptFile,
      posts: l.posts,
      costPlan: l.costPlan,
    })),
    documents: s.documents,
    declarations: s.declarations ?? noDeclarations,
  };
}


const reason = (m: MissingItem): Reason => (m.params ? { key: m.key, params: m.params } : { key: m.key });
const suggestion = (item: CheckItem, lotId: string | null, reasons: Reason[], notes: Reason[] = []): Suggestion => ({
  item,
  lotId,
  suggested: reasons.length ? "fail" : "pass",
  reasons: reasons.length ? reasons : notes,
});

const LOT_COMPLETENESS = new Set(["missing.conceptSection", "missing.conceptTooLong", "missing.noPosts", "missing.costPlan"]);

/**
 * The checklist with its suggestions. `fileChecks` are the opening record's checks of this
 * submission's files: a file that differed at the opening makes its item fail.
 */
export function deriveChecklist(input: {
  call: ChecklistCall;
  snapshot: SubmissionSnapshot;
  submittedAt: Date;
  fileChecks?: OpeningFileCheck[];
}): Checklist {
  const { call, snapshot: s } = input;
  const draft = draftFromSnapshot(s);
  const missing = missingItems(call, draft);
  const broken = new Map((input.fileChecks ?? []).filter((f) => !f.matches).map((f) => [f.fileId, f]));
  const fileReason = (name: string): Reason => ({ key: "check.reason.fileMismatch", params: { name } });

  const onTime =
    input.submittedAt.getTime() < call.submissionDeadline.getTime() ? [] : [{ key: "check.reason.late" }];

  const documentReasons: Reason[] = [];
  for (const kind of requiredDocuments(s.organisation.nonProfit)) {
    if (!s.documents.some((d) => d.kind === kind)) documentReasons.push({ key: `missing.document.${kind}` });
  }
  for (const d of s.documents) if (broken.has(d.file.id)) documentReasons.push(fileReason(d.file.name));

  const lotCap: Reason[] =
    call.maxLotsPerCarrier !== null && s.lots.length > call.maxLotsPerCarrier
      ? [{ key: "missing.tooManyLots", params: { max: call.maxLotsPerCarrier } }]
      : [];
  const lotCapNotes: Reason[] =
    call.maxLotsPerCarrier === null
      ? [{ key: "check.reason.noLotCap" }]
      : [{ key: "check.reason.lotCount", params: { count: s.lots.length, max: call.maxLotsPerCarrier } }];

  const completeReasons = [...missing.map(reason), ...[...broken.values()].map((f) => fileReason(f.name))];

  const submission: Suggestion[] = [
    suggestion("onTime", null, onTime),
    suggestion("complete", null, completeReasons),
    suggestion("documents", null, documentReasons, [{ key: "check.reason.validityByOfficer" }]),
    suggestion("lotCap", null, lotCap, lotCapNotes),
  ];

  const lotById = new Map(call.lots.map((l) => [l.id, l]));
  const roleByCode = new Map(call.roles.map((r) => [r.code, r]));
  const lots = [...s.lots]
    .sort((a, b) => a.number - b.number)
    .map((l): LotChecklist => {
      const role = roleByCode.get(lotById.get(l.lotId)?.roleCode ?? "");
      const ofLot = missing.filter((m) => m.anchor.startsWith(`los:${l.lotId}#`));
      const complete = ofLot.filter((m) => LOT_COMPLETENESS.has(m.key)).map(reason);
      if (l.conceptFile && broken.has(l.conceptFile.id)) complete.push(fileReason(l.conceptFile.name));
      const qualification: Reason[] = [];
      const pay: Reason[] = [];
      l.posts.forEach((post, i) => {
        const params = { lot: l.number, post: i + 1 };
        // The carrier's rule (postProblem) asked twice, so that a post with a gap in its
        // qualification and one in its pay shows under both items.
        // The pay floor is asked with the pay group (the role's floor, the call's scale).
        const ofQualification = role ? postProblem(role, { ...post, payGroup: "-" }) : null;
        const payRule = { requiresPedagogicalDegree: false, minPayGroup: role?.minPayGroup ?? null };
        const ofPayGroup = postProblem(payRule, { ...post, qualification: "-" }, role ? call.payScale : null);
        if (ofQualification) qualification.push({ key: `missing.${ofQualification}`, params });
        if (ofPayGroup) pay.push({ key: `missing.${ofPayGroup}`, params: { ...params, ...postProblemParams(ofPayGroup, payRule, call.payScale) } });
      });
      if (!role) qualification.push({ key: "check.reason.unknownLot", params: { lot: l.number } });
      // Nachweis des Abschlusses: asked for where the role requires the degree; whether the
      // copies cover every post offered is the officer's reading of the files.
      const proofs = s.documents.filter((d) => d.kind === "degreeProofs");
      const degreeProof: Reason[] = !role?.requiresPedagogicalDegree
        ? []
        : proofs.length === 0
          ? [{ key: "missing.document.degreeProofs" }]
          : proofs.filter((d) => broken.has(d.file.id)).map((d) => fileReason(d.file.name));
      const degreeProofNotes: Reason[] = [
        { key: role?.requiresPedagogicalDegree ? "check.reason.degreeProofByOfficer" : "check.reason.noDegreeRequired", params: { posts: l.posts.length } },
      ];
      return {
        lotId: l.lotId,
        number: l.number,
        regionName: l.regionName,
        roleName: l.roleName,
        items: [
          suggestion("complete", l.lotId, complete),
          suggestion("qualification", l.lotId, qualification),
          suggestion("degreeProof", l.lotId, degreeProof, degreeProofNotes),
          suggestion("payDeclaration", l.lotId, pay),
        ],
      };
    });
  return { submission, lots };
}

// ---------------------------------------------------------------------------------------
// Recorded results: a new row per change; the latest row of an item is its state.

export type RecordedCheck = {
  lotId: string | null;
  item: string;
  passed: boolean;
  note: string;
  checkedByName: string;
  checkedAt: Date;
  /** Insertion order, to order rows recorded in the same millisecond. */
  seq: number;
};

export const checkKey = (lotId: string | null, item: string) => `${lotId ?? "*"}:${item}`;

/** The latest recorded row of each item. */
export function latestChecks(rows: RecordedCheck[]): Map<string, RecordedCheck> {
  const latest = new Map<string, RecordedCheck>();
  for (const row of rows) {
    const key = checkKey(row.lotId, row.item);
    const current = latest.get(key);
    if (
      !current ||
      row.checkedAt.getTime() > current.checkedAt.getTime() ||
      (row.checkedAt.getTime() === current.checkedAt.getTime() && row.seq > current.seq)
    ) {
      latest.set(key, row);
    }
  }
  return latest;
}

export type ChecklistItemState = Suggestion & { recorded: RecordedCheck | null };

/** The checklist with the latest recorded result of each item. */
export function mergeRecorded(
  checklist: Checklist,
  rows: RecordedCheck[],
): { submission: ChecklistItemState[]; lots: (Omit<LotChecklist, "items"> & { items: ChecklistItemState[] })[] } {
  const latest = latestChecks(rows);
  const withState = (s: Suggestion): ChecklistItemState => ({ ...s, recorded: latest.get(checkKey(s.lotId, s.item)) ?? null });
  return {
    submission: checklist.submission.map(withState),
    lots: checklist.lots.map((l) => ({ ...l, items: l.items.map(withState) })),
  };
}

export type CheckProgress = {
  total: number;
  recorded: number;
  failed: number;
  /** Of these, the exclusion grounds (§§ 123, 124 GWB): one item per ground (decision 0019). */
  grounds: { total: number; recorded: number };
};

/**
 * How far the check of a submission is: items in all, recorded, recorded as failed. Every
 * exclusion ground is an item of its own, recorded once it has a finding and failed when the
 * finding excludes: a check is complete only when every ground has a finding.
 */
export function checkProgress(
  lotIds: string[],
  rows: Pick<RecordedCheck, "lotId" | "item" | "passed" | "checkedAt" | "seq">[],
  findings: Pick<RecordedFinding, "ground" | "finding" | "checkedAt" | "seq">[],
): CheckProgress {
  const latest = latestChecks(rows.map((r) => ({ ...r, note: "", checkedByName: "" })));
  const keys = [
    ...submissionCheckItems.map((i) => checkKey(null, i)),
    ...lotIds.flatMap((lotId) => lotCheckItems.map((i) => checkKey(lotId, i))),
  ];
  const states = keys.map((k) => latest.get(k)).filter((r): r is RecordedCheck => Boolean(r));
  const found = latestFindings(findings.map((f) => ({ ...f, note: "", checkedByName: "" })));
  const grounds = exclusionGrounds.map((g) => found.get(g)).filter((f): f is RecordedFinding => Boolean(f));
  return {
    total: keys.length + exclusionGrounds.length,
    recorded: states.length + grounds.length,
    failed: states.filter((r) => !r.passed).length + grounds.filter((f) => f.finding === "exclude").length,
    grounds: { total: exclusionGrounds.length, recorded: grounds.length },
  };
}

/** A failed item needs a note that says why (the Vermerk); a passed item may have none. */
export function noteMissing(entry: { passed: boolean; note: string }): boolean {
  return !entry.passed && entry.note.trim() === "";
}

/** Only the entries that change an item: a first result, or a different result or note. */
export function changedEntries<T extends { item: string; passed: boolean; note: string }>(
  lotId: string | null,
  entries: T[],
  rows: RecordedCheck[],
): T[] {
  const latest = latestChecks(rows);
  return entries.filter((e) => {
    const current = latest.get(checkKey(lotId, e.item));
    return !current || current.passed !== e.passed || current.note !== e.note.trim();
  });
}

// ---------------------------------------------------------------------------------------
// Due dates of a Nachforderung: a calendar day, due at its end in German time.

/** Days until the due day the Nachforderung form proposes. */
export const DOCUMENT_REQUEST_DAYS = 14;

/** The due day the Nachforderung form proposes: the German calendar day 14 × 24 hours after `now`. */
export function defaultDocumentRequestDue(now: Date): string {
  return berlinDay(new Date(now.getTime() + DOCUMENT_REQUEST_DAYS * 24 * 3600_000));
}

/** The due day as the officer gives it ("2026-12-01") → its last second in German time; null if not a real day. */
export function documentRequestDueAt(day: string): Date | null {
  return endOfBerlinDay(day.trim());
}

// ---------------------------------------------------------------------------------------
// Whether the call allows a Nachforderung.

/**
 * Under VgV § 56 (2) missing documents may be requested unless the call rules it out. A call
 * definition rules it out with `allowDocumentRequests: false` (the definition schema does not
 * have that field yet, so today every call allows it).
 */
export function documentRequestsAllowed(definition: Record<string, unknown> | null | undefined): boolean {
  return definition?.allowDocumentRequests !== false;
}
