// Authoring a call in the browser: a draft is made from the template (Dresden's definition)
// or as a copy of another call's stored definition, edited section by section, and
// published. Every edit is applied to the stored definition as a whole and validated by
// the one schema (call-definition.ts) before `importCall` replaces the draft's children;
// an invalid edit saves nothing and answers the schema's messages with their paths.
// The call's official PDF documents are uploaded files in `callDocuments` (storedFileId
// set, organisationId null): they belong to the call, not to its definition, so edits and
// re-imports keep them, and a copy does not take them along.
import { and, asc, eq, isNotNull, max } from "drizzle-orm";
import dresdenTemplate from "../calls/dresden-2017.json";
import { addCalendarDays, berlinDay, isoWithBerlinOffset, parseBerlinLocal } from "../i18n/berlin-time";
import { appendAudit } from "../infra/audit.server";
import { db as defaultDb, first, writeTx, type Db } from "../infra/db.server";
import { DomainError } from "../infra/errors";
import { callDocuments, calls, storedFiles } from "../infra/schema";
import type { SavedFile } from "../infra/storage.server";
import { recordStoredFile } from "../infra/stored-files.server";
import { parseCallDefinition, type CallDefinition, type DefinitionError } from "./call-definition";
import { importCall, publishCall } from "./calls.server";
import { questionDeadlinePassed } from "./lifecycle";

export type { DefinitionError };

export type DraftResult = { ok: true; callId: string; slug: string } | { ok: false; errors: DefinitionError[] };

// Paths under /verwaltung/aufrufe/ that are pages, not calls.
const RESERVED_SLUGS = new Set(["neu"]);

// ------------------------------------------------------------------------------ reading

/** The stored definition of a call (any status), or null when there is no such call or none is stored. */
export async function definitionOf(slug: string, database: Db = defaultDb()): Promise<CallDefinition | null> {
  const row = await first(database.select({ definition: calls.definition }).from(calls).where(eq(calls.slug, slug)));
  if (!row?.definition) return null;
  const parsed = parseCallDefinition(row.definition);
  // A definition stored under an older schema is still shown for editing; saving validates it.
  return parsed.ok ? parsed.definition : (row.definition as unknown as CallDefinition);
}

export type CallFile = {
  /** The callDocuments row. */
  id: string;
  title: string;
  description: string;
  file: { id: string; name: string; mediaType: string; sizeBytes: number; sha256: string };
};

/** The uploaded documents of a call, in the order they were added. */
export async function callFiles(callId: string, database: Db = defaultDb()): Promise<CallFile[]> {
  const rows = await database
    .select({
      id: callDocuments.id,
      title: callDocuments.title,
      description: callDocuments.description,
      fileId: storedFiles.id,
      name: storedFiles.originalName,
      mediaType: storedFiles.mediaType,
      sizeBytes: storedFiles.sizeBytes,
      sha256: storedFiles.sha256,
    })
    .from(callDocuments)
    .innerJoin(storedFiles, eq(storedFiles.id, callDocuments.storedFileId))
    .where(eq(callDocuments.callId, callId))
    .orderBy(asc(callDocuments.sortOrder));
  return rows.map(({ id, title, description, fileId, name, mediaType, sizeBytes, sha256 }) => ({
    id,
    title,
    description,
    file: { id: fileId, name, mediaType, sizeBytes, sha256 },
  }));
}

export type Draft = {
  callId: string;
  status: (typeof calls.$inferSelect)["status"];
  /** Changes with every saved edit (the editor's forms start afresh from it). */
  updatedAt: Date;
  definition: CallDefinition;
  files: CallFile[];
};

/** A call as the editor reads it: status, stored definition and uploaded documents. */
export async function loadDraft(slug: string, database: Db = defaultDb()): Promise<Draft | null> {
  const row = await first(
    database.select({ id: calls.id, status: calls.status, updatedAt: calls.updatedAt }).from(calls).where(eq(calls.slug, slug)),
  );
  if (!row) return null;
  const definition = await definitionOf(slug, database);
  if (!definition) return null;
  return { callId: row.id, status: row.status, updatedAt: row.updatedAt, definition, files: await callFiles(row.id, database) };
}

// ------------------------------------------------------------------------------ creating

