// A call like Dresden's for the plan over time (app/staffing/coverage.ts): two regions, the four
// roles with their degree requirement, client figures that change in autumn, and builders for
// contracts and reported posts. Illustrative numbers, worked out by hand in the tests.
import type { CoverageContract, CoverageInput, ReportedPost } from "../../app/staffing/coverage";
import type { StaffingRule } from "../../app/staffing/required-fte";

// The Dresden rules (as plan.test.ts): RK 1 FTE per region; FSA and FB 80 per FTE on the
// asylum figure, 50 % each (tandem); IB 80 per FTE on the right-to-stay figure.
export const rules: StaffingRule[] = [
  { roleCode: "rk", basis: "fixedPerRegion", clientsPerFte: null, targetGroup: null, sharePercent: null, fixedFte: 1 },
  { roleCode: "fsa", basis: "clientsPerFte", clientsPerFte: 80, targetGroup: "asylum", sharePercent: 50, fixedFte: null },
  { roleCode: "fb", basis: "clientsPerFte", clientsPerFte: 80, targetGroup: "asylum", sharePercent: 50, fixedFte: null },
  { roleCode: "ib", basis: "clientsPerFte", clientsPerFte: 80, targetGroup: "rightToStay", sharePercent: 100, fixedFte: null },
];
export const roles = [
  { code: "rk", name: "Regionalkoordination", tandemWith: null, requiresPedagogicalDegree: true },
  { code: "fsa", name: "Flüchtlingssozialarbeit", tandemWith: "fb", requiresPedagogicalDegree: true },
  { code: "fb", name: "Flüchtlingsbegleitung", tandemWith: "fsa", requiresPedagogicalDegree: false },
  { code: "ib", name: "Integrationsberatung", tandemWith: null, requiresPedagogicalDegree: true },
];
// Lots 1–4 Nord, 5–8 Ost, each region in role order.
export const lots = [0, 1, 2, 3, 4, 5, 6, 7].map((i) => ({ lotId: `L${i + 1}`, number: i + 1, regionCode: i < 4 ? "nord" : "ost", roleCode: roles[i % 4].code }));

// Nord: asylum 1280 → FSA and FB 1280 × 50 ÷ 80 = 8,00 each; right to stay 320 → IB 4,00.
// From 16 October: asylum 960 → 6,00 each. Ost: asylum 640 → 4,00 each, right to stay 80 → 1,00.
export const figures: CoverageInput["figures"] = [
  { regionCode: "nord", targetGroup: "asylum", count: 1280, asOf: "2017-05-15" },
  { regionCode: "nord", targetGroup: "rightToStay", count: 320, asOf: "2017-05-15" },
  { regionCode: "ost", targetGroup: "asylum", count: 640, asOf: "2017-05-15" },
  { regionCode: "ost", targetGroup: "rightToStay", count: 80, asOf: "2017-05-15" },
  { regionCode: "nord", targetGroup: "asylum", count: 960, asOf: "2017-10-16" },
];

export const TERM = { start: "2017-06-01", end: "2019-12-31" };
export const contract = (contractId: string, lotId: string, fteHundredths: number, more: Partial<CoverageContract> = {}): CoverageContract => ({
  contractId,
  lotId,
  organisationId: contractId.startsWith("A") ? "alpha" : "beta",
  fteHundredths,
  ...TERM,
  amendments: [],
  ...more,
});
export const post = (postId: string, contractId: string, roleCode: string, fteHundredths: number, start: string, end: string | null = null, hasDegree = true): ReportedPost => ({
  postId,
  contractId,
  roleCode,
  fteHundredths,
  hasDegree,
  start,
  end,
});

export const base: CoverageInput = {
  firstMonth: "2017-04",
  lastMonth: "2017-12",
  asOf: "2017-11-20",
  clientsPerFte: 80,
  staffingRules: rules,
  regions: [
    { code: "nord", name: "Region Nord" },
    { code: "ost", name: "Region Ost" },
  ],
  roles,
  lots,
  figures,
  contracts: [],
  posts: [],
  vacancyToleranceDays: 60,
};
