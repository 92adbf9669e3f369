/**
 * The results of an analysis, top to bottom in the order a shop owner asks: what are my customers worth (headline),
 * can I trust it (model and holdout verdict), who is worth what (segments, pictures), whom do I call (contact
 * first, segment exports), what if I did better (what-if), and what was written where.
 */
import type { AnalysisSummary, CustomerCharts, GroupSummary } from '../server/contract';
import { barChart, concentrationChart, heatmap, histogram } from './charts';
import { contactList, segmentExports, type ExportSegment } from './contact';
import { el } from './dom';
import { formatCount, formatMoney, formatShare } from './format';
import { headline, trust } from './headline';
import { whatIfPanel } from './whatif';
import { adviceFor, groupDescription, groupName, say, tell } from './language';
import { told } from '../server/contract';

/** Past value in grey (it is behind us), predicted in blue: each at least 4.5:1 against white. */
export const VALUE_COLORS = { past: '#5f6368', predicted: '#1a73e8' } as const;

export interface ResultActions {
  exportSegment: ExportSegment;
}

function stat(label: string, value: string): HTMLElement {
  return el('div', { className: 'stat' }, el('span', { className: 'value', text: value }), el('span', { className: 'label', text: label }));
}

function segmentCard(g: GroupSummary, s: AnalysisSummary): HTMLElement {
  const customers = stat(say('card.customers', { share: formatShare(g.customerShare) }), formatCount(g.customers));
  customers.dataset.testid = 'segment-customers';
  const card = el(
    'article',
    { className: 'card', testid: 'segment-card' },
    el('h3', { text: groupName(g.name) }),
    el(
      'div',
      { className: 'stats' },
      customers,
      stat(say('card.revenue', { share: formatShare(g.revenueShare) }), formatMoney(g.revenue)),
      stat(say('card.predicted', { months: s.horizonMonths, share: formatShare(g.predictedShare) }), formatMoney(g.predictedValue)),
      stat(say('card.perCustomer'), formatMoney(g.customers > 0 ? g.totalValue / g.customers : 0)),
    ),
  );
  // The segment's id (its English name): what the tests and the export find it by, whatever the language.
  card.dataset.segment = g.name;
  card.dataset.customers = String(g.customers);
  card.dataset.kind = g.name.toLowerCase().replace(/[^a-z]+/g, '-');
  card.appendChild(el('p', { className: 'meaning', text: groupDescription(g.name, s) }));
  const actions = s.actions.filter((a) => a.segment === g.name && a.customers > 0);
  if (actions.length > 0) {
    card.appendChild(
      el(
        'ul',
        { className: 'advice', testid: 'advice' },
        // The colon is the sentence's own punctuation in every language the sidebar speaks (Arabic and Persian too).
        ...actions.map((a) => el('li', {}, el('strong', { text: say('card.advice', { stage: groupName(a.stage), customers: formatCount(a.customers) }) }), document.createTextNode(`: ${adviceFor(a.segment, a.stage)}`))),
      ),
    );
  }
  return card;
}

function stageTable(stages: GroupSummary[], s: AnalysisSummary): HTMLElement {
  const horizonMonths = s.horizonMonths;
  const head = el('tr', {}, el('th', { text: say('stages.stage') }), el('th', { text: say('stages.customers') }), el('th', { text: say('stages.predicted', { months: horizonMonths }) }));
  const rows = stages.map((g) => {
    const row = el('tr', {}, el('td', { text: groupName(g.name) }), el('td', { text: `${formatCount(g.customers)} (${formatShare(g.customerShare)})` }), el('td', { text: formatMoney(g.predictedValue) }));
    row.title = groupDescription(g.name, s);
    return row;
  });
  return el(
    'table',
    { className: 'numbers stages', testid: 'stages' },
    el('caption', { text: say('stages.caption') }),
    el('thead', {}, head),
    el('tbody', {}, ...rows),
  );
}

