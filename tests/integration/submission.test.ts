// The carriers' submission against a real SQLite file: deadline to the second, sealing,
// versions, withdrawal, ownership, and the qualification rule.
import { randomBytes } from "node:crypto";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { writeTx, type Db } from "../../app/infra/db.server";
import { auditEntries, openings, storedFiles, users } from "../../app/infra/schema";
import { loadCallView } from "../../app/procurement/calls.server";
import type { CallView } from "../../app/procurement/call-view";
import {
  askQuestion,
  answerQuestion,
  listPublishedQuestions,
} from "../../app/procurement/questions.server";
import { fileForActor, readSubmittedContent } from "../../app/submission/access.server";
import {
  attachFile,
  loadApplication,
  saveLotBid,
  selectLots,
  startApplication,
  type CarrierActor,
} from "../../app/submission/applications.server";
import { loadReceipt, submitApplication, withdrawApplication } from "../../app/submission/submit.server";
import { completeLotBid, fillApplication, NON_PROFIT_DOCUMENTS, nonProfitCarrier, type AttachTarget } from "../support/factories";
import type { TempDb } from "../support/temp-db";
import { tempDemoDatabase } from "../support/demo-db";
import { refusalCodeAsync as code } from "../support/refusals";

const NOW = new Date("2026-11-25T10:00:00Z");

let t: TempDb;
let db: Db;
let call: CallView;

const carrier = (name: string, confirm = true) => nonProfitCarrier({ db, now: NOW, name, confirm });

function upload(name = "x.pdf") {
  return {
    upload: {
      backend: "local" as const,
      storageKey: randomBytes(8).toString("hex"),
      sizeBytes: 1234,
      sha256: randomBytes(32).toString("hex"),
      mediaType: "application/pdf",
    },
    originalName: name,
  };
}

const lotOf = (number: number) => call.lots.find((l) => l.number === number)!;

/** A complete application for lot 2 (Flüchtlingssozialarbeit, Region Nord). */
async function completeApplication(actor: CarrierActor) {
  const lot = lotOf(2);
  const targets: AttachTarget[] = [{ lotId: lot.id }, ...NON_PROFIT_DOCUMENTS.map((kind) => ({ kind }))];
  return (await fillApplication({
    db,
    call,
    actor,
    now: NOW,
    bids: [{ lotId: lot.id, input: completeLotBid(call, (title) => `Text zu ${title}`) }],
    files: targets.map((target) => upload("lotId" in target ? "konzept.pdf" : `${target.kind}.pdf`)).map((file, i) => ({ target: targets[i], ...file })),
    maxApplicationBytes: 10_000_000,
  })).applicationId;
}

/** The complete bid of `completeApplication` (its concept and cost plan). */
const completeLotBidInput = () => completeLotBid(call, (title) => `Text zu ${title}`);

beforeEach(async () => {
  t = await tempDemoDatabase(NOW);
  db = t.db;
  call = (await loadCallView("dresden-2017-demo", { db }))!;
});
afterEach(() => t.cleanup());


