// audit:verify against a real SQLite file and real stored files: an intact trail passes;
// an attacker with access to the file (who drops the append-only trigger first) is caught
// and the broken entry named; so are a changed stored file and a receipt head that is not
// in the chain. Reads and refused reads of bid files and sealed content leave entries.
// (The evaluator's case builds its own scenario; the shared beforeEach is cheap enough.)
import fs from "node:fs";
import path from "node:path";
import Database from "better-sqlite3";
import { and, asc, eq } from "drizzle-orm";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { declareConflict, loadBidForScoring } from "../../app/evaluation/assessment.server";
import { confirmOpening, startOpening } from "../../app/evaluation/opening.server";
import { auditHash } from "../../app/infra/audit.server";
import { first } from "../../app/infra/db.server";
import { formatAuditReport, verifyAuditTrail } from "../../app/infra/audit-verify.server";
import { auditEntries, storedFiles, users } from "../../app/infra/schema";
import { localStorage } from "../../app/infra/storage.server";
import { loadCallView } from "../../app/procurement/calls.server";
import { fileForActor, readSubmittedContent } from "../../app/submission/access.server";
import { evaluationScenario } from "../support/evaluation";
import { submitStoredBid, type StoredBid } from "../support/stored-bids";
import type { TempDb } from "../support/temp-db";
import { tempDemoDatabase } from "../support/demo-db";

const NOW = new Date("2026-11-25T10:00:00Z");

let t: TempDb;
let anna: StoredBid;
let bernd: StoredBid;

beforeEach(async () => {
  t = await tempDemoDatabase(NOW);
  anna = await submitStoredBid({ db: t.db, dataDir: t.dir, name: "Anna", now: NOW });
  bernd = await submitStoredBid({ db: t.db, dataDir: t.dir, name: "Bernd", now: NOW });
});
afterEach(() => t.cleanup());

const verify = () => verifyAuditTrail({ db: t.db, dataDir: t.dir });

/** What an attacker with the SQLite file can do: a second connection, triggers dropped. */
function asAttacker(sql: (raw: Database.Database) => void) {
  const raw = new Database(t.file);
  try {
    raw.exec("DROP TRIGGER IF EXISTS audit_entries_no_update; DROP TRIGGER IF EXISTS audit_entries_no_delete;");
    sql(raw);
  } finally {
    raw.close();
  }
}

const entries = async () => t.db.select().from(auditEntries).orderBy(asc(auditEntries.seq));
const submittedEntry = async (bid: StoredBid) =>
  (await first(
    t.db
      .select()
      .from(auditEntries)
      .where(and(eq(auditEntries.action, "application.submitted"), eq(auditEntries.objectId, bid.applicationId))),
  ))!;

async function openTheCall() {
  const call = (await loadCallView("dresden-2017-demo", { db: t.db }))!;
  const [officerA, officerB] = (await t.db.select().from(users).where(eq(users.role, "officer"))).map((u) => u.id);
  const after = new Date(call.dates.submissionDeadline.getTime() + 1000);
  await startOpening({ officerUserId: officerA, callId: call.id, now: after, db: t.db });
  await confirmOpening({ officerUserId: officerB, callId: call.id, now: after, db: t.db, storage: localStorage(path.join(t.dir, "files")) });
}

