import { describe, expect, it } from "vitest";
import { callViewFromDefinition } from "../procurement/call-view-from-definition";
import { dresdenDefinition } from "../../tests/support/dresden";
import { publicPhase } from "../procurement/call-view";
import { noDeclarations } from "./declarations";
import {
  costTotals,
  fteOfWeeklyHours,
  fullTimeHoursHundredths,
  missingItems,
  needsDegreeProof,
  parseEuro,
  parseFteOrZero,
  parseWeeklyHours,
  postProblem,
  postProblemParams,
  startOffer,
  termMonths,
  type ApplicationDraft,
} from "./rules";

describe("weekly hours of a post", () => {
  const FULL = 3900; // 39 h

  it("reads weekly hours with a decimal comma or point and derives the FTE from 39 full-time hours", () => {
    expect(parseWeeklyHours("19,5", FULL)).toEqual({ weeklyHoursHundredths: 1950, fteHundredths: 50 });
    expect(parseWeeklyHours(" 19.5 ", FULL)).toEqual({ weeklyHoursHundredths: 1950, fteHundredths: 50 });
    expect(parseWeeklyHours("39", FULL)).toEqual({ weeklyHoursHundredths: 3900, fteHundredths: 100 });
    expect(parseWeeklyHours("9,75", FULL)).toEqual({ weeklyHoursHundredths: 975, fteHundredths: 25 });
  });

  it("rounds the derived FTE to hundredths: 30 of 39 h are 0,77 FTE, 20 h are 0,51", () => {
    // 30 / 39 = 0.7692…, 20 / 39 = 0.5128…, 0.2 / 39 = 0.0051… (half a hundredth rounds up)
    expect(fteOfWeeklyHours(3000, FULL)).toBe(77);
    expect(fteOfWeeklyHours(2000, FULL)).toBe(51);
    expect(fteOfWeeklyHours(20, FULL)).toBe(1);
    expect(parseWeeklyHours("30", FULL)).toEqual({ weeklyHoursHundredths: 3000, fteHundredths: 77 });
    // Against 38,5 full-time hours (an older TVöD week), 19,25 h are half a post.
    expect(parseWeeklyHours("19,25", 3850)).toEqual({ weeklyHoursHundredths: 1925, fteHundredths: 50 });
  });

  it("refuses weekly hours that are missing, not a number, zero or more than a full-time post", () => {
    expect(parseWeeklyHours("", FULL)).toEqual({ problem: "lot.hoursMissing" });
    expect(parseWeeklyHours("  ", FULL)).toEqual({ problem: "lot.hoursMissing" });
    for (const bad of ["neunzehn", "19,555", "-5", "19,5 h", "1e2", "19,5,5"]) expect(parseWeeklyHours(bad, FULL)).toEqual({ problem: "lot.hoursInvalid" });
    expect(parseWeeklyHours("0", FULL)).toEqual({ problem: "lot.hoursZero" });
    expect(parseWeeklyHours("0,00", FULL)).toEqual({ problem: "lot.hoursZero" });
    expect(parseWeeklyHours("39,01", FULL)).toEqual({ problem: "lot.hoursAboveFullTime" });
    expect(parseWeeklyHours("40", FULL)).toEqual({ problem: "lot.hoursAboveFullTime" });
  });

  it("refuses so few hours that the FTE rounds to nothing: 0,19 h of 39 are 0,0049 FTE", () => {
    expect(parseWeeklyHours("0,19", FULL)).toEqual({ problem: "lot.hoursTooFew" });
    expect(parseWeeklyHours("0,2", FULL)).toEqual({ weeklyHoursHundredths: 20, fteHundredths: 1 });
  });

  it("takes the full-time hours from the call's pay scale, and TVöD's 39 h where a call states no scale", () => {
    expect(fullTimeHoursHundredths({ fullTimeWeeklyHours: 38.5 })).toBe(3850);
    expect(fullTimeHoursHundredths(null)).toBe(3900);
  });
});

