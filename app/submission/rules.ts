// Rules of an application (Interessenbekundung) that need no database: input formats,
// the qualification rule for posts, cost totals and the completeness check.
import { berlinYearMonth } from "../i18n/berlin-time";
import type { CallPayScale } from "../infra/schema";
import type { CallView, PublicPhase } from "../procurement/call-view";
import { sectionsOfRole } from "../procurement/standards";
import { missingDeclarations, type Declarations } from "./declarations";

export type FileRef = { id: string; name: string; mediaType: string; sizeBytes: number; sha256: string };

export type PostDraft = {
  /** Derived from the weekly hours (`fteOfWeeklyHours`); what allocation, cost and staffing count. */
  fteHundredths: number;
  /**
   * Wochenstunden in hundredths (19,5 h = 1950). Absent in posts saved before weekly hours were
   * asked (decision 0021): their FTE was typed and stands.
   */
  weeklyHoursHundredths?: number;
  qualification: string;
  hasPedagogicalDegree: boolean;
  payGroup: string;
  languages: string[];
};

export type CostPlanDraft = { personnelCostPerFteCents: number; materialCostCents: number; overheadCents: number };

export type LotBidDraft = {
  lotId: string;
  concept: Record<string, string>;
  conceptFile: FileRef | null;
  posts: PostDraft[];
  costPlan: CostPlanDraft | null;
};

/**
 * The organisation's documents (Nachweise): one slot each, in the order of the form. Every
 * list of them (the documents page, the receipt as page, PDF and mail, the opening record)
 * follows this order and names each slot in full with `documentName`.
 */
export const documentKinds = ["registerExtract", "nonProfitCertificate", "references", "declarations", "degreeProofs"] as const;
export type DocumentKind = (typeof documentKinds)[number];

/** The message key of a slot's full name ("Weitere unterschriebene Erklärungen"). */
export function documentName(kind: DocumentKind): `documents.${DocumentKind}` {
  return `documents.${kind}`;
}

/** Documents in the order of the form; within a slot, as given. */
export function inFormOrder<T extends { kind: DocumentKind }>(documents: readonly T[]): T[] {
  return [...documents].sort((a, b) => documentKinds.indexOf(a.kind) - documentKinds.indexOf(b.kind));
}

export type ApplicationDraft = {
  lots: LotBidDraft[];
  /** In the order of the form; `uploadedAt` (server clock) only in a working copy, never in a snapshot. */
  documents: { kind: DocumentKind; file: FileRef; uploadedAt?: Date }[];
  organisationNonProfit: boolean;
  /** The declarations in Textform (pay, exclusion grounds); each null until made. */
  declarations: Declarations;
};

/**
 * What the public call page offers its reader towards an expression of interest, only while
 * the submission window is open: an anonymous reader is asked to sign in or register, a
 * carrier member starts its organisation's application or continues the one it has; the
 * city's staff are offered nothing.
 */
export type StartOffer =
  | { kind: "sign-in" }
  | { kind: "start" }
  | { kind: "continue"; applicationId: string; status: "draft" | "submitted" | "withdrawn" };

export function startOffer(opts: {
  phase: PublicPhase;
  reader: "anonymous" | "carrier" | "staff";
  application: { id: string; status: "draft" | "submitted" | "withdrawn" } | null;
}): StartOffer | null {
  if (opts.phase !== "open") return null;
  if (opts.reader === "anonymous") return { kind: "sign-in" };
  if (opts.reader === "staff") return null;
  return opts.application ? { kind: "continue", applicationId: opts.application.id, status: opts.application.status } : { kind: "start" };
}

/** A figure in hundredths (FTE, weekly hours): "1,5" or "1.5" → 150, "0" → 0; null if not a number below 1000 with at most two decimals. */
export function parseFteOrZero(input: string): number | null {
  const s = input.trim().replace(",", ".");
  if (!/^\d{1,3}(\.\d{1,2})?$/.test(s)) return null;
  return Math.round(Number(s) * 100);
}

/** TVöD's weekly hours of a full-time post: the measure of a call that states no pay scale. */
export const DEFAULT_FULL_TIME_WEEKLY_HOURS = 39;

/** The call's full-time weekly hours in hundredths (39 h = 3900). */
export function fullTimeHoursHundredths(payScale: Pick<CallPayScale, "fullTimeWeeklyHours"> | null): number {
  return Math.round((payScale?.fullTimeWeeklyHours ?? DEFAULT_FULL_TIME_WEEKLY_HOURS) * 100);
}

/** A post's FTE: its weekly hours divided by the full-time hours, rounded to hundredths (19,5 of 39 h → 0,5). */
export function fteOfWeeklyHours(weeklyHoursHundredths: number, fullTimeHundredths: number): number {
  return Math.round((weeklyHoursHundredths * 100) / fullTimeHundredths);
}

