// The plan over time as the CSV German Excel opens: BOM, semicolons, CRLF, decimal commas.
import { describe, expect, it } from "vitest";
import { base, contract, post } from "../../tests/support/coverage";
import { translator } from "../i18n";
import { coverageOverTime } from "./coverage";
import { coverageCsv } from "./plan-export.server";

describe("the plan over time as CSV", () => {
  it("writes a header and a row per region and month, then per role and month, for German Excel", () => {
    const coverage = coverageOverTime({ ...base, firstMonth: "2017-06", lastMonth: "2017-06", contracts: [contract("A1", "L2", 800)], posts: [post("p1", "A1", "fsa", 50, "2017-06-15")] });
    const csv = coverageCsv(coverage, translator("de"), "de");
    expect(csv.startsWith("\uFEFFBereich;Region;Rolle;Monat;Stichtag;Bedarf VZÄ;")).toBe(true);
    expect(csv.endsWith("\r\n")).toBe(true);
    const lines = csv.slice(1).split("\r\n");
    expect(lines).toContain("Region;Region Nord;;2017-06;2017-06-30;21,00;8,00;0,50;0,00;0,00");
    expect(lines).toContain("Rolle;Region Nord;Flüchtlingssozialarbeit;2017-06;2017-06-30;8,00;8,00;0,50;0,00;0,00");
    // Header, two regions × (sum + four roles), and the empty string after the last CRLF.
    expect(lines).toHaveLength(1 + 2 * 5 + 1);
  });
});