describe("input formats", () => {
  it("reads an FTE of zero where a figure may be zero (an award proposal's allocation)", () => {
    expect(parseFteOrZero("0")).toBe(0);
    expect(parseFteOrZero("0,00")).toBe(0);
    expect(parseFteOrZero(" 1,75 ")).toBe(175);
    expect(parseFteOrZero("999.99")).toBe(99_999);
    for (const bad of ["-1", "1,555", "1000", "1,5,5", "", "1,5 VZÄ", "1e2"]) expect(parseFteOrZero(bad)).toBeNull();
  });

  it("reads German euro amounts with thousands points and a decimal comma", () => {
    expect(parseEuro("52.000")).toBe(5_200_000);
    expect(parseEuro("52.000,50")).toBe(5_200_050);
    expect(parseEuro("52000,5")).toBe(5_200_050);
    expect(parseEuro("52000.50")).toBe(5_200_050);
    expect(parseEuro("1.234.567,89 €")).toBe(123_456_789);
    expect(parseEuro("0")).toBe(0);
    expect(parseEuro("5.20")).toBe(520); // a point followed by two digits is a decimal point
    for (const bad of ["52,000.50", "zwölf", "", "-5", "1.2345"]) expect(parseEuro(bad)).toBeNull();
  });
});

describe("posts", () => {
  const post = { fteHundredths: 100, weeklyHoursHundredths: 3900, qualification: "B. A. Soziale Arbeit", hasPedagogicalDegree: true, payGroup: "S 12", languages: [] };
  it("requires the pedagogical degree only where the role demands it", () => {
    expect(postProblem({ requiresPedagogicalDegree: true }, { ...post, hasPedagogicalDegree: false })).toBe("post.degreeRequired");
    expect(postProblem({ requiresPedagogicalDegree: false }, { ...post, hasPedagogicalDegree: false })).toBeNull();
    expect(postProblem({ requiresPedagogicalDegree: true }, post)).toBeNull();
  });
  it("requires a qualification and a pay group, and no longer a tick box for adequate pay", () => {
    expect(postProblem({ requiresPedagogicalDegree: false }, { ...post, qualification: " " })).toBe("post.qualificationMissing");
    expect(postProblem({ requiresPedagogicalDegree: false }, { ...post, payGroup: "" })).toBe("post.payGroupMissing");
    // A post saved before decision 0021 still carries the box, unticked: nothing reads it.
    expect(postProblem({ requiresPedagogicalDegree: false }, { ...post, payAdequacyDeclared: false } as typeof post)).toBeNull();
  });

  const scale = { name: "TVöD SuE", groups: ["S 8a", "S 11b", "S 12", "S 15"] };
  it("refuses a post one group below its role's floor and accepts the floor and above", () => {
    const fsa = { requiresPedagogicalDegree: true, minPayGroup: "S 12" };
    expect(postProblem(fsa, { ...post, payGroup: "S 11b" }, scale)).toBe("post.belowPayFloor");
    expect(postProblem(fsa, { ...post, payGroup: "S 12" }, scale)).toBeNull();
    expect(postProblem(fsa, { ...post, payGroup: "S 15" }, scale)).toBeNull();
    expect(postProblemParams("post.belowPayFloor", fsa, scale)).toEqual({ floor: "S 12", scale: "TVöD SuE" });
  });
  it("refuses a pay group not on the call's list, but reads any group where the call has no scale", () => {
    const fb = { requiresPedagogicalDegree: false, minPayGroup: "S 8a" };
    expect(postProblem(fb, { ...post, payGroup: "AVR 7" }, scale)).toBe("post.payGroupNotListed");
    expect(postProblem(fb, { ...post, payGroup: "AVR 7" }, null)).toBeNull();
  });
  it("names the floor in the completeness check, with where to fix it", () => {
    const call = {
      lots: [{ id: "l1", number: 2, regionCode: "nord", regionName: "Nord", roleCode: "fsa", roleName: "FSA", cancelled: false }],
      roles: [{ id: "r", code: "fsa", name: "FSA", summary: "", tasks: [], qualifications: "", requiresPedagogicalDegree: true, payGuideline: "", minPayGroup: "S 12", tandemWith: null }],
      conceptSections: [],
      maxLotsPerCarrier: null,
      payScale: { ...scale, tariffOrEquivalentRequired: true, illustrative: true, fullTimeWeeklyHours: 39 },
    };
    const draft: ApplicationDraft = {
      lots: [{ lotId: "l1", concept: {}, conceptFile: null, posts: [{ ...post, payGroup: "S 8a" }], costPlan: { personnelCostPerFteCents: 1, materialCostCents: 1, overheadCents: 1 } }],
      documents: [],
      organisationNonProfit: false,
      declarations: noDeclarations,
    };
    expect(missingItems(call, draft).filter((m) => m.key.startsWith("missing.post"))).toEqual([
      { key: "missing.post.belowPayFloor", params: { lot: 2, post: 1, floor: "S 12", scale: "TVöD SuE" }, anchor: "los:l1#stelle-0" },
    ]);
  });
});