describe("submission", () => {
  it("accepts a complete application one second before the deadline and stores the server time", async () => {
    const actor = await carrier("Eins");
    const applicationId = await completeApplication(actor);
    const deadline = call.dates.submissionDeadline.getTime();
    const result = await submitApplication({ actor, applicationId, clock: () => new Date(deadline - 1000), db });
    expect(result.version).toBe(1);
    expect(result.submittedAt.getTime()).toBe(deadline - 1000);
    expect(result.receiptNumber).toMatch(/^EB-\d{4}-[A-Z2-9]{5}-[A-Z2-9]{5}$/);
    expect(result.contentHash).toMatch(/^[0-9a-f]{64}$/);
    const view = await loadApplication({ actor, applicationId, now: new Date(deadline - 1000), db });
    expect(view.status).toBe("submitted");
    expect(view.latestSubmission?.receiptNumber).toBe(result.receiptNumber);
  });

  it("refuses a submission one second after the deadline", async () => {
    const actor = await carrier("Zwei");
    const applicationId = await completeApplication(actor);
    const deadline = call.dates.submissionDeadline.getTime();
    expect(await code(async () => await submitApplication({ actor, applicationId, clock: () => new Date(deadline + 1000), db }))).toBe(
      "DEADLINE_PASSED: submit.deadlinePassed",
    );
    // Exactly at the deadline is already too late: the window is [published, deadline).
    expect(await code(async () => await submitApplication({ actor, applicationId, clock: () => new Date(deadline), db }))).toBe(
      "DEADLINE_PASSED: submit.deadlinePassed",
    );
    expect((await loadApplication({ actor, applicationId, now: NOW, db })).latestSubmission).toBeNull();
  });

  it("refuses an incomplete application and an unconfirmed member", async () => {
    const actor = await carrier("Drei");
    const { applicationId } = await startApplication({ actor, callSlug: "dresden-2017-demo", now: NOW, db });
    expect(await code(async () => await submitApplication({ actor, applicationId, clock: () => NOW, db }))).toBe("INVALID: submit.incomplete");
    const unconfirmed = await carrier("Vier", false);
    const other = await completeApplication(unconfirmed);
    expect(await code(async () => await submitApplication({ actor: unconfirmed, applicationId: other, clock: () => NOW, db }))).toBe(
      "FORBIDDEN: submit.confirmEmailFirst",
    );
  });

  it("freezes a submitted version: a revision is a new version and the old receipt stays as it was", async () => {
    const actor = await carrier("Fünf");
    const applicationId = await completeApplication(actor);
    const first = await submitApplication({ actor, applicationId, clock: () => NOW, db });
    const later = new Date(NOW.getTime() + 60_000);
    const lot = lotOf(2);
    const view = await loadApplication({ actor, applicationId, now: later, db });
    await saveLotBid({
      actor,
      applicationId,
      lotId: lot.id,
      input: { ...view.draft.lots[0], concept: { ...view.draft.lots[0].concept, ansatz: "Geänderter Ansatz" } },
      now: later,
      db,
    });
    expect((await loadApplication({ actor, applicationId, now: later, db })).changedSinceSubmission).toBe(true);
    const firstContent = await readSubmittedContent({ actor: { ...actor, role: "carrier" }, submissionId: first.submissionId, db });
    expect(firstContent.lots[0].concept.find((c) => c.code === "ansatz")?.text).toBe("Text zu Ansatz und Methoden");
    const second = await submitApplication({ actor, applicationId, clock: () => new Date(later.getTime() + 1000), db });
    expect(second.version).toBe(2);
    expect(second.contentHash).not.toBe(first.contentHash);
    expect((await loadReceipt({ actor, submissionId: first.submissionId, db })).contentHash).toBe(first.contentHash);
  });

  it("withdraws before the deadline and refuses to withdraw after it", async () => {
    const actor = await carrier("Sechs");
    const applicationId = await completeApplication(actor);
    await submitApplication({ actor, applicationId, clock: () => NOW, db });
    const deadline = call.dates.submissionDeadline.getTime();
    expect(await code(async () => await withdrawApplication({ actor, applicationId, clock: () => new Date(deadline + 1000), db }))).toBe(
      "DEADLINE_PASSED: withdraw.deadlinePassed",
    );
    const withdrawn = await withdrawApplication({ actor, applicationId, clock: () => NOW, db });
    expect(withdrawn.withdrawnAt).toEqual(NOW);
    expect((await loadApplication({ actor, applicationId, now: NOW, db })).status).toBe("withdrawn");
    expect(await code(async () => await withdrawApplication({ actor, applicationId, clock: () => NOW, db }))).toBe(
      "CONFLICT: withdraw.nothingSubmitted",
    );
  });

  it("writes the submission's audit entry and prints that chain head on the receipt", async () => {
    const actor = await carrier("Sieben");
    const applicationId = await completeApplication(actor);
    const result = await submitApplication({ actor, applicationId, clock: () => NOW, db });
    const entry = (await db.select().from(auditEntries)).find((e) => e.action === "application.submitted")!;
    expect(entry.hash).toBe(result.auditHead);
    expect(JSON.parse(entry.details)).toEqual({ contentHash: result.contentHash, receiptNumber: result.receiptNumber, version: 1 });
    expect((await loadReceipt({ actor, submissionId: result.submissionId, db })).auditHead).toBe(result.auditHead);
  });
});

