// The written rules of segment.ts (and the README's "Segments and stages"), checked customer by customer on the
// built-in sample and on CDNOW, with the model the analysis chooses and with each of the two it chooses between.
import { describe, expect, it } from 'vitest';
import { analyze, historiesFromOrders, type Analysis, type CustomerHistories } from '../../src/core/analysis';
import { sampleOrderLog } from '../../src/core/generate';
import type { PurchaseModelName } from '../../src/core/models/registry';
import { adviceFor, STAGE_RULES } from '../../src/core/segment';
import { readCdnowSample } from './models/cdnow';

const INACTIVE_DAYS = 90;

function datasets(): { name: string; customers: CustomerHistories; log: { ids: (string | number)[]; days: number[]; amounts: number[] }; asOfDay: number }[] {
  const s = sampleOrderLog(42);
  const sample = { ids: s.customerIds, days: Array.from(s.days), amounts: Array.from(s.amounts), costs: Array.from(s.costs), referredBy: s.referredBy };
  const cdnow = readCdnowSample();
  return [
    { name: 'the built-in sample', log: sample, asOfDay: Math.max(...sample.days) },
    { name: 'CDNOW', log: cdnow, asOfDay: Math.max(...cdnow.days) },
  ].map((d) => ({ ...d, customers: historiesFromOrders(d.log, d.asOfDay) }));
}

/** Every rule a customer's labels must keep; the broken ones, in words. */
function broken(a: Analysis, i: number): string[] {
  const c = a.customers;
  const v = a.values;
  const x = c.frequency[i];
  const sinceFirst = a.options.asOfDay - c.firstDay[i];
  const sinceLast = v.daysSinceLast[i];
  const p = v.pAlive[i];
  const stage = v.stage[i];
  const segment = v.segment[i];
  const out: string[] = [];
  const rule = (ok: boolean, what: string): void => {
    if (!ok) out.push(`${String(c.ids[i])} (${segment}/${stage}, x ${x}, ${sinceLast} days, P(alive) ${p.toFixed(3)}): ${what}`);
  };
  const isNew = sinceFirst <= INACTIVE_DAYS * STAGE_RULES.newShareOfWindow;
  rule((stage === 'New') === isNew, 'New exactly when the first purchase is within 30 days');
  if (stage === 'Former') rule(p < 0.5 && sinceLast > INACTIVE_DAYS, 'Former only beyond the window with P(alive) < 50%');
  if (!isNew && p < 0.5 && sinceLast > INACTIVE_DAYS) rule(stage === 'Former', 'beyond the window with P(alive) < 50% is Former');
  if (stage === 'Regular') {
    rule(sinceLast <= INACTIVE_DAYS, 'no Regular beyond the inactive window');
    rule(p >= 0.5, 'no Regular with P(alive) < 50%');
    rule(x > 0 && sinceLast <= STAGE_RULES.overdueGaps * ((c.lastDay[i] - c.firstDay[i]) / x), 'a Regular buys on rhythm');
  }
  if (stage === 'One-time buyer') rule(x === 0 && sinceLast <= INACTIVE_DAYS && p >= 0.5, 'a One-time buyer has one purchase day, within the window, likely alive');
  if (stage === 'Lapsing') rule(!(p < 0.5 && sinceLast > INACTIVE_DAYS) && !isNew, 'Lapsing is neither New nor Former');
  const highTotal = v.total[i] >= a.thresholds.total;
  const highPredicted = v.predicted[i] >= a.thresholds.predicted;
  rule((segment === 'Champions' || segment === 'Past stars') === highTotal, 'Champions and Past stars exactly the high in total value');
  rule((segment === 'Champions' || segment === 'Rising') === highPredicted, 'Champions and Rising exactly the high in predicted value');
  rule(!(highTotal && segment === 'Low value'), 'a customer high in total value is never Low value');
  rule(v.total[i] === v.past[i] + v.predicted[i], 'total = past + predicted');
  const advice = adviceFor(segment, stage);
  if (/win-back/.test(advice)) rule(stage === 'Former', 'win back only the Former');
  if (/keep and reward/.test(advice)) rule(stage === 'Regular' && p >= 0.5, 'keep and reward only the active');
  // BG/NBD's blind spot: nobody without a repeat purchase is certain to be alive a year on.
  if (x === 0 && sinceLast >= 365) rule(p < 0.999, 'a one-time buyer of a year ago is not 100% alive');
  return out;
}

describe('one coherent classification, customer by customer', () => {
  for (const d of datasets()) {
    for (const model of [undefined, 'mbgnbd', 'paretonbd'] as (PurchaseModelName | undefined)[]) {
      it(`${d.name}, ${model ?? 'the model the holdout chooses'}: every customer keeps every written rule`, () => {
        const a = analyze(d.customers, { asOfDay: d.asOfDay, horizonMonths: 12, annualDiscountRate: 0.1, grossMargin: 1, inactiveDays: INACTIVE_DAYS, cut: 'top20', model }, d.log);
        const n = d.customers.ids.length;
        const problems = Array.from({ length: n }, (_, i) => broken(a, i)).flat();
        expect(problems.slice(0, 10)).toEqual([]);
        // Top 20% each: as many high in total as high in predicted value (no ties at the cut in these data).
        const top = Math.ceil(0.2 * n);
        expect(a.values.total.filter((t) => t >= a.thresholds.total).length).toBe(top);
        expect(a.values.predicted.filter((t) => t >= a.thresholds.predicted).length).toBe(top);
        // Every stage and segment the rules allow is met in data of this size.
        expect(new Set(a.values.stage).size).toBeGreaterThanOrEqual(d.name === 'CDNOW' ? 3 : 5);
      });
    }
  }
});
