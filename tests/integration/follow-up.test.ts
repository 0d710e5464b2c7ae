// Folgeaufruf (decision 0027) against a real SQLite file: after the award of the scenario in
// tests/support/award.ts, worked by hand from its figures (Nord 1,240 refugees, 312 with a
// right to stay; the other regions 800 and 160; key 80, the tandem 1 : 1, coordination 1,00):
//   FSA Nord requires 7,75 and holds Alpha 5,00 + Beta 2,75: covered.
//   IB Nord requires 3,90 and holds Gamma 2,00: 1,90 uncovered.
//   Every other lot was awarded nothing: RK 1,00, FB Nord 7,75, FSA/FB 5,00, IB 2,00 elsewhere.
import { execFile } from "node:child_process";
import fs from "node:fs";
import path from "node:path";
import { eq } from "drizzle-orm";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { loadDraft, publishDraft } from "../../app/procurement/authoring.server";
import { loadCallView } from "../../app/procurement/calls.server";
import { concludeMissingContracts } from "../../app/contracts/conclude-missing.server";
import { contractsOfCall } from "../../app/contracts/contracts.server";
import { first, writeTx, type Db } from "../../app/infra/db.server";
import { berlinYearMonth } from "../../app/i18n/berlin-time";
import { coverageOfCall } from "../../app/staffing/coverage.server";
import { env } from "../../app/infra/env.server";
import { auditEntries, awardDecisions, calls, clientFigures, contracts, regions } from "../../app/infra/schema";
import { followUpsOf } from "../../app/procurement/call-family.server";
import { createFollowUpCall, originalOf, uncoveredOfCall } from "../../app/procurement/follow-up.server";
import { computeStaffingPlan } from "../../app/staffing/plans.server";
import { copyOfAwardScenario, type AwardScenario } from "../support/award";
import { refusedByAsync } from "../support/refusals";
import type { TempDb } from "../support/temp-db";

const NOW = new Date("2026-11-25T10:00:00Z");
const SENT = new Date("2026-12-15T09:00:00Z");
const EARLIEST = new Date("2026-12-25T23:00:00Z");
const LATER = new Date("2027-01-11T09:00:00Z");

let t: TempDb;
let db: Db;
let s: AwardScenario;
beforeEach(async () => {
  ({ t, s } = await copyOfAwardScenario(NOW));
  db = t.db;
  await s.scoreAll();
  await s.enterFigures();
});
afterEach(() => t.cleanup());

async function decide() {
  await s.preInform(SENT);
  await s.award(EARLIEST);
}

describe("the uncovered FTE of a decided call", () => {
  it("are required less contracted per lot, a lot without an award counting whole", async () => {
    await decide();
    const preview = await uncoveredOfCall({ slug: s.call.slug, now: LATER, db });
    const nord = preview.result.lots.filter((l) => l.regionCode === "nord").map((l) => [l.roleCode, l.requiredHundredths, l.contractedHundredths, l.uncoveredHundredths]);
    expect(nord).toEqual([
      ["regionalkoordination", 100, 0, 100],
      ["fluechtlingssozialarbeit", 775, 775, 0],
      ["fluechtlingsbegleitung", 775, 0, 775],
      ["integrationsberatung", 390, 200, 190],
    ]);
    expect(preview.result.uncovered).toHaveLength(15);
    // Nord 10,65 + three regions of 1,00 + 5,00 + 5,00 + 2,00.
    expect(preview.result.totalUncoveredHundredths).toBe(1065 + 3 * 1300);
    expect(preview.draft).toEqual({ slug: `${s.call.slug}-folgeaufruf`, title: `${s.call.title} – Folgeaufruf`, ordinal: 1 });
  });

  it("refuses to compute them while a figure the requirement needs is missing", async () => {
    await decide();
    const west = (await db.select({ id: regions.id }).from(regions).where(eq(regions.callId, s.call.id))).at(-1)!;
    await writeTx(async (tx) => {
      await tx.delete(clientFigures).where(eq(clientFigures.regionId, west.id));
    }, db);
    expect(await refusedByAsync(() => createFollowUpCall({ callId: s.call.id, officerUserId: s.officerA, now: LATER, db }))).toMatchObject({ code: "INVALID", key: "followUp.refusal.figuresMissing" });
  });
});

