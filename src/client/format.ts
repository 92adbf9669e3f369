/**
 * Numbers as the sidebar shows them: the same words as the cells' messages (core/words.ts), plus the short forms
 * a chart's axis has room for.
 */
import { formatNumber, formatPercent } from '../core/words';

/** A count of customers or orders: "1,000". */
export function formatCount(n: number): string {
  return formatNumber(Math.round(n));
}

/** An amount of money in the sheet's own currency (the add-in does not know which): "12,345", "12.35". */
export function formatMoney(x: number): string {
  return formatNumber(Math.abs(x) >= 100 ? Math.round(x) : Math.round(x * 100) / 100);
}

/** Any other figure (a parameter, a mean), 4 significant digits and never an exponent: "0.2431", "1,234". */
export { formatNumber };

/** A share: "70%", "4.1%". */
export const formatShare = formatPercent;

/** A change in percent, always signed so that no change reads as a level: "+5%", "−2.5%", "0%". */
export function formatChange(percent: number): string {
  if (percent === 0) return '0%';
  return `${percent > 0 ? '+' : '−'}${formatNumber(Math.abs(percent), 3)}%`;
}

/** An axis label: 950, "1.2k", "45k", "3.4M", "1.2B". */
export function formatCompact(x: number): string {
  const size = Math.abs(x);
  const sign = x < 0 ? '−' : '';
  for (const [limit, suffix] of [
    [1e9, 'B'],
    [1e6, 'M'],
    [1e3, 'k'],
  ] as const) {
    if (size >= limit) {
      const scaled = size / limit;
      return `${sign}${scaled >= 100 ? Math.round(scaled) : Number(scaled.toPrecision(2))}${suffix}`;
    }
  }
  return sign + formatNumber(size >= 10 ? Math.round(size) : Number(size.toPrecision(2)));
}
