// The sheets the add-in writes, in the user's language, through the built dist/Code.js: the template and the
// sidebar's result sheets in English, Persian, Arabic and Filipino, right to left in Persian and Arabic; numbers stay
// numbers, dates date cells, ids text. Switching languages rewrites the add-in's own sheets where they are (no second
// copy, however often), and never a cell or sheet of the user's.
import { describe, expect, it } from 'vitest';
import { LANGUAGES, type Language } from '../../src/core/i18n';
import { SHEETS, segmentName, stageName } from '../../src/core/i18n/sheets';
import { SEGMENTS, STAGES } from '../../src/core/segment';
import { formulasSpec, sampleHeaders, templateSheetNames } from '../../src/core/template';
import { sampleCustomersSheet, sampleOrdersSheet } from '../../preview/sample';
import { analyzeActiveSheet, DEFAULT_OPTIONS } from './analyze';
import { evaluateFormulas } from './formulas';
import { createHarness, type Harness } from './gas';
import { FakeSpreadsheet, type FakeSheet } from './sheets';

const LOCALE: Record<Language, string> = { en: 'en_US', fa: 'fa_IR', ar: 'ar_SA', tl: 'fil_PH' };
const RIGHT_TO_LEFT: Record<Language, boolean> = { en: false, fa: true, ar: true, tl: false };

function names(gas: Harness): string[] {
  return gas.spreadsheet.getSheets().map((s) => s.getName());
}

function sheet(gas: Harness, name: string): FakeSheet {
  const found = gas.spreadsheet.getSheetByName(name);
  if (!found) throw new Error(`no sheet "${name}" among ${names(gas).join(', ')}`);
  return found;
}

function contents(s: FakeSheet): { values: unknown[][]; formulas: string[][] } {
  const range = s.getDataRange();
  return { values: range.getValues(), formulas: range.getFormulas() };
}

const isDate = (v: unknown): boolean => Object.prototype.toString.call(v) === '[object Date]';

/** The harness of a user in `language`, on `spreadsheet` (a second user, or the same one after a change of locale). */
const userIn = (language: Language, spreadsheet = new FakeSpreadsheet()): Harness => createHarness({ userLocale: LOCALE[language], spreadsheet });

