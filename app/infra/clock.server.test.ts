import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterEach, describe, expect, it } from "vitest";
import { now, refuseTestHooksOutsideTests, TestHookRefused, testClockFile } from "./clock.server";

const saved = { NODE_ENV: process.env.NODE_ENV, PORTAL_TEST_CLOCK_FILE: process.env.PORTAL_TEST_CLOCK_FILE };
afterEach(() => {
  for (const [key, value] of Object.entries(saved)) {
    if (value === undefined) delete process.env[key];
    else process.env[key] = value;
  }
});

describe("the test clock (G13)", () => {
  it("is honoured only with NODE_ENV=test", () => {
    expect(testClockFile({ NODE_ENV: "test", PORTAL_TEST_CLOCK_FILE: "/tmp/clock" })).toBe("/tmp/clock");
    expect(testClockFile({ NODE_ENV: "production", PORTAL_TEST_CLOCK_FILE: "/tmp/clock" })).toBeUndefined();
    expect(testClockFile({ NODE_ENV: "development", PORTAL_TEST_CLOCK_FILE: "/tmp/clock" })).toBeUndefined();
    expect(testClockFile({ PORTAL_TEST_CLOCK_FILE: "/tmp/clock" })).toBeUndefined();
    expect(testClockFile({ NODE_ENV: "test" })).toBeUndefined();
  });

  it("refuses a start with PORTAL_TEST_CLOCK_FILE set unless NODE_ENV is test, naming the variable", () => {
    expect(() => refuseTestHooksOutsideTests({ NODE_ENV: "production", PORTAL_TEST_CLOCK_FILE: "/tmp/clock" })).toThrow(TestHookRefused);
    expect(() => refuseTestHooksOutsideTests({ NODE_ENV: "production", PORTAL_TEST_CLOCK_FILE: "/tmp/clock" })).toThrow(
      /PORTAL_TEST_CLOCK_FILE is set, but this is not a test start \(NODE_ENV=production\)/,
    );
    expect(() => refuseTestHooksOutsideTests({ PORTAL_TEST_CLOCK_FILE: "/tmp/clock" })).toThrow(/NODE_ENV=\(unset: production\)/);
    expect(() => refuseTestHooksOutsideTests({ NODE_ENV: "test", PORTAL_TEST_CLOCK_FILE: "/tmp/clock" })).not.toThrow();
    expect(() => refuseTestHooksOutsideTests({ NODE_ENV: "production" })).not.toThrow();
  });

  it("moves now() by the file's offset in a test start and not in production", () => {
    const file = path.join(fs.mkdtempSync(path.join(os.tmpdir(), "portal-clock-")), "offset");
    const day = 24 * 3600 * 1000;
    fs.writeFileSync(file, String(day));
    try {
      process.env.PORTAL_TEST_CLOCK_FILE = file;
      process.env.NODE_ENV = "test";
      expect(now().getTime() - Date.now()).toBeGreaterThan(day - 60_000);
      process.env.NODE_ENV = "production";
      expect(Math.abs(now().getTime() - Date.now())).toBeLessThan(60_000);
    } finally {
      fs.rmSync(path.dirname(file), { recursive: true, force: true });
    }
  });
});
