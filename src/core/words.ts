/**
 * Numbers as messages show them to a shop owner: grouped digits, a few significant figures, percentages
 * that never read "1.0e+2%". JavaScript's own toString and toPrecision switch to exponents for large and small
 * values, which a person reading a cell should never meet.
 */

/** 1234567 → "1,234,567"; 0.000123 → "0.000123"; 1.23456 → "1.235"; beyond 10^21 "more than a billion billion". */
export function formatNumber(value: number, significant = 4): string {
  if (Number.isNaN(value)) return 'not a number';
  if (value === Infinity) return 'infinity';
  if (value === -Infinity) return 'minus infinity';
  const sign = value < 0 ? '-' : '';
  const size = Math.abs(value);
  if (size >= 1e21) return `${sign === '-' ? 'minus ' : ''}more than a billion billion`;
  if (size === 0) return '0';
  if (Number.isInteger(value) || size >= 10 ** significant) return sign + groupDigits(Math.round(size).toFixed(0));
  // Digits after the point: enough for `significant` figures, at most 12, so tiny values show as 0.
  const decimals = Math.min(12, Math.max(0, significant - 1 - Math.floor(Math.log10(size))));
  const fixed = size.toFixed(decimals).replace(/\.?0+$/, '');
  if (fixed === '0') return '0';
  const [whole, fraction] = fixed.split('.');
  return sign + groupDigits(whole) + (fraction ? `.${fraction}` : '');
}

/** A share as a percentage: 0.1234 → "12%", 0.0412 → "4.1%", 0.0004 → "0.04%", 0.99995 → "more than 99.9%". */
export function formatPercent(share: number): string {
  const percent = 100 * share;
  if (!Number.isFinite(percent)) return formatNumber(percent);
  // Rounded, these would read as a certainty the estimate does not have.
  if (percent > 99.9 && percent < 100) return 'more than 99.9%';
  if (Math.abs(percent) >= 10) return `${formatNumber(Math.round(percent))}%`;
  return `${formatNumber(percent, 2)}%`;
}

/** "1 row", "2 rows", "1,000 customers": a count with its noun, the plural when it is not exactly one. */
export function count(n: number, singular: string, plural = `${singular}s`): string {
  return `${formatNumber(n)} ${n === 1 ? singular : plural}`;
}

/** '"a"', '"a" or "b"', '"a", "b" or "c"': names as typed in a formula, for a sentence. */
export function quotedChoices(names: readonly string[], last = 'or'): string {
  const quoted = names.map((n) => `"${n}"`);
  return quoted.length <= 1 ? quoted.join('') : `${quoted.slice(0, -1).join(', ')} ${last} ${quoted[quoted.length - 1]}`;
}

function groupDigits(digits: string): string {
  return digits.replace(/\B(?=(\d{3})+(?!\d))/g, ',');
}
