// Filipino: the Persian months keep their own names (as in English); a quarter is written Q1 as in Philippine business.
import type { CalendarMessages } from '../en/calendar';

export const calendarWords: CalendarMessages = {
  'month.1': 'Farvardin',
  'month.2': 'Ordibehesht',
  'month.3': 'Khordad',
  'month.4': 'Tir',
  'month.5': 'Mordad',
  'month.6': 'Shahrivar',
  'month.7': 'Mehr',
  'month.8': 'Aban',
  'month.9': 'Azar',
  'month.10': 'Dey',
  'month.11': 'Bahman',
  'month.12': 'Esfand',
  'label.month': '{year}-{mm} {month}',
  'label.quarter': '{year}-Q{quarter}',
};
