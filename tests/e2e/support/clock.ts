// Moves the server's clock forward (app/infra/clock.server.ts reads the offset file on every
// call). Tests that move it use calls of their own: the demo call shares the server.
// `file` is the shared server's clock file unless an own server's (OwnServer.clockFile) is given.
import fs from "node:fs";
import { inject } from "vitest";

export function clockOffset(file: string = inject("clockFile")): number {
  return Number(fs.readFileSync(file, "utf8")) || 0;
}

/** Adds `ms` to the server clock's offset; returns the new offset. */
export function advanceClock(ms: number, file: string = inject("clockFile")): number {
  const next = clockOffset(file) + ms;
  fs.writeFileSync(file, String(next));
  return next;
}

/** The server's "now" as the tests know it. */
export function serverNow(file: string = inject("clockFile")): Date {
  return new Date(Date.now() + clockOffset(file));
}

/** Back to the real time: call in afterAll so that the next test file starts from now. */
export function resetClock(file: string = inject("clockFile")): void {
  fs.writeFileSync(file, "0");
}
