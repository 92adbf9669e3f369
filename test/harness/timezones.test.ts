// The same order log in spreadsheets of different time zones gives the same answers as in UTC. Sheets hands a script
// a date cell as midnight in the spreadsheet's zone, while the script runs in UTC (appsscript.json): east of UTC every
// date is an instant of the day before in UTC, west of it a late hour of the same day. Dates the add-in writes back
// must show the input's day in the spreadsheet.
import { beforeAll, describe, expect, it } from 'vitest';
import { isoFromDay, ymdFromDay } from '../../src/core/dates';
import { sampleOrderLog } from '../../src/core/generate';
import { analyzeActiveSheet } from './analyze';
import { createHarness, type Harness } from './gas';
import { dayIn } from '../support/zones';

/** East and west of UTC, half-hour and extreme offsets, and zones with clock changes. */
const ZONES = ['Asia/Tehran', 'Asia/Manila', 'Europe/London', 'America/Los_Angeles', 'Pacific/Kiritimati', 'Pacific/Pago_Pago', 'Australia/Lord_Howe'];

const log = sampleOrderLog(42);
const HEADER = ['Order date', 'Customer', 'Amount', 'Cost', 'Referred by'];

/** A spreadsheet in `zone` holding the sample log as date cells of its own days. */
function shopIn(zone: string): Harness {
  const gas = createHarness();
  gas.spreadsheet.setSpreadsheetTimeZone(zone);
  const sheet = gas.spreadsheet.getActiveSheet().setName('Orders');
  const rows: unknown[][] = [HEADER];
  for (let i = 0; i < log.days.length; i++) {
    const { year, month, day } = ymdFromDay(log.days[i]);
    rows.push([gas.date(year, month, day), log.customerIds[i], log.amounts[i], log.costs[i], log.referredBy[i]]);
  }
  gas.fill(sheet, rows);
  return gas;
}

const column = (gas: Harness, letter: string): unknown[][] => gas.spreadsheet.getActiveSheet().getRange(`${letter}2:${letter}`).getValues();

/** Every call of the suite, on the spreadsheet of one zone; dates in answers as the day they show there. */
function answersIn(gas: Harness): Record<string, unknown> {
  const [dates, ids, amounts] = [column(gas, 'A'), column(gas, 'B'), column(gas, 'C')];
  const shown = (value: unknown): unknown => {
    if (value instanceof Date) return `day ${isoFromDay(gas.spreadsheet.dayOf(value))}`;
    return Array.isArray(value) ? value.map(shown) : value;
  };
  const monthStarts = [gas.date(2025, 3, 1), gas.date(2025, 3, 30), gas.date(2025, 10, 26), gas.date(2026, 1, 1)].map((d) => [d]);
  const monthEnds = [gas.date(2025, 4, 1), gas.date(2025, 4, 30), gas.date(2025, 11, 26), gas.date(2026, 2, 1)].map((d) => [d]);
  return {
    summary: shown(gas.cell('CLV_SUMMARY', ids, dates, amounts)),
    // London summer time, and winter time: the ages T count exact days across the clock changes.
    summaryInSummer: shown(gas.cell('CLV_SUMMARY', ids, dates, amounts, gas.date(2025, 7, 15), 'week')),
    summaryInWinter: shown(gas.cell('CLV_SUMMARY', ids, dates, amounts, gas.date(2026, 1, 15), 'month')),
    cohortsByMonth: gas.cell('COHORT_RETENTION', ids, dates, 'month'),
    cohortsByWeek: gas.cell('COHORT_RETENTION', ids, dates, 'week', amounts),
    churnSeries: gas.cell('CHURN', ids, dates, monthStarts, monthEnds, 60),
    pAlive: gas.cell('P_ALIVE', ids, dates),
    pAliveAsOf: gas.cell('P_ALIVE', ids, dates, gas.date(2025, 10, 26), 'week'),
  };
}

/** The sidebar's analysis: its summary and the Customer value sheet, dates as the day they show. */
function analysisIn(gas: Harness): { summary: unknown; sheet: unknown[][]; shownDates: string[][] } {
  gas.spreadsheet.setActiveSheet(gas.spreadsheet.getSheetByName('Orders')!);
  const reply = analyzeActiveSheet(gas);
  if (!reply.ok) throw new Error(reply.error);
  const sheet = gas.spreadsheet.getSheetByName('Customer value')!;
  const values = sheet.getDataRange().getValues();
  const header = values[0] as string[];
  const first = header.indexOf('First order');
  const last = header.indexOf('Last order');
  return {
    summary: reply.value,
    sheet: values.map((r) => r.map((v) => (v instanceof Date ? `day ${isoFromDay(gas.spreadsheet.dayOf(v))}` : v))),
    shownDates: sheet
      .getRange(2, first + 1, values.length - 1, last - first + 1)
      .getDisplayValues()
      .map((r) => [r[0], r[r.length - 1]]),
  };
}

