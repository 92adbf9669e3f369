// Arabic: errors said to a shop owner, with what to do about them; counts written as "الصفوف: 3" avoid the dual and plural forms.
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
  'cell.fault': '{function}: تعطلت الإضافة مع هذه البيانات (الخلل في الإضافة، لا في بياناتك). يُرجى الإبلاغ عنه، مع البيانات إن أمكن.',
  'cell.atRow': '{at}: {message}',
  'where.row': 'الصف {row} من {name}',
  'where.cell': 'الصف {row} من {name} (الخلية {cell})',
  'where.value': '{name}',
  'value.error': 'الخطأ {error}',
  'value.text': '"{text}"',
  'value.date': 'تاريخ ({date})',
  'value.invalidDate': 'تاريخ غير صالح',
  'value.notFinite': 'رقم غير منته',
  'value.plain': '{value}',
  'count.row': 'صف واحد | {n} من الصفوف',
  'count.cell': 'خلية واحدة | {n} من الخلايا',
  'count.column': 'عمود واحد | {n} من الأعمدة',
  'count.customer': 'عميل واحد | {n} من العملاء',
  'count.period': 'فترة واحدة | {n} من الفترات',
  'count.day': 'يوم واحد | {n} من الأيام',
  'count.month': 'شهر واحد | {n} من الأشهر',
  'list.comma': '{first}، {rest}',
  'list.or': '{first} أو {last}',
};
