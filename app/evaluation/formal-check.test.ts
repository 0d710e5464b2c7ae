import { describe, expect, it } from "vitest";
import type { FileRef, PostDraft } from "../submission/rules";
import type { SubmissionSnapshot } from "../submission/snapshot";
import {
  changedEntries,
  checkProgress,
  deriveChecklist,
  documentRequestsAllowed,
  defaultDocumentRequestDue,
  documentRequestDueAt,
  draftFromSnapshot,
  isCheckItem,
  latestChecks,
  mergeRecorded,
  noteMissing,
  type ChecklistCall,
  type RecordedCheck,
} from "./formal-check";
import type { OpeningFileCheck } from "./opening-record";
import { exclusionGrounds } from "../submission/declarations";

const DEADLINE = new Date("2017-02-28T11:00:00Z");
const hex = (c: string) => c.repeat(64);
const file = (id: string): FileRef => ({ id, name: `${id}.pdf`, mediaType: "application/pdf", sizeBytes: 10, sha256: hex("a") });

// Two lots: 2 needs a pedagogical degree (Flüchtlingssozialarbeit), 3 does not (Begleitung).
const CALL: ChecklistCall = {
  submissionDeadline: DEADLINE,
  maxLotsPerCarrier: 2,
  payScale: { name: "TVöD SuE", groups: ["S 8a", "S 11b", "S 12"], tariffOrEquivalentRequired: true, illustrative: true, fullTimeWeeklyHours: 39 },
  conceptSections: [
    { code: "ansatz", title: "Ansatz", guidance: "", maxChars: 100, roleCodes: null },
    { code: "team", title: "Team", guidance: "", maxChars: 100, roleCodes: null },
  ],
  roles: [
    { id: "r-fsa", code: "fsa", name: "Flüchtlingssozialarbeit", summary: "", tasks: [], qualifications: "", requiresPedagogicalDegree: true, payGuideline: "", minPayGroup: "S 12", tandemWith: null },
    { id: "r-fb", code: "fb", name: "Flüchtlingsbegleitung", summary: "", tasks: [], qualifications: "", requiresPedagogicalDegree: false, payGuideline: "", minPayGroup: "S 8a", tandemWith: null },
  ],
  lots: [
    { id: "lot-2", number: 2, regionCode: "nord", regionName: "Nord", roleCode: "fsa", roleName: "Flüchtlingssozialarbeit", cancelled: false },
    { id: "lot-3", number: 3, regionCode: "nord", regionName: "Nord", roleCode: "fb", roleName: "Flüchtlingsbegleitung", cancelled: false },
    { id: "lot-4", number: 4, regionCode: "sued", regionName: "Süd", roleCode: "fb", roleName: "Flüchtlingsbegleitung", cancelled: false },
  ],
};

const goodPost: PostDraft = {
  fteHundredths: 100,
  weeklyHoursHundredths: 3900,
  qualification: "Sozialarbeiterin B. A.",
  hasPedagogicalDegree: true,
  payGroup: "S 12",
  languages: ["de"],
};

function lot(id: string, number: number, posts: PostDraft[], concept = { ansatz: "A", team: "T" }, conceptFile: FileRef | null = file(`k-${number}`)) {
  return {
    lotId: id,
    number,
    regionName: "Nord",
    roleName: "x",
    concept: Object.entries(concept).map(([code, text]) => ({ code, title: code === "ansatz" ? "Ansatz" : "Team", text })),
    conceptFile,
    posts,
    costPlan: { personnelCostPerFteCents: 1, materialCostCents: 1, overheadCents: 1 },
    totals: { fteHundredths: 100, personnelPerYearCents: 1, perYearCents: 3, termMonths: 12, termCents: 3 },
  };
}

function snapshot(over: Partial<SubmissionSnapshot> = {}): SubmissionSnapshot {
  return {
    format: "submission-v1",
    call: { id: "c", slug: "s", title: "T", submissionDeadline: DEADLINE.toISOString() },
    organisation: {
      id: "o",
      name: "Hilfe e. V.",
      legalForm: "e. V.",
      street: "S",
      postalCode: "01067",
      city: "Dresden",
      registerCourt: null,
      registerNumber: null,
      nonProfit: true,
    },
    lots: [lot("lot-2", 2, [goodPost])],
    documents: (["registerExtract", "nonProfitCertificate", "references", "declarations", "degreeProofs"] as const).map((kind) => ({ kind, file: file(kind) })),
    declarations: {
      pay: { kind: "pay", text: "…", signature: { name: "E", role: "GF", declaredAt: IN_TIME.toISOString() } },
      exclusion: { kind: "exclusion", grounds: [], text: "…", signature: { name: "E", role: "GF", declaredAt: IN_TIME.toISOString() } },
    },
    ...over,
  };
}

