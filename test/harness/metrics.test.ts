// The closed-form cell functions, called through the built dist/Code.js exactly as a cell calls them.
import { beforeAll, describe, expect, it } from 'vitest';
import { createHarness, type Harness } from './gas';

let gas: Harness;
beforeAll(() => {
  gas = createHarness();
});

const col = (...values: unknown[]): unknown[][] => values.map((v) => [v]);

describe('LTV', () => {
  it('is margin / churn, with discounting and payment timing', () => {
    expect(gas.cell('LTV', 30, 0.05)).toBeCloseTo(600, 9);
    expect(gas.cell('LTV', 30, 0.05, 0.01)).toBeCloseTo(505, 9);
    expect(gas.cell('LTV', 30, 0.05, 0.01, 'start')).toBeCloseTo(505, 9);
    expect(gas.cell('LTV', 30, 0.05, 0.01, 'END')).toBeCloseTo(500, 9);
    expect(gas.cell('LTV', 30, '5%')).toBeCloseTo(600, 9);
  });

  it('gives one answer per row, broadcasts single values, skips trailing blanks and keeps inner blanks blank', () => {
    expect(gas.cell('LTV', col(30, 40, '', ''), 0.05)).toEqual([[600], [800]].map((r) => r.map((v) => expect.closeTo(v, 9))));
    expect(gas.cell('LTV', col(30, '', 40), col(0.05, 0.05, 0.1))).toEqual([[expect.closeTo(600, 9)], [''], [expect.closeTo(400, 9)]]);
    expect(gas.cell('LTV', 30, col(0.05, 0.1))).toEqual([[expect.closeTo(600, 9)], [expect.closeTo(300, 9)]]);
    expect(gas.cell('LTV', '', 0.05)).toBe('');
  });

  it('names the function, the argument and the row in its errors', () => {
    expect(() => gas.cell('LTV', col(30, 30, 30, 30), col(0.05, 0.05, 0.05, 0))).toThrow(
      'LTV: churn_rate row 4 is 0; churn must be above 0 and at most 1',
    );
    expect(() => gas.cell('LTV', 'abc', 0.05)).toThrow('LTV: margin_per_period is "abc", not a number');
    expect(() => gas.cell('LTV', 30, 1.5)).toThrow('LTV: churn_rate is 1.5; churn must be above 0 and at most 1');
    expect(() => gas.cell('LTV', col(1, 2), col(0.1, 0.2, 0.3))).toThrow('LTV: margin_per_period has 2 rows but churn_rate has 3');
    expect(() => gas.cell('LTV', 30, 0.05, -0.1)).toThrow('LTV: discount_rate is -0.1; discount_rate must be 0 or more');
    expect(() => gas.cell('LTV', 30, 0.05, 0, 'middle')).toThrow('LTV: timing is "middle"; use "start", "end"');
    expect(() => gas.cell('LTV', 30)).toThrow('LTV: churn_rate is missing');
    expect(() => gas.cell('LTV', true, 0.05)).toThrow('LTV: margin_per_period is TRUE (a checkbox or a condition), not a number');
    expect(() => gas.cell('LTV', gas.date(2024, 1, 1), 0.05)).toThrow(/LTV: margin_per_period is a date .*not a number/);
    expect(() => gas.cell('LTV', [[1, 2], [3, 4]], 0.05)).toThrow('LTV: margin_per_period is a range of 2 columns; give a single column');
  });
});

