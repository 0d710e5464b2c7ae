// /healthz's checks against a real SQLite file and a real DATA_DIR.
import fs from "node:fs";
import path from "node:path";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { closeDatabase } from "../../app/infra/db.server";
import { checkHealth } from "../../app/infra/health.server";
import { tempDatabase, type TempDb } from "../support/temp-db";

let t: TempDb;
beforeEach(async () => {
  t = await tempDatabase();
});
afterEach(() => t.cleanup());

describe("checkHealth", () => {
  it("answers ok when the database answers a query and DATA_DIR takes a write, and leaves no probe file", async () => {
    const before = fs.readdirSync(t.dir).sort();
    expect(await checkHealth({ db: () => t.db, dataDir: t.dir })).toEqual({ status: "ok", checks: { database: "ok", disk: "ok" } });
    expect(fs.readdirSync(t.dir).sort()).toEqual(before);
  });

  it("fails the database check when the connection is closed", async () => {
    closeDatabase(t.db);
    expect(await checkHealth({ db: () => t.db, dataDir: t.dir })).toEqual({ status: "fail", checks: { database: "fail", disk: "ok" } });
  });

  it("fails the disk check when DATA_DIR cannot take a file", async () => {
    const notADir = path.join(t.dir, "plain-file");
    fs.writeFileSync(notADir, "x");
    expect(await checkHealth({ db: () => t.db, dataDir: notADir })).toEqual({ status: "fail", checks: { database: "ok", disk: "fail" } });
  });
});
