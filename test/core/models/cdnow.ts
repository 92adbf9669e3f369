/** The CDNOW data of the CLV literature (see test/fixtures/README.md), as the model tests use it. */
import { compressPatterns, type Patterns } from '../../../src/core/rfm';
import { summarizeOrders, type CustomerSummary } from '../../../src/core/summary';
import { fixture } from '../../fixtures';

function csvRows(file: string): number[][] {
  return fixture(file)
    .trim()
    .split('\n')
    .slice(1)
    .map((line) => line.split(',').map(Number));
}

/** The papers' calibration summary (weeks): ID, frequency, recency, T, and zbar (mean repeat spend). */
export function cdnowSummary(): { x: number[]; tx: number[]; T: number[]; zbar: number[] } {
  const rows = csvRows('cdnow_customers_summary_with_transactions.csv');
  return { x: rows.map((r) => r[1]), tx: rows.map((r) => r[2]), T: rows.map((r) => r[3]), zbar: rows.map((r) => r[4]) };
}

export function cdnowPatterns(): Patterns {
  const s = cdnowSummary();
  return compressPatterns(s.x, s.tx, s.T);
}

export const dayOfYyyymmdd = (text: string): number =>
  Date.UTC(Number(text.slice(0, 4)), Number(text.slice(4, 6)) - 1, Number(text.slice(6, 8))) / 86_400_000;

/** CDNOW_sample.txt: master id, sample id, yyyymmdd, CDs, dollars; whitespace separated, no header. */
export function readCdnowSample(): { ids: number[]; days: number[]; amounts: number[] } {
  const ids: number[] = [];
  const days: number[] = [];
  const amounts: number[] = [];
  for (const line of fixture('CDNOW_sample.txt').split('\n')) {
    const fields = line.trim().split(/\s+/);
    if (fields.length < 5) continue;
    ids.push(Number(fields[1]));
    days.push(dayOfYyyymmdd(fields[2]));
    amounts.push(Number(fields[4]));
  }
  return { ids, days, amounts };
}

/** The raw 1/10 sample's orders summarised as the papers do: as of 1997-09-30, in weeks. */
export function cdnowSummaryFromOrders(): CustomerSummary {
  return summarizeOrders(readCdnowSample(), { asOfDay: dayOfYyyymmdd('19970930'), unit: 'week' });
}

export interface LifetimesReference {
  bgnbd_params: { r: number; alpha: number; a: number; b: number };
  bgnbd_log_likelihood: number;
  rows: {
    frequency: number;
    recency: number;
    T: number;
    bgnbd_expected_39: number;
    bgnbd_expected_52: number;
    bgnbd_expected_104: number;
    bgnbd_expected_520: number;
    bgnbd_p_alive: number;
  }[];
}

export function lifetimesReference(): LifetimesReference {
  return JSON.parse(fixture('lifetimes_cdnow_bgnbd_predictions.json')) as LifetimesReference;
}

export const relative = (actual: number, expected: number): number => Math.abs(actual / expected - 1);
