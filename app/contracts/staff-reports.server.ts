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
import { db as defaultDb, first, writeTx, type Db, type Reader, type Tx } from "../infra/db.server";
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

async function versionFacts(database: Reader, contractIds: string[]): Promise<(ReportVersionFacts & { contractId: string })[]> {
  if (contractIds.length === 0) return [];
  return database
    .select({ contractId: staffReports.contractId, periodFrom: staffReports.periodFrom, version: staffReports.version, status: staffReports.status, submittedAt: staffReports.submittedAt })
    .from(staffReports)
    .where(inArray(staffReports.contractId, contractIds));
}

/** The state of each report period of one contract at `now`. */
export async function contractReportStates(contract: Pick<ContractDetail, "id" | "reportPeriods">, now: Date, database: Reader = defaultDb()): Promise<PeriodState[]> {
  return reportStates(contract.reportPeriods, await versionFacts(database, [contract.id]), now);
}

async function postsOf(database: Reader, reportId: string): Promise<(StaffPost & { proofFileName: string | null })[]> {
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
    .orderBy(asc(staffReportPosts.ordinal));
}

/** The contract's FTE on a day: as concluded, changed by its accepted amendments in effect by then (decision 0026). */
async function contractedOn(database: Reader, contract: Pick<ContractDetail, "id" | "fteHundredths">, day: string): Promise<number> {
  const accepted = (await amendmentsOfContracts([contract.id], database))
    .filter((a) => a.status === "accepted")
    .map((a) => ({ from: a.fromDay, fteHundredths: a.fteAfterHundredths }));
  return fteOnDay(contract.fteHundredths, accepted, day);
}

async function versionsOf(database: Reader, contract: ContractDetail, period: ReportPeriod): Promise<StaffReportVersion[]> {
  const contracted = await contractedOn(database, contract, period.to);
  const rows = await database
    .select()
    .from(staffReports)
    .where(and(eq(staffReports.contractId, contract.id), eq(staffReports.periodFrom, period.from)))
    .orderBy(desc(staffReports.version));
  const versions: StaffReportVersion[] = [];
  for (const r of rows) {
    const posts = await postsOf(database, r.id);
    versions.push({
      id: r.id,
      version: r.version,
      status: r.status,
      vacancyNote: r.vacancyNote,
      posts,
      submittedAt: r.submittedAt,
      submittedByName: r.submittedByName,
      unfilledHundredths: unfilledHundredths(contracted, posts, period.to),
    });
  }
  return versions;
}

function periodOf(contract: ContractDetail, periodFrom: string): ReportPeriod {
  const period = contract.reportPeriods.find((p) => p.from === periodFrom);
  if (!period) throw new DomainError("NOT_FOUND", "notFound.staffReport");
  return period;
}

/** What a contract's reports need of its call and lot: full-time hours, pay groups, the role and its degree rule. */
async function callFacts(database: Reader, contractId: string) {
  const row = await first(
    database
      .select({ payScale: calls.payScale, requiresDegree: roles.requiresPedagogicalDegree, roleCode: roles.code })
      .from(contracts)
      .innerJoin(calls, eq(calls.id, contracts.callId))
      .innerJoin(lots, eq(lots.id, contracts.lotId))
      .innerJoin(roles, eq(roles.id, lots.roleId))
      .where(eq(contracts.id, contractId)),
  );
  if (!row) throw new DomainError("NOT_FOUND", "notFound.contract");
  return { fullTimeHundredths: fullTimeHoursHundredths(row.payScale), payGroups: row.payScale?.groups ?? [], requiresDegree: row.requiresDegree, roleCode: row.roleCode };
}

/** The latest submitted version of the latest period before `period` that has one, with its posts still standing at `period`'s start. */
async function carriedPosts(database: Reader, contract: ContractDetail, period: ReportPeriod): Promise<StaffPost[]> {
  const earlier = (
    await database
      .select({ id: staffReports.id, periodFrom: staffReports.periodFrom })
      .from(staffReports)
      .where(and(eq(staffReports.contractId, contract.id), eq(staffReports.status, "submitted")))
      .orderBy(desc(staffReports.periodFrom), desc(staffReports.version))
  ).find((r) => r.periodFrom < period.from);
  if (!earlier) return [];
  return (await postsOf(database, earlier.id))
    .filter((p) => p.end === null || p.end >= period.from)
    .map(({ proofFileName: _name, ...p }) => p);
}

