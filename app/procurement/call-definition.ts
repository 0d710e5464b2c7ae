// A call (Aufruf zur Interessenbekundung) described as data: one JSON file, validated
// here. Messages are German because officers who author calls read them; each issue
// carries its path (e.g. `criteria[2].weight`), which `formatDefinitionErrors` prints.
import { z } from "zod";
import { calendarDay } from "../i18n/berlin-time";
import { germanErrorMap } from "../infra/zod-de";

const code = z
  .string({ required_error: "Pflichtfeld" })
  .regex(/^[a-z0-9][a-z0-9-]*$/, "Nur Kleinbuchstaben, Ziffern und Bindestriche (z. B. „region-nord“)");
const text = z.string({ required_error: "Pflichtfeld" }).trim().min(1, "Darf nicht leer sein");
const paragraphs = z.array(text).min(1, "Mindestens ein Absatz");
const isoInstant = z
  .string({ required_error: "Pflichtfeld" })
  .regex(
    /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d{1,3})?)?(Z|[+-]\d{2}:\d{2})$/,
    "Zeitpunkt im Format 2017-03-03T12:00:00+01:00 (mit Zeitzone) angeben",
  )
  .refine(isRealCalendarInstant, "Diesen Tag oder diese Uhrzeit gibt es nicht");

/** Date.parse rolls 30 February over to March; a definition must name a real day and time. */
function isRealCalendarInstant(s: string): boolean {
  const m = /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2})/.exec(s);
  if (!m || Number.isNaN(Date.parse(s))) return false;
  const [year, month, day, hour, minute] = m.slice(1).map(Number);
  return calendarDay(year, month, day) !== null && hour < 24 && minute < 60;
}

export const ScalePoint = z.strictObject({
  points: z.number().int("Ganze Punktzahl angeben"),
  meaning: text,
});

export const Criterion = z.strictObject({
  code,
  name: text,
  description: text,
  weight: z
    .number({ required_error: "Pflichtfeld", invalid_type_error: "Gewicht als Zahl in Prozent angeben" })
    .int("Gewicht als ganze Prozentzahl angeben")
    .min(1, "Gewicht mindestens 1 %")
    .max(100, "Gewicht höchstens 100 %"),
  kind: z.enum(["quality", "price"]).default("quality"),
  priceFormula: text.optional(),
  // Overrides the call's scale meanings for this criterion.
  scale: z.array(ScalePoint).optional(),
});

export const Region = z.strictObject({ code, name: text, description: text });

export const Role = z.strictObject({
  code,
  name: text,
  summary: text,
  tasks: z.array(text).min(1, "Mindestens eine Aufgabe"),
  qualifications: text,
  requiresPedagogicalDegree: z.boolean().default(false),
  payGuideline: text,
  tandemWith: code.optional(),
});

export const StaffingRule = z.discriminatedUnion(
  "basis",
  [
    z.strictObject({
      role: code,
      basis: z.literal("clientsPerFte"),
      clientsPerFte: z.number().int().positive("Schlüssel muss größer als 0 sein"),
      targetGroup: z.enum(["asylum", "rightToStay", "vulnerable"]),
      sharePercent: z.number().int().min(1).max(100).default(100),
      explanation: text,
    }),
    z.strictObject({
      role: code,
      basis: z.literal("fixedPerRegion"),
      fte: z.number().positive("VZÄ muss größer als 0 sein").multipleOf(0.01, "VZÄ auf zwei Nachkommastellen"),
      explanation: text,
    }),
  ],
  { errorMap: () => ({ message: "basis muss „clientsPerFte“ oder „fixedPerRegion“ sein" }) },
);

export const ConceptSection = z.strictObject({
  code,
  title: text,
  guidance: text,
  maxChars: z.number().int().min(100).max(50_000),
});

export const CallDocument = z.strictObject({
  title: text,
  description: text,
  url: z.string().url("Keine gültige Adresse").optional(),
});

