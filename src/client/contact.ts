/**
 * Something to act on: the customers to contact first, and a button per segment that writes that segment's
 * customers to a sheet of their own, ready to export. Customer ids are untrusted text (dom.ts).
 */
import type { ContactRow, Progress, Reply, SegmentExport } from '../server/contract';
import { el } from './dom';
import { formatCount, formatMoney, formatShare } from './format';

const DAY_MS = 86_400_000;

/** Whole days from one yyyy-mm-dd to another (calendar days, so time zones and clock changes do not matter). */
export function daysBetween(fromIso: string, toIso: string): number {
  const parse = (iso: string): number => {
    const [y, m, d] = iso.split('-').map(Number);
    return Date.UTC(y, m - 1, d);
  };
  return Math.round((parse(toIso) - parse(fromIso)) / DAY_MS);
}

function plural(n: number, word: string): string {
  return `${formatCount(n)} ${word}${n === 1 ? '' : 's'}`;
}

/** When the next order is expected, said against the as-of date. */
export function nextOrderWords(due: string | null, asOf: string): string {
  if (due === null) return 'one order so far: no next order date to expect';
  const late = daysBetween(due, asOf);
  if (late > 0) return `next order was expected ${due}, ${plural(late, 'day')} ago`;
  if (late === 0) return `next order expected ${due}, today`;
  return `next order expected ${due}`;
}

/**
 * The list, most value at stake first. The order is the list's meaning, so it is made here rather than taken on
 * trust from the server's order; ties keep the server's order.
 */
export function contactList(rows: readonly ContactRow[], options: { asOf: string; horizonMonths: number }): HTMLElement {
  const sorted = rows.map((row, i) => ({ row, i })).sort((a, b) => b.row.atStake - a.row.atStake || a.i - b.i);
  const box = el(
    'section',
    { className: 'contact', testid: 'contact-first' },
    el('p', {
      className: 'hint',
      text: `Most predicted value at stake first: predicted value over the next ${options.horizonMonths} months × the chance the customer has stopped buying (1 − P(alive)).`,
    }),
  );
  if (sorted.length === 0) {
    box.appendChild(el('p', { className: 'muted', text: 'No customer has predicted value at stake.' }));
    return box;
  }
  const list = el('ol', { className: 'contacts' });
  for (const { row } of sorted) {
    const id = String(row.id);
    const idText = el('span', { className: 'contact-id', text: id });
    // The id can be long: the full text stays reachable on hover.
    idText.title = id;
    const item = el(
      'li',
      { testid: 'contact-row' },
      el('div', { className: 'contact-line' }, idText, el('span', { className: 'stake', text: formatMoney(row.atStake) })),
      el('div', { className: 'contact-detail', text: `last order ${plural(row.daysSinceLastOrder, 'day')} ago; ${nextOrderWords(row.nextOrderDue, options.asOf)}` }),
      el('div', { className: 'contact-detail', text: `predicted ${formatMoney(row.predictedValue)}, P(alive) ${formatShare(row.pAlive)}; ${row.segment}, ${row.stage}` }),
    );
    item.dataset.id = id;
    item.dataset.atStake = String(row.atStake);
    list.appendChild(item);
  }
  box.appendChild(el('div', { className: 'contact-head' }, el('span', { text: 'Customer' }), el('span', { text: 'At stake' })));
  box.appendChild(list);
  return box;
}

// ---------------------------------------------------------------------------------------------- export

/** Writes one segment's sheet; the server analyzes again first, and reports its steps through onProgress. */
export type ExportSegment = (segment: string, onProgress: (p: Progress) => void) => Promise<Reply<SegmentExport>>;

/**
 * One button per segment that has customers. A click writes that segment to a new sheet (through the server);
 * while it works every button waits (two writes at once would race for the sheet names) and a status line says
 * what is being written, then names the sheet written or the problem.
 */
export function segmentExports(segments: readonly { name: string; customers: number }[], exportSegment: ExportSegment): HTMLElement {
  const status = el('p', { className: 'muted', testid: 'export-status' });
  status.setAttribute('role', 'status');
  const buttons: HTMLButtonElement[] = [];
  const box = el('section', { className: 'exports', testid: 'segment-exports' });
  for (const segment of segments.filter((s) => s.customers > 0)) {
    const button = el('button', { className: 'secondary', testid: 'export-segment', text: `${segment.name} (${formatCount(segment.customers)}) to a sheet` });
    button.type = 'button';
    button.dataset.segment = segment.name;
    button.addEventListener('click', () => {
      void (async () => {
        buttons.forEach((b) => (b.disabled = true));
        box.setAttribute('aria-busy', 'true');
        status.className = 'muted';
        const writing = `Writing the ${plural(segment.customers, 'customer')} of ${segment.name} to a new sheet…`;
        status.textContent = writing;
        const reply = await exportSegment(segment.name, (p) => (status.textContent = `${writing} ${p.message}.`));
        buttons.forEach((b) => (b.disabled = false));
        box.removeAttribute('aria-busy');
        if (reply.ok) {
          status.textContent = `Written: ${plural(reply.value.customers, 'customer')} of ${reply.value.segment} on the sheet "${reply.value.sheet}", ready for File > Download.`;
        } else {
          status.className = 'error';
          status.textContent = reply.error;
        }
      })();
    });
    buttons.push(button);
  }
  box.append(el('div', { className: 'export-buttons' }, ...buttons), status);
  return box;
}
