/**
 * A message not yet in words (errors.ts explains why). Apart from the catalogues, so code that only says *what* went
 * wrong, and DataError's English, do not pull every language's words into a bundle that does not show them (the sidebar's).
 */
import type { ErrorKey, errors as en } from './en/errors';
import { fill, type ParamsOf } from './format';
import type { Language } from './language';
import { formatNumber } from '../words';

/**
 * A message not yet in words, of any catalogue section whose keys are K: the errors' Said here, the sidebar's Told
 * (server/contract.ts). Parameters that are numbers are written as people read them (1,234.5).
 */
export interface Message<K extends string> {
  readonly key: K;
  readonly params: Readonly<Record<string, MessageValue<K>>>;
}
export type MessageValue<K extends string> = string | number | Message<K>;

export type Said = Message<ErrorKey>;
export type SaidValue = MessageValue<ErrorKey>;

export function said<K extends ErrorKey>(key: K, ...params: ParamsOf<(typeof en)[K], SaidValue>): Said {
  return { key, params: params[0] ?? {} };
}

const plainValue = (value: string | number): string => (typeof value === 'number' ? formatNumber(value) : value);

/**
 * The message in the words of one language's section; nested messages in the same language and not isolated (they
 * are words of it); `plain` writes the other values (numbers grouped, by default).
 */
export function renderWith<K extends string>(
  messages: Readonly<Record<K, string>>,
  language: Language,
  message: Message<K>,
  plain: (value: string | number) => string = plainValue,
): string {
  const values: Record<string, string> = {};
  const nested = new Set<string>();
  for (const [name, value] of Object.entries(message.params)) {
    if (typeof value === 'object') {
      values[name] = renderWith(messages, language, value, plain);
      nested.add(name);
    } else {
      values[name] = plain(value);
    }
  }
  return fill(language, chooseForm(messages[message.key], message.params.n), values, nested);
}

/** " | " separates a counting message's forms: the first for exactly 1, the last otherwise. */
function chooseForm<K extends string>(message: string, n: MessageValue<K> | undefined): string {
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
