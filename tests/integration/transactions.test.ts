// Decision 0040: writing transactions are asynchronous. These tests pin what the synchronous
// better-sqlite3 transactions gave for free: one at a time in the order asked, a failure rolls
// back everything of its own and nothing of the next, a nested call is a savepoint, a use case
// reads its own writes, other readers never see them before the commit, and a write outside a
// transaction is refused at once.
import { eq } from "drizzle-orm";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { closeDatabase, first, inTransaction, writeTx, type Db } from "../../app/infra/db.server";
import { rateLimits } from "../../app/infra/schema";
import { tempDatabase, type TempDb } from "../support/temp-db";

let t: TempDb;
beforeEach(async () => {
  t = await tempDatabase();
});
afterEach(() => t.cleanup());

// rate_limits is a plain key/points table without foreign keys: the simplest row to write.
const put = (database: Db, key: string, points = 1) => database.insert(rateLimits).values({ key, points, expire: null });
const pointsOf = async (database: Db, key: string) => (await first(database.select().from(rateLimits).where(eq(rateLimits.key, key))))?.points;
const tick = () => new Promise((resolve) => setTimeout(resolve, 5));

describe("writing transactions", () => {
  it("runs the transactions of one database one after another, in the order asked", async () => {
    const steps: string[] = [];
    const work = (name: string) =>
      writeTx(async (tx) => {
        steps.push(`${name} begins`);
        await put(tx, name);
        await tick();
        steps.push(`${name} ends`);
      }, t.db);
    await Promise.all([work("a"), work("b"), work("c")]);
    expect(steps).toEqual(["a begins", "a ends", "b begins", "b ends", "c begins", "c ends"]);
  });

  it("rolls back a transaction that fails after an await, and runs the next one", async () => {
    const failing = writeTx(async (tx) => {
      await put(tx, "lost");
      await tick();
      throw new Error("refused");
    }, t.db);
    const next = writeTx(async (tx) => put(tx, "kept"), t.db);
    await expect(failing).rejects.toThrow("refused");
    await next;
    expect(await pointsOf(t.db, "lost")).toBeUndefined();
    expect(await pointsOf(t.db, "kept")).toBe(1);
  });

  it("reads its own writes through the database handle, which other readers see only after the commit", async () => {
    const other = t.reopen();
    try {
      let written!: () => void;
      let readsDone!: () => void;
      const wroteIt = new Promise<void>((resolve) => (written = resolve));
      const mayCommit = new Promise<void>((resolve) => (readsDone = resolve));
      let seenInside: number | undefined;
      const tx = writeTx(async (tx) => {
        await put(tx, "k", 7);
        expect(inTransaction(t.db)).toBe(true);
        seenInside = await pointsOf(t.db, "k"); // the handle, not tx: as one connection did before
        written();
        await mayCommit; // held open while the others read (only a test waits on anything but queries)
      }, t.db);
      // Meanwhile another request reads on the same handle, and another process on its own.
      await wroteIt;
      const seenOutside = await pointsOf(t.db, "k");
      const seenByOther = await pointsOf(other, "k");
      readsDone();
      await tx;
      expect(seenInside).toBe(7);
      expect(seenOutside).toBeUndefined();
      expect(seenByOther).toBeUndefined();
      expect(await pointsOf(other, "k")).toBe(7);
    } finally {
      closeDatabase(other);
    }
  });

  it("runs a nested transaction as a savepoint: its failure rolls back only its own writes", async () => {
    await writeTx(async (tx) => {
      await put(tx, "outer");
      await expect(
        writeTx(async (inner) => {
          await put(inner, "inner");
          throw new Error("inner refused");
        }, t.db),
      ).rejects.toThrow("inner refused");
      await writeTx(async (inner) => put(inner, "second"), tx);
    }, t.db);
    expect(await pointsOf(t.db, "outer")).toBe(1);
    expect(await pointsOf(t.db, "inner")).toBeUndefined();
    expect(await pointsOf(t.db, "second")).toBe(1);
  });

  it("refuses a write outside a transaction at once", async () => {
    await expect(async () => put(t.db, "outside")).rejects.toThrow(/readonly/);
    expect(await pointsOf(t.db, "outside")).toBeUndefined();
  });
});
