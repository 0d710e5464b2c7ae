import { describe, expect, it } from "vitest";
import { fileKindLabel } from "../submission/receipt-document";
import { translator } from "../i18n";
import type { FileRef } from "../submission/rules";
import type { SubmissionSnapshot } from "../submission/snapshot";
import { openingRecordOf } from "../../tests/support/opening-records";
import {
  checkFile,
  classifySubmissions,
  filesToVerify,
  hasMismatches,
  isWithinWindow,
  lateEntries,
  openingExpiresAt,
  type FileHash,
  type SubmissionRow,
} from "./opening-record";

const DEADLINE = new Date("2017-02-28T11:00:00Z");
const hex = (c: string) => c.repeat(64);

function file(id: string, sha: string): FileRef {
  return { id, name: `${id}.pdf`, mediaType: "application/pdf", sizeBytes: 1000, sha256: hex(sha) };
}

function snapshot(org: string, lots: number[], files: { concept?: FileRef; docs?: FileRef[] } = {}): SubmissionSnapshot {
  return {
    format: "submission-v1",
    call: { id: "call", slug: "dresden-2017", title: "Dresden 2017", submissionDeadline: DEADLINE.toISOString() },
    organisation: {
      id: `org-${org}`,
      name: `${org} e. V.`,
      legalForm: "e. V.",
      street: "Straße 1",
      postalCode: "01067",
      city: "Dresden",
      registerCourt: null,
      registerNumber: null,
      nonProfit: true,
    },
    lots: lots.map((n, i) => ({
      lotId: `lot-${n}`,
      number: n,
      regionName: "Nord",
      roleName: "Flüchtlingssozialarbeit",
      concept: [],
      conceptFile: i === 0 ? (files.concept ?? null) : null,
      posts: [],
      costPlan: { personnelCostPerFteCents: 0, materialCostCents: 0, overheadCents: 0 },
      totals: { fteHundredths: 0, personnelPerYearCents: 0, perYearCents: 0, termMonths: 12, termCents: 0 },
    })),
    documents: (files.docs ?? []).map((f) => ({ kind: "registerExtract" as const, file: f })),
  };
}

function row(p: Partial<SubmissionRow> & { id: string; applicationId: string; version: number; at: string }): SubmissionRow {
  const { at, ...rest } = p;
  return {
    organisationId: `org-${p.applicationId}`,
    organisationName: `${p.applicationId} (heute)`,
    receiptNumber: `EB-2017-${p.id.toUpperCase()}`,
    submittedAt: new Date(at),
    withdrawnAt: null,
    contentHash: hex("c"),
    snapshot: snapshot(p.applicationId, [1]),
    sealedContentIntact: true,
    ...rest,
  };
}

/** The record of one submission whose `files` all hash as submitted. */
function intactRecord(submission: SubmissionRow, files: FileRef[]) {
  return openingRecordOf({
    call: { id: "call", slug: "s", title: "T", submissionDeadline: DEADLINE },
    officers: ["A", "B"],
    startedAt: DEADLINE,
    confirmedAt: DEADLINE,
    submissions: [submission],
    fileHashes: new Map(files.map((f) => [f.id, { status: "ok", sha256: f.sha256, sizeBytes: 1000 } as const])),
  });
}

describe("classifySubmissions", () => {
  // A: two versions, the second counts. B: withdrew v1, then submitted v2, which counts.
  // C: withdrew its latest version v2, so nothing of C counts and v1 stays superseded.
  const rows = [
    row({ id: "a1", applicationId: "A", version: 1, at: "2017-02-01T10:00:00Z" }),
    row({ id: "a2", applicationId: "A", version: 2, at: "2017-02-10T10:00:00Z" }),
    row({ id: "b1", applicationId: "B", version: 1, at: "2017-02-02T10:00:00Z", withdrawnAt: new Date("2017-02-03T10:00:00Z") }),
    row({ id: "b2", applicationId: "B", version: 2, at: "2017-02-04T10:00:00Z" }),
    row({ id: "c1", applicationId: "C", version: 1, at: "2017-02-05T10:00:00Z" }),
    row({ id: "c2", applicationId: "C", version: 2, at: "2017-02-06T10:00:00Z", withdrawnAt: new Date("2017-02-07T10:00:00Z") }),
  ];

  it("counts the latest version unless it was withdrawn, ordered by time of receipt", () => {
    const c = classifySubmissions(rows);
    expect(c.counting.map((r) => r.id)).toEqual(["b2", "a2"]);
    expect(c.superseded.map((r) => r.id)).toEqual(["a1", "c1"]);
    expect(c.withdrawn.map((r) => r.id)).toEqual(["b1", "c2"]);
  });
});