describe('the template in each language', () => {
  for (const language of LANGUAGES) {
    it(`${language}: sheet names, Sample orders' headers, Start here and each formula's explanation in ${language}; ${RIGHT_TO_LEFT[language] ? 'right to left' : 'left to right'}`, () => {
      const gas = userIn(language);
      gas.run('insertTemplate');
      const n = templateSheetNames(language);
      for (const name of [n.start, n.orders, n.formulas]) expect(sheet(gas, name).isRightToLeft(), name).toBe(RIGHT_TO_LEFT[language]);
      const orders = sheet(gas, n.orders);
      expect(orders.getRange(1, 1, 1, 5).getValues()[0]).toEqual(sampleHeaders(language));
      // The sample is the same data in every language: dates are date cells, amounts numbers, ids text.
      const [date, id, amount, cost] = orders.getRange(2, 1, 1, 4).getValues()[0];
      expect(isDate(date)).toBe(true);
      expect(typeof id).toBe('string');
      expect(typeof amount).toBe('number');
      expect(typeof cost).toBe('number');
      const start = sheet(gas, n.start).getDataRange().getValues().flat().join('\n');
      for (const s of SEGMENTS) expect(start).toContain(segmentName(language, s));
      expect(start).toContain(n.formulas);
      const formulas = sheet(gas, n.formulas);
      // Column A: the formula as typed (English function names in every language); column C: what it tells you.
      expect(formulas.getRange(5, 1).getValue()).toBe('=LTV(30, 5%)');
      expect(formulas.getRange(5, 3).getValue()).toBe(SHEETS[language]['formulas.ltv']);
      expect(formulas.getRange(16, 1, 1, 3).getValues()[0]).toEqual([SHEETS[language]['formulas.monthStart'], SHEETS[language]['formulas.monthEnd'], SHEETS[language]['formulas.churnColumn']]);
      expect(formulas.getDataRange().getFormulas().flat().filter((f) => f.includes(`'${n.orders}'!B2:B`)).length).toBeGreaterThan(5);
      expect(gas.spreadsheet.toasts.at(-1)?.message).toContain(n.start);
      if (language !== 'en') {
        expect(start).not.toContain('What is in this file');
        expect(formulas.getDataRange().getValues().flat().join('\n')).not.toContain('Everyday formulas');
      }
    });
  }

  it('Persian: every formula evaluates through the bundle on the Persian-named orders sheet, with the English answers', () => {
    const gas = userIn('fa');
    gas.run('insertTemplate');
    const n = templateSheetNames('fa');
    const all = evaluateFormulas(gas, [n.formulas]);
    expect(all.length).toBe(formulasSpec(n.orders, 'fa').formulas.length);
    expect(all.find((e) => e.formula === '=LTV(30, 5%)')?.result).toBeCloseTo(600, 9);
    const churn = all.find((e) => e.formula.startsWith(`=CHURN('${n.orders}'!B2:B, '${n.orders}'!A2:A, DATE`))?.result as number;
    expect(churn).toBeGreaterThan(0);
    expect(churn).toBeLessThan(1);
  });

  it("the sidebar reads the Persian, Arabic and Filipino sample's headers and finds every segment and stage", () => {
    for (const language of ['fa', 'ar', 'tl'] as const) {
      const gas = userIn(language);
      gas.run('insertTemplate');
      gas.spreadsheet.setActiveSheet(sheet(gas, templateSheetNames(language).orders));
      const reply = analyzeActiveSheet(gas);
      if (!reply.ok) throw new Error(`${language}: ${reply.error}`);
      for (const g of [...reply.value.segments, ...reply.value.stages]) expect(g.customers, `${language} ${g.name}`).toBeGreaterThan(0);
    }
  });

  it('inserting it again in another language rewrites its words where they are: no second copy, however often, and an edited sheet kept', () => {
    const spreadsheet = new FakeSpreadsheet();
    const en = templateSheetNames('en');
    const fa = templateSheetNames('fa');
    // The user edits English Formulas: it is theirs from now on.
    const gasEn = userIn('en', spreadsheet);
    gasEn.run('insertTemplate');
    const edited = sheet(gasEn, en.formulas);
    gasEn.fill(edited, [['my own note']], 2, 1);
    const before = contents(edited);

    const gasFa = userIn('fa', spreadsheet);
    gasFa.run('insertTemplate');
    const afterFa = names(gasFa);
    // Start here and Sample orders keep their names, now in Persian and right to left; Formulas is new, beside the user's.
    expect(afterFa.slice(1).sort()).toEqual([en.start, en.orders, en.formulas, fa.formulas].sort());
    expect(sheet(gasFa, en.orders).getRange(1, 1, 1, 5).getValues()[0]).toEqual(sampleHeaders('fa'));
    expect(sheet(gasFa, en.orders).isRightToLeft()).toBe(true);
    expect(sheet(gasFa, en.start).getRange(1, 1).getValue()).toBe(SHEETS.fa['start.title']);
    expect(sheet(gasFa, fa.formulas).getDataRange().getFormulas().flat().filter((f) => f.includes(`'${en.orders}'!`)).length).toBeGreaterThan(5);
    expect(contents(edited)).toEqual(before);
    expect(edited.isRightToLeft()).toBe(false);

    // Back to English, then Persian again: the same sheets, rewritten; nothing added.
    userIn('en', spreadsheet).run('insertTemplate');
    expect(names(gasEn).sort()).toEqual([...afterFa].sort());
    expect(sheet(gasEn, en.orders).getRange(1, 1, 1, 5).getValues()[0]).toEqual(sampleHeaders('en'));
    expect(sheet(gasEn, en.orders).isRightToLeft()).toBe(false);
    expect(sheet(gasEn, fa.formulas).getRange(4, 1).getValue()).toBe('Everyday formulas');
    userIn('fa', spreadsheet).run('insertTemplate');
    expect(names(gasEn).sort()).toEqual([...afterFa].sort());
    expect(contents(edited)).toEqual(before);
  });
});

/** A shop's order sheet (English headers: the data's language is the user's own business) analyzed by a user in `language`. */
function analyzedShop(language: Language, spreadsheet = new FakeSpreadsheet()): Harness {
  const gas = userIn(language, spreadsheet);
  if (!spreadsheet.getSheetByName('Orders')) gas.fill(gas.spreadsheet.getActiveSheet().setName('Orders'), sampleOrdersSheet(42).rows);
  return analyzeAgain(gas);
}

function analyzeAgain(gas: Harness, changes = {}): Harness {
  gas.spreadsheet.setActiveSheet(sheet(gas, 'Orders'));
  const reply = analyzeActiveSheet(gas, changes);
  if (!reply.ok) throw new Error(reply.error);
  return gas;
}

