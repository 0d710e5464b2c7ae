// Vergabevermerk: everything about how a call was decided, gathered in one place so that
// someone who was not there can follow every decision. The timeline from the audit trail,
// the opening record, the formal check with its exclusions, the evaluators' declarations of
// conflicts of interest (typed, with their history and the officers' decisions) and their
// certifications after scoring, every final score with its justification,
// spreads and consensus, price scores, weighted totals and the ranking per lot.
//
// The report is plain JSON (times as ISO strings): its document (./report-document.ts) is
// the page, from a loader, and the PDF; the CSV of all scores (evaluationCsv) prints the
// same data.
// The officers' evaluation page (loadEvaluationDesk) is built from the same parts.
import { eq, inArray } from "drizzle-orm";
import { db as defaultDb, first, type Db, type Reader } from "../infra/db.server";
import { DomainError } from "../infra/errors";
import { applications, auditEntries, awardProcedures, calls, consensusScores, organisations, submissions, users, complaintDecisions, type ComplaintDecision } from "../infra/schema";
import type { criteriaOfCall } from "../procurement/criteria.server";
import type { MessageKey, Translate } from "../i18n";
import { callAuditTrail } from "../procurement/call-admin.server";
import {
  assignmentsOfCall,
  certificationsOfCall,
  declarationsOfCall,
  evaluationProgress,
  listEvaluators,
  lotResultsDetailed,
  type BidResult,
  type DetailedCriterionResult,
} from "./assessment.server";
import { orderedTypes, type ConflictOutcome, type ConflictType } from "./conflicts";
import { formalChecklistsOfCall, listExclusionsForCall } from "./formal-check.server";
import type { OpeningRecord } from "./opening-record";
import { loadOpeningRecord, requireOfficer } from "./opening.server";

export type ReportCriterion = Awaited<ReturnType<typeof criteriaOfCall>>[number];

/** What a timeline entry is about, resolved from the audit entry's object and details. */
export type TimelineSubject = {
  organisationName?: string;
  receiptNumber?: string;
  version?: number;
  lotNumber?: number;
  evaluatorName?: string;
  criterionName?: string;
  points?: number;
  hasConflict?: boolean;
  /** A declaration's kinds of conflict (conflicts.ts). */
  conflictTypes?: ConflictType[];
  /** A decision on a declared conflict. */
  outcome?: ConflictOutcome;
  reason?: string;
  /** A changed allocation: FTE in hundredths before and after. */
  fte?: { from: number; to: number };
  /** Vorabinformation: the earliest award date it names (ISO). */
  earliestAwardAt?: string;
  /** A complaint or a round of the award: the lots it names or decides. */
  lotNumbers?: number[];
  /** The decision on a complaint. */
  complaintDecision?: ComplaintDecision;
  /** Award: how many contracts were awarded. */
  awards?: number;
  /** Pre-information, award, cancellation: how many notices went out. */
  notices?: number;
  /** Approval and award (four eyes, § 58 Abs. 5 VgV): who computed the proposal … */
  proposedBy?: string;
  /** … who else changed it … */
  changedBy?: string[];
  /** … and who approved it (on the award). */
  approvedBy?: string;
};

export type ReportTimelineEntry = { seq: number; at: string; actor: string | null; action: string; subject: TimelineSubject };

export type ReportScore = { evaluatorId: string; evaluatorName: string; points: number; justification: string };

export type ReportCriterionResult = {
  criterionId: string;
  scores: ReportScore[];
  spread: boolean;
  consensus: { points: number; reason: string; recordedBy: string; recordedAt: string } | null;
  /** Consensus or mean of the final scores (quality), the price score (price); unrounded. */
  final: number | null;
};

export type ReportBid = {
  submissionId: string;
  organisationName: string;
  receiptNumber: string;
  costPerFteCents: number;
  priceScore: number | null;
  /** Weighted total, unrounded; null while a criterion has no score or a spread is open. */
  total: number | null;
  rank: number | null;
  /** The criterion (id) whose higher score broke a tie in the total. */
  tieBrokenBy: string | null;
  openFlags: number;
  criteria: ReportCriterionResult[];
};

export type ReportLot = {
  lotId: string;
  number: number;
  regionName: string;
  roleName: string;
  evaluators: { id: string; name: string }[];
  belowMinimum: boolean;
  /** Ranked bids first (by rank), then those not yet complete. */
  bids: ReportBid[];
};

