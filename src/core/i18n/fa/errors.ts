// Persian: errors said to an Iranian shop owner, with what to do about them.
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
  'cell.fault': '{function}: افزونه روی این داده‌ها با خطا روبه‌رو شد (ایراد از افزونه است، نه از داده‌های شما). لطفاً آن را گزارش کنید، اگر می‌شود همراه با داده‌ها.',
  'cell.atRow': '{at}: {message}',
  'where.row': 'ردیف {row} از {name}',
  'where.cell': 'ردیف {row} از {name} (خانهٔ {cell})',
  'where.value': '{name}',
  'value.error': 'خطای {error}',
  'value.text': '«{text}»',
  'value.date': 'تاریخ {date}',
  'value.invalidDate': 'یک تاریخ نامعتبر',
  'value.notFinite': 'عددی نامتناهی',
  'value.plain': '{value}',
  'count.row': '{n} ردیف',
  'count.cell': '{n} خانه',
  'count.column': '{n} ستون',
  'count.customer': '{n} مشتری',
  'count.period': '{n} دوره',
  'count.day': '{n} روز',
  'count.month': '{n} ماه',
  'list.comma': '{first}، {rest}',
  'list.or': '{first} یا {last}',
};