describe("the organisation's documents", () => {
  it("keeps one file per slot: a new upload replaces the file there, which stays stored for earlier versions", async () => {
    const actor = await carrier("Ersetzt");
    const { applicationId } = await startApplication({ actor, callSlug: "dresden-2017-demo", now: NOW, db });
    const first = await attachFile({ actor, applicationId, target: { kind: "references" }, ...upload("referenzen-alt.pdf"), maxApplicationBytes: 10_000_000, now: NOW, db });
    const later = new Date(NOW.getTime() + 60_000);
    const second = await attachFile({ actor, applicationId, target: { kind: "references" }, ...upload("referenzen-neu.pdf"), maxApplicationBytes: 10_000_000, now: later, db });
    const docs = (await loadApplication({ actor, applicationId, now: later, db })).draft.documents;
    expect(docs.map((d) => [d.kind, d.file.name])).toEqual([["references", "referenzen-neu.pdf"]]);
    // The upload time is the server clock's, as given to the use case.
    expect(docs[0].uploadedAt).toEqual(later);
    const attached = (await db.select().from(auditEntries)).filter((e) => e.action === "application.file-attached").map((e) => JSON.parse(e.details));
    expect(attached.find((d) => d.fileId === second.fileId)).toMatchObject({ target: "references", replaced: [first.fileId] });
    expect((await db.select().from(storedFiles)).some((f) => f.id === first.fileId)).toBe(true);
  });

  it("counts a replaced file no longer against the application's size limit", async () => {
    const actor = await carrier("Grenze");
    const { applicationId } = await startApplication({ actor, callSlug: "dresden-2017-demo", now: NOW, db });
    await attachFile({ actor, applicationId, target: { kind: "declarations" }, ...upload("a.pdf"), maxApplicationBytes: 2000, now: NOW, db });
    // 1234 + 1234 bytes would exceed 2000; replacing the one file does not.
    expect(await code(async () => await attachFile({ actor, applicationId, target: { kind: "declarations" }, ...upload("b.pdf"), maxApplicationBytes: 2000, now: NOW, db }))).toBe("no error");
    expect(await code(async () => await attachFile({ actor, applicationId, target: { kind: "references" }, ...upload("c.pdf"), maxApplicationBytes: 2000, now: NOW, db }))).toBe(
      "INVALID: upload.applicationTooLarge",
    );
  });

  it("lists the documents in the order of the form in the working copy and in the submitted version, whatever the order of upload", async () => {
    const actor = await carrier("Reihenfolge");
    const applicationId = await completeApplication(actor);
    // Uploaded again in reverse order: each replaces its slot, the order stays the form's.
    for (const kind of ["declarations", "references", "nonProfitCertificate", "registerExtract"] as const) {
      await attachFile({ actor, applicationId, target: { kind }, ...upload(`${kind}-2.pdf`), maxApplicationBytes: 10_000_000, now: NOW, db });
    }
    const order = ["registerExtract", "nonProfitCertificate", "references", "declarations"];
    expect((await loadApplication({ actor, applicationId, now: NOW, db })).draft.documents.map((d) => d.kind)).toEqual(order);
    const { submissionId } = await submitApplication({ actor, applicationId, clock: () => NOW, db });
    const receipt = await loadReceipt({ actor, submissionId, db });
    expect(receipt.snapshot.documents.map((d) => d.kind)).toEqual(order);
    // What was submitted carries no upload times (they belong to the working copy).
    expect(receipt.snapshot.documents.every((d) => !("uploadedAt" in d))).toBe(true);
  });
});