export type ReportDeclaration = {
  id: string;
  evaluatorId: string;
  evaluatorName: string;
  organisationId: string;
  organisationName: string;
  hasConflict: boolean;
  types: ConflictType[];
  note: string;
  declaredAt: string;
  /** The evaluator's latest declaration about this carrier (older ones are history). */
  current: boolean;
  /** The officers' decision on a declared conflict. */
  decision: { outcome: ConflictOutcome; reason: string; decidedBy: string; decidedAt: string } | null;
};

/** An evaluator's certification that no conflict arose; it covers the scores finalised until then. */
export type ReportCertification = { evaluatorId: string; evaluatorName: string; certifiedAt: string };

export type ReportCheckItem = {
  /** null: an item of the whole submission. */
  lotNumber: number | null;
  item: string;
  passed: boolean | null;
  note: string;
  checkedBy: string | null;
  checkedAt: string | null;
};

export type ReportFormalCheck = { submissionId: string; receiptNumber: string; organisationName: string; items: ReportCheckItem[] };

export type ReportExclusion = { receiptNumber: string; organisationName: string; lotNumber: number | null; reason: string; decidedAt: string };

/**
 * The four-eyes steps of the award (§ 58 Abs. 5 VgV): who computed the proposal, who changed
 * it before its approval, who approved it and who awarded; names and ISO times.
 */
export type ReportAward = {
  proposedBy: string | null;
  proposedAt: string;
  changedBy: string[];
  approvedBy: string | null;
  approvedAt: string | null;
  awardedBy: string | null;
  awardedAt: string | null;
};

export type ReportCall = {
  id: string;
  slug: string;
  title: string;
  authority: string;
  department: string;
  isDemo: boolean;
  status: string;
  submissionDeadline: string;
  scaleMin: number;
  scaleMax: number;
  spreadThreshold: number;
};

export type EvaluationReport = {
  generatedAt: string;
  call: ReportCall;
  timeline: ReportTimelineEntry[];
  /** The whole audit trail of the call: how many entries, and the hash of the last one. */
  audit: { entries: number; head: string | null };
  opening: { record: OpeningRecord; recordHash: string } | null;
  /** null before the first award proposal. */
  award: ReportAward | null;
  formalCheck: ReportFormalCheck[];
  exclusions: ReportExclusion[];
  declarations: ReportDeclaration[];
  certifications: ReportCertification[];
  criteria: ReportCriterion[];
  /** The lots with at least one admitted bid. */
  lots: ReportLot[];
  /** Numbers of the lots without an admitted bid. */
  lotsWithoutBids: number[];
};

/** The steps of the procedure the timeline lists (drafts, sign-ins and the like are left to the audit trail). */
export const TIMELINE_ACTIONS = [
  "call.draft-created",
  "call.published",
  "call.amended",
  "call.deadline-extended",
  "call.extension-declined",
  "question.answered",
  "application.submitted",
  "application.withdrawn",
  "opening.started",
  "opening.cancelled",
  "opening.expired",
  "call.opened",
  "call.formal-check-started",
  "formal-check.excluded",
  "formal-check.exclusion-revoked",
  "evaluation.evaluator-assigned",
  "evaluation.evaluator-unassigned",
  "evaluation.conflict-declared",
  "evaluation.conflict-decided",
  "evaluation.no-conflict-certified",
  "evaluation.scores-finalised",
  "evaluation.consensus-recorded",
  "award.proposed",
  "award.proposal-recomputed",
  "award.proposal-changed",
  "award.approved",
  "award.pre-information-sent",
  "award.complaint-filed",
  "award.complaint-recorded",
  "award.complaint-decided",
  "award.complaint-resolved",
  "award.awarded",
  "call.cancelled",
  "call.lot-cancelled",
] as const;

// ---------------------------------------------------------------------------------------
// Parts

async function callBySlug(database: Reader, slug: string): Promise<ReportCall> {
  const row = await first(
    database
      .select({
        id: calls.id,
        slug: calls.slug,
        title: calls.title,
        authority: calls.authority,
        department: calls.department,
        isDemo: calls.isDemo,
        status: calls.status,
        submissionDeadline: calls.submissionDeadline,
        scaleMin: calls.scaleMin,
        scaleMax: calls.scaleMax,
        spreadThreshold: calls.spreadThreshold,
      })
      .from(calls)
      .where(eq(calls.slug, slug)),
  );
  if (!row || row.status === "draft") throw new DomainError("NOT_FOUND", "notFound.call");
  return { ...row, submissionDeadline: row.submissionDeadline.toISOString() };
}

