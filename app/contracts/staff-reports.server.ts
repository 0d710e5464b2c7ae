// Stellenbesetzungsmeldungen (decision 0024): a carrier reports, per contract and report
// period, the posts it fills; a draft until submitted in Textform (who, when, audit entry),
// then fixed; a correction is the next version. Carriers reach only their own contracts
// (another's answers NOT_FOUND, checked in the query); officers read every report of a call.
// Reminders before a due day go out once per contract and period (sendStaffReportReminders,
// run by `npm run portal -- reminders:send`). A person's name stays in these functions'
// answers to the carrier and the officers: never in audit entries, mails or logs.
import { and, asc, desc, eq, inArray, type SQL } from "drizzle-orm";
import type { Locale } from "../i18n";
import { memberRecipients } from "../identity/carriers.server";
import { appendAudit } from "../infra/audit.server";
import { db as defaultDb, writeTx, type Db, type Reader, type Tx } from "../infra/db.server";
import { DomainError } from "../infra/errors";
import { randomId } from "../infra/ids";
import { sendToEachReader } from "../infra/mail.server";
import { calls, contracts, lots, roles, staffReportPosts, staffReportReminders, staffReports, storedFiles, users } from "../infra/schema";
import { recordStoredFile } from "../infra/stored-files.server";
import type { AllowedType, SavedFile } from "../infra/storage.server";
import { berlinDay } from "../i18n/berlin-time";
import { staffReportReminderLetter } from "../mail/letters";
import { fteOfWeeklyHours, fullTimeHoursHundredths } from "../submission/rules";
import type { ReportedPost } from "../staffing/coverage";
import { fteOnDay } from "./adjustment";
import { amendmentsOfContracts } from "./amendments-read.server";
import { contractDetailsOfCall, contractOfCall, contractOfOrganisation, type ContractDetail } from "./contracts.server";
import type { PostInput } from "./staff-report-form.server";
import {
  coveragePosts,
  filledHundredths,
  postProblems,
  reminderDue,
  reportStates,
  unfilledHundredths,
  type PeriodState,
  type PostProblem,
  type CoveragePostFacts,
  type ReportVersionFacts,
  type StaffPost,
  type SubmittedReport,
} from "./staff-reports";
import { dueInstant, type ReportPeriod } from "./terms";

/** Proof documents are PDFs, decided from their bytes. */
export const PROOF_TYPES: AllowedType[] = [{ mime: "application/pdf", label: "PDF" }];

type CarrierActor = { userId: string; organisationId: string };

export type StaffReportVersion = {
  id: string;
  version: number;
  status: "draft" | "submitted";
  vacancyNote: string;
  posts: (StaffPost & { proofFileName: string | null })[];
  submittedAt: Date | null;
  submittedByName: string | null;
  /** Contracted FTE not filled on the period's last day. */
  unfilledHundredths: number;
};

export type StaffReportView = {
  contract: ContractDetail;
  period: ReportPeriod;
  state: PeriodState;
  fullTimeHundredths: number;
  payGroups: string[];
  requiresDegree: boolean;
  /** The open draft, else the latest submitted version, else null (nothing reported yet). */
  current: StaffReportVersion | null;
  /** Submitted versions, newest first. */
  submitted: StaffReportVersion[];
  /** For a period without any version: the posts of the latest earlier submitted report still standing at its start. */
  carried: StaffPost[];
};

// ---------------------------------------------------------------------------------------
// Reading

function versionFacts(database: Reader, contractIds: string[]): (ReportVersionFacts & { contractId: string })[] {
  if (contractIds.length === 0) return [];
  return database
    .select({ contractId: staffReports.contractId, periodFrom: staffReports.periodFrom, version: staffReports.version, status: staffReports.status, submittedAt: staffReports.submittedAt })
    .from(staffReports)
    .where(inArray(staffReports.contractId, contractIds))
    .all();
}

/** The state of each report period of one contract at `now`. */
export function contractReportStates(contract: Pick<ContractDetail, "id" | "reportPeriods">, now: Date, database: Reader = defaultDb()): PeriodState[] {
  return reportStates(contract.reportPeriods, versionFacts(database, [contract.id]), now);
}

