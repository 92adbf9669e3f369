/**
 * Calendar days of instants in a time zone known only through its UTC offset at a given instant (in Apps Script,
 * Utilities.formatDate(date, zone, "Z")). Sheets hands a script a date cell as the instant of midnight in the
 * spreadsheet's zone, so the day of a date cell is the calendar day of that instant there, not in the script's zone.
 *
 * Asking for an offset is costly (a service call), and an order log holds a few hundred distinct days: the offset
 * is asked at the two ends of each UTC day met (shared with the neighbouring days), and only a day with a clock
 * change inside it is searched further, to the minute.
 */

const DAY = 86_400_000;
const MINUTE = 60_000;
/** UTC days remembered at once: a direct-mapped table, so a lookup is a few arithmetic steps. */
const SLOTS = 1024;

/** Milliseconds to add to an instant to get the wall-clock time of the zone (e.g. +3.5 h in Tehran). */
export type OffsetAt = (instant: number) => number;

export class ZoneCalendar {
  private readonly utcDay = new Float64Array(SLOTS).fill(NaN);
  private readonly before = new Float64Array(SLOTS);
  private readonly after = new Float64Array(SLOTS);
  /** Instant from which `after` holds in that UTC day; +Infinity when the clock does not change in it. */
  private readonly change = new Float64Array(SLOTS);
  private readonly asked = new Map<number, number>();

  constructor(private readonly offsetAt: OffsetAt) {}

  /** A zone whose clock never changes, e.g. UTC. */
  static fixed(offset: number): ZoneCalendar {
    return new ZoneCalendar(() => offset);
  }

  /** The zone's offset at an instant. */
  offsetOf(instant: number): number {
    const u = Math.floor(instant / DAY);
    const slot = u & (SLOTS - 1);
    if (this.utcDay[slot] !== u) this.learn(u, slot);
    return instant < this.change[slot] ? this.before[slot] : this.after[slot];
  }

  /** The calendar day (days since 1970-01-01) the instant falls on in the zone. */
  dayOf(instant: number): number {
    return Math.floor((instant + this.offsetOf(instant)) / DAY);
  }

  /**
   * The first instant of a calendar day in the zone: its local midnight, or, where a clock change skips midnight
   * (as Tehran's did until 2022), the moment the day begins. Dates written to a sheet at this instant show that day.
   */
  startOf(day: number): number {
    const midnight = day * DAY;
    // The offsets in force within a day either side of local midnight: one, or two around a clock change.
    const offsets = [this.offsetOf(midnight - DAY), this.offsetOf(midnight), this.offsetOf(midnight + DAY)];
    let first = Infinity;
    for (const offset of offsets) {
      const instant = midnight - offset;
      if (this.offsetOf(instant) === offset && instant < first) first = instant;
    }
    if (first !== Infinity) return first;
    // Midnight does not exist that day: the day begins at the clock change, the first instant that falls on it.
    let lo = midnight - Math.max(...offsets);
    let hi = midnight - Math.min(...offsets);
    while (hi - lo > MINUTE) {
      const mid = lo + Math.floor((hi - lo) / 2 / MINUTE) * MINUTE;
      if (this.dayOf(mid) >= day) hi = mid;
      else lo = mid;
    }
    return hi;
  }

  private learn(u: number, slot: number): void {
    const start = u * DAY;
    const end = start + DAY;
    const a = this.ask(start);
    const b = this.ask(end);
    this.utcDay[slot] = u;
    this.before[slot] = a;
    this.after[slot] = b;
    this.change[slot] = Infinity;
    if (a === b) return;
    // The clock changes once inside this UTC day (no zone changes twice in a day): find the minute it does.
    let lo = start;
    let hi = end;
    while (hi - lo > MINUTE) {
      const mid = lo + Math.floor((hi - lo) / 2 / MINUTE) * MINUTE;
      if (this.offsetAt(mid) === a) lo = mid;
      else hi = mid;
    }
    this.change[slot] = hi;
  }

  private ask(instant: number): number {
    let offset = this.asked.get(instant);
    if (offset === undefined) this.asked.set(instant, (offset = this.offsetAt(instant)));
    return offset;
  }
}

/** "+0330", "-0800", "Z" (Apps Script's formatDate pattern "Z") as milliseconds. */
export function parseUtcOffset(text: string): number {
  const m = /^([+-])(\d{2}):?(\d{2})$/.exec(text.trim());
  if (!m) {
    if (/^(Z|GMT|UTC)$/i.test(text.trim())) return 0;
    throw new Error(`not a UTC offset: ${text}`);
  }
  const minutes = Number(m[2]) * 60 + Number(m[3]);
  return (m[1] === '-' ? -minutes : minutes) * MINUTE;
}
