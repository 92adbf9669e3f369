/** Errors of the checks and model fits of src/core (summary, models, intervals, tracking, cohorts, formats): part of the errors section (errors.ts). */
export const errorsCore = {
} as const;

export type ErrorsCoreMessages = Record<keyof typeof errorsCore, string>;
