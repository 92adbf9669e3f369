import { describe, expect, it } from 'vitest';
import { cohortRetention } from '../../src/core/cohort';
import { dayFromYmd, periodIndex, periodLabel, periodStartDay } from '../../src/core/dates';
import { DataError } from '../../src/core/errors';

const orders: [string, number, number, number, number][] = [
  ['X', 2024, 1, 5, 10],
  ['X', 2024, 2, 10, 20],
  ['X', 2024, 4, 1, 30],
  ['Y', 2024, 1, 20, 5],
  ['Z', 2024, 2, 3, 7],
  ['Z', 2024, 3, 15, 8],
];
const ids = orders.map((o) => o[0]);
const days = orders.map((o) => dayFromYmd(o[1], o[2], o[3]));
const amounts = orders.map((o) => o[4]);

describe('cohort retention triangle', () => {
  it('gives the share of each monthly cohort ordering k months after acquisition', () => {
    const table = cohortRetention(ids, days, 'month');
    expect(table.periods).toBe(4);
    expect(table.rows).toEqual([
      { label: '2024-01', start: dayFromYmd(2024, 1, 1), size: 2, values: [1, 0.5, 0, 0.5] },
      { label: '2024-02', start: dayFromYmd(2024, 2, 1), size: 1, values: [1, 1, 0] },
    ]);
  });

  it('gives revenue per cohort customer with amounts', () => {
    const table = cohortRetention(ids, days, 'month', amounts);
    expect(table.rows[0].values).toEqual([7.5, 10, 0, 15]);
    expect(table.rows[1].values).toEqual([7, 8, 0]);
  });

  it('groups by ISO week, quarter and year', () => {
    expect(cohortRetention(ids, days, 'quarter').rows).toEqual([{ label: '2024-Q1', start: dayFromYmd(2024, 1, 1), size: 3, values: [1, 1 / 3] }]);
    expect(cohortRetention(ids, days, 'year').rows).toEqual([{ label: '2024', start: dayFromYmd(2024, 1, 1), size: 3, values: [1] }]);
    const weeks = cohortRetention(ids, days, 'week');
    expect(weeks.rows[0].label).toBe('2024-01-01'); // 2024-01-05 is in the week starting Monday 2024-01-01
    expect(weeks.rows.map((r) => r.size)).toEqual([1, 1, 1]);
  });
});

describe('cohorts with returns', () => {
  it('counts purchases as the summary does: a return starts no cohort and is no order of its period, but lowers its revenue', () => {
    // R has returns only; X returns goods in March (no purchase then) and, before its first purchase, in December.
    const log: [string, number, number, number, number][] = [
      ['X', 2023, 12, 20, -4],
      ['X', 2024, 1, 5, 10],
      ['X', 2024, 3, 2, -6],
      ['R', 2024, 1, 9, -3],
      ['Y', 2024, 1, 20, 5],
      ['Y', 2024, 3, 20, 0],
    ];
    const args = [log.map((o) => o[0]), log.map((o) => dayFromYmd(o[1], o[2], o[3]))] as const;
    const shares = cohortRetention(...args, 'month', log.map((o) => o[4])).rows;
    expect(shares).toEqual([{ label: '2024-01', start: dayFromYmd(2024, 1, 1), size: 2, values: [7.5, 0, -3] }]);
    const withoutAmounts = cohortRetention(...args, 'month').rows;
    expect(withoutAmounts[0]).toEqual({ label: '2023-12', start: dayFromYmd(2023, 12, 1), size: 1, values: [1, 1, 0, 1] }); // every row an order
  });
});

describe('cohort table size', () => {
  const limits = { columns: 18_278, cells: 10_000_000 };
  const weekly = (extra: number): { ids: string[]; days: number[] } => {
    const ids = Array.from({ length: 300 }, (_, i) => `C${i}`);
    const days = ids.map((_, i) => dayFromYmd(2024, 1, 1) + 7 * (i % 52));
    ids.push('C1');
    days.push(extra);
    return { ids, days };
  };

  it('refuses, naming the row of the far-off date, a table wider than a sheet', () => {
    const { ids, days } = weekly(dayFromYmd(9999, 1, 4));
    let error: unknown;
    try {
      cohortRetention(ids, days, 'week', undefined, limits);
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(DataError);
    expect((error as DataError).row).toBe(300);
    expect((error as DataError).message).toBe(
      '9999-01-04 is 416,116 weeks after the first order (2024-01-01): the cohort table would need 416,119 columns but a sheet has at most 18,278; fix that date, or use a longer period such as "month"',
    );
  });

  it('names an early typo as such, and the cells when the columns fit but the table does not', () => {
    const { ids, days } = weekly(dayFromYmd(1024, 1, 1));
    expect(() => cohortRetention(ids, days, 'year', undefined, limits)).not.toThrow();
    expect(() => cohortRetention(ids, days, 'week', undefined, limits)).toThrow(/^1024-01-01 is 52,\d{3} weeks before the last order \(2024-12-23\): .*18,278; fix that date, or use a longer period such as "month"$/);
    const many = Array.from({ length: 5000 }, (_, i) => dayFromYmd(2024, 1, 1) + 7 * i); // a cohort a week for 96 years
    expect(() => cohortRetention(many.map((_, i) => i), many, 'week', undefined, limits)).toThrow(/would need 5,001 rows × 5,002 columns, 25,015,002 cells, but a spreadsheet holds at most 10,000,000/);
  });
});

describe('calendar periods', () => {
  it('weeks start on Monday and periods round-trip', () => {
    const monday = dayFromYmd(2024, 1, 15);
    for (let k = 0; k < 7; k++) expect(periodIndex(monday + k, 'week')).toBe(periodIndex(monday, 'week'));
    expect(periodIndex(monday - 1, 'week')).toBe(periodIndex(monday, 'week') - 1);
    for (const p of ['week', 'month', 'quarter', 'year'] as const) {
      const i = periodIndex(dayFromYmd(2023, 11, 30), p);
      expect(periodIndex(periodStartDay(i, p), p)).toBe(i);
      expect(periodIndex(periodStartDay(i, p) - 1, p)).toBe(i - 1);
    }
    expect(periodLabel(periodIndex(dayFromYmd(2023, 11, 30), 'quarter'), 'quarter')).toBe('2023-Q4');
  });
});