describe("costs", () => {
  it("counts the Dresden term from 1 June 2017 to 31 December 2019 as 31 months", () => {
    expect(termMonths(new Date("2017-06-01T00:00:00+02:00"), new Date("2019-12-31T23:59:59+01:00"))).toBe(31);
    expect(termMonths(new Date("2017-01-01T00:00:00+01:00"), new Date("2017-12-31T23:59:59+01:00"))).toBe(12);
  });

  it("computes totals per year and for the term by hand-worked figures", () => {
    // 1.5 FTE × 52,000.00 € = 78,000.00 €; + 4,000 + 3,000 = 85,000.00 € a year; × 31/12 = 219,583.33 €.
    const totals = costTotals(
      { personnelCostPerFteCents: 5_200_000, materialCostCents: 400_000, overheadCents: 300_000 },
      [{ fteHundredths: 100 }, { fteHundredths: 50 }],
      31,
    );
    expect(totals).toEqual({
      fteHundredths: 150,
      personnelPerYearCents: 7_800_000,
      perYearCents: 8_500_000,
      termMonths: 31,
      termCents: 21_958_333,
    });
  });
});

describe("completeness check", () => {
  const call = callViewFromDefinition(dresdenDefinition());
  const lot2 = call.lots.find((l) => l.number === 2)!;
  const empty: ApplicationDraft = { lots: [], documents: [], organisationNonProfit: true, declarations: noDeclarations };

  it("lists lots, documents, the declarations in Textform and, for a non-profit carrier, the non-profit certificate; signed declarations are not required", () => {
    expect(missingItems(call, empty).map((m) => m.key)).toEqual([
      "missing.noLots",
      "missing.document.registerExtract",
      "missing.document.nonProfitCertificate",
      "missing.document.references",
      "missing.declaration.pay",
      "missing.declaration.exclusion",
    ]);
    expect(missingItems(call, { ...empty, organisationNonProfit: false }).map((m) => m.key)).not.toContain(
      "missing.document.nonProfitCertificate",
    );
  });

  it("names each missing concept section, the posts and the cost plan of a chosen lot, with where to fix it", () => {
    const items = missingItems(call, { ...empty, lots: [{ lotId: lot2.id, concept: { ansatz: "Text" }, conceptFile: null, posts: [], costPlan: null }] });
    const lotItems = items.filter((m) => m.anchor.startsWith("los:"));
    // Flüchtlingssozialarbeit writes 7 sections: ansatz is there, 6 are missing.
    expect(lotItems.map((m) => m.key)).toEqual([
      ...Array(6).fill("missing.conceptSection"),
      "missing.noPosts",
      "missing.costPlan",
    ]);
    expect(lotItems[0]).toEqual({
      key: "missing.conceptSection",
      params: { lot: 2, section: "Tandem von Sozialarbeit und Begleitung" },
      anchor: `los:${lot2.id}#konzept-tandem`,
    });
  });

  it("asks each lot for the sections of its own role only: no tandem section of Regionalkoordination, the eAT section of Integrationsberatung", () => {
    const sectionsMissing = (lotNumber: number) =>
      missingItems(call, { ...empty, lots: [{ lotId: call.lots.find((l) => l.number === lotNumber)!.id, concept: {}, conceptFile: null, posts: [], costPlan: null }] })
        .filter((m) => m.key === "missing.conceptSection")
        .map((m) => m.anchor.split("#konzept-")[1]);
    expect(sectionsMissing(1)).toEqual(["ansatz", "netzwerk", "patenschaften", "steuerung", "schutzbeduerftige", "qualitaet", "start"]);
    expect(sectionsMissing(4)).toEqual(["ansatz", "eat", "uebergaenge", "vernetzung", "schutzbeduerftige", "qualitaet", "start"]);
    expect(sectionsMissing(3)).toContain("tandem");
  });

  it("expects the proofs of degree where a chosen lot's role requires the degree, without barring the submission for them", () => {
    const bids = (lotNumber: number) => [{ lotId: call.lots.find((l) => l.number === lotNumber)!.id }];
    expect(needsDegreeProof(call, bids(2))).toBe(true); // Flüchtlingssozialarbeit
    expect(needsDegreeProof(call, bids(1))).toBe(true); // Regionalkoordination
    expect(needsDegreeProof(call, bids(4))).toBe(true); // Integrationsberatung
    expect(needsDegreeProof(call, bids(3))).toBe(false); // Flüchtlingsbegleitung
    const items = missingItems(call, { ...empty, lots: [{ lotId: bids(2)[0].lotId, concept: {}, conceptFile: null, posts: [], costPlan: null }] });
    expect(items.map((m) => m.key)).not.toContain("missing.document.degreeProofs");
  });

  it("flags a concept section over its character limit", () => {
    const concept = Object.fromEntries(call.conceptSections.map((s) => [s.code, "x"]));
    concept.start = "x".repeat(3001);
    const items = missingItems(call, { ...empty, lots: [{ lotId: lot2.id, concept, conceptFile: null, posts: [], costPlan: null }] });
    expect(items.find((m) => m.key === "missing.conceptTooLong")?.params).toEqual({ lot: 2, section: "Start zum Leistungsbeginn", max: 3000 });
  });

  it("refuses more lots than the call's cap", () => {
    const capped = { ...call, maxLotsPerCarrier: 1 };
    const lots = call.lots.slice(0, 2).map((l) => ({ lotId: l.id, concept: {}, conceptFile: null, posts: [], costPlan: null }));
    expect(missingItems(capped, { ...empty, lots }).map((m) => m.key)).toContain("missing.tooManyLots");
  });
});

