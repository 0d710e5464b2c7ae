// The carrier's working copy of an application (Entwurf): start, choose lots, write the
// concept, offer posts, plan costs, attach documents. Every query is scoped to the
// actor's organisation, so another carrier's id simply is not found.
//
// Sealed storage (VgV § 54): a lot bid's concept texts, offered posts and cost plan are kept
// as one document encrypted with the call's key in lot_bids.concept (the tables offered_posts
// and cost_plans stay empty for it; rows there are from before sealing and still read), and
// files are uploaded encrypted (sealForApplication). This module decrypts them only for the
// owning organisation's own reads.
import { and, asc, count, desc, eq, inArray } from "drizzle-orm";
import { appendAudit } from "../infra/audit.server";
import { db as defaultDb, first, writeTx, type Db, type Tx } from "../infra/db.server";
import { DomainError } from "../infra/errors";
import { callKeyOf, ensureCallKey, isSealedDraft, openDraft, sealDraft } from "../infra/sealing.server";
import { fileStorage, type FileStorage, type SavedFile, type SealWith } from "../infra/storage.server";
import { recordStoredFile } from "../infra/stored-files.server";
import { MAX_APPLICATION_BYTES, MAX_APPLICATION_FILES } from "../infra/uploads.server";
import {
  applicationDeclarations,
  applicationDocuments,
  applications,
  calls,
  costPlans,
  lotBids,
  lots,
  offeredPosts,
  organisations,
  roles,
  storedFiles,
  submissions,
} from "../infra/schema";
import { loadCallView } from "../procurement/calls.server";
import { translator } from "../i18n";
import {
  declaredGrounds,
  exclusionDeclarationErrors,
  groundName,
  noDeclarations,
  payDeclarationErrors,
  signatureOf,
  type Declaration,
  type DeclarationFormError,
  type Declarations,
  type ExclusionFormInput,
  type PayFormInput,
} from "./declarations";
import { publicPhase, type CallView } from "../procurement/call-view";
import { tandemLots } from "../procurement/tandem";
import {
  fteOfWeeklyHours,
  fullTimeHoursHundredths,
  inFormOrder,
  missingItems,
  postProblem,
  postProblemParams,
  type ApplicationDraft,
  type CostPlanDraft,
  type DocumentKind,
  type FileRef,
  type LotBidDraft,
  type PostDraft,
} from "./rules";

export type CarrierActor = { userId: string; organisationId: string };

export type ApplicationStatus = (typeof applications.$inferSelect)["status"];

export type LatestSubmission = {
  id: string;
  version: number;
  receiptNumber: string;
  submittedAt: Date;
  withdrawnAt: Date | null;
};

export type ApplicationView = {
  id: string;
  status: ApplicationStatus;
  updatedAt: Date;
  call: CallView;
  organisation: { id: string; name: string; nonProfit: boolean };
  draft: ApplicationDraft;
  latestSubmission: LatestSubmission | null;
  /** The working copy changed after the latest submission (the change is not submitted). */
  changedSinceSubmission: boolean;
  /** Before the deadline, by the server clock: the working copy may change. */
  editable: boolean;
  /** Regions whose tandem lots are offered as a pair (Tandemangebot). */
  tandemRegions: string[];
};

const fileColumns = {
  id: storedFiles.id,
  name: storedFiles.originalName,
  mediaType: storedFiles.mediaType,
  sizeBytes: storedFiles.sizeBytes,
  sha256: storedFiles.sha256,
};

