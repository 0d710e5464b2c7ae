// The public result of a call against a real database: nothing before the award, then per
// lot the carriers, FTE, value and date; a cancelled lot with its reason; a cancelled call.
// Everything comes from the real award procedure (tests/support/award.ts): a lot cancelled
// with its notices, the proposal (lot 2 split between Alpha 5.00 and Beta 2.75 FTE, Gamma
// 2.00 FTE in lot 4), the Vorabinformation and the award on the earliest award date.
import { randomBytes } from "node:crypto";
import { sql } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { cancelCall, cancelLot } from "../../app/award/cancellation.server";
import { fixMissingAwardValues } from "../../app/award/award-values.server";
import { loadCallOutcome, loadCallResult } from "../../app/award/result.server";
import { admittedBids } from "../../app/evaluation/bids.server";
import { closeDb, rowsOf, runSql, writeTx } from "../../app/infra/db.server";
import { resetEnvForTests } from "../../app/infra/env.server";
import { localStorage } from "../../app/infra/storage.server";
import { loader as ocdsLoader } from "../../app/routes/aufrufe.$slug.ocds[.]json";
import { loader as resultLoader } from "../../app/routes/aufrufe.$slug.ergebnis";
import { openedSnapshots } from "../../app/submission/opened-snapshots.server";
import { termMonths } from "../../app/submission/rules";
import { buildAwardScenario, type AwardScenario } from "../support/award";
import { validateReleasePackage } from "../support/ocds-schema";
import { tempDatabase, type TempDb } from "../support/temp-db";

const NOW = new Date("2026-11-25T10:00:00Z");
const SENT = new Date("2026-12-15T09:00:00Z");
const SLUG = "dresden-2017-demo";
const LOT_REASON = "Der Bedarf in dieser Region wird anders gedeckt.";

let t: TempDb;
let s: AwardScenario;
let cancelledLotId: string;
let earliest: Date;
const others: TempDb[] = [];
const saved = { DATA_DIR: process.env.DATA_DIR, DATABASE_URL: process.env.DATABASE_URL, PORTAL_MASTER_KEY: process.env.PORTAL_MASTER_KEY };

/** A fresh database with the award scenario; the routes below read the process-wide database, so point it there. */
async function scenario(): Promise<{ t: TempDb; s: AwardScenario }> {
  const t = await tempDatabase();
  const s = await buildAwardScenario({ db: t.db, storage: localStorage(`${t.dir}/files`), now: NOW });
  // DATA_DIR, and on PostgreSQL DATABASE_URL: the database db() opens.
  process.env.DATA_DIR = t.dir;
  if (t.env.DATABASE_URL) process.env.DATABASE_URL = t.env.DATABASE_URL;
  else delete process.env.DATABASE_URL;
  resetEnvForTests();
  closeDb();
  return { t, s };
}

