// Retention and deletion (decision 0036) against a real database and stored files: the
// awarded scenario (tests/support/award.ts) has Alpha, Beta and Gamma awarded and Delta
// excluded, so Delta's bid is the one not awarded. Its retention date: the award on
// 2026-12-25 and the contracts' end (the demo call's contract end) plus three years, the later.
import fs from "node:fs";
import path from "node:path";
import { and, eq, isNotNull, sql } from "drizzle-orm";
import { afterEach, beforeEach, expect, it } from "vitest";
import { loadCallOutcome, loadCallResult } from "../../app/award/result.server";
import { contractsOfCall } from "../../app/contracts/contracts.server";
import { buildEvaluationReport } from "../../app/evaluation/report.server";
import { listPublishedQuestions } from "../../app/procurement/questions.server";
import { verifyAuditTrail } from "../../app/infra/audit-verify.server";
import { closeDatabaseAndWait, first, openPostgres, positionIn, rowsOf, runSql, writeTx, type Db } from "../../app/infra/db.server";
import { findOrphans } from "../../app/infra/orphans.server";
import { callKeyOf } from "../../app/infra/sealing.server";
import { appendAudit } from "../../app/infra/audit.server";
import { recordStoredFile } from "../../app/infra/stored-files.server";
import {
  auditEntries,
  awardDecisions,
  calls,
  documentJobs,
  organisations,
  questions,
  retentionDeletions,
  storedFiles,
  submissions,
  users,
} from "../../app/infra/schema";
import type { FileStorage } from "../../app/infra/storage.server";
import { setAccountDisabled } from "../../app/identity/staff-accounts.server";
import { callRetentionView, planRetention, retentionDateOf, runRetention, setRetentionOverride } from "../../app/retention/retention.server";
import { fileForActor } from "../../app/submission/access.server";
import { openSubmissionContent } from "../../app/submission/sealed-content.server";
import { AWARDED_AT, copyOfAwardedScenario, copyOfAwardScenario, type AwardScenario } from "../support/award";
import { tempDemoDatabase } from "../support/demo-db";
import { storePdf } from "../support/factories";
import { submitStoredBid } from "../support/stored-bids";
import { refusalCodeAsync } from "../support/refusals";
import { databaseHash as hashOf } from "../support/database-hash";
import { testDialect, type TempDb } from "../support/temp-db";

const YEARS = 3;
let t: TempDb;
let db: Db;
let storage: FileStorage;
let s: AwardScenario;
/** The retention date, worked out here from the contracts' end and the award. */
let due: Date;

beforeEach(async () => {
  ({ t, storage, s } = await copyOfAwardedScenario({ realFiles: true }));
  db = t.db;
  const end = s.call.dates.contractEnd;
  const later = end.getTime() > AWARDED_AT.awarded.getTime() ? end : AWARDED_AT.awarded;
  due = new Date(Date.UTC(later.getUTCFullYear() + 3, later.getUTCMonth(), later.getUTCDate(), later.getUTCHours(), later.getUTCMinutes(), later.getUTCSeconds(), later.getUTCMilliseconds()));
});
afterEach(() => t.cleanup());

const after = () => new Date(due.getTime() + 24 * 3600_000);
const filesDir = () => path.join(t.dir, "files");
const applicationOf = async (name: string) =>
  (await first(db.select({ applicationId: submissions.applicationId }).from(submissions).where(eq(submissions.id, s.sub(name)))))!.applicationId;
