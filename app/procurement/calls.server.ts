// Use cases of a call: import a definition as a draft, publish it, read it for the public.
import { createHash } from "node:crypto";
import { and, asc, eq, isNull, ne } from "drizzle-orm";
import { appendAudit, canonicalJson } from "../infra/audit.server";
import { db as defaultDb, first, writeTx, type Db } from "../infra/db.server";
import { DomainError } from "../infra/errors";
import {
  amendments,
  callDocuments,
  calls,
  conceptSections,
  criteria,
  lots,
  regions,
  roles,
  scalePoints,
  staffingRules,
} from "../infra/schema";
import { criterionFields, lotPairs, textsOf, type CallDefinition } from "./call-definition";
import { criteriaOfCall } from "./criteria.server";
import type { CallView } from "./call-view";

export function definitionHash(d: CallDefinition): string {
  return createHash("sha256").update(canonicalJson(d)).digest("hex");
}

export type ImportResult = { callId: string; outcome: "created" | "updated" | "unchanged" };

/**
 * Loads a definition as a draft call, or replaces a draft of the same slug.
 * A published call is not edited in place: changes after publication are amendments.
 */
export async function importCall(opts: {
  definition: CallDefinition;
  actorUserId: string | null;
  now: Date;
  isDemo?: boolean;
  db?: Db;
}): Promise<ImportResult> {
  const { definition: d, now } = opts;
  const hash = definitionHash(d);
  return writeTx(async (tx) => {
    const existing = await first(
      tx.select({ id: calls.id, status: calls.status, definitionHash: calls.definitionHash }).from(calls).where(eq(calls.slug, d.slug)),
    );
    if (existing && existing.definitionHash === hash) {
      return { callId: existing.id, outcome: "unchanged" as const };
    }
    if (existing && existing.status !== "draft") {
      throw new DomainError("CONFLICT", "authoring.refusal.importPublished", { slug: d.slug });
    }
    if (existing) {
      // Children cascade; the call row keeps its id so links stay valid.
      for (const table of [lots, staffingRules, criteria, conceptSections, regions, roles]) {
        await tx.delete(table).where(eq(table.callId, existing.id));
      }
      // Documents uploaded in the editor (storedFileId set) belong to the call, not to its
      // definition: only the definition's own documents are replaced.
      await tx.delete(callDocuments).where(and(eq(callDocuments.callId, existing.id), isNull(callDocuments.storedFileId)));
    }
    const values = {
      slug: d.slug,
      title: d.title,
      authority: d.authority,
      department: d.department,
      status: "draft" as const,
      isDemo: opts.isDemo ?? false,
      texts: textsOf(d),
      payScale: d.payScale,
      costRule: d.costRule,
      contractTerms: d.contract,
      questionDeadline: new Date(d.dates.questionDeadline),
      submissionDeadline: new Date(d.dates.submissionDeadline),
      openingAt: new Date(d.dates.opening),
      bindingPeriodEnd: new Date(d.dates.bindingPeriodEnd),
      serviceStart: new Date(d.dates.serviceStart),
      contractEnd: new Date(d.dates.contractEnd),
      // The planned publication date; `published` is set when an officer publishes.
      publishedAt: null,
      maxLotsPerCarrier: d.maxLotsPerCarrier,
      allowLotSplit: d.allowLotSplit,
      tandemTolerancePoints: d.tandemTolerancePercentPoints,
      clientsPerFte: d.clientsPerFte,
      scaleMin: d.scale.min,
      scaleMax: d.scale.max,
      spreadThreshold: d.spreadThreshold,
      definitionHash: hash,
      definition: d as unknown as Record<string, unknown>,
      updatedAt: now,
    };
    let callId: string;
    if (existing) {
      callId = existing.id;
      await tx.update(calls).set(values).where(eq(calls.id, callId));
    } else {
      callId = (await tx.insert(calls).values(values).returning({ id: calls.id }))[0].id;
    }

    const regionIds = new Map<string, string>();
    for (const [i, r] of d.regions.entries()) {
      const [row] = await tx
        .insert(regions)
        .values({ callId, code: r.code, name: r.name, description: r.description, sortOrder: i })
        .returning({ id: regions.id });
      regionIds.set(r.code, row.id);
    }
    const roleIds = new Map<string, string>();
    for (const [i, r] of d.roles.entries()) {
      const [row] = await tx
        .insert(roles)
        .values({
          callId,
          code: r.code,
          name: r.name,
          summary: r.summary,
          tasks: r.tasks,
          qualifications: r.qualifications,
          requiresPedagogicalDegree: r.requiresPedagogicalDegree,
          payGuideline: r.payGuideline,
          minPayGroup: r.minPayGroup ?? null,
          tandemWith: r.tandemWith ?? null,
          sortOrder: i,
        })
        .returning({ id: roles.id });
      roleIds.set(r.code, row.id);
    }
    for (const [i, l] of lotPairs(d).entries()) {
      await tx.insert(lots).values({
        callId,
        number: i + 1,
        regionId: regionIds.get(l.region)!,
        roleId: roleIds.get(l.role)!,
        volumeHundredths: l.fte === undefined ? null : Math.round(l.fte * 100),
      });
    }
    for (const [i, c] of d.criteria.entries()) {
      const [row] = await tx
        .insert(criteria)
        .values({
          callId,
          ...criterionFields(c),
          sortOrder: i,
        })
        .returning({ id: criteria.id });
      const points = c.scale ?? d.scale.points;
      await tx.insert(scalePoints).values(points.map((p) => ({ criterionId: row.id, points: p.points, meaning: p.meaning })));
    }
    for (const s of d.staffingRules) {
      await tx
        .insert(staffingRules)
        .values(
          s.basis === "clientsPerFte"
            ? {
                callId,
                roleId: roleIds.get(s.role)!,
                basis: s.basis,
                clientsPerFte: s.clientsPerFte,
                targetGroup: s.targetGroup,
                sharePercent: s.sharePercent,
                explanation: s.explanation,
              }
            : {
                callId,
                roleId: roleIds.get(s.role)!,
                basis: s.basis,
                fixedFteHundredths: Math.round(s.fte * 100),
                explanation: s.explanation,
              },
        );
    }
    for (const [i, s] of d.conceptSections.entries()) {
      await tx
        .insert(conceptSections)
        .values({ callId, code: s.code, title: s.title, guidance: s.guidance, maxChars: s.maxChars, sortOrder: i, roleCodes: s.roles ?? null });
    }
    for (const [i, doc] of d.documents.entries()) {
      await tx.insert(callDocuments).values({ callId, title: doc.title, description: doc.description, url: doc.url ?? null, sortOrder: i });
    }
    await appendAudit(tx, {
      at: now,
      actorUserId: opts.actorUserId,
      action: existing ? "call.draft-replaced" : "call.imported",
      objectType: "call",
      objectId: callId,
      details: { slug: d.slug, definitionHash: hash },
    });
    return { callId, outcome: existing ? ("updated" as const) : ("created" as const) };
  }, opts.db ?? defaultDb());
}