function section(title: string, testid: string, ...children: Node[]): HTMLElement {
  return el('section', { testid }, el('h2', { text: title }), ...children);
}

/** The pictures of the customer base: how concentrated the value is, who is still buying, how the value spreads. */
export function customerCharts(c: CustomerCharts, options: { horizonMonths: number; topShare: number }): HTMLElement {
  const months = options.horizonMonths;
  return el(
    'div',
    { testid: 'customer-charts' },
    el('h3', { text: say('charts.concentration') }),
    concentrationChart({ title: say('chart.concentration', { months }), valueName: say('chart.predictedValue'), points: c.valueCurve, mark: options.topShare }),
    el('h3', { text: say('charts.stillBuying') }),
    heatmap({
      title: say('chart.pAlive'),
      rowTitle: say('chart.repeatPurchases'),
      columnTitle: say('chart.daysSince'),
      // P(alive) is the model's own name for it, the same in every language.
      valueName: 'P(alive)',
      ...c.pAlive,
    }),
    el('h3', { text: say('charts.perCustomer') }),
    histogram({ title: say('chart.histogram', { months }), valueName: say('chart.histogramAxis', { months }), bins: c.predictedValueBins }),
  );
}

export function renderResults(box: HTMLElement, s: AnalysisSummary, actions: ResultActions): void {
  const segmentsWithCustomers = s.segments.filter((g) => g.customers > 0);
  box.replaceChildren(
    el('h2', { text: say('results.title') }),
    el('p', { testid: 'summary', text: say('results.summary', { customers: formatCount(s.customers), orders: formatCount(s.orders), asOf: s.asOf }) }),
    headline(s),
    section(say('results.trust'), 'trust-section', trust(s.model, s.holdout)),
    section(
      say('results.segments'),
      'segments-section',
      barChart({
        title: say('chart.segments', { months: s.horizonMonths }),
        bars: segmentsWithCustomers.map((g) => ({
          label: groupName(g.name),
          value: g.totalValue,
          parts: [
            { name: say('chart.past'), value: g.pastValue, color: VALUE_COLORS.past },
            { name: say('chart.predicted'), value: g.predictedValue, color: VALUE_COLORS.predicted },
          ],
        })),
        legend: [
          { name: say('chart.past'), color: VALUE_COLORS.past },
          { name: say('chart.predictedMonths', { months: s.horizonMonths }), color: VALUE_COLORS.predicted },
        ],
        format: formatMoney,
        testid: 'segment-chart',
      }),
      el('div', { className: 'cards', testid: 'segments' }, ...s.segments.map((g) => segmentCard(g, s))),
    ),
    section(say('results.pictures'), 'charts-section', customerCharts(s.charts, { horizonMonths: s.horizonMonths, topShare: s.topShare.customerShare })),
    section(say('results.stages'), 'stages-section', stageTable(s.stages, s)),
  );
  box.appendChild(section(say('results.contact'), 'contact-section', contactList(s.contactFirst, s)));
  box.appendChild(section(say('results.export'), 'export-section', segmentExports(segmentsWithCustomers, actions.exportSegment)));
  box.appendChild(section(say('results.whatIf'), 'whatif-section', whatIfPanel(s.whatIf)));
  if (s.warningsTold.length > 0) box.appendChild(el('ul', { className: 'warnings', testid: 'warnings' }, ...s.warningsTold.map((w) => el('li', { text: tell(w) }))));
  const sheets = s.sheets.map((sheet) => say('results.sheet', { sheet }));
  const written = sheets.length === 2 ? tell(told('list.two', { first: sheets[0], second: sheets[1] })) : sheets.join(', ');
  const column = s.segmentColumn ? ` ${say('results.segmentColumn', { column: s.segmentColumn })}` : '';
  box.appendChild(el('p', { className: 'muted', testid: 'written', text: `${say('results.written', { sheets: written })}${column}` }));
}