let reference: Record<string, unknown>;
let referenceAnalysis: ReturnType<typeof analysisIn>;

/** Each customer's first and last order day in the input log. */
const firstAndLast = new Map<string, [number, number]>();
for (let i = 0; i < log.days.length; i++) {
  const id = log.customerIds[i];
  const seen = firstAndLast.get(id);
  firstAndLast.set(id, seen ? [Math.min(seen[0], log.days[i]), Math.max(seen[1], log.days[i])] : [log.days[i], log.days[i]]);
}

beforeAll(() => {
  const utc = shopIn('Etc/UTC');
  reference = answersIn(utc);
  referenceAnalysis = analysisIn(utc);
});

describe('the UTC reference', () => {
  it('writes back the days of the input log', () => {
    const table = reference.summary as unknown[][];
    expect(table.length).toBe(firstAndLast.size + 1);
    for (const row of table.slice(1)) {
      const [first, last] = firstAndLast.get(String(row[0]))!;
      expect([row[5], row[6]]).toEqual([`day ${isoFromDay(first)}`, `day ${isoFromDay(last)}`]);
    }
  });
});

for (const zone of ZONES) {
  describe(`a spreadsheet in ${zone}`, () => {
    let gas: Harness;
    beforeAll(() => {
      gas = shopIn(zone);
    });

    it('hands the script dates that are not midnight UTC (the reason the zone matters)', () => {
      const first = column(gas, 'A')[0][0] as Date;
      expect(dayIn(zone, first.getTime())).toBe(log.days[0]);
      if (zone !== 'Europe/London') expect(first.getTime() % 86_400_000).not.toBe(0);
    });

    it('gives the same CLV_SUMMARY, COHORT_RETENTION, CHURN and P_ALIVE as in UTC, dates showing the same days', () => {
      const answers = answersIn(gas);
      for (const [name, value] of Object.entries(reference)) expect(answers[name], name).toEqual(value);
    });

    it('reads a text date and a date cell of the same day as the same day', () => {
      const ids = column(gas, 'B');
      const iso = log.days.length > 0 ? Array.from(log.days, (d) => [isoFromDay(d)]) : [];
      const fromText = gas.cell('CLV_SUMMARY', ids, iso, column(gas, 'C'), `${isoFromDay(log.endDay)}`);
      const fromCells = gas.cell('CLV_SUMMARY', ids, column(gas, 'A'), column(gas, 'C'), gas.date(...ymd(log.endDay)));
      expect(fromText).toEqual(fromCells);
    });

    it("gives the same analysis in the sidebar, and the Customer value sheet shows each customer's own first and last order days", () => {
      const analysis = analysisIn(gas);
      expect(analysis.summary).toEqual(referenceAnalysis.summary);
      expect(analysis.sheet).toEqual(referenceAnalysis.sheet);
      const ids = (gas.spreadsheet.getSheetByName('Customer value')!.getDataRange().getValues() as unknown[][]).slice(1).map((r) => String(r[0]));
      analysis.shownDates.forEach(([first, last], i) => {
        const [f, l] = firstAndLast.get(ids[i])!;
        expect([first, last]).toEqual([isoFromDay(f), isoFromDay(l)]);
      });
    });
  });
}

describe('the template in a spreadsheet east and west of UTC', () => {
  it('writes the sample orders on their own days, shown as such', () => {
    for (const zone of ['Asia/Tehran', 'America/Los_Angeles', 'Pacific/Kiritimati']) {
      const gas = createHarness();
      gas.spreadsheet.setSpreadsheetTimeZone(zone);
      gas.run('insertTemplate');
      const orders = gas.spreadsheet.getSheetByName('Sample orders')!;
      const shown = orders.getRange(2, 1, log.days.length, 1).getDisplayValues().map((r) => r[0]);
      expect(shown, zone).toEqual(Array.from(log.days, (d) => isoFromDay(d)));
    }
  });
});

function ymd(day: number): [number, number, number] {
  const { year, month, day: d } = ymdFromDay(day);
  return [year, month, d];
}
