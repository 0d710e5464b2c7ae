// synchronous=FULL (docs/architecture.md, Storage and durability): better-sqlite3 defaults WAL databases to NORMAL, where a
// committed receipt can vanish on power loss. The pragmas are read back at start and the
// portal refuses to start when one differs.
import path from "node:path";
import Database from "better-sqlite3";
import { afterEach, describe, expect, it } from "vitest";
import { assertDurablePragmas, closeDatabase, openDatabase, writeTx } from "../../app/infra/db.server";
import { tempDir } from "../support/temp-db";

const cleanups: (() => void)[] = [];
afterEach(() => cleanups.splice(0).forEach((c) => c()));
function file(): string {
  const { dir, cleanup } = tempDir();
  cleanups.push(cleanup);
  return path.join(dir, "portal.sqlite");
}

describe("durability pragmas", () => {
  it("opens the portal's database with WAL, synchronous FULL and foreign keys, read back from the connection", async () => {
    const db = openDatabase(file());
    try {
      // Both connections: the reader (the handle outside a transaction) and the writer (inside one).
      const reader = db.$client;
      const writer = await writeTx(async (tx) => tx.$client, db);
      expect(writer).not.toBe(reader);
      for (const connection of [reader, writer]) {
        expect(connection.pragma("journal_mode", { simple: true })).toBe("wal");
        expect(connection.pragma("synchronous", { simple: true })).toBe(2);
        expect(() => assertDurablePragmas(connection)).not.toThrow();
      }
    } finally {
      closeDatabase(db);
    }
  });

  it("refuses a WAL connection left at better-sqlite3's default synchronous=NORMAL, naming the pragma", () => {
    const sqlite = new Database(file());
    try {
      sqlite.pragma("journal_mode = WAL");
      sqlite.pragma("foreign_keys = ON");
      sqlite.pragma("synchronous = NORMAL");
      expect(() => assertDurablePragmas(sqlite)).toThrow("SQLite pragma synchronous is 1, expected 2: refusing to start");
      sqlite.pragma("synchronous = FULL");
      expect(() => assertDurablePragmas(sqlite)).not.toThrow();
    } finally {
      sqlite.close();
    }
  });

  it("refuses to start on a database that cannot run in WAL mode (in memory)", () => {
    expect(() => openDatabase(":memory:")).toThrow(/pragma journal_mode is memory, expected wal: refusing to start/);
  });
});
