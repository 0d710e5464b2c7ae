// The upgrade step for calls awarded before contracts existed (decision 0022, Consequences):
// `contracts:conclude` concludes the contracts their awards lack, dated by the award decision.
import { execFile } from "node:child_process";
import fs from "node:fs";
import path from "node:path";
import { eq } from "drizzle-orm";
import { afterEach, beforeEach, expect, it } from "vitest";
import { concludeMissingContracts } from "../../app/contracts/conclude-missing.server";
import { contractsOfCall } from "../../app/contracts/contracts.server";
import type { Db } from "../../app/infra/db.server";
import { env } from "../../app/infra/env.server";
import { auditEntries, awardDecisions, contracts } from "../../app/infra/schema";
import { copyOfAwardScenario, type AwardScenario } from "../support/award";
import type { TempDb } from "../support/temp-db";

const NOW = new Date("2026-11-25T10:00:00Z");
const SENT = new Date("2026-12-15T09:00:00Z");
const EARLIEST = new Date("2026-12-25T23:00:00Z");

let t: TempDb;
let db: Db;
let s: AwardScenario;
beforeEach(async () => {
  ({ t, s } = await copyOfAwardScenario(NOW));
  db = t.db;
  s.scoreAll();
  s.enterFigures();
  await s.preInform(SENT);
  await s.award(EARLIEST);
});
afterEach(() => t.cleanup());

it("concludes from the command line the contracts a call awarded before contracts existed lacks, dated by its award, and nothing the second time", async () => {
  const concluded = contractsOfCall(s.call.id, db).map((c) => [c.number, c.organisationName, c.fteHundredths]);
  expect(concluded).toHaveLength(3);
  // As a call awarded before contracts existed: the award decisions without their contracts.
  db.delete(contracts).run();

  // The command opens the sealed bids with the master key this process sealed them with.
  const keyFile = path.join("keys", "master.key");
  if (!env().PORTAL_MASTER_KEY) {
    fs.mkdirSync(path.join(t.dir, "keys"), { recursive: true });
    fs.copyFileSync(path.join(env().dataDir, keyFile), path.join(t.dir, keyFile));
  }
  const run = () =>
    new Promise<{ code: number; stdout: string; stderr: string }>((resolve) => {
      execFile(path.resolve("node_modules/.bin/tsx"), ["scripts/portal.ts", "contracts:conclude"], { cwd: path.resolve("."), env: { ...process.env, DATA_DIR: t.dir }, timeout: 120_000 }, (error, stdout, stderr) => {
        resolve({ code: error ? (typeof error.code === "number" ? error.code : -1) : 0, stdout: String(stdout), stderr: String(stderr) });
      });
    });
  const result = await run();
  expect(result, result.stderr).toMatchObject({ code: 0 });
  expect(result.stdout).toContain("Contracts concluded: 3 in 1 call(s).");

  expect(contractsOfCall(s.call.id, db).map((c) => [c.number, c.organisationName, c.fteHundredths])).toEqual(concluded);
  const decidedAt = db.select({ decidedAt: awardDecisions.decidedAt }).from(awardDecisions).where(eq(awardDecisions.status, "awarded")).all().map((d) => d.decidedAt.getTime());
  const rows = db.select({ concludedAt: contracts.concludedAt, by: contracts.concludedByUserId }).from(contracts).all();
  expect(rows.every((r) => decidedAt.includes(r.concludedAt.getTime()) && r.by === s.officerB)).toBe(true);
  const entries = db.select({ at: auditEntries.at }).from(auditEntries).where(eq(auditEntries.action, "contracts.concluded")).all();
  expect(entries.at(-1)!.at.getTime()).toBe(rows[0].concludedAt.getTime());

  expect(concludeMissingContracts({ db })).toEqual([]);
});
