// Fair deadline extensions (§ 20 Abs. 3 VgV): a late answer or a material amendment needs the
// deadline extended for everyone or a recorded reason; carriers see what changed since they
// began. Against a real SQLite file with the demo call.
import { eq } from "drizzle-orm";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { buildEvaluationReport } from "../../app/evaluation/report.server";
import { first, type Db } from "../../app/infra/db.server";
import { auditEntries, extensionDecisions, questions } from "../../app/infra/schema";
import { localStorage } from "../../app/infra/storage.server";
import { publishAmendment } from "../../app/procurement/amendments.server";
import type { CallView } from "../../app/procurement/call-view";
import { loadCallView } from "../../app/procurement/calls.server";
import { addBerlinDays, proposedDeadline } from "../../app/procurement/extension";
import { changesSinceApplicationStarted } from "../../app/procurement/changes-since.server";
import { answerQuestion, askQuestion, listOpenQuestions } from "../../app/procurement/questions.server";
import { startApplication } from "../../app/submission/applications.server";
import { demoStaff, lotBidInput, openCall, ORGANISATION_DOCUMENTS, placeholderUpload, registerTestCarrier, submitTestApplication } from "../support/factories";
import { refusalCodeAsync, refusedByAsync } from "../support/refusals";
import type { TempDb } from "../support/temp-db";
import { tempDemoDatabase } from "../support/demo-db";

const NOW = new Date("2026-11-25T10:00:00Z");
const HOUR = 3_600_000;
let t: TempDb;
let db: Db;
let call: CallView;
let officer: string;

beforeEach(async () => {
  t = await tempDemoDatabase(NOW);
  db = t.db;
  call = (await loadCallView("dresden-2017-demo", { db }))!;
  officer = (await demoStaff(db)).officerA;
});
afterEach(() => t.cleanup());

/** A carrier that submitted a complete bid for lot 2 at NOW; its members' address. */
async function submittedCarrier(name: string) {
  const { actor, email } = await registerTestCarrier({ db, now: NOW, name });
  const lotId = call.lots.find((l) => l.number === 2)!.id;
  const { applicationId } = await submitTestApplication({
    db,
    call,
    actor,
    now: NOW,
    bids: [{ lotId, input: lotBidInput(call, { concept: (title) => `${name}: ${title}` }) }],
    files: ORGANISATION_DOCUMENTS.map((kind) => ({ target: { kind }, upload: placeholderUpload(), originalName: `${kind}.pdf` })),
  });
  return { actor, email, applicationId };
}

async function questionAsked(body = "Gilt das Tandem auch für Teilzeitstellen?") {
  const { actor } = await registerTestCarrier({ db, now: NOW, name: "Fragend" });
  return (await askQuestion({ actor, callSlug: call.slug, body, now: NOW, db })).questionId;
}

const answer = { publicQuestion: "Gilt das Tandem auch für Teilzeitstellen?", answer: "Ja." };
const extensionText = { title: "Verlängerung der Einreichungsfrist", body: "Bis zum neuen Datum.", reason: "Späte Antwort (§ 20 Abs. 3 VgV)." };