/** Publishes a draft call. `publishedAt` defaults to now (the historic demo passes its date). */
export async function publishCall(opts: {
  slug: string;
  actorUserId: string | null;
  now: Date;
  publishedAt?: Date;
  db?: Db;
}): Promise<{ callId: string }> {
  return writeTx(async (tx) => {
    const call = await first(
      tx.select({ id: calls.id, status: calls.status, questionDeadline: calls.questionDeadline }).from(calls).where(eq(calls.slug, opts.slug)),
    );
    if (!call) throw new DomainError("NOT_FOUND", "notFound.callSlug", { slug: opts.slug });
    if (call.status !== "draft") {
      throw new DomainError("CONFLICT", "authoring.refusal.alreadyPublished", { slug: opts.slug });
    }
    const publishedAt = opts.publishedAt ?? opts.now;
    if (publishedAt.getTime() >= call.questionDeadline.getTime()) {
      throw new DomainError("CONFLICT", "authoring.refusal.publishAfterQuestionDeadline");
    }
    await tx.update(calls).set({ status: "published", publishedAt, updatedAt: opts.now }).where(eq(calls.id, call.id));
    await appendAudit(tx, {
      at: opts.now,
      actorUserId: opts.actorUserId,
      action: "call.published",
      objectType: "call",
      objectId: call.id,
      details: { slug: opts.slug, publishedAt: publishedAt.toISOString() },
    });
    return { callId: call.id };
  }, opts.db ?? defaultDb());
}

export type CallSummary = Pick<CallView, "id" | "slug" | "title" | "authority" | "status" | "isDemo" | "dates">;

/** Calls the public may see: everything but drafts. */
export async function listPublicCalls(database: Db = defaultDb()): Promise<CallSummary[]> {
  return (await database.select().from(calls).where(ne(calls.status, "draft")).orderBy(asc(calls.submissionDeadline))).map(toSummary);
}

/** All calls, drafts included, for officers. */
export async function listAllCalls(database: Db = defaultDb()): Promise<CallSummary[]> {
  return (await database.select().from(calls).orderBy(asc(calls.submissionDeadline))).map(toSummary);
}

function toSummary(c: typeof calls.$inferSelect): CallSummary {
  return {
    id: c.id,
    slug: c.slug,
    title: c.title,
    authority: c.authority,
    status: c.status,
    isDemo: c.isDemo,
    dates: datesOf(c),
  };
}

function datesOf(c: typeof calls.$inferSelect): CallView["dates"] {
  return {
    published: c.publishedAt,
    questionDeadline: c.questionDeadline,
    submissionDeadline: c.submissionDeadline,
    opening: c.openingAt,
    bindingPeriodEnd: c.bindingPeriodEnd,
    serviceStart: c.serviceStart,
    contractEnd: c.contractEnd,
  };
}