/** Starts the organisation's application for a call, or returns the one it has. */
export async function startApplication(opts: { actor: CarrierActor; callSlug: string; now: Date; db?: Db }): Promise<{ applicationId: string }> {
  return writeTx(async (tx) => {
    const call = await first(
      tx
        .select({ id: calls.id, status: calls.status, submissionDeadline: calls.submissionDeadline, questionDeadline: calls.questionDeadline })
        .from(calls)
        .where(eq(calls.slug, opts.callSlug)),
    );
    if (!call || call.status === "draft") throw new DomainError("NOT_FOUND", "notFound.call");
    const existing = await applicationOf(tx, { organisationId: opts.actor.organisationId, callId: call.id });
    if (existing) return { applicationId: existing.id };
    const phase = publicPhase(
      { status: call.status, dates: { submissionDeadline: call.submissionDeadline } as CallView["dates"] },
      opts.now,
    );
    if (phase !== "open") throw new DomainError("DEADLINE_PASSED", "application.callClosed");
    const [row] = await tx
      .insert(applications)
      .values({
        callId: call.id,
        organisationId: opts.actor.organisationId,
        status: "draft",
        createdByUserId: opts.actor.userId,
        // The server clock, not the database's: what changed since the start is read against it.
        createdAt: opts.now,
        updatedAt: opts.now,
      })
      .returning({ id: applications.id });
    await appendAudit(tx, {
      at: opts.now,
      actorUserId: opts.actor.userId,
      action: "application.started",
      objectType: "application",
      objectId: row.id,
      details: { callId: call.id, organisationId: opts.actor.organisationId },
    });
    return { applicationId: row.id };
  }, opts.db ?? defaultDb());
}

async function applicationOf(tx: Pick<Db, "select">, opts: { organisationId: string; callId: string }) {
  return (
    (await first(
      tx
        .select({ id: applications.id, status: applications.status })
        .from(applications)
        .where(and(eq(applications.callId, opts.callId), eq(applications.organisationId, opts.organisationId))),
    )) ?? null
  );
}

/** The organisation's application for a call, if it started one (one per call, see startApplication). */
export async function applicationForCall(opts: { organisationId: string; callId: string; db?: Db }): Promise<{ id: string; status: ApplicationStatus } | null> {
  return applicationOf(opts.db ?? defaultDb(), opts);
}

/** The organisation's applications with their status, newest deadline first. */
export async function listApplications(organisationId: string, database: Db = defaultDb()) {
  const rows = await database
    .select({
      id: applications.id,
      status: applications.status,
      updatedAt: applications.updatedAt,
      callSlug: calls.slug,
      callTitle: calls.title,
      submissionDeadline: calls.submissionDeadline,
      isDemo: calls.isDemo,
    })
    .from(applications)
    .innerJoin(calls, eq(calls.id, applications.callId))
    .where(eq(applications.organisationId, organisationId))
    .orderBy(desc(calls.submissionDeadline));
  const result = [];
  for (const r of rows) result.push({ ...r, submissions: await versionsOf(database, r.id) });
  return result;
}

async function ownedApplication(tx: Pick<Db, "select">, actor: CarrierActor, applicationId: string) {
  const row = await first(
    tx
      .select({
      id: applications.id,
      status: applications.status,
      updatedAt: applications.updatedAt,
      callId: applications.callId,
      callSlug: calls.slug,
      organisationId: applications.organisationId,
    })
      .from(applications)
      .innerJoin(calls, eq(calls.id, applications.callId))
      .where(and(eq(applications.id, applicationId), eq(applications.organisationId, actor.organisationId))),
  );
  if (!row) throw new DomainError("NOT_FOUND", "notFound.application");
  return row;
}

/** The call's key, looked up once and only when a sealed value is met. */
function lazyCallKey(tx: Pick<Db, "select">, callId: string): () => Promise<Buffer> {
  let key: Buffer | null | undefined;
  return async () => {
    key ??= await callKeyOf(tx, callId);
    if (!key) throw new Error(`call ${callId} has sealed data but no key`);
    return key;
  };
}

/** What a lot bid of the working copy holds besides its file, sealed as one document. */
type SealedLotBid = { concept: Record<string, string>; posts: PostDraft[]; costPlan: CostPlanDraft | null };

