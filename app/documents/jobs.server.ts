// Documents made outside requests (decision 0031). A request for a document that takes long
// (the Vergabevermerk of a large call) records a job and returns at once; the job runs in
// this process after the request, one at a time, pausing between the parts of the document
// so that requests are answered meanwhile; the finished PDF is stored once per state of what
// it shows (a key the caller computes) and served from storage.
//
// The job's state is a row of `document_jobs`, so that any instance can answer for it
// (issue 17). A running job says every few hundred milliseconds that it is alive (the
// heartbeat, with its progress); a job whose heartbeat is older than STALE_AFTER_MS belongs
// to a process that died, and the next request for it starts it again. A runner whose job
// was taken over meanwhile stops at its next heartbeat and keeps nothing.
import { Readable } from "node:stream";
import { and, eq, sql } from "drizzle-orm";
import { first, writeTx, type Db, type Reader } from "../infra/db.server";
import { randomId } from "../infra/ids";
import { documentJobs, storedFiles, type documentJobKinds, type documentJobStages } from "../infra/schema";
import { callKeyOf } from "../infra/sealing.server";
import { openStoredFile, recordStoredFile } from "../infra/stored-files.server";
import { fileStorage, type AllowedType, type FileStorage } from "../infra/storage.server";

/** A running job whose heartbeat is older than this was left by a process that died. */
export const STALE_AFTER_MS = 60_000;

/** This process, as the runner of the jobs it started. */
const RUNNER = randomId();

export type DocumentJobKind = (typeof documentJobKinds)[number];
export type DocumentJobStage = (typeof documentJobStages)[number];

const jobColumns = {
  id: documentJobs.id,
  status: documentJobs.status,
  stage: documentJobs.stage,
  progressDone: documentJobs.progressDone,
  progressTotal: documentJobs.progressTotal,
  heartbeatAt: documentJobs.heartbeatAt,
  attempts: documentJobs.attempts,
  storedFileId: documentJobs.storedFileId,
  startedAt: documentJobs.startedAt,
  finishedAt: documentJobs.finishedAt,
};

export type DocumentJob = {
  id: string;
  status: "running" | "done" | "failed" | "superseded";
  stage: DocumentJobStage;
  progressDone: number;
  progressTotal: number;
  heartbeatAt: Date;
  attempts: number;
  storedFileId: string | null;
  startedAt: Date;
  finishedAt: Date | null;
};

export type DocumentKey = { kind: DocumentJobKind; callId: string; stateKey: string };

/** The job for a document in a state, if there is one. */
export async function findDocumentJob(database: Reader, key: DocumentKey): Promise<DocumentJob | null> {
  return (
    (await first(
      database
        .select(jobColumns)
        .from(documentJobs)
        .where(and(eq(documentJobs.kind, key.kind), eq(documentJobs.callId, key.callId), eq(documentJobs.stateKey, key.stateKey))),
    )) ?? null
  );
}

export function isStale(job: DocumentJob, now: Date): boolean {
  return job.status === "running" && now.getTime() - job.heartbeatAt.getTime() > STALE_AFTER_MS;
}

/**
 * The job for a document in a state, started when there is none, when it failed or was
 * superseded, or when its runner died (stale). `start` is true when the caller must run it
 * (runDocumentJob); a job that is done or still running is left alone.
 */
export async function claimDocumentJob(database: Db, key: DocumentKey & { userId: string; now: Date }): Promise<{ job: DocumentJob; start: boolean }> {
  return writeTx(async (tx) => {
    const job = await findDocumentJob(tx, key);
    if (job && (job.status === "done" || (job.status === "running" && !isStale(job, key.now)))) return { job, start: false };
    const fresh = { status: "running" as const, stage: "queued" as const, progressDone: 0, progressTotal: 0, runner: RUNNER, heartbeatAt: key.now, startedAt: key.now, finishedAt: null, storedFileId: null, requestedByUserId: key.userId };
    const [claimed] = job
      ? await tx.update(documentJobs).set({ ...fresh, attempts: sql`${documentJobs.attempts} + 1` }).where(eq(documentJobs.id, job.id)).returning(jobColumns)
      : await tx.insert(documentJobs).values({ kind: key.kind, callId: key.callId, stateKey: key.stateKey, ...fresh }).returning(jobColumns);
    return { job: claimed, start: true };
  }, database);
}

/** The runner lost its job to another (after it was thought dead): it stops and keeps nothing. */
export class JobTakenOver extends Error {}

/** Thrown by a streamed document that found a newer state while it was made: nothing is kept. */
export class JobSuperseded extends Error {}

/** What a job's work reports while it runs. */
export type JobProgress = (stage: DocumentJobStage, done: number, total: number) => Promise<void>;

/** A running job writes its progress and heartbeat at most this often (it yields at every report). */
const HEARTBEAT_MS = 250;

/**
 * Runs a claimed job after the current request: `work` makes the document's bytes, reporting
 * progress (each report may pause so that requests are answered); the bytes are stored, sealed
 * with the call's key like the bids they come from, and the job is done. Jobs of this process
 * run one after another. Resolves (never rejects: a failure is logged and recorded) when the
 * job has ended: done, failed, superseded or taken over.
 */
