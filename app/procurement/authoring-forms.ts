// The call editor's forms as plain data: each section of a definition as form values
// (field names follow the definition's paths, e.g. `criteria[2].weight`), read back into
// a change of the definition, and the schema's error paths mapped onto those fields.
// Pure: no database, no HTTP. The editor route (verwaltung.aufrufe.$slug.bearbeiten/route.tsx)
// posts one section per form; updateDraft validates the whole changed definition.
import { isoWithBerlinOffset, parseBerlinLocal, toBerlinLocalInput } from "../i18n/berlin-time";
import type { Locale, MessageKey, Translate } from "../i18n";
import { refusalMessage } from "../i18n/refusal";
import { formatPath, type CallDefinition, type DefinitionError } from "./call-definition";

export type FormValues = Record<string, string>;

export const SECTIONS = [
  "basics",
  "contact",
  "dates",
  "regions",
  "roles",
  "lots",
  "criteria",
  "scale",
  "staffing",
  "contract",
  "concept",
] as const;
export type Section = (typeof SECTIONS)[number];

export const DATE_KEYS = [
  "published",
  "questionDeadline",
  "submissionDeadline",
  "opening",
  "bindingPeriodEnd",
  "serviceStart",
  "contractEnd",
] as const;

export const PARAGRAPH_FIELDS = ["description", "standards", "vulnerableGroups", "adequatePay", "howToApply", "questionRules"] as const;
export const BASIC_TEXT_FIELDS = ["title", "authority", "department", "summary"] as const;
export const CONTACT_FIELDS = ["name", "department", "street", "postalCode", "city", "email", "phone", "url"] as const;
const OPTIONAL_CONTACT = new Set(["phone", "url"]);

export const TARGET_GROUPS = ["asylum", "rightToStay", "vulnerable"] as const;
export const STAFFING_BASES = ["none", "clientsPerFte", "fixedPerRegion"] as const;

/** Rows of the table-like sections: array key in the definition, text fields, checkbox fields. */
export const ROW_SECTIONS = {
  regions: { array: "regions", text: ["code", "name", "description"] },
  roles: { array: "roles", text: ["code", "name", "summary", "tasks", "qualifications", "payGuideline", "minPayGroup"] },
  criteria: { array: "criteria", text: ["code", "name", "description", "weight", "priceFormula", "roles", "sections"] },
  concept: { array: "conceptSections", text: ["code", "title", "guidance", "maxChars", "roles"] },
} as const;
type RowSection = keyof typeof ROW_SECTIONS;

/** Where errors without a field of their own are shown: one place per section. */
export const ANCHORS = ["_form", "dates", "contact", "regions", "roles", "lots", "criteria", "scale.points", "staffing", "contract", "conceptSections"];

// ------------------------------------------------------------------------------ text helpers

const normalise = (s: string) => s.replace(/\r\n?/g, "\n");

/** Paragraphs are separated by blank lines; line breaks inside one are spaces. */
export function splitParagraphs(s: string): string[] {
  return normalise(s)
    .split(/\n[ \t]*\n/)
    .map((p) => p.replace(/\s*\n\s*/g, " ").trim())
    .filter(Boolean);
}

export function splitLines(s: string): string[] {
  return normalise(s)
    .split("\n")
    .map((l) => l.trim())
    .filter(Boolean);
}

/** "12", "0,5", "0.5" → number; "" → undefined; anything else → NaN. */
export function parseNumber(s: string | undefined): number | undefined {
  const v = (s ?? "").trim();
  if (v === "") return undefined;
  if (!/^-?\d+([.,]\d+)?$/.test(v)) return Number.NaN;
  return Number(v.replace(",", "."));
}

function formatNumberValue(n: number | null | undefined): string {
  return n === null || n === undefined ? "" : String(n).replace(".", ",");
}

/** Removes keys whose value is undefined (a missing key is what the schema calls "Pflichtfeld"). */
/** "a, b; c" → ["a", "b", "c"]: codes as the editor takes them. */
function splitCodes(s: string): string[] {
  return s
    .split(/[,;\s]+/)
    .map((c) => c.trim())
    .filter(Boolean);
}

/** The roles a criterion or section applies to; none given: every role (the key left out). */
function rolesOf(s: string): string[] | undefined {
  const codes = splitCodes(s);
  return codes.length ? codes : undefined;
}

