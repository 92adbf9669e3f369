import type { ErrorsCoreMessages } from '../en/errors-core';

export const errorsCore: ErrorsCoreMessages = {
  // calendar
  'cohort.persianRange': '{date} بیرون از بازه‌ای است که تقویم شمسی در اینجا حساب می‌شود ({first} تا {last})؛ این تاریخ را درست کنید، یا تقویم "gregorian" (میلادی) را به کار ببرید',
};
