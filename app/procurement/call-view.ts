// The published call as pages, the PDF and the OCDS export read it. Pure: no database.
import type { CallContractTerms, CallCostRule, CallPayScale, CallStatus, CallTexts, TargetGroup } from "../infra/schema";

export type CallView = {
  id: string;
  slug: string;
  title: string;
  authority: string;
  department: string;
  status: CallStatus;
  isDemo: boolean;
  currency: string;
  texts: CallTexts;
  /** Null for calls made before pay floors: their posts' pay groups are free text. */
  payScale: CallPayScale | null;
  /** Null for calls made before the cost rule: their price criterion scores personnel cost. */
  costRule: CallCostRule | null;
  /** What every contract of the call carries: reporting duty, vacancy tolerance, adjustment bounds. */
  contractTerms: CallContractTerms;
  dates: {
    published: Date | null;
    questionDeadline: Date;
    submissionDeadline: Date;
    opening: Date;
    bindingPeriodEnd: Date;
    serviceStart: Date;
    contractEnd: Date;
  };
  clientsPerFte: number;
  maxLotsPerCarrier: number | null;
  allowLotSplit: boolean;
  /** ± percentage points a tandem's first-role share may differ from its target. */
  tandemTolerancePercentPoints: number;
  scale: { min: number; max: number };
  regions: { id: string; code: string; name: string; description: string }[];
  roles: {
    id: string;
    code: string;
    name: string;
    summary: string;
    tasks: string[];
    qualifications: string;
    requiresPedagogicalDegree: boolean;
    payGuideline: string;
    /** Mindestentgeltgruppe, a group of `payScale`. */
    minPayGroup: string | null;
    tandemWith: string | null;
  }[];
  lots: {
    id: string;
    number: number;
    regionCode: string;
    regionName: string;
    roleCode: string;
    roleName: string;
    cancelled: boolean;
    /** Losvolumen the call states (a follow-up call's); absent: from the staffing rule and the figures. */
    volumeHundredths?: number;
  }[];
  criteria: {
    id: string;
    code: string;
    name: string;
    description: string;
    weightPercent: number;
    kind: "quality" | "price";
    priceFormula: string | null;
    scale: { points: number; meaning: string }[];
    /** The roles whose lots it scores; null: every role's. */
    roleCodes: string[] | null;
    /** The concept sections it scores. */
    sectionCodes: string[];
  }[];
  staffingRules: {
    roleCode: string;
    basis: "clientsPerFte" | "fixedPerRegion";
    clientsPerFte: number | null;
    targetGroup: TargetGroup | null;
    sharePercent: number | null;
    fixedFte: number | null;
    explanation: string;
  }[];
  /** `roleCodes` null: every role writes the section. */
  conceptSections: { code: string; title: string; guidance: string; maxChars: number; roleCodes: string[] | null }[];
  documents: { title: string; description: string; url: string | null }[];
  amendments: { number: number; title: string; body: string; reason: string; publishedAt: Date }[];
};

/** Where a call stands for the public list on `/`. */
export type PublicPhase = "open" | "closed" | "decided" | "cancelled";

const DECIDED: CallStatus[] = ["awarded", "staffing_active", "archived"];

export function publicPhase(
  call: Pick<CallView, "status" | "dates">,
  now: Date,
): PublicPhase {
  if (call.status === "cancelled") return "cancelled";
  if (DECIDED.includes(call.status)) return "decided";
  if (call.status === "published" || call.status === "questions_closed") {
    return now.getTime() < call.dates.submissionDeadline.getTime() ? "open" : "closed";
  }
  return "closed";
}

/** Whether questions may still be asked (Frist für Bieterfragen), by the server clock. */
export function isQuestionWindowOpen(call: Pick<CallView, "status" | "dates">, now: Date): boolean {
  return publicPhase(call, now) === "open" && now.getTime() < call.dates.questionDeadline.getTime();
}

export type Remaining = { days: number; hours: number; minutes: number; seconds: number } | null;

/** Time left until `deadline`, or null once it has passed (to the second). */
export function timeRemaining(deadline: Date, now: Date): Remaining {
  const ms = deadline.getTime() - now.getTime();
  if (ms <= 0) return null;
  const s = Math.floor(ms / 1000);
  return {
    days: Math.floor(s / 86_400),
    hours: Math.floor((s % 86_400) / 3600),
    minutes: Math.floor((s % 3600) / 60),
    seconds: s % 60,
  };
}
