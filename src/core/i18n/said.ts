/**
 * A message not yet in words (errors.ts explains why). Apart from the catalogues, so code that only says *what* went
 * wrong, and DataError's English, do not pull every language's words into a bundle that does not show them (the sidebar's).
 */
import type { ErrorKey, ErrorMessages, errors as en } from './en/errors';
import { fill, type ParamsOf } from './format';
import type { Language } from './language';
import { formatNumber } from '../words';

/** A message not yet in words. Parameters that are numbers are written as people read them (1,234.5). */
export interface Said {
  readonly key: ErrorKey;
  readonly params: Readonly<Record<string, SaidValue>>;
}
export type SaidValue = string | number | Said;

export function said<K extends ErrorKey>(key: K, ...params: ParamsOf<(typeof en)[K], SaidValue>): Said {
  return { key, params: params[0] ?? {} };
}

/** The message in the words of one language's catalogue; nested messages in the same language. */
export function renderWith(messages: ErrorMessages, language: Language, message: Said): string {
  const values: Record<string, string | number> = {};
  const nested = new Set<string>();
  for (const [name, value] of Object.entries(message.params)) {
    if (typeof value === 'object') {
      values[name] = renderWith(messages, language, value);
      nested.add(name);
    } else {
      values[name] = typeof value === 'number' ? formatNumber(value) : value;
    }
  }
  return fill(language, chooseForm(messages[message.key], message.params.n), values, nested);
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
