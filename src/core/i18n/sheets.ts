/**
 * The sheets' words (en/sheets.ts and its translations), apart from the menu's and the sidebar's: the server writes
 * sheets, the sidebar shows the segments' and stages' names and descriptions, and both read them from here.
 */
import { sheets as ar } from './ar/sheets';
import { sheets as en, type SheetKey, type SheetMessages } from './en/sheets';
import { sheets as fa } from './fa/sheets';
import { fill, type ParamsOf } from './format';
import type { Language } from './language';
import { sheets as tl } from './tl/sheets';
import { adviceKey, cutKey, SEGMENT_IDS, STAGE_IDS, stageFigures, type Segment, type SegmentCut, type Stage, type StageRules } from '../segment';

export type { SheetKey } from './en/sheets';

export const SHEETS: Record<Language, SheetMessages> = { en, fa, ar, tl };

export type SheetParams<K extends SheetKey> = ParamsOf<(typeof en)[K], string | number>;

/** A sheet text with its placeholders filled (each value isolated in a right-to-left language, as t() does). */
export function sheetText<K extends SheetKey>(language: Language, key: K, ...params: SheetParams<K>): string {
  return fill(language, SHEETS[language][key], params[0] ?? {});
}

export { SEGMENT_IDS, STAGE_IDS, type SegmentId, type StageId } from '../segment';

export function segmentName(language: Language, segment: Segment): string {
  return SHEETS[language][`segment.${SEGMENT_IDS[segment]}.name`];
}

export function stageName(language: Language, stage: Stage): string {
  return SHEETS[language][`stage.${STAGE_IDS[stage]}.name`];
}

/** What a segment is, by the rule that puts a customer there (core/segment.ts valueSegment), with the cut named. */
export function segmentDescriptionIn(language: Language, segment: Segment, cut: SegmentCut): string {
  const top = SHEETS[language][cutKey(cut)];
  return inWords(language, SHEETS[language][`segment.${SEGMENT_IDS[segment]}.description`], { top });
}

/** What a stage is, by its rule (core/segment.ts lifecycleStage), with the rule's own numbers. */
export function stageDescriptionIn(language: Language, stage: Stage, rules: StageRules): string {
  const f = stageFigures(rules);
  return inWords(language, SHEETS[language][`stage.${STAGE_IDS[stage]}.description`], {
    days: localDigits(language, String(f.days)),
    newDays: localDigits(language, String(f.newDays)),
    gaps: localDigits(language, String(f.gaps)),
    likely: localDigits(language, `${f.likelyPercent}%`),
  });
}

/** What to do, fitting both labels (core/segment.ts adviceKey). */
export function adviceIn(language: Language, segment: Segment, stage: Stage): string {
  return SHEETS[language][adviceKey(segment, stage)];
}

/**
 * Western digits as the language writes them in a sentence: Persian (۰–۹) and Arabic-Indic (٠–٩) digits, ٫ for the
 * decimal point and ٪ for the percent sign, as the catalogues' own fixed numbers are written. Only for words: a
 * number cell stays a number and Sheets shows it in the spreadsheet's locale.
 */
export function localDigits(language: Language, text: string): string {
  const zero = language === 'fa' ? 0x06f0 : language === 'ar' ? 0x0660 : 0;
  if (zero === 0) return text;
  return text.replace(/[0-9.%]/g, (c) => (c === '.' ? '٫' : c === '%' ? '٪' : String.fromCharCode(zero + c.charCodeAt(0) - 48)));
}

// The values are the language's own words and digits already: nothing to isolate.
function inWords(language: Language, message: string, values: Record<string, string>): string {
  return fill(language, message, values, new Set(Object.keys(values)));
}