beforeAll(async () => {
  // One master key for the scenario and for the routes below, whose DATA_DIR differs from the
  // one the scenario was built in (a generated key lives in DATA_DIR/keys).
  process.env.PORTAL_MASTER_KEY = randomBytes(32).toString("base64");
  resetEnvForTests();
  ({ t, s } = await scenario());
  await s.scoreAll();
  await s.enterFigures();
  cancelledLotId = s.lotOf("west", "fluechtlingsbegleitung");
}, 60_000);
afterAll(() => {
  closeDb();
  for (const x of [t, ...others]) x?.cleanup();
  for (const [k, v] of Object.entries(saved)) {
    if (v === undefined) delete process.env[k];
    else process.env[k] = v;
  }
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
    await cancelLot({ officerUserId: s.officerA, callId: s.call.id, lotId: cancelledLotId, reason: LOT_REASON, now: s.after, db: t.db, storage: localStorage(`${t.dir}/files`), sendMails: false });
    earliest = await s.preInform(SENT);

    expect(await loadCallResult(SLUG, { db: t.db })).toBeNull();
    expect(await resultStatus(SLUG)).toBe(404);
    expect(await resultStatus("gibt-es-nicht")).toBe(404);

    const outcome = await loadCallOutcome(s.call.id, { db: t.db });
    expect(outcome.awardedAt).toBeNull();
    expect(outcome.cancellation).toBeNull();
    expect(outcome.cancelledLots).toEqual([
      { lotId: cancelledLotId, number: 15, regionName: "Region West", roleName: "Flüchtlingsbegleitung", at: s.after, reason: LOT_REASON },
    ]);

    const pkg = await ocdsPackage();
    expect(validateReleasePackage(pkg).errors).toEqual([]);
    const release = pkg.releases[0];
    expect(release.awards).toBeUndefined();
    expect(release.tag).toEqual(["tender"]);
    expect(JSON.stringify(pkg)).not.toContain("Alpha e. V.");
    expect(release.tender.lots.find((l: { id: string }) => l.id === "los-15").status).toBe("cancelled");
    expect(release.tender.documents.find((d: { id: string }) => d.id === "aufhebung-los-15").description).toBe(LOT_REASON);
  });

  it("after the award shows per lot the carriers, FTE, value and date, and the cancelled lot with its reason", async () => {
    await s.award(earliest);
    const result = await loadCallResult(SLUG, { db: t.db });
    if (result?.state !== "awarded") throw new Error(`expected an awarded result, got ${result?.state}`);
    expect(result.awardedAt).toEqual(earliest);
    expect(result.lots).toHaveLength(16);

    const months = termMonths(s.call.dates.serviceStart, s.call.dates.contractEnd);
    const term = (perYearCents: number) => Math.round((perYearCents * months) / 12);
    const byNumber = (n: number) => result.lots.find((l) => l.number === n)!;
    // Every bid: 50,000 € per FTE and year, 2,000 € material and overhead for the whole offer,
    // which count in the share of the offer awarded.
    // Lot 2: Alpha all 5 FTE: 250,000 € + 2,000 € = 252,000 € a year; Beta 2.75 of its 4 FTE:
    // 137,500 € + 2,000 € × 2.75 / 4 = 138,875 € a year. Gamma (rank 3) gets nothing and is not named.
    expect(byNumber(2)).toMatchObject({
      state: "awarded",
      fteHundredths: 775,
      awards: [
        { carrierName: "Alpha e. V.", fteHundredths: 500, valueCents: term(25_200_000), address: { street: "Weg 1", postalCode: "01067", city: "Dresden" } },
        { carrierName: "Beta e. V.", fteHundredths: 275, valueCents: term(13_887_500) },
      ],
      valueCents: term(25_200_000) + term(13_887_500),
    });
    expect(byNumber(2).awards.map((a) => a.carrierName)).not.toContain("Gamma e. V.");
    // Lot 4 (Integrationsberatung Nord): Gamma, 2 FTE: 100,000 € + 2,000 € = 102,000 € a year.
    expect(byNumber(4)).toMatchObject({ state: "awarded", awards: [{ carrierName: "Gamma e. V.", fteHundredths: 200, valueCents: term(10_200_000) }] });
    expect(byNumber(15)).toMatchObject({ state: "cancelled", cancelledAt: s.after, cancellationReason: LOT_REASON, awards: [] });
    expect(byNumber(1)).toMatchObject({ state: "notAwarded", awards: [] });
    expect(result.totals).toEqual({
      lots: 16,
      lotsAwarded: 2,
      lotsNotAwarded: 13,
      lotsCancelled: 1,
      carriers: 3,
      fteHundredths: 975,
      valueCents: term(25_200_000) + term(13_887_500) + term(10_200_000),
    });
    // Only what is public after the award: no scores, ranks, receipt numbers or bid text, no excluded bidder.
    const text = JSON.stringify(result);
    for (const secret of ["rank", "receipt", "concept", "score", "personnelCost", "Delta e. V."]) expect(text).not.toContain(secret);

    expect(await resultStatus(SLUG)).toBe(200);
    expect((await loadCallOutcome(s.call.id, { db: t.db })).awardedAt).toEqual(earliest);
  });

  it("puts the awards into ocds.json, valid against the schema with the Lots extension", async () => {
    const pkg = await ocdsPackage();
    expect(validateReleasePackage(pkg).errors).toEqual([]);
    const release = pkg.releases[0];
    expect(release.tag).toEqual(["tender", "award"]);
    expect(release.tender.status).toBe("complete");
    const awards = release.awards as { relatedLots: string[]; suppliers: { name: string }[]; items: { quantity: number }[]; status: string }[];
    expect(awards.map((a) => [a.relatedLots[0], a.suppliers[0].name, a.items[0].quantity, a.status])).toEqual([
      ["los-2", "Alpha e. V.", 5, "active"],
      ["los-2", "Beta e. V.", 2.75, "active"],
      ["los-4", "Gamma e. V.", 2, "active"],
    ]);
    expect(release.parties.filter((p: { roles: string[] }) => p.roles.includes("supplier")).map((p: { name: string }) => p.name)).toEqual(["Alpha e. V.", "Beta e. V.", "Gamma e. V."]);
    expect(JSON.stringify(pkg)).not.toContain("Delta e. V.");
  });

  it("reads the values fixed at the award and no bid: without the call's key the result and ocds.json stay the same", async () => {
    const result = await loadCallResult(SLUG, { db: t.db });
    const pkg = await ocdsPackage();
    const [{ key }] = await rowsOf<{ key: Buffer }>(t.db, sql`SELECT wrapped_key AS key FROM call_keys WHERE call_id = ${s.call.id}`);
    const setKey = (wrapped: Buffer) => writeTx((tx) => runSql(tx, sql`UPDATE call_keys SET wrapped_key = ${wrapped} WHERE call_id = ${s.call.id}`), t.db);
    await setKey(Buffer.alloc(key.length));
    openedSnapshots.clear();
    try {
      await expect(admittedBids(t.db, s.call.id)).rejects.toThrow(); // the bids cannot be read now
      expect(await loadCallResult(SLUG, { db: t.db })).toEqual(result);
      expect(await ocdsPackage()).toEqual(pkg);
    } finally {
      await setKey(key);
    }
    // An award made before values were stored gets its value from the upgrade step, once.
    await writeTx((tx) => runSql(tx, sql`UPDATE award_decisions SET value_cents = NULL WHERE status = 'awarded' AND fte_awarded_hundredths > 0`), t.db);
    expect(await loadCallResult(SLUG, { db: t.db })).not.toEqual(result);
    expect(await fixMissingAwardValues({ db: t.db })).toBe(3);
    expect(await fixMissingAwardValues({ db: t.db })).toBe(0);
    expect(await loadCallResult(SLUG, { db: t.db })).toEqual(result);
  });

  it("states a cancelled call on the result page, without awards", async () => {
    // A call of its own, cancelled by the procedure after the opening.
    const other = await scenario();
    others.push(other.t);
    const reason = "Die Mittel stehen nicht mehr zur Verfügung.";
    await cancelCall({ officerUserId: other.s.officerA, callId: other.s.call.id, reason, now: other.s.after, db: other.t.db, storage: localStorage(`${other.t.dir}/files`), sendMails: false });
    const result = await loadCallResult(SLUG, { db: other.t.db });
    expect(result).toMatchObject({ state: "cancelled", cancelledAt: other.s.after, cancellationReason: reason });
    expect((await loadCallOutcome(other.s.call.id, { db: other.t.db })).cancellation).toEqual({ at: other.s.after, reason });
    expect(await resultStatus(SLUG)).toBe(200);
    const pkg = await ocdsPackage();
    expect(validateReleasePackage(pkg).errors).toEqual([]);
    expect(pkg.releases[0].tag).toEqual(["tenderCancellation"]);
    expect(pkg.releases[0].tender.status).toBe("cancelled");
  });
});