function postsOf(database: Reader, reportId: string): (StaffPost & { proofFileName: string | null })[] {
  return database
    .select({
      postKey: staffReportPosts.postKey,
      personName: staffReportPosts.personName,
      payGroup: staffReportPosts.payGroup,
      weeklyHoursHundredths: staffReportPosts.weeklyHoursHundredths,
      fteHundredths: staffReportPosts.fteHundredths,
      hasDegree: staffReportPosts.hasDegree,
      proofFileId: staffReportPosts.proofFileId,
      proofFileName: storedFiles.originalName,
      start: staffReportPosts.startDay,
      end: staffReportPosts.endDay,
    })
    .from(staffReportPosts)
    .leftJoin(storedFiles, eq(storedFiles.id, staffReportPosts.proofFileId))
    .where(eq(staffReportPosts.reportId, reportId))
    .orderBy(asc(staffReportPosts.ordinal))
    .all();
}

/** The contract's FTE on a day: as concluded, changed by its accepted amendments in effect by then (decision 0026). */
function contractedOn(database: Reader, contract: Pick<ContractDetail, "id" | "fteHundredths">, day: string): number {
  const accepted = amendmentsOfContracts([contract.id], database)
    .filter((a) => a.status === "accepted")
    .map((a) => ({ from: a.fromDay, fteHundredths: a.fteAfterHundredths }));
  return fteOnDay(contract.fteHundredths, accepted, day);
}

function versionsOf(database: Reader, contract: ContractDetail, period: ReportPeriod): StaffReportVersion[] {
  const contracted = contractedOn(database, contract, period.to);
  return database
    .select()
    .from(staffReports)
    .where(and(eq(staffReports.contractId, contract.id), eq(staffReports.periodFrom, period.from)))
    .orderBy(desc(staffReports.version))
    .all()
    .map((r) => {
      const posts = postsOf(database, r.id);
      return {
        id: r.id,
        version: r.version,
        status: r.status,
        vacancyNote: r.vacancyNote,
        posts,
        submittedAt: r.submittedAt,
        submittedByName: r.submittedByName,
        unfilledHundredths: unfilledHundredths(contracted, posts, period.to),
      };
    });
}

function periodOf(contract: ContractDetail, periodFrom: string): ReportPeriod {
  const period = contract.reportPeriods.find((p) => p.from === periodFrom);
  if (!period) throw new DomainError("NOT_FOUND", "notFound.staffReport");
  return period;
}

/** What a contract's reports need of its call and lot: full-time hours, pay groups, the role and its degree rule. */
function callFacts(database: Reader, contractId: string) {
  const row = database
    .select({ payScale: calls.payScale, requiresDegree: roles.requiresPedagogicalDegree, roleCode: roles.code })
    .from(contracts)
    .innerJoin(calls, eq(calls.id, contracts.callId))
    .innerJoin(lots, eq(lots.id, contracts.lotId))
    .innerJoin(roles, eq(roles.id, lots.roleId))
    .where(eq(contracts.id, contractId))
    .get();
  if (!row) throw new DomainError("NOT_FOUND", "notFound.contract");
  return { fullTimeHundredths: fullTimeHoursHundredths(row.payScale), payGroups: row.payScale?.groups ?? [], requiresDegree: row.requiresDegree, roleCode: row.roleCode };
}

/** The latest submitted version of the latest period before `period` that has one, with its posts still standing at `period`'s start. */
function carriedPosts(database: Reader, contract: ContractDetail, period: ReportPeriod): StaffPost[] {
  const earlier = database
    .select({ id: staffReports.id, periodFrom: staffReports.periodFrom })
    .from(staffReports)
    .where(and(eq(staffReports.contractId, contract.id), eq(staffReports.status, "submitted")))
    .orderBy(desc(staffReports.periodFrom), desc(staffReports.version))
    .all()
    .find((r) => r.periodFrom < period.from);
  if (!earlier) return [];
  return postsOf(database, earlier.id)
    .filter((p) => p.end === null || p.end >= period.from)
    .map(({ proofFileName: _name, ...p }) => p);
}