const filesOf = async (name: string) => db.select().from(storedFiles).where(eq(storedFiles.applicationId, await applicationOf(name)));
/** Where the local storage keeps a file (app/infra/storage.server.ts). */
const diskPath = (storageKey: string) => path.join(filesDir(), storageKey.slice(0, 2), storageKey);
const onDisk = (storageKey: string) => fs.existsSync(diskPath(storageKey));
const snapshotOf = async (name: string) => {
  const row = (await first(db.select({ sealed: submissions.sealedContent }).from(submissions).where(eq(submissions.id, s.sub(name)))))!;
  const key = await callKeyOf(db, s.call.id);
  return openSubmissionContent(row.sealed, s.call.id, () => key);
};
const deltaActor = () => ({ role: "carrier" as const, ...s.bidders["Delta e. V."].actor });
const databaseHash = () => hashOf(t);
/**
 * Runs `fn` as someone with full access to the database: on SQLite whoever has the file (the
 * test's own handle); on PostgreSQL the owner of the tables, since the application's role may
 * neither drop a trigger nor update the audit trail's other columns (decision 0042).
 */
async function asOwner<T>(fn: (owner: Db) => Promise<T>): Promise<T> {
  if (t.dialect === "sqlite") return fn(db);
  const owner = openPostgres(t.postgres!.ownerUrl, { max: 1 });
  try {
    return await fn(owner);
  } finally {
    await closeDatabaseAndWait(owner);
  }
}
/** An entry of the call's trail outside the Vergabevermerk's timeline that names the person (as a contact of the call would). */
const nameInCallTrail = async (userId: string) => {
  const person = (await first(db.select({ name: users.name, email: users.email }).from(users).where(eq(users.id, userId))))!;
  await writeTx(
    (tx) => appendAudit(tx, { at: AWARDED_AT.built, actorUserId: null, action: "call.contact-changed", objectType: "call", objectId: s.call.id, details: { contact: person.name, email: person.email } }),
    db,
  );
};

it("computes the retention date from the later of award and contract end, plus three years", async () => {
  expect(await retentionDateOf(db, s.call.id, YEARS)).toEqual({ date: due, source: "computed" });
});

it("lists in a dry run exactly what the run removes, changing neither the database nor a file", async () => {
  const before = await databaseHash();
  const plan = await planRetention({ now: after(), years: YEARS, db });
  expect(await databaseHash()).toBe(before);
  expect((await filesOf("Delta e. V.")).every((f) => onDisk(f.storageKey))).toBe(true);

  const [call] = plan.calls;
  expect(plan.calls).toHaveLength(1);
  expect(call.slug).toBe(s.call.slug);
  expect(call.bids.map((b) => b.organisationName)).toEqual(["Delta e. V."]);
  const deltaFiles = await filesOf("Delta e. V.");
  expect(deltaFiles.length).toBeGreaterThan(0);
  expect(call.bids[0].files.map((f) => f.id).sort()).toEqual(deltaFiles.map((f) => f.id).sort());
  expect(call.bids[0].bytes).toBe(deltaFiles.reduce((n, f) => n + f.sizeBytes, 0));
  expect(call.bids[0].submissionIds).toEqual([s.sub("Delta e. V.")]);

  const result = await runRetention({ now: after(), years: YEARS, db, storage });
  const deleted = await db.select().from(retentionDeletions).where(eq(retentionDeletions.callId, s.call.id));
  expect(deleted.filter((d) => d.kind === "file").map((d) => d.objectId).sort()).toEqual(call.bids[0].files.map((f) => f.id).sort());
  expect(deleted.filter((d) => d.kind === "bid-content").map((d) => d.objectId)).toEqual(call.bids[0].submissionIds);
  expect(result.calls).toEqual([{ slug: s.call.slug, files: deltaFiles.length, bytes: call.bids[0].bytes, submissions: 1 }]);
});

