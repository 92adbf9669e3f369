// Persian: the month names every Iranian calendar prints; a quarter is a "فصل" (Farvardin–Khordad is spring, فصل ۱).
import type { CalendarMessages } from '../en/calendar';

export const calendarWords: CalendarMessages = {
  'month.1': 'فروردین',
  'month.2': 'اردیبهشت',
  'month.3': 'خرداد',
  'month.4': 'تیر',
  'month.5': 'مرداد',
  'month.6': 'شهریور',
  'month.7': 'مهر',
  'month.8': 'آبان',
  'month.9': 'آذر',
  'month.10': 'دی',
  'month.11': 'بهمن',
  'month.12': 'اسفند',
  'label.month': '{year}-{mm} {month}',
  'label.quarter': '{year} فصل {quarter}',
};
