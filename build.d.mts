// Types for the pieces of build.mjs that tests exercise.
export const CLOSURE_NAME: string;
export const BUDGET_BYTES: number;
export const SHEETS_FUNCTIONS_FILE: string;
export function readSheetsFunctions(file?: string): string[];
export function splitExports(code: string): { body: string; exported: string[] };
export function topLevelNames(body: string): string[];
export function topLevelNameProblems(names: string[], sheetsFunctions: string[]): string[];
export function checkBudget(bytes: number, budget?: number): void;
export function licenseHeader(comments: { text: string; pkg: string | null }[]): string;
export function checkServerBundle(
  code: string,
  options?: { sheetsFunctions?: string[]; budget?: number },
): { script: string; exported: string[]; bytes: number; budget: number; notices: number };
