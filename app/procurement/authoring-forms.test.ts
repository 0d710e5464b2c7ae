import fs from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import {
  errorsByField,
  fieldForPath,
  readBerlinInput,
  readSection,
  rowIndices,
  scaleRows,
  SECTIONS,
  splitParagraphs,
  toFormValues,
  weightSums,
  type FormValues,
  type Section,
} from "./authoring-forms";
import { parseCallDefinition, type CallDefinition } from "./call-definition";
import { translator, type Translate } from "../i18n";

// Errors by field as catalogue keys: what the editor shows is the catalogue's text for them.
const keysOnly: Translate = (key) => key;

function dresden(): CallDefinition {
  const result = parseCallDefinition(JSON.parse(fs.readFileSync(path.resolve("app/calls/dresden-2017.json"), "utf8")));
  if (!result.ok) throw new Error("invalid template");
  return result.definition;
}

/** Posts `values` for a section against `d`: the parsed result and the errors (keys) by field. */
function post(section: Section, values: FormValues, d = dresden()) {
  const read = readSection(section, values);
  if (!read.ok) return { formErrors: read.errors } as const;
  const applied = read.apply(structuredClone(d));
  const parsed = parseCallDefinition(applied.next);
  return parsed.ok
    ? ({ definition: parsed.definition } as const)
    : ({ errors: errorsByField(parsed.errors, applied.fieldFor, keysOnly, "de"), raw: parsed.errors } as const);
}

describe("the editor's contract terms (Vertragsbedingungen)", () => {
  const values = (more: FormValues) => ({ ...toFormValues("contract", dresden()), ...more });

  it("changes the reporting interval, its due days, the vacancy tolerance, the trigger and the bounds of adjustments", () => {
    const result = post("contract", values({ "contract.reporting.interval": "quarterly", "contract.reporting.dueDays": "30", "contract.vacancyToleranceDays": "90", "contract.adjustmentTolerancePercent": "15", "contract.adjustmentBoundsPercent": "10" }));
    expect(result).toMatchObject({ definition: { contract: { reporting: { interval: "quarterly", dueDays: 30 }, vacancyToleranceDays: 90, adjustmentTolerancePercent: 15, adjustmentBoundsPercent: 10 } } });
  });

  it("refuses each value outside its range at its own field, and an empty or unknown one", () => {
    const result = post("contract", values({ "contract.reporting.interval": "weekly", "contract.reporting.dueDays": "91", "contract.vacancyToleranceDays": "-1", "contract.adjustmentTolerancePercent": "", "contract.adjustmentBoundsPercent": "" }));
    expect(result).toMatchObject({
      errors: {
        "contract.reporting.interval": "definition.contract.interval",
        "contract.reporting.dueDays": "definition.contract.dueDays",
        "contract.vacancyToleranceDays": "definition.contract.vacancyDays",
        "contract.adjustmentTolerancePercent": "definition.contract.tolerancePercent",
        "contract.adjustmentBoundsPercent": "zod.required",
      },
    });
    expect(post("contract", values({ "contract.adjustmentTolerancePercent": "101" }))).toMatchObject({ errors: { "contract.adjustmentTolerancePercent": "definition.contract.tolerancePercent" } });
    expect(post("contract", values({ "contract.reporting.dueDays": "1,5" }))).toMatchObject({ errors: { "contract.reporting.dueDays": "definition.contract.dueDays" } });
    expect(post("contract", values({ "contract.vacancyToleranceDays": "zwei" }))).toEqual({ formErrors: { "contract.vacancyToleranceDays": "authoring.number.invalid" } });
  });
});

