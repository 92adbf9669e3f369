/**
 * Reading dates and amounts written as text the way people and exports write them: dates as yyyymmdd (19970101),
 * day-first or month-first ("01.01.1997", "13/02/2024", "02/13/2024"), amounts with a currency and thousands
 * separators ("$1,234.50", "1.234,50 €", "₱1,234", "12,500 تومان"). Whether a column is day-first and which
 * character is its decimal separator cannot be told from one value ("01/02/2024", "1,234"), so both are guessed
 * once per column from all its values, and said in words so the user can check the guess.
 */
import { dayFromIso, dayFromJalali, dayFromYmd, ymdFromDay } from './dates';
import { said, type Said } from './i18n/said';

/** How a column's text dates are read: day first (13/02/2024), month first (02/13/2024), or not yet told. */
export type DateOrder = 'dmy' | 'mdy';

export interface DateOrderGuess {
  /** null when the column's dates fit both orders and its separator does not settle it (e.g. all of 01/02/2024). */
  order: DateOrder | null;
  /** Plain words for the user: what was guessed and from what (a message of the errors catalogue). */
  reason: Said;
}

const DAY_MONTH_YEAR = /^(\d{1,2})([./-])(\d{1,2})\2(\d{4})(?:[T ,]+\d{1,2}:\d{2}(?::\d{2}(?:\.\d+)?)?(?:\s*[ap]m)?)?$/i;

/** The day number of a real calendar date, or null (Feb 30, month 13). */
function realDay(year: number, month: number, day: number): number | null {
  if (year < 1000 || month < 1 || month > 12 || day < 1 || day > 31) return null;
  const n = dayFromYmd(year, month, day);
  const back = ymdFromDay(n);
  return back.year === year && back.month === month && back.day === day ? n : null;
}

/**
 * 19970101 as a number or as text: a date written yyyymmdd (old exports, CDNOW). Never a Sheets serial date, which
 * is at most 2,958,465 (9999-12-31), nor a year of the Persian calendar's range (isJalaliYear).
 */
export function dayFromYyyymmdd(value: number | string): number | null {
  const n = typeof value === 'number' ? value : /^\s*\d{8}\s*$/.test(value) ? Number(value) : NaN;
  if (!Number.isInteger(n) || n < 10_000_101 || n > 99_991_231) return null;
  // 14021229 is Esfand 29, 1402 written compactly, never a Gregorian date of 1402: not read rather than misread.
  if (isJalaliYear(Math.floor(n / 10_000))) return null;
  return realDay(Math.floor(n / 10_000), Math.floor(n / 100) % 100, n % 100);
}

/** Year first with "/" or "-" (1402/05/12, 1402-12-29), the way Persian-calendar dates are written; a time is ignored. */
const YEAR_MONTH_DAY = /^(\d{4})([/-])(\d{1,2})\2(\d{1,2})(?:[T ,]+\d{1,2}:\d{2}(?::\d{2}(?:\.\d+)?)?)?$/;

/**
 * Years read as Persian-calendar (Jalali) years: 1300–1499 is 1921–2121 in that calendar, while no order log holds
 * Gregorian dates that old, so a text date with such a year can only be a Persian one.
 */
export function isJalaliYear(year: number): boolean {
  return year >= 1300 && year <= 1499;
}

/**
 * A text date in the Persian calendar, year first or last ("1402/05/12", "۱۴۰۲-۱۲-۲۹", "12/05/1402"), as a day
 * number; { refused } with the reason when it has a Persian year but is no such date (month 13, Esfand 30 of a
 * common year); null when it is not a Persian-calendar date at all.
 */
export function jalaliFromText(text: string): number | { refused: Said } | null {
  const t = westernDigits(text.trim());
  const ymd = YEAR_MONTH_DAY.exec(t);
  if (ymd) return isJalaliYear(Number(ymd[1])) ? dayFromJalali(Number(ymd[1]), Number(ymd[3]), Number(ymd[4])) : null;
  // Day first, as Iranian forms also write them: a Persian year is never read month-first.
  const dmy = DAY_MONTH_YEAR.exec(t);
  if (dmy && isJalaliYear(Number(dmy[4]))) return dayFromJalali(Number(dmy[4]), Number(dmy[3]), Number(dmy[1]));
  return null;
}