describe("creating the follow-up call", () => {
  it("is refused before the award", async () => {
    expect(await refusedByAsync(() => createFollowUpCall({ callId: s.call.id, officerUserId: s.officerA, now: LATER, db }))).toMatchObject({ code: "CONFLICT", key: "followUp.refusal.notAwarded" });
  });

  it("makes a draft of the uncovered lots with their FTE as volume, linked to the original, audited and publishable; a second one is numbered", async () => {
    await decide();
    const { callId, slug } = await createFollowUpCall({ callId: s.call.id, officerUserId: s.officerA, now: LATER, db });
    expect(slug).toBe(`${s.call.slug}-folgeaufruf`);
    const draft = (await loadDraft(slug, db))!;
    expect(draft.status).toBe("draft");
    expect(draft.definition.title).toBe(`${s.call.title} – Folgeaufruf`);
    expect(draft.definition.lots).toHaveLength(15);
    expect(draft.definition.lots).toContainEqual({ region: "nord", role: "integrationsberatung", fte: 1.9 });
    expect(draft.definition.lots?.some((l) => l.region === "nord" && l.role === "fluechtlingssozialarbeit")).toBe(false);
    expect(draft.definition.dates.contractEnd).toBe((await loadDraft(s.call.slug, db))!.definition.dates.contractEnd);
    expect(Date.parse(draft.definition.dates.published)).toBeGreaterThan(LATER.getTime());
    expect((await followUpsOf(s.call.id, db)).map((f) => f.slug)).toEqual([slug]);
    expect(await originalOf(callId, db)).toEqual({ slug: s.call.slug, title: s.call.title });
    const audit = await db.select().from(auditEntries).where(eq(auditEntries.action, "call.follow-up-created"));
    expect(audit).toHaveLength(1);
    expect(JSON.parse(audit[0].details)).toMatchObject({ slug, originalSlug: s.call.slug, lots: expect.arrayContaining([{ region: "nord", role: "integrationsberatung", required: 390, contracted: 200, uncovered: 190 }]) });

    const second = await createFollowUpCall({ callId: s.call.id, officerUserId: s.officerB, now: LATER, db });
    expect(second.slug).toBe(`${s.call.slug}-folgeaufruf-2`);
    expect((await loadDraft(second.slug, db))!.definition.title).toBe(`${s.call.title} – 2. Folgeaufruf`);

    // The existing publish flow takes it as it takes any draft.
    expect(await publishDraft({ actorUserId: s.officerA, slug, now: LATER, db })).toEqual({ ok: true, callId });
    expect((await first(db.select({ status: calls.status }).from(calls).where(eq(calls.id, callId))))?.status).toBe("published");
  });

  it("lets the follow-up's awards count in the original's staffing plan under the lot of the same region and role", async () => {
    await decide();
    const { slug } = await createFollowUpCall({ callId: s.call.id, officerUserId: s.officerA, now: LATER, db });
    const contracted = async () =>
      (await computeStaffingPlan({ callId: s.call.id, trigger: "manual", userId: s.officerA, now: LATER, db })).plan.lots.find((l) => l.lotId === s.ibNord)!.contractedHundredths;
    expect(await contracted()).toBe(200);
    // An award in the follow-up's IB Nord lot, recorded directly: the follow-up runs the
    // procedure every call runs, which the award's own tests cover.
    const lot = (await loadCallView(slug, { includeDrafts: true, db }))!.lots.find((l) => l.regionCode === "nord" && l.roleCode === "integrationsberatung")!;
    const submissionId = s.sub("Gamma e. V.");
    const [decision] = await writeTx(
      async (tx) =>
        await tx
          .insert(awardDecisions)
          .values({ lotId: lot.id, submissionId, rank: 1, fteAwardedHundredths: 190, reason: "Folgeaufruf", status: "awarded", decidedAt: LATER })
          .returning(),
      db,
    );
    expect(await contracted()).toBe(390);

    // Its contract (recorded directly, as Gamma's original one with the follow-up's lot, FTE
    // and term) joins the original's plan over time from the follow-up's service start on.
    const followUp = (await loadCallView(slug, { includeDrafts: true, db }))!;
    const gamma = (await first(db.select().from(contracts).where(eq(contracts.lotId, s.ibNord))))!;
    const { id: _id, ...copy } = gamma;
    await writeTx(async (tx) => {
      await tx
        .insert(contracts)
        .values({ ...copy, number: `${gamma.number}-F`, callId: followUp.id, lotId: lot.id, awardDecisionId: decision.id, fteHundredths: 190, startsAt: followUp.dates.serviceStart, endsAt: followUp.dates.contractEnd });
    }, db);
    const { coverage } = await coverageOfCall({ callId: s.call.id, now: followUp.dates.serviceStart, db });
    const { year, month } = berlinYearMonth(followUp.dates.serviceStart);
    const ibNord = coverage!.regions.find((r) => r.regionCode === "nord")!.roles.find((r) => r.roleCode === "integrationsberatung")!;
    const contractedIn = (m: string) => ibNord.months.find((x) => x.month === m)!.contractedHundredths;
    expect(contractedIn(`${year}-${String(month).padStart(2, "0")}`)).toBe(390);
    expect(contractedIn(coverage!.months[0])).toBe(200);
  });
});

