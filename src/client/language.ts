/**
 * The sidebar's language: which one is shown, the switch, and the page's direction. Static texts of sidebar.html
 * carry `data-i18n="key"` and are rewritten here; modules that write text call `say(key, params)` and redraw on
 * `onLanguageChange`, so the switch takes effect without reading the sheet again.
 */
import { isRightToLeft, LANGUAGE_NAMES, LANGUAGES, SIDEBAR, t, type Language, type MessageParams, type SidebarKey } from '../core/i18n';

let current: Language = 'en';
const listeners: (() => void)[] = [];

export function language(): Language {
  return current;
}

/** The message in the sidebar's language. */
export function say<K extends SidebarKey>(key: K, ...params: MessageParams<K>): string {
  return t(current, key, ...params);
}

export function onLanguageChange(listener: () => void): void {
  listeners.push(listener);
}

function isSidebarKey(key: string): key is SidebarKey {
  return key in SIDEBAR.en;
}

/** Shows the sidebar in a language: direction, the static texts, then whatever the modules redraw. */
export function setLanguage(next: Language, root: Document = document): void {
  current = next;
  const html = root.documentElement;
  html.lang = next;
  html.dir = isRightToLeft(next) ? 'rtl' : 'ltr';
  root.querySelectorAll<HTMLElement>('[data-i18n]').forEach((node) => {
    const key = node.dataset.i18n ?? '';
    // Static texts have no placeholders: the message as it stands.
    if (isSidebarKey(key)) node.textContent = SIDEBAR[next][key];
  });
  const select = root.getElementById('language');
  if (select instanceof HTMLSelectElement) select.value = next;
  listeners.forEach((listener) => listener());
}

/** Fills the language switch: each language named in itself, so a user who cannot read the current one finds theirs. */
export function languageSwitch(select: HTMLSelectElement): void {
  select.replaceChildren(
    ...LANGUAGES.map((code) => {
      const option = new Option(LANGUAGE_NAMES[code], code);
      option.lang = code;
      option.dir = isRightToLeft(code) ? 'rtl' : 'ltr';
      return option;
    }),
  );
  select.value = current;
  select.addEventListener('change', () => {
    const chosen = LANGUAGES.find((code) => code === select.value);
    if (chosen) setLanguage(chosen);
  });
}