it("deletes the files and personal data of the bid without award and keeps the awards, contract values, Vergabevermerk and public result", async () => {
  const resultBefore = await loadCallResult(s.call.slug, { db });
  const outcomeBefore = await loadCallOutcome(s.call.id, { db });
  const contractsBefore = await contractsOfCall(s.call.id, db);
  const awardsBefore = await db.select().from(awardDecisions);
  const { timeline: _t1, generatedAt: _g1, audit: _a1, ...reportBefore } = await buildEvaluationReport({ officerUserId: s.officerB, callSlug: s.call.slug, now: after(), db });
  const kept = [...(await filesOf("Alpha e. V.")), ...(await filesOf("Beta e. V.")), ...(await filesOf("Gamma e. V."))];
  expect((await snapshotOf("Delta e. V.")).declarations).toBeTruthy();
  const [someDeltaFile] = await filesOf("Delta e. V.");
  expect((await fileForActor({ actor: deltaActor(), fileId: someDeltaFile.id, db })).id).toBe(someDeltaFile.id);

  await runRetention({ now: after(), years: YEARS, db, storage });

  // Delta: no bytes, rows marked (size and hash stay as the record), names cleared.
  for (const f of await filesOf("Delta e. V.")) {
    expect(onDisk(f.storageKey)).toBe(false);
    expect(f).toMatchObject({ deletedAt: after(), originalName: "" });
    // Its carrier asks for it: not found, as a file never stored (not a failed read).
    expect(await refusalCodeAsync(async () => fileForActor({ actor: deltaActor(), fileId: f.id, db }))).toBe("NOT_FOUND: notFound.file");
  }
  const delta = await snapshotOf("Delta e. V.");
  expect(delta.deletedByRetentionAt).toBe(after().toISOString());
  expect(delta.declarations).toBeUndefined();
  expect(delta.lots.flatMap((l) => l.concept.map((c) => c.text))).toEqual(delta.lots.flatMap((l) => l.concept.map(() => "")));
  expect(delta.lots.flatMap((l) => l.posts.map((p) => p.qualification))).toEqual(delta.lots.flatMap((l) => l.posts.map(() => "")));
  expect(delta.documents.every((d) => d.file.name === "")).toBe(true);
  // What the ranking computes from stays: the offered FTE and the cost plan.
  expect(delta.lots.map((l) => [l.posts.reduce((n, p) => n + p.fteHundredths, 0), l.costPlan])).toEqual([[300, { personnelCostPerFteCents: 5_000_000, materialCostCents: 100_000, overheadCents: 100_000 }]]);

  // The awarded bids keep everything, Gamma's lot without award included.
  expect(kept.every((f) => onDisk(f.storageKey) && f.deletedAt === null)).toBe(true);
  expect((await snapshotOf("Gamma e. V.")).deletedByRetentionAt).toBeUndefined();
  expect((await snapshotOf("Gamma e. V.")).declarations).toBeTruthy();

  // The record: awards, contracts and their values, the public result and open data, the Vergabevermerk.
  expect(await db.select().from(awardDecisions)).toEqual(awardsBefore);
  expect(await contractsOfCall(s.call.id, db)).toEqual(contractsBefore);
  expect(await loadCallResult(s.call.slug, { db })).toEqual(resultBefore);
  expect(await loadCallOutcome(s.call.id, { db })).toEqual(outcomeBefore);
  const { timeline: _t2, generatedAt: _g2, audit: _a2, ...reportAfter } = await buildEvaluationReport({ officerUserId: s.officerB, callSlug: s.call.slug, now: after(), db });
  expect(reportAfter).toEqual(reportBefore);

  const verified = await verifyAuditTrail({ db, dataDir: t.dir });
  expect(verified.fileProblems).toEqual([]);
  expect(verified.firstBroken).toBeNull();
  expect(verified.ok).toBe(true);
  expect(await findOrphans(db, filesDir())).toMatchObject({ filesWithoutRows: [], rowsWithoutFiles: [] });
  expect(await db.select().from(auditEntries).where(eq(auditEntries.action, "retention.call-done"))).toHaveLength(1);
});