/** The working copy; callers have checked that it is the actor's own (it is decrypted). */
async function readDraft(tx: Pick<Db, "select">, applicationId: string, callId: string, nonProfit: boolean): Promise<ApplicationDraft> {
  const key = lazyCallKey(tx, callId);
  const bids = await tx
    .select({ id: lotBids.id, lotId: lotBids.lotId, concept: lotBids.concept, conceptFileId: lotBids.conceptFileId })
    .from(lotBids)
    .where(eq(lotBids.applicationId, applicationId));
  const bidIds = bids.map((b) => b.id);
  const posts = bidIds.length ? await tx.select().from(offeredPosts).where(inArray(offeredPosts.lotBidId, bidIds)).orderBy(asc(offeredPosts.id)) : [];
  const plans = bidIds.length ? await tx.select().from(costPlans).where(inArray(costPlans.lotBidId, bidIds)) : [];
  const fileIds = bids.flatMap((b) => (b.conceptFileId ? [b.conceptFileId] : []));
  const docs = await tx
    .select({ kind: applicationDocuments.kind, fileId: applicationDocuments.storedFileId, rowId: applicationDocuments.id })
    .from(applicationDocuments)
    .where(eq(applicationDocuments.applicationId, applicationId))
    .orderBy(asc(applicationDocuments.id));
  fileIds.push(...docs.map((d) => d.fileId));
  const rows = fileIds.length ? await tx.select({ ...fileColumns, uploadedAt: storedFiles.createdAt }).from(storedFiles).where(inArray(storedFiles.id, fileIds)) : [];
  const files = new Map(rows.map(({ uploadedAt: _, ...f }) => [f.id, f as FileRef]));
  const uploadedAt = new Map(rows.map((f) => [f.id, f.uploadedAt]));
  // The call's key, unwrapped once and only if a bid is sealed (as the lazy key did).
  const sealedKey = bids.some((b) => isSealedDraft(b.concept)) ? await key() : null;
  return {
    organisationNonProfit: nonProfit,
    lots: bids.map((b): LotBidDraft => {
      const conceptFile = b.conceptFileId ? (files.get(b.conceptFileId) ?? null) : null;
      if (isSealedDraft(b.concept)) {
        const sealed = openDraft<SealedLotBid>(sealedKey!, callId, b.concept);
        return { lotId: b.lotId, concept: sealed.concept, conceptFile, posts: sealed.posts, costPlan: sealed.costPlan };
      }
      // Saved before sealed storage (or never saved): the plain columns and tables.
      return {
        lotId: b.lotId,
        concept: b.concept,
        conceptFile,
        posts: posts
          .filter((p) => p.lotBidId === b.id)
          .sort((a, c) => a.position - c.position)
          .map((p) => ({
            fteHundredths: p.fteHundredths,
            ...(p.weeklyHoursHundredths === null ? {} : { weeklyHoursHundredths: p.weeklyHoursHundredths }),
            qualification: p.qualification,
            hasPedagogicalDegree: p.hasPedagogicalDegree,
            payGroup: p.payGroup,
            languages: p.languages,
          })),
        costPlan: (() => {
          const plan = plans.find((p) => p.lotBidId === b.id);
          return plan
            ? {
                personnelCostPerFteCents: plan.personnelCostPerFteCents,
                materialCostCents: plan.materialCostCents,
                overheadCents: plan.overheadCents,
              }
            : null;
        })(),
      };
    }),
    documents: inFormOrder(
      docs.flatMap((d) => {
        const file = files.get(d.fileId);
        return file ? [{ kind: d.kind as DocumentKind, file, uploadedAt: uploadedAt.get(d.fileId) }] : [];
      }),
    ),
    declarations: await readDeclarations(tx, applicationId, callId, key),
  };
}

/** The application's declarations (sealed like the lot bids); callers checked ownership. */
async function readDeclarations(tx: Pick<Db, "select">, applicationId: string, callId: string, key: () => Promise<Buffer>): Promise<Declarations> {
  const rows = await tx
    .select({ kind: applicationDeclarations.kind, content: applicationDeclarations.content })
    .from(applicationDeclarations)
    .where(eq(applicationDeclarations.applicationId, applicationId));
  const result: Declarations = { ...noDeclarations };
  for (const row of rows) {
    const d = openDraft<Declaration>(await key(), callId, row.content);
    if (d.kind === "pay") result.pay = d;
    else result.exclusion = d;
  }
  return result;
}

