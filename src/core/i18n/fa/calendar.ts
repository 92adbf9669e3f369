// Persian: the month names every Iranian calendar prints; a quarter is a "فصل" (Farvardin–Khordad is spring, فصل ۱).
import type { CalendarMessages } from '../en/calendar';

export const calendarWords: CalendarMessages = {
  'label.month': '{year}-{mm} {month}',
  'label.quarter': '{year} فصل {quarter}',
};
