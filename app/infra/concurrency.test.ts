import { describe, expect, it } from "vitest";
import { concurrencyLimit } from "./concurrency";

function deferred() {
  let resolve!: () => void;
  let reject!: (e: Error) => void;
  const promise = new Promise<void>((res, rej) => {
    resolve = res;
    reject = rej;
  });
  return { promise, resolve, reject };
}

const tick = () => new Promise((r) => setImmediate(r));

describe("concurrencyLimit", () => {
  it("runs at most two tasks at once and starts the waiting ones in order as others end, failed ones too", async () => {
    const limit = concurrencyLimit(2);
    const gates = Array.from({ length: 5 }, deferred);
    const started: number[] = [];
    const results = gates.map((gate, i) =>
      limit(async () => {
        started.push(i);
        await gate.promise;
        return i;
      }),
    );
    await tick();
    expect(started).toEqual([0, 1]);
    gates[1].reject(new Error("Los 2 fehlgeschlagen"));
    await expect(results[1]).rejects.toThrow("Los 2 fehlgeschlagen");
    await tick();
    expect(started).toEqual([0, 1, 2]);
    gates[0].resolve();
    gates[2].resolve();
    await tick();
    expect(started).toEqual([0, 1, 2, 3, 4]);
    gates[3].resolve();
    gates[4].resolve();
    expect(await Promise.all([results[0], results[2], results[3], results[4]])).toEqual([0, 2, 3, 4]);
  });

  it("refuses a limit that is not a positive whole number", () => {
    expect(() => concurrencyLimit(0)).toThrow();
    expect(() => concurrencyLimit(1.5)).toThrow();
  });
});