/** The submitted versions of an application, newest first. */
function versionsOf(tx: Pick<Db, "select">, applicationId: string) {
  return tx
    .select({
      id: submissions.id,
      version: submissions.version,
      receiptNumber: submissions.receiptNumber,
      submittedAt: submissions.submittedAt,
      withdrawnAt: submissions.withdrawnAt,
    })
    .from(submissions)
    .where(eq(submissions.applicationId, applicationId))
    .orderBy(desc(submissions.version));
}

export async function latestSubmission(tx: Pick<Db, "select">, applicationId: string): Promise<LatestSubmission | null> {
  return (await first(versionsOf(tx, applicationId).limit(1))) ?? null;
}

/** What every page of an application shows above its form: its state for the status banner and the call's title. */
export function applicationHeading(a: ApplicationView) {
  return {
    id: a.id,
    status: a.status,
    latestSubmission: a.latestSubmission,
    changedSinceSubmission: a.changedSinceSubmission,
    editable: a.editable,
    deadline: a.call.dates.submissionDeadline,
    callTitle: a.call.title,
  };
}

/** The whole working copy, for the carrier's own organisation only. */
export async function loadApplication(opts: { actor: CarrierActor; applicationId: string; now: Date; db?: Db }): Promise<ApplicationView> {
  const database = opts.db ?? defaultDb();
  const app = await ownedApplication(database, opts.actor, opts.applicationId);
  const call = await loadCallView(app.callSlug, { db: database });
  if (!call) throw new DomainError("NOT_FOUND", "notFound.call");
  const organisation = (await first(
    database
      .select({ id: organisations.id, name: organisations.name, nonProfit: organisations.nonProfit })
      .from(organisations)
      .where(eq(organisations.id, app.organisationId)),
  ))!;
  const latest = await latestSubmission(database, app.id);
  return {
    id: app.id,
    status: app.status,
    updatedAt: app.updatedAt,
    call,
    organisation,
    draft: await readDraft(database, app.id, app.callId, organisation.nonProfit),
    latestSubmission: latest,
    changedSinceSubmission: latest !== null && app.updatedAt.getTime() > latest.submittedAt.getTime(),
    editable: publicPhase(call, opts.now) === "open",
    tandemRegions: await pairedRegions(database, app.id, call),
  };
}

/** The regions whose two tandem lots are both chosen and marked as a pair. */
async function pairedRegions(tx: Pick<Db, "select">, applicationId: string, call: Pick<CallView, "roles" | "lots">): Promise<string[]> {
  const paired = new Set(
    (await tx.select({ lotId: lotBids.lotId }).from(lotBids).where(and(eq(lotBids.applicationId, applicationId), eq(lotBids.tandemPair, true)))).map((b) => b.lotId),
  );
  return tandemLots(call).filter((t) => t.lotIds.every((id) => paired.has(id))).map((t) => t.regionCode);
}

export function missingForApplication(view: ApplicationView) {
  return missingItems(view.call, view.draft);
}

/** Shared guard of every change to the working copy: own application, deadline not passed. */
async function editableApplication(tx: Tx, actor: CarrierActor, applicationId: string, now: Date) {
  const app = await ownedApplication(tx, actor, applicationId);
  const call = (await first(tx.select({ status: calls.status, submissionDeadline: calls.submissionDeadline }).from(calls).where(eq(calls.id, app.callId))))!;
  if (publicPhase({ status: call.status, dates: { submissionDeadline: call.submissionDeadline } as CallView["dates"] }, now) !== "open") {
    throw new DomainError("DEADLINE_PASSED", "application.deadlinePassed", { date: call.submissionDeadline });
  }
  return app;
}

async function touch(tx: Tx, applicationId: string, now: Date) {
  await tx.update(applications).set({ updatedAt: now }).where(eq(applications.id, applicationId));
}