export type WeeklyHoursProblem = "lot.hoursMissing" | "lot.hoursInvalid" | "lot.hoursZero" | "lot.hoursAboveFullTime" | "lot.hoursTooFew";

/**
 * A post's weekly hours as typed ("19,5", "19.5", "39") with the FTE derived from them, or why
 * not: missing, not a number with at most two decimals, zero, more than a full-time post, or so
 * few that the FTE rounds to nothing.
 */
export function parseWeeklyHours(
  input: string,
  fullTimeHundredths: number,
): { weeklyHoursHundredths: number; fteHundredths: number } | { problem: WeeklyHoursProblem } {
  if (!input.trim()) return { problem: "lot.hoursMissing" };
  const hours = parseFteOrZero(input);
  if (hours === null) return { problem: "lot.hoursInvalid" };
  if (hours === 0) return { problem: "lot.hoursZero" };
  if (hours > fullTimeHundredths) return { problem: "lot.hoursAboveFullTime" };
  const fte = fteOfWeeklyHours(hours, fullTimeHundredths);
  return fte > 0 ? { weeklyHoursHundredths: hours, fteHundredths: fte } : { problem: "lot.hoursTooFew" };
}

/** German money input: "52.000", "52.000,50", "52000,5", "52000.50" → cents; null if malformed. */
export function parseEuro(input: string): number | null {
  const s = input.trim().replace(/\s|€/g, "");
  let normalised: string;
  if (/^\d{1,3}(\.\d{3})+(,\d{1,2})?$/.test(s)) normalised = s.replace(/\./g, "").replace(",", ".");
  else if (/^\d+(,\d{1,2})?$/.test(s)) normalised = s.replace(",", ".");
  else if (/^\d+\.\d{1,2}$/.test(s)) normalised = s;
  else return null;
  const cents = Math.round(Number(normalised) * 100);
  return Number.isSafeInteger(cents) && cents <= 100_000_000_00 ? cents : null;
}

export function formatFte(hundredths: number): string {
  return (hundredths / 100).toFixed(2).replace(/\.?0+$/, "").replace(".", ",");
}

export function formatEuroInput(cents: number): string {
  return (cents / 100).toFixed(2).replace(".", ",");
}

export type PostProblem =
  | "post.degreeRequired"
  | "post.qualificationMissing"
  | "post.payGroupMissing"
  | "post.payGroupNotListed"
  | "post.belowPayFloor";

/**
 * Why a post cannot be offered for a role, or null. With a pay scale, the post's group must
 * be one of its groups and not below the role's floor (groups are listed lowest first).
 */
export function postProblem(
  role: Pick<CallView["roles"][number], "requiresPedagogicalDegree"> & { minPayGroup?: string | null },
  post: PostDraft,
  payScale: Pick<CallPayScale, "groups"> | null = null,
): PostProblem | null {
  if (!post.qualification.trim()) return "post.qualificationMissing";
  if (role.requiresPedagogicalDegree && !post.hasPedagogicalDegree) return "post.degreeRequired";
  if (!post.payGroup.trim()) return "post.payGroupMissing";
  const floor = payFloorProblem(role.minPayGroup ?? null, post.payGroup, payScale);
  return floor;
}

/** A pay group outside the scale, or below the floor; null when the call states no scale. */
export function payFloorProblem(
  floor: string | null,
  payGroup: string,
  payScale: Pick<CallPayScale, "groups"> | null,
): "post.payGroupNotListed" | "post.belowPayFloor" | null {
  if (!payScale) return null;
  const rank = payScale.groups.indexOf(payGroup.trim());
  if (rank < 0) return "post.payGroupNotListed";
  if (floor !== null && rank < payScale.groups.indexOf(floor)) return "post.belowPayFloor";
  return null;
}

/** The message parameters of a post's problem: the floor for a post below it. */
export function postProblemParams(
  problem: PostProblem,
  role: { minPayGroup?: string | null },
  payScale: Pick<CallPayScale, "name"> | null,
): Record<string, string> {
  return problem === "post.belowPayFloor" || problem === "post.payGroupNotListed"
    ? { floor: role.minPayGroup ?? "", scale: payScale?.name ?? "" }
    : {};
}

/** Whole months of service from service start to contract end, in German time. */
export function termMonths(serviceStart: Date, contractEnd: Date): number {
  const start = berlinYearMonth(serviceStart);
  // The contract ends at the last second of a month: count up to the instant after it.
  const end = berlinYearMonth(new Date(contractEnd.getTime() + 1000));
  return Math.max(1, (end.year - start.year) * 12 + (end.month - start.month));
}

export type CostTotals = {
  fteHundredths: number;
  personnelPerYearCents: number;
  perYearCents: number;
  termMonths: number;
  termCents: number;
};

