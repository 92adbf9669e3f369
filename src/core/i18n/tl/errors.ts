// Tagalog/Filipino: errors said the way Filipino business people write them, English terms kept where they use them.
import type { ErrorMessages } from '../en/errors';
import { errorsServer } from './errors-server';
import { errorsCore } from './errors-core';
import { errorsSidebar } from './errors-sidebar';
import { errorsSql } from './errors-sql';

export const errors: ErrorMessages = {
  ...errorsServer,
  ...errorsCore,
  ...errorsSidebar,
  ...errorsSql,
  'cell.failed': '{function}: {message}',
  'cell.fault': '{function}: nagka-problema ang add-in sa data na ito (mali ng add-in, hindi ng data mo). Paki-report ito, kasama ang data kung maaari.',
  'cell.atRow': '{at}: {message}',
  'where.row': '{name} row {row}',
  'where.cell': '{name} row {row} (cell {cell})',
  'where.value': '{name}',
  'value.error': 'ang error na {error}',
  'value.text': '"{text}"',
  'value.date': 'isang petsa ({date})',
  'value.invalidDate': 'isang hindi wastong petsa',
  'value.notFinite': 'hindi isang may-hangganang numero',
  'value.plain': '{value}',
  'count.row': '{n} row',
  'count.cell': '{n} cell',
  'count.column': '{n} column',
  'count.customer': '{n} customer',
  'count.period': '{n} period',
  'count.day': '{n} araw',
  'count.month': '{n} buwan',
  'list.comma': '{first}, {rest}',
  'list.or': '{first} o {last}',
};
