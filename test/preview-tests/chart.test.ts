// The preview's drawing of the add-in's charts (preview/chart.ts) and of colour scales (preview/conditional.ts).
import { describe, expect, it } from 'vitest';
import { drawChart, niceTicks, safeColor, type ChartData, type Shape } from '../../preview/chart';
import { conditionalBackgrounds, mix } from '../../preview/conditional';
import { ConditionalFormatRule } from '../harness/gas';
import { FakeSpreadsheet } from '../harness/sheets';

const percent = (v: number): string => `${Math.round(v * 100)}%`;
const plain = (v: number): string => String(v);

function chart(overrides: Partial<ChartData>): ChartData {
  return { type: 'COLUMN', title: '', categories: [], series: [], xTitle: '', yTitle: '', formatX: plain, formatY: plain, legend: false, stacked: false, colors: [], ...overrides };
}

const texts = (shapes: Shape[]): string[] => shapes.flatMap((s) => (s.kind === 'text' ? [s.text] : []));
const bars = (shapes: Shape[]): Extract<Shape, { kind: 'rect' }>[] => shapes.filter((s): s is Extract<Shape, { kind: 'rect' }> => s.kind === 'rect').slice(1);

describe('charts', () => {
  it('draws a column per category, heights in proportion, labelled with the categories and the value axis', () => {
    const drawing = drawChart(chart({ title: 'Customers per segment', categories: ['Champions', 'Rising', 'Low value'], series: [{ name: 'Customers', values: [50, 100, 25] }] }));
    expect(drawing.title).toBe('Customers per segment');
    const columns = bars(drawing.shapes);
    expect(columns).toHaveLength(3);
    expect(columns.map((c) => c.height)).toEqual([104, 208, 52]);
    // All three stand on the zero line.
    expect(new Set(columns.map((c) => c.y + c.height))).toEqual(new Set([248]));
    expect(texts(drawing.shapes)).toEqual(['Customers per segment', '0', '20', '40', '60', '80', '100', 'Champions', 'Rising', 'Low value']);
  });

  it('stacks the series of a column when isStacked: past + predicted = total', () => {
    const drawing = drawChart(chart({ categories: ['Champions', 'Rising'], series: [{ name: 'Past', values: [60, 10] }, { name: 'Predicted', values: [40, -10] }], stacked: true }));
    // The columns reach 100 up and -10 down: ticks -50, 0, 50, 100 over y 248..40, so a unit is 208/150 px.
    expect(texts(drawing.shapes).slice(0, 4)).toEqual(['-50', '0', '50', '100']);
    const unit = 208 / 150;
    const zero = 248 - 50 * unit;
    const [pastA, predictedA, pastB, predictedB] = bars(drawing.shapes);
    expect(pastA.x).toBe(predictedA.x);
    expect(pastA.height).toBeCloseTo(60 * unit, 0);
    expect(pastA.y + pastA.height).toBeCloseTo(zero, 0);
    // The predicted part sits on top of the past part, the column's top at 100.
    expect(predictedA.y + predictedA.height).toBeCloseTo(pastA.y, 0);
    expect(predictedA.y).toBeCloseTo(zero - 100 * unit, 0);
    // A negative part hangs below zero.
    expect(pastB.y + pastB.height).toBeCloseTo(zero, 0);
    expect(predictedB.y).toBeCloseTo(zero, 0);
    expect(predictedB.height).toBeCloseTo(10 * unit, 0);
  });

  it('draws a line over a numeric axis with the axis format, and the axis titles', () => {
    const drawing = drawChart(
      chart({
        type: 'LINE',
        categories: [0.1, 0.5, 1],
        series: [{ name: 'Share of value', values: [0.4, 0.8, 1] }],
        formatX: percent,
        formatY: percent,
        xTitle: 'Share of customers',
        yTitle: 'Share of value',
      }),
    );
    const line = drawing.shapes.find((s) => s.kind === 'polyline');
    // The plot spans x 64..464 and y 248..40 for 0..100% on both axes: 10% is at x 64 + 0.1 × 400 = 104, 40% at y 248 - 0.4 × 208 = 164.8.
    expect(line).toEqual({ kind: 'polyline', points: [[104, 164.8], [264, 81.6], [464, 40]], stroke: '#4285f4' });
    expect(texts(drawing.shapes)).toEqual(expect.arrayContaining(['0%', '20%', '100%', 'Share of customers', 'Share of value']));
  });

  it('draws a pie with one slice per category and a legend; an unknown type as columns, saying so', () => {
    const pie = drawChart(chart({ type: 'PIE', categories: ['A', 'B'], series: [{ name: 'n', values: [1, 3] }], legend: true }));
    expect(pie.shapes.filter((s) => s.kind === 'path')).toHaveLength(2);
    expect(texts(pie.shapes)).toEqual(['A', 'B']);
    const other = drawChart(chart({ type: 'HISTOGRAM', categories: ['A'], series: [{ name: 'n', values: [1] }] }));
    expect(texts(other.shapes)).toContain('(histogram chart, drawn as columns)');
  });

  it('keeps text as data and colours to hex only', () => {
    const hostile = '<img src=x onerror=alert(1)>';
    const drawing = drawChart(chart({ title: hostile, categories: [hostile], series: [{ name: hostile, values: [1] }] }));
    expect(texts(drawing.shapes)[0]).toBe(hostile);
    expect(safeColor('#57BB8A')).toBe('#57bb8a');
    expect(safeColor('red; background: url(x)')).toBeNull();
    expect(safeColor('url(javascript:1)')).toBeNull();
  });

  it('picks round ticks', () => {
    expect(niceTicks(0, 1)).toEqual([0, 0.2, 0.4, 0.6, 0.8, 1]);
    expect(niceTicks(0, 95_658)).toEqual([0, 20_000, 40_000, 60_000, 80_000, 100_000]);
    expect(niceTicks(-3, 7)).toEqual([-4, -2, 0, 2, 4, 6, 8]);
    expect(niceTicks(5, 5)).toEqual([0, 1, 2, 3, 4, 5]);
  });
});

