// The Vergabevermerk's PDF made outside the request (decision 0031): asking for it records a
// job and returns at once; the PDF is stored once per state of the evaluation and served from
// storage; a change of that state makes a new one; a job whose process died is started anew.
import { eq } from "drizzle-orm";
import { extractText } from "unpdf";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { certifyNoConflict, declareConflict, recordConsensus, saveScores } from "../../app/evaluation/assessment.server";
import { evaluationReportPdfState, evaluationReportStateKey, requestEvaluationReportPdf, type ReportPdfOptions } from "../../app/evaluation/report-job.server";
import { renderEvaluationReportPdf } from "../../app/evaluation/report-pdf.server";
import { buildEvaluationReport } from "../../app/evaluation/report.server";
import { documentJobsSettled, openDocumentFile, STALE_AFTER_MS } from "../../app/documents/jobs.server";
import { writeTx } from "../../app/infra/db.server";
import { DomainError } from "../../app/infra/errors";
import { documentJobs } from "../../app/infra/schema";
import { localStorage } from "../../app/infra/storage.server";
import { fileForActor } from "../../app/submission/access.server";
import { evaluationScenario, QUALITY, type EvaluationScenario } from "../support/evaluation";

let s: EvaluationScenario;
let opts: ReportPdfOptions;
let minute = 0;
const at = () => new Date(s.after.getTime() + ++minute * 60_000);
const CONSENSUS_REASON = "Gemeinsam abgewogen: Methoden tragfähig";

beforeAll(async () => {
  s = await evaluationScenario();
  const { db } = s;
  for (const name of ["Alpha e. V.", "Beta e. V.", "Gamma e. V."]) {
    for (const evaluatorId of [s.eval1, s.eval2]) await declareConflict({ evaluatorId, callId: s.call.id, organisationId: s.org(name), types: [], note: "", now: at(), db });
  }
  const points = (p: number) => QUALITY.map((code) => ({ criterionId: s.crit(code), points: p, justification: `Begründung ${p} zu ${code}` }));
  for (const [evaluatorId, name, p] of [
    [s.eval1, "Alpha e. V.", 1],
    [s.eval2, "Alpha e. V.", 4],
    [s.eval1, "Beta e. V.", 3],
    [s.eval2, "Beta e. V.", 3],
    [s.eval1, "Gamma e. V.", 2],
    [s.eval2, "Gamma e. V.", 2],
  ] as const) {
    const result = await saveScores({ evaluatorId, submissionId: s.sub(name), lotId: s.lotId(2), entries: points(p), finalise: true, now: at(), db });
    expect(result.problems).toEqual([]);
  }
  for (const evaluatorId of [s.eval1, s.eval2]) await certifyNoConflict({ evaluatorId, callId: s.call.id, now: at(), db });
  const generatedAt = new Date(s.after.getTime() + 24 * 3600_000);
  opts = {
    officerUserId: s.officerA,
    callSlug: s.call.slug,
    locale: "de",
    cityName: "Landeshauptstadt Dresden",
    publicUrl: "https://portal.example/verwaltung/aufrufe/x/vergabevermerk",
    now: generatedAt,
    clock: () => generatedAt,
    db,
    storage: localStorage(`${s.t.dir}/files`),
  };
}, 60_000);
afterAll(() => s?.t.cleanup());

async function storedText(storedFileId: string | null): Promise<string> {
  expect(storedFileId).not.toBeNull();
  const { stream } = await openDocumentFile(s.db, storedFileId!, opts.storage);
  const chunks: Buffer[] = [];
  for await (const chunk of stream) chunks.push(chunk as Buffer);
  const { text } = await extractText(new Uint8Array(Buffer.concat(chunks)), { mergePages: true });
  return text.replace(/\s+/g, " ");
}

const jobRows = async () => s.db.select({ id: documentJobs.id }).from(documentJobs);

