/**
 * Cell functions that apply a fit someone already has (a CLV_FIT, CLV_FIT_SUMMARY or RETENTION_FIT table) to
 * customer summaries or cohorts. Every export of this file is a public cell function (index.ts exports them all).
 */
export {};
