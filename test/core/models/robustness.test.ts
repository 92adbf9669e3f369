// Every fit answers within bounds on any input: runaway parameters stop at their range or the work budget and say
// why, degenerate data are not reported as converged, impossible values are refused up front with their row, and
// every message and note is a complete sentence for a shop owner.
import { describe, expect, it } from 'vitest';
import { DataError } from '../../../src/core/errors';
import { BENCHMARK_PROCESS, DEFAULT_PROCESS, generateOrderLog } from '../../../src/core/generate';
import { bgbbFit } from '../../../src/core/models/bgbb';
import { bgnbd } from '../../../src/core/models/bgnbd';
import { MAX_FREQUENCY } from '../../../src/core/models/common';
import { fitGammaGamma } from '../../../src/core/models/gammagamma';
import { mbgnbd } from '../../../src/core/models/mbgnbd';
import { paretonbd } from '../../../src/core/models/paretonbd';
import { sbgFitSurvivors } from '../../../src/core/models/sbg';
import { modelsOfKind } from '../../../src/core/models/registry';
import type { FitResult, RfmPatterns } from '../../../src/core/models/types';
import { compressPatterns } from '../../../src/core/rfm';
import { hyp2f1Terms } from '../../../src/core/special';
import { summarizeOrders } from '../../../src/core/summary';

const PURCHASE_MODELS = modelsOfKind('purchases');

/** A two-year log of 120 customers, summarised in days as CLV_FIT does. */
function smallShop(seed: number, acquisitionDays: number, process: typeof DEFAULT_PROCESS): RfmPatterns {
  const log = generateOrderLog({ seed, customers: 120, startDay: 0, days: 730, acquisitionDays, process });
  const s = summarizeOrders({ ids: log.customerIds, days: log.days }, { unit: 'day' });
  return compressPatterns(s.frequency, s.recency, s.T);
}

/** Work of a fit in 2F1 terms, besides its result: a bound that does not depend on the machine. */
function measured<T>(work: () => T): { result: T; terms: number } {
  const before = hyp2f1Terms();
  const result = work();
  return { result, terms: hyp2f1Terms() - before };
}

