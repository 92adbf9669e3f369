import { describe, expect, it } from 'vitest';
import { LANGUAGES } from '../../src/core/i18n';
import { SEGMENT_IDS, SHEETS, STAGE_IDS, adviceIn, localDigits, segmentDescriptionIn, segmentName, sheetText, stageDescriptionIn, stageName } from '../../src/core/i18n/sheets';
import { SEGMENTS, STAGES, adviceFor, segmentDescription, stageDescription } from '../../src/core/segment';

describe('the sheets catalogue: segments, stages and advice', () => {
  it("English says what core/segment.ts says, for both cuts and any window", () => {
    for (const cut of ['top20', 'median'] as const) for (const s of SEGMENTS) expect(segmentDescriptionIn('en', s, cut)).toBe(segmentDescription(s, cut));
    for (const inactiveDays of [90, 60, 365]) for (const s of STAGES) expect(stageDescriptionIn('en', s, { inactiveDays })).toBe(stageDescription(s, { inactiveDays }));
    for (const s of SEGMENTS) for (const st of STAGES) expect(adviceIn('en', s, st)).toBe(adviceFor(s, st));
    expect(SEGMENTS.map((s) => segmentName('en', s))).toEqual([...SEGMENTS]);
    // The English sentences as they were before they moved to the catalogue (the sidebar and the sheets show them).
    expect(segmentDescription('Past stars', 'median')).toBe('In the upper half by total value, not by predicted value: most of their value is behind them.');
    expect(stageDescription('New', { inactiveDays: 90 })).toBe('First purchase in the last 30 days.');
    expect(stageDescription('Lapsing', { inactiveDays: 90 })).toBe(
      'No purchase for more than 90 days, more than 1.5 of their usual gaps, or less than 50% likely still active; not yet Former.',
    );
    expect(adviceFor('Champions', 'Regular')).toBe('Buying regularly and worth the most: keep and reward them.');
    expect(adviceFor('Low value', 'One-time buyer')).toBe('One order so far: invite a second order, at low cost.');
    expect(STAGES.map((s) => stageName('en', s))).toEqual([...STAGES]);
  });

  it('every language names each segment and stage differently', () => {
    for (const language of LANGUAGES) {
      const names = [...SEGMENTS.map((s) => segmentName(language, s)), ...STAGES.map((s) => stageName(language, s))];
      expect(new Set(names).size).toBe(names.length);
    }
  });

  it("the rules' numbers in the language's digits, no placeholder left", () => {
    expect(stageDescriptionIn('fa', 'New', { inactiveDays: 90 })).toBe('اولین خرید در ۳۰ روز گذشته.');
    expect(stageDescriptionIn('ar', 'Lapsing', { inactiveDays: 90 })).toContain('٩٠');
    expect(stageDescriptionIn('ar', 'Lapsing', { inactiveDays: 90 })).toContain('٥٠٪');
    expect(stageDescriptionIn('fa', 'Lapsing', { inactiveDays: 90 })).toContain('۱٫۵');
    expect(segmentDescriptionIn('fa', 'Champions', 'median')).toContain('نیمهٔ بالا');
    for (const language of LANGUAGES) {
      for (const s of STAGES) expect(stageDescriptionIn(language, s, { inactiveDays: 90 })).not.toMatch(/[{}\u2068\u2069]/);
      for (const s of SEGMENTS) expect(segmentDescriptionIn(language, s, 'top20')).not.toMatch(/[{}\u2068\u2069]/);
    }
    expect(localDigits('tl', '1.5%')).toBe('1.5%');
  });

  it('keys by id, typed', () => {
    expect(sheetText('fa', `segment.${SEGMENT_IDS.Champions}.name`)).toBe('قهرمانان');
    expect(sheetText('tl', `stage.${STAGE_IDS.Regular}.name`)).toBe('Suki');
    expect(sheetText('en', 'segment.champions.description', { top: 'top 20%' })).toBe(segmentDescription('Champions', 'top20'));
  });

  it('no English left in place, apart from the English business words Filipino shop owners use as they are', () => {
    const same = (language: 'fa' | 'ar' | 'tl'): string[] => (Object.keys(SHEETS.en) as (keyof typeof SHEETS.en)[]).filter((k) => SHEETS[language][k] === SHEETS.en[k]);
    expect(same('fa')).toEqual([]);
    expect(same('ar')).toEqual([]);
    // Customer, segment, total value, model, parameter, churn, cohort retention, period… are what they say in Manila.
    expect(same('tl')).toEqual([
      'segment.cut.top20',
      'name.segmentExport',
      'column.segment',
      'cv.customer',
      'cv.pAlive',
      'cv.segment',
      'seg.total',
      'seg.referral',
      'seg.model',
      'seg.totalValue',
      'seg.segment',
      'seg.model.column',
      'seg.parameter',
      'seg.standardError',
      'seg.quarter',
      'orders.customer',
      'formulas.churnColumn',
      'formulas.cohorts',
      'formulas.subscriptions',
      'formulas.period',
    ]);
  });
});
