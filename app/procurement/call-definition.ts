// A call (Aufruf zur Interessenbekundung) described as data: one JSON file, validated
// here. Messages are catalogue keys (`definition.*`, `zod.*`) with their parameters, so
// the authoring pages speak the officer's language and the command line German; each
// issue carries its path (e.g. `criteria[2].weight`), which `formatDefinitionErrors` prints.
import { z } from "zod";
import { calendarDay } from "../i18n/berlin-time";
import type { Locale, Translate } from "../i18n";
import { refusalMessage } from "../i18n/refusal";
import type { Refusal } from "../infra/errors";
import type { CallTexts } from "../infra/schema";
import { catalogueErrorMap, issueRefusal, messageKey as k } from "../infra/zod-messages";

const code = z
  .string({ required_error: k("zod.required") })
  .regex(/^[a-z0-9][a-z0-9-]*$/, k("definition.code"));
const text = z.string({ required_error: k("zod.required") }).trim().min(1, k("definition.empty"));
const paragraphs = z.array(text).min(1, k("definition.paragraphsMin"));
const isoInstant = z
  .string({ required_error: k("zod.required") })
  .regex(/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d{1,3})?)?(Z|[+-]\d{2}:\d{2})$/, k("definition.instantFormat"))
  .refine(isRealCalendarInstant, k("definition.instantUnreal"));

/** Date.parse rolls 30 February over to March; a definition must name a real day and time. */
function isRealCalendarInstant(s: string): boolean {
  const m = /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2})/.exec(s);
  if (!m || Number.isNaN(Date.parse(s))) return false;
  const [year, month, day, hour, minute] = m.slice(1).map(Number);
  return calendarDay(year, month, day) !== null && hour < 24 && minute < 60;
}

export const ScalePoint = z.strictObject({
  points: z.number().int(k("definition.pointsInteger")),
  meaning: text,
});

export const Criterion = z.strictObject({
  code,
  name: text,
  description: text,
  weight: z
    .number({ required_error: k("zod.required"), invalid_type_error: k("definition.weightNumber") })
    .int(k("definition.weightInteger"))
    .min(1, k("definition.weightMin"))
    .max(100, k("definition.weightMax")),
  kind: z.enum(["quality", "price"]).default("quality"),
  priceFormula: text.optional(),
  // Overrides the call's scale meanings for this criterion.
  scale: z.array(ScalePoint).optional(),
  // The roles whose lots it scores; without the list, every role's.
  roles: z.array(code).min(1, k("definition.rolesListEmpty")).optional(),
  // The concept sections it scores (a quality criterion names at least one).
  sections: z.array(code).default([]),
});

export const Region = z.strictObject({ code, name: text, description: text });

export const Role = z.strictObject({
  code,
  name: text,
  summary: text,
  tasks: z.array(text).min(1, k("definition.tasksMin")),
  qualifications: text,
  requiresPedagogicalDegree: z.boolean().default(false),
  payGuideline: text,
  // Mindestentgeltgruppe: the lowest group of the call's pay scale a post of this role may be paid by.
  minPayGroup: text.optional(),
  tandemWith: code.optional(),
});

// The pay scale the floors are stated in (e.g. TVöD SuE), its groups from lowest to highest.
export const PayScale = z.strictObject({
  name: text,
  groups: z.array(text).min(1, k("definition.payGroupsMin")),
  // Tariff pay (or pay equivalent to it) is required, not merely the amount of the floor.
  tariffOrEquivalentRequired: z.boolean(),
  // The groups and floors were chosen for the portal (the demo), not taken from a real call.
  illustrative: z.boolean().default(false),
  // A full-time post's weekly hours: carriers enter each post's weekly hours, its FTE is derived.
  // Definitions written before default to TVöD's 39 h.
  fullTimeWeeklyHours: z
    .number()
    .positive(k("definition.fullTimeHoursRange"))
    .max(60, k("definition.fullTimeHoursRange"))
    .multipleOf(0.01, k("definition.fullTimeHoursRange"))
    .default(39),
});

// How cost counts without rewarding lower pay: cost scored only on the non-personnel share
// per FTE, or quality alone with fixed cost rates that the call states.
export const costRuleKinds = ["nonPersonnelPerFte", "qualityOnly"] as const;
export const CostRule = z.discriminatedUnion(
  "kind",
  [
    z.strictObject({ kind: z.literal("nonPersonnelPerFte"), reason: paragraphs }),
    z.strictObject({ kind: z.literal("qualityOnly"), fixedRates: paragraphs, reason: paragraphs }),
  ],
  { errorMap: () => ({ message: k("definition.costRuleKind") }) },
);
export type CostRule = z.infer<typeof CostRule>;

