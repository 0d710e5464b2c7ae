import { describe, expect, it } from "vitest";
import { SnapshotCache } from "./opened-snapshots.server";
import type { SubmissionSnapshot } from "./snapshot";

const snapshot = (name: string) => ({ organisationName: name, lots: [{ lotId: `los-${name}` }] }) as unknown as SubmissionSnapshot;

describe("the cache of opened snapshots", () => {
  it("never holds more bytes than its bound, dropping the least recently used first", () => {
    const cache = new SnapshotCache(100);
    cache.put("call", "a", snapshot("a"), 40);
    cache.put("call", "b", snapshot("b"), 40);
    expect(cache.getAll("call", ["a"])).not.toBeNull(); // a is now more recent than b
    cache.put("call", "c", snapshot("c"), 40);
    expect(cache.size).toMatchObject({ entries: 2, bytes: 80 });
    expect(cache.getAll("call", ["b"])).toBeNull();
    expect([...cache.getAll("call", ["a", "c"])!.keys()]).toEqual(["a", "c"]);
  });

  it("keeps no snapshot larger than the whole bound, and counts a replaced one once", () => {
    const cache = new SnapshotCache(100);
    cache.put("call", "a", snapshot("a"), 101);
    expect(cache.size.entries).toBe(0);
    cache.put("call", "a", snapshot("a"), 60);
    cache.put("call", "a", snapshot("a"), 60);
    expect(cache.size).toMatchObject({ entries: 1, bytes: 60 });
  });

  it("answers only when it holds every submission asked for, of that call", () => {
    const cache = new SnapshotCache(1000);
    cache.put("call-1", "a", snapshot("a"), 10);
    expect(cache.getAll("call-1", ["a", "b"])).toBeNull();
    expect(cache.getAll("call-2", ["a"])).toBeNull();
    expect(cache.size.callIds).toEqual(new Set(["call-1"]));
  });

  it("hands out frozen snapshots, so that no reader changes them for the next", () => {
    const cache = new SnapshotCache(1000);
    const kept = cache.put("call", "a", snapshot("a"), 10);
    expect(() => {
      (kept.lots[0] as { lotId: string }).lotId = "x";
    }).toThrow(TypeError);
    expect(cache.getAll("call", ["a"])!.get("a")!.lots[0].lotId).toBe("los-a");
  });
});