describe('CHURN', () => {
  it('from counts, per row', () => {
    expect(gas.cell('CHURN', 5, 100)).toBe(0.05);
    expect(gas.cell('CHURN', col(5, 10), col(100, 50))).toEqual([[0.05], [0.2]]);
    expect(() => gas.cell('CHURN', -1, 100)).toThrow('CHURN: customers_lost is -1; customers_lost must be a whole number, 0 or more');
    expect(() => gas.cell('CHURN', 5, 0)).toThrow('CHURN: customers_at_start is 0; customers_at_start must be a whole number above 0');
    expect(() => gas.cell('CHURN', col(5, 120), col(100, 100))).toThrow('CHURN: customers_lost row 2 is 120, more than the 100 customers at the start');
  });

  const ids = col('A', 'A', 'B', 'C', 'D', 'E', 'E', '', '');
  const dates = (): unknown[][] =>
    col(
      gas.date(2023, 11, 15),
      gas.date(2024, 2, 20),
      gas.date(2023, 12, 1),
      gas.date(2023, 10, 1),
      gas.date(2024, 1, 15),
      gas.date(2023, 12, 20),
      gas.date(2024, 3, 5),
      '',
      '',
    );

  it('from an order log, for one period and as a monthly series', () => {
    expect(gas.cell('CHURN', ids, dates(), gas.date(2024, 1, 1), gas.date(2024, 3, 1))).toBeCloseTo(1 / 3, 12);
    expect(gas.cell('CHURN', ids, dates(), gas.date(2024, 1, 1), gas.date(2024, 3, 1), 92)).toBe(0);
    expect(
      gas.cell('CHURN', ids, dates(), col(gas.date(2024, 1, 1), gas.date(2024, 2, 1)), col(gas.date(2024, 2, 1), gas.date(2024, 3, 1))),
    ).toEqual([[0], [0.25]]);
    // ISO text dates work too.
    expect(gas.cell('CHURN', ids, dates(), '2024-01-01', '2024-03-01')).toBeCloseTo(1 / 3, 12);
  });

  it('explains bad order logs', () => {
    const badDates = dates();
    badDates[1] = ['yesterday'];
    expect(() => gas.cell('CHURN', ids, badDates, gas.date(2024, 1, 1), gas.date(2024, 3, 1))).toThrow('CHURN: order_dates row 2 is "yesterday", not a date');
    expect(() => gas.cell('CHURN', ids, dates(), gas.date(2024, 3, 1), gas.date(2024, 1, 1))).toThrow('CHURN: period_end is not after period_start');
    expect(() => gas.cell('CHURN', ids, dates(), gas.date(2020, 1, 1), gas.date(2020, 2, 1))).toThrow(
      'CHURN: no customer was active at period_start (no order in the 90 days up to it)',
    );
    expect(() => gas.cell('CHURN', ids, dates(), gas.date(2024, 1, 1))).toThrow('CHURN: from an order log, give both period_start and period_end (dates)');
    expect(() => gas.cell('CHURN', col('A', 'B'), dates(), gas.date(2024, 1, 1), gas.date(2024, 3, 1))).toThrow('CHURN: customer_ids has 2 rows but order_dates has 9');
    const missingId = col('A', '', 'B');
    expect(() => gas.cell('CHURN', missingId, col(gas.date(2024, 1, 1), gas.date(2024, 1, 2), gas.date(2024, 1, 3)), gas.date(2024, 1, 1), gas.date(2024, 3, 1))).toThrow(
      'CHURN: customer_ids row 2 is blank but the rest of the order is filled in',
    );
    expect(() => gas.cell('CHURN', ids, dates(), gas.date(2024, 1, 1), gas.date(2024, 3, 1), 0)).toThrow(
      'CHURN: inactive_days is 0; inactive_days must be a whole number of days, 1 or more',
    );
  });
});

describe('CLV_SIMPLE, CAC, LTV_CAC, CAC_PAYBACK', () => {
  it('hand-checked values', () => {
    expect(gas.cell('CLV_SIMPLE', 200_000, 2.5, 2)).toBe(1_000_000);
    expect(gas.cell('CLV_SIMPLE', 200_000, 2.5, 2, 0.4)).toBeCloseTo(400_000, 6);
    expect(gas.cell('CAC', 5000, 100)).toBe(50);
    expect(gas.cell('LTV_CAC', 600, 150)).toBe(4);
    expect(gas.cell('CAC_PAYBACK', 150, 30)).toBe(5);
    expect(gas.cell('CAC', col(5000, 900), col(100, 30))).toEqual([[50], [30]]);
  });

  it('bad input', () => {
    expect(() => gas.cell('CLV_SIMPLE', 100, 2, 3, 1.5)).toThrow('CLV_SIMPLE: gross_margin is 1.5; gross_margin must be between 0 and 1');
    expect(() => gas.cell('CLV_SIMPLE', -100, 2, 3)).toThrow('CLV_SIMPLE: avg_order_value is -100; avg_order_value must be 0 or more');
    expect(() => gas.cell('CAC', 5000, 0)).toThrow('CAC: new_customers is 0; new_customers must be a whole number above 0');
    expect(() => gas.cell('LTV_CAC', 'n/a', 100)).toThrow('LTV_CAC: ltv is "n/a", not a number');
    expect(() => gas.cell('CAC_PAYBACK', 150, col(30, 0))).toThrow('CAC_PAYBACK: margin_per_period row 2 is 0; margin_per_period must be above 0');
  });
});