/** Every submitted version of the call and every applicant organisation, by id. */
async function namesOfCall(database: Reader, callId: string) {
  const versions = await database
    .select({
      submissionId: submissions.id,
      applicationId: applications.id,
      organisationId: organisations.id,
      organisationName: organisations.name,
      receiptNumber: submissions.receiptNumber,
    })
    .from(submissions)
    .innerJoin(applications, eq(applications.id, submissions.applicationId))
    .innerJoin(organisations, eq(organisations.id, applications.organisationId))
    .where(eq(applications.callId, callId));
  const applicants = await database
    .select({ applicationId: applications.id, organisationId: organisations.id, organisationName: organisations.name })
    .from(applications)
    .innerJoin(organisations, eq(organisations.id, applications.organisationId))
    .where(eq(applications.callId, callId));
  return {
    submission: new Map(versions.map((v) => [v.submissionId, v])),
    application: new Map(applicants.map((a) => [a.applicationId, a.organisationName])),
    organisation: new Map(applicants.map((a) => [a.organisationId, a.organisationName])),
  };
}

async function consensusDetails(database: Reader, submissionIds: string[]) {
  if (submissionIds.length === 0) return new Map<string, { recordedBy: string; recordedAt: string }>();
  const rows = await database
    .select({
      submissionId: consensusScores.submissionId,
      lotId: consensusScores.lotId,
      criterionId: consensusScores.criterionId,
      recordedBy: users.name,
      recordedAt: consensusScores.recordedAt,
    })
    .from(consensusScores)
    .innerJoin(users, eq(users.id, consensusScores.recordedByUserId))
    .where(inArray(consensusScores.submissionId, submissionIds));
  return new Map(rows.map((r) => [`${r.submissionId}/${r.lotId}/${r.criterionId}`, { recordedBy: r.recordedBy, recordedAt: r.recordedAt.toISOString() }]));
}

/** Every lot of the call with its evaluators and the results of its admitted bids. */
async function lotReports(database: Db, callId: string): Promise<{ criteria: ReportCriterion[]; lots: ReportLot[] }> {
  const results = await lotResultsDetailed({ callId, db: database });
  const assignments = new Map((await assignmentsOfCall(callId, database)).map((a) => [a.id, a]));
  const names = new Map((await listEvaluators(database)).map((e) => [e.id, e.name]));
  const submissionIds = [...new Set(results.lots.flatMap((l) => l.bids.map((b) => b.submissionId)))];
  const consensus = await consensusDetails(database, submissionIds);
  const toBid = (lotId: string, b: BidResult<DetailedCriterionResult>): ReportBid => ({
    submissionId: b.submissionId,
    organisationName: b.organisationName,
    receiptNumber: b.receiptNumber,
    costPerFteCents: b.costPerFteCents,
    priceScore: b.priceScore,
    total: b.total,
    rank: b.rank,
    tieBrokenBy: b.tieBrokenBy,
    openFlags: b.openFlags,
    criteria: b.criteria.map((c) => ({
      criterionId: c.criterionId,
      scores: c.evaluatorScores.map((s) => ({ evaluatorId: s.evaluatorId, evaluatorName: s.evaluatorName, points: s.points, justification: s.justification })),
      spread: c.spread,
      consensus: c.consensus
        ? {
            ...c.consensus,
            ...(consensus.get(`${b.submissionId}/${lotId}/${c.criterionId}`) ?? { recordedBy: "", recordedAt: "" }),
          }
        : null,
      final: c.final,
    })),
  });
  return {
    criteria: results.criteria,
    lots: results.lots.map((l) => {
      const assigned = assignments.get(l.lotId);
      return {
        lotId: l.lotId,
        number: l.number,
        regionName: l.regionName,
        roleName: l.roleName,
        evaluators: (assigned?.evaluatorIds ?? []).map((id) => ({ id, name: names.get(id) ?? id })),
        belowMinimum: assigned?.belowMinimum ?? true,
        bids: l.bids.map((b) => toBid(l.lotId, b)),
      };
    }),
  };
}

