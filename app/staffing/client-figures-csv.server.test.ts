import { describe, expect, it } from "vitest";
import { CSV_TEMPLATE, decodeCsvBytes, parseClientFiguresCsv, parseGermanOrIsoDate } from "./client-figures-csv.server";

const REGIONS = [
  { code: "nord", name: "Region Nord" },
  { code: "ost", name: "Region Ost" },
];

/** What both spellings of the two rows (Nord: 1,240 asylum; Ost: 410 right to stay) read as. */
const TWO_ROWS = {
  ok: true,
  figures: [
    { line: 2, regionCode: "nord", targetGroup: "asylum", count: 1240, asOf: "2017-03-31" },
    { line: 3, regionCode: "ost", targetGroup: "rightToStay", count: 410, asOf: "2017-03-31" },
  ],
};

describe("parseClientFiguresCsv", () => {
  it("reads German Excel CSV: BOM, semicolons, German dates and grouped numbers", () => {
    const text = "\uFEFFRegion;Zielgruppe;Anzahl;Stand\r\nnord;asyl;1.240;31.03.2017\r\nRegion Ost;Bleiberecht;410;2017-03-31\r\n";
    expect(parseClientFiguresCsv(text, { regions: REGIONS })).toEqual(TWO_ROWS);
  });

  it("accepts commas as separator, another column order, quoted fields and the labels of the groups", () => {
    const text = 'stand,anzahl,zielgruppe,region\n2017-04-30,95,"besonders schutzbedürftige",nord\n';
    const result = parseClientFiguresCsv(text, { regions: REGIONS });
    expect(result).toEqual({ ok: true, figures: [{ line: 2, regionCode: "nord", targetGroup: "vulnerable", count: 95, asOf: "2017-04-30" }] });
  });

  it("names line and column of every bad field", () => {
    const text = [
      "region;zielgruppe;anzahl;stand",
      "nord;asyl;1240;31.03.2017",
      "sued;asyl;12;31.03.2017",
      "nord;bleiberecht;-3;31.03.2017",
      "ost;kinder;1,5;31.02.2017",
      "nord;asyl;1300;31.03.2017",
    ].join("\n");
    const result = parseClientFiguresCsv(text, { regions: REGIONS });
    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect(result.errors.map((e) => [e.key, e.line, e.column, e.params?.problem])).toEqual([
      ["staffing.csv.atColumn", 3, "region", { message: "staffing.csv.regionUnknown", params: { region: "sued", known: "nord, ost" } }],
      ["staffing.csv.atColumn", 4, "anzahl", { message: "staffing.csv.countInvalid", params: { count: "-3" } }],
      ["staffing.csv.atColumn", 5, "zielgruppe", { message: "staffing.csv.groupUnknown", params: { group: "kinder" } }],
      ["staffing.csv.atColumn", 5, "anzahl", { message: "staffing.csv.countInvalid", params: { count: "1,5" } }],
      ["staffing.csv.atColumn", 5, "stand", { message: "staffing.csv.dateInvalid", params: { date: "31.02.2017" } }],
      ["staffing.csv.atColumn", 6, "zielgruppe", { message: "staffing.csv.duplicate", params: { region: "nord", group: "asyl", date: "31.03.2017", earlier: 2 } }],
    ]);
    expect(result.errors[1]).toMatchObject({ line: 4, column: "anzahl" });
  });

  it("refuses a header without a required column and a row with too few fields", () => {
    const missing = parseClientFiguresCsv("region;anzahl;stand\nnord;3;31.03.2017\n");
    expect(missing).toMatchObject({ ok: false, errors: [{ line: 1, column: "zielgruppe" }] });
    const short = parseClientFiguresCsv("region;zielgruppe;anzahl;stand\nnord;asyl;3\n");
    expect(short).toMatchObject({
      ok: false,
      errors: [{ line: 2, column: null, key: "staffing.csv.atLine", params: { problem: { message: "staffing.csv.fieldCount", params: { found: 3, expected: 4, separator: ";" } } } }],
    });
  });

  it("refuses an empty file and a file with only the header", () => {
    expect(parseClientFiguresCsv("\uFEFF")).toMatchObject({ ok: false, errors: [{ line: 1 }] });
    expect(parseClientFiguresCsv("region;zielgruppe;anzahl;stand\r\n")).toMatchObject({
      ok: false,
      errors: [{ line: 2, key: "staffing.csv.atLine", params: { problem: { message: "staffing.csv.noRows" } } }],
    });
  });

  it("reads quoted separators and doubled quotes, and lines ended by CR alone or mixed", () => {
    const text = 'region;zielgruppe;anzahl;stand\r"Region Nord";"asyl";"1.240";31.03.2017\n  "Region Ost" ;bleiberecht;410;"2017-03-31"\r\n';
    expect(parseClientFiguresCsv(text, { regions: REGIONS })).toEqual(TWO_ROWS);
    const quoted = parseClientFiguresCsv('region;zielgruppe;anzahl;stand\n"nord;ost";"asyl ""neu""";1;31.03.2017\n', { regions: REGIONS });
    expect(quoted).toMatchObject({
      ok: false,
      errors: [
        {
          line: 2,
          column: "region",
          key: "staffing.csv.atColumn",
          params: { line: 2, column: "region", problem: { message: "staffing.csv.regionUnknown", params: { region: "nord;ost", known: "nord, ost" } } },
        },
        {
          line: 2,
          column: "zielgruppe",
          key: "staffing.csv.atColumn",
          params: { line: 2, column: "zielgruppe", problem: { message: "staffing.csv.groupUnknown", params: { group: 'asyl "neu"' } } },
        },
      ],
    });
  });

  it("names the line of a quote left open, after the rows before it", () => {
    const text = "region;zielgruppe;anzahl;stand\nsued;asyl;1;31.03.2017\n\nnord;\"asyl;2;31.03.2017\nost;asyl;3;31.03.2017\n";
    expect(parseClientFiguresCsv(text, { regions: REGIONS })).toMatchObject({
      ok: false,
      errors: [
        { line: 2, column: "region" },
        { line: 4, column: null, key: "staffing.csv.atLine", params: { line: 4, problem: { message: "staffing.csv.openQuote" } } },
      ],
    });
  });

  it("refuses text after a closing quote, naming its line", () => {
    const text = 'region;zielgruppe;anzahl;stand\nnord;asyl;1;31.03.2017\nost;"asyl"x;2;31.03.2017\n';
    expect(parseClientFiguresCsv(text, { regions: REGIONS })).toMatchObject({
      ok: false,
      errors: [{ line: 3, column: null, key: "staffing.csv.atLine", params: { line: 3, problem: { message: "staffing.csv.textAfterQuote" } } }],
      figures: [{ line: 2, regionCode: "nord" }],
    });
  });

  it("parses its own template", () => {
    const result = parseClientFiguresCsv(CSV_TEMPLATE, { regions: REGIONS });
    expect(result.ok && result.figures.map((f) => [f.targetGroup, f.count])).toEqual([
      ["asylum", 1240],
      ["rightToStay", 410],
      ["vulnerable", 95],
    ]);
  });
});

