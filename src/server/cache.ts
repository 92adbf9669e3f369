/**
 * Fitted models are cached so that recalculating the other cells on the same data does not fit again.
 * Keyed by a hash of what the fit depends on; the document's cache when there is one (custom functions and
 * sidebar share it), else the script's. A cache failure only costs time, never an answer.
 */
import type { FitResult } from '../core/models/types';

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

export function cachedFit<P extends object>(key: string, fit: () => FitResult<P>): FitResult<P> {
  const store = cache();
  const fullKey = `fit:${VERSION}:${key}`;
  const hit = readCached<P>(store, fullKey);
  if (hit) return hit;
  const result = fit();
  try {
    store?.put(fullKey, JSON.stringify(result, (_, v: unknown) => (typeof v === 'number' && !Number.isFinite(v) ? String(v) : v)), SIX_HOURS);
  } catch {
    // Too large or the service is unavailable: next time fits again.
  }
  return result;
}

function readCached<P extends object>(store: GoogleAppsScript.Cache.Cache | null, key: string): FitResult<P> | null {
  try {
    const text = store?.get(key);
    if (!text) return null;
    return JSON.parse(text, (_, v: unknown) => (v === 'NaN' || v === 'Infinity' || v === '-Infinity' ? Number(v) : v)) as FitResult<P>;
  } catch {
    return null;
  }
}