/** Every declaration with the carrier's name, oldest first, the latest of each pair marked. */
async function declarationReports(database: Reader, callId: string, organisationNames: Map<string, string>): Promise<ReportDeclaration[]> {
  const rows = await declarationsOfCall(callId, database);
  const latest = new Map<string, number>();
  rows.forEach((d, i) => latest.set(`${d.evaluatorId}/${d.organisationId}`, i));
  return rows.map((d, i) => ({
    id: d.id,
    evaluatorId: d.evaluatorId,
    evaluatorName: d.evaluatorName,
    organisationId: d.organisationId,
    organisationName: organisationNames.get(d.organisationId) ?? "",
    hasConflict: d.hasConflict,
    types: d.types,
    note: d.note,
    declaredAt: d.declaredAt.toISOString(),
    current: latest.get(`${d.evaluatorId}/${d.organisationId}`) === i,
    decision: d.decision ? { ...d.decision, decidedAt: d.decision.decidedAt.toISOString() } : null,
  }));
}

async function certificationReports(database: Reader, callId: string): Promise<ReportCertification[]> {
  return (await certificationsOfCall(callId, database)).map((c) => ({ ...c, certifiedAt: c.certifiedAt.toISOString() }));
}

function parseDetails(details: string): Record<string, unknown> {
  try {
    const value: unknown = JSON.parse(details);
    return value && typeof value === "object" ? (value as Record<string, unknown>) : {};
  } catch {
    return {};
  }
}

const str = (v: unknown) => (typeof v === "string" ? v : undefined);

/** A person in an audit entry's details ({ userId, name }), by name. */
const personName = (v: unknown) => (v && typeof v === "object" ? str((v as { name?: unknown }).name) : undefined);

/**
 * The award's four-eyes steps from its procedure row; the officers who changed the proposal
 * from the audit entry of its approval (the decisions name the awarding officer afterwards).
 */
async function awardReport(database: Reader, callId: string, timeline: ReportTimelineEntry[]): Promise<ReportAward | null> {
  const p = await first(
    database
      .select({
        proposedByUserId: awardProcedures.proposedByUserId,
        proposedAt: awardProcedures.proposedAt,
        approvedByUserId: awardProcedures.approvedByUserId,
        approvedAt: awardProcedures.approvedAt,
        awardedByUserId: awardProcedures.awardedByUserId,
        awardedAt: awardProcedures.awardedAt,
      })
      .from(awardProcedures)
      .where(eq(awardProcedures.callId, callId)),
  );
  if (!p) return null;
  const ids = [p.proposedByUserId, p.approvedByUserId, p.awardedByUserId].filter((id): id is string => Boolean(id));
  const names = new Map(ids.length ? (await database.select({ id: users.id, name: users.name }).from(users).where(inArray(users.id, ids))).map((u) => [u.id, u.name]) : []);
  const name = (id: string | null) => (id ? (names.get(id) ?? null) : null);
  const approval = p.approvedAt ? [...timeline].reverse().find((e) => e.action === "award.approved") : undefined;
  return {
    proposedBy: name(p.proposedByUserId),
    proposedAt: p.proposedAt.toISOString(),
    changedBy: approval?.subject.changedBy ?? [],
    approvedBy: name(p.approvedByUserId),
    approvedAt: p.approvedAt?.toISOString() ?? null,
    awardedBy: name(p.awardedByUserId),
    awardedAt: p.awardedAt?.toISOString() ?? null,
  };
}

// ---------------------------------------------------------------------------------------
// The report