function compact<T extends Record<string, unknown>>(o: T): T {
  return Object.fromEntries(Object.entries(o).filter(([, v]) => v !== undefined)) as T;
}

// ------------------------------------------------------------------------------ dates

/** An instant as a datetime-local value in Berlin time, with seconds only where it has some. */
export function berlinInputValue(iso: string): string {
  const date = new Date(iso);
  if (Number.isNaN(date.getTime())) return iso;
  return toBerlinLocalInput(date, date.getUTCSeconds() !== 0);
}

/** A datetime-local value (Berlin) as an ISO instant with offset, or why not. */
export function readBerlinInput(value: string): { ok: true; iso: string } | { ok: false; error: MessageKey } {
  const v = value.trim();
  if (v === "") return { ok: false, error: "authoring.dates.required" };
  if (!/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2})?$/.test(v)) return { ok: false, error: "authoring.dates.invalid" };
  const instant = parseBerlinLocal(v);
  if (!instant) {
    // Well-formed but not a time of the Berlin clock: either no such day, or skipped in spring.
    const [day, time] = v.split("T");
    const sameDayNoon = parseBerlinLocal(`${day}T12:00`);
    const [h, m] = time.split(":").map(Number);
    return { ok: false, error: sameDayNoon && h < 24 && m < 60 ? "authoring.dates.gap" : "authoring.dates.invalid" };
  }
  return { ok: true, iso: isoWithBerlinOffset(instant) };
}

// ------------------------------------------------------------------------------ definition → form

/** The form values of one section, as the editor shows them for the stored definition. */
export function toFormValues(section: Section, d: CallDefinition): FormValues {
  const v: FormValues = {};
  switch (section) {
    case "basics":
      for (const k of BASIC_TEXT_FIELDS) v[k] = d[k];
      v.fileNumber = d.fileNumber ?? "";
      for (const k of PARAGRAPH_FIELDS) v[k] = d[k].join("\n\n");
      v.illustrativeNotice = d.illustrativeNotice;
      v.illustrative = d.illustrative.join("\n");
      v["payScale.name"] = d.payScale.name;
      v["payScale.groups"] = d.payScale.groups.join("\n");
      v["payScale.fullTimeWeeklyHours"] = formatNumberValue(d.payScale.fullTimeWeeklyHours);
      if (d.payScale.tariffOrEquivalentRequired) v["payScale.tariffOrEquivalentRequired"] = "ja";
      if (d.payScale.illustrative) v["payScale.illustrative"] = "ja";
      v["costRule.kind"] = d.costRule.kind;
      v["costRule.reason"] = d.costRule.reason.join("\n\n");
      v["costRule.fixedRates"] = d.costRule.kind === "qualityOnly" ? d.costRule.fixedRates.join("\n") : "";
      break;
    case "contact":
      for (const k of CONTACT_FIELDS) v[`contact.${k}`] = d.contact[k] ?? "";
      break;
    case "dates":
      for (const k of DATE_KEYS) v[`dates.${k}`] = berlinInputValue(d.dates[k]);
      break;
    case "regions":
      d.regions.forEach((r, i) => {
        v[`regions[${i}].code`] = r.code;
        v[`regions[${i}].name`] = r.name;
        v[`regions[${i}].description`] = r.description;
      });
      break;
    case "roles":
      d.roles.forEach((r, i) => {
        const p = `roles[${i}]`;
        v[`${p}.code`] = r.code;
        v[`${p}.name`] = r.name;
        v[`${p}.summary`] = r.summary;
        v[`${p}.tasks`] = r.tasks.join("\n");
        v[`${p}.qualifications`] = r.qualifications;
        if (r.requiresPedagogicalDegree) v[`${p}.requiresPedagogicalDegree`] = "ja";
        v[`${p}.payGuideline`] = r.payGuideline;
        v[`${p}.minPayGroup`] = r.minPayGroup ?? "";
        v[`${p}.tandemWith`] = r.tandemWith ?? "";
      });
      break;
    case "lots":
      v.maxLotsPerCarrier = formatNumberValue(d.maxLotsPerCarrier);
      if (d.allowLotSplit) v.allowLotSplit = "ja";
      break;
    case "criteria":
      d.criteria.forEach((c, i) => {
        const p = `criteria[${i}]`;
        v[`${p}.code`] = c.code;
        v[`${p}.name`] = c.name;
        v[`${p}.description`] = c.description;
        v[`${p}.weight`] = formatNumberValue(c.weight);
        v[`${p}.kind`] = c.kind;
        v[`${p}.priceFormula`] = c.priceFormula ?? "";
        v[`${p}.roles`] = (c.roles ?? []).join(", ");
        v[`${p}.sections`] = c.sections.join(", ");
      });
      break;
    case "scale":
      v["scale.min"] = String(d.scale.min);
      v["scale.max"] = String(d.scale.max);
      v.spreadThreshold = String(d.spreadThreshold);
      for (const p of d.scale.points) v[`scale.meaning.${p.points}`] = p.meaning;
      break;
    case "staffing": {
      v.clientsPerFte = String(d.clientsPerFte);
      for (const role of d.roles) {
        const p = `staffing.${role.code}`;
        const rule = d.staffingRules.find((s) => s.role === role.code);
        v[`${p}.basis`] = rule?.basis ?? "none";
        v[`${p}.clientsPerFte`] = rule?.basis === "clientsPerFte" ? String(rule.clientsPerFte) : "";
        v[`${p}.targetGroup`] = rule?.basis === "clientsPerFte" ? rule.targetGroup : "asylum";
        v[`${p}.sharePercent`] = rule?.basis === "clientsPerFte" ? String(rule.sharePercent) : "";
        v[`${p}.fte`] = rule?.basis === "fixedPerRegion" ? formatNumberValue(rule.fte) : "";
        v[`${p}.explanation`] = rule?.explanation ?? "";
      }
      break;
    }
    case "contract":
      v["contract.reporting.interval"] = d.contract.reporting.interval;
      v["contract.reporting.dueDays"] = String(d.contract.reporting.dueDays);
      v["contract.vacancyToleranceDays"] = String(d.contract.vacancyToleranceDays);
      v["contract.adjustmentTolerancePercent"] = String(d.contract.adjustmentTolerancePercent);
      v["contract.adjustmentBoundsPercent"] = String(d.contract.adjustmentBoundsPercent);
      break;
    case "concept":
      d.conceptSections.forEach((s, i) => {
        const p = `conceptSections[${i}]`;
        v[`${p}.code`] = s.code;
        v[`${p}.title`] = s.title;
        v[`${p}.guidance`] = s.guidance;
        v[`${p}.maxChars`] = String(s.maxChars);
        v[`${p}.roles`] = (s.roles ?? []).join(", ");
      });
      break;
  }
  return v;
}

