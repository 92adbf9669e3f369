/**
 * A problem with the user's data or arguments, said in words for the user. Core code that checks data throws it with
 * the 0-based row of the offending value when it has one; the server adds the argument's name and the function's,
 * and points at the cell ("amounts row 4 (cell C5)"), so no check is made twice. Any other error reaching a cell is
 * a fault of the add-in and is reported as such, without JavaScript's wording.
 *
 * What went wrong is kept as a Said (i18n/errors.ts), put in words in the user's language where it reaches them;
 * `message` is the English words, for logs and for code that only passes a message on; i18n/errors.ts errorText says
 * it in another language (kept out of this class, so a bundle that only throws does not carry every language).
 */
import { inEnglish } from './i18n/english';
import type { Said } from './i18n/said';

export class DataError extends Error {
  readonly said: Said | null;

  constructor(
    message: Said | string,
    readonly argument?: string,
    readonly row?: number,
  ) {
    super(typeof message === 'string' ? message : inEnglish(message));
    // A string is a message not yet in the catalogue: shown as it is in every language until it is moved there.
    this.said = typeof message === 'string' ? null : message;
  }
}
