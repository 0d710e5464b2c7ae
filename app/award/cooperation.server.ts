// Kooperationserklärung: where the award splits a region's tandem across carriers
// (tandemSplit in allocation.ts), each carrier involved is asked, with the award, to declare
// in Textform (§ 126b BGB: name, function, time) that it works with the others in that
// tandem. The staffing plan warns while one is missing. Each step is audited.
import { and, eq, inArray, isNull } from "drizzle-orm";
import { appendAudit } from "../infra/audit.server";
import { db as defaultDb, first, writeTx, type Db, type Tx } from "../infra/db.server";
import { DomainError } from "../infra/errors";
import { applications, calls, cooperationDeclarations, lots, organisations, submissions } from "../infra/schema";
import type { CarrierActor } from "../submission/applications.server";
import { loadCallView } from "../procurement/calls.server";
import { tandemLots } from "../procurement/tandem";
import type { Locale } from "../i18n";
import { memberRecipients } from "../identity/carriers.server";
import { sendToEachReader } from "../infra/mail.server";
import { cooperationRequestLetter } from "../mail/letters";
import { tandemSplit } from "./allocation";
import { baseUrlOf, type SendOptions } from "./notices.server";
import { decisionsOf, type Reader } from "./records.server";

export const MAX_DECLARANT_CHARS = 200;

/**
 * Asks for the declarations of every tandem the award has decided (both lots awarded or
 * rejected) and split; an existing request is kept. Inside the award's transaction.
 * Returns the requests newly made (mailed by mailCooperationRequests after the commit).
 */
export async function requestCooperations(tx: Tx, database: Db, callId: string, now: Date): Promise<string[]> {
  const slug = (await first(tx.select({ slug: calls.slug }).from(calls).where(eq(calls.id, callId))))!.slug;
  const view = (await loadCallView(slug, { includeDrafts: true, db: database }))!;
  const decisions = await decisionsOf(tx, callId);
  const subIds = [...new Set(decisions.map((d) => d.submissionId))];
  const owners = new Map(
    subIds.length
      ? (
          await tx
            .select({ submissionId: submissions.id, organisationId: applications.organisationId, name: organisations.name })
            .from(submissions)
            .innerJoin(applications, eq(applications.id, submissions.applicationId))
            .innerJoin(organisations, eq(organisations.id, applications.organisationId))
            .where(inArray(submissions.id, subIds))
        ).map((r) => [r.submissionId, r])
      : [],
  );
  const asked: string[] = [];
  for (const t of tandemLots(view)) {
    const own = decisions.filter((d) => t.lotIds.includes(d.lotId));
    if (!own.length || own.some((d) => d.status !== "awarded" && d.status !== "rejected")) continue;
    const awards = own.map((d) => ({ lotId: d.lotId, organisationId: owners.get(d.submissionId)!.organisationId, awardedHundredths: d.status === "awarded" ? d.fteAwardedHundredths : 0 }));
    const { split, cooperation } = tandemSplit(t.lotIds, awards);
    if (!split) continue;
    const nameOf = new Map([...owners.values()].map((o) => [o.organisationId, o.name]));
    for (const organisationId of cooperation) {
      const exists = await first(
        tx
          .select({ id: cooperationDeclarations.id })
          .from(cooperationDeclarations)
          .where(and(eq(cooperationDeclarations.callId, callId), eq(cooperationDeclarations.organisationId, organisationId), eq(cooperationDeclarations.firstLotId, t.lotIds[0]))),
      );
      if (exists) continue;
      const partners = cooperation.filter((o) => o !== organisationId).map((o) => ({ organisationId: o, name: nameOf.get(o) ?? "" }));
      const [{ id }] = await tx
        .insert(cooperationDeclarations)
        .values({ callId, organisationId, firstLotId: t.lotIds[0], secondLotId: t.lotIds[1], partners, requestedAt: now })
        .returning({ id: cooperationDeclarations.id });
      await appendAudit(tx, {
        at: now,
        actorUserId: null,
        action: "award.cooperation-requested",
        objectType: "call",
        objectId: callId,
        details: { declarationId: id, organisationId, regionCode: t.regionCode, lotIds: t.lotIds, partners: partners.map((p) => p.organisationId) },
      });
      asked.push(id);
    }
  }
  return asked;
}

export type CooperationRequest = {
  id: string;
  organisationId: string;
  callTitle: string;
  callSlug: string;
  regionName: string;
  roleNames: [string, string];
  partners: string[];
  requestedAt: Date;
  declaredAt: Date | null;
  declarantName: string | null;
  declarantFunction: string | null;
};

