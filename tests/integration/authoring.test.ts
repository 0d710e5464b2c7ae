// Authoring against a real SQLite file: drafts from the template and as copies, edits
// validated as a whole definition, uploaded documents that survive edits, publishing, and
// who may download a call's documents.
import { asc, eq } from "drizzle-orm";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { first, writeTx, type Db } from "../../app/infra/db.server";
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
  officerId = (await db.select().from(users)).find((u) => u.role === "officer")!.id;
  evaluatorId = (await db.select().from(users)).find((u) => u.role === "evaluator")!.id;
});
afterEach(() => t.cleanup());

const actions = async () => db.select().from(auditEntries).orderBy(asc(auditEntries.seq));

async function copyDresden() {
  const result = await copyCall({ actorUserId: officerId, fromSlug: "dresden-2017", slug: SLUG, title: TITLE, now: NOW, db });
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
  it("copies Dresden's published call into a new draft with the same 16 lots and criteria", async () => {
    const { callId } = await copyDresden();
    const draft = (await loadDraft(SLUG, db))!;
    expect(draft.callId).toBe(callId);
    expect(draft.status).toBe("draft");
    expect(draft.definition.slug).toBe(SLUG);
    expect(draft.definition.title).toBe(TITLE);
    expect(draft.definition.criteria.map((c) => c.weight)).toEqual([25, 20, 15, 15, 15, 15, 15, 10]);
    expect(draft.definition.dates).toEqual((await definitionOf("dresden-2017", db))!.dates);
    // A new procedure gets its own Aktenzeichen: the original's is not copied.
    expect((await definitionOf("dresden-2017", db))!.fileNumber).toBe("50.21-IB/2017-001");
    expect(draft.definition.fileNumber).toBeUndefined();
    const view = (await loadCallView(SLUG, { includeDrafts: true, db }))!;
    expect(view.lots).toHaveLength(16);
    expect(view.status).toBe("draft");
    expect(await loadCallView(SLUG, { db })).toBeNull(); // not public
    expect((await actions()).slice(-2).map((a) => [a.action, JSON.parse(a.details)])).toEqual([
      ["call.imported", expect.objectContaining({ slug: SLUG })],
      ["call.draft-created", { slug: SLUG, from: "dresden-2017" }],
    ]);
    expect((await actions()).at(-1)!.actorUserId).toBe(officerId);
  });

  it("makes a draft from the template with its schedule in the future, on Berlin wall-clock hours across DST", async () => {
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
    const result = await createCallFromTemplate({ actorUserId: officerId, slug: "neu-2027", title: "Neuer Aufruf", now, db });
    expect(result).toMatchObject({ ok: true, slug: "neu-2027" });
    expect((await loadDraft("neu-2027", db))!.definition.documents).toEqual([]);
    expect((await loadDraft("neu-2027", db))!.definition.fileNumber).toBeUndefined();
    expect(await publishDraft({ actorUserId: officerId, slug: "neu-2027", now, db })).toMatchObject({ ok: true });
  });

  it("refuses a slug that exists, a malformed slug and a reserved one, naming the field", async () => {
    await copyDresden();
    const again = await copyCall({ actorUserId: officerId, fromSlug: "dresden-2017", slug: SLUG, title: TITLE, now: NOW, db });
    expect(again).toEqual({ ok: false, errors: [{ path: "slug", key: "authoring.refusal.slugTaken", params: { slug: SLUG } }] });
    const bad = await createCallFromTemplate({ actorUserId: officerId, slug: "Groß Buchstaben", title: "", now: NOW, db });
    expect(bad.ok).toBe(false);
    if (!bad.ok) expect(bad.errors.map((e) => e.path).sort()).toEqual(["slug", "title"]);
    expect((await createCallFromTemplate({ actorUserId: officerId, slug: "neu", title: "x", now: NOW, db })).ok).toBe(false);
    await expect(copyCall({ actorUserId: officerId, fromSlug: "gibt-es-nicht", slug: "x-y-z", title: "x", now: NOW, db })).rejects.toThrow(
      expect.objectContaining({ code: "NOT_FOUND", key: "notFound.callSlug", params: { slug: "gibt-es-nicht" } }),
    );
  });
});