describe("the qualification rule", () => {
  it("refuses a social-work post without a pedagogical degree and keeps nothing of that save", async () => {
    const actor = await carrier("Acht");
    const { applicationId } = await startApplication({ actor, callSlug: "dresden-2017-demo", now: NOW, db });
    const lot = lotOf(2);
    expect(lot.roleCode).toBe("fluechtlingssozialarbeit");
    await selectLots({ actor, applicationId, lotIds: [lot.id], now: NOW, db });
    const post = { fteHundredths: 100, weeklyHoursHundredths: 3900, qualification: "Erzieher", hasPedagogicalDegree: false, payGroup: "S 8a", languages: [] };
    const result = await saveLotBid({ actor, applicationId, lotId: lot.id, input: { concept: { ansatz: "x" }, posts: [post], costPlan: null }, now: NOW, db });
    expect(result.postProblems).toEqual([{ index: 0, problem: "post.degreeRequired", field: "degree", params: {} }]);
    expect((await loadApplication({ actor, applicationId, now: NOW, db })).draft.lots[0].posts).toEqual([]);
    // The same post is fine for companionship, which needs no degree.
    const companion = lotOf(3);
    await selectLots({ actor, applicationId, lotIds: [lot.id, companion.id], now: NOW, db });
    expect((await saveLotBid({ actor, applicationId, lotId: companion.id, input: { concept: {}, posts: [post], costPlan: null }, now: NOW, db })).postProblems).toEqual([]);
  });
});

describe("weekly hours of a post", () => {
  it("keeps each post's weekly hours beside its derived FTE in the working copy and the submitted version, and counts the FTE in the totals", async () => {
    const actor = await carrier("Elf");
    const applicationId = await completeApplication(actor);
    const lot = lotOf(2);
    const base = { qualification: "Sozialarbeiterin B. A.", hasPedagogicalDegree: true, payGroup: "S 12", languages: ["Deutsch"] };
    // As the form derives them from the demo call's 39 h: 39 h = 1 FTE, 19,5 h = 0,5 FTE.
    const posts = [
      { ...base, weeklyHoursHundredths: 3900, fteHundredths: 100 },
      { ...base, weeklyHoursHundredths: 1950, fteHundredths: 50 },
    ];
    const input = { ...completeLotBidInput(), posts };
    expect((await saveLotBid({ actor, applicationId, lotId: lot.id, input, now: NOW, db })).postProblems).toEqual([]);
    expect((await loadApplication({ actor, applicationId, now: NOW, db })).draft.lots[0].posts).toEqual(posts);
    const { submissionId } = await submitApplication({ actor, applicationId, clock: () => NOW, db });
    const submitted = (await loadReceipt({ actor, submissionId, db })).snapshot.lots[0];
    expect(submitted.posts.map((p) => [p.weeklyHoursHundredths, p.fteHundredths])).toEqual([[3900, 100], [1950, 50]]);
    expect(submitted.totals.fteHundredths).toBe(150);
  });

  it("derives a post's FTE from its weekly hours when saving, whatever FTE the caller sent", async () => {
    const actor = await carrier("Zwölf");
    const applicationId = await completeApplication(actor);
    const lot = lotOf(2);
    const post = { qualification: "Sozialarbeiterin B. A.", hasPedagogicalDegree: true, payGroup: "S 12", languages: [], weeklyHoursHundredths: 3000, fteHundredths: 100 };
    await saveLotBid({ actor, applicationId, lotId: lot.id, input: { ...completeLotBidInput(), posts: [post] }, now: NOW, db });
    // 30 / 39 h = 0,769… → 0,77 FTE
    expect((await loadApplication({ actor, applicationId, now: NOW, db })).draft.lots[0].posts[0]).toMatchObject({ weeklyHoursHundredths: 3000, fteHundredths: 77 });
  });
});