/** Every field name the editor shows for a definition (to tell fields from anchors). */
export function allFieldNames(d: CallDefinition): string[] {
  const names = SECTIONS.flatMap((s) => Object.keys(toFormValues(s, d)));
  // Checkboxes that are unchecked have no value but are fields all the same.
  d.roles.forEach((_, i) => names.push(`roles[${i}].requiresPedagogicalDegree`));
  names.push("allowLotSplit", "payScale.tariffOrEquivalentRequired", "payScale.illustrative");
  return names;
}

// ------------------------------------------------------------------------------ rows

/** The row indices present in the values, plus one empty row to add (when the last is not empty). */
export function rowIndices(section: RowSection, values: FormValues): number[] {
  const { array, text } = ROW_SECTIONS[section];
  const pattern = new RegExp(`^${array}\\[(\\d+)\\]\\.`);
  const found = [...new Set(Object.keys(values).map((k) => pattern.exec(k)?.[1]).filter((x): x is string => x !== undefined).map(Number))].sort(
    (a, b) => a - b,
  );
  const last = found.at(-1);
  if (last === undefined) return [0];
  const lastBlank = text.every((f) => (values[`${array}[${last}].${f}`] ?? "").trim() === "");
  return lastBlank ? found : [...found, last + 1];
}

function rowsOf(section: RowSection, values: FormValues) {
  const { array, text } = ROW_SECTIONS[section];
  return rowIndices(section, values)
    .map((i) => {
      const get = (f: string) => values[`${array}[${i}].${f}`] ?? "";
      const blank = text.every((f) => get(f).trim() === "");
      return { i, get, keep: !blank && get("remove") === "" };
    })
    .filter((r) => r.keep);
}