describe("a late answer", () => {
  it("refuses to publish an answer five days before the deadline until the officer extends or says why not", async () => {
    const questionId = await questionAsked();
    const late = addBerlinDays(call.dates.submissionDeadline, -5);
    const proposed = proposedDeadline({ trigger: "answer", submissionDeadline: call.dates.submissionDeadline, publishedAt: late });
    // The officer's queue says so before the answer is written.
    expect((await listOpenQuestions(late, db))[0].extension).toEqual({ deadline: call.dates.submissionDeadline, proposed });
    expect(await refusedByAsync(() => answerQuestion({ officerUserId: officer, questionId, ...answer, now: late, db }))).toMatchObject({
      code: "CONFLICT",
      key: "extension.answerNeedsDecision",
      params: { date: proposed },
      field: "extension",
    });
    expect((await first(db.select().from(questions).where(eq(questions.id, questionId))))!.publishedAt).toBeNull();
    expect(await refusalCodeAsync(() => answerQuestion({ officerUserId: officer, questionId, ...answer, extension: { extend: false, reason: "  " }, now: late, db }))).toBe(
      "INVALID: extension.reasonMissing",
    );
    expect(
      await refusalCodeAsync(() =>
        answerQuestion({ officerUserId: officer, questionId, ...answer, extension: { extend: true, submissionDeadline: call.dates.submissionDeadline, text: extensionText }, now: late, db }),
      ),
    ).toBe("INVALID: extension.notLater");
  });

  it("publishes an answer exactly six days before the deadline without asking about the deadline", async () => {
    const questionId = await questionAsked();
    const inTime = addBerlinDays(call.dates.submissionDeadline, -6);
    expect((await listOpenQuestions(inTime, db))[0].extension).toBeNull();
    const result = await answerQuestion({ officerUserId: officer, questionId, ...answer, now: inTime, db });
    expect(result.extension).toBeNull();
    expect(await db.select().from(extensionDecisions)).toEqual([]);
  });

  it("extends the deadline for everyone by an amendment, moves the opening with it and tells submitted carriers they may revise", async () => {
    const submitted = await submittedCarrier("Eingereicht");
    const drafting = await registerTestCarrier({ db, now: NOW, name: "Entwurf" });
    await startApplication({ actor: drafting.actor, callSlug: call.slug, now: NOW, db });
    const questionId = await questionAsked();
    const late = addBerlinDays(call.dates.submissionDeadline, -2);
    const proposed = proposedDeadline({ trigger: "answer", submissionDeadline: call.dates.submissionDeadline, publishedAt: late });
    const result = await answerQuestion({ officerUserId: officer, questionId, ...answer, extension: { extend: true, submissionDeadline: proposed, text: extensionText }, now: late, db });

    expect(result.extension?.number).toBe(1);
    expect(result.submissionDeadline).toEqual(proposed);
    expect(result.recipients.map((r) => r.email)).toEqual(expect.arrayContaining([submitted.email, drafting.email]));
    expect(result.submittedRecipients.map((r) => r.email)).toEqual([submitted.email]);
    const after = (await loadCallView(call.slug, { db }))!;
    expect(after.dates.submissionDeadline).toEqual(proposed);
    expect(after.dates.opening.getTime() - proposed.getTime()).toBe(call.dates.opening.getTime() - call.dates.submissionDeadline.getTime());
    expect(after.amendments).toEqual([{ number: 1, ...extensionText, publishedAt: late }]);
    expect(await db.select().from(extensionDecisions)).toEqual([
      expect.objectContaining({ trigger: "answer", questionId, previousDeadline: call.dates.submissionDeadline, proposedDeadline: proposed, newDeadline: proposed, extensionAmendmentNumber: 1, reason: null, decidedByUserId: officer }),
    ]);
    const actions = (await db.select({ action: auditEntries.action }).from(auditEntries)).map((e) => e.action);
    expect(actions.slice(-3)).toEqual(["question.answered", "call.amended", "call.deadline-extended"]);
  });

  it("records why the deadline is not extended, and the Vergabevermerk shows the reason", async () => {
    await submittedCarrier("Eingereicht");
    const questionId = await questionAsked();
    const late = addBerlinDays(call.dates.submissionDeadline, -5);
    const reason = "Die Antwort wiederholt nur Abschnitt 4 des Aufrufs; sie ändert nichts an den Angeboten.";
    await answerQuestion({ officerUserId: officer, questionId, ...answer, extension: { extend: false, reason }, now: late, db });
    expect((await loadCallView(call.slug, { db }))!.dates.submissionDeadline).toEqual(call.dates.submissionDeadline);
    expect(await first(db.select().from(extensionDecisions))).toMatchObject({ trigger: "answer", newDeadline: null, reason });

    const { officerA, officerB } = await demoStaff(db);
    const after = new Date(call.dates.submissionDeadline.getTime() + 1000);
    await openCall({ db, storage: localStorage(`${t.dir}/files`), callId: call.id, officerA, officerB, at: after });
    const report = await buildEvaluationReport({ officerUserId: officerA, callSlug: call.slug, now: after, db });
    expect(report.timeline.find((e) => e.action === "call.extension-declined")).toMatchObject({ at: late.toISOString(), subject: { reason } });
  });
});

