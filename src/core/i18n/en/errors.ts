/**
 * Errors and warnings (errors.ts): what a check found, said to a shop owner with what to do about it. Keys are
 * grouped by where the check is: `cell.` the boundary of every cell function, `value.` one value of an argument.
 */
import { errorsServer } from './errors-server';
import { errorsCore } from './errors-core';
import { errorsSidebar } from './errors-sidebar';
import { errorsSql } from './errors-sql';

export const errors = {
  ...errorsServer,
  ...errorsCore,
  ...errorsSidebar,
  ...errorsSql,
  'cell.failed': '{function}: {message}',
  'cell.fault': '{function}: the add-in failed on these data (a fault of the add-in, not of your data). Please report it, with the data if you can.',
  'cell.atRow': '{at}: {message}',
  'where.row': '{name} row {row}',
  'where.cell': '{name} row {row} (cell {cell})',
  'where.value': '{name}',
  'value.error': 'the error {error}',
  'value.text': '"{text}"',
  'value.date': 'a date ({date})',
  'value.invalidDate': 'an invalid date',
  'value.notFinite': 'not a finite number',
  'value.plain': '{value}',
  'count.row': '{n} row | {n} rows',
  'count.cell': '{n} cell | {n} cells',
  'count.column': '{n} column | {n} columns',
  'count.customer': '{n} customer | {n} customers',
  'count.period': '{n} period | {n} periods',
  'count.day': '{n} day | {n} days',
  'count.month': '{n} month | {n} months',
  'list.comma': '{first}, {rest}',
  'list.or': '{first} or {last}',
} as const;

export type ErrorKey = keyof typeof errors;
export type ErrorMessages = Record<ErrorKey, string>;
