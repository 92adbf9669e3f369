import type { ErrorsCoreMessages } from '../en/errors-core';

export const errorsCore: ErrorsCoreMessages = {
};