export type JobFile = {
  id: string;
  callId: string;
  fileName: string;
  userId: string;
  /** What the document is; a PDF unless said otherwise (checked from the bytes, as every stored file). */
  type?: AllowedType;
  storage?: FileStorage;
};

const PDF: AllowedType = { mime: "application/pdf", label: "PDF" };

/** A document's bytes: whole, or (a large archive) as a stream that is stored as it is made. */
export type JobResult = Uint8Array | AsyncIterable<Uint8Array>;

export function runDocumentJob(
  database: Db,
  job: JobFile,
  work: (progress: JobProgress) => Promise<JobResult | "superseded">,
  clock: () => Date,
): Promise<void> {
  const run = async () => {
    let lastBeat = 0;
    let lastStage: DocumentJobStage | null = null;
    const progress: JobProgress = async (stage, done, total) => {
      const at = performance.now();
      if (stage !== lastStage || done >= total || at - lastBeat >= HEARTBEAT_MS) {
        [lastBeat, lastStage] = [at, stage];
        const updated = await writeTx(
          (tx) =>
            tx
              .update(documentJobs)
              .set({ stage, progressDone: done, progressTotal: total, heartbeatAt: clock() })
              .where(and(eq(documentJobs.id, job.id), eq(documentJobs.runner, RUNNER), eq(documentJobs.status, "running")))
              .returning({ id: documentJobs.id }),
          database,
        );
        if (updated.length === 0) throw new JobTakenOver();
      }
      await new Promise<void>((resolve) => setImmediate(resolve));
    };
    try {
      await new Promise<void>((resolve) => setImmediate(resolve)); // after the request that asked
      const bytes = await work(progress);
      if (bytes === "superseded") {
        await end("superseded");
        return;
      }
      // A streamed document is made while it is stored: its stream reports its own progress.
      if (bytes instanceof Uint8Array) await progress("saving", 0, 1);
      await storeResult(database, job, bytes, clock);
    } catch (error) {
      if (error instanceof JobTakenOver) return;
      if (error instanceof JobSuperseded) {
        await end("superseded");
        return;
      }
      await end("failed");
      throw error;
    }
  };
  const end = async (status: "failed" | "superseded") => {
    await writeTx(async (tx) => {
      await tx
        .update(documentJobs)
        .set({ status, finishedAt: clock() })
        .where(and(eq(documentJobs.id, job.id), eq(documentJobs.runner, RUNNER)));
    }, database);
  };
  queue = queue.then(run).catch((error: unknown) => console.error("document job failed", job.id, error));
  return queue;
}

let queue: Promise<void> = Promise.resolve();

/** Resolves when every job this process has queued so far has ended. */
export function documentJobsSettled(): Promise<void> {
  return queue;
}

async function storeResult(database: Db, job: JobFile, result: JobResult, clock: () => Date) {
  const key = await callKeyOf(database, job.callId);
  const storage = job.storage ?? fileStorage();
  const whole = result instanceof Uint8Array;
  const saved = await storage.save(whole ? Readable.from([result]) : result, {
    fileName: job.fileName,
    // A stream's size is known only at its end; its own making bounds it.
    maxBytes: whole ? Math.max(result.byteLength, 1) : Number.MAX_SAFE_INTEGER,
    allowed: [job.type ?? PDF],
    seal: key ? { callId: job.callId, key } : undefined,
    madeByPortal: true,
  });
  const kept = await writeTx(async (tx) => {
    const mine = await first(
      tx
        .select({ id: documentJobs.id })
        .from(documentJobs)
        .where(and(eq(documentJobs.id, job.id), eq(documentJobs.runner, RUNNER), eq(documentJobs.status, "running"))),
    );
    if (!mine) return false;
    const storedFileId = await recordStoredFile(tx, saved, { originalName: job.fileName, uploadedByUserId: job.userId, organisationId: null });
    await tx.update(documentJobs).set({ status: "done", storedFileId, finishedAt: clock(), heartbeatAt: clock() }).where(eq(documentJobs.id, job.id));
    return true;
  }, database);
  if (!kept) await storage.remove(saved.storageKey);
}

/** The stored bytes of a finished job, decrypted. */
export async function openDocumentFile(database: Db, storedFileId: string, storage?: FileStorage): Promise<{ stream: Readable; sizeBytes: number }> {
  const file = await first(
    database
      .select({ backend: storedFiles.backend, storageKey: storedFiles.storageKey, sealedCallId: storedFiles.sealedCallId, sizeBytes: storedFiles.sizeBytes })
      .from(storedFiles)
      .where(eq(storedFiles.id, storedFileId)),
  );
  if (!file) throw new Error(`stored document ${storedFileId} is missing`);
  const key = file.sealedCallId ? await callKeyOf(database, file.sealedCallId) : null;
  return { stream: await openStoredFile(file, key, storage), sizeBytes: file.sizeBytes };
}