// ------------------------------------------------------------------------------ form → definition

export type Applied = {
  /** The changed definition (a plain object; updateDraft validates it). */
  next: Record<string, unknown>;
  /** The field (or anchor) that shows an error of the changed definition at `path`. */
  fieldFor: (path: string) => string;
};

export type ReadResult = { ok: true; apply: (d: CallDefinition) => Applied } | { ok: false; errors: Record<string, MessageKey> };

/**
 * Reads a posted section. Form-level mistakes (a date that does not exist, a number that
 * is not one) answer at once; everything else is left to the definition's schema.
 */
export function readSection(section: Section, values: FormValues): ReadResult {
  const errors: Record<string, MessageKey> = {};
  const number = (name: string): number | undefined => {
    const n = parseNumber(values[name]);
    if (Number.isNaN(n)) {
      errors[name] = "authoring.number.invalid";
      return undefined;
    }
    return n;
  };
  let apply: (d: CallDefinition) => Omit<Applied, "fieldFor"> & { rowMap?: number[] };

  switch (section) {
    case "basics": {
      const texts = Object.fromEntries(BASIC_TEXT_FIELDS.map((k) => [k, values[k] ?? ""]));
      const paragraphs = Object.fromEntries(PARAGRAPH_FIELDS.map((k) => [k, splitParagraphs(values[k] ?? "")]));
      const illustrativeNotice = values.illustrativeNotice ?? "";
      const illustrative = splitLines(values.illustrative ?? "");
      // Optional: an empty field removes it (the schema would call "" empty, not absent).
      const fileNumber = (values.fileNumber ?? "").trim() || undefined;
      const payScale = {
        name: values["payScale.name"] ?? "",
        groups: splitLines(values["payScale.groups"] ?? ""),
        fullTimeWeeklyHours: number("payScale.fullTimeWeeklyHours"),
        tariffOrEquivalentRequired: (values["payScale.tariffOrEquivalentRequired"] ?? "") !== "",
        illustrative: (values["payScale.illustrative"] ?? "") !== "",
      };
      const kind = values["costRule.kind"] ?? "";
      const reason = splitParagraphs(values["costRule.reason"] ?? "");
      // Fixed rates belong to quality-only scoring; the other rule has none.
      const costRule = kind === "qualityOnly" ? { kind, fixedRates: splitLines(values["costRule.fixedRates"] ?? ""), reason } : { kind, reason };
      apply = (d) => ({ next: compact({ ...d, ...texts, ...paragraphs, fileNumber, illustrativeNotice, illustrative, payScale, costRule }) });
      break;
    }
    case "contact": {
      const contact = compact(
        Object.fromEntries(
          CONTACT_FIELDS.map((k) => {
            const value = (values[`contact.${k}`] ?? "").trim();
            return [k, OPTIONAL_CONTACT.has(k) && value === "" ? undefined : value];
          }),
        ),
      );
      apply = (d) => ({ next: { ...d, contact } });
      break;
    }
    case "dates": {
      const dates: Record<string, string> = {};
      for (const k of DATE_KEYS) {
        const read = readBerlinInput(values[`dates.${k}`] ?? "");
        if (read.ok) dates[k] = read.iso;
        else errors[`dates.${k}`] = read.error;
      }
      apply = (d) => ({ next: { ...d, dates } });
      break;
    }
    case "regions": {
      const rows = rowsOf("regions", values);
      apply = (d) => {
        const regions = rows.map((r) => ({ code: r.get("code").trim(), name: r.get("name"), description: r.get("description") }));
        const renamed = renames(d.regions, rows, (r) => r.get("code").trim());
        const next: Record<string, unknown> = { ...d, regions };
        if (d.lots) {
          next.lots = d.lots
            .filter((l) => renamed.has(l.region) || !d.regions.some((r) => r.code === l.region))
            .map((l) => ({ ...l, region: renamed.get(l.region) ?? l.region }));
        }
        return { next, rowMap: rows.map((r) => r.i) };
      };
      break;
    }
    case "roles": {
      const rows = rowsOf("roles", values);
      apply = (d) => {
        const renamed = renames(d.roles, rows, (r) => r.get("code").trim());
        const known = (code: string) => !d.roles.some((r) => r.code === code) || renamed.has(code);
        const roles = rows.map((r) => {
          const tandem = r.get("tandemWith").trim();
          return compact({
            code: r.get("code").trim(),
            name: r.get("name"),
            summary: r.get("summary"),
            tasks: splitLines(r.get("tasks")),
            qualifications: r.get("qualifications"),
            requiresPedagogicalDegree: r.get("requiresPedagogicalDegree") !== "",
            payGuideline: r.get("payGuideline"),
            minPayGroup: r.get("minPayGroup").trim() || undefined,
            // The partner is chosen among the stored roles: follow its renaming, drop it when removed.
            tandemWith: tandem === "" || !known(tandem) ? undefined : (renamed.get(tandem) ?? tandem),
          });
        });
        const next: Record<string, unknown> = {
          ...d,
          roles,
          staffingRules: d.staffingRules.filter((s) => known(s.role)).map((s) => ({ ...s, role: renamed.get(s.role) ?? s.role })),
        };
        if (d.lots) next.lots = d.lots.filter((l) => known(l.role)).map((l) => ({ ...l, role: renamed.get(l.role) ?? l.role }));
        // The standards per role follow a renamed role; a removed one drops out of their lists.
        // What applied only to removed roles is removed with them.
        const followRoles = <T extends { roles?: string[] }>(items: T[]): T[] =>
          items.flatMap((item) => {
            if (!item.roles) return [item];
            const kept = item.roles.filter(known);
            return kept.length ? [{ ...item, roles: kept.map((code) => renamed.get(code) ?? code) }] : [];
          });
        next.criteria = followRoles(d.criteria);
        next.conceptSections = followRoles(d.conceptSections);
        return { next, rowMap: rows.map((r) => r.i) };
      };
      break;
    }
    case "lots": {
      const max = number("maxLotsPerCarrier");
      const allowLotSplit = (values.allowLotSplit ?? "") !== "";
      const allPairs = (values["lots.allPairs"] ?? "") !== "";
      apply = (d) => {
        const next: Record<string, unknown> = { ...d, maxLotsPerCarrier: max ?? null, allowLotSplit };
        if (allPairs) delete next.lots;
        return { next };
      };
      break;
    }
    case "criteria": {
      const rows = rowsOf("criteria", values);
      const weights = rows.map((r) => number(`criteria[${r.i}].weight`));
      apply = (d) => ({
        next: {
          ...d,
          criteria: rows.map((r, k) => {
            const formula = r.get("priceFormula").trim();
            return compact({
              code: r.get("code").trim(),
              name: r.get("name"),
              description: r.get("description"),
              weight: weights[k],
              kind: r.get("kind") || "quality",
              priceFormula: formula === "" ? undefined : formula,
              roles: rolesOf(r.get("roles")),
              sections: splitCodes(r.get("sections")),
              // A criterion's own scale is kept as it was (not edited here).
              scale: d.criteria[r.i]?.scale,
            });
          }),
        },
        rowMap: rows.map((r) => r.i),
      });
      break;
    }
    case "scale": {
      const min = number("scale.min");
      const max = number("scale.max");
      const spreadThreshold = number("spreadThreshold");
      const given = Object.keys(values)
        .map((k) => /^scale\.meaning\.(-?\d+)$/.exec(k)?.[1])
        .filter((x): x is string => x !== undefined)
        .map(Number);
      const sane = min !== undefined && max !== undefined && Number.isInteger(min) && Number.isInteger(max) && min < max && max - min <= 20;
      // Every point of the new range whose meaning was in the form; missing ones are the schema's to name.
      const points = (sane ? range(min, max).filter((p) => given.includes(p)) : given.sort((a, b) => a - b)).map((p) => ({
        points: p,
        meaning: values[`scale.meaning.${p}`] ?? "",
      }));
      apply = (d) => ({ next: { ...d, scale: compact({ min, max, points }), spreadThreshold } });
      break;
    }
    case "staffing": {
      const clientsPerFte = number("clientsPerFte");
      const bases = Object.keys(values)
        .map((k) => /^staffing\.([^.]+)\.basis$/.exec(k)?.[1])
        .filter((x): x is string => x !== undefined);
      const rules = new Map<string, Record<string, unknown> | null>();
      for (const code of bases) {
        const p = `staffing.${code}`;
        const basis = values[`${p}.basis`];
        const explanation = values[`${p}.explanation`] ?? "";
        if (basis === "clientsPerFte") {
          rules.set(
            code,
            compact({
              role: code,
              basis,
              clientsPerFte: number(`${p}.clientsPerFte`),
              targetGroup: values[`${p}.targetGroup`] ?? "",
              sharePercent: number(`${p}.sharePercent`),
              explanation,
            }),
          );
        } else if (basis === "fixedPerRegion") {
          rules.set(code, compact({ role: code, basis, fte: number(`${p}.fte`), explanation }));
        } else {
          rules.set(code, null);
        }
      }
      apply = (d) => ({
        next: {
          ...d,
          clientsPerFte,
          staffingRules: d.roles.flatMap((role) => {
            if (!rules.has(role.code)) return d.staffingRules.filter((s) => s.role === role.code); // not in the form
            const rule = rules.get(role.code);
            return rule ? [rule] : [];
          }),
        },
      });
      break;
    }
    case "contract": {
      // Vertragsbedingungen (decision 0022): the schema states the ranges and names each field.
      const contract = {
        reporting: compact({ interval: values["contract.reporting.interval"] ?? "", dueDays: number("contract.reporting.dueDays") }),
        ...compact({
          vacancyToleranceDays: number("contract.vacancyToleranceDays"),
          // Not left out when empty: the schema's default is for definitions written before it.
          adjustmentTolerancePercent: number("contract.adjustmentTolerancePercent") ?? null,
          adjustmentBoundsPercent: number("contract.adjustmentBoundsPercent"),
        }),
      };
      apply = (d) => ({ next: { ...d, contract } });
      break;
    }
    case "concept": {
      const rows = rowsOf("concept", values);
      const maxChars = rows.map((r) => number(`conceptSections[${r.i}].maxChars`));
      apply = (d) => {
        // Criteria name the sections they score by code (decision 0016): a renamed section
        // stays scored under its new code; a removed one drops out of the criteria's lists
        // (a criterion left with none is the schema's to refuse).
        const renamed = renames(d.conceptSections, rows, (r) => r.get("code").trim());
        const known = (code: string) => !d.conceptSections.some((s) => s.code === code) || renamed.has(code);
        return {
          next: {
            ...d,
            conceptSections: rows.map((r, k) =>
              compact({ code: r.get("code").trim(), title: r.get("title"), guidance: r.get("guidance"), maxChars: maxChars[k], roles: rolesOf(r.get("roles")) }),
            ),
            criteria: d.criteria.map((c) => ({ ...c, sections: c.sections.filter(known).map((code) => renamed.get(code) ?? code) })),
          },
          rowMap: rows.map((r) => r.i),
        };
      };
      break;
    }
  }

  if (Object.keys(errors).length) return { ok: false, errors };
  return {
    ok: true,
    apply: (d) => {
      const { next, rowMap } = apply(d);
      const known = new Set([...allFieldNames(d), ...Object.keys(values), ...ANCHORS]);
      const array = (ROW_SECTIONS as Record<string, { array: string }>)[section]?.array;
      return { next, fieldFor: (path) => fieldForPath(path, { next, known, array, rowMap }) };
    },
  };
}