describe("the Vergabevermerk's PDF, made outside the request", () => {
  it("returns at once with a job that makes it, starts no second job while it runs, then serves the stored PDF with the text rendered directly", async () => {
    const first = await requestEvaluationReportPdf(opts);
    expect(first.job).toMatchObject({ status: "running", stage: "queued", storedFileId: null, attempts: 1 });
    const second = await requestEvaluationReportPdf(opts);
    expect(second.job.id).toBe(first.job.id);
    expect(await jobRows()).toHaveLength(1);
    expect((await evaluationReportPdfState(opts)).job).toMatchObject({ status: "running" });

    // While it runs, the process answers other work between the blocks of the document: what
    // a request for the status page would read then.
    const seen = new Set<string>();
    let watching = true;
    const watch = async () => {
      if (!watching) return;
      const job = (await evaluationReportPdfState(opts)).job!;
      seen.add(`${job.status}:${job.stage}`);
      setImmediate(() => void watch());
    };
    setImmediate(() => void watch());
    await first.settled;
    watching = false;
    expect([...seen]).toContain("running:layout");
    const done = (await evaluationReportPdfState(opts)).job!;
    expect(done).toMatchObject({ id: first.job.id, status: "done", attempts: 1 });
    expect(done.progressTotal).toBeGreaterThan(0);
    const third = await requestEvaluationReportPdf(opts);
    expect(third.job).toMatchObject({ id: first.job.id, status: "done", storedFileId: done.storedFileId });
    expect(await jobRows()).toHaveLength(1);

    // The same report rendered in the request, as before: the same text, but for the size of
    // the audit trail, which grows with every read of a bid (building the report reads them all).
    const stored = await storedText(done.storedFileId);
    const entries = Number(/\((\d+) Einträge\)/.exec(stored)![1]);
    const head = /Protokolleintrags: ?([0-9a-f]{64})/.exec(stored)![1];
    const report = { ...(await buildEvaluationReport({ officerUserId: s.officerA, callSlug: s.call.slug, now: opts.now, db: s.db })), audit: { entries, head } };
    const direct = await renderEvaluationReportPdf(report, { locale: "de", generatedAt: opts.now, cityName: opts.cityName, publicUrl: opts.publicUrl });
    const { text } = await extractText(new Uint8Array(direct), { mergePages: true });
    expect(stored).toBe(text.replace(/\s+/g, " "));
    expect(stored).toContain("Begründung 4 zu konzept");
  }, 60_000);

  it("serves the stored PDF after reads of the bids, and makes a new one after a change of the evaluation, never the old one for the new state", async () => {
    const before = (await requestEvaluationReportPdf(opts)).job;
    expect(before.status).toBe("done");
    // Reading every bid again (as the page of the report does) changes nothing it shows.
    await buildEvaluationReport({ officerUserId: s.officerB, callSlug: s.call.slug, now: at(), db: s.db });
    expect((await requestEvaluationReportPdf(opts)).job).toMatchObject({ id: before.id, status: "done" });

    await recordConsensus({ officerUserId: s.officerA, submissionId: s.sub("Alpha e. V."), lotId: s.lotId(2), criterionId: s.crit("konzept"), points: 3, reason: CONSENSUS_REASON, now: at(), db: s.db });
    const after = await requestEvaluationReportPdf(opts);
    expect(after.job.id).not.toBe(before.id);
    expect(after.job).toMatchObject({ status: "running", storedFileId: null });
    await after.settled;
    const done = (await evaluationReportPdfState(opts)).job!;
    expect(done).toMatchObject({ id: after.job.id, status: "done" });
    expect(done.storedFileId).not.toBe(before.storedFileId);
    expect(await storedText(done.storedFileId)).toContain(CONSENSUS_REASON);
    expect(await storedText(before.storedFileId)).not.toContain(CONSENSUS_REASON);
  }, 60_000);

  it("starts a job again whose process died (no heartbeat for longer than the limit), and leaves a living one alone", async () => {
    const db = s.db;
    // A new state, and a job for it that another process began and still runs.
    await recordConsensus({ officerUserId: s.officerA, submissionId: s.sub("Alpha e. V."), lotId: s.lotId(2), criterionId: s.crit("vernetzung"), points: 2, reason: "Abgewogen", now: at(), db });
    const stateKey = await evaluationReportStateKey(db, s.call.id, opts);
    const living = new Date(opts.now.getTime() - STALE_AFTER_MS / 2);
    const [row] = await writeTx(
      (tx) =>
        tx
          .insert(documentJobs)
          .values({ kind: "evaluation-report", callId: s.call.id, stateKey, status: "running", stage: "layout", progressDone: 3, progressTotal: 40, runner: "another-process", heartbeatAt: living, requestedByUserId: s.officerB, startedAt: living })
          .returning({ id: documentJobs.id }),
      db,
    );
    expect((await requestEvaluationReportPdf(opts)).job).toMatchObject({ id: row.id, status: "running", attempts: 1, progressDone: 3 });
    await documentJobsSettled();
    expect(await evaluationReportPdfState(opts)).toMatchObject({ job: { status: "running", attempts: 1 }, stale: false });

    // That process died: its heartbeat stops.
    const dead = new Date(opts.now.getTime() - STALE_AFTER_MS - 1000);
    await writeTx(async (tx) => {
      await tx.update(documentJobs).set({ heartbeatAt: dead }).where(eq(documentJobs.id, row.id));
    }, db);
    expect(await evaluationReportPdfState(opts)).toMatchObject({ job: { status: "running" }, stale: true });
    const restarted = await requestEvaluationReportPdf(opts);
    expect(restarted.job).toMatchObject({ id: row.id, status: "running", stage: "queued", attempts: 2, progressDone: 0 });
    await restarted.settled;
    const done = (await evaluationReportPdfState(opts)).job!;
    expect(done).toMatchObject({ id: row.id, status: "done", attempts: 2 });
    expect(await storedText(done.storedFileId)).toContain("Abgewogen");
  }, 60_000);

  it("is asked for by officers only, and its stored file is served by no other way (the file gate of /dateien refuses it to everyone)", async () => {
    await expect(async () => requestEvaluationReportPdf({ ...opts, officerUserId: s.eval1 })).rejects.toThrow(DomainError);
    await expect(async () => evaluationReportPdfState({ ...opts, officerUserId: s.eval1 })).rejects.toThrow(DomainError);
    const fileId = (await evaluationReportPdfState(opts)).job!.storedFileId!;
    const carrier = s.bidders["Alpha e. V."].actor;
    for (const actor of [null, { userId: s.officerA, role: "officer" as const, organisationId: null }, { userId: s.eval1, role: "evaluator" as const, organisationId: null }, { userId: carrier.userId, role: "carrier" as const, organisationId: carrier.organisationId }]) {
      await expect(async () => fileForActor({ actor, fileId, db: s.db }), actor?.role ?? "anonymous").rejects.toThrow(DomainError);
    }
  });
});
