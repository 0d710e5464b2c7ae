// Authoring against a real SQLite file: drafts from the template and as copies, edits
// validated as a whole definition, uploaded documents that survive edits, publishing, and
// who may download a call's documents.
import { asc, eq } from "drizzle-orm";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import type { Db } from "../../app/infra/db.server";
import { DomainError } from "../../app/infra/errors";
import { randomId } from "../../app/infra/ids";
import { auditEntries, callDocuments, calls, criteria, storedFiles, users } from "../../app/infra/schema";
import type { SavedFile } from "../../app/infra/storage.server";
import {
  addCallDocument,
  withUploadedDocuments,
  berlinIso,
  callFiles,
  copyCall,
  createCallFromTemplate,
  definitionOf,
  loadDraft,
  publishDraft,
  removeCallDocument,
  templateDefinition,
  updateDraft,
} from "../../app/procurement/authoring.server";
import { parseCallDefinition, type CallDefinition } from "../../app/procurement/call-definition";
import { importCall, listPublicCalls, loadCallView } from "../../app/procurement/calls.server";
import { fileForActor, type Actor } from "../../app/submission/access.server";
import type { TempDb } from "../support/temp-db";
import { tempDemoDatabase } from "../support/demo-db";

const NOW = new Date("2026-11-25T10:00:00Z");
const SLUG = "sozialbetreuung-2027";
const TITLE = "Aufruf zur Interessenbekundung: Soziale Betreuung 2027";

let t: TempDb;
let db: Db;
let officerId: string;
let evaluatorId: string;

beforeEach(async () => {
  t = await tempDemoDatabase(NOW);
  db = t.db;
  officerId = db.select().from(users).all().find((u) => u.role === "officer")!.id;
  evaluatorId = db.select().from(users).all().find((u) => u.role === "evaluator")!.id;
});
afterEach(() => t.cleanup());

const actions = () => db.select().from(auditEntries).orderBy(asc(auditEntries.seq)).all();

function copyDresden() {
  const result = copyCall({ actorUserId: officerId, fromSlug: "dresden-2017", slug: SLUG, title: TITLE, now: NOW, db });
  if (!result.ok) throw new Error(JSON.stringify(result.errors));
  return result;
}

/** Moves the copy's 2017 schedule into 2027 (Berlin wall-clock times). */
function futureDates(d: { dates: Record<string, string> }) {
  d.dates = {
    published: berlinIso("2027-01-04T09:00"),
    questionDeadline: berlinIso("2027-01-25T12:00"),
    submissionDeadline: berlinIso("2027-02-01T12:00"),
    opening: berlinIso("2027-02-01T14:00"),
    bindingPeriodEnd: berlinIso("2027-04-30T23:59"),
    serviceStart: berlinIso("2027-05-01T00:00"),
    contractEnd: berlinIso("2029-04-30T23:59"),
  };
}

function pdfUpload(): SavedFile {
  return { backend: "local", storageKey: randomId(), sizeBytes: 12_345, sha256: "ab".repeat(32), mediaType: "application/pdf" };
}