/** The staff report of one period of the carrier's own contract; another's contract, or a period it has not, is NOT_FOUND. */
export function staffReportForCarrier(opts: { organisationId: string; contractId: string; periodFrom: string; now: Date; db?: Db }): StaffReportView {
  const database = opts.db ?? defaultDb();
  const contract = contractOfOrganisation({ organisationId: opts.organisationId, contractId: opts.contractId, db: database });
  return reportView(database, contract, periodOf(contract, opts.periodFrom), opts.now);
}

function reportView(database: Reader, contract: ContractDetail, period: ReportPeriod, now: Date): StaffReportView {
  const versions = versionsOf(database, contract, period);
  const state = reportStates([period], versions.map((v) => ({ ...v, periodFrom: period.from })), now)[0];
  const facts = callFacts(database, contract.id);
  const draft = versions.find((v) => v.status === "draft") ?? null;
  const submitted = versions.filter((v) => v.status === "submitted");
  return {
    contract,
    period,
    state,
    fullTimeHundredths: facts.fullTimeHundredths,
    payGroups: facts.payGroups,
    requiresDegree: facts.requiresDegree,
    current: draft ?? submitted[0] ?? null,
    submitted,
    carried: versions.length ? [] : carriedPosts(database, contract, period),
  };
}

// ---------------------------------------------------------------------------------------
// Writing

function ownContractIn(tx: Tx, actor: CarrierActor, contractId: string): ContractDetail {
  return contractOfOrganisation({ organisationId: actor.organisationId, contractId, db: tx });
}

function openDraft(tx: Tx, contractId: string, periodFrom: string) {
  return tx
    .select({ id: staffReports.id, version: staffReports.version })
    .from(staffReports)
    .where(and(eq(staffReports.contractId, contractId), eq(staffReports.periodFrom, periodFrom), eq(staffReports.status, "draft")))
    .get();
}

/**
 * Saves the draft of a period's report: the posts as typed and the note. Without a draft, it
 * starts one: version 1, or after a submitted version the next (a correction). A period
 * that has not begun takes no report. Returns the posts' problems (nothing saved) or none.
 * A post keeps its proof document while its key stays; the FTE is derived from the hours.
 */
export function saveStaffReportDraft(opts: {
  actor: CarrierActor;
  contractId: string;
  periodFrom: string;
  posts: PostInput[];
  vacancyNote: string;
  now: Date;
  db?: Db;
}): { problems: PostProblem[] } {
  return writeTx((tx) => {
    const contract = ownContractIn(tx, opts.actor, opts.contractId);
    const period = periodOf(contract, opts.periodFrom);
    if (reportStates([period], [], opts.now)[0].state === "future") throw new DomainError("CONFLICT", "staffReport.notBegun");
    const facts = callFacts(tx, contract.id);
    const posts = opts.posts.map((p) => ({ ...p, fteHundredths: fteOfWeeklyHours(p.weeklyHoursHundredths, facts.fullTimeHundredths) }));
    const problems = postProblems(
      posts.map((p) => ({ ...p, proofFileId: null })),
      { termStart: berlinDay(contract.startsAt), termEnd: berlinDay(contract.endsAt), period, fullTimeHundredths: facts.fullTimeHundredths, forSubmission: false },
    );
    if (problems.length) return { problems };
    let draft = openDraft(tx, contract.id, period.from);
    const previousProofs = new Map<string, string | null>();
    if (draft) {
      for (const p of tx.select({ postKey: staffReportPosts.postKey, proofFileId: staffReportPosts.proofFileId }).from(staffReportPosts).where(eq(staffReportPosts.reportId, draft.id)).all()) {
        previousProofs.set(p.postKey, p.proofFileId);
      }
      tx.delete(staffReportPosts).where(eq(staffReportPosts.reportId, draft.id)).run();
      tx.update(staffReports).set({ vacancyNote: opts.vacancyNote, updatedAt: opts.now }).where(eq(staffReports.id, draft.id)).run();
    } else {
      const latest = tx
        .select({ id: staffReports.id, version: staffReports.version })
        .from(staffReports)
        .where(and(eq(staffReports.contractId, contract.id), eq(staffReports.periodFrom, period.from)))
        .orderBy(desc(staffReports.version))
        .get();
      // A correction keeps the proofs of the version it corrects; a first report those of the report it continues.
      const base = latest ? postsOf(tx, latest.id) : carriedPosts(tx, contract, period);
      for (const p of base) previousProofs.set(p.postKey, p.proofFileId);
      draft = tx
        .insert(staffReports)
        .values({ contractId: contract.id, periodFrom: period.from, periodTo: period.to, version: (latest?.version ?? 0) + 1, status: "draft", vacancyNote: opts.vacancyNote, createdAt: opts.now, updatedAt: opts.now })
        .returning({ id: staffReports.id, version: staffReports.version })
        .get();
    }
    posts.forEach((p, ordinal) => {
      const postKey = p.postKey && previousProofs.has(p.postKey) ? p.postKey : randomId();
      tx.insert(staffReportPosts)
        .values({
          reportId: draft.id,
          ordinal,
          postKey,
          personName: p.personName,
          payGroup: p.payGroup,
          weeklyHoursHundredths: p.weeklyHoursHundredths,
          fteHundredths: p.fteHundredths,
          // A proof belongs to the degree: a post no longer claiming one drops it.
          hasDegree: p.hasDegree,
          proofFileId: p.hasDegree ? (previousProofs.get(postKey) ?? null) : null,
          startDay: p.start,
          endDay: p.end,
        })
        .run();
    });
    return { problems: [] };
  }, opts.db ?? defaultDb());
}

