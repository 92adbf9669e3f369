import type { ErrorsCoreMessages } from '../en/errors-core';

export const errorsCore: ErrorsCoreMessages = {
  // calendar
  'cohort.persianRange': '{date} خارج نطاق التواريخ التي يُحسب لها التقويم الهجري الشمسي هنا (من {first} إلى {last})؛ صحّح هذا التاريخ، أو استخدم التقويم "gregorian" (الميلادي)',
};
