// The declarations in Textform and the formal check of exclusion grounds against a real
// SQLite file (decision 0019): a submission is refused while a declaration is missing; the
// declaration records name, role, time and text, sealed with the bid until the opening; the
// officer's finding per ground; an exclusion names its ground.
import { eq } from "drizzle-orm";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { listExclusionsForCall, excludeBid, loadCheckOverview } from "../../app/evaluation/formal-check.server";
import { loadGroundCheck, recordGroundFindings } from "../../app/evaluation/ground-check.server";
import type { Db } from "../../app/infra/db.server";
import { applicationDeclarations, auditEntries } from "../../app/infra/schema";
import { localStorage } from "../../app/infra/storage.server";
import { loadCallView } from "../../app/procurement/calls.server";
import type { CallView } from "../../app/procurement/call-view";
import { loadApplication, missingForApplication, saveDeclaration, type CarrierActor } from "../../app/submission/applications.server";
import { exclusionGrounds } from "../../app/submission/declarations";
import { loadReceipt, submitApplication } from "../../app/submission/submit.server";
import { completeLotBid, demoStaff, fillApplication, NON_PROFIT_DOCUMENTS, nonProfitCarrier, openCall, placeholderUpload } from "../support/factories";
import { refusalCodeAsync as asyncCode } from "../support/refusals";
import type { TempDb } from "../support/temp-db";
import { tempDemoDatabase } from "../support/demo-db";

const NOW = new Date("2026-11-25T10:00:00Z");
const MINUTE = 60_000;
const cleaning = "Schaden ersetzt, verantwortliche Leitung abberufen, Compliance-Stelle eingerichtet.";

let t: TempDb;
let db: Db;
let call: CallView;

beforeEach(async () => {
  t = await tempDemoDatabase(NOW);
  db = t.db;
  call = (await loadCallView("dresden-2017-demo", { db }))!;
});
afterEach(() => t.cleanup());

async function application(actor: CarrierActor, declare: ("pay" | "exclusion")[]) {
  const lot = call.lots.find((l) => l.number === 2)!;
  return (await fillApplication({
    db,
    call,
    actor,
    now: NOW,
    bids: [{ lotId: lot.id, input: completeLotBid(call, (title) => `Text zu ${title}`) }],
    files: [{ lotId: lot.id }, ...NON_PROFIT_DOCUMENTS.map((kind) => ({ kind }))].map((target) => ({ target, upload: placeholderUpload(), originalName: "x.pdf" })),
    declare,
  })).applicationId;
}

describe("the declarations in Textform", () => {
  it("refuses a submission without the exclusion declaration, and one without the pay declaration", async () => {
    const actor = await nonProfitCarrier({ db, now: NOW, name: "Ohne" });
    const applicationId = await application(actor, ["pay"]);
    expect(missingForApplication(await loadApplication({ actor, applicationId, now: NOW, db })).map((m) => m.key)).toEqual(["missing.declaration.exclusion"]);
    expect(await asyncCode(async () => submitApplication({ actor, applicationId, clock: () => NOW, db }))).toBe("INVALID: submit.incomplete");
    const other = await nonProfitCarrier({ db, now: NOW, name: "Ohne Lohn" });
    const second = await application(other, ["exclusion"]);
    expect(missingForApplication(await loadApplication({ actor: other, applicationId: second, now: NOW, db })).map((m) => m.key)).toEqual(["missing.declaration.pay"]);
  });

  it("records name, role, the server time and the German text, sealed in the database, and lists them on the receipt", async () => {
    const actor = await nonProfitCarrier({ db, now: NOW, name: "Mit" });
    const applicationId = await application(actor, ["pay"]);
    const at = new Date(NOW.getTime() + MINUTE);
    const refused = await saveDeclaration({ actor, applicationId, input: { kind: "exclusion", name: "Erika Beispiel", role: "Vorstand", choice: "some", applies: { "gwb124-1-7": "kurz" } }, now: at, db });
    expect(refused.errors.map((e) => e.field)).toEqual(["selbstreinigung-gwb124-1-7"]);
    await saveDeclaration({ actor, applicationId, input: { kind: "exclusion", name: "Erika Beispiel", role: "Vorstand", choice: "some", applies: { "gwb124-1-7": cleaning } }, now: at, db });
    const declared = (await loadApplication({ actor, applicationId, now: at, db })).draft.declarations.exclusion!;
    expect(declared.signature).toEqual({ name: "Erika Beispiel", role: "Vorstand", declaredAt: at.toISOString() });
    expect(declared.grounds).toEqual([{ ground: "gwb124-1-7", selfCleaning: cleaning }]);
    expect(declared.text).toContain("§ 124 Abs. 1 Nr. 7 GWB");
    expect(declared.text).toContain(cleaning);
    // Sealed: nothing of the declaration is readable in a copy of the database.
    const stored = JSON.stringify(await db.select().from(applicationDeclarations));
    expect(stored).not.toContain("Erika");
    expect(stored).not.toContain("Compliance");
    const audit = await db.select().from(auditEntries).where(eq(auditEntries.action, "application.declaration-made"));
    expect(audit.map((a) => JSON.parse(a.details))).toEqual([{ kind: "pay" }, { kind: "exclusion" }]);
    const { submissionId } = await submitApplication({ actor, applicationId, clock: () => at, db });
    const receipt = await loadReceipt({ actor, submissionId, db });
    expect(receipt.snapshot.declarations?.pay?.signature.name).toBe("Erika Beispiel");
    expect(receipt.snapshot.declarations?.exclusion?.grounds).toHaveLength(1);
  });
});