/**
 * A text date: ISO (2024-02-13), yyyymmdd, day-first/month-first with ".", "/" or "-" and a four-digit year, or a
 * Persian-calendar date (jalaliFromText), in Western, Persian or Arabic-Indic digits. A date whose first part is above
 * 12 is day-first and one whose second part is above 12 month-first whatever the order given; other d/m/y dates need
 * the column's order (null without one).
 */
export function dayFromText(text: string, order: DateOrder | null): number | null {
  const jalali = jalaliFromText(text);
  if (jalali !== null) return typeof jalali === 'number' ? jalali : null;
  const t = westernDigits(text.trim());
  const iso = dayFromIso(t);
  if (iso !== null) return iso;
  const compact = dayFromYyyymmdd(t);
  if (compact !== null) return compact;
  const m = DAY_MONTH_YEAR.exec(t);
  if (!m) return null;
  const first = Number(m[1]);
  const second = Number(m[3]);
  const year = Number(m[4]);
  const dayFirst = first > 12 ? true : second > 12 ? false : order === null ? null : order === 'dmy';
  if (dayFirst === null) return null;
  return dayFirst ? realDay(year, second, first) : realDay(year, first, second);
}

/**
 * The order of a column's d/m/y text dates: a first part above 12 anywhere means day-first, a second part above 12
 * month-first. When no value settles it, "." and "-" are read day-first (01.02.2024 is 1 February wherever dots are
 * used), while "/" stays undecided: both orders are common and guessing could move every date by months.
 */
export function guessDateOrder(texts: readonly string[]): DateOrderGuess {
  let dayFirst: string | null = null;
  let monthFirst: string | null = null;
  let separator: string | null = null;
  for (const text of texts) {
    const m = DAY_MONTH_YEAR.exec(westernDigits(text.trim()));
    // Persian-calendar dates are day-first by their own rule (jalaliFromText) and settle nothing about the others.
    if (!m || isJalaliYear(Number(m[4]))) continue;
    separator ??= m[2];
    if (Number(m[1]) > 12) dayFirst ??= text.trim();
    else if (Number(m[3]) > 12) monthFirst ??= text.trim();
  }
  if (dayFirst !== null && monthFirst !== null) {
    return { order: null, reason: said('dates.mixed', { dayFirst, monthFirst }) };
  }
  const s = separator ?? '/';
  if (dayFirst !== null) return { order: 'dmy', reason: said('dates.dayFirst', { pattern: `dd${s}mm${s}yyyy`, example: dayFirst }) };
  if (monthFirst !== null) return { order: 'mdy', reason: said('dates.monthFirst', { pattern: `mm${s}dd${s}yyyy`, example: monthFirst }) };
  if (separator === null) return { order: null, reason: said('dates.none') };
  if (separator !== '/') return { order: 'dmy', reason: said('dates.dayFirstBySeparator', { pattern: `dd${s}mm${s}yyyy`, separator }) };
  return { order: null, reason: said('dates.ambiguous') };
}

/** Which character separates the decimals of a column's text amounts: "1,234.50" or "1.234,50". */
export type DecimalMark = '.' | ',';

export interface DecimalGuess {
  decimal: DecimalMark;
  /** Whether some value settled it ("1,234.50", "12,5"), rather than the default "." for want of any. */
  decided: boolean;
}