describe('colour scales', () => {
  it('paints a gradient from the min point at the smallest value to the max point at the largest, numbers only', () => {
    const sheet = new FakeSpreadsheet().getSheets()[0];
    sheet.getRange('A1:A4').setValues([[0], [0.5], [1], ['text']]);
    // The rule as the template builds it (src/server/template.ts): white to green.
    sheet.setConditionalFormatRules([new ConditionalFormatRule({ min: { color: '#ffffff' }, max: { color: '#57bb8a' }, ranges: [sheet.getRange('A1:A4')] })]);
    expect([...conditionalBackgrounds(sheet).entries()]).toEqual([
      ['1,1', '#ffffff'],
      ['2,1', '#abddc5'],
      ['3,1', '#57bb8a'],
    ]);
    expect(mix('#ffffff', '#57bb8a', 0.5)).toBe('#abddc5');
  });

  it('places numeric min, mid and max points at their values', () => {
    const sheet = new FakeSpreadsheet().getSheets()[0];
    sheet.getRange('A1:A3').setValues([[-5], [0.5], [9]]);
    const point = (color: string, value: string) => ({ color, type: 'NUMBER', value });
    sheet.setConditionalFormatRules([
      new ConditionalFormatRule({ min: point('#ff0000', '0'), mid: point('#ffffff', '0.5'), max: point('#00ff00', '1'), ranges: [sheet.getRange('A1:A3')] }),
    ]);
    expect([...conditionalBackgrounds(sheet).values()]).toEqual(['#ff0000', '#ffffff', '#00ff00']);
  });

  it('paints "text is exactly" rules', () => {
    const sheet = new FakeSpreadsheet().getSheets()[0];
    sheet.getRange('A1:A2').setValues([['Champions'], ['Rising']]);
    sheet.setConditionalFormatRules([new ConditionalFormatRule({ textEqualTo: 'Rising', background: '#FCE8B2', ranges: [sheet.getRange('A1:A2')] })]);
    expect([...conditionalBackgrounds(sheet).entries()]).toEqual([['2,1', '#fce8b2']]);
  });
});
