// The public city-wide summary and the chart rendered on the server, as the result page
// will: carrier names and FTE only, the SVG with its text alternative, no inline styles
// (the CSP forbids them).
import { createElement } from "react";
import { renderToStaticMarkup } from "react-dom/server";
import { describe, expect, it, vi } from "vitest";
import { textOfMarkup } from "../../tests/support/documents";
import { translator } from "../i18n";
import { staffingPlan } from "../staffing/plan";
import type { PlanSnapshot } from "../staffing/plans.server";
import { StaffingSummary } from "./staffing-summary";

// The hook reads the locale from the root route; outside a router it is German.
vi.mock("../i18n/use-translation", () => ({ useTranslation: () => ({ t: translator("de"), locale: "de" as const }) }));

const plan = staffingPlan({
  clientsPerFte: 80,
  staffingRules: [
    { roleCode: "fsa", basis: "clientsPerFte", clientsPerFte: 80, targetGroup: "asylum", sharePercent: 50, fixedFte: null },
    { roleCode: "fb", basis: "clientsPerFte", clientsPerFte: 80, targetGroup: "asylum", sharePercent: 50, fixedFte: null },
  ],
  regions: [{ code: "nord", name: "Region Nord" }],
  roles: [
    { code: "fsa", name: "Flüchtlingssozialarbeit", tandemWith: "fb" },
    { code: "fb", name: "Flüchtlingsbegleitung", tandemWith: "fsa" },
  ],
  lots: [
    { lotId: "L1", number: 1, regionCode: "nord", roleCode: "fsa", requiredHundredths: 775 },
    { lotId: "L2", number: 2, regionCode: "nord", roleCode: "fb", requiredHundredths: 775 },
  ],
  contracts: [
    { lotId: "L1", organisationId: "org-alpha-internal-id", awardedHundredths: 500 },
    { lotId: "L1", organisationId: "org-beta-internal-id", awardedHundredths: 275 },
  ],
  figuresByRegion: { nord: { asylum: 1240 } },
});

const snapshot: PlanSnapshot = {
  version: 1,
  plan,
  trails: {},
  carrierNames: { "org-alpha-internal-id": "Alpha e. V.", "org-beta-internal-id": "Beta gGmbH" },
  id: "p1",
  computedAt: "2026-11-25T10:00:00.000Z",
  trigger: "award",
  figuresAsOf: "2026-10-30T23:00:00.000Z",
  computedBy: null,
};

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
