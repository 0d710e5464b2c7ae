// The public city-wide summary and the chart rendered on the server, as the result page
// will: carrier names and FTE only, the SVG with its text alternative, no inline styles
// (the CSP forbids them).
import { createElement } from "react";
import { renderToStaticMarkup } from "react-dom/server";
import { describe, expect, it, vi } from "vitest";
import { textOfMarkup } from "../../tests/support/documents";
import { NORD_SNAPSHOT } from "../../tests/support/staffing";
import { translator } from "../i18n";
import { StaffingSummary } from "./staffing-summary";

// The hook reads the locale from the root route; outside a router it is German.
vi.mock("../i18n/use-translation", () => ({ useTranslation: () => ({ t: translator("de"), locale: "de" as const }) }));

const snapshot = NORD_SNAPSHOT;

describe("StaffingSummary", () => {
  it("shows the city's required and contracted FTE, the carriers by name and a chart with a text alternative", () => {
    const html = renderToStaticMarkup(createElement(StaffingSummary, { view: { current: snapshot } }));
    expect(html).toContain("Bedarf 15,50 VZÄ, vertraglich 7,75 VZÄ, Deckung 50,0 %.");
    expect(textOfMarkup(html)).toContain("Fallzahlen mit Stand 31. Oktober 2026");
    expect(html).toContain("Alpha e. V.");
    expect(html).toContain("Los 1 (Region Nord, Flüchtlingssozialarbeit): 2,75");
    expect(html).not.toContain("internal-id");
    expect(html).toMatch(/<svg role="img" aria-labelledby="stellenplan-stadt-diagramm-titel stellenplan-stadt-diagramm-beschreibung"/);
    expect(html).toContain("<desc id=\"stellenplan-stadt-diagramm-beschreibung\">Region Nord: Flüchtlingssozialarbeit Bedarf 7,75, Vertrag 7,75; Flüchtlingsbegleitung Bedarf 7,75, Vertrag 0,00.</desc>");
    expect(html).not.toMatch(/style=/);
  });

  it("says so when there is no plan yet", () => {
    const html = renderToStaticMarkup(createElement(StaffingSummary, { view: { current: null } }));
    expect(html).toContain("Für diesen Aufruf gibt es noch keinen Stellenplan.");
    expect(html).not.toContain("<svg");
  });
});