/** The staff report of one period of the carrier's own contract; another's contract, or a period it has not, is NOT_FOUND. */
export async function staffReportForCarrier(opts: { organisationId: string; contractId: string; periodFrom: string; now: Date; db?: Db }): Promise<StaffReportView> {
  const database = opts.db ?? defaultDb();
  const contract = await contractOfOrganisation({ organisationId: opts.organisationId, contractId: opts.contractId, db: database });
  return reportView(database, contract, periodOf(contract, opts.periodFrom), opts.now);
}

async function reportView(database: Reader, contract: ContractDetail, period: ReportPeriod, now: Date): Promise<StaffReportView> {
  const versions = await versionsOf(database, contract, period);
  const state = reportStates([period], versions.map((v) => ({ ...v, periodFrom: period.from })), now)[0];
  const facts = await callFacts(database, contract.id);
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
    carried: versions.length ? [] : await carriedPosts(database, contract, period),
  };
}

// ---------------------------------------------------------------------------------------
// Writing

function ownContractIn(tx: Tx, actor: CarrierActor, contractId: string): Promise<ContractDetail> {
  return contractOfOrganisation({ organisationId: actor.organisationId, contractId, db: tx });
}

function openDraft(tx: Tx, contractId: string, periodFrom: string) {
  return first(
    tx
      .select({ id: staffReports.id, version: staffReports.version })
      .from(staffReports)
      .where(and(eq(staffReports.contractId, contractId), eq(staffReports.periodFrom, periodFrom), eq(staffReports.status, "draft"))),
  );
}

/**
 * Saves the draft of a period's report: the posts as typed and the note. Without a draft, it
 * starts one: version 1, or after a submitted version the next (a correction). A period
 * that has not begun takes no report. Returns the posts' problems (nothing saved) or none.
 * A post keeps its proof document while its key stays; the FTE is derived from the hours.
 */
export async function saveStaffReportDraft(opts: {
  actor: CarrierActor;
  contractId: string;
  periodFrom: string;
  posts: PostInput[];
  vacancyNote: string;
  now: Date;
  db?: Db;
}): Promise<{ problems: PostProblem[] }> {
  return writeTx(async (tx) => {
    const contract = await ownContractIn(tx, opts.actor, opts.contractId);
    const period = periodOf(contract, opts.periodFrom);
    if (reportStates([period], [], opts.now)[0].state === "future") throw new DomainError("CONFLICT", "staffReport.notBegun");
    const facts = await callFacts(tx, contract.id);
    const posts = opts.posts.map((p) => ({ ...p, fteHundredths: fteOfWeeklyHours(p.weeklyHoursHundredths, facts.fullTimeHundredths) }));
    const problems = postProblems(
      posts.map((p) => ({ ...p, proofFileId: null })),
      { termStart: berlinDay(contract.startsAt), termEnd: berlinDay(contract.endsAt), period, fullTimeHundredths: facts.fullTimeHundredths, forSubmission: false },
    );
    if (problems.length) return { problems };
    let draft = await openDraft(tx, contract.id, period.from);
    const previousProofs = new Map<string, string | null>();
    if (draft) {
      for (const p of await tx.select({ postKey: staffReportPosts.postKey, proofFileId: staffReportPosts.proofFileId }).from(staffReportPosts).where(eq(staffReportPosts.reportId, draft.id))) {
        previousProofs.set(p.postKey, p.proofFileId);
      }
      await tx.delete(staffReportPosts).where(eq(staffReportPosts.reportId, draft.id));
      await tx.update(staffReports).set({ vacancyNote: opts.vacancyNote, updatedAt: opts.now }).where(eq(staffReports.id, draft.id));
    } else {
      const latest = await first(
        tx
          .select({ id: staffReports.id, version: staffReports.version })
          .from(staffReports)
          .where(and(eq(staffReports.contractId, contract.id), eq(staffReports.periodFrom, period.from)))
          .orderBy(desc(staffReports.version)),
      );
      // A correction keeps the proofs of the version it corrects; a first report those of the report it continues.
      const base = latest ? await postsOf(tx, latest.id) : await carriedPosts(tx, contract, period);
      for (const p of base) previousProofs.set(p.postKey, p.proofFileId);
      [draft] = await tx
        .insert(staffReports)
        .values({ contractId: contract.id, periodFrom: period.from, periodTo: period.to, version: (latest?.version ?? 0) + 1, status: "draft", vacancyNote: opts.vacancyNote, createdAt: opts.now, updatedAt: opts.now })
        .returning({ id: staffReports.id, version: staffReports.version });
    }
    for (const [ordinal, p] of posts.entries()) {
      const postKey = p.postKey && previousProofs.has(p.postKey) ? p.postKey : randomId();
      await tx
        .insert(staffReportPosts)
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
        });
    }
    return { problems: [] };
  }, opts.db ?? defaultDb());
}

