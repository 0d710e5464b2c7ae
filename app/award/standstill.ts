// Vorabinformation und Wartefrist, § 134 GWB: after the notice to the unsuccessful bidders
// the contract may not be awarded before the standstill period has passed. Pure: the
// sending time and `now` are arguments.
//
// Counting, stated once:
// - 10 calendar days when the notice is sent electronically (or by fax), 15 when sent by
//   post (§ 134 Abs. 2 GWB);
// - the period begins on the day after sending (§ 134 Abs. 2 Satz 3 GWB, § 187 Abs. 1 BGB)
//   and ends at the end of its last day (§ 188 Abs. 1 BGB);
// - days are Berlin calendar days: a notice sent at 23:30 or at 00:30 Berlin time counts the
//   Berlin date as the sending day, whatever the UTC date is;
// - the award is allowed from 00:00 Europe/Berlin of the day after the last day, the
//   instant computed with the offset of that day (CET or CEST; app/i18n/berlin-time.ts);
// - § 193 BGB (a period ending on a weekend or public holiday runs to the next working day)
//   is not applied: whether it applies to the Wartefrist is disputed; an officer who wants
//   the safer date waits the extra days.
import { startOfBerlinDayAfter } from "../i18n/berlin-time";

export type NoticeChannel = "electronic" | "post";

export const STANDSTILL_DAYS: Record<NoticeChannel, number> = { electronic: 10, post: 15 };

/** The first instant at which the award may be made: 00:00 Berlin time after the last day. */
export function earliestAwardDate(noticeSentAt: Date, channel: NoticeChannel = "electronic"): Date {
  if (Number.isNaN(noticeSentAt.getTime())) throw new RangeError("invalid sending time");
  // Sending day + N days is the last day of the period; the award day is the one after.
  return startOfBerlinDayAfter(noticeSentAt, STANDSTILL_DAYS[channel] + 1);
}

/** Whether the standstill period has passed at `now`. */
export function isAwardAllowed(noticeSentAt: Date, now: Date, channel: NoticeChannel = "electronic"): boolean {
  return now.getTime() >= earliestAwardDate(noticeSentAt, channel).getTime();
}

export type StandstillRemaining = { days: number; hours: number; earliestAwardAt: Date } | null;

/**
 * Time left until the award is allowed, or null once it is. Elapsed time (a night across a
 * change of the clocks has 23 or 25 hours), rounded up to whole hours so that it never
 * shows "0 Tage 0 Stunden" while the award is still barred.
 */
export function standstillRemaining(noticeSentAt: Date, now: Date, channel: NoticeChannel = "electronic"): StandstillRemaining {
  const earliestAwardAt = earliestAwardDate(noticeSentAt, channel);
  const ms = earliestAwardAt.getTime() - now.getTime();
  if (ms <= 0) return null;
  const hours = Math.ceil(ms / 3_600_000);
  return { days: Math.floor(hours / 24), hours: hours % 24, earliestAwardAt };
}
