// The errors and fit messages of src/core in the four languages (issue 17): each representative failure gives its
// catalogue key, every placeholder filled, and in Persian and Arabic no English sentence left behind; and the
// converted sources throw no DataError with words of their own (a string literal or a template) any more.
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { DataError } from '../../src/core/errors';
import { guessDateOrder, jalaliFromText } from '../../src/core/formats';
import { ERRORS, errorText, partsOf, render, said, type Said } from '../../src/core/i18n/errors';
import { errorsCore } from '../../src/core/i18n/en/errors-core';
import { LANGUAGES, type Language } from '../../src/core/i18n/language';
import { checkSummaryRow } from '../../src/core/models/common';
import { fitGammaGamma } from '../../src/core/models/gammagamma';
import { paretonbd } from '../../src/core/models/paretonbd';
import { bgnbd } from '../../src/core/models/bgnbd';
import { sbgCohortFromSurvivors, sbgFitSurvivors } from '../../src/core/models/sbg';
import type { FitResult } from '../../src/core/models/types';
import { compressPatterns } from '../../src/core/rfm';
import { notFitted, usablePurchaseFit } from '../../src/core/value';

/** The names a sentence of any language keeps as typed: models, arguments, parameters, units and quoted choices. */
const KEPT = /BG\/NBD|MBG\/NBD|Pareto\/NBD|Gamma-Gamma|BG\/BB|sBG|"[^"]*"|\b(?:monetary_value|active_customers|horizon_months|frequency|recency|weights|interval|unit|alpha|beta|gamma|delta|Alpha)\b/g;

/** A run of four or more Latin words once the kept names are gone: an English sentence left untranslated. */
function englishRun(text: string): string | null {
  const rest = text.replace(KEPT, ' ');
  const run = /[A-Za-z][A-Za-z’'-]*(?:[\s,]+[A-Za-z][A-Za-z’'-]*){3,}/.exec(rest);
  return run ? run[0] : null;
}