/** Totals shown back to the carrier: per year, and for the term (per year × months / 12). */
export function costTotals(plan: CostPlanDraft, posts: Pick<PostDraft, "fteHundredths">[], months: number): CostTotals {
  const fteHundredths = posts.reduce((sum, p) => sum + p.fteHundredths, 0);
  const personnelPerYearCents = Math.round((plan.personnelCostPerFteCents * fteHundredths) / 100);
  const perYearCents = personnelPerYearCents + plan.materialCostCents + plan.overheadCents;
  return {
    fteHundredths,
    personnelPerYearCents,
    perYearCents,
    termMonths: months,
    termCents: Math.round((perYearCents * months) / 12),
  };
}

export type MissingItem = { key: string; params?: Record<string, string | number>; anchor: string };

/**
 * Everything still missing before the application can be submitted (Vollständigkeitsprüfung).
 * `anchor` tells the page where the carrier fixes it: "lose", "los:<lotId>#<field>", "unterlagen#<kind>".
 */
export function missingItems(
  call: Pick<CallView, "lots" | "roles" | "conceptSections" | "maxLotsPerCarrier" | "payScale">,
  draft: ApplicationDraft,
): MissingItem[] {
  const missing: MissingItem[] = [];
  const lotById = new Map(call.lots.map((l) => [l.id, l]));
  const roleByCode = new Map(call.roles.map((r) => [r.code, r]));
  if (draft.lots.length === 0) missing.push({ key: "missing.noLots", anchor: "lose" });
  if (call.maxLotsPerCarrier !== null && draft.lots.length > call.maxLotsPerCarrier) {
    missing.push({ key: "missing.tooManyLots", params: { max: call.maxLotsPerCarrier }, anchor: "lose" });
  }
  const ordered = [...draft.lots].sort((a, b) => (lotById.get(a.lotId)?.number ?? 0) - (lotById.get(b.lotId)?.number ?? 0));
  for (const bid of ordered) {
    const lot = lotById.get(bid.lotId);
    if (!lot) continue;
    const lotParams = { lot: lot.number };
    const at = (field: string) => `los:${lot.id}#${field}`;
    for (const section of sectionsOfRole(call.conceptSections, lot.roleCode)) {
      const text = bid.concept[section.code]?.trim() ?? "";
      if (!text) missing.push({ key: "missing.conceptSection", params: { ...lotParams, section: section.title }, anchor: at(`konzept-${section.code}`) });
      else if ([...text].length > section.maxChars) {
        missing.push({ key: "missing.conceptTooLong", params: { ...lotParams, section: section.title, max: section.maxChars }, anchor: at(`konzept-${section.code}`) });
      }
    }
    if (bid.posts.length === 0) missing.push({ key: "missing.noPosts", params: lotParams, anchor: at("stellen") });
    const role = roleByCode.get(lot.roleCode);
    bid.posts.forEach((post, i) => {
      const problem = role ? postProblem(role, post, call.payScale) : null;
      if (problem && role) {
        const params = { ...lotParams, post: i + 1, ...postProblemParams(problem, role, call.payScale) };
        missing.push({ key: `missing.${problem}`, params, anchor: at(`stelle-${i}`) });
      }
    });
    if (!bid.costPlan) missing.push({ key: "missing.costPlan", params: lotParams, anchor: at("kosten") });
  }
  const has = (kind: DocumentKind) => draft.documents.some((d) => d.kind === kind);
  for (const kind of requiredDocuments(draft.organisationNonProfit)) {
    if (!has(kind)) missing.push({ key: `missing.document.${kind}`, anchor: `unterlagen#${kind}` });
  }
  missing.push(...missingDeclarations(draft.declarations));
  return missing;
}

/** Whether a bid offers a lot whose role asks for a pedagogical degree: then its proof is due. */
export function needsDegreeProof(
  call: Pick<CallView, "lots" | "roles">,
  bids: readonly { lotId: string }[],
): boolean {
  const roleOf = (lotId: string) => call.roles.find((r) => r.code === call.lots.find((l) => l.id === lotId)?.roleCode);
  return bids.some((b) => roleOf(b.lotId)?.requiresPedagogicalDegree === true);
}

/**
 * The documents an organisation must hand in before it can submit, in the form's order (the
 * non-profit certificate only if it claims to be one). The proofs of degree are not among
 * them: the formal check asks for them per lot, and a missing one may be requested later
 * (Nachforderung, VgV § 56 (2)) rather than bar the submission.
 */
export function requiredDocuments(nonProfit: boolean): DocumentKind[] {
  // Signed declarations are optional: pay and exclusion grounds are declared in Textform (decision 0019).
  return documentKinds.filter((kind) => kind !== "degreeProofs" && kind !== "declarations" && (kind !== "nonProfitCertificate" || nonProfit));
}
