import { describe, expect, it } from "vitest";
import { dresdenJson } from "../../tests/support/dresden";
import { lotPairs, parseCallDefinition, payFloors, shiftDates, type CallDefinition, type DefinitionError } from "./call-definition";

// The file as parsed JSON, once; every broken variant is a structuredClone of it.
const RAW = dresdenJson();

/** Parses a copy of Dresden's definition after `mutate` has broken it; returns the errors. */
function errorsAfter(mutate: (d: any) => void): DefinitionError[] {
  const copy = structuredClone(RAW);
  mutate(copy);
  const result = parseCallDefinition(copy);
  return result.ok ? [] : result.errors;
}

function validAfter(mutate: (d: any) => void): CallDefinition {
  const copy = structuredClone(RAW);
  mutate(copy);
  const result = parseCallDefinition(copy);
  if (!result.ok) throw new Error(`expected a valid definition, got ${JSON.stringify(result.errors)}`);
  return result.definition;
}

describe("Dresden's definition (app/calls/dresden-2017.json)", () => {
  const result = parseCallDefinition(structuredClone(RAW));

  it("is valid", () => {
    expect(result).toMatchObject({ ok: true });
  });

  it("has 4 regions, 4 roles, 16 lot pairs and each role's weights summing to 100 %", () => {
    if (!result.ok) throw new Error("invalid");
    const d = result.definition;
    expect(d.regions.map((r) => r.code)).toEqual(["nord", "ost", "sued", "west"]);
    expect(d.roles.map((r) => r.code)).toEqual([
      "regionalkoordination",
      "fluechtlingssozialarbeit",
      "fluechtlingsbegleitung",
      "integrationsberatung",
    ]);
    expect(lotPairs(d)).toHaveLength(16);
    expect(d.criteria.map((c) => c.weight)).toEqual([25, 20, 15, 15, 15, 15, 15, 10]);
    for (const role of d.roles) {
      const ofRole = d.criteria.filter((c) => !c.roles || c.roles.includes(role.code));
      expect(ofRole.reduce((sum, c) => sum + c.weight, 0), role.code).toBe(100);
    }
    expect(d.clientsPerFte).toBe(80);
  });

  it("fills defaults: quality is the default criterion kind, the price criterion stays price", () => {
    if (!result.ok) throw new Error("invalid");
    expect(result.definition.criteria.map((c) => c.kind)).toEqual([
      "quality",
      "quality",
      "quality",
      "quality",
      "quality",
      "quality",
      "quality",
      "price",
    ]);
  });
});

describe("Dresden's standards per role", () => {
  const d = validAfter(() => {});
  const sectionsOf = (role: string) => d.conceptSections.filter((s) => !s.roles || s.roles.includes(role)).map((s) => s.code);
  const criteriaOf = (role: string) => d.criteria.filter((c) => !c.roles || c.roles.includes(role)).map((c) => c.code);

  it("asks for the tandem section only in the two tandem roles", () => {
    expect(sectionsOf("fluechtlingssozialarbeit")).toContain("tandem");
    expect(sectionsOf("fluechtlingsbegleitung")).toContain("tandem");
    expect(sectionsOf("regionalkoordination")).not.toContain("tandem");
    expect(sectionsOf("integrationsberatung")).not.toContain("tandem");
  });

  it("gives Regionalkoordination its network, Patenschaften and steering sections, and Integrationsberatung its eAT and transition sections", () => {
    expect(sectionsOf("regionalkoordination")).toEqual(["ansatz", "netzwerk", "patenschaften", "steuerung", "schutzbeduerftige", "qualitaet", "start"]);
    expect(sectionsOf("integrationsberatung")).toEqual(["ansatz", "eat", "uebergaenge", "vernetzung", "schutzbeduerftige", "qualitaet", "start"]);
    expect(criteriaOf("regionalkoordination")).toContain("steuerung");
    expect(criteriaOf("integrationsberatung")).toContain("integration");
  });

  it("asks about vulnerable refugees in every role, as a section and as a criterion", () => {
    for (const role of d.roles) {
      expect(sectionsOf(role.code), role.code).toContain("schutzbeduerftige");
      expect(criteriaOf(role.code), role.code).toContain("schutzbeduerftige");
    }
  });

  it("enforces the degree in every role whose qualification text asks for a university degree", () => {
    const asksForDegree = (r: (typeof d.roles)[number]) => /Hochschul(studium|abschluss)/.test(r.qualifications);
    expect(d.roles.filter(asksForDegree).map((r) => r.code)).toEqual(["regionalkoordination", "fluechtlingssozialarbeit", "integrationsberatung"]);
    for (const role of d.roles) expect(role.requiresPedagogicalDegree, role.code).toBe(asksForDegree(role));
  });
});

