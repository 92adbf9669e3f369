/**
 * Time zones as the real world has them, from the ICU data of Node's Intl: what the tests hold the add-in's own
 * zone arithmetic against, and what the harness's fakes (SpreadsheetApp's zone, Utilities.formatDate) are built on.
 */

const formats = new Map<string, Intl.DateTimeFormat>();

function formatIn(zone: string): Intl.DateTimeFormat {
  let f = formats.get(zone);
  if (!f) {
    f = new Intl.DateTimeFormat('en-US', {
      timeZone: zone,
      hourCycle: 'h23',
      year: 'numeric',
      month: '2-digit',
      day: '2-digit',
      hour: '2-digit',
      minute: '2-digit',
      second: '2-digit',
      era: 'short',
    });
    formats.set(zone, f);
  }
  return f;
}

export interface WallClock {
  year: number;
  month: number;
  day: number;
  hour: number;
  minute: number;
  second: number;
}

/**
 * UTC and the Etc/GMT±N zones have one offset forever: their wall clock needs no zone data. (ICU's zone data costs a
 * Node process about 10 MB, which the benchmark's memory figure would otherwise charge to the add-in.)
 */
function fixedOffset(zone: string): number | null {
  if (/^(Etc\/)?(UTC|GMT|UCT|Zulu|Universal)$/i.test(zone)) return 0;
  const m = /^Etc\/GMT([+-])(\d{1,2})$/.exec(zone);
  return m ? (m[1] === '+' ? -1 : 1) * Number(m[2]) * 3_600_000 : null; // POSIX signs: Etc/GMT+5 is UTC-5
}

/** The wall-clock time of an instant in a zone. */
export function wallClock(zone: string, instant: number): WallClock {
  const fixed = fixedOffset(zone);
  if (fixed !== null) {
    const d = new Date(Math.floor(instant / 1000) * 1000 + fixed);
    return { year: d.getUTCFullYear(), month: d.getUTCMonth() + 1, day: d.getUTCDate(), hour: d.getUTCHours(), minute: d.getUTCMinutes(), second: d.getUTCSeconds() };
  }
  const parts: Record<string, string> = {};
  for (const p of formatIn(zone).formatToParts(new Date(instant))) parts[p.type] = p.value;
  const year = Number(parts.year);
  return {
    year: parts.era === 'BC' || parts.era === 'B' ? 1 - year : year,
    month: Number(parts.month),
    day: Number(parts.day),
    hour: Number(parts.hour),
    minute: Number(parts.minute),
    second: Number(parts.second),
  };
}

/** The zone's UTC offset at an instant, in milliseconds (whole seconds). */
export function offsetAt(zone: string, instant: number): number {
  const w = wallClock(zone, instant);
  return utc(w.year, w.month, w.day, w.hour, w.minute, w.second) - Math.floor(instant / 1000) * 1000;
}

/** The calendar day (days since 1970-01-01) of an instant in a zone. */
export function dayIn(zone: string, instant: number): number {
  const w = wallClock(zone, instant);
  return utc(w.year, w.month, w.day) / 86_400_000;
}

/** Date.UTC without its mapping of years 0-99 to 1900-1999. */
function utc(year: number, month: number, day: number, hour = 0, minute = 0, second = 0): number {
  const d = new Date(0);
  d.setUTCFullYear(year, month - 1, day);
  d.setUTCHours(hour, minute, second, 0);
  return d.getTime();
}

/** The first instant of a calendar day in a zone (its midnight, or the clock change where midnight is skipped). */
export function startOfDayIn(zone: string, year: number, month: number, day: number): number {
  const midnight = utc(year, month, day);
  const target = midnight / 86_400_000;
  // Offsets lie between -12 h and +14 h: the day begins in this window; search the first minute that falls on it.
  let lo = midnight - 15 * 3_600_000;
  let hi = midnight + 13 * 3_600_000;
  while (hi - lo > 60_000) {
    const mid = lo + Math.floor((hi - lo) / 2 / 60_000) * 60_000;
    if (dayIn(zone, mid) >= target) hi = mid;
    else lo = mid;
  }
  return hi;
}

/** Java's SimpleDateFormat patterns as Apps Script's Utilities.formatDate takes them (the letters the add-in uses). */
export function formatDate(instant: number, zone: string, pattern: string): string {
  const w = wallClock(zone, instant);
  const offset = offsetAt(zone, instant) / 60_000;
  const sign = offset < 0 ? '-' : '+';
  const abs = Math.abs(offset);
  const two = (n: number): string => String(n).padStart(2, '0');
  const fields: Record<string, string> = {
    yyyy: String(w.year).padStart(4, '0'),
    yy: two(w.year % 100),
    MM: two(w.month),
    M: String(w.month),
    dd: two(w.day),
    d: String(w.day),
    HH: two(w.hour),
    H: String(w.hour),
    mm: two(w.minute),
    ss: two(w.second),
    Z: `${sign}${two(Math.floor(abs / 60))}${two(abs % 60)}`,
    XXX: offset === 0 ? 'Z' : `${sign}${two(Math.floor(abs / 60))}:${two(abs % 60)}`,
  };
  return pattern.replace(/'([^']*)'|yyyy|yy|MM|M|dd|d|HH|H|mm|ss|XXX|Z/g, (token, quoted: string | undefined) => quoted ?? fields[token]);
}