/**
 * Attaches a stored proof document (a PDF, checked by its bytes on upload) to a post of the
 * period's draft that claims a degree; it replaces the post's earlier proof in this draft.
 * The file is the carrier's (organisation), not sealed: bids are long opened, a staff report
 * is no bid; officers read it through the staff report (app/submission/access.server.ts).
 */
export async function attachProofDocument(opts: { actor: CarrierActor; contractId: string; periodFrom: string; ordinal: number; upload: SavedFile; originalName: string; now: Date; db?: Db }): Promise<void> {
  await writeTx(async (tx) => {
    const contract = await ownContractIn(tx, opts.actor, opts.contractId);
    const period = periodOf(contract, opts.periodFrom);
    const draft = await openDraft(tx, contract.id, period.from);
    const post = draft && (await first(tx.select({ hasDegree: staffReportPosts.hasDegree }).from(staffReportPosts).where(and(eq(staffReportPosts.reportId, draft.id), eq(staffReportPosts.ordinal, opts.ordinal)))));
    if (!draft || !post) throw new DomainError("CONFLICT", "staffReport.proofNoPost");
    if (!post.hasDegree) throw new DomainError("CONFLICT", "staffReport.proofNoDegree");
    const fileId = await recordStoredFile(tx, opts.upload, { originalName: opts.originalName, uploadedByUserId: opts.actor.userId, organisationId: opts.actor.organisationId, createdAt: opts.now });
    await tx.update(staffReportPosts).set({ proofFileId: fileId }).where(and(eq(staffReportPosts.reportId, draft.id), eq(staffReportPosts.ordinal, opts.ordinal)));
    await tx.update(staffReports).set({ updatedAt: opts.now }).where(eq(staffReports.id, draft.id));
  }, opts.db ?? defaultDb());
}

/**
 * Submits the period's draft in Textform: the member's name and the server time are stored
 * and written to the audit trail (the report's figures, never a person's name). From then
 * on the version is fixed. A degree claimed without its proof is refused, naming the post.
 */