/** Currency signs and words stripped from amounts; digits and separators are what is read. */
const CURRENCY = /[$€£¥₱₹₩₪₫₺₽₴₦₵฿﷼]|\b(?:USD|EUR|GBP|PHP|IRR|IRT|AED|SAR|JPY|CNY|INR|CAD|AUD|CHF|US\$|A\$|C\$|R\$|Rs\.?|kr|zł|Ft|Kč)\b|تومان|ريال|ریال|درهم|دينار|ر\.س|د\.إ|piso|pesos?/giu;
const SPACES = /[\s\u00a0\u2007\u202f']/gu;

/**
 * Persian (۰-۹) and Arabic-Indic (٠-٩) digits as ASCII, the Arabic decimal mark as ".", its thousands mark dropped, and the
 * Arabic percent sign (٪) as "%" after the number, wherever it was written: what is read is then the same whatever script
 * the number was typed in.
 */
export function westernDigits(text: string): string {
  return text
    .replace(/[\u06f0-\u06f9\u0660-\u0669]/g, (d) => String((d.charCodeAt(0) & 0xf) % 10))
    .replace(/\u066b/g, '.')
    // ٬ only ever groups thousands (never a decimal mark), so it is dropped rather than made a "," that a column of
    // decimal commas would read as one: "۱۲٬۵۰۰" is 12500 whatever the column.
    .replace(/\u066c/g, '')
    .replace(/\u066a/g, '%')
    // Persian and Arabic text often puts the sign first ("٪۵", as it is read right to left): the same 5%.
    .replace(/^(\s*)%\s*([-+]?[\d.,]+)(\s*)$/, '$1$2%$3');
}

/** The digits, separators and sign of an amount, once its currency and spaces are gone; null when anything else is left. */
function bareAmount(text: string): { negative: boolean; body: string } | null {
  let s = westernDigits(text).replace(CURRENCY, '').replace(SPACES, '');
  let negative = false;
  if (/^\(.*\)$/.test(s)) {
    negative = true;
    s = s.slice(1, -1);
  }
  if (/^[-\u2212]/.test(s)) {
    negative = !negative;
    s = s.slice(1);
  } else if (/[-\u2212]$/.test(s)) {
    negative = !negative;
    s = s.slice(0, -1);
  } else if (s.startsWith('+')) s = s.slice(1);
  return /^\d[\d.,]*$|^[.,]\d+$/.test(s) ? { negative, body: s } : null;
}

/** What one amount says about the decimal mark: "," or "." when it settles it, null when it fits both. */
function decimalOf(body: string): DecimalMark | null {
  const lastDot = body.lastIndexOf('.');
  const lastComma = body.lastIndexOf(',');
  if (lastDot >= 0 && lastComma >= 0) return lastDot > lastComma ? '.' : ',';
  const mark = lastDot >= 0 ? '.' : lastComma >= 0 ? ',' : null;
  if (mark === null) return null;
  const parts = body.split(mark);
  // Two or more of one mark can only be grouping ("1.234.567"); one mark before exactly three digits fits both.
  if (parts.length > 2) return mark === '.' ? ',' : '.';
  return parts[1].length === 3 && parts[0] !== '' && parts[0] !== '0' ? null : mark;
}

/** The decimal mark one text amount settles by itself ("1,234.50", "12,5"), or null when it fits both or is no amount. */
export function decimalMarkOf(text: string): DecimalMark | null {
  const bare = bareAmount(text);
  return bare && decimalOf(bare.body);
}

/** The decimal mark of a column of text amounts: the one its values settle, "." when none does. */
export function guessDecimalMark(texts: readonly string[]): DecimalGuess {
  let dot = 0;
  let comma = 0;
  for (const text of texts) {
    const bare = bareAmount(text);
    const mark = bare && decimalOf(bare.body);
    if (mark === '.') dot++;
    else if (mark === ',') comma++;
  }
  if (dot === 0 && comma === 0) return { decimal: '.', decided: false };
  return { decimal: comma > dot ? ',' : '.', decided: true };
}

/**
 * An amount written as text, read with the column's decimal mark: "$1,234.50", "1.234,50 €", "₱1,234",
 * "12,500 تومان", "(12.00)" and "-$5" (negative). Grouping must come in threes ("1,23,456" as in India is taken too:
 * groups of two before the last three); a percent sign or any other text gives null.
 */
export function amountFromText(text: string, decimal: DecimalMark): number | null {
  const bare = bareAmount(text);
  if (!bare) return null;
  const group = decimal === '.' ? ',' : '.';
  const [whole, fraction, extra] = bare.body.split(decimal);
  if (extra !== undefined) return null;
  if (whole.includes(group) && !/^\d{1,3}(?:,\d{2})*,\d{3}$|^\d{1,3}(?:,\d{3})+$/.test(whole.split(group).join(','))) return null;
  if (fraction !== undefined && !/^\d*$/.test(fraction)) return null;
  const digits = whole.split(group).join('');
  if (digits === '' && !fraction) return null;
  const value = Number(`${digits || '0'}.${fraction || '0'}`);
  if (!Number.isFinite(value)) return null;
  return bare.negative ? -value : value;
}

/** Words for a column's number format, e.g. "1,234.50 (decimal point)". */
export function describeDecimalMark(decimal: DecimalMark): string {
  return decimal === '.' ? '1,234.50 (decimal point)' : '1.234,50 (decimal comma)';
}
