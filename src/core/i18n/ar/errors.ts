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
  'value.error': 'الخطأ {error}',
  'value.text': '"{text}"',
  'value.date': 'تاريخ ({date})',
  'value.invalidDate': 'تاريخ غير صالح',
  'value.notFinite': 'رقم غير منته',
  'count.row': 'صف واحد | {n} صفوف',
  'count.cell': 'خلية واحدة | {n} خلايا',
  'count.column': 'عمود واحد | {n} أعمدة',
};
