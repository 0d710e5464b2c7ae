import { describe, expect, it } from "vitest";
import { lotBidFormValues, parseLotBidForm } from "./lot-bid-form";

const sections = [
  { code: "ansatz", maxChars: 20 },
  { code: "start", maxChars: 100 },
];

describe("the lot form", () => {
  it("reads concept, posts and costs, skipping an empty post row and a row marked for removal", () => {
    const result = parseLotBidForm(
      {
        "konzept-ansatz": " Unser Ansatz\r\n",
        "konzept-start": "Ab Juni",
        "stelle-0-fte": "1,5",
        "stelle-0-qualification": "Sozialarbeiterin",
        "stelle-0-degree": "ja",
        "stelle-0-payGroup": "S 12",
        "stelle-0-payAdequacy": "ja",
        "stelle-0-languages": "Deutsch, Arabisch; Farsi",
        "stelle-1-fte": "1",
        "stelle-1-qualification": "weg damit",
        "stelle-1-remove": "ja",
        "stelle-2-fte": "",
        "stelle-2-qualification": "",
        "kosten-personal": "52.000",
        "kosten-sach": "4.000,00",
        "kosten-gemein": "3000",
      },
      sections,
    );
    expect(result).toEqual({
      ok: true,
      rowOf: [0],
      input: {
        concept: { ansatz: "Unser Ansatz", start: "Ab Juni" },
        posts: [
          {
            fteHundredths: 150,
            qualification: "Sozialarbeiterin",
            hasPedagogicalDegree: true,
            payGroup: "S 12",
            payAdequacyDeclared: true,
            languages: ["Deutsch", "Arabisch", "Farsi"],
          },
        ],
        costPlan: { personnelCostPerFteCents: 5_200_000, materialCostCents: 400_000, overheadCents: 300_000 },
      },
    });
  });

  it("names the malformed fields: an FTE of words, a half-filled cost plan, a section over its limit", () => {
    const result = parseLotBidForm(
      { "konzept-ansatz": "x".repeat(21), "stelle-0-fte": "anderthalb", "stelle-0-qualification": "Q", "kosten-personal": "52.000" },
      sections,
    );
    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect(result.errors).toEqual({
      "konzept-ansatz": "lot.conceptTooLong",
      "stelle-0-fte": "lot.fteInvalid",
      "kosten-sach": "lot.euroMissing",
      "kosten-gemein": "lot.euroMissing",
    });
    expect(result.params["konzept-ansatz"]).toEqual({ max: 20, count: 21 });
  });

  it("writes stored values back into the same fields", () => {
    const values = lotBidFormValues({
      lotId: "l",
      concept: { ansatz: "A" },
      conceptFile: null,
      posts: [{ fteHundredths: 50, qualification: "Q", hasPedagogicalDegree: false, payGroup: "S 8a", payAdequacyDeclared: true, languages: ["Deutsch"] }],
      costPlan: { personnelCostPerFteCents: 5_200_050, materialCostCents: 0, overheadCents: 100 },
    });
    expect(values).toMatchObject({ "stelle-0-fte": "0,5", "stelle-0-degree": "", "kosten-personal": "52000,50", "kosten-gemein": "1,00" });
    const back = parseLotBidForm(values, sections);
    expect(back.ok && back.input.costPlan).toEqual({ personnelCostPerFteCents: 5_200_050, materialCostCents: 0, overheadCents: 100 });
  });
});
