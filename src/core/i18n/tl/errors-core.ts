import type { ErrorsCoreMessages } from '../en/errors-core';

export const errorsCore: ErrorsCoreMessages = {
  // calendar
  'cohort.persianRange': 'Ang {date} ay labas sa mga petsang kayang bilangin ng kalendaryong Persian dito ({first} hanggang {last}); ayusin ang petsang iyon, o gamitin ang kalendaryong "gregorian"',
};
