import { describe, expect, it } from "vitest";
import { certificationProblem, declarationProblems, decisionProblems, keepsOut, mayEvaluate, orderedTypes, scoreCounts } from "./conflicts";

const at = (minute: number) => new Date(Date.UTC(2017, 2, 13, 11, minute));

describe("declarations", () => {
  it("accepts no conflict, and a typed conflict without explanation unless it is 'other'", () => {
    expect(declarationProblems({ types: [], note: "" })).toEqual([]);
    expect(declarationProblems({ types: ["employment", "financial"], note: "" })).toEqual([]);
    expect(declarationProblems({ types: ["other"], note: "  " })).toEqual([{ key: "eval.declare.otherNoteMissing", field: "note" }]);
    expect(declarationProblems({ types: ["other"], note: "Nachbarin der Geschäftsführerin" })).toEqual([]);
  });

  it("refuses an unknown or repeated kind and an explanation over 2000 characters", () => {
    expect(declarationProblems({ types: ["personal", "personal"], note: "" })[0].key).toBe("eval.declare.typesInvalid");
    expect(declarationProblems({ types: ["bribe" as never], note: "" })[0].key).toBe("eval.declare.typesInvalid");
    expect(declarationProblems({ types: [], note: "x".repeat(2001) })[0].key).toBe("eval.declare.noteTooLong");
  });

  it("lists kinds in the catalogue's order", () => {
    expect(orderedTypes(["other", "personal", "unknown"])).toEqual(["personal", "other"]);
  });
});

describe("decisions", () => {
  it("needs a reason to allow despite a conflict, none to exclude", () => {
    expect(decisionProblems({ outcome: "allow", reason: " " })).toEqual([{ key: "eval.conflictDecision.reasonMissing", field: "reason" }]);
    expect(decisionProblems({ outcome: "exclude", reason: "" })).toEqual([]);
  });

  it("opens a carrier's bids on no conflict or an allowed conflict, never before a declaration, while undecided or after an exclusion", () => {
    expect(mayEvaluate(null)).toBe(false);
    expect(mayEvaluate({ hasConflict: false, decision: null })).toBe(true);
    expect(mayEvaluate({ hasConflict: true, decision: null })).toBe(false);
    expect(mayEvaluate({ hasConflict: true, decision: { outcome: "exclude" } })).toBe(false);
    expect(mayEvaluate({ hasConflict: true, decision: { outcome: "allow" } })).toBe(true);
  });

  it("takes back scores given before a later declaration of conflict, unless the officers allow it", () => {
    expect(keepsOut(undefined)).toBe(false);
    expect(keepsOut({ hasConflict: true, decision: null })).toBe(true);
    expect(keepsOut({ hasConflict: true, decision: { outcome: "allow" } })).toBe(false);
  });
});

describe("certification", () => {
  it("counts a final score only when certified at or after its finalisation", () => {
    expect(scoreCounts({ finalisedAt: at(0), keptOut: false, certifiedAt: null })).toBe(false);
    expect(scoreCounts({ finalisedAt: at(0), keptOut: false, certifiedAt: at(0) })).toBe(true);
    expect(scoreCounts({ finalisedAt: at(1), keptOut: false, certifiedAt: at(0) })).toBe(false);
    expect(scoreCounts({ finalisedAt: null, keptOut: false, certifiedAt: at(5) })).toBe(false);
    expect(scoreCounts({ finalisedAt: at(0), keptOut: true, certifiedAt: at(5) })).toBe(false);
  });

  it("is possible only when every bid the evaluator may score is final", () => {
    expect(certificationProblem([])).toEqual({ key: "eval.certify.nothingFinal" });
    expect(certificationProblem([{ finalised: true }, { finalised: false }, { finalised: false }])).toEqual({ key: "eval.certify.bidsOpen", params: { count: 2 } });
    expect(certificationProblem([{ finalised: true }, { finalised: true }])).toBeNull();
  });
});
