// Arabic: the Persian months as Iran's Arabic-language media write them; a quarter is "الربع".
import type { CalendarMessages } from '../en/calendar';

export const calendarWords: CalendarMessages = {
  'month.1': 'فروردين',
  'month.2': 'أرديبهشت',
  'month.3': 'خرداد',
  'month.4': 'تير',
  'month.5': 'مرداد',
  'month.6': 'شهريور',
  'month.7': 'مهر',
  'month.8': 'آبان',
  'month.9': 'آذر',
  'month.10': 'دي',
  'month.11': 'بهمن',
  'month.12': 'إسفند',
  'label.month': '{year}-{mm} {month}',
  'label.quarter': '{year} الربع {quarter}',
};