/**
 * Chooses the lots of the application; removing a lot removes its concept, posts and costs.
 * `tandemRegions` names the regions whose two tandem lots are offered as a pair; both lots
 * must be chosen.
 */
export async function selectLots(opts: { actor: CarrierActor; applicationId: string; lotIds: string[]; tandemRegions?: string[]; now: Date; db?: Db }) {
  const database = opts.db ?? defaultDb();
  await writeTx(async (tx) => {
    const app = await editableApplication(tx, opts.actor, opts.applicationId, opts.now);
    const valid = new Set((await tx.select({ id: lots.id }).from(lots).where(eq(lots.callId, app.callId))).map((l) => l.id));
    const wanted = new Set(opts.lotIds);
    for (const id of wanted) if (!valid.has(id)) throw new DomainError("INVALID", "application.unknownLot");
    const current = await tx
      .select({ id: lotBids.id, lotId: lotBids.lotId })
      .from(lotBids)
      .where(eq(lotBids.applicationId, app.id));
    for (const bid of current) if (!wanted.has(bid.lotId)) await tx.delete(lotBids).where(eq(lotBids.id, bid.id));
    for (const lotId of wanted) {
      if (!current.some((b) => b.lotId === lotId)) {
        await tx.insert(lotBids).values({ applicationId: app.id, lotId, concept: {} });
      }
    }
    const call = (await loadCallView(app.callSlug, { db: database }))!;
    const tandems = tandemLots(call);
    const pairs = new Set(opts.tandemRegions ?? []);
    const pairedLots: string[] = [];
    for (const regionCode of pairs) {
      const tandem = tandems.find((t) => t.regionCode === regionCode);
      if (!tandem) throw new DomainError("INVALID", "application.unknownTandem");
      if (!tandem.lotIds.every((id) => wanted.has(id))) {
        throw new DomainError("INVALID", "application.tandemNeedsBothLots", { first: tandem.roleNames[0], partner: tandem.roleNames[1], region: tandem.regionName });
      }
      pairedLots.push(...tandem.lotIds);
    }
    await tx.update(lotBids).set({ tandemPair: false }).where(eq(lotBids.applicationId, app.id));
    if (pairedLots.length) await tx.update(lotBids).set({ tandemPair: true }).where(and(eq(lotBids.applicationId, app.id), inArray(lotBids.lotId, pairedLots)));
    await touch(tx, app.id, opts.now);
    await appendAudit(tx, {
      at: opts.now,
      actorUserId: opts.actor.userId,
      action: "application.lots-selected",
      objectType: "application",
      objectId: app.id,
      details: { lots: [...wanted].sort(), tandemRegions: [...pairs].sort() },
    });
  }, database);
}

export type LotBidInput = {
  concept: Record<string, string>;
  posts: PostDraft[];
  costPlan: CostPlanDraft | null;
};

/** A post the save refused: its row, the rule, the field the message belongs to. */
export type RefusedPost = { index: number; problem: string; field: "degree" | "payGroup"; params: Record<string, string> };

/**
 * Saves the concept, posts and cost plan of one lot. Format checks happen in the route;
 * here the rules of the call: a post must meet the role's qualification requirement and be
 * paid at least the role's floor, by a group of the call's pay scale.
 */
