/**
 * Filling a catalogue's message in, the same for every section. A message's `{name}` placeholders are the parameters
 * it requires, read from the English catalogue's literal types, so a missing or misspelt parameter fails the typecheck.
 */
import { isRightToLeft, type Language } from './language';

/** The placeholder names of a message: 'Choose the {columns} column.' gives 'columns'. */
export type Placeholders<S extends string> = S extends `${string}{${infer Name}}${infer Rest}` ? Name | Placeholders<Rest> : never;

/** The parameters a message of an English catalogue requires: none, or one record of its placeholders. */
export type ParamsOf<Message extends string, Value> = [Placeholders<Message>] extends [never] ? [] : [Record<Placeholders<Message>, Value>];

// First strong isolate … pop directional isolate: in a right-to-left sentence, a number, an id or a sheet name keeps
// its own direction ("-12.5%", "C-001" left to right; a Persian header right to left, as its first letter says)
// instead of being reordered by the Arabic or Persian around it. Digits alone have no strong letter: left to right.
const FSI = '\u2068';
const PDI = '\u2069';

/** The placeholder names of a message, in order of appearance (the catalogue test compares them across languages). */
export function placeholdersOf(message: string): string[] {
  return [...message.matchAll(/\{(\w+)\}/g)].map((m) => m[1]);
}

/**
 * The message with its placeholders filled; in a right-to-left language each value is isolated unless `nested` says
 * it is already a sentence of that language (a message inside a message). A placeholder without a value stays as written.
 */
export function fill(language: Language, message: string, values: Partial<Record<string, string | number>>, nested: ReadonlySet<string> = NONE): string {
  return message.replace(/\{(\w+)\}/g, (whole, name: string) => {
    const value = values[name];
    if (value === undefined) return whole;
    return isRightToLeft(language) && !nested.has(name) ? `${FSI}${String(value)}${PDI}` : String(value);
  });
}

const NONE: ReadonlySet<string> = new Set();
