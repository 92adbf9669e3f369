// The messages of src/core as a cell shows them, through the built bundle, in the user's language (issue 17): a row
// the model refuses, a fit that cannot be used, a fit's reason in CLV_FIT's converged row, a prediction's limit.
import { describe, expect, it } from 'vitest';
import { createHarness } from './gas';

const col = (...values: unknown[]): unknown[][] => values.map((v) => [v]);
const LOCALES = { en: 'en_US', fa: 'fa_IR', ar: 'ar_EG', tl: 'fil_PH' } as const;

/** The message a cell shows for each language. */
function refusals(name: string, ...args: unknown[]): Record<keyof typeof LOCALES, string> {
  const out = {} as Record<keyof typeof LOCALES, string>;
  for (const [language, locale] of Object.entries(LOCALES) as [keyof typeof LOCALES, string][]) {
    try {
      createHarness({ userLocale: locale }).cell(name, ...args);
      throw new Error(`${name} answered in ${language}`);
    } catch (e) {
      out[language] = (e as Error).message;
    }
  }
  return out;
}

/** A run of four or more Latin words once the names kept as typed are gone. */
function englishRun(text: string): string | null {
  const rest = text.replace(/[A-Z_]{3,}|BG\/NBD|Pareto\/NBD|Gamma-Gamma|"[^"]*"|\b(?:monetary_value|active_customers|frequency|recency|weights|alpha|beta|Alpha)\b/g, ' ');
  const run = /[A-Za-z][A-Za-z’'-]*(?:[\s,]+[A-Za-z][A-Za-z’'-]*){3,}/.exec(rest);
  return run ? run[0] : null;
}

function expectTranslated(words: Record<keyof typeof LOCALES, string>): void {
  expect(words.fa).not.toBe(words.en);
  expect(words.ar).not.toBe(words.en);
  expect(words.tl).not.toBe(words.en);
  for (const language of ['fa', 'ar'] as const) expect(englishRun(words[language]), words[language]).toBeNull();
  for (const text of Object.values(words)) expect(text).not.toMatch(/\{\w+\}|undefined|\[object|add-in failed/);
}

describe('core messages in the user language through the bundle', () => {
  it('RETENTION_FIT of a cohort nobody left yet, and of churn the same for everyone', () => {
    const words = refusals('RETENTION_FIT', col(1000, 1000, 1000));
    expect(words.en).toBe(
      'RETENTION_FIT: Every customer of the cohort is still active after 2 periods, so there is no churn to learn from yet; give the counts again once some customers have left.',
    );
    expectTranslated(words);
    const rows: Record<string, string> = {};
    for (const [language, locale] of Object.entries(LOCALES)) {
      const answer = createHarness({ userLocale: locale }).cell('RETENTION_FIT', col(1000, 500, 250, 125)) as unknown[][];
      rows[language] = String(answer.find((r) => r[0] === 'converged')![2]);
    }
    expect(rows.en).toMatch(/^Churn looks the same for every customer \(no heterogeneity\).* 50% a period/);
    expectTranslated(rows as Record<keyof typeof LOCALES, string>);
    for (const text of Object.values(rows)) expect(text).toContain('50%');
  });

  it('CLV_FIT_SUMMARY "gammagamma" with a negative spend', () => {
    const words = refusals('CLV_FIT_SUMMARY', col(2, 3, 1), col(10, 20, 5), col(30, 40, 30), 'gammagamma', '', col(20, -5, 12));
    expect(words.en).toMatch(/^CLV_FIT_SUMMARY: monetary_value row 2 is -5; the mean amount of a customer’s repeat purchases cannot be negative/);
    expectTranslated(words);
    for (const text of Object.values(words)) expect(text).toContain('-5');
  });

  it('a purchase fit that cannot be used: CLV_FIT_SUMMARY says why in its converged row, in each language', () => {
    const rows: Record<string, unknown[]> = {};
    for (const [language, locale] of Object.entries(LOCALES)) {
      const answer = createHarness({ userLocale: locale }).cell('CLV_FIT_SUMMARY', col(9, 0), col(540, 0), col(552, 100), 'paretonbd') as unknown[][];
      rows[language] = answer.find((r) => r[0] === 'converged')!;
    }
    expect(rows.en[1]).toBe(false);
    expect(rows.en[2]).toBe('The purchases do not pin down how often customers buy: r ran to the edge of the range allowed. Try BG/NBD, a longer history or more customers.');
    const words = { en: String(rows.en[2]), fa: String(rows.fa[2]), ar: String(rows.ar[2]), tl: String(rows.tl[2]) };
    expectTranslated(words);
    for (const text of Object.values(words)) expect(text).toContain('BG/NBD');
  });

  // A Pareto/NBD fit table as CLV_FIT spills it, s below 1 (so its undiscounted DERT is infinite).
  const PARETO = [
    ['model', 'paretonbd', 'Pareto/NBD'],
    ['r', 0.55, ''],
    ['alpha', 10.6, ''],
    ['s', 0.61, ''],
    ['beta', 11.7, ''],
    ['log_likelihood', -9595, ''],
    ['customers', 2357, ''],
    ['converged', true, ''],
  ];

  it('PROB_PURCHASES beyond the work a cell allows: the limit in each language', () => {
    const many = Array.from({ length: 3001 }, (_, i) => [i]);
    const words = refusals('PROB_PURCHASES', many.map(() => [1]), many.map(() => [1]), many.map((r) => [r[0] + 1]), 10, PARETO, [Array.from({ length: 1000 }, (_, i) => i)]);
    expect(words.en).toMatch(/^PROB_PURCHASES: 3,001 different histories \(repeat purchases and age\) × 1,000 counts is more work than a cell allows \(at most 3,000,000\); ask for fewer counts/);
    expectTranslated(words);
    for (const text of Object.values(words)) expect(text).toContain('3,000,000');
  });

  it('CLV_PREDICT of an infinite undiscounted DERT: asks for a discount rate in each language', () => {
    const words = refusals('CLV_PREDICT', 1, 10, 30, '', PARETO, 'dert', 0);
    expect(words.en).toBe(
      'CLV_PREDICT: with s = 0.61 (1 or less) and no discounting the expected number of future purchases is infinite: the most loyal customers are expected never to stop. Give a discount rate above 0.',
    );
    expectTranslated(words);
    for (const text of Object.values(words)) expect(text).toContain('s = 0.61');
  });
});