it("takes the asker off a question and keeps its published wording and answer", async () => {
  const gamma = s.bidders["Gamma e. V."].actor;
  // Asked and answered during the call (the scenario is past its question window: written as askQuestion and answerQuestion write).
  const [{ id: questionId }] = await writeTx(
    (tx) =>
      tx
        .insert(questions)
        .values({ callId: s.call.id, askedByUserId: gamma.userId, organisationId: gamma.organisationId, body: "Frage von Gisela Gamma-Beispiel: Gilt die Frist auch für Nachweise?", askedAt: AWARDED_AT.built, publicQuestion: "Gilt die Frist auch für Nachweise?", answer: "Ja.", answeredByUserId: s.officerA, publishedAt: AWARDED_AT.built })
        .returning({ id: questions.id }),
    db,
  );
  const published = await listPublishedQuestions(s.call.id, db);

  await runRetention({ now: after(), years: YEARS, db, storage });

  expect(await first(db.select({ asker: questions.askedByUserId, body: questions.body }).from(questions).where(eq(questions.id, questionId)))).toEqual({ asker: null, body: "" });
  expect(await listPublishedQuestions(s.call.id, db)).toEqual(published);
});

it("anonymises a leaver once every call of their time is done, redacting their name in the audit trail by its kept hash", async () => {
  const leaver = (await first(db.select().from(users).where(eq(users.id, s.officerA))))!;
  await nameInCallTrail(s.officerA);
  // The Vergabevermerk's timeline reads award.approved and award.awarded, which name the proposer: those keep the name.
  const mentions = async (text: string) =>
    (await rowsOf<{ n: number }>(db, sql`SELECT count(*) AS n FROM audit_entries WHERE ${positionIn(db, sql`details`, text)} > 0 AND action NOT IN ('award.approved', 'award.awarded')`))[0].n;
  expect(await mentions(leaver.name)).toBeGreaterThan(0);
  // The leaver's account was disabled (account administration) after the award.
  await writeTx(async (tx) => {
    await tx.update(users).set({ disabledAt: new Date(AWARDED_AT.awarded.getTime() + 3600_000) }).where(eq(users.id, s.officerA));
  }, db);

  expect((await planRetention({ now: new Date(due.getTime() - 1), years: YEARS, db })).accounts).toEqual([]);
  expect((await planRetention({ now: after(), years: YEARS, db })).accounts).toEqual([{ userId: s.officerA, role: "officer" }]);
  const result = await runRetention({ now: after(), years: YEARS, db, storage });

  expect(result.accounts).toBe(1);
  const anonymised = (await first(db.select().from(users).where(eq(users.id, s.officerA))))!;
  expect(anonymised).toMatchObject({ name: "", email: `anonymisiert-${s.officerA}@invalid`, passwordHash: "!", totpSecretSealed: null, anonymisedAt: after() });
  expect(await mentions(leaver.name)).toBe(0);
  expect(await mentions(leaver.email)).toBe(0);
  const redacted = await db.select().from(auditEntries).where(isNotNull(auditEntries.redactedAt));
  expect(redacted.length).toBe(result.auditEntriesRedacted);
  expect(redacted.every((e) => e.details === '{"redacted":true}')).toBe(true);
  expect((await verifyAuditTrail({ db, dataDir: t.dir })).ok).toBe(true);
});

it("keeps every step of the Vergabevermerk's timeline, the proposer's name included, when the proposer is anonymised", async () => {
  await writeTx(async (tx) => {
    await tx.update(users).set({ disabledAt: new Date(AWARDED_AT.awarded.getTime() + 3600_000) }).where(eq(users.id, s.officerA));
  }, db);
  const { generatedAt: _g1, audit: _a1, ...before } = await buildEvaluationReport({ officerUserId: s.officerB, callSlug: s.call.slug, now: after(), db });
  const proposedBy = before.timeline.filter((e) => e.action === "award.approved" || e.action === "award.awarded").map((e) => e.subject.proposedBy);
  expect(proposedBy.length).toBeGreaterThan(0);
  expect(proposedBy.every(Boolean)).toBe(true);

  const result = await runRetention({ now: after(), years: YEARS, db, storage });

  expect(result.accounts).toBe(1);
  const { generatedAt: _g2, audit: _a2, ...afterRun } = await buildEvaluationReport({ officerUserId: s.officerB, callSlug: s.call.slug, now: after(), db });
  // The actor's name comes from the account (cleared with it); the steps and what their details say stay.
  const steps = (timeline: typeof before.timeline) => timeline.map(({ actor: _actor, ...e }) => e);
  expect(steps(afterRun.timeline)).toEqual(steps(before.timeline));
});

