import { describe, expect, it } from 'vitest';
import { cohortRetention } from '../../src/core/cohort';
import { dayFromYmd, periodIndex, periodLabel, periodStartDay } from '../../src/core/dates';

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
      { label: '2024-01', size: 2, values: [1, 0.5, 0, 0.5] },
      { label: '2024-02', size: 1, values: [1, 1, 0] },
    ]);
  });

  it('gives revenue per cohort customer with amounts', () => {
    const table = cohortRetention(ids, days, 'month', amounts);
    expect(table.rows[0].values).toEqual([7.5, 10, 0, 15]);
    expect(table.rows[1].values).toEqual([7, 8, 0]);
  });

  it('groups by ISO week, quarter and year', () => {
    expect(cohortRetention(ids, days, 'quarter').rows).toEqual([{ label: '2024-Q1', size: 3, values: [1, 1 / 3] }]);
    expect(cohortRetention(ids, days, 'year').rows).toEqual([{ label: '2024', size: 3, values: [1] }]);
    const weeks = cohortRetention(ids, days, 'week');
    expect(weeks.rows[0].label).toBe('2024-01-01'); // 2024-01-05 is in the week starting Monday 2024-01-01
    expect(weeks.rows.map((r) => r.size)).toEqual([1, 1, 1]);
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
