/**
 * The menu's words, apart from the sidebar's: Code.js loads on every cell call, so the server imports only the
 * sections it uses (esbuild leaves the sidebar section out of Code.js).
 */
import { menu as ar } from './ar/menu';
import { menu as en, type MenuKey, type MenuMessages } from './en/menu';
import { menu as fa } from './fa/menu';
import type { Language } from './language';
import { menu as tl } from './tl/menu';

export const MENU: Record<Language, MenuMessages> = { en, fa, ar, tl };

export function menuText(language: Language, key: MenuKey): string {
  return MENU[language][key];
}