it("redacts a leaver's name only in entries of the calls of their time and of the account, not in the rest of the trail", async () => {
  const leaver = (await first(db.select().from(users).where(eq(users.id, s.officerA))))!;
  await writeTx(async (tx) => {
    await tx.update(users).set({ disabledAt: new Date(AWARDED_AT.awarded.getTime() + 3600_000) }).where(eq(users.id, s.officerA));
  }, db);
  // An entry about something of no call of theirs that happens to carry the name.
  const elsewhere = await writeTx(
    (tx) => appendAudit(tx, { at: AWARDED_AT.awarded, actorUserId: null, action: "settings.changed", objectType: "setting", objectId: "imprint", details: { contact: leaver.name } }),
    db,
  );
  await runRetention({ now: after(), years: YEARS, db, storage });
  const kept = (await first(db.select().from(auditEntries).where(eq(auditEntries.action, "settings.changed"))))!;
  expect(kept.redactedAt).toBeNull();
  expect(JSON.parse(kept.details)).toEqual({ contact: leaver.name });
  expect(elsewhere).toBeDefined();
});

it("anonymises a disabled account in no call only after RETENTION_ACCOUNT_DAYS, and refuses to enable it again after", async () => {
  const [{ id: userId }] = await writeTx(
    (tx) =>
      tx
        .insert(users)
        .values({ email: "kurzzeit@example.org", name: "Karla Kurzzeit", role: "officer", passwordHash: "x", disabledAt: after(), emailConfirmedAt: AWARDED_AT.built })
        .returning({ id: users.id }),
    db,
  );
  const dayAfter = new Date(after().getTime() + 24 * 3600_000);
  expect((await planRetention({ now: dayAfter, years: YEARS, db })).accounts.map((a) => a.userId)).not.toContain(userId);
  // Account administration may still enable it: the next run leaves it alone.
  await runRetention({ now: dayAfter, years: YEARS, db, storage });
  expect((await first(db.select({ at: users.anonymisedAt }).from(users).where(eq(users.id, userId))))!.at).toBeNull();

  const ninetyDays = new Date(after().getTime() + 90 * 24 * 3600_000);
  expect((await planRetention({ now: new Date(ninetyDays.getTime() - 1), years: YEARS, db })).accounts.map((a) => a.userId)).not.toContain(userId);
  expect((await planRetention({ now: ninetyDays, years: YEARS, db, accountDays: 90 })).accounts.map((a) => a.userId)).toContain(userId);
  await runRetention({ now: ninetyDays, years: YEARS, db, storage });
  expect((await first(db.select({ at: users.anonymisedAt }).from(users).where(eq(users.id, userId))))!.at).toEqual(ninetyDays);
  expect(await refusalCodeAsync(async () => setAccountDisabled({ actor: { kind: "cli" }, userId, disabled: false, now: ninetyDays, db }))).toBe("CONFLICT: retention.refusal.accountAnonymised");
  expect((await first(db.select({ at: users.disabledAt }).from(users).where(eq(users.id, userId))))!.at).toEqual(after());
});