describe("the editor's sections", () => {
  it("read back every section of Dresden's definition unchanged", () => {
    const d = dresden();
    for (const section of SECTIONS) {
      const result = post(section, toFormValues(section, d), d);
      expect(result, section).toEqual({ definition: d });
    }
  });

  it("names the criteria when the weights sum to 95 %, and counts the sum per role as the form shows it", () => {
    const values = { ...toFormValues("criteria", dresden()), "criteria[1].weight": "15" };
    expect(weightSums(values, dresden().roles)).toEqual([
      { role: "regionalkoordination", name: "Regionalkoordination", sum: 95 },
      { role: "fluechtlingssozialarbeit", name: "Flüchtlingssozialarbeit", sum: 95 },
      { role: "fluechtlingsbegleitung", name: "Flüchtlingsbegleitung", sum: 95 },
      { role: "integrationsberatung", name: "Integrationsberatung", sum: 95 },
    ]);
    const result = post("criteria", values);
    expect(result).toMatchObject({ errors: { criteria: "definition.weightsSumRole" } });
    expect(result.raw).toHaveLength(4);
    expect(result.raw![0]).toEqual({ path: "criteria", key: "definition.weightsSumRole", params: { role: "Regionalkoordination", total: 95 } });
  });

  it("names every role whose weights miss 100 %, once each, at the weights and in the summary", () => {
    const d = dresden();
    // Steuerung (Regionalkoordination only) loses 5 points, the tandem criterion gains 5:
    // three roles miss, Integrationsberatung keeps its 100 %.
    const values = { ...toFormValues("criteria", d), "criteria[2].weight": "10", "criteria[3].weight": "20" };
    const read = readSection("criteria", values);
    if (!read.ok) throw new Error("the form reads");
    const applied = read.apply(structuredClone(d));
    const parsed = parseCallDefinition(applied.next);
    if (parsed.ok) throw new Error("the weights are refused");
    const errors = errorsByField(parsed.errors, applied.fieldFor, translator("de"), "de");
    const message = (role: string, total: number) => `Die Gewichte der Kriterien der Rolle „${role}“ müssen zusammen 100 % ergeben, sie ergeben ${total} %`;
    expect(errors.criteria).toBe([message("Regionalkoordination", 95), message("Flüchtlingssozialarbeit", 105), message("Flüchtlingsbegleitung", 105)].join(". "));
    // Each role's sum under the criteria, by its name.
    expect(weightSums(values, d.roles).map((s) => `${s.name}: ${s.sum} %`)).toEqual([
      "Regionalkoordination: 95 %",
      "Flüchtlingssozialarbeit: 105 %",
      "Flüchtlingsbegleitung: 105 %",
      "Integrationsberatung: 100 %",
    ]);
    // A role the call does not know keeps the code as typed.
    expect(weightSums({ ...values, "criteria[2].roles": "unbekannt" }, d.roles).map((s) => s.name)).toContain("unbekannt");
  });

  it("reads the roles and the scored sections of a criterion, and the roles of a section, as lists of codes", () => {
    const d = dresden();
    const values = { ...toFormValues("criteria", d), "criteria[2].sections": "steuerung;  netzwerk" };
    expect(post("criteria", values, d).definition!.criteria[2]).toMatchObject({ roles: ["regionalkoordination"], sections: ["steuerung", "netzwerk"] });
    const concept = { ...toFormValues("concept", d), "conceptSections[3].roles": "fluechtlingsbegleitung" };
    const raw = post("concept", concept, d).raw;
    expect(raw).toContainEqual(expect.objectContaining({ path: "criteria[2].sections", key: "definition.criterionSectionsOfRole" }));
    expect(raw).toContainEqual(expect.objectContaining({ path: "conceptSections[3]", key: "definition.sectionUnscored", params: { section: "Steuerung von Flüchtlingssozialarbeit und Integrationsberatung", role: "Flüchtlingsbegleitung" } }));
  });

  it("maps an error in a row after a removed row back to the row of the form", () => {
    const values = {
      ...toFormValues("criteria", dresden()),
      "criteria[1].remove": "ja",
      "criteria[0].weight": "45", // keeps the sums at 100
      "criteria[0].sections": "ansatz, netzwerk, patenschaften, vernetzung", // and every section scored
      "criteria[3].code": "Schutz Bedürftige",
    };
    const result = post("criteria", values);
    expect(result).toMatchObject({ raw: [{ path: "criteria[2].code" }] });
    expect(Object.keys(result.errors ?? {})).toEqual(["criteria[3].code"]);
  });

  it("adds a row from the empty one and shows one more empty row", () => {
    const d = dresden();
    const values = toFormValues("regions", d);
    expect(rowIndices("regions", values)).toEqual([0, 1, 2, 3, 4]);
    Object.assign(values, { "regions[4].code": "mitte", "regions[4].name": "Region Mitte", "regions[4].description": "Altstadt." });
    expect(rowIndices("regions", values)).toEqual([0, 1, 2, 3, 4, 5]);
    const result = post("regions", values, d);
    expect(result.definition?.regions.map((r) => r.code)).toEqual(["nord", "ost", "sued", "west", "mitte"]);
  });

  it("renames a role everywhere it is referred to, and drops what refers to a removed one", () => {
    const d = dresden();
    const values = { ...toFormValues("roles", d), "roles[2].code": "begleitung", "roles[3].remove": "ja" };
    const result = post("roles", values, d);
    const def = result.definition!;
    expect(def.roles.map((r) => r.code)).toEqual(["regionalkoordination", "fluechtlingssozialarbeit", "begleitung"]);
    expect(def.roles[1].tandemWith).toBe("begleitung");
    expect(def.roles[2].tandemWith).toBe("fluechtlingssozialarbeit");
    expect(def.staffingRules.map((s) => s.role)).toEqual(["regionalkoordination", "fluechtlingssozialarbeit", "begleitung"]);
    // The standards follow: the tandem criterion names the renamed role, Integrationsberatung's own criterion and sections are gone.
    expect(def.criteria.find((c) => c.code === "tandem")!.roles).toEqual(["fluechtlingssozialarbeit", "begleitung"]);
    expect(def.criteria.map((c) => c.code)).not.toContain("integration");
    expect(def.conceptSections.map((s) => s.code)).not.toContain("eat");
    expect(def.conceptSections.find((s) => s.code === "vernetzung")!.roles).toEqual(["fluechtlingssozialarbeit", "begleitung"]);
    expect(def.roles[0].tasks).toEqual(d.roles[0].tasks);
  });

  it("carries a renamed concept section into the criteria that score it, and drops a removed one from their lists", () => {
    const d = dresden();
    const values = {
      ...toFormValues("concept", d),
      "conceptSections[4].code": "tandemarbeit", // was "tandem"
      "conceptSections[5].remove": "ja", // "wege"
      "conceptSections[0].code": "netzwerk", // "ansatz" and "netzwerk" swap their codes
      "conceptSections[1].code": "ansatz",
    };
    const def = post("concept", values, d).definition!;
    const sectionsOf = (code: string) => def.criteria.find((c) => c.code === code)!.sections;
    expect(sectionsOf("tandem")).toEqual(["tandemarbeit"]);
    expect(sectionsOf("konzept")).toEqual(["netzwerk"]);
    expect(sectionsOf("vernetzung")).toEqual(["ansatz", "patenschaften", "vernetzung"]);
    expect(def.conceptSections.find((s) => s.code === "netzwerk")!.title).toBe(d.conceptSections[0].title);
    // The criterion's code, name and the rest stay; only the link follows.
    expect(def.criteria.map((c) => c.code)).toEqual(d.criteria.map((c) => c.code));
    // A criterion left scoring no section is refused, at its list of sections.
    const removed = post("concept", { ...toFormValues("concept", d), "conceptSections[3].remove": "ja" }, d); // "steuerung"
    expect(removed.raw).toContainEqual(expect.objectContaining({ path: "criteria[2].sections", key: "definition.criterionSections" }));
  });

  it("keeps a criterion's own scale, splits paragraphs on blank lines and lists on lines", () => {
    expect(splitParagraphs("Erster\nAbsatz\r\n\r\n  Zweiter  \n\n\n")).toEqual(["Erster Absatz", "Zweiter"]);
    const values = { ...toFormValues("basics", dresden()), description: "Eins\n\nZwei", illustrative: "a\n\n b \n" };
    const def = post("basics", values).definition!;
    expect(def.description).toEqual(["Eins", "Zwei"]);
    expect(def.illustrative).toEqual(["a", "b"]);
  });

  it("sets, changes and removes the optional Aktenzeichen with the basics, and names one that is too long", () => {
    const values = toFormValues("basics", dresden());
    expect(values.fileNumber).toBe("50.21-IB/2017-001");
    expect(post("basics", { ...values, fileNumber: "  50.3-IB/2027-007 " }).definition?.fileNumber).toBe("50.3-IB/2027-007");
    const removed = post("basics", { ...values, fileNumber: " " }).definition!;
    expect(removed.fileNumber).toBeUndefined();
    expect(toFormValues("basics", removed).fileNumber).toBe("");
    expect(post("basics", { ...values, fileNumber: "x".repeat(61) })).toMatchObject({
      errors: { fileNumber: "zod.tooBig.string" },
      raw: [{ path: "fileNumber", params: { maximum: 60 } }],
    });
  });

  it("sets a role's floor from the pay scale, names a floor off the list at its field, and chooses the cost rule", () => {
    const roles = toFormValues("roles", dresden());
    expect(roles["roles[2].minPayGroup"]).toBe("S 8a");
    expect(post("roles", { ...roles, "roles[2].minPayGroup": "S 9" }).definition?.roles[2].minPayGroup).toBe("S 9");
    expect(post("roles", { ...roles, "roles[2].minPayGroup": "E 9" })).toMatchObject({ errors: { "roles[2].minPayGroup": "definition.payGroupUnknown" } });
    expect(post("roles", { ...roles, "roles[2].minPayGroup": " " })).toMatchObject({ errors: { "roles[2].minPayGroup": "definition.payFloorMissing" } });
    const basics = toFormValues("basics", dresden());
    expect(basics["costRule.kind"]).toBe("nonPersonnelPerFte");
    // Quality only keeps no price criterion: Dresden's Wirtschaftlichkeit is named.
    expect(post("basics", { ...basics, "costRule.kind": "qualityOnly", "costRule.fixedRates": "65.000 € je VZÄ und Jahr" })).toMatchObject({
      errors: { "criteria[7].kind": "definition.priceUnderQualityOnly" },
    });
    const shorter = post("basics", { ...basics, "payScale.groups": "S 8a\nS 12\nS 15", "payScale.illustrative": "" }).definition!;
    expect(shorter.payScale).toEqual({ name: "TVöD SuE", groups: ["S 8a", "S 12", "S 15"], tariffOrEquivalentRequired: true, illustrative: false, fullTimeWeeklyHours: 39 });
    // Dropping a group a role's floor names is refused at that role.
    expect(post("basics", { ...basics, "payScale.groups": "S 12\nS 15" }).raw).toMatchObject([{ path: "roles[2].minPayGroup", key: "definition.payGroupUnknown" }]);
  });

  it("sets a full-time post's weekly hours in the pay scale, 39 when left empty, and refuses none or more than 60", () => {
    const basics = toFormValues("basics", dresden());
    expect(basics["payScale.fullTimeWeeklyHours"]).toBe("39");
    expect(post("basics", { ...basics, "payScale.fullTimeWeeklyHours": "38,5" }).definition?.payScale.fullTimeWeeklyHours).toBe(38.5);
    expect(post("basics", { ...basics, "payScale.fullTimeWeeklyHours": "" }).definition?.payScale.fullTimeWeeklyHours).toBe(39);
    for (const bad of ["0", "61", "38,555"]) {
      expect(post("basics", { ...basics, "payScale.fullTimeWeeklyHours": bad })).toMatchObject({ errors: { "payScale.fullTimeWeeklyHours": "definition.fullTimeHoursRange" } });
    }
    expect(post("basics", { ...basics, "payScale.fullTimeWeeklyHours": "neununddreißig" })).toMatchObject({ formErrors: { "payScale.fullTimeWeeklyHours": "authoring.number.invalid" } });
  });

  it("asks for the meaning of a new point of the scale and shows a row for it", () => {
    const values = { ...toFormValues("scale", dresden()), "scale.max": "6" };
    expect(scaleRows(values)).toEqual([0, 1, 2, 3, 4, 5, 6]);
    expect(post("scale", values)).toMatchObject({ errors: { "scale.points": "definition.scaleMeaningMissing" }, raw: [{ params: { points: 6 } }] });
    const fixed = post("scale", { ...values, "scale.meaning.6": "Herausragend." });
    expect(fixed.definition?.scale.points).toHaveLength(7);
    expect(post("scale", { ...toFormValues("scale", dresden()), "scale.meaning.3": " " })).toMatchObject({
      errors: { "scale.meaning.3": "definition.empty" },
    });
  });

  it("reads staffing rules per role: none drops the rule, a fixed number of posts takes a decimal comma", () => {
    const d = dresden();
    const values = {
      ...toFormValues("staffing", d),
      "staffing.integrationsberatung.basis": "none",
      "staffing.regionalkoordination.fte": "0,5",
    };
    const def = post("staffing", values, d).definition!;
    expect(def.staffingRules.map((s) => s.role)).toEqual(["regionalkoordination", "fluechtlingssozialarbeit", "fluechtlingsbegleitung"]);
    expect(def.staffingRules[0]).toMatchObject({ basis: "fixedPerRegion", fte: 0.5 });
    const broken = post("staffing", { ...values, "staffing.fluechtlingsbegleitung.clientsPerFte": "0" }, d);
    expect(broken.errors).toEqual({ "staffing.fluechtlingsbegleitung.clientsPerFte": "definition.keyPositive" });
  });

  it("refuses a number that is not one before the schema sees it", () => {
    expect(post("criteria", { ...toFormValues("criteria", dresden()), "criteria[0].weight": "zehn" })).toEqual({
      formErrors: { "criteria[0].weight": "authoring.number.invalid" },
    });
  });

  it("names the date that breaks the order", () => {
    const values = { ...toFormValues("dates", dresden()), "dates.questionDeadline": "2017-03-01T12:00" };
    expect(post("dates", values)).toMatchObject({ errors: { "dates.submissionDeadline": "definition.dateOrder.submissionDeadline" } });
  });

  it("shows stored dates in Berlin time, seconds only where there are some", () => {
    const values = toFormValues("dates", dresden());
    expect(values["dates.submissionDeadline"]).toBe("2017-02-28T12:00");
    expect(values["dates.bindingPeriodEnd"]).toBe("2017-05-31T23:59:59");
    expect(values["dates.serviceStart"]).toBe("2017-06-01T00:00");
  });

  it("maps errors of other sections to their fields or their section", () => {
    const d = dresden() as unknown as Record<string, unknown>;
    const known = new Set(["lots", "staffing", "staffing.fluechtlingssozialarbeit.clientsPerFte", "staffing.fluechtlingssozialarbeit.basis", "_form"]);
    expect(fieldForPath("lots[3].region", { next: d, known })).toBe("lots");
    expect(fieldForPath("staffingRules[1].clientsPerFte", { next: d, known })).toBe("staffing.fluechtlingssozialarbeit.clientsPerFte");
    expect(fieldForPath("staffingRules[1].role", { next: d, known })).toBe("staffing.fluechtlingssozialarbeit.basis");
    expect(fieldForPath("slug", { next: d, known })).toBe("_form");
  });
});

