/** Errors of the readers and cell functions of src/server (args.ts, orders.ts, fitTables.ts, functions/…): part of the errors section (errors.ts). */
export const errorsServer = {
} as const;

export type ErrorsServerMessages = Record<keyof typeof errorsServer, string>;
