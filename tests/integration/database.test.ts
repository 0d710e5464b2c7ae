import { asc, count, eq, getTableName, is } from "drizzle-orm";
import { SQLiteTable } from "drizzle-orm/sqlite-core";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { DEMO_ACCOUNTS, DEMO_SLUG, HISTORIC_SLUG, loadDemo } from "../../app/demo/demo.server";
import { openDatabase, schema, type Db } from "../../app/infra/db.server";
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
import { tempDatabase, type TempDb } from "../support/temp-db";

const DAY = 86_400_000;
// Before Dresden's question deadline (15 Feb 2017), so that publishing is allowed.
const IMPORTED_AT = new Date("2017-01-20T08:00:00Z");
const PUBLISHED_AT = new Date("2017-01-26T09:00:00Z");

let t: TempDb;
let db: Db;
beforeEach(() => {
  t = tempDatabase();
  db = t.db;
});
afterEach(() => t.cleanup());

const rowCount = (table: SQLiteTable) => db.select({ n: count() }).from(table).get()!.n;

function importDresden(definition: CallDefinition = dresdenDefinition(), now = IMPORTED_AT) {
  return importCall({ definition, actorUserId: null, now, db });
}

function auditActions(): string[] {
  return db
    .select({ action: auditEntries.action })
    .from(auditEntries)
    .orderBy(asc(auditEntries.seq))
    .all()
    .map((r) => r.action);
}

describe("openDatabase", () => {
  it("sets WAL, synchronous FULL (2) and foreign keys", () => {
    expect(db.$client.pragma("journal_mode", { simple: true })).toBe("wal");
    expect(db.$client.pragma("synchronous", { simple: true })).toBe(2);
    expect(db.$client.pragma("foreign_keys", { simple: true })).toBe(1);
  });

  it("creates every table of the schema and the append-only triggers", () => {
    const expected = Object.values(schema)
      .filter((value) => is(value, SQLiteTable))
      .map((table) => getTableName(table as SQLiteTable))
      .sort();
    expect(expected.length).toBeGreaterThan(20);
    const actual = db.$client
      .prepare("SELECT name FROM sqlite_master WHERE type = 'table'")
      .all()
      .map((r) => (r as { name: string }).name);
    for (const name of expected) expect(actual).toContain(name);
    const triggers = db.$client
      .prepare("SELECT name FROM sqlite_master WHERE type = 'trigger' ORDER BY name")
      .all()
      .map((r) => (r as { name: string }).name);
    expect(triggers).toEqual(expect.arrayContaining(["audit_entries_no_delete", "audit_entries_no_update"]));
  });

  it("opens an existing file again without re-running migrations or losing data", () => {
    importDresden();
    db.$client.close();
    const reopened = openDatabase(t.file);
    try {
      expect(listAllCalls(reopened).map((c) => c.slug)).toEqual(["dresden-2017"]);
      expect(reopened.select({ n: count() }).from(lots).get()!.n).toBe(16);
    } finally {
      reopened.$client.close();
    }
  });
});