describe("a material amendment", () => {
  const text = { title: "Neue Vorgabe zum Tandem", body: "Das Tandem braucht eine gemeinsame Fallakte.", reason: "Abstimmung mit den Wohlfahrtsverbänden." };

  it("refuses a material amendment that neither extends the deadline nor says why not", async () => {
    const proposed = proposedDeadline({ trigger: "amendment", submissionDeadline: call.dates.submissionDeadline, publishedAt: NOW });
    expect(await refusedByAsync(() => publishAmendment({ officerUserId: officer, slug: call.slug, ...text, dates: {}, material: true, now: NOW, db }))).toMatchObject({
      code: "INVALID",
      key: "extension.amendmentNeedsDecision",
      params: { date: proposed },
      field: "submissionDeadline",
    });
    expect((await loadCallView(call.slug, { db }))!.amendments).toEqual([]);
  });

  it("accepts a material amendment that moves the deadline, and records the decision", async () => {
    const proposed = proposedDeadline({ trigger: "amendment", submissionDeadline: call.dates.submissionDeadline, publishedAt: NOW });
    const opening = new Date(proposed.getTime() + 2 * HOUR);
    await publishAmendment({ officerUserId: officer, slug: call.slug, ...text, dates: { submissionDeadline: proposed, opening }, material: true, now: NOW, db });
    expect(await db.select().from(extensionDecisions)).toEqual([
      expect.objectContaining({ trigger: "amendment", amendmentNumber: 1, newDeadline: proposed, extensionAmendmentNumber: 1, proposedDeadline: proposed }),
    ]);
  });

  it("accepts a material amendment with a reason why not, and one not marked material without a decision", async () => {
    await publishAmendment({ officerUserId: officer, slug: call.slug, ...text, dates: {}, material: true, noExtensionReason: "Noch drei Wochen Frist.", now: NOW, db });
    await publishAmendment({ officerUserId: officer, slug: call.slug, ...text, dates: {}, now: NOW, db });
    expect(await db.select().from(extensionDecisions)).toEqual([expect.objectContaining({ trigger: "amendment", amendmentNumber: 1, newDeadline: null, reason: "Noch drei Wochen Frist." })]);
  });
});

describe("what changed since an application began", () => {
  it("shows a carrier the answers and amendments published after its application started, and no one else's application", async () => {
    await publishAmendment({ officerUserId: officer, slug: call.slug, title: "Vorher", body: "Vor dem Beginn.", reason: "Früh.", dates: {}, now: NOW, db });
    const later = new Date(NOW.getTime() + HOUR);
    const { actor, applicationId } = await (async () => {
      const { actor } = await registerTestCarrier({ db, now: NOW, name: "Spätstarter" });
      return { actor, ...(await startApplication({ actor, callSlug: call.slug, now: later, db })) };
    })();
    const questionId = await questionAsked();
    const answeredAt = new Date(NOW.getTime() + 3 * HOUR);
    await answerQuestion({ officerUserId: officer, questionId, ...answer, now: answeredAt, db });
    await publishAmendment({ officerUserId: officer, slug: call.slug, title: "Nachher", body: "Nach dem Beginn.", reason: "Später.", dates: {}, now: new Date(NOW.getTime() + 4 * HOUR), db });
    const { changes } = await changesSinceApplicationStarted({ organisationId: actor.organisationId, applicationId, db });
    expect(changes.map((c) => (c.kind === "answer" ? c.question : c.title))).toEqual([answer.publicQuestion, "Nachher"]);
    const other = await registerTestCarrier({ db, now: NOW, name: "Fremd" });
    expect(await refusalCodeAsync(() => changesSinceApplicationStarted({ organisationId: other.actor.organisationId, applicationId, db }))).toBe("NOT_FOUND: notFound.application");
  });
});