export const CallDefinition = z
  .strictObject({
    slug: z
      .string({ required_error: "Pflichtfeld" })
      .regex(/^[a-z0-9][a-z0-9-]{2,63}$/, "Kurzname: 3–64 Kleinbuchstaben, Ziffern, Bindestriche"),
    title: text,
    authority: text,
    department: text,
    // Aktenzeichen of the procedure, printed in the reference line of every letter to carriers.
    fileNumber: text.max(60, "Höchstens 60 Zeichen").optional(),
    summary: text,
    description: paragraphs,
    standards: paragraphs,
    vulnerableGroups: paragraphs,
    adequatePay: paragraphs,
    howToApply: paragraphs,
    questionRules: paragraphs,
    illustrativeNotice: text,
    // Facts that the public record does not give and that were chosen for the portal.
    illustrative: z.array(text).default([]),
    contact: z.strictObject({
      name: text,
      department: text,
      street: text,
      postalCode: z.string().regex(/^\d{5}$/, "Postleitzahl mit fünf Ziffern"),
      city: text,
      email: z.string().email("Keine gültige E-Mail-Adresse"),
      phone: text.optional(),
      url: z.string().url("Keine gültige Adresse").optional(),
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
    clientsPerFte: z.number().int().positive("Schlüssel muss größer als 0 sein"),
    maxLotsPerCarrier: z.number().int().positive().nullable().default(null),
    allowLotSplit: z.boolean().default(true),
    spreadThreshold: z.number().int().min(1).default(2),
    scale: z.strictObject({
      min: z.number().int(),
      max: z.number().int(),
      points: z.array(ScalePoint),
    }),
    regions: z.array(Region).min(1, "Mindestens eine Region"),
    roles: z.array(Role).min(1, "Mindestens eine Rolle"),
    // Without a list every region × role pair is a lot, numbered region by region.
    lots: z.array(z.strictObject({ region: code, role: code })).optional(),
    criteria: z.array(Criterion).min(1, "Mindestens ein Wertungskriterium"),
    staffingRules: z.array(StaffingRule).default([]),
    conceptSections: z.array(ConceptSection).min(1, "Mindestens ein Abschnitt des Konzepts"),
    documents: z.array(CallDocument).default([]),
  })
  .superRefine((d, ctx) => {
    const issue = (path: (string | number)[], message: string) =>
      ctx.addIssue({ code: z.ZodIssueCode.custom, path, message });

    for (const key of ["regions", "roles", "criteria", "conceptSections"] as const) {
      const seen = new Set<string>();
      d[key].forEach((item, i) => {
        if (seen.has(item.code)) issue([key, i, "code"], `Code „${item.code}“ kommt doppelt vor`);
        seen.add(item.code);
      });
    }

    const total = d.criteria.reduce((sum, c) => sum + c.weight, 0);
    if (total !== 100) {
      issue(["criteria"], `Die Gewichte der Kriterien müssen zusammen 100 % ergeben, sie ergeben ${total} %`);
    }

    const checkScale = (points: { points: number }[], path: (string | number)[]) => {
      if (d.scale.min >= d.scale.max) return;
      for (let p = d.scale.min; p <= d.scale.max; p++) {
        const n = points.filter((s) => s.points === p).length;
        if (n === 0) issue(path, `Für ${p} Punkte fehlt die veröffentlichte Bedeutung`);
        if (n > 1) issue(path, `${p} Punkte sind mehrfach beschrieben`);
      }
      points.forEach((s, i) => {
        if (s.points < d.scale.min || s.points > d.scale.max) {
          issue([...path, i, "points"], `${s.points} liegt außerhalb der Skala ${d.scale.min}–${d.scale.max}`);
        }
      });
    };
    if (d.scale.min >= d.scale.max) issue(["scale", "max"], "Das Skalenende muss über dem Skalenanfang liegen");
    checkScale(d.scale.points, ["scale", "points"]);
    d.criteria.forEach((c, i) => {
      if (c.scale) checkScale(c.scale, ["criteria", i, "scale"]);
      if (c.kind === "price" && !c.priceFormula) {
        issue(["criteria", i, "priceFormula"], "Ein Preiskriterium braucht die veröffentlichte Formel");
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
        const [subject, before] = [DATE_LABELS[order[i]].subject, DATE_LABELS[order[i - 1]].afterNach];
        issue(["dates", order[i]], strict ? `${subject} muss nach ${before} liegen` : `${subject} darf nicht vor ${before} liegen`);
      }
    }
    if (!(Date.parse(d.dates.bindingPeriodEnd) > Date.parse(d.dates.opening))) {
      issue(["dates", "bindingPeriodEnd"], "Das Ende der Bindefrist muss nach der Öffnung liegen");
    }

    const regionCodes = new Set(d.regions.map((r) => r.code));
    const roleCodes = new Set(d.roles.map((r) => r.code));
    d.roles.forEach((r, i) => {
      if (r.tandemWith && !roleCodes.has(r.tandemWith)) {
        issue(["roles", i, "tandemWith"], `Unbekannte Rolle „${r.tandemWith}“`);
      }
    });
    const pairs = new Set<string>();
    d.lots?.forEach((l, i) => {
      if (!regionCodes.has(l.region)) issue(["lots", i, "region"], `Unbekannte Region „${l.region}“`);
      if (!roleCodes.has(l.role)) issue(["lots", i, "role"], `Unbekannte Rolle „${l.role}“`);
      const key = `${l.region}/${l.role}`;
      if (pairs.has(key)) issue(["lots", i], `Das Los ${key} kommt doppelt vor`);
      pairs.add(key);
    });
    const ruled = new Set<string>();
    d.staffingRules.forEach((s, i) => {
      if (!roleCodes.has(s.role)) issue(["staffingRules", i, "role"], `Unbekannte Rolle „${s.role}“`);
      if (ruled.has(s.role)) issue(["staffingRules", i, "role"], `Für „${s.role}“ gibt es schon eine Regel`);
      ruled.add(s.role);
    });
    if (d.maxLotsPerCarrier !== null && d.maxLotsPerCarrier > lotPairs(d).length) {
      issue(["maxLotsPerCarrier"], "Die Obergrenze ist größer als die Zahl der Lose");
    }
  });

export type CallDefinition = z.infer<typeof CallDefinition>;

// Subject (nominative) and the dative that follows "nach", for grammatical messages.
const DATE_LABELS: Record<string, { subject: string; afterNach: string }> = {
  published: { subject: "Die Veröffentlichung", afterNach: "der Veröffentlichung" },
  questionDeadline: { subject: "Die Frist für Fragen", afterNach: "der Frist für Fragen" },
  submissionDeadline: { subject: "Die Einreichungsfrist", afterNach: "der Einreichungsfrist" },
  opening: { subject: "Die Öffnung", afterNach: "der Öffnung" },
  serviceStart: { subject: "Der Leistungsbeginn", afterNach: "dem Leistungsbeginn" },
  contractEnd: { subject: "Das Vertragsende", afterNach: "dem Vertragsende" },
};

/** The lots of a definition: the explicit list, or every region × role pair. */
export function lotPairs(d: Pick<CallDefinition, "regions" | "roles" | "lots">) {
  if (d.lots) return d.lots;
  return d.regions.flatMap((region) => d.roles.map((role) => ({ region: region.code, role: role.code })));
}

export type DefinitionResult =
  | { ok: true; definition: CallDefinition }
  | { ok: false; errors: { path: string; message: string }[] };

/** Validates unknown input (parsed JSON) and returns errors with readable paths. */
export function parseCallDefinition(input: unknown): DefinitionResult {
  const result = CallDefinition.safeParse(input, { errorMap: germanErrorMap });
  if (result.success) return { ok: true, definition: result.data };
  return {
    ok: false,
    errors: result.error.issues.map((i) => ({ path: formatPath(i.path), message: i.message })),
  };
}

export function formatPath(path: (string | number)[]): string {
  return path.reduce<string>(
    (out, part) => (typeof part === "number" ? `${out}[${part}]` : out ? `${out}.${part}` : part),
    "",
  ) || "(Wurzel)";
}

export function formatDefinitionErrors(errors: { path: string; message: string }[]): string {
  return errors.map((e) => `  ${e.path}: ${e.message}`).join("\n");
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
