import fs from "node:fs";
import path from "node:path";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { writeTx } from "../../app/infra/db.server";
import { findOrphans } from "../../app/infra/orphans.server";
import { storedFiles } from "../../app/infra/schema";
import { tempDatabase, type TempDb } from "../support/temp-db";

let t: TempDb;
beforeEach(async () => {
  t = await tempDatabase();
});
afterEach(() => t.cleanup());

describe("orphan report at start", () => {
  it("names files without rows and rows without files, and removes stale temp files", async () => {
    const files = path.join(t.dir, "files");
    fs.mkdirSync(path.join(files, "ab"), { recursive: true });
    fs.writeFileSync(path.join(files, "ab", "abKEEPaaaaaaaaaaaaaaaa"), "kept");
    fs.writeFileSync(path.join(files, "ab", "abLOSTaaaaaaaaaaaaaaaa"), "no row");
    fs.writeFileSync(path.join(files, "ab", ".abTEMPaaaaaaaaaaaaaaaa.part"), "half");
    const row = { backend: "local" as const, originalName: "a.pdf", mediaType: "application/pdf", sizeBytes: 4, sha256: "0".repeat(64) };
    await writeTx(async (tx) => {
      await tx.insert(storedFiles).values({ ...row, storageKey: "abKEEPaaaaaaaaaaaaaaaa" });
      await tx.insert(storedFiles).values({ ...row, storageKey: "cdGONEaaaaaaaaaaaaaaaa" });
    }, t.db);
    expect(await findOrphans(t.db, files)).toEqual({
      filesWithoutRows: ["abLOSTaaaaaaaaaaaaaaaa"],
      rowsWithoutFiles: ["cdGONEaaaaaaaaaaaaaaaa"],
      removedTempFiles: 1,
    });
    expect(fs.existsSync(path.join(files, "ab", ".abTEMPaaaaaaaaaaaaaaaa.part"))).toBe(false);
  });
});
