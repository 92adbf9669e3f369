/** Errors of the sidebar's server (server/sidebar.ts, datacheck.ts): refusals and warnings the sidebar shows: part of the errors section (errors.ts). */
export const errorsSidebar = {
} as const;

export type ErrorsSidebarMessages = Record<keyof typeof errorsSidebar, string>;
