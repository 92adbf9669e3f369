/**
 * The spreadsheet's calendar. Sheets hands the script a date cell as the instant of its midnight in the
 * spreadsheet's time zone (File > Settings), while the script runs in its own zone (appsscript.json, UTC): so the
 * day of a date is taken in the spreadsheet's zone, and a date is written back as the first instant of its day there.
 */
import { parseUtcOffset, ZoneCalendar, type OffsetAt } from '../core/zone';

let zoneCalendar: ZoneCalendar | null = null;

/**
 * The calendar of the active spreadsheet's zone, read once per execution: Apps Script loads the script afresh for
 * every cell call and every sidebar request, so a spreadsheet whose zone changes is read anew on the next call.
 */
export function sheetCalendar(): ZoneCalendar {
  return (zoneCalendar ??= new ZoneCalendar(offsetFinder(spreadsheetTimeZone())));
}

function spreadsheetTimeZone(): string | null {
  try {
    if (typeof SpreadsheetApp === 'undefined') return null;
    return SpreadsheetApp.getActiveSpreadsheet()?.getSpreadsheetTimeZone() || null;
  } catch {
    return null;
  }
}

function offsetFinder(zone: string | null): OffsetAt {
  // Without a spreadsheet (a script run on its own) dates are the script's: its zone is the Date's local zone.
  if (zone === null || typeof Utilities === 'undefined') return (t) => -new Date(t).getTimezoneOffset() * 60_000;
  // UTC never changes its clock: no need to ask.
  if (/^(Etc\/)?(UTC|GMT|UCT|Zulu|Universal)$/i.test(zone)) return () => 0;
  return (t) => parseUtcOffset(Utilities.formatDate(new Date(t), zone, 'Z'));
}

/** The calendar day (days since 1970-01-01) of a date cell in the spreadsheet's zone; NaN for an invalid date. */
export function dayOfDate(date: Date): number {
  const t = date.getTime();
  return Number.isNaN(t) ? NaN : sheetCalendar().dayOf(t);
}

/** A calendar day as the Date to write to a cell: Sheets then shows that day, at 00:00, in the spreadsheet's zone. */
export function dateOfDay(day: number): Date {
  return new Date(sheetCalendar().startOf(day));
}