describe("the formal check of exclusion grounds", () => {
  async function opened() {
    const actor = await nonProfitCarrier({ db, now: NOW, name: "Geprüft" });
    const applicationId = await application(actor, ["pay"]);
    await saveDeclaration({ actor, applicationId, input: { kind: "exclusion", name: "Erika Beispiel", role: "Vorstand", choice: "some", applies: { "gwb123-4": cleaning } }, now: NOW, db });
    const { submissionId } = await submitApplication({ actor, applicationId, clock: () => NOW, db });
    const staff = await demoStaff(db);
    const at = new Date(call.dates.submissionDeadline.getTime() + 60 * MINUTE);
    await openCall({ db, storage: localStorage(`${t.dir}/files`), callId: call.id, officerA: staff.officerA, officerB: staff.officerB, at });
    return { submissionId, officer: staff.officerA, at };
  }

  it("shows the officer the carrier's declaration per ground and records a finding per ground, a ground that applies only with a note", async () => {
    const { submissionId, officer, at } = await opened();
    const view = await loadGroundCheck({ officerUserId: officer, submissionId, db });
    expect(view.declaration?.signature.role).toBe("Vorstand");
    expect(view.grounds.filter((g) => g.declared).map((g) => g.ground)).toEqual(["gwb123-4"]);
    const findings = exclusionGrounds.map((ground) => ({ ground, finding: ground === "gwb123-4" ? ("selfCleaning" as const) : ("none" as const), note: "" }));
    expect(await asyncCode(() => recordGroundFindings({ officerUserId: officer, submissionId, findings, now: at, db }))).toBe("INVALID: groundCheck.error.noteRequired");
    findings[1].note = "Rückstände nachweislich beglichen; Bescheinigung des Finanzamts liegt vor.";
    expect(await recordGroundFindings({ officerUserId: officer, submissionId, findings, now: at, db })).toEqual({ recorded: 11, exclusionId: null });
    // Saving the same findings again adds nothing.
    expect((await recordGroundFindings({ officerUserId: officer, submissionId, findings, now: at, db })).recorded).toBe(0);
    expect((await loadGroundCheck({ officerUserId: officer, submissionId, db })).grounds[1].recorded?.finding).toBe("selfCleaning");
    expect(await listExclusionsForCall(call.id, db)).toEqual([]);
  });

  it("counts the findings in the progress of the check: complete only when every ground has one", async () => {
    const { submissionId, officer, at } = await opened();
    const progress = async () => (await loadCheckOverview({ officerUserId: officer, callSlug: call.slug, now: at, db })).rows.find((r) => r.submissionId === submissionId)!.progress;
    const before = await progress();
    expect(before.grounds).toEqual({ total: 11, recorded: 0 });
    const none = exclusionGrounds.filter((g) => g !== "gwb123-4").map((ground) => ({ ground, finding: "none" as const, note: "" }));
    await recordGroundFindings({ officerUserId: officer, submissionId, findings: none, now: at, db });
    expect(await progress()).toMatchObject({ total: before.total, recorded: before.recorded + 10, grounds: { recorded: 10 } });
    const later = new Date(at.getTime() + MINUTE);
    await recordGroundFindings({ officerUserId: officer, submissionId, findings: [{ ground: "gwb123-4", finding: "exclude", note: "Rückstände bestehen fort." }], now: later, db });
    expect(await progress()).toMatchObject({ recorded: before.recorded + 11, failed: before.failed + 1, grounds: { total: 11, recorded: 11 } });
  });

  it("an exclusion names its ground", async () => {
    const { submissionId, officer, at } = await opened();
    const note = "Die Selbstreinigung genügt nicht: Rückstände bestehen fort.";
    const { exclusionId } = await recordGroundFindings({ officerUserId: officer, submissionId, findings: [{ ground: "gwb123-4", finding: "exclude", note }], now: at, db });
    expect(exclusionId).not.toBeNull();
    const [exclusion] = await listExclusionsForCall(call.id, db);
    expect(exclusion).toMatchObject({ lotId: null, ground: "gwb123-4" });
    expect(exclusion.reason).toBe(`§ 123 Abs. 4 GWB: Steuern, Abgaben oder Beiträge zur Sozialversicherung nicht gezahlt. ${note}`);
    const audit = await db.select().from(auditEntries).where(eq(auditEntries.action, "formal-check.excluded"));
    expect(JSON.parse(audit[0].details)).toMatchObject({ ground: "gwb123-4" });
    // A manual exclusion may name a ground too, but only one of the list.
    expect(await asyncCode(() => excludeBid({ officerUserId: officer, submissionId, lotId: call.lots.find((l) => l.number === 2)!.id, reason: "x", ground: "gwb999" as never, now: at, db }))).toBe(
      "INVALID: groundCheck.error.unknownGround",
    );
  });

  it("is not possible before the opening: the declaration stays sealed", async () => {
    const actor = await nonProfitCarrier({ db, now: NOW, name: "Versiegelt" });
    const applicationId = await application(actor, ["pay", "exclusion"]);
    const { submissionId } = await submitApplication({ actor, applicationId, clock: () => NOW, db });
    const officer = (await demoStaff(db)).officerA;
    expect(await asyncCode(() => loadGroundCheck({ officerUserId: officer, submissionId, db }))).toMatch(/^NOT_FOUND/);
    expect(await asyncCode(() => recordGroundFindings({ officerUserId: officer, submissionId, findings: [{ ground: "gwb123-1", finding: "none", note: "" }], now: NOW, db }))).toBe(
      "NOT_FOUND: check.notOpened",
    );
  });
});