it("clears an organisation's contact that named the carrier member it anonymises", async () => {
  const member = s.bidders["Delta e. V."].actor;
  const contactBefore = (await first(db.select().from(organisations).where(eq(organisations.id, member.organisationId))))!;
  const person = (await first(db.select().from(users).where(eq(users.id, member.userId))))!;
  expect(contactBefore.contactEmail.toLowerCase()).toBe(person.email.toLowerCase());
  await writeTx(async (tx) => {
    await tx.update(users).set({ disabledAt: new Date(AWARDED_AT.awarded.getTime() + 3600_000) }).where(eq(users.id, member.userId));
  }, db);

  await runRetention({ now: after(), years: YEARS, db, storage });

  expect((await first(db.select({ at: users.anonymisedAt }).from(users).where(eq(users.id, member.userId))))!.at).toEqual(after());
  expect(await first(db.select({ name: organisations.contactName, email: organisations.contactEmail, phone: organisations.contactPhone }).from(organisations).where(eq(organisations.id, member.organisationId)))).toEqual({
    name: "",
    email: "",
    phone: null,
  });
  // Another carrier's contact stays.
  const alpha = s.bidders["Alpha e. V."].actor.organisationId;
  expect((await first(db.select({ email: organisations.contactEmail }).from(organisations).where(eq(organisations.id, alpha))))!.email).not.toBe("");
});

it("deletes the call's stored case files and makes their jobs start again, keeping the stored Vergabevermerk", async () => {
  const stored = async (kind: "case-file" | "evaluation-report") => {
    const saved = await storePdf(storage, `${kind} of the call`);
    return writeTx(async (tx) => {
      const fileId = await recordStoredFile(tx, saved, { originalName: `${kind}.bin`, uploadedByUserId: s.officerA, organisationId: null });
      const [job] = await tx
        .insert(documentJobs)
        .values({ kind, callId: s.call.id, stateKey: `state-${kind}`, status: "done", stage: "saving", runner: "test", heartbeatAt: after(), startedAt: after(), finishedAt: after(), requestedByUserId: s.officerA, storedFileId: fileId })
        .returning({ id: documentJobs.id });
      return { fileId, jobId: job.id, storageKey: saved.storageKey };
    }, db);
  };
  const caseFile = await stored("case-file");
  const report = await stored("evaluation-report");
  expect((await planRetention({ now: after(), years: YEARS, db })).calls[0].caseFiles.map((c) => c.fileId)).toEqual([caseFile.fileId]);

  await runRetention({ now: after(), years: YEARS, db, storage });

  expect(onDisk(caseFile.storageKey)).toBe(false);
  expect(await first(db.select({ deletedAt: storedFiles.deletedAt, name: storedFiles.originalName }).from(storedFiles).where(eq(storedFiles.id, caseFile.fileId)))).toEqual({ deletedAt: after(), name: "" });
  expect(await first(db.select({ status: documentJobs.status, file: documentJobs.storedFileId }).from(documentJobs).where(eq(documentJobs.id, caseFile.jobId)))).toEqual({ status: "superseded", file: null });
  expect(await db.select().from(retentionDeletions).where(and(eq(retentionDeletions.kind, "case-file"), eq(retentionDeletions.objectId, caseFile.fileId)))).toHaveLength(1);
  // The Vergabevermerk is the record: it stays.
  expect(onDisk(report.storageKey)).toBe(true);
  expect(await first(db.select({ status: documentJobs.status, file: documentJobs.storedFileId }).from(documentJobs).where(eq(documentJobs.id, report.jobId)))).toEqual({ status: "done", file: report.fileId });
  expect(await findOrphans(db, filesDir())).toMatchObject({ filesWithoutRows: [], rowsWithoutFiles: [] });
});

it("fails audit:verify when a redacted entry's object was changed, though its hash is the recorded one", async () => {
  await nameInCallTrail(s.officerA);
  await writeTx(async (tx) => {
    await tx.update(users).set({ disabledAt: new Date(AWARDED_AT.awarded.getTime() + 3600_000) }).where(eq(users.id, s.officerA));
  }, db);
  await runRetention({ now: after(), years: YEARS, db, storage });
  const victim = (await first(db.select().from(auditEntries).where(isNotNull(auditEntries.redactedAt))))!;
  // Someone with the database file, or on PostgreSQL the tables' owner (the append-only trigger
  // dropped), moves the redacted entry to another object.
  await asOwner(async (owner) => {
    const dropTrigger = testDialect() === "postgres" ? sql`DROP TRIGGER audit_entries_no_update ON audit_entries` : sql`DROP TRIGGER audit_entries_no_update`;
    await writeTx((tx) => runSql(tx, dropTrigger), owner);
    await writeTx(async (tx) => {
      await tx.update(auditEntries).set({ objectId: "another-object" }).where(eq(auditEntries.seq, victim.seq));
    }, owner);
  });
  const report = await verifyAuditTrail({ db, dataDir: t.dir });
  expect(report.ok).toBe(false);
  expect(report.firstBroken?.seq).toBe(victim.seq);
});