/** The Vergabevermerk of a call (not a draft); officers only. */
export async function buildEvaluationReport(opts: { officerUserId: string; callSlug: string; now: Date; db?: Db }): Promise<EvaluationReport> {
  const database = opts.db ?? defaultDb();
  await requireOfficer(database, opts.officerUserId);
  const call = await callBySlug(database, opts.callSlug);
  // Before the opening there is nothing to report, and no bidder may be named.
  const loaded = await loadOpeningRecord(call.id, database);
  if (!loaded) throw new DomainError("CONFLICT", "report.notBeforeOpening");
  const names = await namesOfCall(database, call.id);
  const { criteria, lots } = await lotReports(database, call.id);
  const lotNumbers = new Map(lots.map((l) => [l.lotId, l.number]));
  const evaluatorNames = new Map((await listEvaluators(database)).map((e) => [e.id, e.name]));
  const criterionNames = new Map(criteria.map((c) => [c.id, c.name]));

  const trail = await callAuditTrail(call.id, database);
  const wanted = new Set<string>(TIMELINE_ACTIONS);
  const steps = trail.filter((e) => wanted.has(e.action));
  // The trail names the object's type; its id says which submission or application.
  const objectIds = steps.length
    ? new Map(
        (
          await database
            .select({ seq: auditEntries.seq, objectId: auditEntries.objectId })
            .from(auditEntries)
            .where(inArray(auditEntries.seq, steps.map((e) => e.seq)))
        ).map((r) => [r.seq, r.objectId]),
      )
    : new Map<number, string>();
  const timeline = steps.map((e): ReportTimelineEntry => {
      const d = parseDetails(e.details);
      const subject: TimelineSubject = {};
      const objectId = objectIds.get(e.seq);
      if (e.objectType === "submission" && objectId) {
        const s = names.submission.get(objectId);
        if (s) Object.assign(subject, { organisationName: s.organisationName, receiptNumber: s.receiptNumber });
      }
      if (e.objectType === "application" && objectId) subject.organisationName = names.application.get(objectId);
      // The award steps are audited on the call; their details name the bid.
      const bid = str(d.submissionId) ? names.submission.get(str(d.submissionId)!) : undefined;
      if (bid) Object.assign(subject, { organisationName: bid.organisationName, receiptNumber: bid.receiptNumber });
      if (str(d.receiptNumber)) subject.receiptNumber = str(d.receiptNumber);
      if (typeof d.version === "number") subject.version = d.version;
      if (str(d.lotId)) subject.lotNumber = lotNumbers.get(str(d.lotId)!);
      if (Array.isArray(d.lotIds) && e.action.startsWith("award.complaint-")) {
        subject.lotNumbers = d.lotIds.flatMap((id) => (typeof id === "string" && lotNumbers.has(id) ? [lotNumbers.get(id)!] : [])).sort((a, b) => a - b);
      }
      if (e.action === "award.complaint-decided" && complaintDecisions.includes(d.decision as ComplaintDecision)) subject.complaintDecision = d.decision as ComplaintDecision;
      if (str(d.evaluatorId)) subject.evaluatorName = evaluatorNames.get(str(d.evaluatorId)!);
      if (str(d.organisationId)) subject.organisationName = names.organisation.get(str(d.organisationId)!);
      if (str(d.criterionId)) subject.criterionName = criterionNames.get(str(d.criterionId)!);
      if (typeof d.points === "number") subject.points = d.points;
      if (typeof d.hasConflict === "boolean") subject.hasConflict = d.hasConflict;
      if (Array.isArray(d.types) && d.types.length) subject.conflictTypes = orderedTypes(d.types.filter((x): x is string => typeof x === "string"));
      if (d.outcome === "exclude" || d.outcome === "allow") subject.outcome = d.outcome;
      if (str(d.reason)) subject.reason = str(d.reason);
      if (e.action === "award.proposal-changed" && typeof d.from === "number" && typeof d.to === "number") subject.fte = { from: d.from, to: d.to };
      if (str(d.earliestAwardAt)) subject.earliestAwardAt = str(d.earliestAwardAt);
      if (Array.isArray(d.awards)) subject.awards = d.awards.length;
      if (Array.isArray(d.notices)) subject.notices = d.notices.length;
      if (e.action === "award.approved" || e.action === "award.awarded") {
        subject.proposedBy = personName(d.proposedBy);
        const proposer = d.proposedBy && typeof d.proposedBy === "object" ? (d.proposedBy as { userId?: unknown }).userId : undefined;
        const changers = Array.isArray(d.authors)
          ? d.authors.filter((a) => a && typeof a === "object" && (a as { userId?: unknown }).userId !== proposer).map(personName).filter((n): n is string => Boolean(n))
          : [];
        if (changers.length) subject.changedBy = changers;
        if (e.action === "award.awarded") subject.approvedBy = personName(d.approvedBy);
      }
      for (const key of Object.keys(subject) as (keyof TimelineSubject)[]) if (subject[key] === undefined) delete subject[key];
      return { seq: e.seq, at: e.at.toISOString(), actor: e.actor, action: e.action, subject };
    });

  const formalCheck: ReportFormalCheck[] = (await formalChecklistsOfCall({ officerUserId: opts.officerUserId, callId: call.id, callSlug: call.slug, db: database })).map(({ entry, checklist }) => {
    const item = (lotNumber: number | null, s: (typeof checklist.submission)[number]): ReportCheckItem => ({
      lotNumber,
      item: s.item,
      passed: s.recorded ? s.recorded.passed : null,
      note: s.recorded?.note ?? "",
      checkedBy: s.recorded?.checkedByName ?? null,
      checkedAt: s.recorded ? s.recorded.checkedAt.toISOString() : null,
    });
    return {
      submissionId: entry.submissionId,
      receiptNumber: entry.receiptNumber,
      organisationName: entry.organisationName,
      items: [...checklist.submission.map((s) => item(null, s)), ...checklist.lots.flatMap((l) => l.items.map((s) => item(l.number, s)))],
    };
  });
  const exclusions = (await listExclusionsForCall(call.id, database)).map((x) => ({
    receiptNumber: x.receiptNumber,
    organisationName: x.organisationName,
    lotNumber: x.lotNumber,
    reason: x.reason,
    decidedAt: x.decidedAt.toISOString(),
  }));

  return {
    generatedAt: opts.now.toISOString(),
    call,
    timeline,
    audit: { entries: trail.length, head: trail.length ? trail[trail.length - 1].hash : null },
    opening: { record: loaded.record, recordHash: loaded.recordHash },
    award: await awardReport(database, call.id, timeline),
    formalCheck,
    exclusions,
    declarations: await declarationReports(database, call.id, names.organisation),
    certifications: await certificationReports(database, call.id),
    criteria,
    lots: lots.filter((l) => l.bids.length > 0),
    lotsWithoutBids: lots.filter((l) => l.bids.length === 0).map((l) => l.number),
  };
}

