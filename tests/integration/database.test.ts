import { asc, count, eq, getTableName, is, sql } from "drizzle-orm";
import { SQLiteTable } from "drizzle-orm/sqlite-core";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { DEMO_ACCOUNTS, DEMO_SLUG, HISTORIC_SLUG, loadDemo } from "../../app/demo/demo.server";
import { closeDatabase, rowsOf, schema, writeTx, type Db } from "../../app/infra/db.server";
import { DomainError } from "../../app/infra/errors";
import { auditEntries, calls, conceptSections, criteria, lots, regions, roles, scalePoints, staffingRules, users } from "../../app/infra/schema";
import type { CallDefinition } from "../../app/procurement/call-definition";
import { publicPhase } from "../../app/procurement/call-view";
import {
  importCall,
  listAllCalls,
  listPublicCalls,
  loadCallView,
  publishCall,
} from "../../app/procurement/calls.server";
import { dresdenDefinition } from "../support/dresden";
import { tempDatabase, testDialect, type TempDb } from "../support/temp-db";

const DAY = 86_400_000;
// Before Dresden's question deadline (15 Feb 2017), so that publishing is allowed.
const IMPORTED_AT = new Date("2017-01-20T08:00:00Z");
const PUBLISHED_AT = new Date("2017-01-26T09:00:00Z");

let t: TempDb;
let db: Db;
beforeEach(async () => {
  t = await tempDatabase();
  db = t.db;
});
afterEach(() => t.cleanup());

const rowCount = async (table: SQLiteTable) => (await db.select({ n: count() }).from(table))[0].n;

async function importDresden(definition: CallDefinition = dresdenDefinition(), now = IMPORTED_AT) {
  return await importCall({ definition, actorUserId: null, now, db });
}

async function auditActions(): Promise<string[]> {
  return (await db.select({ action: auditEntries.action }).from(auditEntries).orderBy(asc(auditEntries.seq))).map((r) => r.action);
}

describe("openDatabase", () => {
  // SQLite's pragmas. PostgreSQL's counterparts of WAL and synchronous=FULL (fsync,
  // synchronous_commit) are the server's settings, off on the tests' throwaway cluster for speed;
  // its foreign keys are always on, and the next test checks them on both databases.
  it.skipIf(testDialect() === "postgres")("sets WAL, synchronous FULL (2) and foreign keys", async () => {
    // On both connections: the reader outside a transaction, the writer inside one.
    for (const connection of [db.$client, await writeTx(async (tx) => tx.$client, db)]) {
      expect(connection.pragma("journal_mode", { simple: true })).toBe("wal");
      expect(connection.pragma("synchronous", { simple: true })).toBe(2);
      expect(connection.pragma("foreign_keys", { simple: true })).toBe(1);
    }
  });

  it("creates every table of the schema and the append-only triggers", async () => {
    const expected = Object.values(schema)
      .filter((value) => is(value, SQLiteTable))
      .map((table) => getTableName(table as SQLiteTable))
      .sort();
    expect(expected.length).toBeGreaterThan(20);
    const postgres = testDialect() === "postgres";
    const tablesQuery = postgres
      ? sql`SELECT table_name AS name FROM information_schema.tables WHERE table_schema = current_schema() AND table_type = 'BASE TABLE'`
      : sql`SELECT name FROM sqlite_master WHERE type = 'table'`;
    const actual = (await rowsOf<{ name: string }>(db, tablesQuery)).map((r) => r.name);
    for (const name of expected) expect(actual).toContain(name);
    const triggersQuery = postgres
      ? sql`SELECT tgname AS name FROM pg_trigger WHERE NOT tgisinternal ORDER BY tgname`
      : sql`SELECT name FROM sqlite_master WHERE type = 'trigger' ORDER BY name`;
    const triggers = (await rowsOf<{ name: string }>(db, triggersQuery)).map((r) => r.name);
    expect(triggers).toEqual(expect.arrayContaining(["audit_entries_no_delete", "audit_entries_no_update"]));
  });

  it("refuses a row whose foreign key points nowhere", async () => {
    const orphan = writeTx(async (tx) => {
      await tx.insert(regions).values({ id: "region-ohne-aufruf", callId: "gibt-es-nicht", code: "nord", name: "Nord", description: "", sortOrder: 1 });
    }, db);
    await expect(orphan).rejects.toThrow(testDialect() === "postgres" ? /violates foreign key constraint/ : /FOREIGN KEY constraint failed/);
    expect(await rowCount(regions)).toBe(0);
  });

  it("opens an existing database again without re-running migrations or losing data", async () => {
    await importDresden();
    closeDatabase(db);
    const reopened = t.reopen();
    try {
      expect((await listAllCalls(reopened)).map((c) => c.slug)).toEqual(["dresden-2017"]);
      expect((await reopened.select({ n: count() }).from(lots))[0].n).toBe(16);
    } finally {
      closeDatabase(reopened);
    }
  });
});

