import type { ErrorsSidebarMessages } from '../en/errors-sidebar';

export const errorsSidebar: ErrorsSidebarMessages = {
};
