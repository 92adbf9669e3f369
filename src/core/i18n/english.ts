/** A message's English words, for `Error.message`, logs and the fields kept in English: only the English catalogue. */
import { errors } from './en/errors';
import { renderWith, type Said } from './said';

export function inEnglish(message: Said): string {
  return renderWith(errors, 'en', message);
}