describe("creating drafts", () => {
  it("copies Dresden's published call into a new draft with the same 16 lots and criteria", () => {
    const { callId } = copyDresden();
    const draft = loadDraft(SLUG, db)!;
    expect(draft.callId).toBe(callId);
    expect(draft.status).toBe("draft");
    expect(draft.definition.slug).toBe(SLUG);
    expect(draft.definition.title).toBe(TITLE);
    expect(draft.definition.criteria.map((c) => c.weight)).toEqual([25, 20, 15, 15, 15, 15, 15, 10]);
    expect(draft.definition.dates).toEqual(definitionOf("dresden-2017", db)!.dates);
    // A new procedure gets its own Aktenzeichen: the original's is not copied.
    expect(definitionOf("dresden-2017", db)!.fileNumber).toBe("50.21-IB/2017-001");
    expect(draft.definition.fileNumber).toBeUndefined();
    const view = loadCallView(SLUG, { includeDrafts: true, db })!;
    expect(view.lots).toHaveLength(16);
    expect(view.status).toBe("draft");
    expect(loadCallView(SLUG, { db })).toBeNull(); // not public
    expect(actions().slice(-2).map((a) => [a.action, JSON.parse(a.details)])).toEqual([
      ["call.imported", expect.objectContaining({ slug: SLUG })],
      ["call.draft-created", { slug: SLUG, from: "dresden-2017" }],
    ]);
    expect(actions().at(-1)!.actorUserId).toBe(officerId);
  });

  it("makes a draft from the template with its schedule in the future, on Berlin wall-clock hours across DST", () => {
    // 10 March 2027: the question deadline (day 22) and the submission deadline (day 29) fall in summer time.
    const now = new Date("2027-03-10T08:00:00Z");
    const raw = templateDefinition({ slug: "neu-2027", title: "Neuer Aufruf", now }) as { dates: Record<string, string> };
    expect(raw.dates).toMatchObject({
      published: "2027-03-11T09:00:00+01:00",
      questionDeadline: "2027-04-01T12:00:00+02:00",
      submissionDeadline: "2027-04-08T12:00:00+02:00",
      opening: "2027-04-08T14:00:00+02:00",
    });
    expect(parseCallDefinition(raw).ok).toBe(true);
    const result = createCallFromTemplate({ actorUserId: officerId, slug: "neu-2027", title: "Neuer Aufruf", now, db });
    expect(result).toMatchObject({ ok: true, slug: "neu-2027" });
    expect(loadDraft("neu-2027", db)!.definition.documents).toEqual([]);
    expect(loadDraft("neu-2027", db)!.definition.fileNumber).toBeUndefined();
    expect(publishDraft({ actorUserId: officerId, slug: "neu-2027", now, db })).toMatchObject({ ok: true });
  });

  it("refuses a slug that exists, a malformed slug and a reserved one, naming the field", () => {
    copyDresden();
    const again = copyCall({ actorUserId: officerId, fromSlug: "dresden-2017", slug: SLUG, title: TITLE, now: NOW, db });
    expect(again).toEqual({ ok: false, errors: [{ path: "slug", key: "authoring.refusal.slugTaken", params: { slug: SLUG } }] });
    const bad = createCallFromTemplate({ actorUserId: officerId, slug: "Groß Buchstaben", title: "", now: NOW, db });
    expect(bad.ok).toBe(false);
    if (!bad.ok) expect(bad.errors.map((e) => e.path).sort()).toEqual(["slug", "title"]);
    expect(createCallFromTemplate({ actorUserId: officerId, slug: "neu", title: "x", now: NOW, db }).ok).toBe(false);
    expect(() => copyCall({ actorUserId: officerId, fromSlug: "gibt-es-nicht", slug: "x-y-z", title: "x", now: NOW, db })).toThrow(
      expect.objectContaining({ code: "NOT_FOUND", key: "notFound.callSlug", params: { slug: "gibt-es-nicht" } }),
    );
  });
});