export async function saveLotBid(opts: {
  actor: CarrierActor;
  applicationId: string;
  lotId: string;
  input: LotBidInput;
  now: Date;
  db?: Db;
}): Promise<{ postProblems: RefusedPost[] }> {
  return writeTx(async (tx) => {
    const app = await editableApplication(tx, opts.actor, opts.applicationId, opts.now);
    const bid = await first(
      tx
        .select({ id: lotBids.id, roleId: lots.roleId })
        .from(lotBids)
        .innerJoin(lots, eq(lots.id, lotBids.lotId))
        .where(and(eq(lotBids.applicationId, app.id), eq(lotBids.lotId, opts.lotId))),
    );
    if (!bid) throw new DomainError("NOT_FOUND", "notFound.lotNotChosen");
    const role = (await first(
      tx
        .select({ requiresPedagogicalDegree: roles.requiresPedagogicalDegree, minPayGroup: roles.minPayGroup })
        .from(roles)
        .where(eq(roles.id, bid.roleId)),
    ))!;
    const { payScale } = (await first(tx.select({ payScale: calls.payScale }).from(calls).where(eq(calls.id, app.callId))))!;
    // The degree rule and the pay floor refuse the save; other gaps only show in the completeness check.
    const postProblems = opts.input.posts.flatMap((post, index): RefusedPost[] => {
      const problem = postProblem(role, post, payScale);
      if (problem === "post.degreeRequired") return [{ index, problem, field: "degree", params: {} }];
      // A group off the list cannot come from the form's select: the completeness check names it.
      if (problem === "post.belowPayFloor") {
        return [{ index, problem, field: "payGroup", params: postProblemParams(problem, role, payScale) }];
      }
      return [];
    });
    if (postProblems.length) return { postProblems };
    // A post's FTE is its weekly hours over the call's full-time hours, whoever sent the figures.
    const fullTime = fullTimeHoursHundredths(payScale);
    const posts = opts.input.posts.map((p) => (p.weeklyHoursHundredths === undefined ? p : { ...p, fteHundredths: fteOfWeeklyHours(p.weeklyHoursHundredths, fullTime) }));
    // Sealed as one document: texts, posts and prices are unreadable in a copy of the database.
    const content: SealedLotBid = { concept: opts.input.concept, posts, costPlan: opts.input.costPlan };
    const sealedContent = sealDraft(await ensureCallKey(tx, app.callId), app.callId, content);
    await tx.update(lotBids).set({ concept: sealedContent }).where(eq(lotBids.id, bid.id));
    // Plain rows saved before sealed storage existed are dropped with the first sealed save.
    await tx.delete(offeredPosts).where(eq(offeredPosts.lotBidId, bid.id));
    await tx.delete(costPlans).where(eq(costPlans.lotBidId, bid.id));
    await touch(tx, app.id, opts.now);
    await appendAudit(tx, {
      at: opts.now,
      actorUserId: opts.actor.userId,
      action: "application.lot-saved",
      objectType: "application",
      objectId: app.id,
      details: { lotId: opts.lotId },
    });
    return { postProblems: [] };
  }, opts.db ?? defaultDb());
}

/** A saved upload; stored encrypted with its call's key when `sealedCallId` is set. */
export type StoredUpload = SavedFile;

/**
 * How the organisation's files for this application are to be stored: encrypted with the
 * call's key (created on first need). Only for the organisation's own application.
 */
export async function sealForApplication(opts: { actor: CarrierActor; applicationId: string; db?: Db }): Promise<SealWith> {
  const database = opts.db ?? defaultDb();
  const app = await ownedApplication(database, opts.actor, opts.applicationId);
  const key = (await callKeyOf(database, app.callId)) ?? (await writeTx(async (tx) => ensureCallKey(tx, app.callId), database));
  return { callId: app.callId, key };
}

async function recordFile(tx: Tx, actor: CarrierActor, applicationId: string, upload: StoredUpload, originalName: string, now: Date) {
  return await recordStoredFile(tx, upload, {
    originalName,
    uploadedByUserId: actor.userId,
    organisationId: actor.organisationId,
    applicationId,
    createdAt: now, // the upload time the carrier is shown, by the server clock
  });
}

/** Bytes the application's current documents take, for the per-application limit; those being replaced do not count. */
async function applicationBytes(tx: Pick<Db, "select">, applicationId: string, callId: string, target: { lotId: string } | { kind: DocumentKind }) {
  const draft = await readDraft(tx, applicationId, callId, false);
  const kept = [
    ...draft.lots.flatMap((l) => (l.conceptFile && !("lotId" in target && target.lotId === l.lotId) ? [l.conceptFile] : [])),
    ...draft.documents.flatMap((d) => ("kind" in target && target.kind === d.kind ? [] : [d.file])),
  ];
  return kept.reduce((sum, f) => sum + f.sizeBytes, 0);
}