/** What a cell shows or a person reads: a full sentence, numbers written out. */
function expectPlainSentence(text: string): void {
  expect(text, text).toMatch(/^[A-Z].*[.]$/s);
  expect(text, text).not.toMatch(/\d[eE][+-]?\d|NaN|undefined|Infinity|\[object/);
  // No clause that breaks off: a word that cannot end one right before a stop ("…, is; projections…").
  expect(text, text).not.toMatch(/\b(is|are|was|were|the|an|of|to|and|or|than|with|for|by|from)[;:,.!?](?=\s|$)/);
}

function expectReasonIfNotConverged(fit: FitResult<object>): void {
  if (fit.converged) expect(fit.message).toBe('');
  else expectPlainSentence(fit.message);
  if (fit.note) expectPlainSentence(fit.note);
}

describe('Pareto/NBD on small shops', () => {
  // Seed 5: 1,104 orders, an ordinary fit. Seed 9 (452 orders): the drop-out parameters s and β run off together
  // (everyone seems to stop at the same rate), which used to take minutes in ever costlier 2F1 terms.
  it('fits an ordinary 120-customer log, with finite predictions', () => {
    const data = smallShop(5, 365, BENCHMARK_PROCESS);
    const { result: fit, terms } = measured(() => paretonbd.fit(data));
    expect(fit.converged).toBe(true);
    expect(terms).toBeLessThan(50_000_000);
    const predict = paretonbd.predictor(fit.params);
    const [expected] = predict.expectedPurchasesBatch(data.x, data.tx, data.T, [90], [[1]]);
    expected.forEach((v) => expect(Number.isFinite(v) && v >= 0).toBe(true));
  });

  it.each([9, 13, 26])('stops a runaway fit (seed %i) within its budget and says what to try', (seed) => {
    const data = smallShop(seed, seed === 13 ? 365 : 730, DEFAULT_PROCESS);
    const { result: fit, terms } = measured(() => paretonbd.fit(data));
    expect(fit.converged).toBe(false);
    expect(fit.message).toMatch(/^The purchases do not tell when customers stop.*Try BG\/NBD, a longer history or more customers\.$/);
    expect(fit.iterations).toBeLessThanOrEqual(200);
    expect(terms).toBeLessThan(400_000_000); // the fit's budget, 350 million, and one pass beyond it at most
  });

  it('answers the two-customer case (9, 540, 552) and (0, 0, 100) not converged, with a reason, quickly', () => {
    const data = compressPatterns([9, 0], [540, 0], [552, 100]);
    const { result: fit, terms } = measured(() => paretonbd.fit(data));
    expect(fit.converged).toBe(false);
    expectPlainSentence(fit.message);
    expect(fit.message).toMatch(/Try BG\/NBD/);
    expect(terms).toBeLessThan(5_000_000);
  });
});

describe('degenerate data are never reported as converged', () => {
  const degenerate: Record<string, RfmPatterns> = {
    'two customers': compressPatterns([9, 0], [540, 0], [552, 100]),
    'everyone bought again exactly once': compressPatterns([1, 1, 1, 1, 1, 1], [10, 20, 30, 40, 50, 60], [100, 100, 100, 100, 100, 100]),
    'everyone bought again once, on the last day': compressPatterns([1, 1, 1, 1], [100, 90, 80, 70], [100, 90, 80, 70]),
    'one repeat buyer, who bought today': compressPatterns([1, 0, 0, 0, 0, 0], [100, 0, 0, 0, 0, 0], [100, 100, 100, 100, 100, 100]),
  };
  for (const [name, data] of Object.entries(degenerate)) {
    for (const model of PURCHASE_MODELS) {
      it(`${model.name}: ${name}`, () => {
        const { result: fit, terms } = measured(() => model.fit(data));
        expect(fit.converged).toBe(false);
        expectPlainSentence(fit.message);
        expect(terms).toBeLessThan(400_000_000);
      });
    }
  }

  it('one kind of customer only (50 alike): not converged, or at a limit of the model that a note explains', () => {
    // All alike, the data cannot show any spread between customers: BG/NBD and MBG/NBD land on their limits of one
    // buying rate and one drop-out chance for everyone, which they may use only with a note saying so; Pareto/NBD's
    // shapes are bounded, so it stops at the edge.
    const alike = compressPatterns([3], [50], [100], [50]);
    for (const model of PURCHASE_MODELS) {
      const fit = model.fit(alike);
      if (fit.converged) {
        expect(fit.note).toMatch(/^Every customer seems to have the same chance, .* Every customer seems to buy at the same rate/);
        expectPlainSentence(fit.note ?? '');
      } else expectPlainSentence(fit.message);
    }
    expect(paretonbd.fit(alike).converged).toBe(false);
  });

  it('BG/NBD: a fit saying a customer who bought today has most likely stopped is not converged', () => {
    // Every repeat buyer bought again once: the fit would put the chance of stopping after a purchase near 100%.
    const fit = bgnbd.fit(degenerate['everyone bought again exactly once']);
    expect(fit.converged).toBe(false);
    expect(fit.message).toMatch(/^The fit says a customer who buys again has a more than 99\.9% chance of stopping right after/);
  });

  it('Gamma-Gamma, BG/BB and sBG too', () => {
    const fits: FitResult<object>[] = [
      fitGammaGamma([1, 1, 2, 5, 3, 1], [10, 200, 15, 30, 1000, 4]),
      bgbbFit(compressPatterns([3], [5], [6], [40])),
      bgbbFit(compressPatterns([1, 1, 1, 0], [1, 2, 3, 0], [6, 6, 6, 6])),
      sbgFitSurvivors([1000, 999, 999, 999]),
      sbgFitSurvivors([1000, 500, 250, 125, 62.5, 31.25]),
    ];
    for (const fit of fits) {
      expect(fit.converged).toBe(false);
      expectPlainSentence(fit.message);
    }
  });
});

describe('limits of the models are usable, with a note', () => {
  it('Gamma-Gamma: customers who all spend alike, or whose orders are each of one amount', () => {
    const alike = fitGammaGamma([1, 2, 3, 4, 5], [10, 10, 10, 10, 10]);
    expect(alike.converged).toBe(true);
    expect(alike.note).toMatch(/^Customers seem to spend alike on average/);
    expect(Math.abs(alike.params.p * alike.params.v / (alike.params.q - 1) - 10)).toBeLessThan(0.01);
    const fixedPrices = fitGammaGamma([1, 1, 2, 1, 3, 1, 2, 1], [20, 21, 30, 30, 31, 40, 40, 42]);
    expectReasonIfNotConverged(fixedPrices);
  });

  it('BG/NBD: customers who all buy at the same rate', () => {
    // 30 customers: a purchase on day k, another 59 days later, every third a third 92 days after that.
    const x = Array.from({ length: 30 }, (_, k) => (k % 3 === 0 ? 2 : 1));
    const tx = x.map((n) => (n === 2 ? 151 : 59));
    const T = Array.from({ length: 30 }, (_, k) => 180 - k);
    const fit = bgnbd.fit(compressPatterns(x, tx, T));
    expect(fit.converged).toBe(true);
    expect(fit.note).toMatch(/Every customer seems to buy at the same rate/);
    expectPlainSentence(fit.note ?? '');
  });
});

describe('impossible values are refused up front, with their column and row', () => {
  const refusal = (work: () => unknown): DataError => {
    try {
      work();
    } catch (e) {
      if (e instanceof DataError) return e;
      throw e;
    }
    throw new Error('no DataError');
  };

  // No table is sized by the frequency: the timeout guards against a hang, it is not a speed target.
  it.each([1e9, 1e12])('a frequency of %d', { timeout: 10_000 }, (huge) => {
    const e = refusal(() => compressPatterns([2, huge, 0], [10, 20, 0], [30, 30, 30]));
    expect(e.argument).toBe('frequency');
    expect(e.row).toBe(1);
    const written = huge === 1e9 ? '1,000,000,000' : '1,000,000,000,000';
    expect(e.message).toBe(
      `frequency row 2 is ${written}, more repeat purchases than one customer can make (at most 300,000); check that the column holds each customer’s number of repeat purchases.`,
    );
    // The spend model reads the same column and refuses it the same way.
    expect(refusal(() => fitGammaGamma([2, huge, 1], [10, 20, 5])).message).toBe(e.message);
  });

  it('BG/BB histories too long to fit within a cell’s time', () => {
    const e = refusal(() => bgbbFit(compressPatterns([1, 0, 2], [1, 0, 5], [3_000_000, 3_000_000, 6])));
    expect(e.argument).toBe('T');
    expect(e.message).toBe(
      'These histories hold too many opportunities after the customers’ last transactions (6,000,000 in all, at most 5,000,000) to fit within a cell’s time; count opportunities in weeks or months rather than days.',
    );
  });

  it('accepts the largest frequency allowed', () => {
    expect(compressPatterns([MAX_FREQUENCY, 1], [700, 5], [730, 10]).count).toBe(2);
  });

  it('a cohort with no churn yet', () => {
    const e = refusal(() => sbgFitSurvivors([1000, 1000, 1000]));
    expect(e.argument).toBe('active_customers');
    expect(e.row).toBeUndefined();
    expect(e.message).toBe(
      'Every customer of the cohort is still active after 2 periods, so there is no churn to learn from yet; give the counts again once some customers have left.',
    );
  });

  it('negative spends in a summary, and too few spenders', () => {
    const e = refusal(() => fitGammaGamma([1, 2, 3], [20, -5, 30]));
    expect([e.argument, e.row]).toEqual(['monetary_value', 1]);
    expect(e.message).toBe(
      'monetary_value row 2 is -5; the mean amount of a customer’s repeat purchases cannot be negative (net of returns, 0 at least).',
    );
    // From an order log, returns netted into a day can leave a repeat spend below 0: those customers are skipped.
    expect(fitGammaGamma([1, 2, 3, 1], [20, -5, 30, 12], undefined, { negativeSpend: 'skip' }).customers).toBe(3);
    const few = refusal(() => fitGammaGamma([1, 0, 2], [20, 0, 0]));
    expect(few.message).toBe(
      'Only 1 customer bought again with a positive amount; the spend model learns from the repeat purchases of at least 2 customers (ideally hundreds).',
    );
  });

  it('too few customers, and no repeat purchase', () => {
    for (const model of PURCHASE_MODELS) {
      expect(refusal(() => model.fit(compressPatterns([3], [20], [30]))).message).toBe(
        'Only 1 customer is in the data; a model learns from many customers (at least 2, ideally hundreds).',
      );
      expect(refusal(() => model.fit(compressPatterns([0, 0], [0, 0], [5, 9]))).argument).toBe('frequency');
    }
  });

  it('rows of a summary the models cannot have produced', () => {
    const cases: [() => unknown, string][] = [
      [() => compressPatterns([1, 2], [5, 0], [10, 30]), 'recency row 2 is 0 but frequency is 2; after a repeat purchase recency is the age at the last one, above 0.'],
      [() => compressPatterns([0], [3], [10]), 'recency row 1 is 3 but frequency is 0; with no repeat purchase recency is 0.'],
      [() => compressPatterns([1], [5], [Number.NaN]), 'T row 1 is not a number; T is the customer’s age, a number.'],
      [() => compressPatterns([-1], [0], [4]), 'frequency row 1 is -1; repeat purchases are counted in whole numbers, 0 or more.'],
    ];
    for (const [work, message] of cases) {
      const e = refusal(work);
      expect(e.message).toBe(message);
      expectPlainSentence(`${e.argument ?? ''} ${e.message}`.trim().replace(/^./, (c) => c.toUpperCase()));
    }
  });
});

describe('messages and notes read as sentences', () => {
  it('for every purchase model on ordinary, small, runaway and edge-of-model data', () => {
    const sets: RfmPatterns[] = [
      smallShop(5, 365, BENCHMARK_PROCESS),
      smallShop(9, 730, DEFAULT_PROCESS),
      smallShop(2, 730, DEFAULT_PROCESS),
      // Everyone stops alike: BG/NBD's note on its spike fit.
      compressPatterns(
        [18, 18, 18, 18, 18, 15, 15, 15, 15, 15, 5, 5, 5, 5, 5, 0, 0, 0, 5, 5],
        [360, 359, 358, 357, 356, 300, 299, 298, 297, 296, 25, 25, 25, 25, 25, 0, 0, 0, 225, 225],
        [360, 359, 358, 357, 356, 600, 599, 598, 597, 596, 25, 25, 25, 25, 25, 60, 300, 301, 305, 305],
      ),
      // A chance of stopping near 100%: the note must not print it as "1.0e+2%".
      compressPatterns([1, 1, 1, 1, 1, 1, 2], [10, 20, 30, 40, 50, 60, 70], [100, 100, 100, 100, 100, 100, 100], [40, 40, 40, 40, 40, 40, 1]),
    ];
    let notes = 0;
    for (const data of sets) {
      for (const model of PURCHASE_MODELS) {
        const fit = model.fit(data);
        expectReasonIfNotConverged(fit);
        if (fit.note) notes++;
      }
    }
    expect(notes).toBeGreaterThan(0);
  });

  it('for the spend, BG/BB and retention fits', () => {
    const fits: FitResult<object>[] = [
      fitGammaGamma([1, 2, 1, 4, 3, 2, 1, 6], [12, 30, 8, 25, 40, 15, 22, 18]),
      fitGammaGamma([1, 1, 2, 5, 3, 1], [10, 200, 15, 30, 1000, 4]),
      sbgFitSurvivors([1000, 700]),
      sbgFitSurvivors([100, 0, 0]),
      sbgFitSurvivors([1000, 631, 468, 382, 326, 289, 262, 241]),
      bgbbFit(compressPatterns([1, 2, 3, 0, 4], [2, 5, 6, 0, 6], [6, 6, 6, 6, 6], [30, 20, 10, 50, 5])),
    ];
    fits.forEach(expectReasonIfNotConverged);
  });
});