const IN_TIME = new Date("2017-02-27T10:00:00Z");
const states = (items: { item: string; suggested: string }[]) => items.map((i) => `${i.item}:${i.suggested}`);

describe("deriveChecklist", () => {
  it("suggests every item as met for a complete, timely submission, with the officer's notes", () => {
    const c = deriveChecklist({ call: CALL, snapshot: snapshot(), submittedAt: IN_TIME });
    expect(states(c.submission)).toEqual(["onTime:pass", "complete:pass", "documents:pass", "lotCap:pass"]);
    expect(c.submission.find((i) => i.item === "documents")!.reasons).toEqual([{ key: "check.reason.validityByOfficer" }]);
    expect(c.submission.find((i) => i.item === "lotCap")!.reasons).toEqual([{ key: "check.reason.lotCount", params: { count: 1, max: 2 } }]);
    expect(c.lots).toHaveLength(1);
    expect(c.lots[0]).toMatchObject({ lotId: "lot-2", number: 2 });
    expect(states(c.lots[0].items)).toEqual(["complete:pass", "qualification:pass", "degreeProof:pass", "payDeclaration:pass"]);
    expect(c.lots[0].items[2].reasons).toEqual([{ key: "check.reason.degreeProofByOfficer", params: { posts: 1 } }]);
    expect(c.lots[0].items.every((i) => i.lotId === "lot-2")).toBe(true);
  });

  it("fails completeness for a version without the declarations in Textform (submitted before they existed)", () => {
    const c = deriveChecklist({ call: CALL, snapshot: snapshot({ declarations: undefined }), submittedAt: IN_TIME });
    expect(c.submission.find((i) => i.item === "complete")!.reasons.map((r) => r.key)).toEqual(["missing.declaration.pay", "missing.declaration.exclusion"]);
  });

  it("fails a submission received at the deadline", () => {
    const c = deriveChecklist({ call: CALL, snapshot: snapshot(), submittedAt: DEADLINE });
    expect(c.submission[0]).toEqual({ item: "onTime", lotId: null, suggested: "fail", reasons: [{ key: "check.reason.late" }] });
  });

  it("fails missing documents (the non-profit certificate only for a non-profit organisation; signed declarations never)", () => {
    const docs = snapshot().documents.filter((d) => d.kind === "registerExtract");
    const c = deriveChecklist({ call: CALL, snapshot: snapshot({ documents: docs }), submittedAt: IN_TIME });
    const documents = c.submission.find((i) => i.item === "documents")!;
    expect(documents.suggested).toBe("fail");
    expect(documents.reasons.map((r) => r.key)).toEqual([
      "missing.document.nonProfitCertificate",
      "missing.document.references",
    ]);
    expect(c.submission.find((i) => i.item === "complete")!.suggested).toBe("fail");
    const forProfit = snapshot({ documents: docs.concat(snapshot().documents.filter((d) => d.kind === "references" || d.kind === "degreeProofs")) });
    forProfit.organisation = { ...forProfit.organisation, nonProfit: false };
    expect(deriveChecklist({ call: CALL, snapshot: forProfit, submittedAt: IN_TIME }).submission.find((i) => i.item === "documents")!.suggested).toBe("pass");
  });

  it("fails the lot cap with three lots where two are allowed, and passes any number without a cap", () => {
    const three = snapshot({ lots: [lot("lot-2", 2, [goodPost]), lot("lot-3", 3, [goodPost]), lot("lot-4", 4, [goodPost])] });
    const cap = deriveChecklist({ call: CALL, snapshot: three, submittedAt: IN_TIME }).submission.find((i) => i.item === "lotCap")!;
    expect(cap).toEqual({ item: "lotCap", lotId: null, suggested: "fail", reasons: [{ key: "missing.tooManyLots", params: { max: 2 } }] });
    const free = deriveChecklist({ call: { ...CALL, maxLotsPerCarrier: null }, snapshot: three, submittedAt: IN_TIME });
    expect(free.submission.find((i) => i.item === "lotCap")).toMatchObject({ suggested: "pass", reasons: [{ key: "check.reason.noLotCap" }] });
  });

  it("fails the qualification of a post without the degree lot 2 requires, not in lot 3", () => {
    const noDegree = { ...goodPost, hasPedagogicalDegree: false };
    const c = deriveChecklist({
      call: CALL,
      snapshot: snapshot({ lots: [lot("lot-3", 3, [noDegree]), lot("lot-2", 2, [goodPost, noDegree])] }),
      submittedAt: IN_TIME,
    });
    expect(c.lots.map((l) => l.number)).toEqual([2, 3]); // sorted by lot number
    expect(c.lots[0].items[1]).toEqual({
      item: "qualification",
      lotId: "lot-2",
      suggested: "fail",
      reasons: [{ key: "missing.post.degreeRequired", params: { lot: 2, post: 2 } }],
    });
    expect(c.lots[1].items[1].suggested).toBe("pass");
  });

  it("lists a post missing its qualification and its pay group under both items", () => {
    const bad = { ...goodPost, qualification: " ", payGroup: "" };
    const c = deriveChecklist({ call: CALL, snapshot: snapshot({ lots: [lot("lot-3", 3, [bad])] }), submittedAt: IN_TIME });
    const [complete, qualification, , pay] = c.lots[0].items;
    expect(complete.suggested).toBe("pass");
    expect(qualification.reasons).toEqual([{ key: "missing.post.qualificationMissing", params: { lot: 3, post: 1 } }]);
    expect(pay.reasons).toEqual([{ key: "missing.post.payGroupMissing", params: { lot: 3, post: 1 } }]);
  });

  it("no longer asks for the old adequate-pay tick box: an older version without it and without weekly hours passes the pay item", () => {
    // Submitted before decision 0021: FTE typed, no weekly hours, the tick box left empty.
    const { weeklyHoursHundredths: _, ...older } = goodPost;
    const c = deriveChecklist({ call: CALL, snapshot: snapshot({ lots: [lot("lot-3", 3, [{ ...older, payAdequacyDeclared: false } as PostDraft])] }), submittedAt: IN_TIME });
    const pay = c.lots[0].items.find((i) => i.item === "payDeclaration")!;
    expect(pay).toMatchObject({ suggested: "pass", reasons: [] });
  });

  it("asks for the proof of degree in a lot whose role requires the degree, and not in one whose role does not", () => {
    const withoutProofs = snapshot({
      lots: [lot("lot-2", 2, [goodPost]), lot("lot-3", 3, [goodPost])],
      documents: snapshot().documents.filter((d) => d.kind !== "degreeProofs"),
    });
    const c = deriveChecklist({ call: CALL, snapshot: withoutProofs, submittedAt: IN_TIME });
    expect(c.lots[0].items[2]).toEqual({ item: "degreeProof", lotId: "lot-2", suggested: "fail", reasons: [{ key: "missing.document.degreeProofs" }] });
    expect(c.lots[1].items[2]).toEqual({ item: "degreeProof", lotId: "lot-3", suggested: "pass", reasons: [{ key: "check.reason.noDegreeRequired", params: { posts: 1 } }] });
    // Asked for per lot; the submission's documents and completeness do not wait for it.
    expect(c.submission.find((i) => i.item === "documents")!.suggested).toBe("pass");
    expect(c.submission.find((i) => i.item === "complete")!.suggested).toBe("pass");
  });

  it("fails the pay item of a post below its role's floor and names the floor, in lot 2 not in lot 3", () => {
    const belowFsaFloor = { ...goodPost, payGroup: "S 11b" };
    const c = deriveChecklist({
      call: CALL,
      snapshot: snapshot({ lots: [lot("lot-2", 2, [goodPost, belowFsaFloor]), lot("lot-3", 3, [belowFsaFloor])] }),
      submittedAt: IN_TIME,
    });
    expect(c.lots[0].items.find((i) => i.item === "payDeclaration")!).toEqual({
      item: "payDeclaration",
      lotId: "lot-2",
      suggested: "fail",
      reasons: [{ key: "missing.post.belowPayFloor", params: { lot: 2, post: 2, floor: "S 12", scale: "TVöD SuE" } }],
    });
    expect(c.lots[1].items.find((i) => i.item === "payDeclaration")!.suggested).toBe("pass");
    expect(c.submission.find((i) => i.item === "complete")!.reasons).toEqual([
      { key: "missing.post.belowPayFloor", params: { lot: 2, post: 2, floor: "S 12", scale: "TVöD SuE" } },
    ]);
  });

  it("fails the pay item of a post whose group is not on the call's list", () => {
    const c = deriveChecklist({ call: CALL, snapshot: snapshot({ lots: [lot("lot-3", 3, [{ ...goodPost, payGroup: "Haustarif 4" }])] }), submittedAt: IN_TIME });
    expect(c.lots[0].items.find((i) => i.item === "payDeclaration")!.reasons).toEqual([{ key: "missing.post.payGroupNotListed", params: { lot: 3, post: 1, floor: "S 8a", scale: "TVöD SuE" } }]);
  });

  it("fails a lot with a missing concept section or no posts", () => {
    const c = deriveChecklist({ call: CALL, snapshot: snapshot({ lots: [lot("lot-3", 3, [], { ansatz: "A", team: "" })] }), submittedAt: IN_TIME });
    expect(c.lots[0].items[0].reasons.map((r) => r.key)).toEqual(["missing.conceptSection", "missing.noPosts"]);
  });

  it("fails the items of files that differed at the opening", () => {
    const broken: OpeningFileCheck[] = [
      { fileId: "k-2", name: "k-2.pdf", kind: "concept", lotNumber: 2, sizeBytes: 10, expectedSha256: hex("a"), actualSha256: hex("b"), actualSizeBytes: 10, matches: false, problem: "changed" },
      { fileId: "references", name: "references.pdf", kind: "references", lotNumber: null, sizeBytes: 10, expectedSha256: hex("a"), actualSha256: null, actualSizeBytes: null, matches: false, problem: "missing" },
      { fileId: "declarations", name: "declarations.pdf", kind: "declarations", lotNumber: null, sizeBytes: 10, expectedSha256: hex("a"), actualSha256: hex("a"), actualSizeBytes: 10, matches: true, problem: null },
    ];
    const c = deriveChecklist({ call: CALL, snapshot: snapshot(), submittedAt: IN_TIME, fileChecks: broken });
    expect(c.submission.find((i) => i.item === "documents")!.reasons).toEqual([
      { key: "check.reason.fileMismatch", params: { name: "references.pdf" } },
    ]);
    expect(c.submission.find((i) => i.item === "complete")!.suggested).toBe("fail");
    expect(c.lots[0].items[0].reasons).toEqual([{ key: "check.reason.fileMismatch", params: { name: "k-2.pdf" } }]);
  });

  it("turns the snapshot back into the draft the completeness rules read", () => {
    const d = draftFromSnapshot(snapshot());
    expect(d.lots[0].concept).toEqual({ ansatz: "A", team: "T" });
    expect(d.organisationNonProfit).toBe(true);
    expect(d.documents).toHaveLength(5);
  });
});