describe("audit:verify", () => {
  it("passes an intact trail with its receipts, the opening record and every stored file", async () => {
    await openTheCall();
    const report = await verify();
    expect(report.firstBroken).toBeNull();
    expect(report.witnessProblems).toEqual([]);
    expect(report.fileProblems).toEqual([]);
    expect(report).toMatchObject({ ok: true, receiptsChecked: 2, openingsChecked: 1, entries: (await entries()).length });
    // 2 × 5 bid files and the opening record's PDF.
    expect(report.filesChecked).toBe((await t.db.select().from(storedFiles)).length);
    expect(report.filesChecked).toBe(11);
    expect(report.head).toBe((await entries()).at(-1)!.hash);
    expect(formatAuditReport(report)).toContain("OK: the audit trail");
  });

  it("names the entry an attacker edited directly in the SQLite file after dropping the trigger", async () => {
    const target = await submittedEntry(anna);
    asAttacker((raw) => raw.prepare("UPDATE audit_entries SET details = ? WHERE seq = ?").run('{"forged":true}', target.seq));
    const report = await verify();
    expect(report.ok).toBe(false);
    expect(report.firstBroken?.seq).toBe(target.seq);
    expect(report.firstBroken?.reason).toMatch(/changed/);
    expect(formatAuditReport(report)).toContain(`BROKEN at entry seq ${target.seq}`);
  });

  it("names the next entry when the attacker also recomputes the edited entry's hash", async () => {
    const target = await submittedEntry(anna);
    asAttacker((raw) => {
      const hash = auditHash(target.prevHash, { ...target, actorUserId: null, details: target.details });
      raw.prepare("UPDATE audit_entries SET actor_user_id = NULL, hash = ? WHERE seq = ?").run(hash, target.seq);
    });
    const report = await verify();
    expect(report.firstBroken?.seq).toBe(target.seq + 1);
    expect(report.firstBroken?.reason).toMatch(/prev_hash/);
  });

  it("names the entry after one that was deleted", async () => {
    const target = await submittedEntry(anna);
    asAttacker((raw) => raw.prepare("DELETE FROM audit_entries WHERE seq = ?").run(target.seq));
    const report = await verify();
    expect(report.firstBroken?.seq).toBe(target.seq + 1);
    // The receipt printed the deleted entry's hash: its witness contradicts the rewrite.
    expect(report.witnessProblems.map((p) => p.label)).toContain(`receipt ${anna.receiptNumber}`);
  });

  it("catches a rewrite of the whole chain through the head printed on the receipt", async () => {
    // The attacker changes Anna's submission entry and re-hashes every later entry, so the
    // chain itself holds again; the carrier's receipt still shows the old head.
    const target = await submittedEntry(anna);
    const rows = (await entries()).filter((e) => e.seq >= target.seq);
    asAttacker((raw) => {
      let prev = target.prevHash;
      for (const row of rows) {
        const details = row.seq === target.seq ? row.details.replace(anna.receiptNumber, "IB-GEFAELSCHT") : row.details;
        const hash = auditHash(prev, { ...row, details });
        raw.prepare("UPDATE audit_entries SET details = ?, prev_hash = ?, hash = ? WHERE seq = ?").run(details, prev, hash, row.seq);
        prev = hash;
      }
    });
    const report = await verify();
    expect(report.firstBroken).toBeNull();
    expect(report.ok).toBe(false);
    const labels = report.witnessProblems.map((p) => p.label);
    expect(labels).toContain(`receipt ${anna.receiptNumber}`);
    expect(labels).toContain(`receipt ${bernd.receiptNumber}`);
  });

  it("reports a receipt whose head is not in the chain, and one whose head is another event", async () => {
    const [firstEntry] = await entries();
    asAttacker((raw) => {
      raw.prepare("UPDATE submissions SET audit_head_at_submission = ? WHERE id = ?").run("f".repeat(64), anna.submissionId);
      raw.prepare("UPDATE submissions SET audit_head_at_submission = ? WHERE id = ?").run(firstEntry.hash, bernd.submissionId);
    });
    const report = await verify();
    expect(report.firstBroken).toBeNull();
    expect(report.witnessProblems).toEqual([
      expect.objectContaining({ label: `receipt ${anna.receiptNumber}`, reason: expect.stringMatching(/not in the audit trail/) }),
      expect.objectContaining({ label: `receipt ${bernd.receiptNumber}`, reason: expect.stringMatching(/^the head is entry 1 /) }),
    ]);
    expect(report.ok).toBe(false);
  });

  it("reports an opening record whose head is not in the chain", async () => {
    await openTheCall();
    asAttacker((raw) => {
      raw.exec("DROP TRIGGER openings_final_after_confirmation");
      raw.prepare("UPDATE openings SET audit_head_at_opening = ?").run("e".repeat(64));
    });
    const report = await verify();
    expect(report.witnessProblems).toEqual([expect.objectContaining({ kind: "opening", reason: expect.stringMatching(/not in the audit trail/) })]);
  });

  it("names a stored file whose bytes changed and one that is missing", async () => {
    const [changed, missing] = await Promise.all(
      [anna.fileIds[0], bernd.fileIds[2]].map(async (id) => (await first(t.db.select().from(storedFiles).where(eq(storedFiles.id, id))))!),
    );
    const fileOf = (key: string) => path.join(t.dir, "files", key.slice(0, 2), key);
    const bytes = fs.readFileSync(fileOf(changed.storageKey));
    bytes[bytes.length - 10] ^= 0xff;
    fs.writeFileSync(fileOf(changed.storageKey), bytes);
    fs.rmSync(fileOf(missing.storageKey));
    const report = await verify();
    expect(report.firstBroken).toBeNull();
    expect(report.fileProblems).toEqual(
      expect.arrayContaining([
        expect.objectContaining({ fileId: changed.id, reason: expect.stringMatching(/^content hashes to/) }),
        expect.objectContaining({ fileId: missing.id, reason: "the file is missing" }),
      ]),
    );
    expect(report.fileProblems).toHaveLength(2);
    expect(report.ok).toBe(false);
  });
});

