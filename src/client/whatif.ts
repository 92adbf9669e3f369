/**
 * What if: the user changes retention, orders per customer and order value by a percentage and sees the predicted
 * value and the lifetime value before and after. The recomputation is core/whatif.ts's (pure, bundled into the
 * sidebar), from the basis the analysis sent, so the answer follows each keystroke without a server call.
 */
import { whatIf, type WhatIfBasis, type WhatIfChanges } from '../core/whatif';
import { el } from './dom';
import { formatChange, formatMoney, formatShare } from './format';
import { say } from './language';

/** A field's label, hint and name (in its error) are catalogue keys: said when drawn, in the language of the moment. */
interface Field {
  key: keyof WhatIfChanges;
  label: 'whatif.retention' | 'whatif.orders' | 'whatif.value';
  hint: 'whatif.retentionHint' | 'whatif.ordersHint' | 'whatif.valueHint';
  name: 'whatif.retentionName' | 'whatif.ordersName' | 'whatif.valueName';
}

const FIELDS: Field[] = [
  { key: 'retention', label: 'whatif.retention', hint: 'whatif.retentionHint', name: 'whatif.retentionName' },
  { key: 'ordersPerCustomer', label: 'whatif.orders', hint: 'whatif.ordersHint', name: 'whatif.ordersName' },
  { key: 'orderValue', label: 'whatif.value', hint: 'whatif.valueHint', name: 'whatif.valueName' },
];

/** A change below −100% would be a negative amount; above +1000% is no longer a what-if worth showing. */
export const CHANGE_LIMITS = { min: -100, max: 1000 } as const;

/** The changes as typed in percent, or the first field that is not a number within the limits. */
export function readChanges(typed: Record<keyof WhatIfChanges, string>): { changes: WhatIfChanges } | { error: string } {
  const changes: WhatIfChanges = {};
  for (const field of FIELDS) {
    const text = typed[field.key].trim().replace(/%$/, '').replace('−', '-');
    const value = text === '' ? 0 : Number(text);
    if (!Number.isFinite(value) || value < CHANGE_LIMITS.min || value > CHANGE_LIMITS.max) {
      return { error: say('whatif.error', { name: say(field.name), min: CHANGE_LIMITS.min, max: CHANGE_LIMITS.max }) };
    }
    changes[field.key] = value / 100;
  }
  return { changes };
}

function row(name: string, before: string, after: string, change: string, testid: string): HTMLTableRowElement {
  const tr = el('tr', {}, el('th', { text: name }), el('td', { text: before }), el('td', { text: after }), el('td', { text: change }));
  tr.dataset.testid = testid;
  return tr;
}

export function whatIfPanel(basis: WhatIfBasis): HTMLElement {
  const inputs = {} as Record<keyof WhatIfChanges, HTMLInputElement>;
  const form = el('div', { className: 'whatif-inputs' });
  for (const field of FIELDS) {
    const input = el('input', { testid: `whatif-${field.key}` });
    input.type = 'number';
    input.step = '1';
    input.value = '0';
    input.id = `whatif-${field.key}`;
    const label = el('label', { className: 'row', text: say(field.label) }, input);
    label.htmlFor = input.id;
    inputs[field.key] = input;
    form.append(label, el('p', { className: 'hint', text: say(field.hint) }));
  }
  const result = el('div', { testid: 'whatif-result' });
  result.setAttribute('aria-live', 'polite');
  const base = whatIf(basis);

  const update = (): void => {
    const read = readChanges({ retention: inputs.retention.value, ordersPerCustomer: inputs.ordersPerCustomer.value, orderValue: inputs.orderValue.value });
    if ('error' in read) {
      result.replaceChildren(el('p', { className: 'error', testid: 'whatif-error', text: read.error }));
      return;
    }
    const after = whatIf(basis, read.changes);
    const perCustomer = (x: number): number => (basis.customers > 0 ? x / basis.customers : 0);
    result.replaceChildren(
      el(
        'table',
        { className: 'numbers whatif' },
        el('thead', {}, el('tr', {}, el('th'), el('th', { text: say('whatif.now') }), el('th', { text: say('whatif.after') }), el('th', { text: say('whatif.change') }))),
        el(
          'tbody',
          {},
          row(say('whatif.predicted', { months: basis.horizonMonths }), formatMoney(base.predictedValue), formatMoney(after.predictedValue), formatChange(100 * after.predictedChange), 'whatif-predicted'),
          row(say('whatif.lifetime'), formatMoney(base.lifetimeValue), formatMoney(after.lifetimeValue), formatChange(100 * after.lifetimeChange), 'whatif-lifetime'),
          row(say('whatif.perCustomer'), formatMoney(perCustomer(base.lifetimeValue)), formatMoney(after.lifetimeValuePerCustomer), formatChange(100 * after.lifetimeChange), 'whatif-ltv'),
          row(say('whatif.yearly'), formatShare(base.yearlyRetention), formatShare(after.yearlyRetention), '', 'whatif-yearly-retention'),
        ),
      ),
    );
  };
  for (const input of Object.values(inputs)) input.addEventListener('input', update);
  update();
  const claim = whatIf(basis, { retention: 0.05 });

  return el(
    'section',
    { className: 'whatif-panel', testid: 'whatif' },
    form,
    result,
    el('p', {
      testid: 'whatif-claim',
      text: say('whatif.claim', { change: formatChange(100 * claim.lifetimeChange) }),
    }),
    el('p', { className: 'hint', text: say('whatif.model') }),
  );
}
