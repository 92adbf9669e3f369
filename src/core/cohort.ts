/**
 * Acquisition-cohort triangle: customers grouped by the calendar period of their first order,
 * then, for each period after acquisition, the share of the cohort that ordered (or revenue per cohort customer).
 */
import { periodIndex, periodLabel, type CalendarPeriod } from './dates';
import { indexCustomers, type CustomerId, type CustomerIndex } from './ids';

export interface CohortRow {
  label: string;
  size: number;
  /** One value per period since acquisition, up to the last period with data; ends earlier for younger cohorts. */
  values: number[];
}

export interface CohortTable {
  rows: CohortRow[];
  /** The longest row's length: the number of "Period k" columns. */
  periods: number;
}

export function cohortRetention(
  ids: ArrayLike<CustomerId> | CustomerIndex,
  days: ArrayLike<number>,
  period: CalendarPeriod,
  amounts?: ArrayLike<number>,
): CohortTable {
  const { ids: customers, rowCustomer } = indexCustomers(ids);
  const n = rowCustomer.length;
  const orderPeriod = new Int32Array(n);
  const firstPeriod = new Int32Array(customers.length).fill(2 ** 31 - 1);
  let lastPeriod = -(2 ** 31);
  for (let i = 0; i < n; i++) {
    const p = periodIndex(days[i], period);
    orderPeriod[i] = p;
    if (p < firstPeriod[rowCustomer[i]]) firstPeriod[rowCustomer[i]] = p;
    if (p > lastPeriod) lastPeriod = p;
  }

  const cohorts = new Map<number, { size: number; active: Set<number>[]; revenue: number[] }>();
  for (let k = 0; k < customers.length; k++) {
    const c = firstPeriod[k];
    let cohort = cohorts.get(c);
    if (!cohort) {
      const width = lastPeriod - c + 1;
      cohort = { size: 0, active: Array.from({ length: width }, () => new Set<number>()), revenue: new Array<number>(width).fill(0) };
      cohorts.set(c, cohort);
    }
    cohort.size++;
  }
  for (let i = 0; i < n; i++) {
    const k = rowCustomer[i];
    const cohort = cohorts.get(firstPeriod[k])!;
    const age = orderPeriod[i] - firstPeriod[k];
    cohort.active[age].add(k);
    if (amounts) cohort.revenue[age] += amounts[i];
  }

  const rows = [...cohorts.entries()]
    .sort((p, q) => p[0] - q[0])
    .map(([c, cohort]) => ({
      label: periodLabel(c, period),
      size: cohort.size,
      values: amounts ? cohort.revenue.map((r) => r / cohort.size) : cohort.active.map((s) => s.size / cohort.size),
    }));
  return { rows, periods: rows.reduce((m, r) => Math.max(m, r.values.length), 0) };
}