/** Files stored for the application so far, replaced ones included (the per-application count limit). */
async function applicationFileCount(tx: Pick<Db, "select">, applicationId: string): Promise<number> {
  return (await first(tx.select({ n: count() }).from(storedFiles).where(eq(storedFiles.applicationId, applicationId))))?.n ?? 0;
}

/**
 * Attaches an uploaded file as a lot's concept document or as an organisation document. Each
 * has one slot: a new file replaces the one there. A replaced file stays stored: a submitted
 * version may still refer to it. The count of stored files is checked in the transaction
 * that inserts the row, so uploads in parallel (or on several instances) cannot pass it.
 */
export async function attachFile(opts: {
  actor: CarrierActor;
  applicationId: string;
  target: { lotId: string } | { kind: DocumentKind };
  upload: StoredUpload;
  originalName: string;
  maxApplicationBytes: number;
  /** Most files stored for the application; default MAX_APPLICATION_FILES. */
  maxApplicationFiles?: number;
  now: Date;
  db?: Db;
}): Promise<{ fileId: string }> {
  const maxFiles = opts.maxApplicationFiles ?? MAX_APPLICATION_FILES;
  return writeTx(async (tx) => {
    const app = await editableApplication(tx, opts.actor, opts.applicationId, opts.now);
    if (opts.upload.sealedCallId && opts.upload.sealedCallId !== app.callId) {
      throw new DomainError("INVALID", "upload.refused.sealedElsewhere");
    }
    if ((await applicationFileCount(tx, app.id)) >= maxFiles) {
      throw new DomainError("INVALID", "upload.tooManyFiles", { limit: maxFiles, name: opts.originalName || { message: "upload.unnamed" } });
    }
    if ((await applicationBytes(tx, app.id, app.callId, opts.target)) + opts.upload.sizeBytes > opts.maxApplicationBytes) {
      throw new DomainError("INVALID", "upload.applicationTooLarge");
    }
    const fileId = await recordFile(tx, opts.actor, app.id, opts.upload, opts.originalName, opts.now);
    let replaced: string[] = [];
    if ("lotId" in opts.target) {
      const previous = await first(
        tx
          .select({ fileId: lotBids.conceptFileId })
          .from(lotBids)
          .where(and(eq(lotBids.applicationId, app.id), eq(lotBids.lotId, opts.target.lotId))),
      );
      replaced = previous?.fileId ? [previous.fileId] : [];
      const [updated] = await tx
        .update(lotBids)
        .set({ conceptFileId: fileId })
        .where(and(eq(lotBids.applicationId, app.id), eq(lotBids.lotId, opts.target.lotId)))
        .returning({ id: lotBids.id });
      if (!updated) throw new DomainError("NOT_FOUND", "notFound.lotNotChosen");
    } else {
      const slot = and(eq(applicationDocuments.applicationId, app.id), eq(applicationDocuments.kind, opts.target.kind));
      replaced = (await tx.delete(applicationDocuments).where(slot).returning({ fileId: applicationDocuments.storedFileId })).map((r) => r.fileId);
      await tx.insert(applicationDocuments).values({ applicationId: app.id, kind: opts.target.kind, storedFileId: fileId });
    }
    await touch(tx, app.id, opts.now);
    await appendAudit(tx, {
      at: opts.now,
      actorUserId: opts.actor.userId,
      action: "application.file-attached",
      objectType: "application",
      objectId: app.id,
      details: {
        fileId,
        sha256: opts.upload.sha256,
        target: "lotId" in opts.target ? `lot:${opts.target.lotId}` : opts.target.kind,
        ...(replaced.length ? { replaced } : {}),
      },
    });
    return { fileId };
  }, opts.db ?? defaultDb());
}

/**
 * attachFile for a file a route has just stored, under the configured limits. A refused file
 * has no row: its bytes are removed from storage at once, then the refusal is rethrown.
 */
