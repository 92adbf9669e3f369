// Exactly the names Apps Script must see as globals: cell functions, triggers and the sidebar's server API.
export { LTV, CHURN, CLV_SIMPLE, CAC, LTV_CAC, CAC_PAYBACK, COHORT_RETENTION } from './functions/metrics';
export {
  CLV_SUMMARY,
  CLV_FIT,
  CLV_FIT_SUMMARY,
  P_ALIVE,
  PREDICT_PURCHASES,
  CLV,
  RETENTION_FIT,
  RETENTION_FORECAST,
  CLV_HOLDOUT,
} from './functions/predict';
// These two files export cell functions only (their helpers live in other modules), so all of each is public.
export * from './functions/apply';
export * from './functions/checks';
export * from './functions/sql';
export { onOpen, onInstall, showSidebar, getLanguage, setLanguage, getSheetInfo, getAnalysisProgress, analyzeSheet, exportSegment } from './sidebar';
export { insertTemplate } from './template';