describe("editing a draft", () => {
  it("refuses weights that sum to 95 % naming criteria, saves nothing, then saves the fix", () => {
    copyDresden();
    const before = definitionOf(SLUG, db);
    const auditBefore = actions().length;
    const changeCriteria = (change: (d: CallDefinition) => void) => updateDraft({ actorUserId: officerId, slug: SLUG, section: "criteria", change, now: NOW, db });
    const refused = changeCriteria((d) => {
      d.criteria[1].weight = 15;
    });
    expect(refused.ok).toBe(false);
    if (!refused.ok) {
      // Vernetzung applies to every role: each role's weights add up to 95 %.
      expect(refused.errors).toEqual(
        ["Regionalkoordination", "Flüchtlingssozialarbeit", "Flüchtlingsbegleitung", "Integrationsberatung"].map((role) => ({
          path: "criteria",
          key: "definition.weightsSumRole",
          params: { role, total: 95 },
        })),
      );
    }
    expect(definitionOf(SLUG, db)).toEqual(before);
    expect(actions()).toHaveLength(auditBefore);

    const saved = changeCriteria((d) => {
      d.criteria[1].weight = 15;
      d.criteria[0].weight = 30;
    });
    expect(saved).toMatchObject({ ok: true, outcome: "updated" });
    expect(definitionOf(SLUG, db)!.criteria.map((c) => c.weight)).toEqual([30, 15, 15, 15, 15, 15, 15, 10]);
    const callId = db.select().from(calls).where(eq(calls.slug, SLUG)).get()!.id;
    expect(db.select({ w: criteria.weightPercent }).from(criteria).where(eq(criteria.callId, callId)).orderBy(asc(criteria.sortOrder)).all().map((r) => r.w)).toEqual([
      30, 15, 15, 15, 15, 15, 15, 10,
    ]);
    const last = actions().at(-1)!;
    expect([last.action, JSON.parse(last.details), last.actorUserId]).toEqual(["call.draft-edited", { slug: SLUG, section: "criteria" }, officerId]);

    // The same change again changes nothing and writes no audit entry.
    const count = actions().length;
    expect(updateDraft({ actorUserId: officerId, slug: SLUG, section: "criteria", change: (d) => d, now: NOW, db })).toMatchObject({ outcome: "unchanged" });
    expect(actions()).toHaveLength(count);
  });

  it("refuses dates out of order with the path of the date", () => {
    copyDresden();
    const result = updateDraft({
      actorUserId: officerId,
      slug: SLUG,
      section: "dates",
      change: (d) => ({ ...d, dates: { ...d.dates, questionDeadline: "2017-03-01T12:00:00+01:00" } }),
      now: NOW,
      db,
    });
    expect(result).toEqual({
      ok: false,
      errors: [{ path: "dates.submissionDeadline", key: "definition.dateOrder.submissionDeadline" }],
    });
  });

  it("refuses a change of the slug", () => {
    copyDresden();
    const result = updateDraft({ actorUserId: officerId, slug: SLUG, section: "basics", change: (d) => ({ ...d, slug: "anders-2027" }), now: NOW, db });
    expect(result).toMatchObject({ ok: false, errors: [{ path: "slug" }] });
    expect(loadDraft("anders-2027", db)).toBeNull();
  });

  it("publishes only with dates in the future, and then refuses any further edit", () => {
    copyDresden();
    const past = publishDraft({ actorUserId: officerId, slug: SLUG, now: NOW, db });
    expect(past).toMatchObject({ ok: false, reason: "dates-past", errors: [{ path: "dates.questionDeadline" }] });
    expect(updateDraft({ actorUserId: officerId, slug: SLUG, section: "dates", change: futureDates, now: NOW, db })).toMatchObject({ ok: true });
    expect(publishDraft({ actorUserId: officerId, slug: SLUG, now: NOW, db })).toMatchObject({ ok: true });
    const view = loadCallView(SLUG, { db })!;
    expect(view.status).toBe("published");
    expect(view.dates.published).toEqual(NOW);
    expect(view.dates.submissionDeadline.toISOString()).toBe("2027-02-01T11:00:00.000Z");
    expect(listPublicCalls(db).map((c) => c.slug)).toContain(SLUG);

    const edit = () => updateDraft({ actorUserId: officerId, slug: SLUG, section: "basics", change: (d) => ({ ...d, title: "Neu" }), now: NOW, db });
    expect(edit).toThrow(DomainError);
    expect(edit).toThrow(expect.objectContaining({ code: "CONFLICT", key: "authoring.refusal.published", params: { slug: SLUG } }));
    expect(() => publishDraft({ actorUserId: officerId, slug: SLUG, now: NOW, db })).toThrow(DomainError);
    expect(() => addCallDocument({ actorUserId: officerId, slug: SLUG, upload: pdfUpload(), originalName: "a.pdf", title: "A", description: "", now: NOW, db })).toThrow(
      DomainError,
    );
  });
});

