/**
 * What the sidebar does when the user presses Analyze with its defaults: read the active sheet's info, take the
 * guessed columns, and call analyzeSheet through google.script.run's rules (plain data both ways).
 */
import type { AnalysisRequest, AnalysisSummary, Reply, SheetInfo } from '../../src/server/contract';
import type { Harness } from './gas';

export const DEFAULT_OPTIONS = {
  horizonMonths: 12,
  annualDiscountRate: 0.1,
  grossMargin: 1,
  inactiveDays: 90,
  cut: 'top20',
} as const satisfies Partial<AnalysisRequest>;

export function sheetInfo(gas: Harness): Reply<SheetInfo> {
  return gas.fromClient('getSheetInfo') as Reply<SheetInfo>;
}

/** Analyzes the active sheet with the guessed columns; `changes` override any part of the request. */
export function analyzeActiveSheet(gas: Harness, changes: Partial<AnalysisRequest> = {}): Reply<AnalysisSummary> {
  const info = sheetInfo(gas);
  if (!info.ok) return info;
  const request: AnalysisRequest = {
    sheetName: info.value.sheetName,
    shape: info.value.shape,
    columns: info.value.guess,
    ...DEFAULT_OPTIONS,
    ...changes,
  };
  return gas.fromClient('analyzeSheet', request) as Reply<AnalysisSummary>;
}