export const StaffingRule = z.discriminatedUnion(
  "basis",
  [
    z.strictObject({
      role: code,
      basis: z.literal("clientsPerFte"),
      clientsPerFte: z.number().int().positive(k("definition.keyPositive")),
      targetGroup: z.enum(["asylum", "rightToStay", "vulnerable"]),
      sharePercent: z.number().int().min(1).max(100).default(100),
      explanation: text,
    }),
    z.strictObject({
      role: code,
      basis: z.literal("fixedPerRegion"),
      fte: z.number().positive(k("definition.ftePositive")).multipleOf(0.01, k("definition.fteCents")),
      explanation: text,
    }),
  ],
  { errorMap: () => ({ message: k("definition.basis") }) },
);

export const ConceptSection = z.strictObject({
  code,
  title: text,
  guidance: text,
  maxChars: z.number().int().min(100).max(50_000),
  // The roles whose carriers write it; without the list, every role's.
  roles: z.array(code).min(1, k("definition.rolesListEmpty")).optional(),
});

// Vertragsbedingungen: what every contract of the call carries (decision 0022). The term is
// the call's dates.serviceStart to dates.contractEnd; here the duties and bounds beside it.
export const reportingIntervals = ["monthly", "quarterly"] as const;
/** A whole number in a range, one message for every way of missing it (the editor shows it by the field). */
function wholeNumber(min: number, max: number, message: Parameters<typeof k>[0]) {
  return z.number({ invalid_type_error: k(message) }).int(k(message)).min(min, k(message)).max(max, k(message));
}
export type ReportingInterval = (typeof reportingIntervals)[number];
export const ContractTerms = z.strictObject({
  // Stellenbesetzungsmeldung: a staff report per period, due `dueDays` days after its end.
  reporting: z.strictObject({
    interval: z.enum(reportingIntervals, { errorMap: () => ({ message: k("definition.contract.interval") }) }),
    dueDays: wholeNumber(0, 90, "definition.contract.dueDays"),
  }),
  // A contracted post unfilled for longer than this counts as a vacancy.
  vacancyToleranceDays: wholeNumber(0, 365, "definition.contract.vacancyDays"),
  // Nachsteuerung: a lot is adjusted when new client figures move its requirement by more than
  // this percentage of its contracted FTE (definitions written before it: the plan's key
  // tolerance, 10 %, which the proposals used until then).
  adjustmentTolerancePercent: wholeNumber(0, 100, "definition.contract.tolerancePercent").default(10),
  // Nachsteuerung: changes to a contract within ± this percentage of its contracted FTE.
  adjustmentBoundsPercent: wholeNumber(0, 100, "definition.contract.boundsPercent"),
});
export type ContractTerms = z.infer<typeof ContractTerms>;
/** What a definition written before the contract terms states (decision 0022). */
export const DEFAULT_CONTRACT_TERMS: ContractTerms = {
  reporting: { interval: "quarterly", dueDays: 30 },
  vacancyToleranceDays: 60,
  adjustmentTolerancePercent: 10,
  adjustmentBoundsPercent: 20,
};

export const CallDocument = z.strictObject({
  title: text,
  description: text,
  url: z.string().url(k("definition.url")).optional(),
});

