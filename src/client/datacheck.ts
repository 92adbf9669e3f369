/**
 * The data check under the column choice: beside each column chosen, three of its values and how its text is read
 * (yyyymmdd, day-first, a decimal comma), and below them the warnings of core's checkChoice, redone on every change
 * so a wrong choice is seen before Analyze. Sheet text reaches the page only as text nodes.
 */
import { checkChoice, type Choice } from '../core/columns';
import type { DataShape, SheetInfo } from '../server/contract';
import { el } from './dom';
import { say, tell } from './language';

/** Styles set through the DOM (the panel's stylesheet belongs to the whole sidebar); allowed by its CSP. */
function styled<T extends HTMLElement>(node: T, style: Partial<CSSStyleDeclaration>): T {
  Object.assign(node.style, style);
  return node;
}

const SMALL: Partial<CSSStyleDeclaration> = { fontSize: '12px', color: '#5f6368', margin: '-4px 0 8px', overflowWrap: 'anywhere' };

function selects(box: HTMLElement): HTMLSelectElement[] {
  return Array.from(box.querySelectorAll<HTMLSelectElement>('select[data-role]'));
}

function choiceOf(box: HTMLElement): Choice {
  const choice: Choice = {};
  for (const select of selects(box)) {
    const role = select.dataset.role as keyof Choice;
    choice[role] = select.value === '' ? null : Number(select.value);
  }
  return choice;
}

/** "e.g. 29.33 · 29.73 · 14.96", and the reading of the column's text when it is not plain. */
function renderSamples(target: HTMLElement, info: SheetInfo, value: string): void {
  target.replaceChildren();
  const column = value === '' ? undefined : info.columns[Number(value)];
  if (!column) return;
  // A server before the reading was told sends no formats: then nothing is said of it.
  const format = (info.formats ?? [])[Number(value)] ?? null;
  target.appendChild(document.createTextNode(column.samples.length ? say('check.samples', { samples: column.samples.join(' · ') }) : say('check.noValues')));
  if (format) target.appendChild(styled(el('span', { text: tell(format) }), { display: 'block', color: '#1a73e8' }));
}

function renderWarnings(list: HTMLElement, info: SheetInfo, shape: DataShape, box: HTMLElement): void {
  const warnings = checkChoice(info.facts, shape, choiceOf(box));
  list.replaceChildren();
  list.dataset.count = String(warnings.length);
  list.style.background = warnings.length ? '#fef7e0' : '#e6f4ea';
  if (warnings.length === 0) {
    list.appendChild(styled(el('li', { text: say('check.allClear') }), { color: '#188038', listStyle: 'none' }));
    return;
  }
  for (const warning of warnings) list.appendChild(styled(el('li', { text: tell(warning) }), { margin: '0 0 4px' }));
}

/**
 * Adds the data check to the column choice in `box` (selects with data-role, each inside its label): samples after
 * each label, warnings after the last, both redone when a select changes.
 */
export function showDataCheck(info: SheetInfo, shape: DataShape, box: HTMLElement): void {
  const list = styled(el('ul', { testid: 'data-check' }), { margin: '8px 0 0', paddingBlock: '8px', paddingInline: '24px 8px', borderRadius: '4px', fontSize: '12px' });
  for (const select of selects(box)) {
    const samples = styled(el('p', { testid: `samples-${select.dataset.role}` }), SMALL);
    (select.closest('label') ?? select).after(samples);
    renderSamples(samples, info, select.value);
    select.addEventListener('change', () => {
      renderSamples(samples, info, select.value);
      renderWarnings(list, info, shape, box);
    });
  }
  box.appendChild(list);
  renderWarnings(list, info, shape, box);
}
