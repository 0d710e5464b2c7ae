import { describe, expect, it } from "vitest";
import { justificationField, pointsField, readScoreForm } from "./score-form";

const read = (values: Record<string, string>, finalise = false) => readScoreForm(values, { finalise, maxJustificationChars: 20 });

describe("reading the scoring form", () => {
  it("reads points and justification per criterion, a criterion without chosen points as null", () => {
    const { entries, errors } = read({ intent: "draft", "punkte-konzept": "4", "begruendung-konzept": "Klar", "begruendung-schutz": "" });
    expect(entries).toEqual([
      { criterionId: "konzept", points: 4, justification: "Klar" },
      { criterionId: "schutz", points: null, justification: "" },
    ]);
    expect(errors).toEqual({});
  });

  it("refuses a draft with a justification but no points, naming the points field", () => {
    const { errors } = read({ "begruendung-konzept": "Gut begründet" });
    expect(errors).toEqual({ "punkte-konzept": "eval.score.pointsForDraft" });
  });

  it("lets a draft keep a justification of blanks only without points", () => {
    expect(read({ "begruendung-konzept": "  \n " }).errors).toEqual({});
  });

  it("leaves missing points to saveScores when finalising", () => {
    expect(read({ "begruendung-konzept": "Gut begründet" }, true).errors).toEqual({});
  });

  it("refuses points that are not a whole number and a justification one character over the limit", () => {
    const { entries, errors } = read({ "punkte-konzept": "2.5", "begruendung-konzept": "x", "punkte-schutz": "3", "begruendung-schutz": "x".repeat(21) });
    expect(errors).toEqual({ "punkte-konzept": "eval.error.pointsOutOfScale", "begruendung-schutz": "eval.error.justificationTooLong" });
    expect(entries.map((e) => e.points)).toEqual([null, null]);
  });

  it("accepts a justification of exactly the limit", () => {
    expect(read({ "punkte-schutz": "3", "begruendung-schutz": "x".repeat(20) }).errors).toEqual({});
  });

  it("names the fields after the criterion", () => {
    expect([pointsField("tandem"), justificationField("tandem")]).toEqual(["punkte-tandem", "begruendung-tandem"]);
  });
});
