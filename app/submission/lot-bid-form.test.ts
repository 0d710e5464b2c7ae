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
        "stelle-0-hours": "19,5",
        "stelle-0-qualification": "Sozialarbeiterin",
        "stelle-0-degree": "ja",
        "stelle-0-payGroup": "S 12",
        "stelle-0-languages": "Deutsch, Arabisch; Farsi",
        "stelle-1-hours": "39",
        "stelle-1-qualification": "weg damit",
        "stelle-1-remove": "ja",
        "stelle-2-hours": "",
        "stelle-2-qualification": "",
        "kosten-personal": "52.000",
        "kosten-sach": "4.000,00",
        "kosten-gemein": "3000",
      },
      sections,
      3900,
    );
    expect(result).toEqual({
      ok: true,
      rowOf: [0],
      input: {
        concept: { ansatz: "Unser Ansatz", start: "Ab Juni" },
        posts: [
          {
            fteHundredths: 50,
            weeklyHoursHundredths: 1950,
            qualification: "Sozialarbeiterin",
            hasPedagogicalDegree: true,
            payGroup: "S 12",
            languages: ["Deutsch", "Arabisch", "Farsi"],
          },
        ],
        costPlan: { personnelCostPerFteCents: 5_200_000, materialCostCents: 400_000, overheadCents: 300_000 },
      },
    });
  });

  it("names the malformed fields: weekly hours of words, a half-filled cost plan, a section over its limit", () => {
    const result = parseLotBidForm(
      { "konzept-ansatz": "x".repeat(21), "stelle-0-hours": "neunzehn", "stelle-0-qualification": "Q", "kosten-personal": "52.000" },
      sections,
      3900,
    );
    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect(result.errors).toEqual({
      "konzept-ansatz": "lot.conceptTooLong",
      "stelle-0-hours": "lot.hoursInvalid",
      "kosten-sach": "lot.euroMissing",
      "kosten-gemein": "lot.euroMissing",
    });
    expect(result.params["konzept-ansatz"]).toEqual({ max: 20, count: 21 });
  });

  it("refuses a post's weekly hours when missing, zero or above the full-time hours, naming the full-time hours", () => {
    const result = parseLotBidForm(
      {
        "stelle-0-hours": "",
        "stelle-0-qualification": "Q",
        "stelle-1-hours": "0",
        "stelle-1-qualification": "Q",
        "stelle-2-hours": "39,5",
        "stelle-2-qualification": "Q",
        "stelle-3-hours": "39",
        "stelle-3-qualification": "Q",
      },
      sections,
      3900,
    );
    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect(result.errors).toEqual({ "stelle-0-hours": "lot.hoursMissing", "stelle-1-hours": "lot.hoursZero", "stelle-2-hours": "lot.hoursAboveFullTime" });
    expect(result.params["stelle-2-hours"]).toEqual({ max: "39" });
  });

  it("writes stored values back into the same fields", () => {
    const values = lotBidFormValues(
      {
        lotId: "l",
        concept: { ansatz: "A" },
        conceptFile: null,
        posts: [{ fteHundredths: 50, weeklyHoursHundredths: 1950, qualification: "Q", hasPedagogicalDegree: false, payGroup: "S 8a", languages: ["Deutsch"] }],
        costPlan: { personnelCostPerFteCents: 5_200_050, materialCostCents: 0, overheadCents: 100 },
      },
      3900,
    );
    expect(values).toMatchObject({ "stelle-0-hours": "19,5", "stelle-0-degree": "", "kosten-personal": "52000,50", "kosten-gemein": "1,00" });
    const back = parseLotBidForm(values, sections, 3900);
    expect(back.ok && back.input.posts[0]).toMatchObject({ fteHundredths: 50, weeklyHoursHundredths: 1950 });
    expect(back.ok && back.input.costPlan).toEqual({ personnelCostPerFteCents: 5_200_050, materialCostCents: 0, overheadCents: 100 });
  });

  it("shows a post saved before weekly hours were asked with the hours of its FTE, which saving keeps", () => {
    const values = lotBidFormValues(
      { lotId: "l", concept: {}, conceptFile: null, posts: [{ fteHundredths: 75, qualification: "Q", hasPedagogicalDegree: false, payGroup: "S 8a", languages: [] }], costPlan: null },
      3900,
    );
    expect(values["stelle-0-hours"]).toBe("29,25");
    const back = parseLotBidForm(values, sections, 3900);
    expect(back.ok && back.input.posts[0]).toMatchObject({ fteHundredths: 75, weeklyHoursHundredths: 2925 });
  });
});
