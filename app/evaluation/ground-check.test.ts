import { describe, expect, it } from "vitest";
import { changedFindings, exclusionFromFindings, findingErrors, proposedFinding } from "./ground-check";

const name = (g: string) => `Grund ${g}`;
const at = new Date("2017-03-01T10:00:00Z");

describe("the officer's finding per exclusion ground", () => {
  it("asks for a note where a ground applies, not where none does", () => {
    expect(findingErrors([{ ground: "gwb123-1", finding: "none", note: "" }])).toEqual([]);
    expect(findingErrors([{ ground: "gwb124-1-3", finding: "selfCleaning", note: " " }])).toEqual([{ ground: "gwb124-1-3", key: "groundCheck.error.noteRequired" }]);
    expect(findingErrors([{ ground: "gwb999", finding: "none", note: "" }])).toEqual([{ ground: "gwb999", key: "groundCheck.error.unknownGround" }]);
  });

  it("an exclusion names its ground: the first excluding ground of the list, and every excluding ground with its note in the reason", () => {
    const findings = new Map([
      ["gwb124-1-3", { finding: "exclude" as const, note: "Schwere Verfehlung belegt." }],
      ["gwb123-4", { finding: "exclude" as const, note: "Rückstände bestehen fort." }],
      ["gwb124-1-7", { finding: "selfCleaning" as const, note: "Genügt." }],
    ]);
    expect(exclusionFromFindings(findings, name)).toEqual({
      ground: "gwb123-4",
      reason: "Grund gwb123-4. Rückstände bestehen fort.\nGrund gwb124-1-3. Schwere Verfehlung belegt.",
    });
    expect(exclusionFromFindings(new Map([["gwb124-1-7", { finding: "selfCleaning" as const, note: "Genügt." }]]), name)).toBeNull();
  });

  it("records only what changes a ground", () => {
    const rows = [{ ground: "gwb123-1", finding: "none" as const, note: "", checkedByName: "A", checkedAt: at, seq: 1 }];
    expect(changedFindings([{ ground: "gwb123-1", finding: "none", note: " " }, { ground: "gwb123-4", finding: "none", note: "" }], rows).map((f) => f.ground)).toEqual(["gwb123-4"]);
  });

  it("proposes no ground where the carrier declared none, and leaves each declared ground to the officer", () => {
    const signature = { name: "E", role: "GF", declaredAt: at.toISOString() };
    const declaration = { kind: "exclusion" as const, grounds: [{ ground: "gwb124-1-7" as const, selfCleaning: "…" }], text: "…", signature };
    expect(proposedFinding(declaration, "gwb123-1")).toBe("none");
    expect(proposedFinding(declaration, "gwb124-1-7")).toBeNull();
    expect(proposedFinding(null, "gwb123-1")).toBeNull();
  });
});
