// The tandem across the award, against a real SQLite file: a region's Flüchtlingssozialarbeit
// and Flüchtlingsbegleitung go to different carriers (no pair offer covers both), the
// proposal says so, the award asks each carrier involved for a cooperation declaration, a
// carrier records it in Textform (audited), and the staffing plan's list of missing
// declarations shrinks.
//
// Hand-worked figures (tests/support/award.ts): Nord 1,240 refugees → FSA and FB 7.75 FTE each.
//   FSA Nord: Alpha 5.00, Beta 2.75 (of 4.00), Gamma 0. FB Nord: Epsilon alone, 7.00 offered → 7.00.
//   Region share FSA 7.75 ÷ 14.75 = 52.5 %: within 50 ± 5. Nobody holds both: split;
//   Alpha, Beta and Epsilon must declare.
import { and, eq } from "drizzle-orm";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { awardContracts } from "../../app/award/award-decision.server";
import { cooperationRequestFor, cooperationRequestsFor, declareCooperation, MAX_DECLARANT_CHARS, missingCooperations } from "../../app/award/cooperation.server";
import { awardOverview } from "../../app/award/overview.server";
import { readAllocation, procedureRow } from "../../app/award/records.server";
import type { Db } from "../../app/infra/db.server";
import { auditEntries, cooperationDeclarations } from "../../app/infra/schema";
import { localStorage } from "../../app/infra/storage.server";
import { buildAwardScenario, type AwardScenario } from "../support/award";
import { refusedByAsync } from "../support/refusals";
import { useSmtpServer } from "../support/smtp-hooks";
import { tempDatabase, type TempDb } from "../support/temp-db";

const NOW = new Date("2026-11-25T10:00:00Z");
const SENT = new Date("2026-12-15T09:00:00Z");
const EARLIEST = new Date("2026-12-25T23:00:00Z");

const smtp = useSmtpServer();

let t: TempDb;
let db: Db;
let s: AwardScenario;
let fbNord: string;

beforeEach(async () => {
  smtp.messages.length = 0;
  t = await tempDatabase();
  db = t.db;
  s = await buildAwardScenario({
    db,
    storage: localStorage(`${t.dir}/files`),
    now: NOW,
    extra: (lotOf) => [{ name: "Epsilon e. V.", offers: [[lotOf("nord", "fluechtlingsbegleitung"), 700]] }],
  });
  fbNord = s.lotOf("nord", "fluechtlingsbegleitung");
  await s.scoreAll();
  await s.score("Epsilon e. V.", fbNord, 4);
  await s.enterFigures();
});
afterEach(() => t.cleanup());

