/**
 * Fitted models are cached so that recalculating the other cells on the same data does not fit again.
 * Keyed by a hash of what the fit depends on; the document's cache when there is one (custom functions and
 * sidebar share it), else the script's. A cache failure only costs time, never an answer.
 */
import type { FitResult, ParamValues } from '../core/models/types';
import { isSaid } from '../core/i18n/errors';

const VERSION = 'v1';
const SIX_HOURS = 21_600;

function cache(): GoogleAppsScript.Cache.Cache | null {
  try {
    if (typeof CacheService === 'undefined') return null;
    return CacheService.getDocumentCache() ?? CacheService.getScriptCache();
  } catch {
    return null;
  }
}

export function cachedFit(key: string, fit: () => FitResult<ParamValues>): FitResult<ParamValues> {
  const store = cache();
  const fullKey = `fit:${VERSION}:${key}`;
  const hit = readCached(store, fullKey);
  if (hit) return hit;
  const result = fit();
  try {
    store?.put(fullKey, JSON.stringify(result, (_, v: unknown) => (typeof v === 'number' && !Number.isFinite(v) ? String(v) : v)), SIX_HOURS);
  } catch {
    // Too large or the service is unavailable: next time fits again.
  }
  return result;
}

function readCached(store: GoogleAppsScript.Cache.Cache | null, key: string): FitResult<ParamValues> | null {
  try {
    const text = store?.get(key);
    if (!text) return null;
    return asFitResult(JSON.parse(text, (_, v: unknown) => (v === 'NaN' || v === 'Infinity' || v === '-Infinity' ? Number(v) : v)));
  } catch {
    return null;
  }
}

/** A cached value read back as a fit, or null when it is not one (another version wrote it): then the fit is redone. */
function asFitResult(value: unknown): FitResult<ParamValues> | null {
  if (!isRecord(value)) return null;
  const { params, standardErrors, logLikelihood, converged, message, said, iterations, customers, note, noteSaid, covariance } = value;
  if (!isNumbers(params) || !isNumbers(standardErrors)) return null;
  if (typeof logLikelihood !== 'number' || typeof converged !== 'boolean' || typeof message !== 'string') return null;
  if (typeof iterations !== 'number' || typeof customers !== 'number') return null;
  if (note !== undefined && typeof note !== 'string') return null;
  if (covariance !== undefined && !(Array.isArray(covariance) && covariance.every((row) => Array.isArray(row) && row.every((v) => typeof v === 'number')))) return null;
  // The messages as the errors catalogue says them, when the cached fit has them and they are still its messages.
  const words = { ...(isSaid(said) ? { said } : {}), ...(isSaid(noteSaid) ? { noteSaid } : {}) };
  return { params, standardErrors, logLikelihood, converged, message, iterations, customers, ...(note === undefined ? {} : { note }), ...(covariance === undefined ? {} : { covariance }), ...words };
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function isNumbers(value: unknown): value is Record<string, number> {
  return isRecord(value) && Object.values(value).every((v) => typeof v === 'number');
}