describe("importCall and publishCall with Dresden's definition", () => {
  it("imports 4 regions, 4 roles, 16 lots, 8 criteria with 6 scale points each, 4 staffing rules, 12 concept sections", () => {
    const result = importDresden();
    expect(result.outcome).toBe("created");
    expect(rowCount(calls)).toBe(1);
    expect(rowCount(regions)).toBe(4);
    expect(rowCount(roles)).toBe(4);
    expect(rowCount(lots)).toBe(16);
    expect(rowCount(criteria)).toBe(8);
    expect(rowCount(scalePoints)).toBe(48);
    for (const c of db.select({ id: criteria.id }).from(criteria).all()) {
      expect(db.select({ n: count() }).from(scalePoints).where(eq(scalePoints.criterionId, c.id)).get()!.n).toBe(6);
    }
    expect(rowCount(staffingRules)).toBe(4);
    expect(rowCount(conceptSections)).toBe(12);
    const call = db.select().from(calls).get()!;
    expect(call).toMatchObject({ id: result.callId, slug: "dresden-2017", status: "draft", publishedAt: null, isDemo: false });
  });

  it("keeps a draft out of public view: loadCallView and listPublicCalls do not show it", () => {
    importDresden();
    expect(loadCallView("dresden-2017", { db })).toBeNull();
    expect(listPublicCalls(db)).toEqual([]);
    expect(loadCallView("dresden-2017", { db, includeDrafts: true })?.status).toBe("draft");
    expect(listAllCalls(db).map((c) => [c.slug, c.status])).toEqual([["dresden-2017", "draft"]]);
  });

  it("shows the call publicly after publishCall, with publishedAt set", () => {
    const { callId } = importDresden();
    expect(publishCall({ slug: "dresden-2017", actorUserId: null, now: PUBLISHED_AT, db })).toEqual({ callId });
    const view = loadCallView("dresden-2017", { db });
    expect(view?.status).toBe("published");
    expect(view?.dates.published).toEqual(PUBLISHED_AT);
    expect(listPublicCalls(db).map((c) => c.slug)).toEqual(["dresden-2017"]);
  });

  it("refuses to publish after the question deadline, an unknown slug and a second time", () => {
    importDresden();
    const late = new Date("2017-02-15T11:00:00Z"); // exactly the question deadline
    expect(() => publishCall({ slug: "dresden-2017", actorUserId: null, now: late, db })).toThrow(
      expect.objectContaining({ code: "CONFLICT", key: "authoring.refusal.publishAfterQuestionDeadline" }),
    );
    expect(() => publishCall({ slug: "berlin-2017", actorUserId: null, now: PUBLISHED_AT, db })).toThrow(
      expect.objectContaining({ code: "NOT_FOUND" }),
    );
    publishCall({ slug: "dresden-2017", actorUserId: null, now: PUBLISHED_AT, db });
    expect(() => publishCall({ slug: "dresden-2017", actorUserId: null, now: PUBLISHED_AT, db })).toThrow(
      expect.objectContaining({ code: "CONFLICT" }),
    );
  });

  it("reports the same definition imported again as unchanged and writes nothing", () => {
    const first = importDresden();
    const auditBefore = auditActions();
    expect(importDresden()).toEqual({ callId: first.callId, outcome: "unchanged" });
    expect(auditActions()).toEqual(auditBefore);
    expect(rowCount(lots)).toBe(16);
  });

  it("replaces a draft with a changed definition: updated, same call id, still 16 lots, no orphans", () => {
    const first = importDresden();
    const changed = dresdenDefinition();
    changed.title = "Geänderter Titel";
    changed.regions[0].name = "Region Nord (neu)";
    const second = importDresden(changed, new Date(IMPORTED_AT.getTime() + DAY));
    expect(second).toEqual({ callId: first.callId, outcome: "updated" });
    expect(rowCount(calls)).toBe(1);
    expect(rowCount(lots)).toBe(16);
    expect(rowCount(regions)).toBe(4);
    expect(rowCount(scalePoints)).toBe(48);
    const view = loadCallView("dresden-2017", { db, includeDrafts: true })!;
    expect(view.title).toBe("Geänderter Titel");
    expect(view.lots[0].regionName).toBe("Region Nord (neu)");
  });

  it("refuses a changed definition for a published call with DomainError CONFLICT and changes nothing", () => {
    importDresden();
    publishCall({ slug: "dresden-2017", actorUserId: null, now: PUBLISHED_AT, db });
    const changed = dresdenDefinition();
    changed.title = "Nachträglich geändert";
    let error: unknown;
    try {
      importDresden(changed);
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(DomainError);
    expect((error as DomainError).code).toBe("CONFLICT");
    expect(error).toMatchObject({ key: "authoring.refusal.importPublished", params: { slug: "dresden-2017" } });
    expect(loadCallView("dresden-2017", { db })?.title).toBe(dresdenDefinition().title);
    // The unchanged definition is still accepted as "unchanged".
    expect(importDresden().outcome).toBe("unchanged");
  });

  it("writes an audit entry for every import and publication, in order", () => {
    const { callId } = importDresden();
    const changed = dresdenDefinition();
    changed.summary = "Kurzfassung, geändert.";
    importDresden(changed);
    publishCall({ slug: "dresden-2017", actorUserId: null, now: PUBLISHED_AT, db });
    const rows = db.select().from(auditEntries).orderBy(asc(auditEntries.seq)).all();
    expect(rows.map((r) => r.action)).toEqual(["call.imported", "call.draft-replaced", "call.published"]);
    for (const r of rows) expect(r).toMatchObject({ objectType: "call", objectId: callId });
    expect(JSON.parse(rows[0].details)).toMatchObject({ slug: "dresden-2017" });
    expect(JSON.parse(rows[2].details)).toEqual({ slug: "dresden-2017", publishedAt: "2017-01-26T09:00:00.000Z" });
    expect(rows[2].at).toEqual(PUBLISHED_AT);
  });

  it("loadCallView returns lots numbered 1..16 region by region with region and role names", () => {
    importDresden();
    const view = loadCallView("dresden-2017", { db, includeDrafts: true })!;
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

  it("loadCallView returns criteria in definition order with weights, kind and the scale 0..5", () => {
    importDresden();
    const view = loadCallView("dresden-2017", { db, includeDrafts: true })!;
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

  it("loadCallView returns dates, staffing rules and sections as defined", () => {
    importDresden();
    const view = loadCallView("dresden-2017", { db, includeDrafts: true })!;
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

  it("loadCallView returns null for an unknown slug", () => {
    expect(loadCallView("gibt-es-nicht", { db, includeDrafts: true })).toBeNull();
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
      calls: rowCount(calls),
      users: rowCount(users),
      lots: rowCount(lots),
      audit: rowCount(auditEntries),
    };
    expect(before).toMatchObject({ calls: 2, users: DEMO_ACCOUNTS.length, lots: 32 });

    const second = await loadDemo({ now: new Date(NOW.getTime() + DAY), db });
    expect(second).toEqual({ createdCalls: [], createdAccounts: [], decided: [] });
    expect({
      calls: rowCount(calls),
      users: rowCount(users),
      lots: rowCount(lots),
      audit: rowCount(auditEntries),
    }).toEqual(before);
  });

  it("opens the demo call for 14 days from now, on the full hour", async () => {
    await loadDemo({ now: NOW, db });
    const demo = loadCallView(DEMO_SLUG, { db })!;
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
    const historic = loadCallView(HISTORIC_SLUG, { db })!;
    expect(historic.isDemo).toBe(false);
    expect(historic.status).toBe("published");
    expect(historic.dates.published).toEqual(new Date("2017-01-26T09:00:00Z"));
    expect(historic.dates.submissionDeadline).toEqual(new Date("2017-02-28T11:00:00Z"));
    expect(publicPhase(historic, NOW)).toBe("closed");
    expect(listPublicCalls(db).map((c) => c.slug)).toEqual([HISTORIC_SLUG, DEMO_SLUG]);
  });
});
