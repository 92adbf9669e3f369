import { describe, expect, it } from 'vitest';
import { contactFirst, nextOrderDueDay, valueAtStake } from '../../src/core/contact';

describe('next order due', () => {
  it('is the last purchase day plus the mean gap between purchase days', () => {
    // Purchases on days 100, 130 and 160 (frequency 2): a gap of 30, due on day 190.
    expect(nextOrderDueDay(2, 100, 160)).toBe(190);
    // Uneven gaps: (400 − 100) / 4 = 75 days.
    expect(nextOrderDueDay(4, 100, 400)).toBe(475);
    // A gap of 10.5 days is rounded to a day.
    expect(nextOrderDueDay(2, 0, 21)).toBe(32);
  });
  it('is blank without a repeat purchase: no rhythm to go by', () => {
    expect(nextOrderDueDay(0, 100, 100)).toBeNull();
  });
});

describe('contact first', () => {
  it('value at stake is predicted value × (1 − P(alive)), never negative', () => {
    expect(Array.from(valueAtStake({ predicted: [100, 100, 50, -5], pAlive: [0.9, 0.5, 0.1, 0.5] }))).toEqual([100 * (1 - 0.9), 50, 50 * (1 - 0.1), 0]);
  });
  it('lists the most at stake first, ties in the data order, nothing at stake left out', () => {
    expect(contactFirst([5, 0, 9, 5, 1], 10)).toEqual([2, 0, 3, 4]);
    expect(contactFirst([5, 0, 9, 5, 1], 2)).toEqual([2, 0]);
  });
});
