import { describe, expect, it } from 'vitest';
import { OrderHistory } from '../../src/core/churn';
import { dayFromYmd } from '../../src/core/dates';

const d = (iso: string): number => dayFromYmd(Number(iso.slice(0, 4)), Number(iso.slice(5, 7)), Number(iso.slice(8, 10)));

// A: active all along. B: last order 2023-12-01, exactly 91 days before 2024-03-01. C: quiet since October.
// D: first seen during the period. E: active at the start, next order after the period.
const log: [string, string][] = [
  ['A', '2023-11-15'],
  ['A', '2024-02-20'],
  ['B', '2023-12-01'],
  ['C', '2023-10-01'],
  ['D', '2024-01-15'],
  ['E', '2023-12-20'],
  ['E', '2024-03-05'],
];
const history = new OrderHistory(
  log.map(([id]) => id),
  log.map(([, day]) => d(day)),
);

describe('churn from an order log', () => {
  it('counts customers active at the start who are inactive at the end', () => {
    // Active on 2024-01-01 (ordered after 2023-10-03): A, B, E. On 2024-03-01 B's last order is 91 days old.
    expect(history.churnBetween(d('2024-01-01'), d('2024-03-01'), 90)).toEqual({ activeAtStart: 3, lost: 1, churn: 1 / 3 });
  });

  it('treats the window as the inactive_days days up to and including the day', () => {
    expect(history.churnBetween(d('2024-01-01'), d('2024-03-01'), 91).lost).toBe(1); // 2023-12-01 still outside
    expect(history.churnBetween(d('2024-01-01'), d('2024-03-01'), 92).lost).toBe(0); // now inside
  });

  it('ignores customers first seen during the period and orders after it', () => {
    // D (first order 2024-01-15) is active at 2024-02-01 and counts in February, not in January.
    expect(history.churnBetween(d('2024-01-01'), d('2024-02-01'), 90)).toEqual({ activeAtStart: 3, lost: 0, churn: 0 });
    expect(history.churnBetween(d('2024-02-01'), d('2024-03-01'), 90)).toEqual({ activeAtStart: 4, lost: 1, churn: 0.25 });
  });

  it('reports no churn rate when nobody was active at the start', () => {
    expect(history.churnBetween(d('2020-01-01'), d('2020-02-01'), 90)).toEqual({ activeAtStart: 0, lost: 0, churn: null });
  });
});