it("fails audit:verify on a redaction that no retention entry records", async () => {
  const victim = (await first(db.select({ seq: auditEntries.seq }).from(auditEntries).where(eq(auditEntries.action, "award.awarded"))))!;
  // The trigger lets a redaction through; only the chain can tell that nobody recorded it.
  await writeTx(async (tx) => {
    await tx.update(auditEntries).set({ details: '{"redacted":true}', redactedAt: after() }).where(eq(auditEntries.seq, victim.seq));
  }, db);
  const report = await verifyAuditTrail({ db, dataDir: t.dir });
  expect(report.ok).toBe(false);
  expect(report.firstBroken?.seq).toBe(victim.seq);
  const rewrite = (database: Db) =>
    writeTx(async (tx) => {
      await tx.update(auditEntries).set({ action: "award.other" }).where(eq(auditEntries.seq, victim.seq + 1));
    }, database);
  if (testDialect() === "postgres") {
    // The application's role may update only details and redacted_at: the grant refuses first.
    await expect(rewrite(db)).rejects.toThrow(/permission denied for table audit_entries/);
  }
  // Whoever may write the column (on SQLite the application, on PostgreSQL the owner) meets the trigger.
  await expect(asOwner(rewrite)).rejects.toThrow(/append-only/);
});

it("leaves a call untouched until its retention date, and a second run does nothing", async () => {
  const before = await databaseHash();
  const early = await runRetention({ now: new Date(due.getTime() - 1), years: YEARS, db, storage });
  expect(early.calls).toEqual([]);
  expect((await filesOf("Delta e. V.")).every((f) => onDisk(f.storageKey) && f.deletedAt === null)).toBe(true);
  expect((await snapshotOf("Delta e. V.")).deletedByRetentionAt).toBeUndefined();
  expect(before).not.toBe(await databaseHash()); // the run itself is recorded (retention_runs)

  await runRetention({ now: due, years: YEARS, db, storage });
  const entries = (await db.select().from(auditEntries)).length;
  const deletions = (await db.select().from(retentionDeletions)).length;
  expect((await planRetention({ now: after(), years: YEARS, db })).calls).toEqual([]);
  const again = await runRetention({ now: after(), years: YEARS, db, storage });
  expect(again).toMatchObject({ calls: [], accounts: 0, auditEntriesRedacted: 0 });
  expect((await db.select().from(auditEntries)).length).toBe(entries);
  expect((await db.select().from(retentionDeletions)).length).toBe(deletions);
  expect((await verifyAuditTrail({ db, dataDir: t.dir })).ok).toBe(true);
});

it("removes at the next run the bytes a crash left behind after the rows were committed", async () => {
  const [file] = await filesOf("Delta e. V.");
  const bytes = fs.readFileSync(diskPath(file.storageKey));
  await runRetention({ now: after(), years: YEARS, db, storage });
  // As if the process had died between the commit and the removal of this file.
  fs.mkdirSync(path.dirname(diskPath(file.storageKey)), { recursive: true });
  fs.writeFileSync(diskPath(file.storageKey), bytes);
  expect((await findOrphans(db, filesDir())).filesWithoutRows).toEqual([file.storageKey]);
  const again = await runRetention({ now: after(), years: YEARS, db, storage });
  expect(again.filesRemoved).toBeGreaterThanOrEqual(1);
  expect((await findOrphans(db, filesDir())).filesWithoutRows).toEqual([]);
});