/**
 * Attaches a stored proof document (a PDF, checked by its bytes on upload) to a post of the
 * period's draft that claims a degree; it replaces the post's earlier proof in this draft.
 * The file is the carrier's (organisation), not sealed: bids are long opened, a staff report
 * is no bid; officers read it through the staff report (app/submission/access.server.ts).
 */
export function attachProofDocument(opts: { actor: CarrierActor; contractId: string; periodFrom: string; ordinal: number; upload: SavedFile; originalName: string; now: Date; db?: Db }): void {
  writeTx((tx) => {
    const contract = ownContractIn(tx, opts.actor, opts.contractId);
    const period = periodOf(contract, opts.periodFrom);
    const draft = openDraft(tx, contract.id, period.from);
    const post = draft && tx.select({ hasDegree: staffReportPosts.hasDegree }).from(staffReportPosts).where(and(eq(staffReportPosts.reportId, draft.id), eq(staffReportPosts.ordinal, opts.ordinal))).get();
    if (!draft || !post) throw new DomainError("CONFLICT", "staffReport.proofNoPost");
    if (!post.hasDegree) throw new DomainError("CONFLICT", "staffReport.proofNoDegree");
    const fileId = recordStoredFile(tx, opts.upload, { originalName: opts.originalName, uploadedByUserId: opts.actor.userId, organisationId: opts.actor.organisationId, createdAt: opts.now });
    tx.update(staffReportPosts).set({ proofFileId: fileId }).where(and(eq(staffReportPosts.reportId, draft.id), eq(staffReportPosts.ordinal, opts.ordinal))).run();
    tx.update(staffReports).set({ updatedAt: opts.now }).where(eq(staffReports.id, draft.id)).run();
  }, opts.db ?? defaultDb());
}

/**
 * Submits the period's draft in Textform: the member's name and the server time are stored
 * and written to the audit trail (the report's figures, never a person's name). From then
 * on the version is fixed. A degree claimed without its proof is refused, naming the post.
 */
