/**
 * The top of the results: the figures that say what they are (past, predicted, total; referral value as
 * attribution, never added in), what each share is a share of, which model gave them and why, and whether to
 * trust it: the holdout check's verdict sentence from the server, then its table with the groups too small to
 * judge marked, then the model tables.
 */
import type { AnalysisSummary, HoldoutSummary, ModelSummary } from '../server/contract';
import { el } from './dom';
import { formatCount, formatMoney, formatNumber, formatShare } from './format';
import { say, tell } from './language';

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
      figure(say('headline.past'), s.pastValue, say('headline.pastWhat', { asOf: s.asOf }), 'past-value'),
      figure(say('headline.predicted'), s.predictedValue, say('headline.predictedWhat', { months: s.horizonMonths }), 'predicted-value'),
      figure(say('headline.total'), s.totalValue, say('headline.totalWhat'), 'total-value'),
    ),
  );
  if (s.referralValue !== null) {
    box.appendChild(
      el('p', {
        className: 'muted',
        testid: 'referral-value',
        text: say('headline.referral', { value: formatMoney(s.referralValue) }),
      }),
    );
  }
  box.appendChild(
    el('p', {
      testid: 'concentration',
      text: say('headline.concentration', { share: formatShare(s.topShare.customerShare), customers: formatCount(s.customers), valueShare: formatShare(s.topShare.predictedValueShare) }),
    }),
  );
  return box;
}

/** Which model, why, and the holdout verdict; the tables (groups, then the models) below the sentence. */
export function trust(model: ModelSummary, holdout: HoldoutSummary | null): HTMLElement {
  const box = el('section', { className: 'trust', testid: 'trust' });
  // The model's name is an id of the trade (MBG/NBD + Gamma-Gamma), the same in every language: isolated, left to right.
  const name = el('strong', { text: model.name });
  name.dir = 'ltr';
  box.appendChild(el('p', { testid: 'model' }, document.createTextNode(`${say('trust.model')} `), name));
  // The reason names the purchase model itself ("Pareto/NBD: it predicted …"): a sentence of its own.
  box.appendChild(el('p', { testid: 'model-reason', text: tell(model.reasonTold) }));
  if (!model.converged) box.appendChild(el('p', { className: 'warn', text: say('trust.notConverged') }));
  if (holdout) {
    const total = holdout.total.verdict;
    box.appendChild(el('p', { className: `verdict ${total ?? ''}`.trim(), testid: 'holdout-verdict', text: tell(holdout.sentenceTold) }));
    box.appendChild(holdoutTable(holdout));
    box.appendChild(el('p', { className: 'hint', text: say('verdict.method') }));
  } else {
    box.appendChild(el('p', { className: 'muted', testid: 'holdout-verdict', text: say('trust.noHoldout') }));
  }
  // The model's own figures matter to few readers: below the verdict, folded.
  const details = el('details', { testid: 'model-details' }, el('summary', { text: say('trust.details') }));
  if (model.candidates.length > 0) details.appendChild(candidateTable(model.candidates, model.purchaseModel));
  details.appendChild(parameterTable(model.parameters));
  box.appendChild(details);
  return box;
}

function table(testid: string, caption: string, head: string[], rows: HTMLTableRowElement[]): HTMLTableElement {
  return el('table', { className: 'numbers', testid }, el('caption', { text: caption }), el('thead', {}, el('tr', {}, ...head.map((h) => el('th', { text: h })))), el('tbody', {}, ...rows));
}

const decimals = (x: number): string => x.toFixed(2);

const VERDICT_WORDS = { within: 'holdout.within', above: 'holdout.above', below: 'holdout.below' } as const;

function holdoutTable(h: HoldoutSummary): HTMLElement {
  const rows = [...h.groups, h.total].map((g) => {
    const small = g.verdict === null;
    const row = el(
      'tr',
      { className: small ? 'small' : g === h.total ? 'total' : '' },
      // The groups are labelled by repeat purchases before ("0", "7+"), the whole by "All".
      el('td', { text: g === h.total ? say('holdout.all') : g.label }),
      el('td', { text: formatCount(g.customers) }),
      el('td', { text: decimals(g.predicted) }),
      el('td', { text: decimals(g.actual) }),
      el('td', { text: say(g.verdict === null ? 'holdout.tooFew' : VERDICT_WORDS[g.verdict]) }),
    );
    row.dataset.testid = 'holdout-row';
    row.dataset.small = String(small);
    row.title = g.low !== null && g.high !== null ? say('holdout.range', { low: decimals(g.low), high: decimals(g.high) }) : say('holdout.tooFewWhy');
    return row;
  });
  return table('holdout', say('holdout.caption'), [say('holdout.before'), say('holdout.customers'), say('holdout.predicted'), say('holdout.actual'), say('holdout.verdict')], rows);
}

/**
 * The models compared, each with its error, and which was used or could not be fitted. The fit's own note (why a
 * model failed, or sits at an edge) is the model code's English: a tooltip, for whoever digs this deep.
 */
function candidateTable(candidates: NonNullable<ModelSummary['candidates']>, used: ModelSummary['purchaseModel']): HTMLElement {
  const rows = candidates.map((c) => {
    const status = c.mae === null ? say('candidates.failed') : c.name === used ? say('candidates.used') : '';
    const row = el('tr', {}, el('td', { text: c.label }), el('td', { text: c.mae === null ? '–' : c.mae.toFixed(3) }), el('td', { text: status }));
    if (c.note) row.title = c.note;
    return row;
  });
  return table('candidates', say('candidates.caption'), [say('candidates.model'), say('candidates.error'), ''], rows);
}

function parameterTable(parameters: ModelSummary['parameters']): HTMLElement {
  const rows = parameters.map((p) => el('tr', {}, el('td', { text: p.name }), el('td', { text: formatNumber(p.value) })));
  return table('parameters', say('parameters.caption'), [say('parameters.name'), say('parameters.value')], rows);
}
