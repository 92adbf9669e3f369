/**
 * Churn measured on an order log. A customer is active at day t when they ordered in the
 * `inactiveDays` days up to and including t, i.e. on a day in (t − inactiveDays, t].
 */
import { groupByCustomer, type GroupedOrders } from './grouping';
import { indexCustomers, type CustomerId, type CustomerIndex } from './ids';

export interface PeriodChurn {
  activeAtStart: number;
  lost: number;
  /** lost / activeAtStart; null when nobody was active at the start. */
  churn: number | null;
}

export interface ChurnPeriod {
  startDay: number;
  endDay: number;
  inactiveDays: number;
}

export class OrderHistory {
  private readonly grouped: GroupedOrders;
  readonly customerCount: number;

  constructor(ids: ArrayLike<CustomerId> | CustomerIndex, days: ArrayLike<number>) {
    const index = indexCustomers(ids);
    this.customerCount = index.ids.length;
    this.grouped = groupByCustomer(index.rowCustomer, this.customerCount, days);
  }

  churnBetween(startDay: number, endDay: number, inactiveDays: number): PeriodChurn {
    return this.churnSeries([{ startDay, endDay, inactiveDays }])[0];
  }

  /**
   * The churn of every period at once. One pass over the customers, each customer's orders checked against every
   * period while they are in the cache: a pass over all customers per period would fetch every customer's orders from
   * memory once per period, about ten times slower. The work is customers × periods either way (the caller bounds it).
   */
  churnSeries(periods: readonly ChurnPeriod[]): PeriodChurn[] {
    const activeAtStart = new Float64Array(periods.length);
    const lost = new Float64Array(periods.length);
    for (let k = 0; k < this.customerCount; k++) {
      for (let q = 0; q < periods.length; q++) {
        const { startDay, endDay, inactiveDays } = periods[q];
        if (!this.activeAt(k, startDay, inactiveDays)) continue;
        activeAtStart[q]++;
        if (!this.activeAt(k, endDay, inactiveDays)) lost[q]++;
      }
    }
    return periods.map((_, q) => ({ activeAtStart: activeAtStart[q], lost: lost[q], churn: activeAtStart[q] === 0 ? null : lost[q] / activeAtStart[q] }));
  }

  private activeAt(customer: number, day: number, inactiveDays: number): boolean {
    const last = this.lastOrderOnOrBefore(customer, day);
    return last !== null && last > day - inactiveDays;
  }

  private lastOrderOnOrBefore(customer: number, day: number): number | null {
    const { offsets, days } = this.grouped;
    let lo = offsets[customer];
    let hi = offsets[customer + 1];
    while (lo < hi) {
      const mid = (lo + hi) >>> 1;
      if (days[mid] <= day) lo = mid + 1;
      else hi = mid;
    }
    return lo === offsets[customer] ? null : days[lo - 1];
  }
}
