// The spreadsheet's calendar: days of instants and the first instant of a day, in zones with and without clock
// changes, against the zone data of Node's Intl (ICU).
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { parseUtcOffset, ZoneCalendar } from '../../src/core/zone';
import { dayIn, formatDate, offsetAt, startOfDayIn, wallClock } from '../support/zones';

const ZONES = [
  'Etc/UTC',
  'Asia/Tehran', // +3:30; until 2022 its clock jumped at midnight, so some days had no midnight
  'Asia/Riyadh',
  'Asia/Manila',
  'Europe/Berlin',
  'Europe/London',
  'America/Los_Angeles',
  'America/Sao_Paulo',
  'Pacific/Kiritimati', // +14
  'Pacific/Pago_Pago', // -11
  'Pacific/Apia', // skipped 30 December 2011 altogether
  'Australia/Lord_Howe', // half-hour clock change
  'Asia/Kathmandu', // +5:45
];

/** A calendar of the zone that counts how often it asks for an offset (as the add-in asks Apps Script). */
function calendarOf(zone: string): { calendar: ZoneCalendar; asked: () => number } {
  let asked = 0;
  const calendar = new ZoneCalendar((t) => {
    asked++;
    return parseUtcOffset(formatDate(t, zone, 'Z'));
  });
  return { calendar, asked: () => asked };
}

const DAY = 86_400_000;
const instants = fc.integer({ min: Date.UTC(1990, 0, 1), max: Date.UTC(2040, 0, 1) });

describe('ZoneCalendar', () => {
  for (const zone of ZONES) {
    it(`gives the calendar day of any instant in ${zone}`, () => {
      const { calendar } = calendarOf(zone);
      fc.assert(
        fc.property(instants, (t) => {
          expect(calendar.dayOf(t)).toBe(dayIn(zone, t));
        }),
        { numRuns: 400 },
      );
    });

    it(`gives the first instant of each day in ${zone}, which shows that day at 00:00 where midnight exists`, () => {
      const { calendar } = calendarOf(zone);
      fc.assert(
        fc.property(fc.integer({ min: Date.UTC(1990, 0, 1) / DAY, max: Date.UTC(2040, 0, 1) / DAY }), (day) => {
          const start = calendar.startOf(day);
          const date = new Date(day * DAY);
          expect(start).toBe(startOfDayIn(zone, date.getUTCFullYear(), date.getUTCMonth() + 1, date.getUTCDate()));
          // The day itself, or the next where the day never happened (Kiritimati skipped 31 December 1994).
          expect(calendar.dayOf(start)).toBe(dayIn(zone, start));
          expect(calendar.dayOf(start)).toBeGreaterThanOrEqual(day);
          expect(calendar.dayOf(start - 60_000)).toBeLessThan(day);
        }),
        { numRuns: 300 },
      );
    });
  }

  it('finds the days around every clock change of a year exactly (Europe/London, Asia/Tehran 2021, Pacific/Apia 2011)', () => {
    for (const [zone, year] of [['Europe/London', 2024], ['Asia/Tehran', 2021], ['Pacific/Apia', 2011], ['America/Los_Angeles', 2025]] as const) {
      const { calendar } = calendarOf(zone);
      for (let t = Date.UTC(year, 0, 1); t < Date.UTC(year + 1, 0, 1); t += 15 * 60_000) {
        if (calendar.dayOf(t) !== dayIn(zone, t)) throw new Error(`${zone} ${new Date(t).toISOString()}: ${calendar.dayOf(t)} vs ${dayIn(zone, t)}`);
      }
    }
  });

  it('skips a day that never happened (Samoa, 30 December 2011) and keeps the day before and after', () => {
    const { calendar } = calendarOf('Pacific/Apia');
    const day = (y: number, m: number, d: number): number => Date.UTC(y, m - 1, d) / DAY;
    const end29 = calendar.startOf(day(2011, 12, 29)) + DAY - 1;
    expect(calendar.dayOf(end29)).toBe(day(2011, 12, 29));
    expect(calendar.dayOf(end29 + 1)).toBe(day(2011, 12, 31));
    expect(wallClock('Pacific/Apia', calendar.startOf(day(2011, 12, 31)))).toMatchObject({ day: 31, hour: 0, minute: 0 });
    // Kiritimati moved from UTC-10:40 to UTC+14 and skipped 31 December 1994: that day begins when 1 January does.
    const kiritimati = calendarOf('Pacific/Kiritimati').calendar;
    expect(kiritimati.startOf(day(1994, 12, 31))).toBe(kiritimati.startOf(day(1995, 1, 1)));
  });

  it('asks for the offset about once per distinct day of a two-year log', () => {
    const { calendar, asked } = calendarOf('Europe/London');
    const first = startOfDayIn('Europe/London', 2024, 1, 1);
    // 900,000 orders on 730 days, in no order: the calendar asks per UTC day met, plus a search at each clock change.
    let seed = 7;
    for (let i = 0; i < 900_000; i++) {
      seed = (seed * 1_103_515_245 + 12_345) % 2 ** 31;
      calendar.dayOf(first + (seed % 730) * DAY + ((seed >> 8) % 2) * 3_600_000);
    }
    expect(asked()).toBeLessThan(2 * 731 + 2 * 12);
  });

  it('reads Apps Script offsets', () => {
    expect(parseUtcOffset('+0330')).toBe(3.5 * 3_600_000);
    expect(parseUtcOffset('-1100')).toBe(-11 * 3_600_000);
    expect(parseUtcOffset('+05:45')).toBe(5.75 * 3_600_000);
    expect(parseUtcOffset('Z')).toBe(0);
    expect(() => parseUtcOffset('soon')).toThrow(/not a UTC offset/);
  });

  it('agrees with the reference zone data on the offsets it reports', () => {
    const { calendar } = calendarOf('Australia/Lord_Howe');
    fc.assert(
      fc.property(instants, (t) => {
        expect(calendar.offsetOf(t)).toBe(offsetAt('Australia/Lord_Howe', t));
      }),
      { numRuns: 300 },
    );
  });
});

describe('the reference zone data', () => {
  it('gives UTC and Etc/GMT±N the wall clock of ICU, without loading it', () => {
    const f = (zone: string, t: number): string =>
      new Intl.DateTimeFormat('en-CA', { timeZone: zone, hourCycle: 'h23', year: 'numeric', month: '2-digit', day: '2-digit', hour: '2-digit', minute: '2-digit', second: '2-digit' }).format(new Date(t));
    for (const zone of ['Etc/UTC', 'UTC', 'Etc/GMT', 'Etc/GMT+5', 'Etc/GMT-14']) {
      fc.assert(
        fc.property(instants, (t) => {
          const w = wallClock(zone, t);
          const two = (n: number): string => String(n).padStart(2, '0');
          expect(`${w.year}-${two(w.month)}-${two(w.day)}, ${two(w.hour)}:${two(w.minute)}:${two(w.second)}`).toBe(f(zone, t));
        }),
        { numRuns: 100 },
      );
    }
  });
});