describe("lotPairs", () => {
  const d = validAfter(() => {});

  it("numbers every region × role pair region by region when no list is given", () => {
    const pairs = lotPairs(d);
    expect(pairs[0]).toEqual({ region: "nord", role: "regionalkoordination" });
    expect(pairs[3]).toEqual({ region: "nord", role: "integrationsberatung" });
    expect(pairs[4]).toEqual({ region: "ost", role: "regionalkoordination" });
    expect(pairs[15]).toEqual({ region: "west", role: "integrationsberatung" });
    expect(new Set(pairs.map((p) => `${p.region}/${p.role}`)).size).toBe(16);
  });

  it("uses the explicit list of lots when the definition has one", () => {
    const lots = [
      { region: "ost", role: "integrationsberatung" },
      { region: "nord", role: "regionalkoordination" },
    ];
    expect(lotPairs({ ...d, lots })).toEqual(lots);
  });
});

describe("parseCallDefinition refuses broken definitions with the path, a catalogue key and its parameters", () => {
  it("refuses a definition whose weights sum to 95 % for every role, naming each role and its sum", () => {
    // konzept (every role) 25 → 20: 20 + 20 + 15 + 15 + 15 + 10 = 95 in each role
    const errors = errorsAfter((d) => (d.criteria[0].weight = 20));
    expect(errors).toHaveLength(4);
    expect(errors[0]).toMatchObject({ path: "criteria", key: "definition.weightsSumRole", params: { role: "Regionalkoordination", total: 95 } });
  });

  it("refuses weights summing to 105 % in the two tandem roles only", () => {
    expect(errorsAfter((d) => (d.criteria.find((c: any) => c.code === "tandem").weight = 20))).toMatchObject([
      { path: "criteria", key: "definition.weightsSumRole", params: { role: "Flüchtlingssozialarbeit", total: 105 } },
      { path: "criteria", key: "definition.weightsSumRole", params: { role: "Flüchtlingsbegleitung", total: 105 } },
    ]);
  });

  it("refuses a call whose criteria all apply to every role and sum to 95 %, stating the sum once", () => {
    expect(
      errorsAfter((d) => {
        d.criteria = d.criteria.filter((c: any) => !c.roles);
        d.criteria[0].weight = 35; // 35 + 20 + 15 + 15 + 10 = 95
        d.criteria[1].sections = ["ansatz"];
        d.conceptSections = d.conceptSections.filter((s: any) => !s.roles);
      }),
    ).toMatchObject([{ path: "criteria", key: "definition.weightsSum", params: { total: 95 } }]);
  });

  it("refuses a quality criterion that names no concept section", () => {
    expect(errorsAfter((d) => (d.criteria[0].sections = []))).toContainEqual(
      expect.objectContaining({ path: "criteria[0].sections", key: "definition.criterionSections", params: { criterion: "Fachliches Konzept und Methoden" } }),
    );
  });

  it("refuses a criterion naming an unknown section, at the position in its list", () => {
    expect(errorsAfter((d) => d.criteria[0].sections.push("ansaz"))).toMatchObject([
      { path: "criteria[0].sections[1]", key: "definition.unknownSection", params: { section: "ansaz" } },
    ]);
  });

  it("refuses an unknown role in a section's or a criterion's list of roles", () => {
    const errors = errorsAfter((d) => {
      d.conceptSections[1].roles = ["regionalkoordinaton"];
      d.criteria[2].roles = ["regionalkoordinaton"];
    });
    expect(errors).toContainEqual(expect.objectContaining({ path: "conceptSections[1].roles[0]", key: "definition.unknownRole" }));
    expect(errors).toContainEqual(expect.objectContaining({ path: "criteria[2].roles[0]", key: "definition.unknownRole" }));
  });

  it("refuses a section of a role that no criterion of that role scores, once per role", () => {
    const wege = RAW.conceptSections.findIndex((s: any) => s.code === "wege");
    expect(errorsAfter((d) => (d.criteria.find((c: any) => c.code === "tandem").sections = ["tandem"]))).toMatchObject([
      { path: `conceptSections[${wege}]`, key: "definition.sectionUnscored", params: { section: "Wege in Kurse, Arbeit und Praktika", role: "Flüchtlingssozialarbeit" } },
      { path: `conceptSections[${wege}]`, key: "definition.sectionUnscored", params: { role: "Flüchtlingsbegleitung" } },
    ]);
  });

  it("refuses a criterion applied to a role none of whose sections it scores", () => {
    const tandem = RAW.criteria.findIndex((c: any) => c.code === "tandem");
    const errors = errorsAfter((d) => {
      d.criteria[tandem].roles.push("integrationsberatung");
      d.criteria = d.criteria.filter((c: any) => c.code !== "integration");
    });
    expect(errors).toContainEqual(
      expect.objectContaining({ path: `criteria[${tandem}].sections`, key: "definition.criterionSectionsOfRole", params: { criterion: "Zusammenarbeit im Tandem und Übergänge", role: "Integrationsberatung" } }),
    );
  });

  it("refuses a scale where 3 points have no published meaning", () => {
    expect(errorsAfter((d) => d.scale.points.splice(3, 1))).toMatchObject([
      { path: "scale.points", key: "definition.scaleMeaningMissing", params: { points: 3 } },
    ]);
  });

  it("refuses a scale point with an empty meaning", () => {
    expect(errorsAfter((d) => (d.scale.points[3].meaning = "   "))).toMatchObject([
      { path: "scale.points[3].meaning", key: "definition.empty" },
    ]);
  });

  it("refuses a scale point outside the scale and names the point left without meaning", () => {
    const errors = errorsAfter((d) => (d.scale.points[5].points = 6));
    expect(errors).toContainEqual(expect.objectContaining({ path: "scale.points[5].points", key: "definition.scalePointOutside", params: { points: 6, min: 0, max: 5 } }));
    expect(errors).toContainEqual(expect.objectContaining({ path: "scale.points", key: "definition.scaleMeaningMissing", params: { points: 5 } }));
  });

  it("refuses a duplicate region code at the second occurrence", () => {
    expect(errorsAfter((d) => (d.regions[2].code = "nord"))).toMatchObject([
      { path: "regions[2].code", key: "definition.codeTwice", params: { code: "nord" } },
    ]);
  });

  it("refuses a duplicate criterion code", () => {
    expect(errorsAfter((d) => (d.criteria[4].code = "konzept"))).toMatchObject([
      { path: "criteria[4].code", key: "definition.codeTwice", params: { code: "konzept" } },
    ]);
  });

  it("refuses an unknown role in the list of lots", () => {
    expect(
      errorsAfter((d) => {
        d.lots = [
          { region: "nord", role: "regionalkoordination" },
          { region: "ost", role: "hausmeisterei" },
        ];
      }),
    ).toMatchObject([{ path: "lots[1].role", key: "definition.unknownRole", params: { role: "hausmeisterei" } }]);
  });

  it("refuses an unknown region and a duplicate pair in the list of lots", () => {
    const errors = errorsAfter((d) => {
      d.lots = [
        { region: "mitte", role: "regionalkoordination" },
        { region: "nord", role: "regionalkoordination" },
        { region: "nord", role: "regionalkoordination" },
      ];
    });
    expect(errors).toMatchObject([
      { path: "lots[0].region", key: "definition.unknownRegion", params: { region: "mitte" } },
      { path: "lots[2]", key: "definition.lotTwice", params: { lot: "nord/regionalkoordination" } },
    ]);
  });

  it("refuses an unknown role in tandemWith", () => {
    expect(errorsAfter((d) => (d.roles[1].tandemWith = "begleitung"))).toMatchObject([
      { path: "roles[1].tandemWith", key: "definition.unknownRole", params: { role: "begleitung" } },
    ]);
  });

  it("refuses an unknown role in staffingRules", () => {
    expect(errorsAfter((d) => (d.staffingRules[3].role = "beratung"))).toMatchObject([
      { path: "staffingRules[3].role", key: "definition.unknownRole", params: { role: "beratung" } },
    ]);
  });

  it("refuses a second staffing rule for the same role", () => {
    expect(errorsAfter((d) => (d.staffingRules[1].role = "regionalkoordination"))).toMatchObject([
      { path: "staffingRules[1].role", key: "definition.ruleTwice", params: { role: "regionalkoordination" } },
    ]);
  });

  it("refuses a staffing rule with an unknown basis", () => {
    expect(errorsAfter((d) => (d.staffingRules[0].basis = "perHead"))).toMatchObject([
      { path: "staffingRules[0].basis", key: "definition.basis" },
    ]);
  });

  it("refuses a submission deadline before the question deadline, at dates.submissionDeadline", () => {
    const errors = errorsAfter((d) => (d.dates.submissionDeadline = "2017-02-10T12:00:00+01:00"));
    expect(errors).toHaveLength(1);
    expect(errors[0].path).toBe("dates.submissionDeadline");
    expect(errors[0].key).toBe("definition.dateOrder.submissionDeadline");
  });

  it("names which date breaks the order, each with its own message", () => {
    expect(errorsAfter((d) => (d.dates.submissionDeadline = "2017-02-10T12:00:00+01:00"))).toMatchObject([
      { path: "dates.submissionDeadline", key: "definition.dateOrder.submissionDeadline" },
    ]);
    expect(errorsAfter((d) => (d.dates.contractEnd = "2017-05-01T00:00:00+02:00"))).toMatchObject([
      { path: "dates.contractEnd", key: "definition.dateOrder.contractEnd" },
    ]);
  });

  it("accepts the opening exactly at the submission deadline but not a second before it", () => {
    expect(errorsAfter((d) => (d.dates.opening = "2017-02-28T12:00:00+01:00"))).toMatchObject([]);
    const errors = errorsAfter((d) => (d.dates.opening = "2017-02-28T11:59:59+01:00"));
    expect(errors.map((e) => e.path)).toMatchObject(["dates.opening"]);
  });

  it("refuses an end of the binding period at or before the opening", () => {
    expect(errorsAfter((d) => (d.dates.bindingPeriodEnd = "2017-02-28T14:00:00+01:00"))).toMatchObject([
      { path: "dates.bindingPeriodEnd", key: "definition.bindingPeriod" },
    ]);
  });

  it("refuses a date without time zone", () => {
    expect(errorsAfter((d) => (d.dates.opening = "2017-02-28T14:00:00"))).toMatchObject([
      {
        path: "dates.opening",
        key: "definition.instantFormat",
      },
    ]);
  });

  it("accepts a UTC date (Z) and one without seconds", () => {
    expect(errorsAfter((d) => (d.dates.opening = "2017-02-28T13:00Z"))).toMatchObject([]);
  });

  it("refuses an impossible calendar date (30 February)", () => {
    expect(errorsAfter((d) => (d.dates.opening = "2017-02-30T14:00:00+01:00"))).toMatchObject([
      { path: "dates.opening", key: "definition.instantUnreal" },
    ]);
  });

  it("refuses a typo'd unknown key in a nested object as „Unbekannte Felder“", () => {
    expect(errorsAfter((d) => (d.contact.emial = "vergabe@example.org"))).toMatchObject([
      { path: "contact", key: "zod.unrecognizedKeys", params: { keys: "emial" } },
    ]);
  });

  it("refuses a misspelt required key in a criterion: unknown field and missing field", () => {
    const errors = errorsAfter((d) => {
      d.criteria[0].wieght = d.criteria[0].weight;
      delete d.criteria[0].weight;
    });
    expect(errors).toContainEqual(expect.objectContaining({ path: "criteria[0]", key: "zod.unrecognizedKeys", params: { keys: "wieght" } }));
    expect(errors).toContainEqual(expect.objectContaining({ path: "criteria[0].weight", key: "zod.required" }));
  });

  it("refuses a typo'd top-level key", () => {
    expect(errorsAfter((d) => (d.maxLotsPerCarier = 3))).toMatchObject([
      { path: "(Wurzel)", key: "zod.unrecognizedKeys", params: { keys: "maxLotsPerCarier" } },
    ]);
  });

  it("refuses a missing required field as „Pflichtfeld“", () => {
    expect(errorsAfter((d) => delete d.title)).toMatchObject([{ path: "title", key: "zod.required" }]);
    expect(errorsAfter((d) => delete d.regions[2].name)).toMatchObject([{ path: "regions[2].name", key: "zod.required" }]);
    expect(errorsAfter((d) => delete d.dates.submissionDeadline)).toContainEqual(expect.objectContaining({ path: "dates.submissionDeadline", key: "zod.required" }));
  });

  it("names the expected and the received type", () => {
    expect(errorsAfter((d) => (d.title = 5))).toMatchObject([{ path: "title", key: "zod.invalidType", params: { expected: { message: "zod.type.string" }, received: { message: "zod.type.number" } } }]);
  });

  it("a weight given as text gets the schema's own message", () => {
    expect(errorsAfter((d) => (d.criteria[0].weight = "25"))).toMatchObject([
      { path: "criteria[0].weight", key: "definition.weightNumber" },
    ]);
  });

  it("refuses a price criterion without its formula", () => {
    const price = RAW.criteria.findIndex((c: any) => c.kind === "price");
    expect(errorsAfter((d) => delete d.criteria[price].priceFormula)).toMatchObject([
      { path: `criteria[${price}].priceFormula`, key: "definition.priceFormula" },
    ]);
  });

  it("refuses maxLotsPerCarrier above the number of lots (17 > 16) and accepts 16", () => {
    expect(errorsAfter((d) => (d.maxLotsPerCarrier = 17))).toMatchObject([
      { path: "maxLotsPerCarrier", key: "definition.maxLots" },
    ]);
    expect(errorsAfter((d) => (d.maxLotsPerCarrier = 16))).toMatchObject([]);
  });

  it("counts an explicit list of lots for maxLotsPerCarrier (3 > 2 lots)", () => {
    expect(
      errorsAfter((d) => {
        d.lots = [
          { region: "nord", role: "regionalkoordination" },
          { region: "ost", role: "regionalkoordination" },
        ];
        d.maxLotsPerCarrier = 3;
      }),
    ).toMatchObject([{ path: "maxLotsPerCarrier", key: "definition.maxLots" }]);
  });

  it("refuses maxLotsPerCarrier 0 without claiming 0 is allowed", () => {
    const errors = errorsAfter((d) => (d.maxLotsPerCarrier = 0));
    expect(errors.map((e) => e.path)).toMatchObject(["maxLotsPerCarrier"]);
    // zod's positive(): "greater than 0", never "at least 0".
    expect(errors[0]).toMatchObject({ key: "zod.tooSmall.exclusive", params: { minimum: 0 } });
  });

  it("checks a criterion's own scale: every point from min to max needs a meaning", () => {
    const errors = errorsAfter((d) => (d.criteria[2].scale = [{ points: 0, meaning: "Keine Aussage" }]));
    expect(errors).toMatchObject(
      [1, 2, 3, 4, 5].map((p) => ({ path: "criteria[2].scale", key: "definition.scaleMeaningMissing", params: { points: p } })),
    );
  });

  it("refuses an unknown criterion kind listing the allowed ones", () => {
    expect(errorsAfter((d) => (d.criteria[0].kind = "preis"))).toMatchObject([
      { path: "criteria[0].kind", key: "zod.enum", params: { options: "quality, price" } },
    ]);
  });

  it("refuses a slug with capitals", () => {
    expect(errorsAfter((d) => (d.slug = "Dresden-2017"))).toMatchObject([
      { path: "slug", key: "definition.slug" },
    ]);
  });

  it("refuses a value that is not an object at all, at the root", () => {
    const result = parseCallDefinition([]);
    expect(result.ok).toBe(false);
    if (!result.ok) expect(result.errors).toMatchObject([{ path: "(Wurzel)", key: "zod.invalidType", params: { expected: { message: "zod.type.object" }, received: { message: "zod.type.array" } } }]);
  });
});