/** The message in each language, checked: placeholders filled, no English sentence in Persian or Arabic. */
function inEveryLanguage(message: Said): Record<Language, string> {
  const out = {} as Record<Language, string>;
  for (const language of LANGUAGES) {
    const text = render(language, message);
    expect(text, `${language}: ${text}`).not.toMatch(/\{\w+\}/);
    expect(text, `${language}: ${text}`).not.toMatch(/undefined|NaN|\[object/);
    if (language === 'fa' || language === 'ar') expect(englishRun(text), `${language}: ${text}`).toBeNull();
    out[language] = text;
  }
  return out;
}

function thrown(work: () => unknown): DataError {
  try {
    work();
  } catch (e) {
    if (e instanceof DataError) return e;
    throw e;
  }
  throw new Error('expected a DataError');
}

function saidOf(error: DataError): Said {
  expect(error.said, error.message).not.toBeNull();
  return error.said as Said;
}

function keysIn(message: Said): string[] {
  return [...partsOf(message)].map((part) => part.key);
}

describe('representative failures in en, fa, ar and tl', () => {
  it('a Pareto/NBD fit stopped by its work budget: the cell says the model could not be fitted, why, and what to try', () => {
    // The budget takes minutes of data to reach; the message is the one the fit's `stop` gives (paretonbd.ts).
    const refusal = notFitted('Pareto/NBD', said('paretonbd.workLimit'));
    expect(keysIn(refusal)).toEqual(['fit.notFitted', 'paretonbd.workLimit']);
    const words = inEveryLanguage(refusal);
    expect(words.en).toBe(
      'The Pareto/NBD model could not be fitted to these data. The fit stopped at its work limit before settling: the rates keep running off, so the purchases do not pin the model down. Try BG/NBD, a longer history or more customers.',
    );
    for (const language of LANGUAGES) expect(words[language]).toContain('BG/NBD');
  });

  it('Pareto/NBD running to its edge on a real small shop, through usablePurchaseFit as CLV and P_ALIVE refuse it', () => {
    const fit = paretonbd.fit(compressPatterns([1, 2, 0, 0], [10, 30, 0, 0], [40, 40, 40, 40]));
    expect(fit.converged).toBe(false);
    expect(fit.said?.key).toBe('paretonbd.dropoutEdge');
    const error = thrown(() => usablePurchaseFit({ fit, predictor: null }, 'paretonbd'));
    expect(keysIn(saidOf(error))).toEqual(['fit.notFitted', 'paretonbd.dropoutEdge']);
    expect(error.message).toBe(`The Pareto/NBD model could not be fitted to these data. ${fit.message}`);
    const words = inEveryLanguage(saidOf(error));
    expect(words.fa).toContain('Pareto/NBD');
    expect(errorText(error, 'ar')).toBe(words.ar);
  });

  it('a parameter at a bound of its range: named in every language', () => {
    const fit = paretonbd.fit(compressPatterns([9, 0], [540, 0], [552, 100]));
    expect(fit.said).toEqual(said('paretonbd.atBound', { names: 'r' }));
    const words = inEveryLanguage(fit.said as Said);
    expect(words.en).toBe(fit.message);
    for (const language of LANGUAGES) expect(words[language]).toMatch(/\br\b/);
  });

  it('BG/NBD estimates that are not pinned down, the names joined in each language', () => {
    const fit = bgnbd.fit(compressPatterns([1, 2, 0, 0], [10, 30, 0, 0], [40, 40, 40, 40]));
    expect(fit.converged).toBe(false);
    const words = inEveryLanguage(fit.said as Said);
    expect(words.en).toBe(fit.message);
    if (fit.said?.key === 'fit.uncertainMany') {
      expect(words.en).toMatch(/^The estimates of a and b are too uncertain/);
      expect(words.fa).toContain('\u2068a\u2069 و \u2068b\u2069');
      expect(words.tl).toContain('a at b');
    }
  });

  it('BG/NBD saying a buyer of today has stopped: "more than 99.9%" in the language too', () => {
    const fit = bgnbd.fit(compressPatterns([1, 1, 1, 1, 1, 1], [10, 20, 30, 40, 50, 60], [100, 100, 100, 100, 100, 100]));
    expect(fit.said?.key).toBe('bgnbd.certainDropout');
    const words = inEveryLanguage(fit.said as Said);
    expect(words.en).toBe(fit.message);
    expect(words.en).toMatch(/has a more than 99\.9% chance/);
    expect(words.fa).toContain('بیش از');
    expect(words.ar).toContain('أكثر من');
  });

  it('Gamma-Gamma with a negative spend: the row, the value and what is wrong', () => {
    const error = thrown(() => fitGammaGamma([1, 2, 1], [10, -5, 12]));
    expect(error.argument).toBe('monetary_value');
    expect(error.row).toBe(1);
    expect(keysIn(saidOf(error))).toEqual(['spend.negative', 'where.row']);
    const words = inEveryLanguage(saidOf(error));
    expect(words.en).toBe('monetary_value row 2 is -5; the mean amount of a customer’s repeat purchases cannot be negative (net of returns, 0 at least).');
    for (const language of LANGUAGES) expect(words[language]).toContain('-5');
  });

  it('Gamma-Gamma with zero spends: no customer to learn from', () => {
    const error = thrown(() => fitGammaGamma([1, 2, 1], [0, 0, 0]));
    expect(saidOf(error).key).toBe('spend.noCustomer');
    expect(inEveryLanguage(saidOf(error)).en).toMatch(/^No customer bought again with a positive amount/);
  });

  it('Gamma-Gamma spend varying too much (q at most 1), and its note at a limit of the model', () => {
    const wild = fitGammaGamma([1, 1, 2, 5, 3, 1], [10, 200, 15, 30, 1000, 4]);
    expect(wild.said?.key).toBe('spend.qAtMostOne');
    expect(inEveryLanguage(wild.said as Said).en).toBe(wild.message);
    const alike = fitGammaGamma([1, 2, 3, 4, 5], [10, 10, 10, 10, 10]);
    expect(alike.converged).toBe(true);
    expect(alike.noteSaid?.key).toBe('spend.note');
    expect(inEveryLanguage(alike.noteSaid as Said).en).toBe(alike.note);
  });

  it('sBG with a rising cohort: the row, both counts and what to give instead', () => {
    const error = thrown(() => sbgCohortFromSurvivors([1000, 800, 850]));
    expect(error.argument).toBe('active_customers');
    expect(error.row).toBe(2);
    expect(keysIn(saidOf(error))).toEqual(['sbg.rising', 'where.row']);
    const words = inEveryLanguage(saidOf(error));
    expect(words.en).toBe(
      'active_customers row 3 is 850, more than the row before (800); the active customers of one cohort can only fall, so give one cohort (not the total customer count, which grows with new sign-ups).',
    );
    for (const language of LANGUAGES) {
      expect(words[language]).toContain('850');
      expect(words[language]).toContain('800');
    }
  });

  it('sBG fits that cannot be projected: one period, and churn the same for everyone', () => {
    for (const fit of [sbgFitSurvivors([1000, 700]), sbgFitSurvivors([1000, 500, 250, 125, 62.5, 31.25])]) {
      expect(fit.converged).toBe(false);
      expect(['sbg.onePeriod', 'sbg.sameChurn']).toContain(fit.said?.key);
      const words = inEveryLanguage(fit.said as Said);
      expect(words.en).toBe(fit.message);
      for (const language of LANGUAGES) expect(words[language]).toMatch(/\d+%/);
    }
  });

  it('a date that is not one in the Persian calendar, and dates mixing day-first and month-first', () => {
    const esfand = jalaliFromText('1402/12/30');
    if (esfand === null || typeof esfand === 'number') throw new Error('expected a refusal');
    expect(keysIn(esfand.refused)).toEqual(['jalali.monthLength', 'jalali.month12']);
    const words = inEveryLanguage(esfand.refused);
    expect(words.en).toBe('Esfand 1402 has 29 days');
    expect(words.fa).toContain('اسفند');
    expect(words.ar).toContain('إسفند');
    const month13 = jalaliFromText('1403/13/01');
    if (month13 === null || typeof month13 === 'number') throw new Error('expected a refusal');
    expect(inEveryLanguage(month13.refused).en).toBe('the Persian calendar has 12 months (Farvardin to Esfand), not 13');
    const mixed = guessDateOrder(['13/02/2024', '02/13/2024']);
    expect(mixed.reason.key).toBe('dates.mixed');
    const reason = inEveryLanguage(mixed.reason);
    expect(reason.en).toBe('the dates mix day-first ("13/02/2024") and month-first ("02/13/2024")');
    for (const language of LANGUAGES) expect(reason[language]).toContain('02/13/2024');
  });

  it('a value that is no number is said so in the language, not in English words', () => {
    const error = thrown(() => checkSummaryRow(NaN, 0, 1, 1, 3));
    expect(keysIn(saidOf(error))).toEqual(['rfm.frequencyNotNumber', 'where.row', 'core.notANumber']);
    const words = inEveryLanguage(saidOf(error));
    expect(words.en).toBe('frequency row 4 is not a number; give the number of repeat purchases, a whole number.');
    for (const language of ['fa', 'ar', 'tl'] as const) expect(words[language]).not.toContain('not a number');
  });

  it('a fit from before the catalogue (English only) still refuses in its words', () => {
    const old: FitResult<{ k: number }> = { params: { k: 1 }, standardErrors: { k: 0 }, logLikelihood: -1, converged: false, message: 'It did not settle.', iterations: 1, customers: 2 };
    const refusal = notFitted('BG/NBD', old.said ?? old.message);
    expect(render('en', refusal)).toBe('The BG/NBD model could not be fitted to these data. It did not settle.');
  });
});

describe("every message of core's catalogue", () => {
  // Each filled with a number for each placeholder (a counting message both ways): what shows must be a sentence
  // of that language.
  const keys = Object.keys(errorsCore) as (keyof typeof errorsCore)[];
  for (const language of ['fa', 'ar'] as const) {
    it(`${language}: no English sentence left, no placeholder unfilled`, () => {
      for (const key of keys) {
        for (const n of [1, 7]) {
          const names = [...new Set([...ERRORS.en[key].matchAll(/\{(\w+)\}/g)].map((m) => m[1]))];
          const text = render(language, { key, params: Object.fromEntries(names.map((name) => [name, name === 'n' ? n : 12])) });
          expect(text, key).not.toMatch(/\{\w+\}/);
          expect(englishRun(text), `${key}: ${text}`).toBeNull();
        }
      }
    });
  }

  it('English is left as it is nowhere but in the names kept as typed', () => {
    for (const language of ['fa', 'ar'] as const) {
      const same = (Object.keys(errorsCore) as (keyof typeof errorsCore)[]).filter((key) => ERRORS[language][key] === ERRORS.en[key]);
      expect(same.filter((key) => !/^core\.sentences$/.test(key)), language).toEqual([]);
    }
  });
});

describe('the converted sources', () => {
  // No `new DataError('…')` or `new DataError(`…`)`: every check of these files says what it found as a Said.
  const FILES = [
    'src/core/models/common.ts',
    'src/core/models/sbg.ts',
    'src/core/models/bgbb.ts',
    'src/core/models/gammagamma.ts',
    'src/core/models/define.ts',
    'src/core/models/betageo.ts',
    'src/core/models/paretonbd.ts',
    'src/core/summary.ts',
    'src/core/value.ts',
    'src/core/intervals.ts',
    'src/core/tracking.ts',
    'src/core/analysis.ts',
    'src/core/compare.ts',
    'src/core/formats.ts',
    'src/core/dates.ts',
    'src/core/optimize.ts',
  ];
  for (const file of FILES) {
    it(`${file} throws no DataError with words of its own`, () => {
      const source = readFileSync(new URL(`../../${file}`, import.meta.url), 'utf8');
      expect(source).not.toMatch(/new DataError\(\s*['"`]/);
      // Nor a message built from English put in front of a value (`${…} row ${…}`).
      expect(source).not.toMatch(/new DataError\(\s*`/);
    });
  }

  it('the fits say why as a Said: no English sentence returned as a fit problem or a stop reason', () => {
    for (const file of ['src/core/optimize.ts', 'src/core/models/common.ts', 'src/core/models/betageo.ts', 'src/core/models/paretonbd.ts', 'src/core/models/gammagamma.ts', 'src/core/models/bgbb.ts', 'src/core/models/sbg.ts']) {
      const source = readFileSync(new URL(`../../${file}`, import.meta.url), 'utf8');
      // A sentence in quotes: a capital letter, words, a full stop at the end.
      expect(source.match(/['`]The [a-z][^'`]*\.['`]/g) ?? [], file).toEqual([]);
    }
  });
});