export async function submitStaffReport(opts: { actor: CarrierActor; contractId: string; periodFrom: string; now: Date; db?: Db }): Promise<{ version: number }> {
  return writeTx(async (tx) => {
    const contract = await ownContractIn(tx, opts.actor, opts.contractId);
    const period = periodOf(contract, opts.periodFrom);
    const draft = await openDraft(tx, contract.id, period.from);
    if (!draft) throw new DomainError("CONFLICT", "staffReport.noDraft");
    const posts = await postsOf(tx, draft.id);
    const facts = await callFacts(tx, contract.id);
    const problems = postProblems(posts, { termStart: berlinDay(contract.startsAt), termEnd: berlinDay(contract.endsAt), period, fullTimeHundredths: facts.fullTimeHundredths, forSubmission: true });
    const missing = problems[0];
    if (missing) throw new DomainError("INVALID", missing.key, { post: missing.index + 1 } as never, `stelle-${missing.index}-${missing.field}`);
    const user = (await first(tx.select({ name: users.name }).from(users).where(eq(users.id, opts.actor.userId))))!;
    await tx.update(staffReports).set({ status: "submitted", submittedAt: opts.now, submittedByUserId: opts.actor.userId, submittedByName: user.name, updatedAt: opts.now }).where(eq(staffReports.id, draft.id));
    const unfilled = unfilledHundredths(await contractedOn(tx, contract, period.to), posts, period.to);
    await appendAudit(tx, {
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
export async function staffReportsOfCall(callId: string, now: Date, database: Db = defaultDb()): Promise<ContractReports[]> {
  const all = await contractDetailsOfCall(callId, database);
  const facts = await versionFacts(database, all.map((c) => c.id));
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
export async function staffReportForOfficer(opts: { callId: string; contractId: string; periodFrom: string; now: Date; db?: Db }): Promise<StaffReportView> {
  const database = opts.db ?? defaultDb();
  const contract = await contractOfCall({ callId: opts.callId, contractId: opts.contractId, db: database });
  const view = await reportView(database, contract, periodOf(contract, opts.periodFrom), opts.now);
  // Officers see what was submitted; a carrier's draft is its own until then.
  return { ...view, state: { ...view.state, hasDraft: false }, current: view.submitted[0] ?? null, carried: [] };
}

/**
 * The posts of the contracts `where` selects as the plan over time reads them
 * (coverageOverTime's `posts`): their submitted versions, then those versions' posts, in two
 * queries however many contracts and reports there are. Names are not read.
 */
async function coveragePostsWhere(database: Reader, where: SQL): Promise<ReportedPost[]> {
  const reports = await database
    .select({ id: staffReports.id, contractId: staffReports.contractId, periodFrom: staffReports.periodFrom, version: staffReports.version, roleCode: roles.code })
    .from(staffReports)
    .innerJoin(contracts, eq(contracts.id, staffReports.contractId))
    .innerJoin(lots, eq(lots.id, contracts.lotId))
    .innerJoin(roles, eq(roles.id, lots.roleId))
    .where(and(where, eq(staffReports.status, "submitted")));
  if (reports.length === 0) return [];
  const posts = new Map<string, CoveragePostFacts[]>();
  for (const p of await database
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
    .orderBy(asc(staffReportPosts.reportId), asc(staffReportPosts.ordinal))) {
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
export async function coveragePostsOfContract(contractId: string, database: Reader = defaultDb()): Promise<ReportedPost[]> {
  await callFacts(database, contractId); // NOT_FOUND for a contract that does not exist
  return coveragePostsWhere(database, eq(contracts.id, contractId));
}

/** The posts of every contract of a call, as coveragePostsOfContract reads one contract's. */
export async function coveragePostsOfCall(callId: string, database: Reader = defaultDb()): Promise<ReportedPost[]> {
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
  const rows = await database
    .select({ id: contracts.id, organisationId: contracts.organisationId, number: contracts.number, reportPeriods: contracts.reportPeriods, callTitle: calls.title })
    .from(contracts)
    .innerJoin(calls, eq(calls.id, contracts.callId));
  const facts = await versionFacts(database, rows.map((r) => r.id));
  const sentBefore = new Set((await database.select({ contractId: staffReportReminders.contractId, periodFrom: staffReportReminders.periodFrom }).from(staffReportReminders)).map((r) => `${r.contractId} ${r.periodFrom}`));
  const sent: { contractId: string; periodFrom: string; recipients: number }[] = [];
  for (const row of rows) {
    const states = reportStates(row.reportPeriods, facts.filter((f) => f.contractId === row.id), opts.now);
    for (const state of states) {
      if (!reminderDue(state, opts.now) || sentBefore.has(`${row.id} ${state.period.from}`)) continue;
      const recipients = await memberRecipients(database, row.organisationId);
      const reportUrl = opts.baseUrl ? `${opts.baseUrl.replace(/\/+$/, "")}/traeger/vertraege/${row.id}/meldungen/${state.period.from}` : undefined;
      const count = await sendToEachReader(
        recipients,
        (reader: Locale) => staffReportReminderLetter({ callTitle: row.callTitle, contractNumber: row.number, periodFrom: state.period.from, periodTo: state.period.to, dueAt: dueInstant(state.period), reportUrl, baseUrl: opts.baseUrl, reader }),
        "staff report reminder",
      );
      if (recipients.length > 0 && count === 0) continue;
      await writeTx(async (tx) => {
        await tx.insert(staffReportReminders).values({ contractId: row.id, periodFrom: state.period.from, sentAt: opts.now, recipients: count }).onConflictDoNothing();
        await appendAudit(tx, { at: opts.now, actorUserId: null, action: "staffReport.reminded", objectType: "contract", objectId: row.id, details: { period: state.period.from, recipients: count } });
      }, database);
      sent.push({ contractId: row.id, periodFrom: state.period.from, recipients: count });
    }
  }
  return sent;
}
