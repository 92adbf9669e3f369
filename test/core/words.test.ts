// How numbers, counts and lists of names read in messages.
import { describe, expect, it } from 'vitest';
import { count, formatNumber, formatPercent, quotedChoices } from '../../src/core/words';

describe('words', () => {
  it('formats numbers with grouped digits and no exponents', () => {
    expect(formatNumber(1234567)).toBe('1,234,567');
    expect(formatNumber(0.000123)).toBe('0.000123');
    expect(formatNumber(1.23456)).toBe('1.235');
    expect(formatNumber(-98765.4)).toBe('-98,765');
    expect(formatNumber(1e300)).toBe('more than a billion billion');
    expect(formatNumber(-Infinity)).toBe('minus infinity');
    expect(formatNumber(1e-20)).toBe('0');
  });

  it('formats shares as percentages that never claim a certainty', () => {
    expect(formatPercent(0.1234)).toBe('12%');
    expect(formatPercent(0.0412)).toBe('4.1%');
    expect(formatPercent(0.99995)).toBe('more than 99.9%');
    expect(formatPercent(1)).toBe('100%');
  });

  it('counts with the noun in the right number', () => {
    expect(count(1, 'row')).toBe('1 row');
    expect(count(2, 'row')).toBe('2 rows');
    expect(count(1000, 'history', 'histories')).toBe('1,000 histories');
  });

  it('lists names as typed in a formula', () => {
    expect(quotedChoices([])).toBe('');
    expect(quotedChoices(['bgnbd'])).toBe('"bgnbd"');
    expect(quotedChoices(['bgnbd', 'mbgnbd'])).toBe('"bgnbd" or "mbgnbd"');
    expect(quotedChoices(['bgnbd', 'mbgnbd', 'paretonbd'], 'and')).toBe('"bgnbd", "mbgnbd" and "paretonbd"');
  });
});
