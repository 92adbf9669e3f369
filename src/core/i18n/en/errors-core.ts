/** Errors of the checks and model fits of src/core (summary, models, intervals, tracking, cohorts, formats): part of the errors section (errors.ts). */
export const errorsCore = {
  // calendar
  'cohort.persianRange': '{date} is outside the dates the Persian calendar is reckoned for here ({first} to {last}); fix that date, or use the "gregorian" calendar',
} as const;

export type ErrorsCoreMessages = Record<keyof typeof errorsCore, string>;