it("gives a call not yet decided no retention date: an officer's date is refused, and a date set anyway deletes nothing", async () => {
  const undecided = await copyOfAwardScenario(AWARDED_AT.built, { realFiles: true });
  try {
    const udb = undecided.t.db;
    const callId = undecided.s.call.id;
    expect(
      await refusalCodeAsync(() => setRetentionOverride({ officerUserId: undecided.s.officerA, callId, until: new Date("2027-06-30T21:59:59Z"), reason: "Aufräumen.", now: AWARDED_AT.built, db: udb })),
    ).toBe("CONFLICT: retention.refusal.undecided");
    // As an earlier version let an officer do: a date on the running call.
    await writeTx(async (tx) => {
      await tx.update(calls).set({ retentionUntil: new Date("2027-06-30T21:59:59Z") }).where(eq(calls.id, callId));
    }, udb);
    expect(await retentionDateOf(udb, callId, YEARS)).toBeNull();
    const run = await runRetention({ now: new Date("2028-01-01T00:00:00Z"), years: YEARS, db: udb, storage: undecided.storage });
    expect(run.calls).toEqual([]);
    expect(await udb.select().from(storedFiles).where(isNotNull(storedFiles.deletedAt))).toEqual([]);
  } finally {
    undecided.t.cleanup();
  }
});

it("shows no count of bids, files or bytes for a call not opened, even once its retention date is known", async () => {
  const now = new Date("2026-11-25T10:00:00Z");
  const demo = await tempDemoDatabase(now);
  try {
    await submitStoredBid({ db: demo.db, dataDir: demo.dir, name: "Anna", now });
    const call = (await first(demo.db.select({ id: calls.id }).from(calls).where(eq(calls.slug, "dresden-2017-demo"))))!;
    // Cancelled before its opening (Aufhebung): the retention date follows from it.
    await writeTx(async (tx) => {
      await tx.update(calls).set({ cancelledAt: now }).where(eq(calls.id, call.id));
    }, demo.db);
    const view = (await callRetentionView({ callId: call.id, now, years: YEARS, db: demo.db }))!;
    expect(view.retention?.source).toBe("computed");
    expect({ bids: view.bids, files: view.files, bytes: view.bytes }).toEqual({ bids: null, files: null, bytes: null });
  } finally {
    demo.cleanup();
  }
});

it("keeps a call longer at an officer's date, audited, and refuses a date before the legal minimum", async () => {
  const minimum = AWARDED_AT.awarded.getTime() > s.call.dates.contractEnd.getTime() ? AWARDED_AT.awarded : s.call.dates.contractEnd;
  expect(
    await refusalCodeAsync(() => setRetentionOverride({ officerUserId: s.officerA, callId: s.call.id, until: new Date(minimum.getTime() - 1), reason: "Zu früh.", now: AWARDED_AT.awarded, db })),
  ).toBe("CONFLICT: retention.refusal.beforeMinimum");
  expect(await refusalCodeAsync(() => setRetentionOverride({ officerUserId: s.officerA, callId: s.call.id, until: after(), reason: " ", now: AWARDED_AT.awarded, db }))).toBe(
    "CONFLICT: retention.refusal.reasonMissing",
  );
  const later = new Date(due.getTime() + 365 * 24 * 3600_000);
  await setRetentionOverride({ officerUserId: s.officerA, callId: s.call.id, until: later, reason: "Nachprüfungsverfahren anhängig.", now: AWARDED_AT.awarded, db });
  expect(await retentionDateOf(db, s.call.id, YEARS)).toEqual({ date: later, source: "override" });
  expect((await planRetention({ now: after(), years: YEARS, db })).calls).toEqual([]);
  const entry = (await first(db.select().from(auditEntries).where(eq(auditEntries.action, "retention.date-set"))))!;
  expect(JSON.parse(entry.details)).toEqual({ until: later.toISOString(), previous: null, reason: "Nachprüfungsverfahren anhängig." });
  expect(entry.actorUserId).toBe(s.officerA);
});