describe("adequate pay: the pay scale, the floors per role and the cost rule", () => {
  it("states a floor for each of Dresden's roles from its illustrative TVöD SuE list, and scores only non-personnel cost", () => {
    const d = validAfter(() => {});
    expect(d.payScale).toMatchObject({ name: "TVöD SuE", tariffOrEquivalentRequired: true, illustrative: true, fullTimeWeeklyHours: 39 });
    expect(payFloors(d).map((f) => [f.roleCode, f.minPayGroup])).toEqual([
      ["regionalkoordination", "S 15"],
      ["fluechtlingssozialarbeit", "S 12"],
      ["fluechtlingsbegleitung", "S 8a"],
      ["integrationsberatung", "S 12"],
    ]);
    expect(d.costRule.kind).toBe("nonPersonnelPerFte");
    expect(d.costRule.reason.length).toBeGreaterThan(0);
  });

  it("refuses a role without its floor", () => {
    expect(errorsAfter((d) => delete d.roles[2].minPayGroup)).toMatchObject([
      { path: "roles[2].minPayGroup", key: "definition.payFloorMissing" },
    ]);
  });

  it("refuses a floor that is not a group of the pay scale, naming the group and the scale", () => {
    expect(errorsAfter((d) => (d.roles[1].minPayGroup = "E 9"))).toMatchObject([
      { path: "roles[1].minPayGroup", key: "definition.payGroupUnknown", params: { group: "E 9", scale: "TVöD SuE" } },
    ]);
  });

  it("takes TVöD's 39 full-time weekly hours where a definition states none, and refuses none, more than 60 or a third decimal", () => {
    expect(validAfter((d) => delete d.payScale.fullTimeWeeklyHours).payScale.fullTimeWeeklyHours).toBe(39);
    expect(validAfter((d) => (d.payScale.fullTimeWeeklyHours = 38.5)).payScale.fullTimeWeeklyHours).toBe(38.5);
    for (const bad of [0, 61, 38.555]) {
      expect(errorsAfter((d) => (d.payScale.fullTimeWeeklyHours = bad))).toMatchObject([{ path: "payScale.fullTimeWeeklyHours", key: "definition.fullTimeHoursRange" }]);
    }
  });

  it("refuses a pay group listed twice, at its second place", () => {
    expect(errorsAfter((d) => d.payScale.groups.push("S 12"))).toMatchObject([
      { path: "payScale.groups[17]", key: "definition.payGroupTwice", params: { group: "S 12" } },
    ]);
  });

  it("refuses a price criterion under quality-only scoring with fixed cost rates", () => {
    const qualityOnly = { kind: "qualityOnly", fixedRates: ["65.000 Euro je VZÄ und Jahr"], reason: ["Kosten stehen fest."] };
    expect(errorsAfter((d) => (d.costRule = qualityOnly))).toMatchObject([
      { path: "criteria[7].kind", key: "definition.priceUnderQualityOnly" },
    ]);
    const valid = validAfter((d) => {
      d.costRule = qualityOnly;
      d.criteria.pop();
      d.criteria[0].weight += 10;
    });
    expect(valid.costRule).toEqual(qualityOnly);
  });

  it("refuses a cost rule of an unknown kind", () => {
    expect(errorsAfter((d) => (d.costRule = { kind: "lowestPrice", reason: ["x"] }))).toMatchObject([
      { path: "costRule.kind", key: "definition.costRuleKind" },
    ]);
  });
});

