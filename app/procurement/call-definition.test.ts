import { describe, expect, it } from "vitest";
import { dresdenJson } from "../../tests/support/dresden";
import { lotPairs, parseCallDefinition, shiftDates, type CallDefinition } from "./call-definition";

// The file as parsed JSON, once; every broken variant is a structuredClone of it.
const RAW = dresdenJson();

/** Parses a copy of Dresden's definition after `mutate` has broken it; returns the errors. */
function errorsAfter(mutate: (d: any) => void): { path: string; message: string }[] {
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

  it("has 4 regions, 4 roles, 16 lot pairs and weights summing to 100 %", () => {
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
    expect(d.criteria.map((c) => c.weight)).toEqual([25, 20, 15, 15, 15, 10]);
    expect(d.criteria.reduce((sum, c) => sum + c.weight, 0)).toBe(100);
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
      "price",
    ]);
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

describe("parseCallDefinition refuses broken definitions with the path and a German message", () => {
  it("refuses a definition whose weights sum to 95 %, stating the actual sum", () => {
    // 25 → 20: 20 + 20 + 15 + 15 + 15 + 10 = 95
    expect(errorsAfter((d) => (d.criteria[0].weight = 20))).toEqual([
      { path: "criteria", message: "Die Gewichte der Kriterien müssen zusammen 100 % ergeben, sie ergeben 95 %" },
    ]);
  });

  it("refuses a definition whose weights sum to 105 %", () => {
    expect(errorsAfter((d) => (d.criteria[5].weight = 15))).toEqual([
      { path: "criteria", message: "Die Gewichte der Kriterien müssen zusammen 100 % ergeben, sie ergeben 105 %" },
    ]);
  });

  it("refuses a scale where 3 points have no published meaning", () => {
    expect(errorsAfter((d) => d.scale.points.splice(3, 1))).toEqual([
      { path: "scale.points", message: "Für 3 Punkte fehlt die veröffentlichte Bedeutung" },
    ]);
  });

  it("refuses a scale point with an empty meaning", () => {
    expect(errorsAfter((d) => (d.scale.points[3].meaning = "   "))).toEqual([
      { path: "scale.points[3].meaning", message: "Darf nicht leer sein" },
    ]);
  });

  it("refuses a scale point outside the scale and names the point left without meaning", () => {
    const errors = errorsAfter((d) => (d.scale.points[5].points = 6));
    expect(errors).toContainEqual({ path: "scale.points[5].points", message: "6 liegt außerhalb der Skala 0–5" });
    expect(errors).toContainEqual({ path: "scale.points", message: "Für 5 Punkte fehlt die veröffentlichte Bedeutung" });
  });

  it("refuses a duplicate region code at the second occurrence", () => {
    expect(errorsAfter((d) => (d.regions[2].code = "nord"))).toEqual([
      { path: "regions[2].code", message: "Code „nord“ kommt doppelt vor" },
    ]);
  });

  it("refuses a duplicate criterion code", () => {
    expect(errorsAfter((d) => (d.criteria[4].code = "konzept"))).toEqual([
      { path: "criteria[4].code", message: "Code „konzept“ kommt doppelt vor" },
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
    ).toEqual([{ path: "lots[1].role", message: "Unbekannte Rolle „hausmeisterei“" }]);
  });

  it("refuses an unknown region and a duplicate pair in the list of lots", () => {
    const errors = errorsAfter((d) => {
      d.lots = [
        { region: "mitte", role: "regionalkoordination" },
        { region: "nord", role: "regionalkoordination" },
        { region: "nord", role: "regionalkoordination" },
      ];
    });
    expect(errors).toEqual([
      { path: "lots[0].region", message: "Unbekannte Region „mitte“" },
      { path: "lots[2]", message: "Das Los nord/regionalkoordination kommt doppelt vor" },
    ]);
  });

  it("refuses an unknown role in tandemWith", () => {
    expect(errorsAfter((d) => (d.roles[1].tandemWith = "begleitung"))).toEqual([
      { path: "roles[1].tandemWith", message: "Unbekannte Rolle „begleitung“" },
    ]);
  });

  it("refuses an unknown role in staffingRules", () => {
    expect(errorsAfter((d) => (d.staffingRules[3].role = "beratung"))).toEqual([
      { path: "staffingRules[3].role", message: "Unbekannte Rolle „beratung“" },
    ]);
  });

  it("refuses a second staffing rule for the same role", () => {
    expect(errorsAfter((d) => (d.staffingRules[1].role = "regionalkoordination"))).toEqual([
      { path: "staffingRules[1].role", message: "Für „regionalkoordination“ gibt es schon eine Regel" },
    ]);
  });

  it("refuses a staffing rule with an unknown basis", () => {
    expect(errorsAfter((d) => (d.staffingRules[0].basis = "perHead"))).toEqual([
      { path: "staffingRules[0].basis", message: "basis muss „clientsPerFte“ oder „fixedPerRegion“ sein" },
    ]);
  });

  it("refuses a submission deadline before the question deadline, at dates.submissionDeadline", () => {
    const errors = errorsAfter((d) => (d.dates.submissionDeadline = "2017-02-10T12:00:00+01:00"));
    expect(errors).toHaveLength(1);
    expect(errors[0].path).toBe("dates.submissionDeadline");
    expect(errors[0].message).toMatch(/Einreichungsfrist muss nach .*Frist für Fragen liegen/i);
  });

  it("states the date order in correct German (dative after „nach“, capitalised)", () => {
    expect(errorsAfter((d) => (d.dates.submissionDeadline = "2017-02-10T12:00:00+01:00"))).toEqual([
      { path: "dates.submissionDeadline", message: "Die Einreichungsfrist muss nach der Frist für Fragen liegen" },
    ]);
    expect(errorsAfter((d) => (d.dates.contractEnd = "2017-05-01T00:00:00+02:00"))).toEqual([
      { path: "dates.contractEnd", message: "Das Vertragsende muss nach dem Leistungsbeginn liegen" },
    ]);
  });

  it("accepts the opening exactly at the submission deadline but not a second before it", () => {
    expect(errorsAfter((d) => (d.dates.opening = "2017-02-28T12:00:00+01:00"))).toEqual([]);
    const errors = errorsAfter((d) => (d.dates.opening = "2017-02-28T11:59:59+01:00"));
    expect(errors.map((e) => e.path)).toEqual(["dates.opening"]);
  });

  it("refuses an end of the binding period at or before the opening", () => {
    expect(errorsAfter((d) => (d.dates.bindingPeriodEnd = "2017-02-28T14:00:00+01:00"))).toEqual([
      { path: "dates.bindingPeriodEnd", message: "Das Ende der Bindefrist muss nach der Öffnung liegen" },
    ]);
  });

  it("refuses a date without time zone", () => {
    expect(errorsAfter((d) => (d.dates.opening = "2017-02-28T14:00:00"))).toEqual([
      {
        path: "dates.opening",
        message: "Zeitpunkt im Format 2017-03-03T12:00:00+01:00 (mit Zeitzone) angeben",
      },
    ]);
  });

  it("accepts a UTC date (Z) and one without seconds", () => {
    expect(errorsAfter((d) => (d.dates.opening = "2017-02-28T13:00Z"))).toEqual([]);
  });

  it("refuses an impossible calendar date (30 February)", () => {
    expect(errorsAfter((d) => (d.dates.opening = "2017-02-30T14:00:00+01:00"))).toEqual([
      { path: "dates.opening", message: "Diesen Tag oder diese Uhrzeit gibt es nicht" },
    ]);
  });

  it("refuses a typo'd unknown key in a nested object as „Unbekannte Felder“", () => {
    expect(errorsAfter((d) => (d.contact.emial = "vergabe@example.org"))).toEqual([
      { path: "contact", message: "Unbekannte Felder: emial" },
    ]);
  });

  it("refuses a misspelt required key in a criterion: unknown field and missing field", () => {
    const errors = errorsAfter((d) => {
      d.criteria[0].wieght = d.criteria[0].weight;
      delete d.criteria[0].weight;
    });
    expect(errors).toContainEqual({ path: "criteria[0]", message: "Unbekannte Felder: wieght" });
    expect(errors).toContainEqual({ path: "criteria[0].weight", message: "Pflichtfeld" });
  });

  it("refuses a typo'd top-level key", () => {
    expect(errorsAfter((d) => (d.maxLotsPerCarier = 3))).toEqual([
      { path: "(Wurzel)", message: "Unbekannte Felder: maxLotsPerCarier" },
    ]);
  });

  it("refuses a missing required field as „Pflichtfeld“", () => {
    expect(errorsAfter((d) => delete d.title)).toEqual([{ path: "title", message: "Pflichtfeld" }]);
    expect(errorsAfter((d) => delete d.regions[2].name)).toEqual([{ path: "regions[2].name", message: "Pflichtfeld" }]);
    expect(errorsAfter((d) => delete d.dates.submissionDeadline)).toContainEqual({
      path: "dates.submissionDeadline",
      message: "Pflichtfeld",
    });
  });

  it("names the expected and the received type in German", () => {
    expect(errorsAfter((d) => (d.title = 5))).toEqual([{ path: "title", message: "Erwartet: Text, erhalten: Zahl" }]);
  });

  it("a weight given as text gets the schema's own message", () => {
    expect(errorsAfter((d) => (d.criteria[0].weight = "25"))).toEqual([
      { path: "criteria[0].weight", message: "Gewicht als Zahl in Prozent angeben" },
    ]);
  });

  it("refuses a price criterion without its formula", () => {
    expect(errorsAfter((d) => delete d.criteria[5].priceFormula)).toEqual([
      { path: "criteria[5].priceFormula", message: "Ein Preiskriterium braucht die veröffentlichte Formel" },
    ]);
  });

  it("refuses maxLotsPerCarrier above the number of lots (17 > 16) and accepts 16", () => {
    expect(errorsAfter((d) => (d.maxLotsPerCarrier = 17))).toEqual([
      { path: "maxLotsPerCarrier", message: "Die Obergrenze ist größer als die Zahl der Lose" },
    ]);
    expect(errorsAfter((d) => (d.maxLotsPerCarrier = 16))).toEqual([]);
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
    ).toEqual([{ path: "maxLotsPerCarrier", message: "Die Obergrenze ist größer als die Zahl der Lose" }]);
  });

  it("refuses maxLotsPerCarrier 0 without claiming 0 is allowed", () => {
    const errors = errorsAfter((d) => (d.maxLotsPerCarrier = 0));
    expect(errors.map((e) => e.path)).toEqual(["maxLotsPerCarrier"]);
    expect(errors[0].message).not.toBe("Mindestens 0");
    expect(errors[0].message).toMatch(/größer als 0|Mindestens 1/);
  });

  it("checks a criterion's own scale: every point from min to max needs a meaning", () => {
    const errors = errorsAfter((d) => (d.criteria[2].scale = [{ points: 0, meaning: "Keine Aussage" }]));
    expect(errors).toEqual(
      [1, 2, 3, 4, 5].map((p) => ({ path: "criteria[2].scale", message: `Für ${p} Punkte fehlt die veröffentlichte Bedeutung` })),
    );
  });

  it("refuses an unknown criterion kind listing the allowed ones", () => {
    expect(errorsAfter((d) => (d.criteria[0].kind = "preis"))).toEqual([
      { path: "criteria[0].kind", message: "Erlaubt sind: quality, price" },
    ]);
  });

  it("refuses a slug with capitals", () => {
    expect(errorsAfter((d) => (d.slug = "Dresden-2017"))).toEqual([
      { path: "slug", message: "Kurzname: 3–64 Kleinbuchstaben, Ziffern, Bindestriche" },
    ]);
  });

  it("refuses a value that is not an object at all, at the root", () => {
    const result = parseCallDefinition([]);
    expect(result.ok).toBe(false);
    if (!result.ok) expect(result.errors).toEqual([{ path: "(Wurzel)", message: "Erwartet: Objekt, erhalten: Liste" }]);
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
