import { benchmarkOrderLog } from '../src/core/generate';
import { summarizeOrders } from '../src/core/summary';
import { numberIds } from '../src/core/ids';
const log = benchmarkOrderLog();
const numbered = numberIds(log.customerIds);
const S = 9;
function inter(days: Int32Array|Float64Array, amounts: Float64Array, customerOfRow: Int32Array, m: number, asOfDay: number) {
  const st = new Float64Array(S * m);
  for (let k = 0; k < m; k++) st[k * S] = NaN;
  const firstSeen = new Int32Array(m); let seen = 0;
  let ignored = 0;
  for (let i = 0; i < customerOfRow.length; i++) {
    const day = days[i];
    if (!Number.isFinite(day)) throw new RangeError('x');
    if (day > asOfDay) { ignored++; continue; }
    const b = customerOfRow[i] * S;
    const open = st[b];
    if (open !== day) {
      if (open === open) {
        if (day < open) return null;
        st[b + 7] += st[b + 1];
        if (st[b + 2] !== 0) {
          if (st[b + 3] === 0) st[b + 4] = open; else st[b + 6] += st[b + 1];
          st[b + 3]++; st[b + 5] = open;
        }
      } else firstSeen[seen++] = b / S;
      st[b] = day; st[b + 1] = 0; st[b + 2] = 0;
    }
    st[b + 8]++;
    const amount = amounts[i];
    st[b + 1] += amount;
    if (amount >= 0) st[b + 2] = 1;
  }
  return { st, firstSeen, seen, ignored };
}
function t(name: string, f: () => void) { const ts: number[] = []; for (let i = 0; i < 9; i++) { const s = performance.now(); f(); ts.push(performance.now() - s); } ts.sort((a,b)=>a-b); console.log(name, ts.map(x=>x.toFixed(0)).join(' ')); }
const o = { ids: log.customerIds, days: log.days, amounts: log.amounts };
for (let r = 0; r < 2; r++) {
t('numberIds', () => numberIds(log.customerIds));
t('full summary', () => summarizeOrders(o, { unit: 'day' }));
t('interleaved pass', () => inter(log.days, log.amounts, numbered.customerOfRow, numbered.distinct.length, 1e9));
}