export function submitStaffReport(opts: { actor: CarrierActor; contractId: string; periodFrom: string; now: Date; db?: Db }): { version: number } {
  return writeTx((tx) => {
    const contract = ownContractIn(tx, opts.actor, opts.contractId);
    const period = periodOf(contract, opts.periodFrom);
    const draft = openDraft(tx, contract.id, period.from);
    if (!draft) throw new DomainError("CONFLICT", "staffReport.noDraft");
    const posts = postsOf(tx, draft.id);
    const facts = callFacts(tx, contract.id);
    const problems = postProblems(posts, { termStart: berlinDay(contract.startsAt), termEnd: berlinDay(contract.endsAt), period, fullTimeHundredths: facts.fullTimeHundredths, forSubmission: true });
    const missing = problems[0];
    if (missing) throw new DomainError("INVALID", missing.key, { post: missing.index + 1 } as never, `stelle-${missing.index}-${missing.field}`);
    const user = tx.select({ name: users.name }).from(users).where(eq(users.id, opts.actor.userId)).get()!;
    tx.update(staffReports).set({ status: "submitted", submittedAt: opts.now, submittedByUserId: opts.actor.userId, submittedByName: user.name, updatedAt: opts.now }).where(eq(staffReports.id, draft.id)).run();
    const unfilled = unfilledHundredths(contractedOn(tx, contract, period.to), posts, period.to);
    appendAudit(tx, {
      at: opts.now,
      actorUserId: opts.actor.userId,
      action: "staffReport.submitted",
      objectType: "contract",
      objectId: contract.id,
      details: {
        contract: contract.number,
        period: { from: period.from, to: period.to },
        version: draft.version,
        late: opts.now.getTime() > dueInstant(period).getTime(),
        posts: posts.length,
        filledHundredths: filledHundredths(posts, period.to),
        unfilledHundredths: unfilled,
      },
    });
    return { version: draft.version };
  }, opts.db ?? defaultDb());
}

// ---------------------------------------------------------------------------------------
// Officers

export type ContractReports = {
  contractId: string;
  number: string;
  lotNumber: number;
  organisationName: string;
  fteHundredths: number;
  periods: PeriodState[];
};

/** Every contract of a call with its report periods' states (officers). */
export function staffReportsOfCall(callId: string, now: Date, database: Db = defaultDb()): ContractReports[] {
  const all = contractDetailsOfCall(callId, database);
  const facts = versionFacts(database, all.map((c) => c.id));
  return all.map((contract) => ({
    contractId: contract.id,
    number: contract.number,
    lotNumber: contract.lotNumber,
    organisationName: contract.organisationName,
    fteHundredths: contract.fteHundredths,
    // Officers see submissions; whether a carrier keeps a draft is the carrier's own.
    periods: reportStates(contract.reportPeriods, facts.filter((f) => f.contractId === contract.id), now).map((s) => ({ ...s, hasDraft: false })),
  }));
}

/** One report period of any contract of the call, for officers; a contract of another call is NOT_FOUND. */
export function staffReportForOfficer(opts: { callId: string; contractId: string; periodFrom: string; now: Date; db?: Db }): StaffReportView {
  const database = opts.db ?? defaultDb();
  const contract = contractOfCall({ callId: opts.callId, contractId: opts.contractId, db: database });
  const view = reportView(database, contract, periodOf(contract, opts.periodFrom), opts.now);
  // Officers see what was submitted; a carrier's draft is its own until then.
  return { ...view, state: { ...view.state, hasDraft: false }, current: view.submitted[0] ?? null, carried: [] };
}

/**
 * The posts of the contracts `where` selects as the plan over time reads them
 * (coverageOverTime's `posts`): their submitted versions, then those versions' posts, in two
 * queries however many contracts and reports there are. Names are not read.
 */
function coveragePostsWhere(database: Reader, where: SQL): ReportedPost[] {
  const reports = database
    .select({ id: staffReports.id, contractId: staffReports.contractId, periodFrom: staffReports.periodFrom, version: staffReports.version, roleCode: roles.code })
    .from(staffReports)
    .innerJoin(contracts, eq(contracts.id, staffReports.contractId))
    .innerJoin(lots, eq(lots.id, contracts.lotId))
    .innerJoin(roles, eq(roles.id, lots.roleId))
    .where(and(where, eq(staffReports.status, "submitted")))
    .all();
  if (reports.length === 0) return [];
  const posts = new Map<string, CoveragePostFacts[]>();
  for (const p of database
    .select({
      reportId: staffReportPosts.reportId,
      postKey: staffReportPosts.postKey,
      fteHundredths: staffReportPosts.fteHundredths,
      hasDegree: staffReportPosts.hasDegree,
      start: staffReportPosts.startDay,
      end: staffReportPosts.endDay,
    })
    .from(staffReportPosts)
    .innerJoin(staffReports, eq(staffReports.id, staffReportPosts.reportId))
    .innerJoin(contracts, eq(contracts.id, staffReports.contractId))
    .where(and(where, eq(staffReports.status, "submitted")))
    .orderBy(asc(staffReportPosts.reportId), asc(staffReportPosts.ordinal))
    .all()) {
    const { reportId, ...post } = p;
    posts.set(reportId, [...(posts.get(reportId) ?? []), post]);
  }
  const byContract = new Map<string, { roleCode: string; reports: SubmittedReport[] }>();
  for (const r of reports) {
    const entry = byContract.get(r.contractId) ?? { roleCode: r.roleCode, reports: [] };
    entry.reports.push({ periodFrom: r.periodFrom, version: r.version, posts: posts.get(r.id) ?? [] });
    byContract.set(r.contractId, entry);
  }
  return [...byContract].flatMap(([contractId, { roleCode, reports: submitted }]) => coveragePosts({ contractId, roleCode }, submitted));
}

