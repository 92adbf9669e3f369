// Exactly the names Apps Script must see as globals: cell functions, triggers and the sidebar's server API.
export { LTV, CHURN, CLV_SIMPLE, CAC, LTV_CAC, CAC_PAYBACK, COHORT_RETENTION } from './functions/metrics';
