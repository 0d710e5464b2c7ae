// The formal check of exclusion grounds (decision 0019): the officer records a finding per
// ground of §§ 123, 124 GWB against the carrier's declaration (a new row per change, so the
// history stays); a finding "exclude" excludes the whole submission with an exclusion that
// names its ground. Only counting versions of an opened call; audited in the same transaction.
import { and, eq, isNull, sql } from "drizzle-orm";
import { appendAudit } from "../infra/audit.server";
import { db as defaultDb, first, writeTx, type Db, type Reader } from "../infra/db.server";
import { DomainError } from "../infra/errors";
import { translator } from "../i18n";
import { exclusionGroundFindings, exclusions, users } from "../infra/schema";
import { readSubmittedContent } from "../submission/access.server";
import { exclusionGrounds, groundName, type ExclusionDeclaration, type ExclusionGround } from "../submission/declarations";
import { assertCheckable, beginFormalCheck, checkableSubmission } from "./formal-check.server";
import { changedFindings, exclusionFromFindings, findingErrors, latestFindings, type GroundFindingInput, type RecordedFinding } from "./ground-check";
import { requireOfficer } from "./opening.server";

async function recordedFindings(database: Reader, submissionId: string): Promise<RecordedFinding[]> {
  return database
    .select({
      ground: exclusionGroundFindings.ground,
      finding: exclusionGroundFindings.finding,
      note: exclusionGroundFindings.note,
      checkedByName: users.name,
      checkedAt: exclusionGroundFindings.checkedAt,
      seq: sql<number>`"exclusion_ground_findings"."rowid"`,
    })
    .from(exclusionGroundFindings)
    .innerJoin(users, eq(users.id, exclusionGroundFindings.checkedByUserId))
    .where(eq(exclusionGroundFindings.submissionId, submissionId));
}

/**
 * Records the officer's findings on exclusion grounds of one submission. Refused as a whole
 * when one is unknown or a ground that applies has no note. When a ground is found to exclude
 * and the submission is not yet excluded as a whole, excludes it naming that ground.
 */
export async function recordGroundFindings(opts: {
  officerUserId: string;
  submissionId: string;
  findings: GroundFindingInput[];
  now: Date;
  db?: Db;
}): Promise<{ recorded: number; exclusionId: string | null }> {
  const errors = findingErrors(opts.findings);
  if (errors.length) throw new DomainError("INVALID", errors[0].key as "groundCheck.error.noteRequired");
  return writeTx(async (tx) => {
    const officer = await requireOfficer(tx, opts.officerUserId);
    const target = await checkableSubmission(tx, opts.submissionId);
    assertCheckable(target);
    const entries = opts.findings.map((f) => ({ ...f, note: f.note.trim() }));
    const changed = changedFindings(entries, await recordedFindings(tx, target.submissionId));
    if (changed.length) await beginFormalCheck(tx, target, officer.id, opts.now);
    for (const f of changed) {
      await tx
        .insert(exclusionGroundFindings)
        .values({ submissionId: target.submissionId, ground: f.ground, finding: f.finding, note: f.note, checkedByUserId: officer.id, checkedAt: opts.now });
      await appendAudit(tx, {
        at: opts.now,
        actorUserId: officer.id,
        action: "formal-check.ground-finding",
        objectType: "submission",
        objectId: target.submissionId,
        details: { ground: f.ground, finding: f.finding, note: f.note },
      });
    }
    const de = translator("de");
    const exclusion = exclusionFromFindings(latestFindings(await recordedFindings(tx, target.submissionId)), (g) => de(groundName(g)));
    let exclusionId: string | null = null;
    const whole = await first(
      tx
        .select({ id: exclusions.id })
        .from(exclusions)
        .where(and(eq(exclusions.submissionId, target.submissionId), isNull(exclusions.lotId))),
    );
    if (exclusion && !whole) {
      [{ id: exclusionId }] = await tx
        .insert(exclusions)
        .values({ submissionId: target.submissionId, lotId: null, reason: exclusion.reason, ground: exclusion.ground, decidedByUserId: officer.id, decidedAt: opts.now })
        .returning({ id: exclusions.id });
      await appendAudit(tx, {
        at: opts.now,
        actorUserId: officer.id,
        action: "formal-check.excluded",
        objectType: "submission",
        objectId: target.submissionId,
        details: { exclusionId, lotId: null, ground: exclusion.ground, reason: exclusion.reason },
      });
    }
    return { recorded: changed.length, exclusionId };
  }, opts.db ?? defaultDb());
}

export type GroundCheckView = {
  declaration: ExclusionDeclaration | null;
  grounds: { ground: ExclusionGround; declared: { selfCleaning: string } | null; recorded: RecordedFinding | null }[];
};

/** The carrier's exclusion declaration (read through the access rules: only after the opening) and the findings per ground. */
export async function loadGroundCheck(opts: { officerUserId: string; submissionId: string; db?: Db }): Promise<GroundCheckView> {
  const database = opts.db ?? defaultDb();
  await requireOfficer(database, opts.officerUserId);
  const snapshot = await readSubmittedContent({
    actor: { userId: opts.officerUserId, role: "officer", organisationId: null },
    submissionId: opts.submissionId,
    db: database,
  });
  const declaration = snapshot.declarations?.exclusion ?? null;
  const latest = latestFindings(await recordedFindings(database, opts.submissionId));
  return {
    declaration,
    grounds: exclusionGrounds.map((ground) => {
      const declared = declaration?.grounds.find((g) => g.ground === ground);
      return { ground, declared: declared ? { selfCleaning: declared.selfCleaning } : null, recorded: latest.get(ground) ?? null };
    }),
  };
}
