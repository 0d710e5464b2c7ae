// German local time (Europe/Berlin: CET in winter, CEST in summer) is the portal's one
// calendar. The database holds UTC instants; every computation that depends on the Berlin
// wall clock or calendar day happens here, on Intl alone (its time-zone data knows every
// change of the clocks), and nowhere else: offsets, calendar days, the start and end of a
// Berlin day, months, datetime-local values, RFC 3339 with offset. Formatting for people is
// ./format.ts, with the same zone.
//
// A calendar day is written "YYYY-MM-DD", a wall-clock time "YYYY-MM-DDTHH:mm[:ss]".
export const BERLIN_TIME_ZONE = "Europe/Berlin";

const wallClock = new Intl.DateTimeFormat("en-US", {
  timeZone: BERLIN_TIME_ZONE,
  hourCycle: "h23",
  year: "numeric",
  month: "2-digit",
  day: "2-digit",
  hour: "2-digit",
  minute: "2-digit",
  second: "2-digit",
});

type WallClock = { year: number; month: number; day: number; hour: number; minute: number; second: number };

function wallClockOf(instant: Date): WallClock {
  const parts = wallClock.formatToParts(instant);
  const get = (type: Intl.DateTimeFormatPartTypes) => Number(parts.find((p) => p.type === type)!.value);
  return { year: get("year"), month: get("month"), day: get("day"), hour: get("hour"), minute: get("minute"), second: get("second") };
}

const pad = (n: number, width = 2) => String(n).padStart(width, "0");

/** Minutes Berlin time is ahead of UTC at an instant: 60 (CET) or 120 (CEST). */
export function berlinOffsetMinutes(instant: Date): number {
  const w = wallClockOf(instant);
  const wallAsUtc = Date.UTC(w.year, w.month - 1, w.day, w.hour, w.minute, w.second);
  // The wall clock shows whole seconds: compare with the instant's whole second.
  return Math.round((wallAsUtc - Math.floor(instant.getTime() / 1000) * 1000) / 60_000);
}

/** "2017-02-28T12:00" (Berlin wall clock) → the instant; null if malformed or nonexistent. */
export function parseBerlinLocal(value: string): Date | null {
  const m = /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2})(?::(\d{2}))?$/.exec(value.trim());
  if (!m) return null;
  const [y, mo, d, h, mi, s] = m.slice(1).map((x) => Number(x ?? 0));
  const wall = Date.UTC(y, mo - 1, d, h, mi, s);
  // Try the offsets around the wanted time; keep the one whose wall clock matches.
  // The larger offset first: a time that occurs twice (autumn) means its first occurrence.
  const guesses = [berlinOffsetMinutes(new Date(wall - 3 * 3600_000)), berlinOffsetMinutes(new Date(wall + 3 * 3600_000))].sort((a, b) => b - a);
  for (const guess of guesses) {
    const instant = new Date(wall - guess * 60_000);
    if (toBerlinLocalInput(instant, true) === `${m[1]}-${m[2]}-${m[3]}T${m[4]}:${m[5]}:${pad(s)}`) {
      return instant;
    }
  }
  return null; // a wall-clock time skipped by the change to summer time, or no such day
}

/** The instant as a datetime-local value in Berlin time ("2017-02-28T12:00"). */
export function toBerlinLocalInput(instant: Date, withSeconds = false): string {
  const local = new Date(instant.getTime() + berlinOffsetMinutes(instant) * 60_000).toISOString();
  return withSeconds ? local.slice(0, 19) : local.slice(0, 16);
}

/** The Berlin calendar day of an instant ("2017-03-20" for 20 March 23:30 CET). */
export function berlinDay(instant: Date): string {
  return toBerlinLocalInput(instant).slice(0, 10);
}

/** Whether two instants fall on the same Berlin calendar day. */
export function isSameBerlinDay(a: Date, b: Date): boolean {
  return berlinDay(a) === berlinDay(b);
}

/** The Berlin year and month (1–12) of an instant, e.g. for whole months of a term. */
export function berlinYearMonth(instant: Date): { year: number; month: number } {
  const { year, month } = wallClockOf(instant);
  return { year, month };
}

/** Year, month (1–12) and day as a calendar day "YYYY-MM-DD"; null if there is no such day (30 February). */
export function calendarDay(year: number, month: number, day: number): string | null {
  const date = new Date(Date.UTC(year, month - 1, day));
  if (date.getUTCFullYear() !== year || date.getUTCMonth() !== month - 1 || date.getUTCDate() !== day) return null;
  return `${pad(year, 4)}-${pad(month)}-${pad(day)}`;
}

/** A calendar day plus whole days ("2017-03-20" + 11 → "2017-03-31"); a day is a day, whatever the clocks do. */
export function addCalendarDays(day: string, days: number): string {
  const [y, m, d] = day.split("-").map(Number);
  return new Date(Date.UTC(y, m - 1, d + days)).toISOString().slice(0, 10);
}

const DAY = /^\d{4}-\d{2}-\d{2}$/;

/** 00:00 Berlin time of a calendar day; null if it is not one. Midnight always exists in Berlin (the clocks change at 02:00 and 03:00). */
export function startOfBerlinDay(day: string): Date | null {
  return DAY.test(day) ? parseBerlinLocal(`${day}T00:00`) : null;
}

/** The last second (23:59:59) of a Berlin calendar day; null if it is not one. */
export function endOfBerlinDay(day: string): Date | null {
  return DAY.test(day) ? parseBerlinLocal(`${day}T23:59:59`) : null;
}

/** 00:00 Berlin time of the day `days` calendar days after the Berlin day of `instant`. */
export function startOfBerlinDayAfter(instant: Date, days: number): Date {
  return startOfBerlinDay(addCalendarDays(berlinDay(instant), days))!;
}

/**
 * RFC 3339 date-time in Berlin time with its offset, as OCDS and call definitions write
 * instants: "2017-02-28T12:00:00+01:00"; milliseconds only where there are some.
 */
export function isoWithBerlinOffset(instant: Date): string {
  const t = instant.getTime();
  if (Number.isNaN(t)) throw new RangeError("Invalid date");
  const w = wallClockOf(instant);
  const offset = berlinOffsetMinutes(instant);
  const sign = offset < 0 ? "-" : "+";
  const abs = Math.abs(offset);
  const ms = ((t % 1000) + 1000) % 1000;
  const fraction = ms ? `.${pad(ms, 3)}` : "";
  return `${pad(w.year, 4)}-${pad(w.month)}-${pad(w.day)}T${pad(w.hour)}:${pad(w.minute)}:${pad(w.second)}${fraction}${sign}${pad(Math.floor(abs / 60))}:${pad(abs % 60)}`;
}