describe('the result sheets in each language', () => {
  for (const language of ['fa', 'ar', 'tl'] as const) {
    it(`${language}: Customer value and Segments named and written in ${language}, ${RIGHT_TO_LEFT[language] ? 'right to left' : 'left to right'}; numbers, dates and ids as in English`, () => {
      const gas = analyzedShop(language);
      const m = SHEETS[language];
      const value = sheet(gas, m['name.customerValue']);
      const segments = sheet(gas, m['name.segments']);
      expect(value.isRightToLeft()).toBe(RIGHT_TO_LEFT[language]);
      expect(segments.isRightToLeft()).toBe(RIGHT_TO_LEFT[language]);
      expect(sheet(gas, 'Orders').isRightToLeft()).toBe(false); // the user's sheet is never flipped
      expect(names(gas)).not.toContain('Customer value');

      const header = value.getRange(1, 1, 1, value.getLastColumn()).getValues()[0];
      expect(header.slice(0, 4)).toEqual([m['cv.customer'], m['cv.orders'], m['cv.firstOrder'], m['cv.lastOrder']]);
      expect(header.slice(-3)).toEqual([m['cv.stage'], m['cv.segment'], m['cv.advice']]);
      const rows = value.getRange(2, 1, value.getLastRow() - 1, header.length).getValues();
      const segmentNames = new Set(SEGMENTS.map((s) => segmentName(language, s)));
      const stageNames = new Set(STAGES.map((s) => stageName(language, s)));
      for (const r of rows) {
        expect(typeof r[0]).toBe('string');
        expect(typeof r[1]).toBe('number');
        expect(isDate(r[2]) && isDate(r[3])).toBe(true);
        expect(typeof r[6]).toBe('number');
        expect(stageNames.has(String(r[header.length - 3]))).toBe(true);
        expect(segmentNames.has(String(r[header.length - 2]))).toBe(true);
      }

      const text = segments.getDataRange().getValues().flat().filter((v): v is string => typeof v === 'string');
      expect(text[0].startsWith(m['seg.title'].split('{')[0])).toBe(true);
      for (const key of ['seg.segments', 'seg.stages', 'seg.actions', 'seg.contact', 'seg.curve'] as const) expect(text).toContain(m[key]);
      for (const s of SEGMENTS) expect(text).toContain(segmentName(language, s));
      expect(text).not.toContain('Value segments');
      expect(segments.getCharts().map((c) => c.getOptions().get('title'))).toEqual([m['chart.value'], m['chart.customers'], m['chart.curve']]);
      // The headline's figures are numbers (Sheets shows them in the spreadsheet's locale).
      expect(typeof segments.getRange(3, 2).getValue()).toBe('number');
      // Numbers inside Persian and Arabic sentences are written in the language's digits.
      if (language !== 'tl') expect(text.join('\n')).not.toMatch(/\b(12|90) (months|days)\b/);
    });
  }

  it("the Persian calendar's cohorts are labelled in Persian months and digits on the Persian Segments sheet", () => {
    const gas = userIn('fa');
    gas.fill(gas.spreadsheet.getActiveSheet().setName('Orders'), sampleOrdersSheet(42).rows);
    analyzeAgain(gas, { calendar: 'persian' });
    const values = sheet(gas, SHEETS.fa['name.segments']).getDataRange().getValues();
    const header = values.findIndex((r) => r[0] === SHEETS.fa['seg.cohort']);
    expect(header).toBeGreaterThan(0);
    expect(String(values[header][2])).toContain('ماه');
    expect(String(values[header + 1][0])).toMatch(/^[۰-۹]{4}-[۰-۹]{2} \S+/);
    expect(typeof values[header + 1][1]).toBe('number');
  });

  it("a segment's export is named and written in the user's language, right to left in Arabic", () => {
    const gas = userIn('ar');
    const orders = gas.spreadsheet.getActiveSheet().setName('Orders');
    gas.fill(orders, sampleOrdersSheet(42).rows);
    gas.spreadsheet.setActiveSheet(orders);
    const info = gas.fromClient('getSheetInfo') as { ok: true; value: { sheetName: string; shape: 'orders'; guess: Record<string, number | null> } };
    const request = { sheetName: 'Orders', shape: 'orders', columns: info.value.guess, ...DEFAULT_OPTIONS };
    const reply = gas.fromClient('exportSegment', request, 'Champions') as { ok: boolean; value?: { sheet: string } };
    const name = `${SHEETS.ar['name.segmentExport'].replace('{segment}', segmentName('ar', 'Champions'))}`;
    expect(reply).toMatchObject({ ok: true, value: { sheet: name } });
    const exported = sheet(gas, name);
    expect(exported.isRightToLeft()).toBe(true);
    expect(exported.getRange(1, 1).getValue()).toBe(SHEETS.ar['cv.customer']);
    const segmentColumn = exported.getRange(1, 1, 1, exported.getLastColumn()).getValues()[0].indexOf(SHEETS.ar['cv.segment']);
    expect(new Set(exported.getRange(2, segmentColumn + 1, exported.getLastRow() - 1, 1).getValues().map((r) => r[0]))).toEqual(new Set([segmentName('ar', 'Champions')]));
  });

  it("AnalysisRequest.language decides every result sheet's language, whatever the user's locale", () => {
    const gas = analyzedShop('en');
    analyzeAgain(gas, { language: 'ar' });
    const segments = sheet(gas, 'Segments'); // refreshed where it is, under its English name
    expect(segments.isRightToLeft()).toBe(true);
    expect(segments.getDataRange().getValues().flat()).toContain(SHEETS.ar['seg.segments']);
    const value = sheet(gas, 'Customer value');
    expect(value.isRightToLeft()).toBe(true);
    expect(value.getRange(1, 1).getValue()).toBe(SHEETS.ar['cv.customer']);

    // A first run in the sidebar's language names the sheets in it.
    const persian = userIn('en', new FakeSpreadsheet());
    persian.fill(persian.spreadsheet.getActiveSheet().setName('Orders'), sampleOrdersSheet(42).rows);
    analyzeAgain(persian, { language: 'fa' });
    expect(sheet(persian, SHEETS.fa['name.customerValue']).getRange(1, 1).getValue()).toBe(SHEETS.fa['cv.customer']);
    expect(persian.spreadsheet.getSheetByName('Customer value')).toBeNull();
  });

  it("re-running in another language refreshes the same sheets in place, keeps the user's notes, and never adds copies", () => {
    const spreadsheet = new FakeSpreadsheet();
    const gas = analyzedShop('fa', spreadsheet);
    const fa = SHEETS.fa;
    const value = sheet(gas, fa['name.customerValue']);
    gas.fill(value, [['یادداشت من']], 3, value.getMaxColumns() + 2);
    const first = names(gas);

    analyzedShop('en', spreadsheet);
    expect(names(gas)).toEqual(first);
    expect(value.getRange(1, 1).getValue()).toBe('Customer');
    expect(value.isRightToLeft()).toBe(false);
    expect(value.getRange(3, value.getMaxColumns()).getValue()).toBe('یادداشت من');

    // Now the user edits one of the add-in's cells: the sheet is theirs, in whatever language it was written.
    gas.fill(value, [[12345]], 2, 2);
    const edited = contents(value);
    analyzedShop('fa', spreadsheet);
    expect(contents(value)).toEqual(edited);
    const second = names(gas);
    expect(second).toContain(`${fa['name.customerValue']} (2)`);
    analyzedShop('en', spreadsheet);
    analyzedShop('fa', spreadsheet);
    expect(names(gas)).toEqual(second);
    expect(contents(value)).toEqual(edited);
  });

  it("the Segment column: header and labels in the user's language, relabelled in another, a label typed by hand kept", () => {
    const spreadsheet = new FakeSpreadsheet();
    const gasFa = userIn('fa', spreadsheet);
    const table = gasFa.spreadsheet.getActiveSheet().setName('Customers');
    gasFa.fill(table, sampleCustomersSheet(42).rows);
    const analyze = (gas: Harness): void => {
      gas.spreadsheet.setActiveSheet(table);
      const reply = analyzeActiveSheet(gas, { addSegmentColumn: true });
      if (!reply.ok) throw new Error(reply.error);
    };
    analyze(gasFa);
    const column = table.getLastColumn();
    const labels = (): unknown[] => table.getRange(2, column, table.getLastRow() - 1, 1).getValues().map((r) => r[0]);
    expect(table.getRange(1, column).getValue()).toBe(SHEETS.fa['column.segment']);
    const faNames = new Set(SEGMENTS.map((s) => segmentName('fa', s)));
    expect(labels().every((l) => faNames.has(String(l)))).toBe(true);
    gasFa.fill(table, [['VIP']], 5, column);

    analyze(userIn('en', spreadsheet));
    expect(table.getLastColumn()).toBe(column);
    expect(table.getRange(1, column).getValue()).toBe('Segment');
    const after = labels();
    expect(after[3]).toBe('VIP');
    expect(after.filter((l) => l !== 'VIP').every((l) => (SEGMENTS as readonly unknown[]).includes(l))).toBe(true);
    expect(table.isRightToLeft()).toBe(false);
  });
});

describe('the fake sheet', () => {
  it('refuses a direction that is not a boolean, as Apps Script does, and counts a change of direction as a write', () => {
    const s = new FakeSpreadsheet().getActiveSheet();
    expect(() => Reflect.apply(s.setRightToLeft, s, ['true'])).toThrow(/don't match the method signature/);
    const writes = s.writes;
    expect(s.setRightToLeft(true).isRightToLeft()).toBe(true);
    expect(s.writes).toBe(writes + 1);
  });
});
