/**
 * The menu's words, apart from the sidebar's: Code.js loads on every cell call, so the server imports only this
 * module and the named `menu` sections (esbuild leaves the sidebar sections out of Code.js).
 */
import { menu as ar } from './ar';
import { menu as en, type MenuKey, type MenuMessages } from './en';
import { menu as fa } from './fa';
import type { Language } from './language';
import { menu as tl } from './tl';

export const MENU: Record<Language, MenuMessages> = { en, fa, ar, tl };

export function menuText(language: Language, key: MenuKey): string {
  return MENU[language][key];
}
