/**
 * The sidebar's language: which one is shown, the switch, and the page's direction. Static texts of sidebar.html
 * carry `data-i18n="key"` and are rewritten here; modules that write text call `say(key, params)` and redraw on
 * `onLanguageChange`, so the switch takes effect without reading the sheet again.
 */
import { fill } from '../core/i18n/format';
import { isRightToLeft, LANGUAGE_NAMES, LANGUAGES, SIDEBAR, t, type Language, type MessageParams, type SidebarKey } from '../core/i18n';
import { adviceIn, segmentDescriptionIn, segmentName, stageDescriptionIn, stageName } from '../core/i18n/sheets';
import { SEGMENTS, STAGES, type Segment, type SegmentCut, type Stage } from '../core/segment';
import { renderWith } from '../core/i18n/said';
import { told, type Told } from '../server/contract';
import { formatNumber } from './format';

let current: Language = 'en';
const listeners: (() => void)[] = [];

export function language(): Language {
  return current;
}

/** The message in the sidebar's language. */
export function say<K extends SidebarKey>(key: K, ...params: MessageParams<K>): string {
  const given: Record<string, string | number> | undefined = params[0];
  if (!given || !isRightToLeft(current)) return t(current, key, ...params);
  const whole: Record<string, string | number> = {};
  for (const [name, value] of Object.entries(given)) whole[name] = typeof value === 'string' ? unbroken(value) : value;
  return fill(current, SIDEBAR[current][key], whole);
}

// Chromium may break a line after a hyphen inside an isolated date ("2026-06-" | "30"), and a right-to-left line then
// shows the broken piece as "-2026-06": a word joiner after each hyphen keeps a yyyy-mm-dd date on one line.
const ISO_DATE = /^\d{4}-\d{2}-\d{2}$/;
function unbroken(value: string): string {
  return ISO_DATE.test(value) ? value.replace(/-/g, '-\u2060') : value;
}

/**
 * A sentence the server (or a module here) told as a key and values, in the sidebar's language: nested sentences in
 * the same language (not isolated: they are words of it), numbers grouped, a counting message's form chosen by `n`.
 */
export function tell(message: Told): string {
  return renderWith(SIDEBAR[current], current, message, valueText);
}

function valueText(value: string | number): string {
  if (typeof value === 'number') return formatNumber(value);
  return isRightToLeft(current) ? unbroken(value) : value;
}

/** "12 customers", "1 customer", in the sidebar's language. */
export function countOf(what: 'customer' | 'order' | 'day' | 'month' | 'cell', n: number): string {
  return tell(told(`count.${what}`, { n }));
}

function isSidebarKey(key: string): key is SidebarKey {
  return key in SIDEBAR.en;
}

const isSegment = (id: string): id is Segment => (SEGMENTS as readonly string[]).includes(id);
const isStage = (id: string): id is Stage => (STAGES as readonly string[]).includes(id);

/**
 * A segment's or lifecycle stage's name in the sidebar's language, from the sheets' catalogue (the Segments sheet
 * names them the same). The server names groups by their English ids (core/segment.ts); one it does not know (a
 * newer server) is shown as sent.
 */
export function groupName(id: string): string {
  if (isSegment(id)) return segmentName(current, id);
  return isStage(id) ? stageName(current, id) : id;
}

/** What a segment or stage is, by its rule with the analysis's cut and inactive window, in the sidebar's language. */
export function groupDescription(id: string, rules: { cut: SegmentCut; inactiveDays: number }): string {
  if (isSegment(id)) return segmentDescriptionIn(current, id, rules.cut);
  return isStage(id) ? stageDescriptionIn(current, id, { inactiveDays: rules.inactiveDays }) : '';
}

/** What to do about a segment's customers in a stage (the sheets' advice, the rule of core/segment.ts adviceFor). */
export function adviceFor(segment: string, stage: string): string {
  return isSegment(segment) && isStage(stage) ? adviceIn(current, segment, stage) : '';
}

export function onLanguageChange(listener: () => void): void {
  listeners.push(listener);
}

/** Shows the sidebar in a language: direction, the static texts, then whatever the modules redraw. */
export function setLanguage(next: Language, root: Document | null = typeof document === 'undefined' ? null : document): void {
  current = next;
  // Without a page (the words' own tests) only the language changes.
  if (!root) {
    listeners.forEach((listener) => listener());
    return;
  }
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
export function languageSwitch(select: HTMLSelectElement, onChosen: (language: Language) => void = () => undefined): void {
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
    if (!chosen) return;
    setLanguage(chosen);
    onChosen(chosen);
  });
}
