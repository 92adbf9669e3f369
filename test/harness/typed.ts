/**
 * What Google Sheets makes of a string written with Range.setValue(s): it parses it as if a person typed it into
 * the cell (in an en_US spreadsheet). A script that writes user data as plain strings gets booleans, numbers, dates,
 * times, error values or formulas back; only a leading apostrophe keeps the text as written. The fake sheet applies
 * these rules so the tests see what a real spreadsheet would hold.
 */

/** An error value held by a cell. Scripts read it as its text ("#N/A"), as getValues and custom functions do. */
export class CellError {
  constructor(readonly code: string) {}
  toString(): string {
    return this.code;
  }
}

export const ERROR_CODES = ['#N/A', '#REF!', '#VALUE!', '#DIV/0!', '#NUM!', '#NAME?', '#NULL!', '#ERROR!'] as const;

export type Typed = { formula: string } | { value: string | number | boolean | Date | CellError };

export interface TypingContext {
  /** The first instant of a calendar day (month 1-12) in the spreadsheet's zone, plus milliseconds into the day. */
  dateOf(year: number, month: number, day: number, msIntoDay?: number): Date;
  /** The current year in the spreadsheet's zone ("1/2" is 2 January of this year). */
  currentYear(): number;
}

const MONTHS = ['january', 'february', 'march', 'april', 'may', 'june', 'july', 'august', 'september', 'october', 'november', 'december'];

export function typedValue(text: string, context: TypingContext): Typed {
  if (text.startsWith("'")) return { value: text.slice(1) };
  if (text.startsWith('=') && text.length > 1) return { formula: text };
  const t = text.trim();
  if (t === '') return { value: text };
  if (/^(true|false)$/i.test(t)) return { value: t.toLowerCase() === 'true' };
  const code = ERROR_CODES.find((c) => c === t.toUpperCase());
  if (code) return { value: new CellError(code) };
  const number = typedNumber(t);
  if (number !== null) return { value: number };
  const date = typedDate(t, context);
  if (date !== null) return { value: date };
  // "+x", "-x" and "@x" start a formula when typed; one that is not a number or a valid expression shows an error.
  if (/^[+\-@]/.test(t)) return { value: new CellError('#ERROR!') };
  return { value: text };
}

/** 42, -1.5, 1,234.50, $5, 5 €, (12), 5%, 1e3; null when the text is not a number as typed. */
function typedNumber(t: string): number | null {
  let s = t;
  let sign = 1;
  if (/^\(.*\)$/.test(s)) {
    sign = -1;
    s = s.slice(1, -1).trim();
  }
  if (/^[+-]/.test(s)) {
    if (s[0] === '-') sign = -sign;
    s = s.slice(1).trim();
  }
  s = s.replace(/^[$€£¥]\s*/, '').replace(/\s*[$€£¥]$/, '');
  let scale = 1;
  if (s.endsWith('%')) {
    scale = 0.01;
    s = s.slice(0, -1).trim();
  }
  const m = /^(\d{1,3}(?:,\d{3})+|\d*)(\.\d*)?(e[+-]?\d+)?$/i.exec(s);
  if (!m || !/\d/.test(m[1] + (m[2] ?? ''))) return null;
  const value = Number((m[1] || '0').replace(/,/g, '') + (m[2] ?? '') + (m[3] ?? ''));
  return Number.isFinite(value) ? sign * value * scale : null;
}

/** Dates and times as en_US Sheets reads them when typed; null when the text is not one. */
function typedDate(t: string, context: TypingContext): Date | null {
  const time = /^(\d{1,2}):(\d{2})(?::(\d{2}))?\s*(am|pm)?$/i.exec(t);
  if (time) {
    const ms = timeOfDay(time[1], time[2], time[3], time[4]);
    return ms === null ? null : context.dateOf(1899, 12, 30, ms);
  }
  const withTime = /^(.*?)(?:\s+(\d{1,2}):(\d{2})(?::(\d{2}))?\s*(am|pm)?)?$/i.exec(t)!;
  const ms = withTime[2] === undefined ? 0 : timeOfDay(withTime[2], withTime[3], withTime[4], withTime[5]);
  if (ms === null) return null;
  const ymd = calendarDate(withTime[1].trim(), context.currentYear());
  return ymd ? context.dateOf(ymd[0], ymd[1], ymd[2], ms) : null;
}

function timeOfDay(h: string, m: string, s: string | undefined, half: string | undefined): number | null {
  let hours = Number(h);
  const minutes = Number(m);
  const seconds = s === undefined ? 0 : Number(s);
  if (half) {
    if (hours < 1 || hours > 12) return null;
    hours = (hours % 12) + (half.toLowerCase() === 'pm' ? 12 : 0);
  }
  if (hours > 23 || minutes > 59 || seconds > 59) return null;
  return ((hours * 60 + minutes) * 60 + seconds) * 1000;
}

function calendarDate(s: string, thisYear: number): [number, number, number] | null {
  let m = /^(\d{4})[-/](\d{1,2})[-/](\d{1,2})$/.exec(s);
  if (m) return valid(Number(m[1]), Number(m[2]), Number(m[3]));
  m = /^(\d{1,2})[/-](\d{1,2})(?:[/-](\d{2}|\d{4}))?$/.exec(s);
  if (m) return valid(m[3] === undefined ? thisYear : fullYear(m[3]), Number(m[1]), Number(m[2]));
  m = /^([a-z]{3,9})\.?\s+(\d{1,2})(?:,?\s+(\d{4}))?$/i.exec(s);
  if (m && monthOf(m[1]) > 0) return valid(m[3] === undefined ? thisYear : Number(m[3]), monthOf(m[1]), Number(m[2]));
  m = /^(\d{1,2})[\s-]+([a-z]{3,9})\.?(?:[\s-]+(\d{4}))?$/i.exec(s);
  if (m && monthOf(m[2]) > 0) return valid(m[3] === undefined ? thisYear : Number(m[3]), monthOf(m[2]), Number(m[1]));
  return null;
}

function fullYear(text: string): number {
  const y = Number(text);
  return text.length === 4 ? y : y < 30 ? 2000 + y : 1900 + y;
}

/** 1-12 for a month's name or its abbreviation of three letters or more ("Jan", "Sept"), else 0. */
function monthOf(word: string): number {
  const w = word.toLowerCase();
  return w.length < 3 ? 0 : MONTHS.findIndex((name) => name.startsWith(w)) + 1;
}

function valid(year: number, month: number, day: number): [number, number, number] | null {
  const d = new Date(Date.UTC(2000, month - 1, day));
  d.setUTCFullYear(year);
  return d.getUTCMonth() === month - 1 && d.getUTCDate() === day ? [year, month, day] : null;
}