describe("sealing and ownership", () => {
  it("answers NOT_FOUND to another carrier for the application, the receipt, the content and the files", async () => {
    const owner = await carrier("Neun");
    const other = await carrier("Zehn");
    const applicationId = await completeApplication(owner);
    const { submissionId } = await submitApplication({ actor: owner, applicationId, clock: () => NOW, db });
    const fileId = (await loadApplication({ actor: owner, applicationId, now: NOW, db })).draft.documents[0].file.id;
    expect(await code(async () => await loadApplication({ actor: other, applicationId, now: NOW, db }))).toMatch(/^NOT_FOUND/);
    expect(await code(async () => await loadReceipt({ actor: other, submissionId, db }))).toMatch(/^NOT_FOUND/);
    expect(await code(async () => await readSubmittedContent({ actor: { ...other, role: "carrier" }, submissionId, db }))).toMatch(/^NOT_FOUND/);
    expect(await code(async () => await fileForActor({ actor: { ...other, role: "carrier" }, fileId, db }))).toMatch(/^NOT_FOUND/);
    expect(await code(async () => await selectLots({ actor: other, applicationId, lotIds: [], now: NOW, db }))).toMatch(/^NOT_FOUND/);
    expect((await fileForActor({ actor: { ...owner, role: "carrier" }, fileId, db })).id).toBe(fileId);
  });

  it("lets no officer or evaluator read a bid or its files before the opening is complete", async () => {
    const owner = await carrier("Elf");
    const applicationId = await completeApplication(owner);
    const { submissionId } = await submitApplication({ actor: owner, applicationId, clock: () => NOW, db });
    const fileId = (await loadApplication({ actor: owner, applicationId, now: NOW, db })).draft.documents[0].file.id;
    const officer = (await db.select().from(users)).find((u) => u.role === "officer")!;
    const second = (await db.select().from(users)).filter((u) => u.role === "officer")[1];
    const evaluator = (await db.select().from(users)).find((u) => u.role === "evaluator")!;
    for (const u of [officer, evaluator]) {
      const actor = { userId: u.id, role: u.role, organisationId: null };
      expect(await code(async () => await readSubmittedContent({ actor, submissionId, db }))).toMatch(/^NOT_FOUND/);
      expect(await code(async () => await fileForActor({ actor, fileId, db }))).toMatch(/^NOT_FOUND/);
    }
    // An opening that is started but not confirmed by a second officer opens nothing.
    await writeTx(async (tx) => {
      await tx.insert(openings).values({ callId: call.id, startedByUserId: officer.id, startedAt: NOW });
    }, db);
    const asOfficer = { userId: officer.id, role: officer.role, organisationId: null };
    expect(await code(async () => await readSubmittedContent({ actor: asOfficer, submissionId, db }))).toMatch(/^NOT_FOUND/);
    await writeTx(async (tx) => {
      await tx.update(openings).set({ confirmedByUserId: second.id, confirmedAt: NOW });
    }, db);
    expect((await readSubmittedContent({ actor: asOfficer, submissionId, db })).organisation.id).toBe(owner.organisationId);
    expect((await fileForActor({ actor: asOfficer, fileId, db })).id).toBe(fileId);
  });
});

describe("questions", () => {
  it("publishes an answered question without the asker and mails every organisation that started an application", async () => {
    const asker = await carrier("Fragend");
    const bidder = await carrier("Bietend");
    await startApplication({ actor: bidder, callSlug: "dresden-2017-demo", now: NOW, db });
    const { questionId } = await askQuestion({ actor: asker, callSlug: "dresden-2017-demo", body: "Wir, der Fragend e. V., möchten wissen …", now: NOW, db });
    expect(await listPublishedQuestions(call.id, db)).toEqual([]);
    const officer = (await db.select().from(users)).find((u) => u.role === "officer")!;
    const result = await answerQuestion({
      officerUserId: officer.id,
      questionId,
      publicQuestion: "Ein Träger möchte wissen …",
      answer: "Die Antwort.",
      now: NOW,
      db,
    });
    const published = await listPublishedQuestions(call.id, db);
    expect(published).toEqual([{ id: questionId, question: "Ein Träger möchte wissen …", answer: "Die Antwort.", publishedAt: NOW }]);
    expect(JSON.stringify(published)).not.toContain("Fragend");
    expect(result.recipients).toHaveLength(1);
    expect(result.recipients[0]).toMatchObject({ email: expect.stringMatching(/^bietend-/), locale: "de" });
  });

  it("refuses a question one second after the question deadline", async () => {
    const asker = await carrier("Spät");
    const late = new Date(call.dates.questionDeadline.getTime() + 1000);
    expect(await code(async () => await askQuestion({ actor: asker, callSlug: "dresden-2017-demo", body: "Zu spät?", now: late, db }))).toBe(
      "DEADLINE_PASSED: questions.closedRefused",
    );
    const inTime = new Date(call.dates.questionDeadline.getTime() - 1000);
    expect((await askQuestion({ actor: asker, callSlug: "dresden-2017-demo", body: "Rechtzeitig?", now: inTime, db })).questionId).toBeTruthy();
  });
});
