/**
 * The add-in's words in the user's language: `t(language, key, params)` for the sidebar, `menuText` (menu.ts) for the menu.
 * A message's `{name}` placeholders are the parameters t() requires, read from the English catalogue's literal types,
 * so a missing or misspelt parameter fails the typecheck.
 */
import * as ar from './ar';
import * as en from './en';
import type { SidebarKey, SidebarMessages } from './en';
import * as fa from './fa';
import { isRightToLeft, type Language } from './language';
import * as tl from './tl';

export type { Language } from './language';
export { LANGUAGES, LANGUAGE_NAMES, chooseLanguage, isLanguage, isRightToLeft, languageOfLocale } from './language';
export type { MenuKey, SidebarKey } from './en';
export { MENU, menuText } from './menu';

export const SIDEBAR: Record<Language, SidebarMessages> = { en: en.sidebar, fa: fa.sidebar, ar: ar.sidebar, tl: tl.sidebar };

/** The placeholder names of a message: 'Choose the {columns} column.' gives 'columns'. */
export type Placeholders<S extends string> = S extends `${string}{${infer Name}}${infer Rest}` ? Name | Placeholders<Rest> : never;

export type MessageParams<K extends SidebarKey> = [Placeholders<(typeof en.sidebar)[K]>] extends [never] ? [] : [Record<Placeholders<(typeof en.sidebar)[K]>, string | number>];

// First strong isolate … pop directional isolate: in a right-to-left sentence, a number, an id or a sheet name keeps
// its own direction ("-12.5%", "C-001" left to right; a Persian header right to left, as its first letter says)
// instead of being reordered by the Arabic or Persian around it. Digits alone have no strong letter: left to right.
const FSI = '\u2068';
const PDI = '\u2069';

/** The placeholder names of a message, in order of appearance (the catalogue test compares them across languages). */
export function placeholdersOf(message: string): string[] {
  return [...message.matchAll(/\{(\w+)\}/g)].map((m) => m[1]);
}

export function t<K extends SidebarKey>(language: Language, key: K, ...params: MessageParams<K>): string {
  const message = SIDEBAR[language][key];
  const values: Partial<Record<string, string | number>> = params[0] ?? {};
  return message.replace(/\{(\w+)\}/g, (whole, name: string) => {
    const value = values[name];
    if (value === undefined) return whole;
    return isRightToLeft(language) ? `${FSI}${String(value)}${PDI}` : String(value);
  });
}