describe("datetime-local values in Berlin time", () => {
  it("converts winter and summer time with their offsets", () => {
    expect(readBerlinInput("2027-02-01T12:00")).toEqual({ ok: true, iso: "2027-02-01T12:00:00+01:00" });
    expect(readBerlinInput("2027-07-01T12:00")).toEqual({ ok: true, iso: "2027-07-01T12:00:00+02:00" });
    expect(readBerlinInput("2017-05-31T23:59:59")).toEqual({ ok: true, iso: "2017-05-31T23:59:59+02:00" });
  });

  it("takes the first of the two 2:30 in autumn and refuses 2:30 on the morning summer time starts", () => {
    expect(readBerlinInput("2027-10-31T02:30")).toEqual({ ok: true, iso: "2027-10-31T02:30:00+02:00" });
    expect(readBerlinInput("2027-10-31T03:30")).toEqual({ ok: true, iso: "2027-10-31T03:30:00+01:00" });
    expect(readBerlinInput("2027-03-28T02:30")).toEqual({ ok: false, error: "authoring.dates.gap" });
    expect(readBerlinInput("2027-03-28T03:00")).toEqual({ ok: true, iso: "2027-03-28T03:00:00+02:00" });
  });

  it("refuses an empty value, a day that does not exist and garbage", () => {
    expect(readBerlinInput("")).toEqual({ ok: false, error: "authoring.dates.required" });
    expect(readBerlinInput("2027-02-30T12:00")).toEqual({ ok: false, error: "authoring.dates.invalid" });
    expect(readBerlinInput("morgen")).toEqual({ ok: false, error: "authoring.dates.invalid" });
  });
});