export const CallDefinition = z
  .strictObject({
    slug: z
      .string({ required_error: k("zod.required") })
      .regex(/^[a-z0-9][a-z0-9-]{2,63}$/, k("definition.slug")),
    title: text,
    authority: text,
    department: text,
    // Aktenzeichen of the procedure, printed in the reference line of every letter to carriers.
    fileNumber: text.max(60, k("zod.tooBig.string")).optional(),
    summary: text,
    description: paragraphs,
    standards: paragraphs,
    vulnerableGroups: paragraphs,
    adequatePay: paragraphs,
    payScale: PayScale,
    costRule: CostRule,
    howToApply: paragraphs,
    questionRules: paragraphs,
    illustrativeNotice: text,
    // Facts that the public record does not give and that were chosen for the portal.
    illustrative: z.array(text).default([]),
    contact: z.strictObject({
      name: text,
      department: text,
      street: text,
      postalCode: z.string().regex(/^\d{5}$/, k("definition.postalCode")),
      city: text,
      email: z.string().email(k("definition.email")),
      phone: text.optional(),
      url: z.string().url(k("definition.url")).optional(),
    }),
    dates: z.strictObject({
      published: isoInstant,
      questionDeadline: isoInstant,
      submissionDeadline: isoInstant,
      opening: isoInstant,
      bindingPeriodEnd: isoInstant,
      serviceStart: isoInstant,
      contractEnd: isoInstant,
    }),
    clientsPerFte: z.number().int().positive(k("definition.keyPositive")),
    contract: ContractTerms.default(DEFAULT_CONTRACT_TERMS),
    maxLotsPerCarrier: z.number().int().positive().nullable().default(null),
    allowLotSplit: z.boolean().default(true),
    // How far a tandem's first-role share may stray from its target (± percentage points), in the
    // allocation and the staffing plan.
    tandemTolerancePercentPoints: z.number().int().min(0).max(50).default(5),
    spreadThreshold: z.number().int().min(1).default(2),
    scale: z.strictObject({
      min: z.number().int(),
      max: z.number().int(),
      points: z.array(ScalePoint),
    }),
    regions: z.array(Region).min(1, k("definition.regionsMin")),
    roles: z.array(Role).min(1, k("definition.rolesMin")),
    // Without a list every region × role pair is a lot, numbered region by region.
    // A lot may state its volume (Losvolumen, FTE): a follow-up call offers the FTE left
    // uncovered (decision 0027); without it the staffing rule and the figures give it.
    lots: z
      .array(
        z.strictObject({
          region: code,
          role: code,
          fte: z.number().positive(k("definition.ftePositive")).multipleOf(0.01, k("definition.fteCents")).optional(),
        }),
      )
      .optional(),
    criteria: z.array(Criterion).min(1, k("definition.criteriaMin")),
    staffingRules: z.array(StaffingRule).default([]),
    conceptSections: z.array(ConceptSection).min(1, k("definition.conceptMin")),
    documents: z.array(CallDocument).default([]),
  })
  .superRefine((d, ctx) => {
    const issue = (path: (string | number)[], message: Refusal["key"], params?: Refusal["params"]) =>
      ctx.addIssue({ code: z.ZodIssueCode.custom, path, message, params });

    for (const key of ["regions", "roles", "criteria", "conceptSections"] as const) {
      const seen = new Set<string>();
      d[key].forEach((item, i) => {
        if (seen.has(item.code)) issue([key, i, "code"], "definition.codeTwice", { code: item.code });
        seen.add(item.code);
      });
    }

    // Weights add up to 100 % per role: a lot is scored by its role's criteria only.
    if (d.criteria.every((c) => !c.roles)) {
      const total = d.criteria.reduce((sum, c) => sum + c.weight, 0);
      if (total !== 100) issue(["criteria"], "definition.weightsSum", { total });
    } else {
      for (const role of d.roles) {
        const total = d.criteria.filter((c) => appliesTo(c, role.code)).reduce((sum, c) => sum + c.weight, 0);
        if (total !== 100) issue(["criteria"], "definition.weightsSumRole", { role: role.name, total });
      }
    }

    const checkScale = (points: { points: number }[], path: (string | number)[]) => {
      if (d.scale.min >= d.scale.max) return;
      for (let p = d.scale.min; p <= d.scale.max; p++) {
        const n = points.filter((s) => s.points === p).length;
        if (n === 0) issue(path, "definition.scaleMeaningMissing", { points: p });
        if (n > 1) issue(path, "definition.scaleMeaningTwice", { points: p });
      }
      points.forEach((s, i) => {
        if (s.points < d.scale.min || s.points > d.scale.max) {
          issue([...path, i, "points"], "definition.scalePointOutside", { points: s.points, min: d.scale.min, max: d.scale.max });
        }
      });
    };
    if (d.scale.min >= d.scale.max) issue(["scale", "max"], "definition.scaleOrder");
    checkScale(d.scale.points, ["scale", "points"]);
    d.criteria.forEach((c, i) => {
      if (c.scale) checkScale(c.scale, ["criteria", i, "scale"]);
      if (c.kind === "price" && !c.priceFormula) {
        issue(["criteria", i, "priceFormula"], "definition.priceFormula");
      }
      // Quality-only scoring pays fixed rates: there is no cost to score.
      if (c.kind === "price" && d.costRule.kind === "qualityOnly") {
        issue(["criteria", i, "kind"], "definition.priceUnderQualityOnly");
      }
    });

    const groups = new Set<string>();
    d.payScale.groups.forEach((g, i) => {
      if (groups.has(g)) issue(["payScale", "groups", i], "definition.payGroupTwice", { group: g });
      groups.add(g);
    });
    d.roles.forEach((r, i) => {
      if (r.minPayGroup === undefined) issue(["roles", i, "minPayGroup"], "definition.payFloorMissing");
      else if (!groups.has(r.minPayGroup)) {
        issue(["roles", i, "minPayGroup"], "definition.payGroupUnknown", { group: r.minPayGroup, scale: d.payScale.name });
      }
    });

    const order: (keyof typeof d.dates)[] = [
      "published",
      "questionDeadline",
      "submissionDeadline",
      "opening",
      "serviceStart",
      "contractEnd",
    ];
    for (let i = 1; i < order.length; i++) {
      const a = Date.parse(d.dates[order[i - 1]]);
      const b = Date.parse(d.dates[order[i]]);
      const strict = order[i] !== "opening"; // the opening may be right at the deadline
      if (strict ? !(a < b) : !(a <= b)) {
        issue(["dates", order[i]], DATE_ORDER[order[i]]);
      }
    }
    if (!(Date.parse(d.dates.bindingPeriodEnd) > Date.parse(d.dates.opening))) {
      issue(["dates", "bindingPeriodEnd"], "definition.bindingPeriod");
    }

    const regionCodes = new Set(d.regions.map((r) => r.code));
    const roleCodes = new Set(d.roles.map((r) => r.code));
    d.roles.forEach((r, i) => {
      if (r.tandemWith && !roleCodes.has(r.tandemWith)) {
        issue(["roles", i, "tandemWith"], "definition.unknownRole", { role: r.tandemWith });
      }
    });
    checkStandards(d, issue);
    const pairs = new Set<string>();
    d.lots?.forEach((l, i) => {
      if (!regionCodes.has(l.region)) issue(["lots", i, "region"], "definition.unknownRegion", { region: l.region });
      if (!roleCodes.has(l.role)) issue(["lots", i, "role"], "definition.unknownRole", { role: l.role });
      const key = `${l.region}/${l.role}`;
      if (pairs.has(key)) issue(["lots", i], "definition.lotTwice", { lot: key });
      pairs.add(key);
    });
    const ruled = new Set<string>();
    d.staffingRules.forEach((s, i) => {
      if (!roleCodes.has(s.role)) issue(["staffingRules", i, "role"], "definition.unknownRole", { role: s.role });
      if (ruled.has(s.role)) issue(["staffingRules", i, "role"], "definition.ruleTwice", { role: s.role });
      ruled.add(s.role);
    });
    if (d.maxLotsPerCarrier !== null && d.maxLotsPerCarrier > lotPairs(d).length) {
      issue(["maxLotsPerCarrier"], "definition.maxLots");
    }
  });

