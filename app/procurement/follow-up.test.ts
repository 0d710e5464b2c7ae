// The follow-up call's definition from Dresden's (published 26 January 2017 10:00, questions
// until 15 February, submissions until 28 February 12:00, opening 14:00, binding until
// 31 May, service from 1 June 2017 to 31 December 2019), worked by hand.
import { describe, expect, it } from "vitest";
import dresdenJson from "../calls/dresden-2017.json";
import { DomainError } from "../infra/errors";
import { parseCallDefinition, type CallDefinition } from "./call-definition";
import { followUpDates, followUpDefinition, followUpNaming } from "./follow-up";

const parsed = parseCallDefinition(structuredClone(dresdenJson));
if (!parsed.ok) throw new Error("Dresden definition does not parse");
const dresden: CallDefinition = parsed.definition;
// 9 October 2017, 11:00 Berlin (CEST).
const now = new Date("2017-10-09T09:00:00Z");

describe("the follow-up call's dates", () => {
  it("start tomorrow at the original's time and keep the original's spans in calendar days, across the change to winter time", () => {
    const dates = followUpDates(dresden.dates, now);
    // 26 Jan → 10 Oct is a shift of 257 days.
    expect(dates.published).toBe("2017-10-10T10:00:00+02:00");
    expect(dates.questionDeadline).toBe("2017-10-30T12:00:00+01:00");
    expect(dates.submissionDeadline).toBe("2017-11-12T12:00:00+01:00");
    expect(dates.opening).toBe("2017-11-12T14:00:00+01:00");
    // 1 June + 257 days = 13 February 2018; the original began on a month's first, so does
    // this one, and the binding period still ends the day before (31 May + 257 + 16 days).
    expect(dates.serviceStart).toBe("2018-03-01T00:00:00+01:00");
    expect(dates.bindingPeriodEnd).toBe("2018-02-28T23:59:59+01:00");
    expect(dates.contractEnd).toBe(dresden.dates.contractEnd);
  });

  it("never starts the service before the first of next month", () => {
    // The original's service starts 2 days after publication, mid-month: the first of next month wins.
    const dates = followUpDates({ ...dresden.dates, bindingPeriodEnd: "2017-01-27T23:59:59+01:00", serviceStart: "2017-01-28T00:00:00+01:00" }, now);
    expect(dates.serviceStart).toBe("2017-11-01T00:00:00+01:00");
  });

  it("is refused when the service would not start before the contract end", () => {
    const late = new Date("2019-11-20T09:00:00Z");
    expect(() => followUpDates(dresden.dates, late)).toThrow(DomainError);
    try {
      followUpDates(dresden.dates, late);
    } catch (e) {
      expect((e as DomainError).key).toBe("followUp.refusal.termOver");
    }
  });
});

describe("the follow-up call's definition", () => {
  const lots = [
    { regionCode: "nord", roleCode: "fluechtlingssozialarbeit", uncoveredHundredths: 50 },
    { regionCode: "sued", roleCode: "integrationsberatung", uncoveredHundredths: 325 },
  ];

  it("holds only the uncovered lots, their FTE as volume, and their regions, roles, criteria and sections; it validates", () => {
    const raw = followUpDefinition({ original: dresden, lots, ordinal: 1, now });
    const result = parseCallDefinition(raw);
    expect(result.ok).toBe(true);
    const d = (result as { definition: CallDefinition }).definition;
    expect(d.slug).toBe("dresden-2017-folgeaufruf");
    expect(d.title).toBe(`${dresden.title} – Folgeaufruf`);
    expect(d.fileNumber).toBeUndefined();
    expect(d.lots).toEqual([
      { region: "nord", role: "fluechtlingssozialarbeit", fte: 0.5 },
      { region: "sued", role: "integrationsberatung", fte: 3.25 },
    ]);
    expect(d.regions.map((r) => r.code)).toEqual(["nord", "sued"]);
    expect(d.roles.map((r) => r.code)).toEqual(["fluechtlingssozialarbeit", "integrationsberatung"]);
    // The tandem partner is not offered again: the role no longer names it.
    expect(d.roles[0].tandemWith).toBeUndefined();
    expect(d.criteria.map((c) => c.code)).not.toContain("steuerung");
    expect(d.conceptSections.map((s) => s.code)).not.toContain("netzwerk");
    expect(d.staffingRules.map((s) => s.role)).toEqual(["fluechtlingssozialarbeit", "integrationsberatung"]);
    expect(d.contract).toEqual(dresden.contract);
  });

  it("keeps a tandem whose two roles are both offered again", () => {
    const raw = followUpDefinition({ original: dresden, lots: [...lots, { regionCode: "ost", roleCode: "fluechtlingsbegleitung", uncoveredHundredths: 100 }], ordinal: 1, now });
    const result = parseCallDefinition(raw);
    expect(result.ok).toBe(true);
    expect((result as { definition: CallDefinition }).definition.roles.find((r) => r.code === "fluechtlingssozialarbeit")?.tandemWith).toBe("fluechtlingsbegleitung");
  });

  it("is refused when nothing is uncovered", () => {
    expect(() => followUpDefinition({ original: dresden, lots: [], ordinal: 1, now })).toThrow(DomainError);
  });

  it("numbers a second follow-up and keeps its slug within 64 characters", () => {
    expect(followUpNaming(dresden, 2)).toEqual({ slug: "dresden-2017-folgeaufruf-2", title: `${dresden.title} – 2. Folgeaufruf` });
    const long = followUpNaming({ slug: `a${"-b".repeat(31)}c`, title: "T" }, 3);
    expect(long.slug.length).toBeLessThanOrEqual(64);
    expect(long.slug).toMatch(/^a[a-z0-9-]*[a-z0-9]-folgeaufruf-3$/);
  });
});
