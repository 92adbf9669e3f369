/**
 * The words of errors and warnings that reach the user from the cells and the sidebar. A check does not write a
 * sentence: it says *what* went wrong as a `Said` (a key of the errors section and its parameters, which may be Said
 * themselves: "amounts row 4" inside "… is blank"), and the message is put in words at the boundary, in the user's
 * language (server/args.ts runCustomFunction for cells, server/sidebar.ts for the sidebar). A Said is plain data, so
 * it crosses google.script.run as it is.
 *
 * Counting words: a message whose forms are separated by " | " is chosen by its `n` parameter, the first form for
 * exactly 1 and the last otherwise ("{n} row | {n} rows"); a language without that distinction writes one form.
 */
import { errors as ar } from './ar/errors';
import { errors as en, type ErrorKey, type ErrorMessages } from './en/errors';
import { errors as fa } from './fa/errors';
import { fill, type ParamsOf } from './format';
import type { Language } from './language';
import { errors as tl } from './tl/errors';
import { formatNumber } from '../words';

export type { ErrorKey } from './en/errors';

export const ERRORS: Record<Language, ErrorMessages> = { en, fa, ar, tl };

/** A message not yet in words. Parameters that are numbers are written as people read them (1,234.5). */
export interface Said {
  readonly key: ErrorKey;
  readonly params: Readonly<Record<string, SaidValue>>;
}
export type SaidValue = string | number | Said;

export function said<K extends ErrorKey>(key: K, ...params: ParamsOf<(typeof en)[K], SaidValue>): Said {
  return { key, params: params[0] ?? {} };
}

export function isSaid(value: unknown): value is Said {
  return typeof value === 'object' && value !== null && typeof (value as { key?: unknown }).key === 'string' && (value as { key: string }).key in en;
}

/** The message in words, in a language; nested messages in the same language. */
export function render(language: Language, message: Said): string {
  const values: Record<string, string | number> = {};
  const nested = new Set<string>();
  for (const [name, value] of Object.entries(message.params)) {
    if (typeof value === 'object') {
      values[name] = render(language, value);
      nested.add(name);
    } else {
      values[name] = typeof value === 'number' ? formatNumber(value) : value;
    }
  }
  return fill(language, chooseForm(ERRORS[language][message.key], message.params.n), values, nested);
}

function chooseForm(message: string, n: SaidValue | undefined): string {
  if (!message.includes(' | ')) return message;
  const forms = message.split(' | ');
  return n === 1 ? forms[0] : forms[forms.length - 1];
}

/** Every message inside a message, itself first (for finding a part to change, as args.ts does with a row's cell). */
export function* partsOf(message: Said): Generator<Said> {
  yield message;
  for (const value of Object.values(message.params)) if (typeof value === 'object') yield* partsOf(value);
}

/** The message with one part replaced, wherever `replace` returns a new one. */
export function replaceParts(message: Said, replace: (part: Said) => Said | null): Said {
  const own = replace(message);
  if (own) return own;
  const params: Record<string, SaidValue> = {};
  for (const [name, value] of Object.entries(message.params)) params[name] = typeof value === 'object' ? replaceParts(value, replace) : value;
  return { key: message.key, params };
}
