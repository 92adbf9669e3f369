/**
 * The add-in's words in the user's language. One catalogue per language (en/, fa/, ar/, tl/), each in sections with
 * the same keys: `menu` (menu.ts), `sidebar` (t(), here), `errors` (said(), errors.ts). English is the reference:
 * its literal types give every key and placeholder; test/core/i18n.test.ts checks the other languages against it.
 */
import { sidebar as ar } from './ar/sidebar';
import { sidebar as en, type SidebarKey, type SidebarMessages } from './en/sidebar';
import { sidebar as fa } from './fa/sidebar';
import { fill, type ParamsOf } from './format';
import type { Language } from './language';
import { sidebar as tl } from './tl/sidebar';

export type { Language } from './language';
export { LANGUAGES, LANGUAGE_NAMES, chooseLanguage, isLanguage, isRightToLeft, languageOfLocale } from './language';
export type { MenuKey } from './en/menu';
export type { SidebarKey } from './en/sidebar';
export { MENU, menuText } from './menu';
export { placeholdersOf, type Placeholders } from './format';

export const SIDEBAR: Record<Language, SidebarMessages> = { en, fa, ar, tl };

export type MessageParams<K extends SidebarKey> = ParamsOf<(typeof en)[K], string | number>;

export function t<K extends SidebarKey>(language: Language, key: K, ...params: MessageParams<K>): string {
  return fill(language, SIDEBAR[language][key], params[0] ?? {});
}