async function requestsWhere(database: Reader, where: ReturnType<typeof and>): Promise<CooperationRequest[]> {
  const rows = await database
    .select({
      id: cooperationDeclarations.id,
      organisationId: cooperationDeclarations.organisationId,
      callId: cooperationDeclarations.callId,
      callTitle: calls.title,
      callSlug: calls.slug,
      firstLotId: cooperationDeclarations.firstLotId,
      partners: cooperationDeclarations.partners,
      requestedAt: cooperationDeclarations.requestedAt,
      declaredAt: cooperationDeclarations.declaredAt,
      declarantName: cooperationDeclarations.declarantName,
      declarantFunction: cooperationDeclarations.declarantFunction,
      organisationName: organisations.name,
    })
    .from(cooperationDeclarations)
    .innerJoin(calls, eq(calls.id, cooperationDeclarations.callId))
    .innerJoin(organisations, eq(organisations.id, cooperationDeclarations.organisationId))
    .where(where);
  const tandems = new Map<string, ReturnType<typeof tandemLots>>();
  const requests: CooperationRequest[] = [];
  for (const r of rows) {
    if (!tandems.has(r.callSlug)) tandems.set(r.callSlug, tandemLots((await loadCallView(r.callSlug, { includeDrafts: true, db: database as Db }))!));
    const t = tandems.get(r.callSlug)!.find((x) => x.lotIds[0] === r.firstLotId)!;
    // organisationName rides along for missingCooperations.
    const request = {
      id: r.id,
      organisationId: r.organisationId,
      callTitle: r.callTitle,
      callSlug: r.callSlug,
      regionName: t.regionName,
      roleNames: t.roleNames,
      partners: r.partners.map((p) => p.name),
      requestedAt: r.requestedAt,
      declaredAt: r.declaredAt,
      declarantName: r.declarantName,
      declarantFunction: r.declarantFunction,
      organisationName: r.organisationName,
    };
    requests.push(request);
  }
  return requests;
}

/** The requests addressed to one carrier, open and declared (its members' dashboard). */
export async function cooperationRequestsFor(organisationId: string, database: Db = defaultDb()): Promise<CooperationRequest[]> {
  return requestsWhere(database, and(eq(cooperationDeclarations.organisationId, organisationId)));
}

/**
 * Mails each new request to its carrier's members, after the award is committed (a failed
 * mail is logged and does not undo it; the dashboard lists the request anyway). The letter
 * names the region, the roles and the partners the award made public with its letters.
 */
export async function mailCooperationRequests(declarationIds: string[], opts: SendOptions & { db?: Db }): Promise<number> {
  if (opts.sendMails === false || declarationIds.length === 0) return 0;
  const database = opts.db ?? defaultDb();
  const base = baseUrlOf(opts);
  const rows = await requestsWhere(database, and(inArray(cooperationDeclarations.id, declarationIds)));
  let sent = 0;
  for (const r of rows) {
    const letterFor = (reader: Locale) =>
      cooperationRequestLetter({ callTitle: r.callTitle, regionName: r.regionName, roleNames: r.roleNames, partners: r.partners, requestedAt: r.requestedAt, pageUrl: base ? `${base}/traeger/kooperation/${r.id}` : undefined, baseUrl: opts.baseUrl, reader });
    sent += await sendToEachReader(await memberRecipients(database, r.organisationId), letterFor, "cooperation request");
  }
  return sent;
}

/** One request addressed to the carrier (its page); another carrier's or an unknown id is not found. */
export async function cooperationRequestFor(opts: { organisationId: string; declarationId: string; db?: Db }): Promise<CooperationRequest> {
  const [request] = await requestsWhere(opts.db ?? defaultDb(), and(eq(cooperationDeclarations.id, opts.declarationId), eq(cooperationDeclarations.organisationId, opts.organisationId)));
  if (!request) throw new DomainError("NOT_FOUND", "notFound.cooperation");
  return request;
}

/** The declarations of a call still missing, with the carrier's name (the staffing plan's warning). */
export async function missingCooperations(callId: string, database: Db = defaultDb()): Promise<(CooperationRequest & { organisationName: string })[]> {
  return (await requestsWhere(database, and(eq(cooperationDeclarations.callId, callId), isNull(cooperationDeclarations.declaredAt)))) as (CooperationRequest & { organisationName: string })[];
}

/** A member of the carrier records the declaration in Textform: name and function, at `now`. */
export async function declareCooperation(opts: { actor: CarrierActor; declarationId: string; declarantName: string; declarantFunction: string; now: Date; db?: Db }) {
  const name = opts.declarantName.trim();
  const role = opts.declarantFunction.trim();
  if (!name) throw new DomainError("INVALID", "cooperation.refusal.nameMissing", undefined, "name");
  if (!role) throw new DomainError("INVALID", "cooperation.refusal.functionMissing", undefined, "funktion");
  if (name.length > MAX_DECLARANT_CHARS) throw new DomainError("INVALID", "cooperation.refusal.tooLong", { max: MAX_DECLARANT_CHARS }, "name");
  if (role.length > MAX_DECLARANT_CHARS) throw new DomainError("INVALID", "cooperation.refusal.tooLong", { max: MAX_DECLARANT_CHARS }, "funktion");
  await writeTx(async (tx) => {
    const row = await first(
      tx
        .select({ id: cooperationDeclarations.id, callId: cooperationDeclarations.callId, declaredAt: cooperationDeclarations.declaredAt })
        .from(cooperationDeclarations)
        .where(and(eq(cooperationDeclarations.id, opts.declarationId), eq(cooperationDeclarations.organisationId, opts.actor.organisationId))),
    );
    if (!row) throw new DomainError("NOT_FOUND", "notFound.cooperation");
    if (row.declaredAt) throw new DomainError("CONFLICT", "cooperation.refusal.alreadyDeclared");
    await tx
      .update(cooperationDeclarations)
      .set({ declaredAt: opts.now, declaredByUserId: opts.actor.userId, declarantName: name, declarantFunction: role })
      .where(eq(cooperationDeclarations.id, row.id));
    await appendAudit(tx, {
      at: opts.now,
      actorUserId: opts.actor.userId,
      action: "award.cooperation-declared",
      objectType: "call",
      objectId: row.callId,
      details: { declarationId: row.id, organisationId: opts.actor.organisationId, declarantName: name, declarantFunction: role },
    });
  }, opts.db ?? defaultDb());
}
