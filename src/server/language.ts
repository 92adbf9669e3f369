/** The language the add-in speaks to the user in Sheets: the menu, the sidebar's first view, the cells' errors. */
import { chooseLanguage, type Language } from '../core/i18n/language';

/** The user's own locale (Session), then the spreadsheet's, else English; English when neither can be read. */
export function userLanguage(): Language {
  return chooseLanguage(readLocale(() => Session.getActiveUserLocale()), readLocale(() => SpreadsheetApp.getActiveSpreadsheet().getSpreadsheetLocale()));
}

function readLocale(read: () => string): string | null {
  try {
    return read();
  } catch {
    return null; // a context that may not ask (a custom function without a spreadsheet): the next locale, or English
  }
}
