// The server's clock: deadlines, receipts and audit entries all read it here.
// End-to-end tests must move time forward (for example past a submission deadline)
// without sleeping. They start the server with NODE_ENV=test and PORTAL_TEST_CLOCK_FILE
// pointing at a file that holds an offset in milliseconds. Whoever may write that file moves
// deadlines and receipt times, so the file counts only in a test start (NODE_ENV=test), and
// any other start refuses to run while the variable is set (G13, decision 0039).
import fs from "node:fs";

type Environment = Record<string, string | undefined>;

/** The test clock's file: set and honoured only when NODE_ENV is "test". */
export function testClockFile(source: Environment = process.env): string | undefined {
  return source.NODE_ENV === "test" && source.PORTAL_TEST_CLOCK_FILE ? source.PORTAL_TEST_CLOCK_FILE : undefined;
}

/** A start (server or CLI) with a test hook outside a test start (G13). */
export class TestHookRefused extends Error {
  constructor(nodeEnv: string | undefined) {
    super(
      `PORTAL_TEST_CLOCK_FILE is set, but this is not a test start (NODE_ENV=${nodeEnv ?? "(unset: production)"}). ` +
        "The test clock lets whoever writes that file move deadlines and receipt times: unset PORTAL_TEST_CLOCK_FILE. " +
        "Only the test suite sets it, with NODE_ENV=test. Refusing to start.",
    );
    this.name = "TestHookRefused";
  }
}

/** Throws TestHookRefused when PORTAL_TEST_CLOCK_FILE is set and NODE_ENV is not "test". */
export function refuseTestHooksOutsideTests(source: Environment = process.env): void {
  if (source.PORTAL_TEST_CLOCK_FILE && source.NODE_ENV !== "test") throw new TestHookRefused(source.NODE_ENV);
}

export function now(): Date {
  const file = testClockFile();
  if (!file) return new Date();
  let offset = 0;
  try {
    offset = Number(fs.readFileSync(file, "utf8").trim()) || 0;
  } catch {
    offset = 0;
  }
  return new Date(Date.now() + offset);
}
