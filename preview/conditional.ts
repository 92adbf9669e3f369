/**
 * The backgrounds a sheet's conditional format rules give its cells, as Sheets paints them: a colour scale
 * (gradient from its min point through an optional mid point to its max point, each at the range's minimum,
 * its middle or maximum unless the rule gives a number) and "text is exactly" rules. The rules are the harness's
 * fake ConditionalFormatRule objects; their fields are checked here, not trusted.
 */
import type { FakeRange, FakeSheet } from '../test/harness/sheets';
import { safeColor } from './chart';

interface Point {
  color: string;
  value: number | null;
}

/** Background colour by "row,column" for every cell a rule colours; later rules do not override earlier ones (Sheets' precedence). */
export function conditionalBackgrounds(sheet: FakeSheet): Map<string, string> {
  const out = new Map<string, string>();
  for (const rule of sheet.getConditionalFormatRules()) {
    const fields = ruleFields(rule);
    if (!fields) continue;
    const cells = fields.ranges.flatMap(cellsOf);
    if (fields.textEqualTo !== null && fields.background) {
      for (const [r, c] of cells) {
        if (!out.has(`${r},${c}`) && sheet.displayValue(r, c) === fields.textEqualTo) out.set(`${r},${c}`, fields.background);
      }
      continue;
    }
    if (!fields.min || !fields.max) continue;
    const numbers = cells.map(([r, c]) => sheet.rawValue(r, c)).filter((v): v is number => typeof v === 'number');
    if (numbers.length === 0) continue;
    const lo = fields.min.value ?? Math.min(...numbers);
    const hi = fields.max.value ?? Math.max(...numbers);
    const mid = fields.mid ? { color: fields.mid.color, value: fields.mid.value ?? (lo + hi) / 2 } : null;
    for (const [r, c] of cells) {
      const v = sheet.rawValue(r, c);
      if (typeof v !== 'number' || out.has(`${r},${c}`)) continue;
      out.set(`${r},${c}`, gradient(v, { color: fields.min.color, value: lo }, mid, { color: fields.max.color, value: hi }));
    }
  }
  return out;
}

function gradient(v: number, min: { color: string; value: number }, mid: { color: string; value: number } | null, max: { color: string; value: number }): string {
  if (mid && v <= mid.value) return mix(min.color, mid.color, share(v, min.value, mid.value));
  if (mid) return mix(mid.color, max.color, share(v, mid.value, max.value));
  return mix(min.color, max.color, share(v, min.value, max.value));
}

const share = (v: number, lo: number, hi: number): number => (hi === lo ? 1 : Math.min(1, Math.max(0, (v - lo) / (hi - lo))));

/** The colour a of the way t (0..1) towards b, both #rrggbb (or #rgb). */
export function mix(a: string, b: string, t: number): string {
  const [x, y] = [rgb(a), rgb(b)];
  return `#${x.map((c, i) => Math.round(c + (y[i] - c) * t).toString(16).padStart(2, '0')).join('')}`;
}

function rgb(color: string): [number, number, number] {
  const hex = color.length === 4 ? [...color.slice(1)].map((h) => h + h).join('') : color.slice(1, 7);
  const channel = (i: number): number => parseInt(hex.slice(i, i + 2), 16);
  return [channel(0), channel(2), channel(4)];
}

function cellsOf(range: FakeRange): [number, number][] {
  const out: [number, number][] = [];
  for (let i = 0; i < range.getNumRows(); i++) for (let j = 0; j < range.getNumColumns(); j++) out.push([range.getRow() + i, range.getColumn() + j]);
  return out;
}

interface RuleFields {
  ranges: FakeRange[];
  min: Point | null;
  mid: Point | null;
  max: Point | null;
  textEqualTo: string | null;
  background: string | null;
}

/** The fields of a fake rule the preview can paint, or null for a rule of another kind. */
function ruleFields(rule: unknown): RuleFields | null {
  if (typeof rule !== 'object' || rule === null || !('rule' in rule) || !('getRanges' in rule) || typeof rule.getRanges !== 'function') return null;
  const fields: unknown = rule.rule;
  if (typeof fields !== 'object' || fields === null) return null;
  const ranges: unknown = rule.getRanges();
  if (!Array.isArray(ranges)) return null;
  const byKey = new Map<string, unknown>(Object.entries(fields));
  const get = (key: string): unknown => byKey.get(key);
  const text = get('textEqualTo');
  return {
    ranges: ranges.filter(isRange),
    min: point(get('min')),
    mid: point(get('mid')),
    max: point(get('max')),
    textEqualTo: typeof text === 'string' ? text : null,
    background: safeColor(get('background')),
  };
}

function isRange(value: unknown): value is FakeRange {
  return typeof value === 'object' && value !== null && 'getRow' in value && 'getNumRows' in value;
}

/** A gradient point: its colour and, for a NUMBER point, its value (other kinds fall back to the range's extremes). */
function point(value: unknown): Point | null {
  if (typeof value !== 'object' || value === null || !('color' in value)) return null;
  const color = safeColor(value.color);
  if (!color) return null;
  const type = 'type' in value ? value.type : undefined;
  const raw = 'value' in value ? Number(value.value) : NaN;
  return { color, value: type === 'NUMBER' && Number.isFinite(raw) ? raw : null };
}
