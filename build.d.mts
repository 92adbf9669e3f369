// Types for the pieces of build.mjs that tests exercise.
export function splitExports(code: string): { body: string; exported: string[] };
export function topLevelNames(body: string): string[];
export function checkServerBundle(code: string): { script: string; exported: string[] };
