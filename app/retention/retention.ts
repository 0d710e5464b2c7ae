// Aufbewahrung (decision 0036): when a call's record may let go of what only the procedure
// needed. VgV § 8 (4): the documentation, the Vergabevermerk and the bids are kept until
// the contract ends and at least three years after the award. The portal keeps them the
// configured years (default three) after the later of the award and the last contract's
// end; a call that ended without an award, its decision day plus those years.
import type { SubmissionSnapshot } from "../submission/snapshot";

/** The legal minimum after the award (VgV § 8 (4)) and the default of RETENTION_YEARS. */
export const STATUTORY_YEARS = 3;

/** What a call's retention date follows from. */
export type RetentionFacts = {
  /** The last award (Zuschlag) of one of its lots; null: never awarded. */
  awardedAt: Date | null;
  /** The latest end of its contracts (a follow-up call's contracts count for that call). */
  contractEnd: Date | null;
  /** Aufhebung of the whole call, or the last lot cancelled when every lot was; null: none. */
  endedWithoutAwardAt: Date | null;
  /** An officer's later date (calls.retention_until). */
  override: Date | null;
};

export type RetentionDate = { date: Date; source: "computed" | "override" };

/** `at` plus whole years, on the same UTC day and time (29 February: 1 March). */
export function addYears(at: Date, years: number): Date {
  const d = new Date(at.getTime());
  d.setUTCFullYear(d.getUTCFullYear() + years);
  return d;
}

const later = (a: Date, b: Date | null) => (b && b.getTime() > a.getTime() ? b : a);

/** The date the configured rule gives, without an override; null: the call is not decided. */
export function computedRetentionDate(f: RetentionFacts, years: number): Date | null {
  if (f.awardedAt) return later(addYears(f.awardedAt, years), f.contractEnd && addYears(f.contractEnd, years));
  if (f.endedWithoutAwardAt) return addYears(f.endedWithoutAwardAt, years);
  return null;
}

/** The earliest date the law allows: contract end, and at least three years after the award. */
export function statutoryMinimum(f: RetentionFacts): Date | null {
  if (f.awardedAt) return later(addYears(f.awardedAt, STATUTORY_YEARS), f.contractEnd);
  if (f.endedWithoutAwardAt) return addYears(f.endedWithoutAwardAt, STATUTORY_YEARS);
  return null;
}

/**
 * The retention date in force: the officer's later date, else the computed one; null: not
 * decided. An undecided call has none whatever an officer set: its bids are still needed.
 */
export function retentionDate(f: RetentionFacts, years: number): RetentionDate | null {
  const computed = computedRetentionDate(f, years);
  if (!computed) return null;
  if (f.override && f.override.getTime() > computed.getTime()) return { date: f.override, source: "override" };
  return { date: computed, source: "computed" };
}

/** Whether retention deletes now: the date has come (the whole day of the date counts as kept). */
export function isDue(date: RetentionDate | null, now: Date): boolean {
  return date !== null && now.getTime() >= date.date.getTime();
}

/**
 * A not awarded bid's submitted version after retention: what the ranking and the
 * Vergabevermerk compute from stays (lots, offered FTE, pay groups, cost plan, the
 * organisation, a legal person); the concept texts, the posts' qualifications and
 * languages, the files' names and the declarations in Textform (names of people) go.
 */
export function redactedSnapshot(s: SubmissionSnapshot, at: Date): SubmissionSnapshot {
  return {
    ...s,
    lots: s.lots.map((l) => ({
      ...l,
      concept: l.concept.map((c) => ({ ...c, text: "" })),
      conceptFile: l.conceptFile && { ...l.conceptFile, name: "" },
      posts: l.posts.map((p) => ({ ...p, qualification: "", languages: [] })),
    })),
    documents: s.documents.map((d) => ({ ...d, file: { ...d.file, name: "" } })),
    declarations: undefined,
    deletedByRetentionAt: at.toISOString(),
  };
}