describe("access to bid files and sealed content is recorded", () => {
  const accessEntries = async () =>
    (await entries())
      .filter((e) => e.action.startsWith("file.") || e.action.startsWith("submission.content"))
      .map((e) => ({ action: e.action, actor: e.actorUserId, object: e.objectId, details: JSON.parse(e.details) }));

  it("writes a read, a refused read by another carrier and an anonymous probe of a bid file, without content", async () => {
    const fileId = anna.fileIds[0];
    await fileForActor({ actor: { ...anna.actor, role: "carrier" }, fileId, db: t.db });
    await expect(fileForActor({ actor: { ...bernd.actor, role: "carrier" }, fileId, db: t.db })).rejects.toThrow();
    await expect(fileForActor({ actor: null, fileId, db: t.db })).rejects.toThrow();
    expect(await accessEntries()).toEqual([
      { action: "file.read", actor: anna.actor.userId, object: fileId, details: { role: "carrier" } },
      { action: "file.read-refused", actor: bernd.actor.userId, object: fileId, details: { role: "carrier" } },
      { action: "file.read-refused", actor: null, object: fileId, details: { role: "anonymous" } },
    ]);
  });

  it("writes a read of sealed content by its carrier and the officer's refused read before the opening", async () => {
    const officer = (await first(t.db.select().from(users).where(eq(users.role, "officer"))))!;
    await readSubmittedContent({ actor: { ...anna.actor, role: "carrier" }, submissionId: anna.submissionId, db: t.db });
    await expect(
      readSubmittedContent({ actor: { userId: officer.id, role: "officer", organisationId: null }, submissionId: anna.submissionId, db: t.db }),
    ).rejects.toThrow();
    expect(await accessEntries()).toEqual([
      { action: "submission.content-read", actor: anna.actor.userId, object: anna.submissionId, details: { role: "carrier" } },
      { action: "submission.content-read-refused", actor: officer.id, object: anna.submissionId, details: { role: "officer" } },
    ]);
    // No bid text in any entry.
    expect(JSON.stringify(await entries())).not.toContain("Text von Anna");
  });

  it("does not record anonymous probes of unknown ids (they would only fill the trail)", async () => {
    const before = (await entries()).length;
    await expect(fileForActor({ actor: null, fileId: "no-such-file", db: t.db })).rejects.toThrow();
    expect(await entries()).toHaveLength(before);
  });
});

describe("an evaluator's reads of bids are recorded", () => {
  it("writes the refused read before the declaration and the read after it, with the lot", async () => {
    const s = await evaluationScenario();
    try {
      const { db, eval1, call } = s;
      const target = { evaluatorId: eval1, submissionId: s.sub("Alpha e. V."), lotId: s.lotId(2), db };
      await expect(loadBidForScoring(target)).rejects.toThrow();
      await declareConflict({ evaluatorId: eval1, callId: call.id, organisationId: s.org("Alpha e. V."), types: [], note: "", now: NOW, db });
      await loadBidForScoring(target);
      const rows = (await db.select().from(auditEntries).orderBy(asc(auditEntries.seq)))
        .filter((e) => e.action.startsWith("submission.content"))
        .map((e) => [e.action, e.actorUserId, e.objectId, JSON.parse(e.details)]);
      expect(rows).toEqual([
        ["submission.content-read-refused", eval1, target.submissionId, { lotId: target.lotId, role: "evaluator" }],
        ["submission.content-read", eval1, target.submissionId, { lotId: target.lotId, role: "evaluator" }],
      ]);
    } finally {
      s.t.cleanup();
    }
  });
});
