// Arabic: the Persian months as Iran's Arabic-language media write them; a quarter is "الربع".
import type { CalendarMessages } from '../en/calendar';

export const calendarWords: CalendarMessages = {
  'label.month': '{year}-{mm} {month}',
  'label.quarter': '{year} الربع {quarter}',
};
