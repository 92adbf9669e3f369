import type { ErrorsSqlMessages } from '../en/errors-sql';

export const errorsSql: ErrorsSqlMessages = {
};