function range(a: number, b: number): number[] {
  return Array.from({ length: b - a + 1 }, (_, k) => a + k);
}

/** Old code → new code for the stored rows that are kept (by their row index). */
function renames<R extends { i: number }>(stored: { code: string }[], rows: R[], code: (r: R) => string): Map<string, string> {
  const map = new Map<string, string>();
  for (const r of rows) if (r.i < stored.length) map.set(stored[r.i].code, code(r));
  return map;
}

// ------------------------------------------------------------------------------ errors → fields

/** "criteria[2].weight" → ["criteria", 2, "weight"]. */
export function parsePath(path: string): (string | number)[] {
  if (path === "(Wurzel)") return [];
  const out: (string | number)[] = [];
  for (const m of path.matchAll(/([^.[\]]+)|\[(\d+)\]/g)) out.push(m[2] !== undefined ? Number(m[2]) : m[1]);
  return out;
}

/**
 * The field that shows a schema error of the changed definition: indices of the edited
 * rows are mapped back to the rows of the form, list items to their textarea, and a path
 * without a field of its own to the nearest field or anchor above it.
 */
export function fieldForPath(
  path: string,
  ctx: { next: Record<string, unknown>; known: Set<string>; array?: string; rowMap?: number[] },
): string {
  let tokens = parsePath(path);
  const [head, index, field] = tokens;
  if (head === "staffingRules") {
    const rules = (ctx.next.staffingRules ?? []) as { role?: string }[];
    const code = typeof index === "number" ? rules[index]?.role : undefined;
    if (!code) return "staffing";
    tokens = ["staffing", code, field === "role" || field === undefined ? "basis" : field];
  } else if (head === "scale" && index === "points" && typeof field === "number") {
    const points = ((ctx.next.scale as { points?: { points: number }[] })?.points ?? [])[field]?.points;
    tokens = tokens[3] === "meaning" && points !== undefined ? ["scale", "meaning", String(points)] : ["scale", "points"];
  } else if ((PARAGRAPH_FIELDS as readonly string[]).includes(String(head)) || head === "illustrative") {
    tokens = [head];
  } else if (typeof index === "number") {
    if (head === ctx.array && ctx.rowMap) tokens[1] = ctx.rowMap[index] ?? index;
    if (head === "roles" && field === "tasks") tokens = tokens.slice(0, 3);
    if (head === "criteria" && field === "scale") tokens = [head, tokens[1], "name"];
  }
  for (let n = tokens.length; n > 0; n--) {
    const candidate = formatPath(tokens.slice(0, n));
    if (ctx.known.has(candidate)) return candidate;
  }
  return "_form";
}