describe("editing a draft", () => {
  it("refuses weights that sum to 95 % naming criteria, saves nothing, then saves the fix", async () => {
    await copyDresden();
    const before = await definitionOf(SLUG, db);
    const auditBefore = (await actions()).length;
    const changeCriteria = (change: (d: CallDefinition) => void) => updateDraft({ actorUserId: officerId, slug: SLUG, section: "criteria", change, now: NOW, db });
    const refused = await changeCriteria((d) => {
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
    expect(await definitionOf(SLUG, db)).toEqual(before);
    expect(await actions()).toHaveLength(auditBefore);

    const saved = await changeCriteria((d) => {
      d.criteria[1].weight = 15;
      d.criteria[0].weight = 30;
    });
    expect(saved).toMatchObject({ ok: true, outcome: "updated" });
    expect((await definitionOf(SLUG, db))!.criteria.map((c) => c.weight)).toEqual([30, 15, 15, 15, 15, 15, 15, 10]);
    const callId = (await first(db.select().from(calls).where(eq(calls.slug, SLUG))))!.id;
    expect((await db.select({ w: criteria.weightPercent }).from(criteria).where(eq(criteria.callId, callId)).orderBy(asc(criteria.sortOrder))).map((r) => r.w)).toEqual([
      30, 15, 15, 15, 15, 15, 15, 10,
    ]);
    const last = (await actions()).at(-1)!;
    expect([last.action, JSON.parse(last.details), last.actorUserId]).toEqual(["call.draft-edited", { slug: SLUG, section: "criteria" }, officerId]);

    // The same change again changes nothing and writes no audit entry.
    const count = (await actions()).length;
    expect(await updateDraft({ actorUserId: officerId, slug: SLUG, section: "criteria", change: (d) => d, now: NOW, db })).toMatchObject({ outcome: "unchanged" });
    expect(await actions()).toHaveLength(count);
  });

  it("refuses dates out of order with the path of the date", async () => {
    await copyDresden();
    const result = await updateDraft({
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

  it("refuses a change of the slug", async () => {
    await copyDresden();
    const result = await updateDraft({ actorUserId: officerId, slug: SLUG, section: "basics", change: (d) => ({ ...d, slug: "anders-2027" }), now: NOW, db });
    expect(result).toMatchObject({ ok: false, errors: [{ path: "slug" }] });
    expect(await loadDraft("anders-2027", db)).toBeNull();
  });

  it("publishes only with dates in the future, and then refuses any further edit", async () => {
    await copyDresden();
    const past = await publishDraft({ actorUserId: officerId, slug: SLUG, now: NOW, db });
    expect(past).toMatchObject({ ok: false, reason: "dates-past", errors: [{ path: "dates.questionDeadline" }] });
    expect(await updateDraft({ actorUserId: officerId, slug: SLUG, section: "dates", change: futureDates, now: NOW, db })).toMatchObject({ ok: true });
    expect(await publishDraft({ actorUserId: officerId, slug: SLUG, now: NOW, db })).toMatchObject({ ok: true });
    const view = (await loadCallView(SLUG, { db }))!;
    expect(view.status).toBe("published");
    expect(view.dates.published).toEqual(NOW);
    expect(view.dates.submissionDeadline.toISOString()).toBe("2027-02-01T11:00:00.000Z");
    expect((await listPublicCalls(db)).map((c) => c.slug)).toContain(SLUG);

    const edit = () => updateDraft({ actorUserId: officerId, slug: SLUG, section: "basics", change: (d) => ({ ...d, title: "Neu" }), now: NOW, db });
    await expect(edit()).rejects.toThrow(DomainError);
    await expect(edit()).rejects.toThrow(expect.objectContaining({ code: "CONFLICT", key: "authoring.refusal.published", params: { slug: SLUG } }));
    await expect(publishDraft({ actorUserId: officerId, slug: SLUG, now: NOW, db })).rejects.toThrow(DomainError);
    await expect(addCallDocument({ actorUserId: officerId, slug: SLUG, upload: pdfUpload(), originalName: "a.pdf", title: "A", description: "", now: NOW, db })).rejects.toThrow(
      DomainError,
    );
  });
});

describe("documents of a call", () => {
  const anonymous = null;
  const officer = (): Actor => ({ userId: officerId, role: "officer", organisationId: null });
  const evaluator = (): Actor => ({ userId: evaluatorId, role: "evaluator", organisationId: null });
  const carrier: Actor = { userId: "someone", role: "carrier", organisationId: "some-organisation" };
  const canRead = async (actor: Actor | null, fileId: string) => {
    try {
      return (await fileForActor({ actor, fileId, db })).id === fileId;
    } catch (error) {
      if (error instanceof DomainError && error.code === "NOT_FOUND") return false;
      throw error;
    }
  };

  it("keeps uploaded documents through edits and re-imports, lists them apart from the definition's, and removes them in a draft", async () => {
    const { callId } = await copyDresden();
    const upload = pdfUpload();
    const { documentId, fileId } = await addCallDocument({
      actorUserId: officerId,
      slug: SLUG,
      upload,
      originalName: "Leistungsbeschreibung 2027.pdf",
      title: "Leistungsbeschreibung",
      description: "Die Standards als PDF",
      now: NOW,
      db,
    });
    await updateDraft({ actorUserId: officerId, slug: SLUG, section: "criteria", change: (d) => ({ ...d, criteria: d.criteria.map((c, i) => (i === 0 ? { ...c, name: "Konzept" } : c)) }), now: NOW, db });
    const def = (await definitionOf(SLUG, db))!;
    await importCall({ definition: { ...def, documents: [{ title: "Verlinkt", description: "extern", url: "https://example.org/a.pdf" }] }, actorUserId: null, now: NOW, db });
    expect(await callFiles(callId, db)).toEqual([
      {
        id: documentId,
        title: "Leistungsbeschreibung",
        description: "Die Standards als PDF",
        file: { id: fileId, name: "Leistungsbeschreibung 2027.pdf", mediaType: "application/pdf", sizeBytes: 12_345, sha256: upload.sha256 },
      },
    ]);
    expect((await loadCallView(SLUG, { includeDrafts: true, db }))!.documents).toEqual([{ title: "Verlinkt", description: "extern", url: "https://example.org/a.pdf" }]);
    // The PDF and the open data list both, the uploaded one with its public address.
    expect((await withUploadedDocuments((await loadCallView(SLUG, { includeDrafts: true, db }))!, "https://portal.test", db)).documents).toEqual([
      { title: "Verlinkt", description: "extern", url: "https://example.org/a.pdf" },
      { title: "Leistungsbeschreibung", description: "Die Standards als PDF", url: `https://portal.test/dateien/${fileId}` },
    ]);
    expect((await first(db.select().from(storedFiles).where(eq(storedFiles.id, fileId))))!.organisationId).toBeNull();

    expect(await removeCallDocument({ actorUserId: officerId, slug: SLUG, documentId, now: NOW, db })).toEqual({ backend: "local", storageKey: upload.storageKey });
    expect(await callFiles(callId, db)).toEqual([]);
    expect(await first(db.select().from(storedFiles).where(eq(storedFiles.id, fileId)))).toBeUndefined();
    expect((await actions()).map((a) => a.action)).toEqual(expect.arrayContaining(["call.document-added", "call.document-removed"]));
    await expect(removeCallDocument({ actorUserId: officerId, slug: SLUG, documentId, now: NOW, db })).rejects.toThrow(DomainError);
  });

  it("refuses a document that is not a PDF", async () => {
    await copyDresden();
    await expect(
      addCallDocument({ actorUserId: officerId, slug: SLUG, upload: { ...pdfUpload(), mediaType: "image/png" }, originalName: "a.png", title: "A", description: "", now: NOW, db }),
    ).rejects.toThrow(DomainError);
  });

  it("lets only officers read a draft's documents, and everyone once the call is published", async () => {
    await copyDresden();
    await updateDraft({ actorUserId: officerId, slug: SLUG, section: "dates", change: futureDates, now: NOW, db });
    const { fileId } = await addCallDocument({ actorUserId: officerId, slug: SLUG, upload: pdfUpload(), originalName: "a.pdf", title: "A", description: "", now: NOW, db });
    expect([await canRead(anonymous, fileId), await canRead(carrier, fileId), await canRead(evaluator(), fileId), await canRead(officer(), fileId)]).toEqual([false, false, false, true]);
    await publishDraft({ actorUserId: officerId, slug: SLUG, now: NOW, db });
    expect([await canRead(anonymous, fileId), await canRead(carrier, fileId), await canRead(evaluator(), fileId), await canRead(officer(), fileId)]).toEqual([true, true, true, true]);
  });

  it("keeps every other city file hidden from anonymous visitors", async () => {
    const [row] = await writeTx(
      async (tx) =>
        await tx
          .insert(storedFiles)
          .values({ backend: "local", storageKey: randomId(), originalName: "intern.pdf", mediaType: "application/pdf", sizeBytes: 1, sha256: "00".repeat(32) })
          .returning({ id: storedFiles.id }),
      db,
    );
    expect(await canRead(anonymous, row.id)).toBe(false);
    expect(await canRead(carrier, row.id)).toBe(false);
    expect(await canRead(anonymous, "gibt-es-nicht")).toBe(false);
    expect(await db.select().from(callDocuments)).toEqual([]);
  });
});