describe("field parsers", () => {
  it("reads German and ISO dates and refuses days that do not exist", () => {
    expect(parseGermanOrIsoDate("1.3.2017")).toBe("2017-03-01");
    expect(parseGermanOrIsoDate("2016-02-29")).toBe("2016-02-29");
    expect(parseGermanOrIsoDate("29.02.2017")).toBeNull();
    expect(parseGermanOrIsoDate("2017/03/01")).toBeNull();
  });
});

describe("decodeCsvBytes", () => {
  it("reads UTF-8 (without its BOM), and Windows-1252 as Excel writes it", () => {
    const utf8 = new TextEncoder().encode("\uFEFFregion;zielgruppe\r\nsüd;schutzbedürftig\r\n");
    expect(decodeCsvBytes(utf8)).toBe("region;zielgruppe\r\nsüd;schutzbedürftig\r\n");
    // "süd;Straße" in Windows-1252: ü = 0xFC, ß = 0xDF; not valid UTF-8.
    expect(decodeCsvBytes(Uint8Array.from([0x73, 0xfc, 0x64, 0x3b, 0x53, 0x74, 0x72, 0x61, 0xdf, 0x65, 0x09, 0x0a]))).toBe("süd;Straße\t\n");
  });

  it("refuses a file with control bytes: not a text file", () => {
    expect(decodeCsvBytes(Uint8Array.from([0x25, 0x50, 0x44, 0x46, 0x00, 0x01]))).toBeNull();
    expect(decodeCsvBytes(new TextEncoder().encode("region\u0007;zielgruppe"))).toBeNull();
  });
});
