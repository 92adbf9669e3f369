/**
 * The top of the results: the figures that say what they are (past, predicted, total; referral value as
 * attribution, never added in), what each share is a share of, which model gave them and why, and whether to
 * trust it: the holdout check's verdict sentence from the server, then its table with the groups too small to
 * judge marked, then the model tables.
 */
import type { AnalysisSummary, HoldoutSummary, ModelSummary } from '../server/contract';
import { el } from './dom';
import { formatCount, formatMoney, formatNumber, formatShare } from './format';

/** What the headline reads of the summary. */
export type HeadlineFigures = Pick<AnalysisSummary, 'customers' | 'asOf' | 'horizonMonths' | 'pastValue' | 'predictedValue' | 'totalValue' | 'referralValue' | 'topShare'>;

function figure(name: string, value: number, what: string, testid: string): HTMLElement {
  const box = el('div', { className: 'figure', testid }, el('span', { className: 'value', text: formatMoney(value) }), el('span', { className: 'name', text: name }), el('span', { className: 'what', text: what }));
  box.dataset.value = String(value);
  return box;
}

/** Past, predicted and total, each with what it sums; referral value and the concentration in sentences below. */
export function headline(s: HeadlineFigures): HTMLElement {
  const box = el(
    'section',
    { className: 'headline', testid: 'headline' },
    el(
      'div',
      { className: 'figures' },
      figure('Past value', s.pastValue, `earned up to ${s.asOf}: revenue − cost`, 'past-value'),
      figure('Predicted value', s.predictedValue, `expected margin, next ${s.horizonMonths} months, discounted`, 'predicted-value'),
      figure('Total', s.totalValue, 'past + predicted', 'total-value'),
    ),
  );
  if (s.referralValue !== null) {
    box.appendChild(
      el('p', {
        className: 'muted',
        testid: 'referral-value',
        text: `Referral value ${formatMoney(s.referralValue)}: the total value of customers another customer referred. It is attribution, already inside the total, not added to it.`,
      }),
    );
  }
  box.appendChild(
    el('p', {
      testid: 'concentration',
      text: `The top ${formatShare(s.topShare.customerShare)} of the ${formatCount(s.customers)} customers (ranked by predicted value) hold ${formatShare(s.topShare.predictedValueShare)} of the predicted value.`,
    }),
  );
  return box;
}

/** Which model, why, and the holdout verdict; the tables (groups, then the models) below the sentence. */
export function trust(model: ModelSummary, holdout: HoldoutSummary | null): HTMLElement {
  const box = el('section', { className: 'trust', testid: 'trust' });
  box.appendChild(el('p', { testid: 'model' }, document.createTextNode('Model: '), el('strong', { text: model.name })));
  // The reason names the purchase model itself ("Pareto/NBD: it predicted …"): a sentence of its own.
  box.appendChild(el('p', { testid: 'model-reason', text: model.reason }));
  if (!model.converged) box.appendChild(el('p', { className: 'warn', text: 'The fit did not converge: treat the figures with care.' }));
  if (holdout) {
    const total = holdout.total.verdict;
    box.appendChild(el('p', { className: `verdict ${total ?? ''}`.trim(), testid: 'holdout-verdict', text: holdout.sentence }));
    box.appendChild(holdoutTable(holdout));
    box.appendChild(el('p', { className: 'hint', text: holdout.method }));
  } else {
    box.appendChild(el('p', { className: 'muted', testid: 'holdout-verdict', text: 'No holdout check: the history is too short to hold months back (or the data is one row per customer).' }));
  }
  // The model's own figures matter to few readers: below the verdict, folded.
  const details = el('details', { testid: 'model-details' }, el('summary', { text: 'Model details' }));
  if (model.candidates.length > 0) details.appendChild(candidateTable(model.candidates));
  details.appendChild(parameterTable(model.parameters));
  box.appendChild(details);
  return box;
}

function table(testid: string, caption: string, head: string[], rows: HTMLTableRowElement[]): HTMLTableElement {
  return el('table', { className: 'numbers', testid }, el('caption', { text: caption }), el('thead', {}, el('tr', {}, ...head.map((h) => el('th', { text: h })))), el('tbody', {}, ...rows));
}

const decimals = (x: number): string => x.toFixed(2);

const VERDICT_WORDS = { within: 'in range', above: 'above', below: 'below' } as const;

function holdoutTable(h: HoldoutSummary): HTMLElement {
  const rows = [...h.groups, h.total].map((g) => {
    const small = g.verdict === null;
    const row = el(
      'tr',
      { className: small ? 'small' : g === h.total ? 'total' : '' },
      el('td', { text: g.label }),
      el('td', { text: formatCount(g.customers) }),
      el('td', { text: decimals(g.predicted) }),
      el('td', { text: decimals(g.actual) }),
      el('td', { text: g.verdict === null ? 'too few' : VERDICT_WORDS[g.verdict] }),
    );
    row.dataset.testid = 'holdout-row';
    row.dataset.small = String(small);
    row.title = g.low !== null && g.high !== null ? `Expected range of the actual mean: ${decimals(g.low)} to ${decimals(g.high)}` : 'Too few customers to judge: chance alone moves their mean too much.';
    return row;
  });
  return table('holdout', 'Repeat purchases per customer in the held-back months, by purchases before', ['Before', 'Customers', 'Predicted', 'Actual', 'Verdict'], rows);
}

function candidateTable(candidates: NonNullable<ModelSummary['candidates']>): HTMLElement {
  const rows = candidates.map((c) => el('tr', {}, el('td', { text: c.label }), el('td', { text: c.mae === null ? '–' : c.mae.toFixed(3) }), el('td', { text: c.note })));
  return table('candidates', 'Models compared on the held-back months (mean absolute error per customer, lower is better)', ['Model', 'Error', ''], rows);
}

function parameterTable(parameters: ModelSummary['parameters']): HTMLElement {
  const rows = parameters.map((p) => el('tr', {}, el('td', { text: p.name }), el('td', { text: formatNumber(p.value) })));
  return table('parameters', 'Fitted parameters', ['Parameter', 'Value'], rows);
}
