/** Errors of CLV_SQL and the SQL generator (core/sql): part of the errors section (errors.ts). */
export const errorsSql = {
} as const;

export type ErrorsSqlMessages = Record<keyof typeof errorsSql, string>;