describe("importCall and publishCall with Dresden's definition", () => {
  it("imports 4 regions, 4 roles, 16 lots, 8 criteria with 6 scale points each, 4 staffing rules, 12 concept sections", async () => {
    const result = await importDresden();
    expect(result.outcome).toBe("created");
    expect(await rowCount(calls)).toBe(1);
    expect(await rowCount(regions)).toBe(4);
    expect(await rowCount(roles)).toBe(4);
    expect(await rowCount(lots)).toBe(16);
    expect(await rowCount(criteria)).toBe(8);
    expect(await rowCount(scalePoints)).toBe(48);
    for (const c of await db.select({ id: criteria.id }).from(criteria)) {
      expect((await db.select({ n: count() }).from(scalePoints).where(eq(scalePoints.criterionId, c.id)))[0].n).toBe(6);
    }
    expect(await rowCount(staffingRules)).toBe(4);
    expect(await rowCount(conceptSections)).toBe(12);
    const [call] = await db.select().from(calls);
    expect(call).toMatchObject({ id: result.callId, slug: "dresden-2017", status: "draft", publishedAt: null, isDemo: false });
  });

  it("keeps a draft out of public view: loadCallView and listPublicCalls do not show it", async () => {
    await importDresden();
    expect(await loadCallView("dresden-2017", { db })).toBeNull();
    expect(await listPublicCalls(db)).toEqual([]);
    expect((await loadCallView("dresden-2017", { db, includeDrafts: true }))?.status).toBe("draft");
    expect((await listAllCalls(db)).map((c) => [c.slug, c.status])).toEqual([["dresden-2017", "draft"]]);
  });

  it("shows the call publicly after publishCall, with publishedAt set", async () => {
    const { callId } = await importDresden();
    expect(await publishCall({ slug: "dresden-2017", actorUserId: null, now: PUBLISHED_AT, db })).toEqual({ callId });
    const view = await loadCallView("dresden-2017", { db });
    expect(view?.status).toBe("published");
    expect(view?.dates.published).toEqual(PUBLISHED_AT);
    expect((await listPublicCalls(db)).map((c) => c.slug)).toEqual(["dresden-2017"]);
  });

  it("refuses to publish after the question deadline, an unknown slug and a second time", async () => {
    await importDresden();
    const late = new Date("2017-02-15T11:00:00Z"); // exactly the question deadline
    await expect(publishCall({ slug: "dresden-2017", actorUserId: null, now: late, db })).rejects.toThrow(
      expect.objectContaining({ code: "CONFLICT", key: "authoring.refusal.publishAfterQuestionDeadline" }),
    );
    await expect(publishCall({ slug: "berlin-2017", actorUserId: null, now: PUBLISHED_AT, db })).rejects.toThrow(
      expect.objectContaining({ code: "NOT_FOUND" }),
    );
    await publishCall({ slug: "dresden-2017", actorUserId: null, now: PUBLISHED_AT, db });
    await expect(publishCall({ slug: "dresden-2017", actorUserId: null, now: PUBLISHED_AT, db })).rejects.toThrow(
      expect.objectContaining({ code: "CONFLICT" }),
    );
  });

  it("reports the same definition imported again as unchanged and writes nothing", async () => {
    const first = await importDresden();
    const auditBefore = await auditActions();
    expect(await importDresden()).toEqual({ callId: first.callId, outcome: "unchanged" });
    expect(await auditActions()).toEqual(auditBefore);
    expect(await rowCount(lots)).toBe(16);
  });

  it("replaces a draft with a changed definition: updated, same call id, still 16 lots, no orphans", async () => {
    const first = await importDresden();
    const changed = dresdenDefinition();
    changed.title = "Geänderter Titel";
    changed.regions[0].name = "Region Nord (neu)";
    const second = await importDresden(changed, new Date(IMPORTED_AT.getTime() + DAY));
    expect(second).toEqual({ callId: first.callId, outcome: "updated" });
    expect(await rowCount(calls)).toBe(1);
    expect(await rowCount(lots)).toBe(16);
    expect(await rowCount(regions)).toBe(4);
    expect(await rowCount(scalePoints)).toBe(48);
    const view = (await loadCallView("dresden-2017", { db, includeDrafts: true }))!;
    expect(view.title).toBe("Geänderter Titel");
    expect(view.lots[0].regionName).toBe("Region Nord (neu)");
  });

  it("refuses a changed definition for a published call with DomainError CONFLICT and changes nothing", async () => {
    await importDresden();
    await publishCall({ slug: "dresden-2017", actorUserId: null, now: PUBLISHED_AT, db });
    const changed = dresdenDefinition();
    changed.title = "Nachträglich geändert";
    let error: unknown;
    try {
      await importDresden(changed);
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(DomainError);
    expect((error as DomainError).code).toBe("CONFLICT");
    expect(error).toMatchObject({ key: "authoring.refusal.importPublished", params: { slug: "dresden-2017" } });
    expect((await loadCallView("dresden-2017", { db }))?.title).toBe(dresdenDefinition().title);
    // The unchanged definition is still accepted as "unchanged".
    expect((await importDresden()).outcome).toBe("unchanged");
  });

  it("writes an audit entry for every import and publication, in order", async () => {
    const { callId } = await importDresden();
    const changed = dresdenDefinition();
    changed.summary = "Kurzfassung, geändert.";
    await importDresden(changed);
    await publishCall({ slug: "dresden-2017", actorUserId: null, now: PUBLISHED_AT, db });
    const rows = await db.select().from(auditEntries).orderBy(asc(auditEntries.seq));
    expect(rows.map((r) => r.action)).toEqual(["call.imported", "call.draft-replaced", "call.published"]);
    for (const r of rows) expect(r).toMatchObject({ objectType: "call", objectId: callId });
    expect(JSON.parse(rows[0].details)).toMatchObject({ slug: "dresden-2017" });
    expect(JSON.parse(rows[2].details)).toEqual({ slug: "dresden-2017", publishedAt: "2017-01-26T09:00:00.000Z" });
    expect(rows[2].at).toEqual(PUBLISHED_AT);
  });

  it("loadCallView returns lots numbered 1..16 region by region with region and role names", async () => {
    await importDresden();
    const view = (await loadCallView("dresden-2017", { db, includeDrafts: true }))!;
    const d = dresdenDefinition();
    expect(view.lots.map((l) => l.number)).toEqual(Array.from({ length: 16 }, (_, i) => i + 1));
    expect(view.lots[0]).toMatchObject({
      number: 1,
      regionCode: "nord",
      regionName: d.regions[0].name,
      roleCode: "regionalkoordination",
      roleName: d.roles[0].name,
      cancelled: false,
    });
    expect(view.lots[4]).toMatchObject({ number: 5, regionCode: "ost", roleCode: "regionalkoordination" });
    expect(view.lots[15]).toMatchObject({
      number: 16,
      regionCode: "west",
      regionName: d.regions[3].name,
      roleCode: "integrationsberatung",
      roleName: d.roles[3].name,
    });
    for (const l of view.lots) expect(l.regionName && l.roleName).toBeTruthy();
  });

  it("loadCallView returns criteria in definition order with weights, kind and the scale 0..5", async () => {
    await importDresden();
    const view = (await loadCallView("dresden-2017", { db, includeDrafts: true }))!;
    expect(view.criteria.map((c) => [c.code, c.weightPercent])).toEqual([
      ["konzept", 25],
      ["vernetzung", 20],
      ["steuerung", 15],
      ["tandem", 15],
      ["integration", 15],
      ["schutzbeduerftige", 15],
      ["qualitaet", 15],
      ["wirtschaftlichkeit", 10],
    ]);
    expect(view.criteria[7].kind).toBe("price");
    expect(view.criteria[7].priceFormula).toBeTruthy();
    expect(view.criteria[0].priceFormula).toBeNull();
    for (const c of view.criteria) expect(c.scale.map((p) => p.points)).toEqual([0, 1, 2, 3, 4, 5]);
    expect(view.scale).toEqual({ min: 0, max: 5 });
  });

  it("loadCallView returns dates, staffing rules and sections as defined", async () => {
    await importDresden();
    const view = (await loadCallView("dresden-2017", { db, includeDrafts: true }))!;
    expect(view.dates.submissionDeadline).toEqual(new Date("2017-02-28T11:00:00Z"));
    expect(view.dates.questionDeadline).toEqual(new Date("2017-02-15T11:00:00Z"));
    expect(view.dates.published).toBeNull();
    expect(view.clientsPerFte).toBe(80);
    expect(view.staffingRules.map((s) => [s.roleCode, s.basis, s.clientsPerFte, s.sharePercent, s.fixedFte])).toEqual([
      ["regionalkoordination", "fixedPerRegion", null, null, 1],
      ["fluechtlingssozialarbeit", "clientsPerFte", 80, 50, null],
      ["fluechtlingsbegleitung", "clientsPerFte", 80, 50, null],
      ["integrationsberatung", "clientsPerFte", 80, 100, null],
    ]);
    expect(view.conceptSections.map((s) => s.code)).toEqual([
      "ansatz",
      "netzwerk",
      "patenschaften",
      "steuerung",
      "tandem",
      "wege",
      "eat",
      "uebergaenge",
      "vernetzung",
      "schutzbeduerftige",
      "qualitaet",
      "start",
    ]);
    expect(view.roles.find((r) => r.code === "fluechtlingssozialarbeit")?.tandemWith).toBe("fluechtlingsbegleitung");
  });

  it("loadCallView returns null for an unknown slug", async () => {
    expect(await loadCallView("gibt-es-nicht", { db, includeDrafts: true })).toBeNull();
  });
});

describe("loadDemo", () => {
  // 08:30Z rounds up to 09:00Z; the demo deadline is 14 days later.
  const NOW = new Date("2025-03-10T08:30:00Z");

  it("keeps the demo idempotent: loading twice adds nothing", async () => {
    const first = await loadDemo({ now: NOW, db });
    expect(first.createdCalls).toEqual([HISTORIC_SLUG, DEMO_SLUG]);
    expect(first.createdAccounts).toEqual(DEMO_ACCOUNTS.map((a) => a.email));
    const before = {
      calls: await rowCount(calls),
      users: await rowCount(users),
      lots: await rowCount(lots),
      audit: await rowCount(auditEntries),
    };
    expect(before).toMatchObject({ calls: 2, users: DEMO_ACCOUNTS.length, lots: 32 });

    const second = await loadDemo({ now: new Date(NOW.getTime() + DAY), db });
    expect(second).toEqual({ createdCalls: [], createdAccounts: [], decided: [] });
    expect({
      calls: await rowCount(calls),
      users: await rowCount(users),
      lots: await rowCount(lots),
      audit: await rowCount(auditEntries),
    }).toEqual(before);
  });

  it("opens the demo call for 14 days from now, on the full hour", async () => {
    await loadDemo({ now: NOW, db });
    const demo = (await loadCallView(DEMO_SLUG, { db }))!;
    expect(demo.isDemo).toBe(true);
    expect(demo.status).toBe("published");
    expect(demo.dates.submissionDeadline).toEqual(new Date("2025-03-24T09:00:00Z"));
    expect(demo.dates.questionDeadline).toEqual(new Date("2025-03-20T09:00:00Z"));
    expect(demo.dates.published).toEqual(new Date("2025-03-09T09:00:00Z"));
    expect(demo.lots).toHaveLength(16);
    expect(publicPhase(demo, NOW)).toBe("open");
    expect(publicPhase(demo, new Date(NOW.getTime() + 14 * DAY))).toBe("open"); // 08:30 < 09:00
    expect(publicPhase(demo, new Date(NOW.getTime() + 15 * DAY))).toBe("closed");
  });

  it("publishes the historic call with publishedAt 26 January 2017; it is closed now", async () => {
    await loadDemo({ now: NOW, db });
    const historic = (await loadCallView(HISTORIC_SLUG, { db }))!;
    expect(historic.isDemo).toBe(false);
    expect(historic.status).toBe("published");
    expect(historic.dates.published).toEqual(new Date("2017-01-26T09:00:00Z"));
    expect(historic.dates.submissionDeadline).toEqual(new Date("2017-02-28T11:00:00Z"));
    expect(publicPhase(historic, NOW)).toBe("closed");
    expect((await listPublicCalls(db)).map((c) => c.slug)).toEqual([HISTORIC_SLUG, DEMO_SLUG]);
  });
});
