/**
 * Table and column names as they may appear in the generated SQL. Names are never escaped, only checked: a name
 * passes when it is plain letters, digits and underscores (and hyphens in a BigQuery project id), so no quote,
 * backtick, semicolon, comment or space ever reaches the query, and quoting it (dialects.ts) is then safe and also
 * lets reserved words and mixed case through. Anything else is refused with a message saying what a name may hold.
 */
import { DataError } from '../errors';
import { said } from '../i18n/said';

/** A column, a dataset or a table: what BigQuery, DuckDB and Postgres all accept once quoted (BigQuery: 300 characters). */
const PLAIN = /^[A-Za-z_][A-Za-z0-9_]{0,299}$/;
/** A BigQuery project id (my-shop-123), or a catalog/database name of the other engines: hyphens inside allowed. */
const PROJECT = /^[A-Za-z][A-Za-z0-9_-]{0,127}$/;

/** The parts of a table path (project.dataset.table, dataset.table or table), each checked; surrounding backticks as the BigQuery console copies them are dropped. */
export function tablePath(name: string): string[] {
  const trimmed = name.trim();
  if (trimmed === '') throw new DataError(said('sql.table.blank'), 'table');
  const bare = /^`[^`]*`$/.test(trimmed) ? trimmed.slice(1, -1) : trimmed;
  const parts = bare.split('.');
  const valid =
    parts.length <= 3 &&
    parts.every((part, i) => (parts.length === 3 && i === 0 ? PROJECT.test(part) && !part.endsWith('-') : PLAIN.test(part)));
  if (!valid) throw new DataError(said('sql.table.invalid', { table: shown(trimmed) }), 'table');
  return parts;
}

/** A column name, checked; `argument` is the cell function's argument that gave it. */
export function columnName(name: string, argument: string): string {
  const trimmed = name.trim();
  if (trimmed === '') throw new DataError(said('sql.column.blank', { argument }), argument);
  if (!PLAIN.test(trimmed)) throw new DataError(said('sql.column.invalid', { argument, column: shown(trimmed) }), argument);
  return trimmed;
}

/** A name as the message shows it: short, on one line. */
function shown(text: string): string {
  const line = text.replace(/\s+/g, ' ');
  return line.length > 60 ? `${line.slice(0, 57)}…` : line;
}
