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

export class OrderHistory {
  private readonly grouped: GroupedOrders;
  readonly customerCount: number;

  constructor(ids: ArrayLike<CustomerId> | CustomerIndex, days: ArrayLike<number>) {
    const index = indexCustomers(ids);
    this.customerCount = index.ids.length;
    this.grouped = groupByCustomer(index.rowCustomer, this.customerCount, days);
  }

  churnBetween(startDay: number, endDay: number, inactiveDays: number): PeriodChurn {
    let activeAtStart = 0;
    let lost = 0;
    for (let k = 0; k < this.customerCount; k++) {
      if (!this.activeAt(k, startDay, inactiveDays)) continue;
      activeAtStart++;
      if (!this.activeAt(k, endDay, inactiveDays)) lost++;
    }
    return { activeAtStart, lost, churn: activeAtStart === 0 ? null : lost / activeAtStart };
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