/**
 * Errors of a definition as field → message in the reader's language: the first rule broken
 * at a field, and each time that rule is broken there again (the weights of every role that
 * misses 100 %, not only the first role's), one sentence each.
 */
export function errorsByField(errors: DefinitionError[], fieldFor: (path: string) => string, t: Translate, locale: Locale): Record<string, string> {
  const first = new Map<string, { key: string; messages: string[] }>();
  for (const e of errors) {
    const field = fieldFor(e.path);
    const message = refusalMessage(e, t, locale);
    const shown = first.get(field);
    if (!shown) first.set(field, { key: e.key, messages: [message] });
    else if (shown.key === e.key && !shown.messages.includes(message)) shown.messages.push(message);
  }
  return Object.fromEntries([...first].map(([field, { messages }]) => [field, messages.join(". ")]));
}

/** The sum of the weights as the criteria form shows them (rows kept, numbers only). */
export function weightSum(values: FormValues, roleCode: string | null = null): number {
  return rowsOf("criteria", values).reduce((sum, r) => {
    const roles = splitCodes(r.get("roles"));
    if (roleCode !== null && roles.length && !roles.includes(roleCode)) return sum;
    const n = parseNumber(r.get("weight"));
    return n === undefined || Number.isNaN(n) ? sum : sum + n;
  }, 0);
}