describe("checkFile", () => {
  const entry = { file: file("f", "a"), kind: "registerExtract" as const, lotNumber: null };

  it("matches when the recomputed checksum equals the submitted one", () => {
    expect(checkFile(entry, { status: "ok", sha256: hex("a"), sizeBytes: 1000 })).toMatchObject({
      matches: true,
      problem: null,
      actualSha256: hex("a"),
    });
  });

  it("flags a changed file and a missing one (also one that was never hashed)", () => {
    expect(checkFile(entry, { status: "ok", sha256: hex("b"), sizeBytes: 999 })).toMatchObject({
      matches: false,
      problem: "changed",
      actualSha256: hex("b"),
      actualSizeBytes: 999,
    });
    expect(checkFile(entry, { status: "missing" })).toMatchObject({ matches: false, problem: "missing", actualSha256: null });
    expect(checkFile(entry, undefined)).toMatchObject({ matches: false, problem: "missing" });
  });
});

describe("buildOpeningRecord", () => {
  const concept = file("concept-x", "1");
  const register = file("register-x", "2");
  const references = file("references-x", "3");
  const oldFile = file("old", "4");
  const rows: SubmissionRow[] = [
    row({ id: "x1", applicationId: "X", version: 1, at: "2017-02-01T09:00:00Z", snapshot: snapshot("X", [3], { docs: [oldFile] }) }),
    row({
      id: "x2",
      applicationId: "X",
      version: 2,
      at: "2017-02-20T09:00:00Z",
      snapshot: snapshot("X", [3, 7], { concept, docs: [register, references] }),
    }),
    row({ id: "y1", applicationId: "Y", version: 1, at: "2017-02-21T09:00:00Z", withdrawnAt: new Date("2017-02-22T09:00:00Z") }),
    // Cannot happen through the portal, but a row at the deadline itself is listed as late.
    row({ id: "z1", applicationId: "Z", version: 1, at: DEADLINE.toISOString(), snapshot: null, sealedContentIntact: false }),
  ];
  const hashes = new Map<string, FileHash>([
    [concept.id, { status: "ok", sha256: concept.sha256, sizeBytes: 1000 }],
    [register.id, { status: "ok", sha256: hex("f"), sizeBytes: 1001 }],
    // references-x: not hashed at all, i.e. missing
  ]);
  const record = openingRecordOf({
    call: { id: "call", slug: "dresden-2017", title: "Dresden 2017", submissionDeadline: DEADLINE },
    startedAt: new Date("2017-02-28T13:00:00Z"),
    confirmedAt: new Date("2017-02-28T13:20:00Z"),
    submissions: rows,
    fileHashes: hashes,
  });

  it("lists the counting versions with organisation, receipt number, time, version, lots and hash", () => {
    expect(record.counting.map((e) => e.submissionId)).toEqual(["x2", "z1"]);
    const x = record.counting[0];
    expect(x).toMatchObject({
      organisationName: "X e. V.", // as submitted, from the sealed content
      receiptNumber: "EB-2017-X2",
      submittedAt: "2017-02-20T09:00:00.000Z",
      version: 2,
      status: "counting",
      contentHash: hex("c"),
      late: false,
    });
    expect(x.lots.map((l) => l.number)).toEqual([3, 7]);
  });

  it("checks every file of a counting version: one matching, one changed, one missing", () => {
    const x = record.counting[0];
    expect(x.files.map((f) => [f.name, f.kind, f.lotNumber, f.matches, f.problem])).toEqual([
      ["concept-x.pdf", "concept", 3, true, null],
      ["register-x.pdf", "registerExtract", null, false, "changed"],
      ["references-x.pdf", "registerExtract", null, false, "missing"],
    ]);
  });

  it("lists superseded and withdrawn versions as such, without checking their files", () => {
    expect(record.superseded.map((e) => [e.submissionId, e.status, e.files.length])).toEqual([["x1", "superseded", 0]]);
    expect(record.withdrawn.map((e) => [e.submissionId, e.withdrawnAt])).toEqual([["y1", "2017-02-22T09:00:00.000Z"]]);
  });

  it("lists a version received at the deadline as late, and one whose content cannot be read by its current name", () => {
    expect(lateEntries(record).map((e) => e.submissionId)).toEqual(["z1"]);
    const z = record.counting[1];
    expect(z).toMatchObject({ late: true, organisationName: "Z (heute)", sealedContentIntact: false, lots: [], files: [] });
  });

  it("sums it up, mismatches included", () => {
    expect(record.summary).toEqual({
      counting: 2,
      superseded: 1,
      withdrawn: 1,
      late: 1,
      files: 3,
      fileMismatches: 2,
      contentMismatches: 1,
    });
    expect(hasMismatches(record)).toBe(true);
    expect(record.startedBy.name).toBe("Anna");
    expect(record.confirmedAt).toBe("2017-02-28T13:20:00.000Z");
  });

  it("survives a JSON round trip unchanged (it is stored as JSON)", () => {
    expect(JSON.parse(JSON.stringify(record))).toEqual(record);
  });

  it("verifies only the files of counting versions, each once", () => {
    const shared = snapshot("W", [1], { concept: register, docs: [register] });
    const ids = filesToVerify([...rows, row({ id: "w1", applicationId: "W", version: 1, at: "2017-02-23T09:00:00Z", snapshot: shared })]).map(
      (f) => f.id,
    );
    expect(ids).toEqual(["concept-x", "register-x", "references-x"]);
    expect(ids).not.toContain("old");
  });

  it("has no mismatches when every file matches and every content is intact", () => {
    const clean = intactRecord(row({ id: "q1", applicationId: "Q", version: 1, at: "2017-02-01T00:00:00Z", snapshot: snapshot("Q", [1], { docs: [register] }) }), [register]);
    expect(clean.summary.fileMismatches).toBe(0);
    expect(hasMismatches(clean)).toBe(false);
  });
});