/**
 * The template: Dresden's 2017 definition with the given slug and title, its documents
 * left out and its schedule moved to start tomorrow (Berlin time, so the times stay on the
 * hour across daylight saving time): questions until day 22, submissions until day 29.
 */
export function templateDefinition(opts: { slug: string; title: string; now: Date }): Record<string, unknown> {
  const today = berlinDay(opts.now);
  const at = (days: number, time: string) => berlinIso(`${addCalendarDays(today, days)}T${time}`);
  const serviceStart = 120;
  return {
    ...withoutFileNumber(structuredClone(dresdenTemplate)),
    slug: opts.slug,
    title: opts.title,
    documents: [],
    dates: {
      published: at(1, "09:00"),
      questionDeadline: at(22, "12:00"),
      submissionDeadline: at(29, "12:00"),
      opening: at(29, "14:00"),
      bindingPeriodEnd: at(serviceStart - 1, "23:59"),
      serviceStart: at(serviceStart, "00:00"),
      contractEnd: at(serviceStart + 2 * 365, "23:59"),
    },
  };
}

/** A new call is a new procedure with its own Aktenzeichen: the template's or original's is not taken along. */
function withoutFileNumber<T extends Record<string, unknown>>(definition: T): Omit<T, "fileNumber"> {
  const { fileNumber: _, ...rest } = definition;
  return rest;
}

/** A new draft from the template. */
export async function createCallFromTemplate(opts: {
  actorUserId: string | null;
  slug: string;
  title: string;
  now: Date;
  db?: Db;
}): Promise<DraftResult> {
  return createDraft({ ...opts, raw: templateDefinition(opts), from: "template" });
}

/** A new draft from another call's stored definition (any status); uploaded documents stay with the original. */
export async function copyCall(opts: {
  actorUserId: string | null;
  fromSlug: string;
  slug: string;
  title: string;
  now: Date;
  db?: Db;
}): Promise<DraftResult> {
  const database = opts.db ?? defaultDb();
  const source = await first(database.select({ definition: calls.definition }).from(calls).where(eq(calls.slug, opts.fromSlug)));
  if (!source) throw new DomainError("NOT_FOUND", "notFound.callSlug", { slug: opts.fromSlug });
  if (!source.definition) {
    throw new DomainError("CONFLICT", "authoring.refusal.noDefinition", { slug: opts.fromSlug });
  }
  const raw = { ...withoutFileNumber(structuredClone(source.definition)), slug: opts.slug, title: opts.title };
  return createDraft({ ...opts, db: database, raw, from: opts.fromSlug });
}

/** A new draft from a definition made by another use case (a follow-up call, follow-up.server.ts). */
export async function createDraftFromDefinition(opts: {
  actorUserId: string | null;
  raw: Record<string, unknown>;
  from: string;
  now: Date;
  db?: Db;
}): Promise<DraftResult> {
  return createDraft({ ...opts, slug: String(opts.raw.slug) });
}

async function createDraft(opts: {
  actorUserId: string | null;
  slug: string;
  now: Date;
  db?: Db;
  raw: unknown;
  from: string;
}): Promise<DraftResult> {
  const database = opts.db ?? defaultDb();
  if (RESERVED_SLUGS.has(opts.slug)) {
    return { ok: false, errors: [{ path: "slug", key: "authoring.refusal.slugReserved", params: { slug: opts.slug } }] };
  }
  const parsed = parseCallDefinition(opts.raw);
  if (!parsed.ok) return { ok: false, errors: parsed.errors };
  const definition = parsed.definition;
  return writeTx(async (tx): Promise<DraftResult> => {
    const taken = await first(tx.select({ id: calls.id }).from(calls).where(eq(calls.slug, definition.slug)));
    if (taken) {
      return { ok: false, errors: [{ path: "slug", key: "authoring.refusal.slugTaken", params: { slug: definition.slug } }] };
    }
    // Nested in this transaction (a savepoint): the draft and its audit entry commit together.
    const { callId } = await importCall({ definition, actorUserId: opts.actorUserId, now: opts.now, db: database });
    await appendAudit(tx, {
      at: opts.now,
      actorUserId: opts.actorUserId,
      action: "call.draft-created",
      objectType: "call",
      objectId: callId,
      details: { slug: definition.slug, from: opts.from },
    });
    return { ok: true, callId, slug: definition.slug };
  }, database);
}