describe("item keys", () => {
  it("knows which items belong to a submission and which to a lot", () => {
    expect(isCheckItem("onTime", null)).toBe(true);
    expect(isCheckItem("onTime", "lot-2")).toBe(false);
    expect(isCheckItem("qualification", "lot-2")).toBe(true);
    expect(isCheckItem("complete", null)).toBe(true);
    expect(isCheckItem("complete", "lot-2")).toBe(true);
    expect(isCheckItem("nonsense", null)).toBe(false);
  });
});

describe("recorded results", () => {
  const at = (m: number) => new Date(Date.UTC(2017, 2, 1, 10, m));
  const rec = (lotId: string | null, item: string, passed: boolean, note: string, m: number, seq: number): RecordedCheck => ({
    lotId,
    item,
    passed,
    note,
    checkedByName: "Anna",
    checkedAt: at(m),
    seq,
  });
  const rows = [
    rec(null, "onTime", true, "", 0, 1),
    rec(null, "documents", false, "Registerauszug zu alt", 1, 2),
    rec(null, "documents", true, "Aktueller Auszug nachgereicht", 5, 3),
    rec("lot-2", "qualification", true, "", 2, 4),
    rec("lot-2", "qualification", false, "Abschluss fehlt", 2, 5), // same millisecond: the later row wins
  ];

  it("takes the latest row of each item", () => {
    const latest = latestChecks(rows);
    expect(latest.get("*:documents")!.note).toBe("Aktueller Auszug nachgereicht");
    expect(latest.get("lot-2:qualification")!.passed).toBe(false);
    expect(latest.size).toBe(3);
  });

  it("merges the latest results into the checklist and counts the progress", () => {
    const checklist = deriveChecklist({ call: CALL, snapshot: snapshot(), submittedAt: IN_TIME });
    const merged = mergeRecorded(checklist, rows);
    expect(merged.submission.map((i) => i.recorded?.passed ?? null)).toEqual([true, null, true, null]);
    expect(merged.lots[0].items.map((i) => i.recorded?.passed ?? null)).toEqual([null, false, null, null]);
    // 4 items of the submission, 4 of the lot, 11 exclusion grounds.
    expect(checkProgress(["lot-2"], rows, [])).toEqual({ total: 19, recorded: 3, failed: 1, grounds: { total: 11, recorded: 0 } });
  });

  it("counts each exclusion ground as an item: complete only when every ground has a finding, failed where it excludes", () => {
    const all: RecordedCheck[] = []; // no other item recorded
    const finding = (ground: string, f: "none" | "selfCleaning" | "exclude", m: number, seq: number) => ({ ground, finding: f, checkedAt: at(m), seq });
    const tenNone = exclusionGrounds.slice(0, 10).map((g, k) => finding(g, "none", 1, k + 1));
    expect(checkProgress([], all, tenNone)).toMatchObject({ total: 15, recorded: 10, failed: 0, grounds: { total: 11, recorded: 10 } });
    const last = exclusionGrounds[10];
    const complete = [...tenNone, finding(last, "selfCleaning", 2, 11)];
    expect(checkProgress([], all, complete)).toMatchObject({ recorded: 11, failed: 0, grounds: { total: 11, recorded: 11 } });
    // A later finding replaces the earlier one of its ground: still one item, now failed.
    expect(checkProgress([], all, [...complete, finding(last, "exclude", 3, 12)])).toMatchObject({ recorded: 11, failed: 1, grounds: { recorded: 11 } });
    // A row that names no ground of the list counts for nothing.
    expect(checkProgress([], all, [finding("gwb999", "exclude", 1, 13)])).toMatchObject({ recorded: 0, failed: 0 });
  });

  it("keeps only the entries that change an item", () => {
    const entries = [
      { item: "onTime", passed: true, note: "" }, // unchanged
      { item: "documents", passed: true, note: "Aktueller Auszug nachgereicht " }, // unchanged once trimmed
      { item: "complete", passed: true, note: "" }, // first result
      { item: "lotCap", passed: true, note: "" }, // first result
    ];
    expect(changedEntries(null, entries, rows).map((e) => e.item)).toEqual(["complete", "lotCap"]);
    expect(changedEntries(null, [{ item: "onTime", passed: true, note: "geprüft" }], rows)).toHaveLength(1);
  });
});