// The upgrade step for calls awarded before contracts existed (decision 0022, Consequences).
describe("contracts:conclude", () => {
  it("concludes from the command line the contracts a call awarded before contracts existed lacks, dated by its award, and nothing the second time", async () => {
    await decide();
    const concluded = (await contractsOfCall(s.call.id, db)).map((c) => [c.number, c.organisationName, c.fteHundredths]);
    expect(concluded).toHaveLength(3);
    // As a call awarded before contracts existed: the award decisions without their contracts.
    await writeTx(async (tx) => {
      await tx.delete(contracts);
    }, db);

    // The command opens the sealed bids with the master key this process sealed them with.
    const keyFile = path.join("keys", "master.key");
    if (!env().PORTAL_MASTER_KEY) {
      fs.mkdirSync(path.join(t.dir, "keys"), { recursive: true });
      fs.copyFileSync(path.join(env().dataDir, keyFile), path.join(t.dir, keyFile));
    }
    const run = () =>
      new Promise<{ code: number; stdout: string; stderr: string }>((resolve) => {
        execFile(path.resolve("node_modules/.bin/tsx"), ["scripts/portal.ts", "contracts:conclude"], { cwd: path.resolve("."), env: { ...process.env, ...t.env }, timeout: 120_000 }, (error, stdout, stderr) => {
          resolve({ code: error ? (typeof error.code === "number" ? error.code : -1) : 0, stdout: String(stdout), stderr: String(stderr) });
        });
      });
    const result = await run();
    expect(result, result.stderr).toMatchObject({ code: 0 });
    expect(result.stdout).toContain("Contracts concluded: 3 in 1 call(s).");

    expect((await contractsOfCall(s.call.id, db)).map((c) => [c.number, c.organisationName, c.fteHundredths])).toEqual(concluded);
    const decidedAt = (await db.select({ decidedAt: awardDecisions.decidedAt }).from(awardDecisions).where(eq(awardDecisions.status, "awarded"))).map((d) => d.decidedAt.getTime());
    const rows = await db.select({ concludedAt: contracts.concludedAt, by: contracts.concludedByUserId }).from(contracts);
    expect(rows.every((r) => decidedAt.includes(r.concludedAt.getTime()) && r.by === s.officerB)).toBe(true);
    const entries = await db.select({ at: auditEntries.at }).from(auditEntries).where(eq(auditEntries.action, "contracts.concluded"));
    expect(entries.at(-1)!.at.getTime()).toBe(rows[0].concludedAt.getTime());

    expect(await concludeMissingContracts({ db })).toEqual([]);
  });
});