describe("a tandem split across carriers", () => {
  it("is named in the proposal with every carrier that must declare cooperation", async () => {
    await s.preInform(SENT);
    const stored = readAllocation((await procedureRow(db, s.call.id))!);
    const nord = stored.tandems!.find((x) => x.regionName === "Region Nord")!;
    expect(nord).toMatchObject({ awardedHundredths: [775, 700], sharePercent: 52.5, split: true, cooperation: ["Alpha e. V.", "Beta e. V.", "Epsilon e. V."] });
    expect(nord.note).toContain("Kooperationserklärung erforderlich von: Alpha e. V., Beta e. V., Epsilon e. V.");
    const overview = await awardOverview({ officerUserId: s.officerA, callId: s.call.id, now: SENT, db });
    expect(overview.tandems.find((x) => x.regionName === "Region Nord")).toEqual({ regionName: "Region Nord", awardedHundredths: [775, 700], split: true, cooperation: ["Alpha e. V.", "Beta e. V.", "Epsilon e. V."] });
    // Regions without bids are vacant, not split.
    expect(overview.tandems.filter((x) => x.split).map((x) => x.regionName)).toEqual(["Region Nord"]);
  });

  it("asks each carrier with the award, takes the declaration in Textform once, audited, and leaves the others missing", async () => {
    await s.preInform(SENT);
    // Nothing is asked before the award.
    expect(await db.select().from(cooperationDeclarations)).toEqual([]);
    await s.award(EARLIEST);
    expect((await missingCooperations(s.call.id, db)).map((m) => m.organisationName).sort()).toEqual(["Alpha e. V.", "Beta e. V.", "Epsilon e. V."]);
    const [request] = await cooperationRequestsFor(s.org("Alpha e. V."), db);
    expect(request).toMatchObject({ regionName: "Region Nord", roleNames: ["Flüchtlingssozialarbeit", "Flüchtlingsbegleitung"], partners: ["Beta e. V.", "Epsilon e. V."], declaredAt: null });

    const alpha = s.bidders["Alpha e. V."].actor;
    const epsilon = s.bidders["Epsilon e. V."].actor;
    expect(await refusedByAsync(async () => await declareCooperation({ actor: alpha, declarationId: request.id, declarantName: " ", declarantFunction: "Vorstand", now: EARLIEST, db }))).toMatchObject({ code: "INVALID", key: "cooperation.refusal.nameMissing", field: "name" });
    expect(await refusedByAsync(async () => await declareCooperation({ actor: alpha, declarationId: request.id, declarantName: "Ada Alpha", declarantFunction: "x".repeat(MAX_DECLARANT_CHARS + 1), now: EARLIEST, db }))).toMatchObject({ code: "INVALID", key: "cooperation.refusal.tooLong", field: "funktion" });
    // Another carrier neither sees Alpha's request nor declares for it.
    expect(await cooperationRequestFor({ organisationId: s.org("Alpha e. V."), declarationId: request.id, db })).toMatchObject({ id: request.id, regionName: "Region Nord" });
    expect(await refusedByAsync(async () => await cooperationRequestFor({ organisationId: epsilon.organisationId, declarationId: request.id, db }))).toMatchObject({ code: "NOT_FOUND" });
    expect(await refusedByAsync(async () => await declareCooperation({ actor: epsilon, declarationId: request.id, declarantName: "Eva Epsilon", declarantFunction: "Vorstand", now: EARLIEST, db }))).toMatchObject({ code: "NOT_FOUND" });
    await declareCooperation({ actor: alpha, declarationId: request.id, declarantName: "Ada Alpha", declarantFunction: "Geschäftsführerin", now: EARLIEST, db });
    expect((await cooperationRequestsFor(s.org("Alpha e. V."), db))[0]).toMatchObject({ declaredAt: EARLIEST, declarantName: "Ada Alpha", declarantFunction: "Geschäftsführerin" });
    expect(await refusedByAsync(async () => await declareCooperation({ actor: alpha, declarationId: request.id, declarantName: "Ada Alpha", declarantFunction: "Vorstand", now: EARLIEST, db }))).toMatchObject({ code: "CONFLICT", key: "cooperation.refusal.alreadyDeclared" });
    expect((await missingCooperations(s.call.id, db)).map((m) => m.organisationName).sort()).toEqual(["Beta e. V.", "Epsilon e. V."]);

    const actions = (await db.select({ action: auditEntries.action, details: auditEntries.details }).from(auditEntries).where(and(eq(auditEntries.objectId, s.call.id)))).map((a) => a.action);
    expect(actions.filter((a) => a === "award.cooperation-requested")).toHaveLength(3);
    expect(actions.filter((a) => a === "award.cooperation-declared")).toHaveLength(1);
  });

  it("mails each carrier asked, after its award letter, with the link to its declaration page, and nobody else", async () => {
    await s.preInform(SENT);
    const result = await awardContracts({ officerUserId: s.officerB, callId: s.call.id, now: EARLIEST, db, storage: localStorage(`${t.dir}/files`), baseUrl: "https://portal.example" });
    expect(result.cooperationMails).toBe(3);
    const asked = (name: string) => smtp.messages.filter((m) => m.to.includes(s.bidders[name].email) && m.subject.startsWith("Bitte um Kooperationserklärung"));
    for (const name of ["Alpha e. V.", "Beta e. V.", "Epsilon e. V."]) expect(asked(name)).toHaveLength(1);
    expect(asked("Gamma e. V.")).toEqual([]);
    const [mail] = asked("Epsilon e. V.");
    const [request] = await cooperationRequestsFor(s.org("Epsilon e. V."), db);
    expect(mail.to).toEqual([s.bidders["Epsilon e. V."].email]);
    expect(mail.subject).toBe(`Bitte um Kooperationserklärung: Region Nord, Aufruf „${s.call.title}“`);
    expect(mail.text).toContain("Tandem Flüchtlingssozialarbeit und Flüchtlingsbegleitung in Region Nord");
    expect(mail.text).toContain("Alpha e. V.");
    expect(mail.text).toContain("Beta e. V.");
    expect(mail.text).toContain(`https://portal.example/traeger/kooperation/${request.id}`);
    // The award letter comes first: the carrier learns of the outcome from it.
    const epsilonMails = smtp.messages.filter((m) => m.to.includes(s.bidders["Epsilon e. V."].email)).map((m) => m.subject);
    expect(epsilonMails.findIndex((x) => x.startsWith("Zuschlag"))).toBeLessThan(epsilonMails.indexOf(mail.subject));
  });
});