// ------------------------------------------------------------------------------ editing

export type UpdateResult =
  | { ok: true; outcome: "updated" | "unchanged"; definition: CallDefinition }
  | { ok: false; errors: DefinitionError[] };

/**
 * Applies `change` to a plain copy of the draft's stored definition, validates the whole
 * result and, when valid, re-imports the draft (audit "call.draft-edited" with `section`).
 * `change` may mutate its argument or return a new object. Only drafts can be edited:
 * a published call changes by amendments.
 */
export async function updateDraft(opts: {
  actorUserId: string | null;
  slug: string;
  section: string;
  change: (d: CallDefinition) => unknown;
  now: Date;
  db?: Db;
}): Promise<UpdateResult> {
  const database = opts.db ?? defaultDb();
  return writeTx(async (tx): Promise<UpdateResult> => {
    const call = await requireDraft(tx, opts.slug);
    if (!call.definition) {
      throw new DomainError("CONFLICT", "authoring.refusal.noDefinition", { slug: opts.slug });
    }
    const copy = structuredClone(call.definition) as unknown as CallDefinition;
    const returned = opts.change(copy);
    const parsed = parseCallDefinition(returned === undefined ? copy : returned);
    if (!parsed.ok) return { ok: false, errors: parsed.errors };
    if (parsed.definition.slug !== opts.slug) {
      return { ok: false, errors: [{ path: "slug", key: "authoring.refusal.slugFixed" }] };
    }
    const result = await importCall({ definition: parsed.definition, actorUserId: opts.actorUserId, now: opts.now, db: database });
    if (result.outcome === "unchanged") return { ok: true, outcome: "unchanged", definition: parsed.definition };
    await appendAudit(tx, {
      at: opts.now,
      actorUserId: opts.actorUserId,
      action: "call.draft-edited",
      objectType: "call",
      objectId: call.id,
      details: { slug: opts.slug, section: opts.section },
    });
    return { ok: true, outcome: "updated", definition: parsed.definition };
  }, database);
}

type TxLike = Pick<Db, "select">;

async function requireDraft(tx: TxLike, slug: string) {
  const call = await first(tx.select({ id: calls.id, status: calls.status, definition: calls.definition }).from(calls).where(eq(calls.slug, slug)));
  if (!call) throw new DomainError("NOT_FOUND", "notFound.callSlug", { slug });
  if (call.status !== "draft") {
    throw new DomainError("CONFLICT", "authoring.refusal.published", { slug });
  }
  return call;
}

// ------------------------------------------------------------------------------ documents

/** Records an uploaded (already stored and checked) PDF as a document of a draft call. */
export async function addCallDocument(opts: {
  actorUserId: string;
  slug: string;
  upload: SavedFile;
  originalName: string;
  title: string;
  description: string;
  now: Date;
  db?: Db;
}): Promise<{ documentId: string; fileId: string }> {
  if (opts.upload.mediaType !== "application/pdf") {
    throw new DomainError("INVALID", "authoring.refusal.pdfOnly");
  }
  return writeTx(async (tx) => {
    const call = await requireDraft(tx, opts.slug);
    const fileId = await recordStoredFile(tx, opts.upload, {
      originalName: opts.originalName,
      uploadedByUserId: opts.actorUserId,
      organisationId: null, // the city's own file
    });
    const last = await first(
      tx
        .select({ n: max(callDocuments.sortOrder) })
        .from(callDocuments)
        .where(and(eq(callDocuments.callId, call.id), isNotNull(callDocuments.storedFileId))),
    );
    // After the definition's own documents (0, 1, …), whatever they are.
    const sortOrder = Math.max(1000, (last?.n ?? 999) + 1);
    const documentId = (
      await tx
        .insert(callDocuments)
        .values({ callId: call.id, title: opts.title, description: opts.description, storedFileId: fileId, sortOrder })
        .returning({ id: callDocuments.id })
    )[0].id;
    await appendAudit(tx, {
      at: opts.now,
      actorUserId: opts.actorUserId,
      action: "call.document-added",
      objectType: "call",
      objectId: call.id,
      details: { slug: opts.slug, documentId, fileId, title: opts.title, sha256: opts.upload.sha256, sizeBytes: opts.upload.sizeBytes },
    });
    return { documentId, fileId };
  }, opts.db ?? defaultDb());
}

