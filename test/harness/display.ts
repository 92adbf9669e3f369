/**
 * How Sheets shows a cell: its value through its number format, dates in the spreadsheet's time zone
 * (getDisplayValues, and what the preview draws). Covers the formats the add-in sets and Sheets' defaults.
 */
import { wallClock } from '../support/zones';
import { CellError } from './typed';

export type Shown = string | number | boolean | Date | CellError;

export function displayText(value: Shown, numberFormat: string | undefined, zone: string): string {
  if (value instanceof CellError) return value.code;
  if (typeof value === 'boolean') return value ? 'TRUE' : 'FALSE';
  if (typeof value === 'string') return value;
  if (Object.prototype.toString.call(value) === '[object Date]') return dateText(value as Date, numberFormat, zone);
  return numberText(value as number, numberFormat);
}

/** Sheets' date tokens: yyyy, yy, mmmm, mmm, mm, m (month, or minutes after h), dd, d, hh, h, ss. */
function dateText(date: Date, format: string | undefined, zone: string): string {
  const pattern = format && /[ymd]/i.test(format) ? format : 'M/d/yyyy';
  const w = wallClock(zone, date.getTime());
  const two = (n: number): string => String(n).padStart(2, '0');
  const names = ['January', 'February', 'March', 'April', 'May', 'June', 'July', 'August', 'September', 'October', 'November', 'December'];
  let afterHour = false;
  return pattern.replace(/"([^"]*)"|yyyy|yy|mmmm|mmm|mm|m|dd|d|hh|h|ss/gi, (token, quoted: string | undefined) => {
    if (quoted !== undefined) return quoted;
    const t = token.toLowerCase();
    if (t === 'hh' || t === 'h') {
      afterHour = true;
      return t === 'hh' ? two(w.hour) : String(w.hour);
    }
    if ((t === 'mm' || t === 'm') && afterHour) return two(w.minute);
    switch (t) {
      case 'yyyy':
        return String(w.year);
      case 'yy':
        return two(w.year % 100);
      case 'mmmm':
        return names[w.month - 1];
      case 'mmm':
        return names[w.month - 1].slice(0, 3);
      case 'mm':
        return two(w.month);
      case 'm':
        return String(w.month);
      case 'dd':
        return two(w.day);
      case 'd':
        return String(w.day);
      default:
        return two(w.second);
    }
  });
}

/** General, 0, 0.00, #,##0.00, 0%, 0.0%, 0.0"x" and the like. */
function numberText(value: number, format: string | undefined): string {
  if (!format || format === 'General' || !/[0#]/.test(format)) {
    return Number.isInteger(value) ? String(value) : String(Number(value.toPrecision(10)));
  }
  const percent = format.includes('%');
  const suffix = /"([^"]*)"/.exec(format)?.[1] ?? '';
  const decimals = /\.([0#]+)/.exec(format)?.[1].length ?? 0;
  const grouped = format.includes(',');
  const shown = (percent ? value * 100 : value).toFixed(decimals);
  const [whole, fraction] = shown.split('.');
  const digits = grouped ? whole.replace(/\B(?=(\d{3})+(?!\d))/g, ',') : whole;
  return `${digits}${fraction ? `.${fraction}` : ''}${percent ? '%' : ''}${suffix}`;
}
