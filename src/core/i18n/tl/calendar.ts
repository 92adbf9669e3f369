// Filipino: the Persian months keep their own names (as in English); a quarter is written Q1 as in Philippine business.
import type { CalendarMessages } from '../en/calendar';

export const calendarWords: CalendarMessages = {
  'label.month': '{year}-{mm} {month}',
  'label.quarter': '{year}-Q{quarter}',
};
