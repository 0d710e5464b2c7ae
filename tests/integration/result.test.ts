// The public result of a call against a real SQLite file: nothing before the award, then per
// lot the carriers, FTE, value and date; a cancelled lot with its reason; a cancelled call.
// The award rows come from `awardProcedureFixture` (tests/support/award-fixture.ts), which
// stands in for the award procedure over the opened demo call of tests/support/evaluation.ts.
import { randomBytes } from "node:crypto";
import { eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { loadCallOutcome, loadCallResult } from "../../app/award/result.server";
import { closeDb } from "../../app/infra/db.server";
import { resetEnvForTests } from "../../app/infra/env.server";
import { awardDecisions, awardProcedures, calls, lots } from "../../app/infra/schema";
import { loader as ocdsLoader } from "../../app/routes/aufrufe.$slug.ocds[.]json";
import { loader as resultLoader } from "../../app/routes/aufrufe.$slug.ergebnis";
import { termMonths } from "../../app/submission/rules";
import { AWARDED_AT, awardProcedureFixture } from "../support/award-fixture";
import { evaluationScenario, type EvaluationScenario } from "../support/evaluation";
import { validateReleasePackage } from "../support/ocds-schema";

let s: EvaluationScenario;
const savedDataDir = process.env.DATA_DIR;
const savedMasterKey = process.env.PORTAL_MASTER_KEY;
const SLUG = "dresden-2017-demo";
const LOT_CANCELLED_AT = new Date("2026-12-01T09:00:00Z");
const LOT_REASON = "Der Bedarf in dieser Region wird anders gedeckt.";

beforeAll(async () => {
  // One master key for the scenario and for the routes below, whose DATA_DIR differs from the
  // one the scenario was built in (a generated key lives in DATA_DIR/keys).
  process.env.PORTAL_MASTER_KEY = randomBytes(32).toString("base64");
  resetEnvForTests();
  s = await evaluationScenario();
  // The routes read the process-wide database: point it at this test's file.
  process.env.DATA_DIR = s.t.dir;
  resetEnvForTests();
  closeDb();
}, 60_000);
afterAll(() => {
  closeDb();
  s?.t.cleanup();
  process.env.DATA_DIR = savedDataDir;
  if (savedMasterKey === undefined) delete process.env.PORTAL_MASTER_KEY;
  else process.env.PORTAL_MASTER_KEY = savedMasterKey;
  resetEnvForTests();
});

const request = (path: string) => new Request(`http://portal.test${path}`);

async function resultStatus(slug: string): Promise<number> {
  try {
    await resultLoader({ params: { slug }, request: request(`/aufrufe/${slug}/ergebnis`), context: {} });
    return 200;
  } catch (thrown) {
    if (thrown instanceof Response) return thrown.status;
    throw thrown;
  }
}

async function ocdsPackage() {
  const response = await ocdsLoader({ params: { slug: SLUG }, request: request(`/aufrufe/${SLUG}/ocds.json`), context: {} });
  return JSON.parse(await response.text());
}

describe("the public result", () => {
  it("is not public before the award: no result, a 404, no awards in ocds.json; a cancelled lot is stated at once", async () => {
    s.db.update(lots).set({ cancelledAt: LOT_CANCELLED_AT, cancellationReason: LOT_REASON }).where(eq(lots.id, s.lotId(4))).run();
    awardProcedureFixture(s, { status: "preInformed", callStatus: "award_proposed" });

    expect(loadCallResult(SLUG, { db: s.db })).toBeNull();
    expect(await resultStatus(SLUG)).toBe(404);
    expect(await resultStatus("gibt-es-nicht")).toBe(404);

    const outcome = loadCallOutcome(s.call.id, { db: s.db });
    expect(outcome.awardedAt).toBeNull();
    expect(outcome.cancellation).toBeNull();
    expect(outcome.cancelledLots).toEqual([
      { lotId: s.lotId(4), number: 4, regionName: expect.any(String), roleName: expect.any(String), at: LOT_CANCELLED_AT, reason: LOT_REASON },
    ]);

    const pkg = await ocdsPackage();
    expect(validateReleasePackage(pkg).errors).toEqual([]);
    const release = pkg.releases[0];
    expect(release.awards).toBeUndefined();
    expect(release.tag).toEqual(["tender"]);
    expect(JSON.stringify(pkg)).not.toContain("Alpha e. V.");
    expect(release.tender.lots.find((l: { id: string }) => l.id === "los-4").status).toBe("cancelled");
    expect(release.tender.documents.find((d: { id: string }) => d.id === "aufhebung-los-4").description).toBe(LOT_REASON);
  });

  it("after the award shows per lot the carriers, FTE, value and date, and the cancelled lot with its reason", async () => {
    awardProcedureFixture(s, { status: "awarded", callStatus: "awarded" });
    const result = loadCallResult(SLUG, { db: s.db });
    if (result?.state !== "awarded") throw new Error(`expected an awarded result, got ${result?.state}`);
    expect(result.awardedAt).toEqual(AWARDED_AT);
    expect(result.lots).toHaveLength(16);

    const months = termMonths(s.call.dates.serviceStart, s.call.dates.contractEnd);
    const term = (perYearCents: number) => Math.round((perYearCents * months) / 12);
    const byNumber = (n: number) => result.lots.find((l) => l.number === n)!;
    // Lot 2: Gamma first (rank 1), 1 of 2 FTE at 40,000 €: 40,000 € + 2,000 € / 2 = 41,000 € a year;
    // Alpha all 2 FTE at 50,000 €: 100,000 € + 2,000 € = 102,000 € a year. Beta gets nothing and is not named.
    expect(byNumber(2)).toMatchObject({
      state: "awarded",
      fteHundredths: 300,
      awards: [
        { carrierName: "Gamma e. V.", fteHundredths: 100, valueCents: term(4_100_000), address: { street: "Weg 1", postalCode: "01067", city: "Dresden" } },
        { carrierName: "Alpha e. V.", fteHundredths: 200, valueCents: term(10_200_000) },
      ],
      valueCents: term(4_100_000) + term(10_200_000),
    });
    expect(byNumber(2).awards.map((a) => a.carrierName)).not.toContain("Beta e. V.");
    // Lot 3: Gamma, 2 FTE at 40,000 € + 2,000 € = 82,000 € a year.
    expect(byNumber(3)).toMatchObject({ state: "awarded", awards: [{ carrierName: "Gamma e. V.", fteHundredths: 200, valueCents: term(8_200_000) }] });
    expect(byNumber(4)).toMatchObject({ state: "cancelled", cancelledAt: LOT_CANCELLED_AT, cancellationReason: LOT_REASON, awards: [] });
    expect(byNumber(1)).toMatchObject({ state: "notAwarded", awards: [] });
    expect(result.totals).toEqual({
      lots: 16,
      lotsAwarded: 2,
      lotsNotAwarded: 13,
      lotsCancelled: 1,
      carriers: 2,
      fteHundredths: 500,
      valueCents: term(4_100_000) + term(10_200_000) + term(8_200_000),
    });
    // Only what is public after the award: no scores, ranks, receipt numbers or bid text.
    const text = JSON.stringify(result);
    for (const secret of ["rank", "receipt", "concept", "score", "personnelCost"]) expect(text).not.toContain(secret);

    expect(await resultStatus(SLUG)).toBe(200);
    expect(loadCallOutcome(s.call.id, { db: s.db }).awardedAt).toEqual(AWARDED_AT);
  });

  it("puts the awards into ocds.json, valid against the schema with the Lots extension", async () => {
    awardProcedureFixture(s, { status: "awarded", callStatus: "awarded" });
    const pkg = await ocdsPackage();
    expect(validateReleasePackage(pkg).errors).toEqual([]);
    const release = pkg.releases[0];
    expect(release.tag).toEqual(["tender", "award"]);
    expect(release.tender.status).toBe("complete");
    const awards = release.awards as { relatedLots: string[]; suppliers: { name: string }[]; items: { quantity: number }[]; status: string }[];
    expect(awards.map((a) => [a.relatedLots[0], a.suppliers[0].name, a.items[0].quantity, a.status])).toEqual([
      ["los-2", "Gamma e. V.", 1, "active"],
      ["los-2", "Alpha e. V.", 2, "active"],
      ["los-3", "Gamma e. V.", 2, "active"],
    ]);
    expect(release.parties.filter((p: { roles: string[] }) => p.roles.includes("supplier")).map((p: { name: string }) => p.name)).toEqual(["Gamma e. V.", "Alpha e. V."]);
    expect(JSON.stringify(pkg)).not.toContain("Beta e. V.");
  });

  it("states a cancelled call on the result page, without awards", async () => {
    const at = new Date("2026-12-02T10:00:00Z");
    s.db.delete(awardDecisions).run();
    s.db.delete(awardProcedures).run();
    s.db.update(calls).set({ status: "cancelled", cancelledAt: at, cancellationReason: "Die Mittel stehen nicht mehr zur Verfügung." }).where(eq(calls.id, s.call.id)).run();
    const result = loadCallResult(SLUG, { db: s.db });
    expect(result).toMatchObject({ state: "cancelled", cancelledAt: at, cancellationReason: "Die Mittel stehen nicht mehr zur Verfügung." });
    expect(loadCallOutcome(s.call.id, { db: s.db }).cancellation).toEqual({ at, reason: "Die Mittel stehen nicht mehr zur Verfügung." });
    expect(await resultStatus(SLUG)).toBe(200);
    const pkg = await ocdsPackage();
    expect(validateReleasePackage(pkg).errors).toEqual([]);
    expect(pkg.releases[0].tag).toEqual(["tenderCancellation"]);
    expect(pkg.releases[0].tender.status).toBe("cancelled");
  });
});