export async function attachUploadedFile(
  opts: Omit<Parameters<typeof attachFile>[0], "maxApplicationBytes" | "maxApplicationFiles"> & { storage?: FileStorage },
): Promise<{ fileId: string }> {
  try {
    return await attachFile({ ...opts, maxApplicationBytes: MAX_APPLICATION_BYTES, maxApplicationFiles: MAX_APPLICATION_FILES });
  } catch (error) {
    if (error instanceof DomainError) await (opts.storage ?? fileStorage()).remove(opts.upload.storageKey).catch(() => {});
    throw error;
  }
}

/** Detaches a document from the working copy (the stored file is kept, see attachFile). */
export async function detachFile(opts: { actor: CarrierActor; applicationId: string; fileId: string; now: Date; db?: Db }) {
  await writeTx(async (tx) => {
    const app = await editableApplication(tx, opts.actor, opts.applicationId, opts.now);
    await tx
      .delete(applicationDocuments)
      .where(and(eq(applicationDocuments.applicationId, app.id), eq(applicationDocuments.storedFileId, opts.fileId)));
    await tx
      .update(lotBids)
      .set({ conceptFileId: null })
      .where(and(eq(lotBids.applicationId, app.id), eq(lotBids.conceptFileId, opts.fileId)));
    await touch(tx, app.id, opts.now);
    await appendAudit(tx, {
      at: opts.now,
      actorUserId: opts.actor.userId,
      action: "application.file-detached",
      objectType: "application",
      objectId: app.id,
      details: { fileId: opts.fileId },
    });
  }, opts.db ?? defaultDb());
}

export type DeclarationInput = ({ kind: "pay" } & PayFormInput) | ({ kind: "exclusion" } & ExclusionFormInput);

/**
 * Makes (or makes anew) one declaration in Textform (§ 126b BGB): the declared text as it reads
 * in German, the declaring person's name and role, and the time by the server clock. A new
 * declaration replaces the earlier one of its kind in the working copy; the audit trail keeps
 * that one was made and when, not what it says (sealed until the opening, decision 0019).
 */
export async function saveDeclaration(opts: {
  actor: CarrierActor;
  applicationId: string;
  input: DeclarationInput;
  now: Date;
  db?: Db;
}): Promise<{ errors: DeclarationFormError[] }> {
  const errors = opts.input.kind === "pay" ? payDeclarationErrors(opts.input) : exclusionDeclarationErrors(opts.input);
  if (errors.length) return { errors };
  return writeTx(async (tx) => {
    const app = await editableApplication(tx, opts.actor, opts.applicationId, opts.now);
    const declaration = declarationFrom(opts.input, opts.now);
    const key = await ensureCallKey(tx, app.callId);
    await tx
      .insert(applicationDeclarations)
      .values({ applicationId: app.id, kind: declaration.kind, content: sealDraft(key, app.callId, declaration) })
      .onConflictDoUpdate({
        target: [applicationDeclarations.applicationId, applicationDeclarations.kind],
        set: { content: sealDraft(key, app.callId, declaration) },
      });
    await touch(tx, app.id, opts.now);
    await appendAudit(tx, {
      at: opts.now,
      actorUserId: opts.actor.userId,
      action: "application.declaration-made",
      objectType: "application",
      objectId: app.id,
      details: { kind: declaration.kind },
    });
    return { errors: [] };
  }, opts.db ?? defaultDb());
}

/** The declaration with its German text (the binding wording) as declared at `now`. */
export function declarationFrom(input: DeclarationInput, now: Date): Declaration {
  const de = translator("de");
  const signature = signatureOf(input, now);
  if (input.kind === "pay") return { kind: "pay", text: de("declaration.pay.statement"), signature };
  const grounds = declaredGrounds(input);
  const text = grounds.length
    ? [de("declaration.exclusion.statementSome"), ...grounds.map((g) => `${de(groundName(g.ground))}: ${g.selfCleaning}`), de("declaration.exclusion.statementUpdate")].join("\n")
    : [de("declaration.exclusion.statementNone"), de("declaration.exclusion.statementUpdate")].join("\n");
  return { kind: "exclusion", grounds, text, signature };
}
