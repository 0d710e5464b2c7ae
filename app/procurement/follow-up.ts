// Folgeaufruf (issue 14 point 5, decision 0027): the definition of a follow-up call, a copy of
// the original's limited to the lots left uncovered, each stating its uncovered FTE as its
// volume, with the original's schedule moved to start tomorrow. Pure: no database, no clock.
import { addCalendarDays, berlinDay, parseBerlinLocal, toBerlinLocalInput, isoWithBerlinOffset } from "../i18n/berlin-time";
import { DomainError } from "../infra/errors";
import type { CallDefinition } from "./call-definition";

export type FollowUpLot = { regionCode: string; roleCode: string; uncoveredHundredths: number };

// The dates that move together, keeping the original's spans; the contract end stays.
const MOVED = ["published", "questionDeadline", "submissionDeadline", "opening", "bindingPeriodEnd", "serviceStart"] as const;

/** The slug and title of the n-th follow-up call of a call (1: "… – Folgeaufruf"). */
export function followUpNaming(original: Pick<CallDefinition, "slug" | "title">, ordinal: number): { slug: string; title: string } {
  const suffix = ordinal === 1 ? "-folgeaufruf" : `-folgeaufruf-${ordinal}`;
  // A slug has at most 64 characters: the original's is shortened, not the suffix.
  const base = original.slug.slice(0, 64 - suffix.length).replace(/-+$/, "");
  return { slug: `${base}${suffix}`, title: `${original.title} – ${ordinal === 1 ? "" : `${ordinal}. `}Folgeaufruf` };
}

/**
 * The follow-up's dates: publication tomorrow at the original's time of day, every later
 * date the same number of calendar days after it as in the original (Berlin wall clock, so
 * times stay on the hour across daylight saving time). A service start on a month's first
 * stays on a month's first (the next one), as contracts and report periods run by months;
 * it is never before the first of the month after today, and the end of the binding period
 * moves on with it. The contract end is the original's:
 * the follow-up fills the same plan until the same end. Refused (CONFLICT) when the service
 * start would not come before the contract end.
 */
export function followUpDates(dates: CallDefinition["dates"], now: Date): CallDefinition["dates"] {
  const publishDay = addCalendarDays(berlinDay(now), 1);
  const shift = dayDiff(berlinDay(new Date(dates.published)), publishDay);
  const moved = Object.fromEntries(
    MOVED.map((key) => {
      const local = toBerlinLocalInput(new Date(dates[key]), true);
      return [key, `${addCalendarDays(local.slice(0, 10), shift)}${local.slice(10)}`];
    }),
  ) as Record<(typeof MOVED)[number], string>;

  let startDay = moved.serviceStart.slice(0, 10);
  if (berlinDay(new Date(dates.serviceStart)).endsWith("-01") && !startDay.endsWith("-01")) startDay = firstOfNextMonth(startDay);
  const earliest = firstOfNextMonth(berlinDay(now));
  if (startDay < earliest) startDay = earliest;
  // The binding period (Bindefrist) keeps its span to the service start where that moved on.
  const later = dayDiff(moved.serviceStart.slice(0, 10), startDay);
  moved.bindingPeriodEnd = `${addCalendarDays(moved.bindingPeriodEnd.slice(0, 10), later)}${moved.bindingPeriodEnd.slice(10)}`;
  moved.serviceStart = `${startDay}${moved.serviceStart.slice(10)}`;

  const out = Object.fromEntries(MOVED.map((key) => [key, berlinIsoOf(moved[key])])) as CallDefinition["dates"];
  out.contractEnd = dates.contractEnd;
  if (!(Date.parse(out.serviceStart) < Date.parse(out.contractEnd))) {
    throw new DomainError("CONFLICT", "followUp.refusal.termOver", { serviceStart: new Date(out.serviceStart), contractEnd: new Date(out.contractEnd) });
  }
  return out;
}

/**
 * The follow-up's definition: the original's, limited to the given lots (each with its
 * uncovered FTE as its volume) and to their regions and roles, and to the criteria, concept
 * sections and staffing rules of those roles; a new slug and title, no Aktenzeichen (a new
 * procedure has its own), the dates of `followUpDates`. The caller validates it as every
 * draft is validated.
 */
export function followUpDefinition(opts: {
  original: CallDefinition;
  lots: FollowUpLot[];
  ordinal: number;
  now: Date;
}): Record<string, unknown> {
  const { original: o } = opts;
  if (opts.lots.length === 0) throw new DomainError("CONFLICT", "followUp.refusal.nothingUncovered");
  const regionCodes = new Set(opts.lots.map((l) => l.regionCode));
  const roleCodes = new Set(opts.lots.map((l) => l.roleCode));
  const keepsRole = (item: { roles?: string[] }) => !item.roles || item.roles.some((r) => roleCodes.has(r));
  const limitRoles = <T extends { roles?: string[] }>(item: T): T =>
    item.roles ? { ...item, roles: item.roles.filter((r) => roleCodes.has(r)) } : item;
  const sections = o.conceptSections.filter(keepsRole).map(limitRoles);
  const sectionCodes = new Set(sections.map((s) => s.code));
  const { fileNumber: _, ...rest } = structuredClone(o);
  return {
    ...rest,
    ...followUpNaming(o, opts.ordinal),
    dates: followUpDates(o.dates, opts.now),
    regions: o.regions.filter((r) => regionCodes.has(r.code)),
    // A tandem partner that is not offered again is no longer named.
    roles: o.roles
      .filter((r) => roleCodes.has(r.code))
      .map(({ tandemWith, ...r }) => (tandemWith && roleCodes.has(tandemWith) ? { ...r, tandemWith } : r)),
    lots: opts.lots.map((l) => ({ region: l.regionCode, role: l.roleCode, fte: l.uncoveredHundredths / 100 })),
    criteria: o.criteria
      .filter(keepsRole)
      .map(limitRoles)
      .map((c) => ({ ...c, sections: c.sections.filter((s) => sectionCodes.has(s)) })),
    conceptSections: sections,
    staffingRules: o.staffingRules.filter((s) => roleCodes.has(s.role)),
    maxLotsPerCarrier: o.maxLotsPerCarrier === null ? null : Math.min(o.maxLotsPerCarrier, opts.lots.length),
  };
}

function dayDiff(from: string, to: string): number {
  return Math.round((Date.parse(`${to}T00:00:00Z`) - Date.parse(`${from}T00:00:00Z`)) / 86_400_000);
}

function firstOfNextMonth(day: string): string {
  const [y, m] = day.split("-").map(Number);
  return new Date(Date.UTC(y, m, 1)).toISOString().slice(0, 10);
}

/** A Berlin wall-clock time with seconds as the definition's instant with its offset. */
function berlinIsoOf(local: string): string {
  const instant = parseBerlinLocal(local) ?? parseBerlinLocal(`${local.slice(0, 10)}T${String(Number(local.slice(11, 13)) + 1).padStart(2, "0")}${local.slice(13)}`);
  // A wall time skipped by the change to summer time (02:xx on its day) is taken an hour later.
  if (!instant) throw new RangeError(`No such time in Europe/Berlin: ${local}`);
  return isoWithBerlinOffset(instant);
}