/**
 * Removes an uploaded document from a draft. Returns the stored file whose bytes the caller
 * removes after the commit (the row is gone with the document).
 */
export async function removeCallDocument(opts: {
  actorUserId: string;
  slug: string;
  documentId: string;
  now: Date;
  db?: Db;
}): Promise<{ backend: "local" | "uploadthing"; storageKey: string }> {
  return writeTx(async (tx) => {
    const call = await requireDraft(tx, opts.slug);
    const doc = await first(
      tx
        .select({ id: callDocuments.id, title: callDocuments.title, fileId: storedFiles.id, backend: storedFiles.backend, storageKey: storedFiles.storageKey, sha256: storedFiles.sha256 })
        .from(callDocuments)
        .innerJoin(storedFiles, eq(storedFiles.id, callDocuments.storedFileId))
        .where(and(eq(callDocuments.id, opts.documentId), eq(callDocuments.callId, call.id))),
    );
    if (!doc) throw new DomainError("NOT_FOUND", "notFound.callDocument");
    await tx.delete(callDocuments).where(eq(callDocuments.id, doc.id));
    await tx.delete(storedFiles).where(eq(storedFiles.id, doc.fileId));
    await appendAudit(tx, {
      at: opts.now,
      actorUserId: opts.actorUserId,
      action: "call.document-removed",
      objectType: "call",
      objectId: call.id,
      details: { slug: opts.slug, documentId: doc.id, fileId: doc.fileId, title: doc.title, sha256: doc.sha256 },
    });
    return { backend: doc.backend, storageKey: doc.storageKey };
  }, opts.db ?? defaultDb());
}

// ------------------------------------------------------------------------------ publishing

export type PublishResult =
  | { ok: true; callId: string }
  | { ok: false; reason: "invalid" | "dates-past"; errors: DefinitionError[] };

/**
 * Publishes a draft now: refused while its stored definition is invalid or while its
 * question deadline (and so every later date) is not in the future.
 */
export async function publishDraft(opts: { actorUserId: string | null; slug: string; now: Date; db?: Db }): Promise<PublishResult> {
  const database = opts.db ?? defaultDb();
  return writeTx(async (tx): Promise<PublishResult> => {
    const call = await requireDraft(tx, opts.slug);
    const parsed = parseCallDefinition(call.definition);
    if (!parsed.ok) return { ok: false, reason: "invalid", errors: parsed.errors };
    if (questionDeadlinePassed(parsed.definition.dates, opts.now)) {
      return {
        ok: false,
        reason: "dates-past",
        errors: [{ path: "dates.questionDeadline", key: "authoring.refusal.questionDeadlinePast" }],
      };
    }
    return { ok: true, callId: (await publishCall({ slug: opts.slug, actorUserId: opts.actorUserId, now: opts.now, db: database })).callId };
  }, database);
}

// ------------------------------------------------------------------------------ helpers

/**
 * A Berlin wall-clock time ("2017-02-28T12:00") as an ISO instant with its offset
 * ("2017-02-28T12:00:00+01:00"), as definitions write them; throws if there is no such time.
 */
export function berlinIso(local: string): string {
  const instant = parseBerlinLocal(local);
  if (!instant) throw new Error(`No such time in Europe/Berlin: ${local}`);
  return isoWithBerlinOffset(instant);
}

/**
 * The call with its uploaded documents added to the definition's, each with the public
 * address it downloads from: for the PDF and the open data, which list every document.
 */
export async function withUploadedDocuments<C extends { id: string; documents: { title: string; description: string; url: string | null }[] }>(
  call: C,
  baseUrl: string,
  database: Db = defaultDb(),
): Promise<C> {
  const uploaded = (await callFiles(call.id, database)).map((f) => ({
    title: f.title,
    description: f.description,
    url: `${baseUrl}/dateien/${f.file.id}`,
  }));
  return { ...call, documents: [...call.documents, ...uploaded] };
}
