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
import { say } from './language';

/** Past value in grey (it is behind us), predicted in blue: each at least 4.5:1 against white. */
export const VALUE_COLORS = { past: '#5f6368', predicted: '#1a73e8' } as const;

export interface ResultActions {
  exportSegment: ExportSegment;
}

function stat(label: string, value: string): HTMLElement {
  return el('div', { className: 'stat' }, el('span', { className: 'value', text: value }), el('span', { className: 'label', text: label }));
}

function segmentCard(g: GroupSummary, s: AnalysisSummary): HTMLElement {
  const customers = stat(`customers (${formatShare(g.customerShare)} of customers)`, formatCount(g.customers));
  customers.dataset.testid = 'segment-customers';
  const card = el(
    'article',
    { className: 'card', testid: 'segment-card' },
    el('h3', { text: g.name }),
    el(
      'div',
      { className: 'stats' },
      customers,
      stat(`revenue so far (${formatShare(g.revenueShare)} of revenue)`, formatMoney(g.revenue)),
      stat(`predicted value, ${s.horizonMonths} mo (${formatShare(g.predictedShare)} of predicted value)`, formatMoney(g.predictedValue)),
      stat('total value per customer (past + predicted)', formatMoney(g.customers > 0 ? g.totalValue / g.customers : 0)),
    ),
  );
  card.dataset.segment = g.name;
  card.dataset.customers = String(g.customers);
  card.dataset.kind = g.name.toLowerCase().replace(/[^a-z]+/g, '-');
  card.appendChild(el('p', { className: 'meaning', text: g.description }));
  const actions = s.actions.filter((a) => a.segment === g.name && a.customers > 0);
  if (actions.length > 0) {
    card.appendChild(
      el(
        'ul',
        { className: 'advice', testid: 'advice' },
        ...actions.map((a) => el('li', {}, el('strong', { text: `${a.stage} (${formatCount(a.customers)})` }), document.createTextNode(`: ${a.advice}`))),
      ),
    );
  }
  return card;
}

function stageTable(stages: GroupSummary[], horizonMonths: number): HTMLElement {
  const head = el('tr', {}, el('th', { text: say('stages.stage') }), el('th', { text: say('stages.customers') }), el('th', { text: say('stages.predicted', { months: horizonMonths }) }));
  const rows = stages.map((g) => {
    const row = el('tr', {}, el('td', { text: g.name }), el('td', { text: `${formatCount(g.customers)} (${formatShare(g.customerShare)})` }), el('td', { text: formatMoney(g.predictedValue) }));
    row.title = g.description;
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
  const horizon = `next ${options.horizonMonths} months`;
  return el(
    'div',
    { testid: 'customer-charts' },
    el('h3', { text: say('charts.concentration') }),
    concentrationChart({ title: `Cumulative share of predicted value (${horizon}), most valuable customers first`, valueName: 'predicted value', points: c.valueCurve, mark: options.topShare }),
    el('h3', { text: say('charts.stillBuying') }),
    heatmap({
      title: 'Chance of still being a customer (P(alive)), by repeat purchases and days since the last order',
      rowTitle: 'repeat purchases',
      columnTitle: 'days since the last order',
      valueName: 'P(alive)',
      ...c.pAlive,
    }),
    el('h3', { text: say('charts.perCustomer') }),
    histogram({ title: `Customers by predicted value, ${horizon}`, valueName: `predicted value, ${horizon}`, bins: c.predictedValueBins }),
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
        title: `Total value by segment: past value (earned) + predicted value (next ${s.horizonMonths} months)`,
        bars: segmentsWithCustomers.map((g) => ({
          label: g.name,
          value: g.totalValue,
          parts: [
            { name: 'past', value: g.pastValue, color: VALUE_COLORS.past },
            { name: 'predicted', value: g.predictedValue, color: VALUE_COLORS.predicted },
          ],
        })),
        legend: [
          { name: 'past', color: VALUE_COLORS.past },
          { name: `predicted, ${s.horizonMonths} mo`, color: VALUE_COLORS.predicted },
        ],
        format: formatMoney,
        testid: 'segment-chart',
      }),
      el('div', { className: 'cards', testid: 'segments' }, ...s.segments.map((g) => segmentCard(g, s))),
    ),
    section(say('results.pictures'), 'charts-section', customerCharts(s.charts, { horizonMonths: s.horizonMonths, topShare: s.topShare.customerShare })),
    section(say('results.stages'), 'stages-section', stageTable(s.stages, s.horizonMonths)),
  );
  box.appendChild(section(say('results.contact'), 'contact-section', contactList(s.contactFirst, s)));
  box.appendChild(section(say('results.export'), 'export-section', segmentExports(segmentsWithCustomers, actions.exportSegment)));
  box.appendChild(section(say('results.whatIf'), 'whatif-section', whatIfPanel(s.whatIf)));
  if (s.warnings.length > 0) box.appendChild(el('ul', { className: 'warnings', testid: 'warnings' }, ...s.warnings.map((w) => el('li', { text: w }))));
  const written = s.sheets.map((name) => `"${name}"`).join(' and ');
  const column = s.segmentColumn ? ` A Segment column was written in column ${s.segmentColumn} of your sheet.` : '';
  box.appendChild(el('p', { className: 'muted', testid: 'written', text: `Written to the sheets ${written}.${column}` }));
}
