import type { ErrorsServerMessages } from '../en/errors-server';

export const errorsServer: ErrorsServerMessages = {
};