describe("the files of the opening record", () => {
  it("lists the documents in the order of the form with their full names, as the receipt does, whatever the order of upload", () => {
    const docs = { declarations: file("decl", "1"), references: file("ref", "2"), registerExtract: file("reg", "3") };
    const snap = snapshot("R", [2], { concept: file("concept", "4") });
    snap.documents = [
      { kind: "declarations", file: docs.declarations },
      { kind: "references", file: docs.references },
      { kind: "registerExtract", file: docs.registerExtract },
    ];
    const record = intactRecord(row({ id: "r1", applicationId: "R", version: 1, at: "2017-02-01T00:00:00Z", snapshot: snap }), [file("concept", "4"), ...Object.values(docs)]);
    const t = translator("de");
    expect(record.counting[0].files.map((f) => [fileKindLabel(f, t), f.name])).toEqual([
      ["Konzept zu Los 2", "concept.pdf"],
      ["Registerauszug", "reg.pdf"],
      ["Referenzen", "ref.pdf"],
      ["Weitere unterschriebene Erklärungen", "decl.pdf"],
    ]);
  });
});

describe("the confirmation window", () => {
  const started = new Date("2017-02-28T13:00:00Z");

  it("lasts 60 minutes: open one millisecond before, closed at the end", () => {
    expect(openingExpiresAt(started).toISOString()).toBe("2017-02-28T14:00:00.000Z");
    expect(isWithinWindow(started, new Date("2017-02-28T13:59:59.999Z"))).toBe(true);
    expect(isWithinWindow(started, new Date("2017-02-28T14:00:00Z"))).toBe(false);
  });
});
