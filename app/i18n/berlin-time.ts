// <input type="datetime-local"> values are wall-clock times in Europe/Berlin; the
// database holds UTC instants. These convert both ways, daylight saving time included.
const ZONE = "Europe/Berlin";

function offsetMinutes(instant: Date): number {
  const parts = new Intl.DateTimeFormat("en-US", {
    timeZone: ZONE,
    hourCycle: "h23",
    year: "numeric",
    month: "2-digit",
    day: "2-digit",
    hour: "2-digit",
    minute: "2-digit",
    second: "2-digit",
  }).formatToParts(instant);
  const get = (type: string) => Number(parts.find((p) => p.type === type)!.value);
  const asUtc = Date.UTC(get("year"), get("month") - 1, get("day"), get("hour"), get("minute"), get("second"));
  return Math.round((asUtc - instant.getTime()) / 60_000);
}

/** "2017-02-28T12:00" (Berlin wall clock) → the instant; null if malformed or nonexistent. */
export function parseBerlinLocal(value: string): Date | null {
  const m = /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2})(?::(\d{2}))?$/.exec(value.trim());
  if (!m) return null;
  const [y, mo, d, h, mi, s] = m.slice(1).map((x) => Number(x ?? 0));
  const wall = Date.UTC(y, mo - 1, d, h, mi, s);
  // Try the offsets around the wanted time; keep the one whose wall clock matches.
  // The larger offset first: a time that occurs twice (autumn) means its first occurrence.
  const guesses = [offsetMinutes(new Date(wall - 3 * 3600_000)), offsetMinutes(new Date(wall + 3 * 3600_000))].sort((a, b) => b - a);
  for (const guess of guesses) {
    const instant = new Date(wall - guess * 60_000);
    if (toBerlinLocalInput(instant, true) === `${m[1]}-${m[2]}-${m[3]}T${m[4]}:${m[5]}:${String(s).padStart(2, "0")}`) {
      return instant;
    }
  }
  return null; // a wall-clock time skipped by the change to summer time
}

/** The instant as a datetime-local value in Berlin time ("2017-02-28T12:00"). */
export function toBerlinLocalInput(instant: Date, withSeconds = false): string {
  const local = new Date(instant.getTime() + offsetMinutes(instant) * 60_000).toISOString();
  return withSeconds ? local.slice(0, 19) : local.slice(0, 16);
}
