/**
 * Something to act on: the customers to contact first, and a button per segment that writes that segment's
 * customers to a sheet of their own, ready to export. Customer ids are untrusted text (dom.ts).
 */
import type { ContactRow, Progress, Reply, SegmentExport } from '../server/contract';
import { el } from './dom';
import { formatCount, formatMoney, formatShare } from './format';
import { countOf, groupName, say, tell } from './language';

const DAY_MS = 86_400_000;

/** Whole days from one yyyy-mm-dd to another (calendar days, so time zones and clock changes do not matter). */
export function daysBetween(fromIso: string, toIso: string): number {
  const parse = (iso: string): number => {
    const [y, m, d] = iso.split('-').map(Number);
    return Date.UTC(y, m - 1, d);
  };
  return Math.round((parse(toIso) - parse(fromIso)) / DAY_MS);
}

/** When the next order is expected, said against the as-of date. */
export function nextOrderWords(due: string | null, asOf: string): string {
  if (due === null) return say('contact.noNext');
  const late = daysBetween(due, asOf);
  if (late > 0) return say('contact.late', { due, days: countOf('day', late) });
  if (late === 0) return say('contact.today', { due });
  return say('contact.due', { due });
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
      text: say('contact.hint', { months: options.horizonMonths }),
    }),
  );
  if (sorted.length === 0) {
    box.appendChild(el('p', { className: 'muted', text: say('contact.none') }));
    return box;
  }
  const list = el('ol', { className: 'contacts' });
  for (const { row } of sorted) {
    const id = String(row.id);
    const idText = el('span', { className: 'contact-id', text: id });
    // An id keeps its own direction ("C-0101" left to right, a Persian name right to left), whatever the page's.
    idText.dir = 'auto';
    // The id can be long: the full text stays reachable on hover.
    idText.title = id;
    const item = el(
      'li',
      { testid: 'contact-row' },
      el('div', { className: 'contact-line' }, idText, el('span', { className: 'stake', text: formatMoney(row.atStake) })),
      el('div', { className: 'contact-detail', text: say('contact.lastOrder', { days: countOf('day', row.daysSinceLastOrder), next: nextOrderWords(row.nextOrderDue, options.asOf) }) }),
      el('div', {
        className: 'contact-detail',
        text: say('contact.figures', { value: formatMoney(row.predictedValue), share: formatShare(row.pAlive), segment: groupName(row.segment), stage: groupName(row.stage) }),
      }),
    );
    item.dataset.id = id;
    item.dataset.atStake = String(row.atStake);
    list.appendChild(item);
  }
  box.appendChild(el('div', { className: 'contact-head' }, el('span', { text: say('contact.customer') }), el('span', { text: say('contact.atStake') })));
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
    const button = el('button', { className: 'secondary', testid: 'export-segment', text: say('export.button', { segment: groupName(segment.name), customers: formatCount(segment.customers) }) });
    button.type = 'button';
    button.dataset.segment = segment.name;
    button.addEventListener('click', () => {
      void (async () => {
        buttons.forEach((b) => (b.disabled = true));
        box.setAttribute('aria-busy', 'true');
        status.className = 'muted';
        const writing = say('export.writing', { customers: countOf('customer', segment.customers), segment: groupName(segment.name) });
        status.textContent = writing;
        const reply = await exportSegment(segment.name, (p) => (status.textContent = say('export.step', { writing, step: p.told ? tell(p.told) : p.message })));
        buttons.forEach((b) => (b.disabled = false));
        box.removeAttribute('aria-busy');
        if (reply.ok) {
          status.textContent = say('export.written', { customers: countOf('customer', reply.value.customers), segment: groupName(reply.value.segment), sheet: reply.value.sheet });
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
