// One region with a tandem of two roles, worked out by hand, for the tests of the staffing
// plan's document (app/staffing/plan-document.test.ts) and the public summary
// (app/components/staffing-summary.test.ts): 1,240 refugees ÷ 80 = 15.50 FTE, half per role;
// lot 1 split between Alpha (5.00) and Beta (2.75), lot 2 without a carrier. The carriers'
// ids say "internal" so that a test can check they never show.
import { staffingPlan } from "../../app/staffing/plan";
import type { PlanSnapshot } from "../../app/staffing/plans.server";

export const NORD_PLAN = staffingPlan({
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
  figuresByRegion: { nord: { asylum: 1240, vulnerable: 95 } },
});

/** NORD_PLAN as stored at the award. */
export const NORD_SNAPSHOT: PlanSnapshot = {
  version: 1,
  plan: NORD_PLAN,
  trails: {},
  carrierNames: { "org-alpha-internal-id": "Alpha e. V.", "org-beta-internal-id": "Beta gGmbH" },
  id: "p1",
  computedAt: "2026-11-25T10:00:00.000Z",
  trigger: "award",
  figuresAsOf: "2026-10-30T23:00:00.000Z",
  computedBy: null,
};