export function reportFileName(slug: string, extension: "pdf" | "csv"): string {
  return `${extension === "pdf" ? "vergabevermerk" : "bewertungen"}-${slug}.${extension}`;
}

// ---------------------------------------------------------------------------------------
// The officers' evaluation page

export type ProgressState = "open" | "draft" | "uncertified" | "final" | "conflict";

export type DeskLot = ReportLot & {
  progress: { submissionId: string; organisationName: string; byEvaluator: { evaluatorId: string; state: ProgressState }[] }[];
};

export type EvaluationDesk = {
  call: ReportCall & { opened: boolean };
  /** Every evaluator account, for assigning them to lots. */
  evaluators: { id: string; name: string; email: string }[];
  criteria: ReportCriterion[];
  /** Every lot of the call. */
  lots: DeskLot[];
  declarations: ReportDeclaration[];
  certifications: ReportCertification[];
};

/** Assignments, declarations, progress, spreads and ranking of every lot; officers only. */
export async function loadEvaluationDesk(opts: { officerUserId: string; callSlug: string; db?: Db }): Promise<EvaluationDesk> {
  const database = opts.db ?? defaultDb();
  await requireOfficer(database, opts.officerUserId);
  const call = await callBySlug(database, opts.callSlug);
  const names = await namesOfCall(database, call.id);
  const { criteria, lots } = await lotReports(database, call.id);
  const progress = new Map((await evaluationProgress(call.id, database)).map((p) => [p.lotId, p.bids]));
  return {
    call: { ...call, opened: (await loadOpeningRecord(call.id, database)) !== null },
    evaluators: await listEvaluators(database),
    criteria,
    lots: lots.map((l) => ({
      ...l,
      progress: (progress.get(l.lotId) ?? []).map((b) => ({
        submissionId: b.submissionId,
        organisationName: b.organisationName,
        byEvaluator: b.byEvaluator.map((e) => ({ evaluatorId: e.evaluatorId, state: e.state as ProgressState })),
      })),
    })),
    declarations: await declarationReports(database, call.id, names.organisation),
    certifications: await certificationReports(database, call.id),
  };
}

// ---------------------------------------------------------------------------------------
// CSV of all scores, for German Excel: UTF-8 with BOM, ";" between fields, CRLF, quoted.