export type CallDefinition = z.infer<typeof CallDefinition>;

/** Whether a criterion or section (`roles` absent: every role) belongs to a role. */
function appliesTo(item: { roles?: string[] }, roleCode: string): boolean {
  return !item.roles || item.roles.includes(roleCode);
}

/**
 * The standards per role: criteria and sections name known roles, every quality criterion
 * names the sections it scores, and for each role a criterion applies to, at least one of
 * them is that role's; every section of a role is scored by a criterion of that role.
 */
function checkStandards(
  d: Pick<CallDefinition, "roles" | "criteria" | "conceptSections">,
  issue: (path: (string | number)[], message: Refusal["key"], params?: Refusal["params"]) => void,
) {
  const roleCodes = new Set(d.roles.map((r) => r.code));
  const sectionByCode = new Map(d.conceptSections.map((s) => [s.code, s]));
  const unknownRoles = (item: { roles?: string[] }, path: (string | number)[]) =>
    item.roles?.forEach((role, j) => {
      if (!roleCodes.has(role)) issue([...path, "roles", j], "definition.unknownRole", { role });
    });
  d.conceptSections.forEach((s, i) => unknownRoles(s, ["conceptSections", i]));
  d.criteria.forEach((c, i) => {
    unknownRoles(c, ["criteria", i]);
    c.sections.forEach((code, j) => {
      if (!sectionByCode.has(code)) issue(["criteria", i, "sections", j], "definition.unknownSection", { section: code });
    });
    if (c.kind === "quality" && c.sections.length === 0) {
      issue(["criteria", i, "sections"], "definition.criterionSections", { criterion: c.name });
      return;
    }
    for (const role of d.roles) {
      if (!appliesTo(c, role.code) || c.kind !== "quality") continue;
      const own = c.sections.filter((code) => {
        const section = sectionByCode.get(code);
        return section && appliesTo(section, role.code);
      });
      if (own.length === 0 && c.sections.every((code) => sectionByCode.has(code))) {
        issue(["criteria", i, "sections"], "definition.criterionSectionsOfRole", { criterion: c.name, role: role.name });
      }
    }
  });
  d.conceptSections.forEach((s, i) => {
    for (const role of d.roles) {
      if (!appliesTo(s, role.code)) continue;
      const scored = d.criteria.some((c) => c.kind === "quality" && appliesTo(c, role.code) && c.sections.includes(s.code));
      if (!scored) issue(["conceptSections", i], "definition.sectionUnscored", { section: s.title, role: role.name });
    }
  });
}