describe("documents of a call", () => {
  const anonymous = null;
  const officer = (): Actor => ({ userId: officerId, role: "officer", organisationId: null });
  const evaluator = (): Actor => ({ userId: evaluatorId, role: "evaluator", organisationId: null });
  const carrier: Actor = { userId: "someone", role: "carrier", organisationId: "some-organisation" };
  const canRead = (actor: Actor | null, fileId: string) => {
    try {
      return fileForActor({ actor, fileId, db }).id === fileId;
    } catch (error) {
      if (error instanceof DomainError && error.code === "NOT_FOUND") return false;
      throw error;
    }
  };

  it("keeps uploaded documents through edits and re-imports, lists them apart from the definition's, and removes them in a draft", () => {
    const { callId } = copyDresden();
    const upload = pdfUpload();
    const { documentId, fileId } = addCallDocument({
      actorUserId: officerId,
      slug: SLUG,
      upload,
      originalName: "Leistungsbeschreibung 2027.pdf",
      title: "Leistungsbeschreibung",
      description: "Die Standards als PDF",
      now: NOW,
      db,
    });
    updateDraft({ actorUserId: officerId, slug: SLUG, section: "criteria", change: (d) => ({ ...d, criteria: d.criteria.map((c, i) => (i === 0 ? { ...c, name: "Konzept" } : c)) }), now: NOW, db });
    const def = definitionOf(SLUG, db)!;
    importCall({ definition: { ...def, documents: [{ title: "Verlinkt", description: "extern", url: "https://example.org/a.pdf" }] }, actorUserId: null, now: NOW, db });
    expect(callFiles(callId, db)).toEqual([
      {
        id: documentId,
        title: "Leistungsbeschreibung",
        description: "Die Standards als PDF",
        file: { id: fileId, name: "Leistungsbeschreibung 2027.pdf", mediaType: "application/pdf", sizeBytes: 12_345, sha256: upload.sha256 },
      },
    ]);
    expect(loadCallView(SLUG, { includeDrafts: true, db })!.documents).toEqual([{ title: "Verlinkt", description: "extern", url: "https://example.org/a.pdf" }]);
    // The PDF and the open data list both, the uploaded one with its public address.
    expect(withUploadedDocuments(loadCallView(SLUG, { includeDrafts: true, db })!, "https://portal.test", db).documents).toEqual([
      { title: "Verlinkt", description: "extern", url: "https://example.org/a.pdf" },
      { title: "Leistungsbeschreibung", description: "Die Standards als PDF", url: `https://portal.test/dateien/${fileId}` },
    ]);
    expect(db.select().from(storedFiles).where(eq(storedFiles.id, fileId)).get()!.organisationId).toBeNull();

    expect(removeCallDocument({ actorUserId: officerId, slug: SLUG, documentId, now: NOW, db })).toEqual({ backend: "local", storageKey: upload.storageKey });
    expect(callFiles(callId, db)).toEqual([]);
    expect(db.select().from(storedFiles).where(eq(storedFiles.id, fileId)).get()).toBeUndefined();
    expect(actions().map((a) => a.action)).toEqual(expect.arrayContaining(["call.document-added", "call.document-removed"]));
    expect(() => removeCallDocument({ actorUserId: officerId, slug: SLUG, documentId, now: NOW, db })).toThrow(DomainError);
  });

  it("refuses a document that is not a PDF", () => {
    copyDresden();
    expect(() =>
      addCallDocument({ actorUserId: officerId, slug: SLUG, upload: { ...pdfUpload(), mediaType: "image/png" }, originalName: "a.png", title: "A", description: "", now: NOW, db }),
    ).toThrow(DomainError);
  });

  it("lets only officers read a draft's documents, and everyone once the call is published", () => {
    copyDresden();
    updateDraft({ actorUserId: officerId, slug: SLUG, section: "dates", change: futureDates, now: NOW, db });
    const { fileId } = addCallDocument({ actorUserId: officerId, slug: SLUG, upload: pdfUpload(), originalName: "a.pdf", title: "A", description: "", now: NOW, db });
    expect([canRead(anonymous, fileId), canRead(carrier, fileId), canRead(evaluator(), fileId), canRead(officer(), fileId)]).toEqual([false, false, false, true]);
    publishDraft({ actorUserId: officerId, slug: SLUG, now: NOW, db });
    expect([canRead(anonymous, fileId), canRead(carrier, fileId), canRead(evaluator(), fileId), canRead(officer(), fileId)]).toEqual([true, true, true, true]);
  });

  it("keeps every other city file hidden from anonymous visitors", () => {
    const row = db
      .insert(storedFiles)
      .values({ backend: "local", storageKey: randomId(), originalName: "intern.pdf", mediaType: "application/pdf", sizeBytes: 1, sha256: "00".repeat(32) })
      .returning({ id: storedFiles.id })
      .get();
    expect(canRead(anonymous, row.id)).toBe(false);
    expect(canRead(carrier, row.id)).toBe(false);
    expect(canRead(anonymous, "gibt-es-nicht")).toBe(false);
    expect(db.select().from(callDocuments).all()).toEqual([]);
  });
});
