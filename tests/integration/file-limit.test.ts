// The limit on the number of files stored for one application (MAX_APPLICATION_FILES,
// default 50; G7): counted in the transaction that records the file, replaced files included.
import { execFile } from "node:child_process";
import { randomBytes } from "node:crypto";
import fs from "node:fs";
import path from "node:path";
import { eq } from "drizzle-orm";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { translator } from "../../app/i18n";
import { refusalMessage } from "../../app/i18n/refusal";
import type { Db } from "../../app/infra/db.server";
import { DomainError } from "../../app/infra/errors";
import { storedFiles } from "../../app/infra/schema";
import { MAX_APPLICATION_FILES, readUploadConfig } from "../../app/infra/uploads.server";
import { attachFile, startApplication, type CarrierActor } from "../../app/submission/applications.server";
import { documentKinds } from "../../app/submission/rules";
import { tempDemoDatabase } from "../support/demo-db";
import { nonProfitCarrier } from "../support/factories";
import type { TempDb } from "../support/temp-db";

const NOW = new Date("2026-11-25T10:00:00Z");
const TSX = path.resolve("node_modules/.bin/tsx");

let t: TempDb;
let db: Db;
beforeEach(async () => {
  t = await tempDemoDatabase(NOW);
  db = t.db;
});
afterEach(() => t.cleanup());

async function attach(actor: CarrierActor, applicationId: string, n: number) {
  return await attachFile({
    actor,
    applicationId,
    // The organisation's document slots in turn: most uploads replace a file, which stays stored.
    target: { kind: documentKinds[n % documentKinds.length] },
    upload: { backend: "local", storageKey: randomBytes(8).toString("hex"), sizeBytes: 1234, sha256: randomBytes(32).toString("hex"), mediaType: "application/pdf" },
    originalName: `datei-${n}.pdf`,
    maxApplicationBytes: 10_000_000,
    now: NOW,
    db,
  });
}

const filesOf = async (applicationId: string) => (await db.select({ id: storedFiles.id }).from(storedFiles).where(eq(storedFiles.applicationId, applicationId))).length;

async function applicationOf(name: string) {
  const actor = await nonProfitCarrier({ db, now: NOW, name });
  const { applicationId } = await startApplication({ actor, callSlug: "dresden-2017-demo", now: NOW, db });
  return { actor, applicationId };
}

describe("files per application", () => {
  it("accepts the 50th file of an application and refuses the 51st, replaced files counted, naming the file and the limit", async () => {
    if (!process.env.MAX_APPLICATION_FILES) expect(MAX_APPLICATION_FILES).toBe(50);
    const { actor, applicationId } = await applicationOf("Viele Dateien");
    for (let n = 1; n <= 50; n++) await attach(actor, applicationId, n);
    expect(await filesOf(applicationId)).toBe(50);

    const refused = await (async () => {
      try {
        await attach(actor, applicationId, 51);
      } catch (error) {
        return error;
      }
    })();
    expect(refused).toBeInstanceOf(DomainError);
    expect(refused).toMatchObject({ code: "INVALID", key: "upload.tooManyFiles", params: { limit: 50, name: "datei-51.pdf" } });
    expect(await filesOf(applicationId)).toBe(50);
    expect(refusalMessage(refused as DomainError, translator("de"), "de")).toBe(
      "„datei-51.pdf“ wurde nicht gespeichert: Zu dieser Interessenbekundung sind bereits 50 Dateien hochgeladen worden (ersetzte mitgezählt), mehr nimmt das Portal nicht an. Wenn Sie weitere Dateien einreichen müssen, wenden Sie sich bitte an die Vergabestelle.",
    );
    expect(refusalMessage(refused as DomainError, translator("en"), "en")).toMatch(/^“datei-51\.pdf” was not stored: 50 files have already been uploaded/);

    // Another organisation's application has its own count.
    const other = await applicationOf("Andere Dateien");
    // Resolves: a refusal would fail the test.
    await attach(other.actor, other.applicationId, 1);
  });

  it("lets exactly one of three processes attaching at once take the 50th place", { timeout: 180_000 }, async () => {
    const { actor, applicationId } = await applicationOf("Gleichzeitig");
    for (let n = 1; n <= 49; n++) await attach(actor, applicationId, n);
    const go = path.join(t.dir, "go");
    const runs = [1, 2, 3].map(
      () =>
        new Promise<{ ok: boolean; key?: string }>((resolve, reject) =>
          execFile(
            TSX,
            ["tests/support/attach-in-process.ts", applicationId, actor.userId, actor.organisationId, NOW.toISOString(), go],
            { timeout: 150_000, env: { ...process.env, ...t.env } },
            (error, stdout, stderr) => (error ? reject(new Error(`${error.message}\n${stderr}`)) : resolve(JSON.parse(String(stdout).trim().split("\n").pop()!))),
          ),
        ),
    );
    // The processes open the database, then wait for this file: they attach at the same moment.
    fs.writeFileSync(go, "");
    const outcomes = await Promise.all(runs);
    expect(outcomes.filter((o) => o.ok)).toHaveLength(1);
    expect(outcomes.filter((o) => !o.ok).map((o) => o.key)).toEqual(["upload.tooManyFiles", "upload.tooManyFiles"]);
    expect(await filesOf(applicationId)).toBe(50);
  });

  it("reads MAX_APPLICATION_FILES, default 50, and fails naming it", () => {
    expect(readUploadConfig({}).MAX_APPLICATION_FILES).toBe(50);
    expect(readUploadConfig({ MAX_APPLICATION_FILES: "7" }).MAX_APPLICATION_FILES).toBe(7);
    expect(() => readUploadConfig({ MAX_APPLICATION_FILES: "viele" })).toThrow(/MAX_APPLICATION_FILES/);
    expect(() => readUploadConfig({ MAX_APPLICATION_FILES: "0" })).toThrow(/MAX_APPLICATION_FILES/);
  });
});
