// The sidebar's words for numbers and dates, without a browser: what a shop owner reads in the results.
import { describe, expect, it } from 'vitest';
import { daysBetween, nextOrderWords } from '../../src/client/contact';
import { formatChange, formatCompact, formatCount, formatMoney, formatShare } from '../../src/client/format';
import { readChanges } from '../../src/client/whatif';
import { adviceFor, countOf, groupDescription, groupName, say, setLanguage, tell } from '../../src/client/language';
import { told } from '../../src/server/contract';

describe('numbers', () => {
  it('groups thousands, keeps cents only on small amounts, and never writes an exponent', () => {
    expect(formatCount(1000)).toBe('1,000');
    expect(formatMoney(153_456.4)).toBe('153,456');
    expect(formatMoney(479.3)).toBe('479');
    expect(formatMoney(12.345)).toBe('12.35');
    expect(formatMoney(-1_250)).toBe('-1,250');
    expect(formatMoney(1e20)).toBe('100,000,000,000,000,000,000');
    expect(formatShare(0.62)).toBe('62%');
    expect(formatShare(0.041)).toBe('4.1%');
  });

  it('signs every change, so that a change never reads as a level', () => {
    expect(formatChange(5)).toBe('+5%');
    expect(formatChange(-2.5)).toBe('−2.5%');
    expect(formatChange(0)).toBe('0%');
    expect(formatChange(0.9612)).toBe('+0.961%');
  });

  it('shortens axis labels', () => {
    expect([0, 7.5, 950, 1_000, 1_234, 45_000, 3_400_000, 1.2e9, -2_500].map(formatCompact)).toEqual(['0', '7.5', '950', '1k', '1.2k', '45k', '3.4M', '1.2B', '−2.5k']);
  });
});

describe('dates of the contact list', () => {
  it('counts calendar days between yyyy-mm-dd dates, across a leap day and a clock change', () => {
    expect(daysBetween('2024-02-28', '2024-03-01')).toBe(2);
    expect(daysBetween('2026-03-28', '2026-03-30')).toBe(2);
    expect(daysBetween('2026-07-15', '2026-06-30')).toBe(-15);
  });

  it('says when the next order is expected against the as-of date', () => {
    expect(nextOrderWords('2026-01-20', '2026-06-30')).toBe('next order was expected 2026-01-20, 161 days ago');
    expect(nextOrderWords('2026-06-29', '2026-06-30')).toBe('next order was expected 2026-06-29, 1 day ago');
    expect(nextOrderWords('2026-06-30', '2026-06-30')).toBe('next order expected 2026-06-30, today');
    expect(nextOrderWords('2026-07-15', '2026-06-30')).toBe('next order expected 2026-07-15');
    expect(nextOrderWords(null, '2026-06-30')).toBe('one order so far: no next order date to expect');
  });
});

describe('what-if inputs', () => {
  it('reads percents as relative changes, blank as no change, and refuses what is not a change in range', () => {
    expect(readChanges({ retention: '5', ordersPerCustomer: '', orderValue: '-10%' })).toEqual({ changes: { retention: 0.05, ordersPerCustomer: 0, orderValue: -0.1 } });
    expect(readChanges({ retention: '−20', ordersPerCustomer: '0', orderValue: '1000' })).toEqual({ changes: { retention: -0.2, ordersPerCustomer: 0, orderValue: 10 } });
    expect(readChanges({ retention: 'abc', ordersPerCustomer: '0', orderValue: '0' })).toEqual({ error: 'Retention: give a change in percent from -100 to +1000, e.g. 5 or -10.' });
    expect(readChanges({ retention: '0', ordersPerCustomer: '-101', orderValue: '0' })).toEqual({ error: 'Orders per customer: give a change in percent from -100 to +1000, e.g. 5 or -10.' });
  });
});

describe("the server's sentences in the sidebar's language", () => {
  // FSI … PDI around a value in a right-to-left sentence.
  const iso = (value: string): string => `\u2068${value}\u2069`;

  it('says a Told with nested sentences in the same language, numbers grouped, counting forms by n', () => {
    setLanguage('en');
    const verdict = told('verdict.within', { predicted: '2.15', period: told('count.month', { n: 8 }), actual: '2.29', low: '1.98', high: '2.32' });
    expect(tell(verdict)).toBe('Predicted 2.15 purchases per customer over the last 8 months, actual 2.29: within the expected range (1.98 to 2.32).');
    expect(countOf('customer', 1)).toBe('1 customer');
    expect(countOf('customer', 1234)).toBe('1,234 customers');
    setLanguage('ar');
    expect(countOf('customer', 1)).toBe('عميل واحد');
    expect(countOf('day', 12)).toBe(`${iso('12')} يوم`);
    // The nested period is Arabic words already: not isolated; the figures are.
    expect(tell(verdict)).toContain(`خلال آخر ${iso('8')} شهر، والفعلي ${iso('2.29')}`);
    setLanguage('tl');
    expect(tell(told('warning.afterAsOf', { orders: told('count.order', { n: 3 }), asOf: '2026-06-30' }))).toBe(
      '3 na order pagkatapos ng petsa ng pagsusuri (2026-06-30) ang hindi isinama.',
    );
    setLanguage('en');
  });

  it('keeps a date on one line in a right-to-left sentence (a word joiner after each hyphen), as typed elsewhere', () => {
    setLanguage('fa');
    expect(say('contact.due', { due: '2026-07-15' })).toBe(`سفارش بعدی ${iso('2026-\u206007-\u206015')} انتظار می‌رود`);
    setLanguage('en');
    expect(say('contact.due', { due: '2026-07-15' })).toBe('next order expected 2026-07-15');
  });

  it("names, describes and advises on segments and stages with the sheets' words, by their English ids", () => {
    setLanguage('fa');
    expect(groupName('Champions')).toBe('قهرمانان');
    expect(groupName('Somebody new')).toBe('Somebody new');
    expect(groupDescription('Lapsing', { cut: 'top20', inactiveDays: 90 })).toContain('۹۰');
    setLanguage('en');
    expect(groupDescription('Champions', { cut: 'median', inactiveDays: 90 })).toBe('In the upper half by total value (past + predicted) and by predicted value.');
    expect(adviceFor('Champions', 'Regular')).toBe('Buying regularly and worth the most: keep and reward them.');
    expect(adviceFor('Champions', 'Unknown')).toBe('');
  });
});