describe('COHORT_RETENTION', () => {
  const ids = col('X', 'X', 'X', 'Y', 'Z', 'Z', '');
  const dates = (): unknown[][] =>
    col(gas.date(2024, 1, 5), gas.date(2024, 2, 10), gas.date(2024, 4, 1), gas.date(2024, 1, 20), gas.date(2024, 2, 3), gas.date(2024, 3, 15), '');
  const amounts = col(10, 20, 30, 5, 7, 8, '');

  it('spills the monthly triangle with a header', () => {
    expect(gas.cell('COHORT_RETENTION', ids, dates())).toEqual([
      ['Cohort', 'Customers', 'Month 0', 'Month 1', 'Month 2', 'Month 3'],
      ['2024-01', 2, 1, 0.5, 0, 0.5],
      ['2024-02', 1, 1, 1, 0, ''],
    ]);
  });

  it('revenue per cohort customer with amounts, and other periods', () => {
    expect(gas.cell('COHORT_RETENTION', ids, dates(), 'month', amounts)).toEqual([
      ['Cohort', 'Customers', 'Month 0', 'Month 1', 'Month 2', 'Month 3'],
      ['2024-01', 2, 7.5, 10, 0, 15],
      ['2024-02', 1, 7, 8, 0, ''],
    ]);
    expect(gas.cell('COHORT_RETENTION', ids, dates(), 'Quarter')).toEqual([
      ['Cohort', 'Customers', 'Quarter 0', 'Quarter 1'],
      ['2024-Q1', 3, 1, 1 / 3],
    ]);
  });

  it('bad input', () => {
    expect(() => gas.cell('COHORT_RETENTION', ids, dates(), 'fortnight')).toThrow('COHORT_RETENTION: period is "fortnight"; use "week", "month", "quarter", "year"');
    expect(() => gas.cell('COHORT_RETENTION', ids, dates(), 'month', col(10, 'ten', 30, 5, 7, 8, ''))).toThrow('COHORT_RETENTION: amounts row 2 is "ten", not a number');
    expect(() => gas.cell('COHORT_RETENTION', col('', ''), col('', ''))).toThrow('COHORT_RETENTION: the order log is empty');
  });
});

describe('custom functions run as cells', () => {
  it('never write to the spreadsheet', () => {
    const before = gas.spreadsheet.getSheets().map((s) => s.writes);
    gas.cell('COHORT_RETENTION', col('X', 'Y'), col(gas.date(2024, 1, 5), gas.date(2024, 2, 5)));
    expect(gas.spreadsheet.getSheets().map((s) => s.writes)).toEqual(before);
  });
});

describe('error messages point at the cell', () => {
  it('adds the sheet cell of the bad row when the formula shows the range', () => {
    const sheet = gas.spreadsheet.getActiveSheet();
    sheet.getRange('G2').setFormula('=LTV(D2:D, E2:E)');
    gas.spreadsheet.setActiveRange(sheet.getRange('G2'));
    expect(() => gas.cell('LTV', col(30, 30, 30, 30), col(0.05, 0.05, 0.05, 0))).toThrow(
      'LTV: churn_rate row 4 (cell E5) is 0; churn must be above 0 and at most 1',
    );
    sheet.getRange('G2').setFormula('=CHURN(Orders!A2:A; Orders!B2:B; DATE(2024;1;1); DATE(2024;3;1))');
    expect(() => gas.cell('CHURN', col('A', 'B'), col(gas.date(2024, 1, 1), 'soon'), gas.date(2024, 1, 1), gas.date(2024, 3, 1))).toThrow(
      'CHURN: order_dates row 2 (cell Orders!B3) is "soon", not a date',
    );
  });
});