/**
 * The sums as the form shows them: one for all criteria, or, once a criterion names its
 * roles, one per role named in the form (weights add up to 100 % per role), each with the
 * role's name from `roles` (the call's roles; a code the call does not know shows as typed).
 */
export function weightSums(
  values: FormValues,
  roles: readonly { code: string; name: string }[] = [],
): { role: string | null; name: string | null; sum: number }[] {
  const named = [...new Set(rowsOf("criteria", values).flatMap((r) => splitCodes(r.get("roles"))))];
  if (named.length === 0) return [{ role: null, name: null, sum: weightSum(values) }];
  return named.map((role) => ({ role, name: roles.find((r) => r.code === role)?.name ?? role, sum: weightSum(values, role) }));
}

/** The scale points the form shows: every point of a sane range, else the points it has. */
export function scaleRows(values: FormValues): number[] {
  const min = parseNumber(values["scale.min"]);
  const max = parseNumber(values["scale.max"]);
  if (min !== undefined && max !== undefined && Number.isInteger(min) && Number.isInteger(max) && min < max && max - min <= 20) {
    return range(min, max);
  }
  return Object.keys(values)
    .map((k) => /^scale\.meaning\.(-?\d+)$/.exec(k)?.[1])
    .filter((x): x is string => x !== undefined)
    .map(Number)
    .sort((a, b) => a - b);
}