/** The posts of a contract as the plan over time reads them (coverageOverTime's `posts`). */
export function coveragePostsOfContract(contractId: string, database: Reader = defaultDb()): ReportedPost[] {
  callFacts(database, contractId); // NOT_FOUND for a contract that does not exist
  return coveragePostsWhere(database, eq(contracts.id, contractId));
}

/** The posts of every contract of a call, as coveragePostsOfContract reads one contract's. */
export function coveragePostsOfCall(callId: string, database: Reader = defaultDb()): ReportedPost[] {
  return coveragePostsWhere(database, eq(contracts.callId, callId));
}

// ---------------------------------------------------------------------------------------
// Reminders

/**
 * Sends the reminders due at `now` (REMINDER_DAYS_BEFORE days before a due day, while nothing
 * is submitted) to the members of each contract's carrier, each in its language (decision
 * 0020), and records each sent one, so that a second run sends nothing twice. A reminder none
 * of whose mails went out is not recorded: the next run tries again. Returns what was sent.
 */
export async function sendStaffReportReminders(opts: { now: Date; baseUrl?: string; db?: Db }): Promise<{ contractId: string; periodFrom: string; recipients: number }[]> {
  const database = opts.db ?? defaultDb();
  const rows = database
    .select({ id: contracts.id, organisationId: contracts.organisationId, number: contracts.number, reportPeriods: contracts.reportPeriods, callTitle: calls.title })
    .from(contracts)
    .innerJoin(calls, eq(calls.id, contracts.callId))
    .all();
  const facts = versionFacts(database, rows.map((r) => r.id));
  const sentBefore = new Set(database.select({ contractId: staffReportReminders.contractId, periodFrom: staffReportReminders.periodFrom }).from(staffReportReminders).all().map((r) => `${r.contractId} ${r.periodFrom}`));
  const sent: { contractId: string; periodFrom: string; recipients: number }[] = [];
  for (const row of rows) {
    const states = reportStates(row.reportPeriods, facts.filter((f) => f.contractId === row.id), opts.now);
    for (const state of states) {
      if (!reminderDue(state, opts.now) || sentBefore.has(`${row.id} ${state.period.from}`)) continue;
      const recipients = memberRecipients(database, row.organisationId);
      const reportUrl = opts.baseUrl ? `${opts.baseUrl.replace(/\/+$/, "")}/traeger/vertraege/${row.id}/meldungen/${state.period.from}` : undefined;
      const count = await sendToEachReader(
        recipients,
        (reader: Locale) => staffReportReminderLetter({ callTitle: row.callTitle, contractNumber: row.number, periodFrom: state.period.from, periodTo: state.period.to, dueAt: dueInstant(state.period), reportUrl, baseUrl: opts.baseUrl, reader }),
        "staff report reminder",
      );
      if (recipients.length > 0 && count === 0) continue;
      writeTx((tx) => {
        tx.insert(staffReportReminders).values({ contractId: row.id, periodFrom: state.period.from, sentAt: opts.now, recipients: count }).onConflictDoNothing().run();
        appendAudit(tx, { at: opts.now, actorUserId: null, action: "staffReport.reminded", objectType: "contract", objectId: row.id, details: { period: state.period.from, recipients: count } });
      }, database);
      sent.push({ contractId: row.id, periodFrom: state.period.from, recipients: count });
    }
  }
  return sent;
}