// Each date after the first must follow the one before it (the opening may equal the deadline).
const DATE_ORDER: Record<string, Refusal["key"]> = {
  questionDeadline: "definition.dateOrder.questionDeadline",
  submissionDeadline: "definition.dateOrder.submissionDeadline",
  opening: "definition.dateOrder.opening",
  serviceStart: "definition.dateOrder.serviceStart",
  contractEnd: "definition.dateOrder.contractEnd",
};

/** The lots of a definition: the explicit list, or every region × role pair. */
export function lotPairs(d: Pick<CallDefinition, "regions" | "roles" | "lots">): { region: string; role: string; fte?: number }[] {
  if (d.lots) return d.lots;
  return d.regions.flatMap((region) => d.roles.map((role) => ({ region: region.code, role: role.code })));
}

/** The free texts of a definition as the call stores and prints them (calls.texts). */
export function textsOf(d: CallDefinition): CallTexts {
  return {
    summary: d.summary,
    description: d.description,
    standards: d.standards,
    vulnerableGroups: d.vulnerableGroups,
    adequatePay: d.adequatePay,
    howToApply: d.howToApply,
    questionRules: d.questionRules,
    illustrativeNotice: d.illustrativeNotice,
    illustrative: d.illustrative,
    fileNumber: d.fileNumber,
    contact: d.contact,
  };
}

/** The pay floor of each role (Mindestentgeltgruppe), in the order of the roles: what carriers declare to pay at least. */
export function payFloors(d: Pick<CallDefinition, "roles" | "payScale">): PayFloor[] {
  return d.roles.map((r) => ({
    roleCode: r.code,
    roleName: r.name,
    minPayGroup: r.minPayGroup ?? null,
    scale: d.payScale.name,
    tariffOrEquivalentRequired: d.payScale.tariffOrEquivalentRequired,
  }));
}

export type PayFloor = {
  roleCode: string;
  roleName: string;
  minPayGroup: string | null;
  scale: string;
  tariffOrEquivalentRequired: boolean;
};

/** A criterion of a definition under the names the criteria table and the call view use. */
export function criterionFields(c: CallDefinition["criteria"][number]) {
  return {
    code: c.code,
    name: c.name,
    description: c.description,
    weightPercent: c.weight,
    kind: c.kind,
    priceFormula: c.priceFormula ?? null,
    roleCodes: c.roles ?? null,
    sectionCodes: c.sections,
  };
}

/** A mistake in a definition: where (`criteria[2].weight`) and what, as a catalogue key. */
export type DefinitionError = Refusal & { path: string };

export type DefinitionResult = { ok: true; definition: CallDefinition } | { ok: false; errors: DefinitionError[] };

/** Validates unknown input (parsed JSON) and returns errors with readable paths. */
export function parseCallDefinition(input: unknown): DefinitionResult {
  const result = CallDefinition.safeParse(input, { errorMap: catalogueErrorMap });
  if (result.success) return { ok: true, definition: result.data };
  return {
    ok: false,
    errors: result.error.issues.map((i) => {
      const { key, params } = issueRefusal(i);
      return { path: formatPath(i.path), key, ...(params ? { params } : {}) };
    }),
  };
}

export function formatPath(path: (string | number)[]): string {
  return path.reduce<string>(
    (out, part) => (typeof part === "number" ? `${out}[${part}]` : out ? `${out}.${part}` : part),
    "",
  ) || "(Wurzel)";
}

/** One line per mistake, "  path: message", in the given language (the command line: German). */
export function formatDefinitionErrors(errors: DefinitionError[], t: Translate, locale: Locale): string {
  return errors.map((e) => `  ${e.path}: ${refusalMessage(e, t, locale)}`).join("\n");
}

/** Shifts every date of a definition by `ms` (used for the demo copy of a historic call). */
export function shiftDates(d: CallDefinition, ms: number): CallDefinition["dates"] {
  return Object.fromEntries(
    Object.entries(d.dates).map(([k, v]) => [k, isoSeconds(new Date(Date.parse(v) + ms))]),
  ) as CallDefinition["dates"];
}

/** ISO 8601 in UTC to the second, as definitions write instants. */
export function isoSeconds(date: Date): string {
  return date.toISOString().replace(/\.\d{3}Z$/, "Z");
}
