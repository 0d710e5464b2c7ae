// CI's gate on advisories of the runtime dependencies (scripts/audit-gate.ts, G12), on reports
// of `npm audit --omit=dev --json` in tests/fixtures/npm-audit: endpoint-405.json is what this
// project's build machine recorded (its registry proxy refuses the advisory endpoint); the
// others are npm's report format (auditReportVersion 2) with real advisories of
// path-to-regexp (high, through express) and nodemailer (moderate).
import { execFile } from "node:child_process";
import fs from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { AllowList, auditGate, advisoriesOf } from "../../scripts/audit-gate";

const report = (name: string): unknown => JSON.parse(fs.readFileSync(path.join("tests/fixtures/npm-audit", `${name}.json`), "utf8"));
const allow = (list: unknown) => AllowList.parse(list);
const NONE = allow({});
const TODAY = "2026-12-06";

const PATH_TO_REGEXP = {
  id: "GHSA-9wv6-86v2-598j",
  package: "path-to-regexp",
  reason: "Express routes of server.mjs are fixed strings written by us; no route is built from input",
  reviewBy: "2027-01-31",
};

describe("the dependency audit gate", () => {
  it("fails on a high advisory of a runtime dependency that the allow-list does not name, naming package and advisory", () => {
    const result = auditGate(report("high-path-to-regexp"), NONE, TODAY);
    expect(result.pass).toBe(false);
    expect(result.lines.join("\n")).toContain(
      "FAIL HIGH path-to-regexp <0.1.10: path-to-regexp outputs backtracking regular expressions (https://github.com/advisories/GHSA-9wv6-86v2-598j): not in .ci/audit-allowlist.json",
    );
    // The advisory is counted once, though express is affected through it.
    expect(advisoriesOf(report("high-path-to-regexp"))).toHaveLength(1);
  });

  it("passes an allow-listed high advisory and prints its reason, until its review date and not a day after", () => {
    const list = allow({ advisories: [PATH_TO_REGEXP] });
    const passed = auditGate(report("high-path-to-regexp"), list, "2027-01-31");
    expect(passed.pass).toBe(true);
    expect(passed.lines.join("\n")).toContain(`allowed HIGH path-to-regexp <0.1.10: path-to-regexp outputs backtracking regular expressions (https://github.com/advisories/GHSA-9wv6-86v2-598j) until 2027-01-31: ${PATH_TO_REGEXP.reason}`);
    const expired = auditGate(report("high-path-to-regexp"), list, "2027-02-01");
    expect(expired.pass).toBe(false);
    expect(expired.lines.join("\n")).toContain("allowed until 2027-01-31, which is past");
    // An entry for the same advisory id under another package does not count.
    expect(auditGate(report("high-path-to-regexp"), allow({ advisories: [{ ...PATH_TO_REGEXP, package: "express" }] }), TODAY).pass).toBe(false);
  });

  it("passes a moderate advisory, printing it", () => {
    const result = auditGate(report("moderate-nodemailer"), NONE, TODAY);
    expect(result.pass).toBe(true);
    expect(result.lines.join("\n")).toContain("noted MODERATE nodemailer <7.0.7");
    expect(auditGate(report("clean"), NONE, TODAY)).toMatchObject({ pass: true });
  });

  it("fails when the audit could not run, unless the allow-list records why and until when; says so in a banner either way", () => {
    const refused = report("endpoint-405");
    const failed = auditGate(refused, NONE, TODAY);
    expect(failed.pass).toBe(false);
    expect(failed.lines.join("\n")).toContain("DEPENDENCY AUDIT NOT PERFORMED: 405 Method Not Allowed - POST https://registry.npmjs.org/-/npm/v1/security/advisories/bulk");
    const waiver = { reason: "the build machine's registry proxy refuses the advisory endpoint", reviewBy: "2027-03-06" };
    const waived = auditGate(refused, allow({ auditUnavailable: waiver }), TODAY);
    expect(waived.pass).toBe(true);
    expect(waived.lines.join("\n")).toContain("No advisory of the runtime dependencies was checked in this run.");
    expect(auditGate(refused, allow({ auditUnavailable: waiver }), "2027-03-07").pass).toBe(false);
    // No output at all (npm crashed) is no audit either.
    expect(auditGate(undefined, NONE, TODAY).pass).toBe(false);
  });

  it("refuses an allow-list entry without a reason or review date", () => {
    expect(() => allow({ advisories: [{ ...PATH_TO_REGEXP, reason: "" }] })).toThrow(/reason/);
    expect(() => allow({ advisories: [{ ...PATH_TO_REGEXP, reviewBy: "bald" }] })).toThrow(/reviewBy/);
  });

  it("runs as CI runs it: exit 1 on the high advisory, exit 0 with the banner on the recorded 405 under the repository's allow-list", async () => {
    const run = (reportFile: string) =>
      new Promise<{ code: number; out: string }>((resolve) =>
        execFile(
          path.resolve("node_modules/.bin/tsx"),
          ["scripts/audit-gate.ts", reportFile, ".ci/audit-allowlist.json", "--today", TODAY],
          { timeout: 60_000 },
          (error, stdout, stderr) => resolve({ code: error ? Number(error.code) : 0, out: String(stdout) + String(stderr) }),
        ),
      );
    const [high, refused] = await Promise.all([run("tests/fixtures/npm-audit/high-path-to-regexp.json"), run("tests/fixtures/npm-audit/endpoint-405.json")]);
    expect(high.code).toBe(1);
    expect(high.out).toContain("Dependency audit gate: FAILED.");
    expect(refused.code).toBe(0);
    expect(refused.out).toContain("!! DEPENDENCY AUDIT NOT PERFORMED");
  });
});
