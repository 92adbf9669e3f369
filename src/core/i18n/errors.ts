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
import { errors as en, type ErrorMessages } from './en/errors';
import { errors as fa } from './fa/errors';
import type { Language } from './language';
import { renderWith, type Said } from './said';
import { errors as tl } from './tl/errors';

export type { ErrorKey } from './en/errors';
export { partsOf, replaceParts, said, type Said, type SaidValue } from './said';

export const ERRORS: Record<Language, ErrorMessages> = { en, fa, ar, tl };

/** Whether stored data is a message this version can say (a cached fit's message, say). */
export function isSaid(value: unknown): value is Said {
  return typeof value === 'object' && value !== null && typeof (value as { key?: unknown }).key === 'string' && (value as { key: string }).key in en;
}

/** The message in words, in a language; nested messages in the same language. */
export function render(language: Language, message: Said): string {
  return renderWith(ERRORS[language], language, message);
}

/** What a DataError says, in a language: its message, or its English words when it has no Said (an older check). */
export function errorText(error: { said: Said | null; message: string }, language: Language): string {
  return error.said ? render(language, error.said) : error.message;
}
