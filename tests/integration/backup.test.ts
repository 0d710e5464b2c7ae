// Backups while the portal keeps writing, restored into a fresh DATA_DIR: every submission
// and every stored file comes back hash-equal, the audit trail verifies, nothing is orphaned.
import fs from "node:fs";
import path from "node:path";
import { eq } from "drizzle-orm";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { appendAudit } from "../../app/infra/audit.server";
import { verifyAuditTrail } from "../../app/infra/audit-verify.server";
import { backup, BackupError, restore, verifyBackup } from "../../app/infra/backup.server";
import { closeDatabase, first, openDatabase, writeTx, type Db } from "../../app/infra/db.server";
import { findOrphans } from "../../app/infra/orphans.server";
import { storedFiles, submissions } from "../../app/infra/schema";
import { storeFile, submitStoredBid, type StoredBid } from "../support/stored-bids";
import { tempDir, type TempDb } from "../support/temp-db";
import { tempDemoDatabase } from "../support/demo-db";

const NOW = new Date("2026-11-25T10:00:00Z");

let t: TempDb;
let bids: StoredBid[];
const cleanups: (() => void)[] = [];
function freshDir(): string {
  const { dir, cleanup } = tempDir("portal-backup-");
  cleanups.push(cleanup);
  return dir;
}

beforeEach(async () => {
  t = await tempDemoDatabase(NOW);
  bids = [
    await submitStoredBid({ db: t.db, dataDir: t.dir, name: "Anna", now: NOW }),
    await submitStoredBid({ db: t.db, dataDir: t.dir, name: "Bernd", now: NOW }),
  ];
  fs.mkdirSync(path.join(t.dir, "outbox"));
  fs.writeFileSync(path.join(t.dir, "outbox", "0001.eml"), "Subject: Eingangsbestätigung\r\n\r\nText\r\n");
});
afterEach(() => {
  t.cleanup();
  cleanups.splice(0).forEach((c) => c());
});

/** One upload as the server makes it: the file first, then its row and audit entry. */
async function uploadOne(db: Db, n: number) {
  const saved = await storeFile(t.dir, `Nachgereicht ${n}`);
  await writeTx(async (tx) => {
    const [{ id }] = await tx
      .insert(storedFiles)
      .values({ ...saved, originalName: `nachgereicht-${n}.pdf`, organisationId: null, applicationId: null })
      .returning({ id: storedFiles.id });
    await appendAudit(tx, { at: NOW, actorUserId: null, action: "test.upload", objectType: "file", objectId: id });
  }, db);
}

describe("backup and restore", () => {
  it("restores a backup taken while a writer keeps writing: every submission and file, hash-equal, chain intact", async () => {
    // The "server": keeps uploading through its own connection until the backup is done.
    let done = false;
    let written = 0;
    const writer = (async () => {
      while (!done) {
        await uploadOne(t.db, written++);
        await new Promise((resolve) => setImmediate(resolve));
      }
    })();
    const target = path.join(freshDir(), "sicherung");
    // Between the database snapshot and the file copy a third carrier submits.
    let carla: StoredBid | undefined;
    const result = await backup({
      dataDir: t.dir,
      targetDir: target,
      now: NOW,
      afterSnapshot: async () => {
        carla = await submitStoredBid({ db: t.db, dataDir: t.dir, name: "Carla", now: NOW });
      },
    });
    done = true;
    await writer;
    expect(written).toBeGreaterThan(0);

    expect((await verifyBackup(target)).problems).toEqual([]);
    const dataDir = path.join(freshDir(), "data");
    await restore({ backupDir: target, dataDir });
    const restored = openDatabase(path.join(dataDir, "portal.sqlite"));
    try {
      const rows = await restored.select({ id: submissions.id, receipt: submissions.receiptNumber }).from(submissions);
      for (const bid of bids) expect(rows).toContainEqual({ id: bid.submissionId, receipt: bid.receiptNumber });
      // Carla submitted after the snapshot: not in it, and none of her files were copied.
      expect(rows.map((r) => r.id)).not.toContain(carla!.submissionId);
      for (const fileId of carla!.fileIds) {
        expect(await first(restored.select().from(storedFiles).where(eq(storedFiles.id, fileId)))).toBeUndefined();
      }
      // Every file row of the snapshot has its file, with the recorded SHA-256; the chain and
      // the receipts' heads verify.
      const report = await verifyAuditTrail({ db: restored, dataDir });
      expect(report).toMatchObject({ ok: true, receiptsChecked: 2, fileProblems: [] });
      expect(report.filesChecked).toBe(result.manifest.files.length);
      expect(report.filesChecked).toBeGreaterThanOrEqual(10);
      expect(await findOrphans(restored, path.join(dataDir, "files"))).toEqual({ filesWithoutRows: [], rowsWithoutFiles: [], removedTempFiles: 0 });
      expect(fs.readFileSync(path.join(dataDir, "outbox", "0001.eml"), "utf8")).toContain("Eingangsbestätigung");
    } finally {
      closeDatabase(restored);
    }
  });

  it("refuses to back up into a directory that is not empty", async () => {
    const target = freshDir();
    fs.writeFileSync(path.join(target, "alt.txt"), "x");
    await expect(backup({ dataDir: t.dir, targetDir: target, now: NOW })).rejects.toThrow(/not empty/);
  });

  it("refuses to restore over existing data without --force, and replaces it with force", async () => {
    const target = path.join(freshDir(), "b");
    await backup({ dataDir: t.dir, targetDir: target, now: NOW });
    const dataDir = freshDir();
    fs.writeFileSync(path.join(dataDir, "portal.sqlite"), "old");
    await expect(restore({ backupDir: target, dataDir })).rejects.toThrow(BackupError);
    expect(fs.readFileSync(path.join(dataDir, "portal.sqlite"), "utf8")).toBe("old");
    await restore({ backupDir: target, dataDir, force: true });
    const restored = openDatabase(path.join(dataDir, "portal.sqlite"));
    try {
      expect(await restored.select().from(submissions)).toHaveLength(2);
    } finally {
      closeDatabase(restored);
    }
  });

  it("refuses a backup whose file no longer matches the manifest, and writes nothing", async () => {
    const target = path.join(freshDir(), "b");
    const { manifest } = await backup({ dataDir: t.dir, targetDir: target, now: NOW });
    const damaged = path.join(target, manifest.files[3].path);
    fs.appendFileSync(damaged, "x");
    expect((await verifyBackup(target)).problems).toEqual([`${manifest.files[3].path}: SHA-256 or size differs from the manifest`]);
    const dataDir = path.join(freshDir(), "data");
    await expect(restore({ backupDir: target, dataDir })).rejects.toThrow(/does not match its manifest/);
    expect(fs.existsSync(dataDir)).toBe(false);
  });
});