describe("the note of a result", () => {
  it("is required for a failed item and optional for a passed one", () => {
    expect(noteMissing({ passed: false, note: "" })).toBe(true);
    expect(noteMissing({ passed: false, note: "Registerauszug fehlt" })).toBe(false);
    expect(noteMissing({ passed: true, note: "" })).toBe(false);
  });

  it("counts a note of blanks and line breaks as missing", () => {
    expect(noteMissing({ passed: false, note: "  \n\t " })).toBe(true);
    expect(noteMissing({ passed: false, note: " x " })).toBe(false);
  });
});

describe("due dates", () => {
  it("is due at the last second of the day the officer gives, in German time", () => {
    expect(documentRequestDueAt(" 2026-12-01 ")!.toISOString()).toBe("2026-12-01T22:59:59.000Z");
    expect(documentRequestDueAt("2026-07-01")!.toISOString()).toBe("2026-07-01T21:59:59.000Z");
    expect([documentRequestDueAt("2026-02-30"), documentRequestDueAt("01.12.2026"), documentRequestDueAt("")]).toEqual([null, null, null]);
  });

  it("proposes the German calendar day 14 × 24 hours ahead", () => {
    expect(defaultDocumentRequestDue(new Date("2026-12-01T10:00:00Z"))).toBe("2026-12-15");
    // 23:59:59 CET is still 1 December, 00:30 CET (23:30Z) already 2 December.
    expect(defaultDocumentRequestDue(new Date("2026-12-01T22:59:59Z"))).toBe("2026-12-15");
    expect(defaultDocumentRequestDue(new Date("2026-12-01T23:30:00Z"))).toBe("2026-12-16");
    // Across the change to summer time 14 × 24 hours end an hour later on the wall clock:
    // 23:30 CET on 15 March + 14 × 24 h is 00:30 CEST on 30 March.
    expect(defaultDocumentRequestDue(new Date("2026-03-15T22:30:00Z"))).toBe("2026-03-30");
  });
});

describe("documentRequestsAllowed", () => {
  it("allows a Nachforderung unless the call's definition rules it out", () => {
    expect(documentRequestsAllowed(null)).toBe(true);
    expect(documentRequestsAllowed({ slug: "x" })).toBe(true);
    expect(documentRequestsAllowed({ allowDocumentRequests: false })).toBe(false);
  });
});
