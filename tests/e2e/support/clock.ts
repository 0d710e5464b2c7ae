// Moves the server's clock forward (app/infra/clock.server.ts reads the offset file on every
// call). Tests that move it use calls of their own: the demo call shares the server.
import fs from "node:fs";
import { inject } from "vitest";

export function clockOffset(): number {
  return Number(fs.readFileSync(inject("clockFile"), "utf8")) || 0;
}

/** Adds `ms` to the server clock's offset; returns the new offset. */
export function advanceClock(ms: number): number {
  const next = clockOffset() + ms;
  fs.writeFileSync(inject("clockFile"), String(next));
  return next;
}

/** The server's "now" as the tests know it. */
export function serverNow(): Date {
  return new Date(Date.now() + clockOffset());
}

/** Back to the real time: call in afterAll so that the next test file starts from now. */
export function resetClock(): void {
  fs.writeFileSync(inject("clockFile"), "0");
}