describe("shiftDates", () => {
  const d = validAfter(() => {});

  it("moves every date by the same amount and so keeps the spacing", () => {
    const ms = 7 * 86_400_000 + 3_600_000; // one week and one hour
    const shifted = shiftDates(d, ms);
    expect(Object.keys(shifted).sort()).toEqual(Object.keys(d.dates).sort());
    for (const key of Object.keys(d.dates) as (keyof typeof d.dates)[]) {
      expect(Date.parse(shifted[key]) - Date.parse(d.dates[key])).toBe(ms);
    }
    // 2017-01-26T10:00:00+01:00 = 09:00Z; plus 7 days and 1 hour.
    expect(shifted.published).toBe("2017-02-02T10:00:00Z");
    // 2017-02-28T12:00:00+01:00 = 11:00Z; plus 7 days and 1 hour.
    expect(shifted.submissionDeadline).toBe("2017-03-07T12:00:00Z");
  });

  // The demo copy is made with shiftDates-like arithmetic; its dates must validate again.
  it("gives dates the definition schema accepts again", () => {
    const shifted = shiftDates(d, 8 * 365 * 86_400_000);
    expect(errorsAfter((raw) => (raw.dates = shifted))).toEqual([]);
  });

  it("does not change the definition it was given", () => {
    const before = structuredClone(d.dates);
    shiftDates(d, -86_400_000);
    expect(d.dates).toEqual(before);
  });
});