describe("what the call page offers towards an expression of interest", () => {
  const call = callViewFromDefinition(dresdenDefinition());
  const open = { ...call, status: "published" as const };
  const deadline = open.dates.submissionDeadline.getTime();
  const oneSecondBefore = publicPhase(open, new Date(deadline - 1000));
  const atTheDeadline = publicPhase(open, new Date(deadline));

  it("asks an anonymous reader to sign in or register while the window is open, and offers nothing at the deadline", () => {
    expect(startOffer({ phase: oneSecondBefore, reader: "anonymous", application: null })).toEqual({ kind: "sign-in" });
    expect(startOffer({ phase: atTheDeadline, reader: "anonymous", application: null })).toBeNull();
  });

  it("lets a carrier start one second before the deadline, but not at the deadline", () => {
    expect(startOffer({ phase: oneSecondBefore, reader: "carrier", application: null })).toEqual({ kind: "start" });
    expect(startOffer({ phase: atTheDeadline, reader: "carrier", application: null })).toBeNull();
  });

  it("lets a carrier continue the application it has, in whatever state, while the window is open", () => {
    for (const status of ["draft", "submitted", "withdrawn"] as const) {
      expect(startOffer({ phase: oneSecondBefore, reader: "carrier", application: { id: "a1", status } })).toEqual({ kind: "continue", applicationId: "a1", status });
      expect(startOffer({ phase: atTheDeadline, reader: "carrier", application: { id: "a1", status } })).toBeNull();
    }
  });

  it("offers the city's staff nothing, and nobody anything on a decided or cancelled call", () => {
    expect(startOffer({ phase: oneSecondBefore, reader: "staff", application: null })).toBeNull();
    for (const phase of ["decided", "cancelled"] as const) {
      expect(startOffer({ phase, reader: "anonymous", application: null })).toBeNull();
      expect(startOffer({ phase, reader: "carrier", application: null })).toBeNull();
    }
  });
});