/**
 * The whole call as the public reads it. Drafts are not public: `includeDrafts` is for
 * the officer's preview only. Returns null where there is nothing to show.
 */
export async function loadCallView(slug: string, opts: { includeDrafts?: boolean; db?: Db } = {}): Promise<CallView | null> {
  const database = opts.db ?? defaultDb();
  const c = await first(
    database.select().from(calls).where(opts.includeDrafts ? eq(calls.slug, slug) : and(eq(calls.slug, slug), ne(calls.status, "draft"))),
  );
  if (!c) return null;
  const regionRows = await database.select().from(regions).where(eq(regions.callId, c.id)).orderBy(asc(regions.sortOrder));
  const roleRows = await database.select().from(roles).where(eq(roles.callId, c.id)).orderBy(asc(roles.sortOrder));
  const regionById = new Map(regionRows.map((r) => [r.id, r]));
  const roleById = new Map(roleRows.map((r) => [r.id, r]));
  const lotRows = await database.select().from(lots).where(eq(lots.callId, c.id)).orderBy(asc(lots.number));
  // The call view does not carry the sort order: the list is in it.
  const criterionList = (await criteriaOfCall(database, c.id)).map(({ sortOrder: _sortOrder, ...criterion }) => criterion);
  const staffingRows = await database.select().from(staffingRules).where(eq(staffingRules.callId, c.id));
  const sectionRows = await database
    .select({
      code: conceptSections.code,
      title: conceptSections.title,
      guidance: conceptSections.guidance,
      maxChars: conceptSections.maxChars,
      roleCodes: conceptSections.roleCodes,
    })
    .from(conceptSections)
    .where(eq(conceptSections.callId, c.id))
    .orderBy(asc(conceptSections.sortOrder));
  const documentRows = await database
    .select({ title: callDocuments.title, description: callDocuments.description, url: callDocuments.url })
    .from(callDocuments)
    // The definition's documents; uploaded files are listed by callFiles (authoring.server.ts).
    .where(and(eq(callDocuments.callId, c.id), isNull(callDocuments.storedFileId)))
    .orderBy(asc(callDocuments.sortOrder));
  const amendmentRows = await database
    .select({
      number: amendments.number,
      title: amendments.title,
      body: amendments.body,
      reason: amendments.reason,
      publishedAt: amendments.publishedAt,
    })
    .from(amendments)
    .where(eq(amendments.callId, c.id))
    .orderBy(asc(amendments.number));
  return {
    id: c.id,
    slug: c.slug,
    title: c.title,
    authority: c.authority,
    department: c.department,
    status: c.status,
    isDemo: c.isDemo,
    currency: c.currency,
    texts: c.texts,
    payScale: c.payScale,
    costRule: c.costRule,
    contractTerms: c.contractTerms,
    dates: datesOf(c),
    clientsPerFte: c.clientsPerFte,
    maxLotsPerCarrier: c.maxLotsPerCarrier,
    allowLotSplit: c.allowLotSplit,
    tandemTolerancePercentPoints: c.tandemTolerancePoints,
    scale: { min: c.scaleMin, max: c.scaleMax },
    regions: regionRows.map(({ id, code, name, description }) => ({ id, code, name, description })),
    roles: roleRows.map((r) => ({
      id: r.id,
      code: r.code,
      name: r.name,
      summary: r.summary,
      tasks: r.tasks,
      qualifications: r.qualifications,
      requiresPedagogicalDegree: r.requiresPedagogicalDegree,
      payGuideline: r.payGuideline,
      minPayGroup: r.minPayGroup,
      tandemWith: r.tandemWith,
    })),
    lots: lotRows.map((l) => {
      const region = regionById.get(l.regionId)!;
      const role = roleById.get(l.roleId)!;
      return {
        id: l.id,
        number: l.number,
        regionCode: region.code,
        regionName: region.name,
        roleCode: role.code,
        roleName: role.name,
        cancelled: l.cancelledAt !== null,
        ...(l.volumeHundredths !== null ? { volumeHundredths: l.volumeHundredths } : {}),
      };
    }),
    criteria: criterionList,
    staffingRules: staffingRows
      .map((s) => ({
        roleCode: roleById.get(s.roleId)!.code,
        basis: s.basis,
        clientsPerFte: s.clientsPerFte,
        targetGroup: s.targetGroup,
        sharePercent: s.sharePercent,
        fixedFte: s.fixedFteHundredths === null ? null : s.fixedFteHundredths / 100,
        explanation: s.explanation,
      }))
      .sort((a, b) => roleRows.findIndex((r) => r.code === a.roleCode) - roleRows.findIndex((r) => r.code === b.roleCode)),
    conceptSections: sectionRows,
    documents: documentRows,
    amendments: amendmentRows,
  };
}
