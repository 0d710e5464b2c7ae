// The line chart rendered on the server as a page does: its accessible name and description,
// a legend that names each series with its own line and marker, a line broken where a value
// is not known, axis labels in the reader's language, and no inline styles (the CSP).
import { createElement } from "react";
import { renderToStaticMarkup } from "react-dom/server";
import { describe, expect, it } from "vitest";
import { value, type Block } from "../documents/blocks";
import { translator, type Locale } from "../i18n";
import { LineChart, niceStep } from "./line-chart";

const chart: Extract<Block, { kind: "lineChart" }> = {
  kind: "lineChart",
  id: "verlauf-nord-diagramm",
  title: "Region Nord: Bedarf, Vertrag und Besetzung je Monat (VZÄ)",
  description: ["Liniendiagramm von Juni 2017 bis September 2017."],
  note: "",
  format: "fteFixed",
  points: ["2017-06", "2017-07", "2017-08", "2017-09"].map((m) => value("month", m)),
  series: [
    { label: "Bedarf", values: [1700, 1700, 1700, 1500] },
    { label: "vertraglich gebunden", values: [1600, 1600, 1600, 1600] },
    { label: "besetzt", values: [800, null, 1400, null] },
  ],
  table: { kind: "table", caption: "", columns: [], rows: [] },
};

const render = (locale: Locale = "de") => renderToStaticMarkup(createElement(LineChart, { chart, reader: { locale, t: translator(locale) } }));

describe("LineChart", () => {
  it("is an image named by its title and described by its description, on a white ground of its own", () => {
    const html = render();
    expect(html).toContain('<rect x="0" y="0" width="720" height="312" fill="#ffffff"></rect>');
    expect(html).toMatch(/^<svg role="img" aria-labelledby="verlauf-nord-diagramm-titel verlauf-nord-diagramm-beschreibung"/);
    expect(html).toContain('<title id="verlauf-nord-diagramm-titel">Region Nord: Bedarf, Vertrag und Besetzung je Monat (VZÄ)</title>');
    expect(html).toContain('<desc id="verlauf-nord-diagramm-beschreibung">Liniendiagramm von Juni 2017 bis September 2017.</desc>');
    expect(html).not.toMatch(/style=/);
  });

  it("tells the series apart by dash pattern and marker, each named in the legend", () => {
    const html = render();
    for (const label of ["Bedarf", "vertraglich gebunden", "besetzt"]) expect(html).toContain(`>${label}</text>`);
    const dashes = (html.match(/<polyline [^>]*>/g) ?? []).map((line) => /stroke-dasharray="([^"]+)"/.exec(line)?.[1] ?? "solid");
    expect(dashes).toEqual(["solid", "10 5", "3 4", "3 4"]);
    // Legend plus one marker per known value: circles 1 + 4, squares 1 + 4, triangles 1 + 2.
    expect(html.match(/<circle /g)).toHaveLength(5);
    expect(html.match(/<rect [^>]*fill="#0b4f8a"/g)).toHaveLength(5);
    expect(html.match(/<path d="M [^"]+ Z" fill="#7a2e00"/g)).toHaveLength(3);
  });

  it("breaks a line where a value is not known instead of drawing through it", () => {
    const html = render();
    // Required and contracted: one line each; filled: two single points, no line between them.
    const polylines = [...html.matchAll(/<polyline points="([^"]+)"/g)].map((m) => m[1].split(" ").length);
    expect(polylines).toEqual([4, 4, 1, 1]);
  });

  it("labels the axes in the reader's language: months short, FTE without needless decimals", () => {
    expect(render("de")).toContain(">Juni 17</text>");
    expect(render("en")).toContain(">Jun 17</text>");
    // 17,00 at most: steps of 5 up to 20.
    expect(render("de")).toMatch(/>20<\/text>/);
    expect(render("de")).not.toContain(">20,00</text>");
  });
});

describe("axis steps", () => {
  it("chooses 1, 2 or 5 times a power of ten, at most five intervals", () => {
    expect([niceStep(1700), niceStep(500), niceStep(90), niceStep(0)]).toEqual([500, 100, 20, 1]);
    expect(niceStep(7)).toBe(2);
  });
});