const CSV_COLUMNS = [
  "lot",
  "region",
  "role",
  "receiptNumber",
  "organisation",
  "criterion",
  "weight",
  "evaluator",
  "points",
  "justification",
  "spread",
  "consensusPoints",
  "consensusReason",
  "final",
  "total",
  "rank",
] as const;

/** A decimal as German Excel reads it: comma, at most `digits` places, no grouping. */
function csvNumber(value: number | null, digits = 2): string {
  if (value === null) return "";
  return new Intl.NumberFormat("de-DE", { maximumFractionDigits: digits, useGrouping: false }).format(value);
}

/**
 * One field: quoted where it holds ";", a quote, a line break or outer spaces, quotes
 * doubled. Text that a spreadsheet would take for a formula gets a leading apostrophe.
 */
export function csvField(value: string): string {
  const safe = /^[=+\-@\t\r]/.test(value) ? `'${value}` : value;
  return /[;"\r\n]|^\s|\s$/.test(safe) ? `"${safe.replace(/"/g, '""')}"` : safe;
}

/**
 * Every final score: one row per lot × bid × criterion × evaluator (a quality criterion not
 * yet scored, and the price criterion, get one row without an evaluator), with the
 * consensus, the final score of the criterion, the bid's weighted total and its rank.
 */
export function evaluationCsv(report: EvaluationReport, t: Translate): string {
  const rows: string[][] = [CSV_COLUMNS.map((c) => t(`report.csv.col.${c}` as MessageKey))];
  const yesNo = (v: boolean) => t(v ? "report.csv.yes" : "report.csv.no");
  for (const lot of report.lots) {
    for (const bid of lot.bids) {
      for (const c of report.criteria) {
        const result = bid.criteria.find((r) => r.criterionId === c.id);
        if (!result) continue; // a criterion of another role
        const base = [String(lot.number), lot.regionName, lot.roleName, bid.receiptNumber, bid.organisationName, c.name, String(c.weightPercent)];
        const tail = [
          c.kind === "price" ? "" : yesNo(result?.spread ?? false),
          result?.consensus ? String(result.consensus.points) : "",
          result?.consensus?.reason ?? "",
          csvNumber(result?.final ?? null, c.kind === "price" ? 2 : 4),
          csvNumber(bid.total, 4),
          bid.rank === null ? "" : String(bid.rank),
        ];
        if (c.kind === "price") {
          rows.push([...base, "", "", c.priceFormula ?? "", ...tail]);
        } else if (!result || result.scores.length === 0) {
          rows.push([...base, "", "", "", ...tail]);
        } else {
          for (const s of result.scores) rows.push([...base, s.evaluatorName, String(s.points), s.justification, ...tail]);
        }
      }
    }
  }
  // Below the scores, after an empty line each: the declarations with the officers'
  // decisions, and the certifications (which scores count follows from them).
  const typesOf = (d: ReportDeclaration) =>
    d.hasConflict ? d.types.map((type) => t(`eval.declare.type.${type}` as MessageKey)).join("; ") || t("report.conflicts.conflict") : t("report.conflicts.noConflict");
  // Times as ISO 8601 in UTC: unambiguous in any spreadsheet and language.
  const at = (iso: string | undefined) => iso ?? "";
  rows.push([], [t("report.csv.declarations")], DECLARATION_COLUMNS.map((c) => t(`report.csv.col.${c}` as MessageKey)));
  for (const d of report.declarations) {
    rows.push([
      at(d.declaredAt),
      d.evaluatorName,
      d.organisationName,
      typesOf(d),
      d.note,
      yesNo(d.current),
      d.decision ? t(`report.timeline.outcome.${d.decision.outcome}` as MessageKey) : d.hasConflict ? t("report.conflicts.undecided") : "",
      d.decision?.decidedBy ?? "",
      at(d.decision?.decidedAt),
      d.decision?.reason ?? "",
    ]);
  }
  rows.push([], [t("report.csv.certifications")], [t("report.csv.col.evaluator"), t("report.csv.col.certifiedAt")]);
  for (const c of report.certifications) rows.push([c.evaluatorName, at(c.certifiedAt)]);
  return `\uFEFF${rows.map((r) => r.map(csvField).join(";")).join("\r\n")}\r\n`;
}

const DECLARATION_COLUMNS = ["declaredAt", "evaluator", "organisation", "declaration", "note", "current", "decision", "decidedBy", "decidedAt", "decisionReason"] as const;
