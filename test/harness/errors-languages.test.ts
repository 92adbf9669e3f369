// The cells' errors in the user's language, through the built dist/Code.js: for an error of every cell function (a
// blank id, an error value, a value that is no number with its cell, a word that is not a choice, ranges of different
// heights, a fit table that is not one…) the message names the function, the argument, the row and the cell in
// Persian, Arabic, Filipino and English alike, and no English sentence is left in the Persian or Arabic one. English is
// word for word what it was before the messages moved into the catalogue.
import { readdirSync, readFileSync, statSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { beforeAll, describe, expect, it } from 'vitest';
import { createHarness, type Harness } from './gas';
import { FakeSpreadsheet } from './sheets';

const col = (...values: unknown[]): unknown[][] => values.map((v) => [v]);

interface Case {
  /** What the case shows, for the test's name. */
  what: string;
  fn: string;
  args: (gas: Harness) => unknown[];
  /** The calling cell's formula, so the message can point at a cell. */
  formula?: string;
  /** The English message, word for word. */
  english: string;
  /** Argument names the message must name in every language. */
  names: string[];
  /** The row and the cell it must point at, when the error is about one row. */
  row?: number;
  cell?: string;
}

const d = (gas: Harness, month: number, day: number): Date => gas.date(2024, month, day);
const ids = (): unknown[][] => col('a', 'b', 'a', 'c');
const dates = (gas: Harness): unknown[][] => col(d(gas, 1, 5), d(gas, 2, 5), d(gas, 3, 5), d(gas, 4, 5));

const CASES: Case[] = [
  {
    what: 'a blank customer id',
    fn: 'CLV_SUMMARY',
    args: (gas) => [col('a', '', 'c'), col(d(gas, 1, 5), d(gas, 2, 5), d(gas, 3, 5))],
    formula: '=CLV_SUMMARY(A2:A4, B2:B4)',
    english: 'CLV_SUMMARY: customer_ids row 2 (cell A3) is blank but the rest of the order is filled in',
    names: ['customer_ids'],
    row: 2,
    cell: 'A3',
  },
  {
    what: 'an error value #N/A among the amounts',
    fn: 'CLV',
    args: (gas) => [ids(), dates(gas), col(10, '#N/A', 30, 40)],
    formula: '=CLV(A2:A5, B2:B5, C2:C5)',
    english: 'CLV: amounts row 2 (cell C3) holds the error #N/A (a formula there failed), not a number; fix that cell or leave its row out',
    names: ['amounts'],
    row: 2,
    cell: 'C3',
  },
  {
    what: 'a checkbox for an id',
    fn: 'P_ALIVE',
    args: (gas) => [col('a', true, 'c', 'a'), dates(gas)],
    formula: '=P_ALIVE(A2:A5, B2:B5)',
    english: 'P_ALIVE: customer_ids row 2 (cell A3) is TRUE (a checkbox or a condition), not a customer id',
    names: ['customer_ids'],
    row: 2,
    cell: 'A3',
  },
  {
    what: 'a text that is no date',
    fn: 'PREDICT_PURCHASES',
    args: (gas) => [ids(), col(d(gas, 1, 5), 'soon', d(gas, 3, 5), d(gas, 4, 5)), 30],
    formula: '=PREDICT_PURCHASES(A2:A5, B2:B5, 30)',
    english: 'PREDICT_PURCHASES: order_dates row 2 (cell B3) is "soon", not a date',
    names: ['order_dates'],
    row: 2,
    cell: 'B3',
  },
  {
    what: 'a text that is no number, with its cell',
    fn: 'LTV',
    args: () => [col(30, 'abc'), 0.05],
    formula: '=LTV(A2:A3, 0.05)',
    english: 'LTV: margin_per_period row 2 (cell A3) is "abc", not a number',
    names: ['margin_per_period'],
    row: 2,
    cell: 'A3',
  },
  {
    what: 'a word that is not a choice',
    fn: 'LTV',
    args: () => [col(30, 40), 0.05, 0, col('start', 'later')],
    formula: '=LTV(A2:A3, 0.05, 0, D2:D3)',
    english: 'LTV: timing row 2 (cell D3) is "later"; use "start", "end"',
    names: ['timing', '"start"', '"end"'],
    row: 2,
    cell: 'D3',
  },
  {
    what: 'ranges of different heights',
    fn: 'CHURN',
    args: () => [col(1, 2, 3), col(10, 20)],
    english: 'CHURN: customers_lost has 3 rows but customers_at_start has 2 rows; give ranges of the same height',
    names: ['customers_lost', 'customers_at_start'],
  },
  {
    what: 'a fit table that is one cell',
    fn: 'CLV_PREDICT',
    args: () => [1, 2, 3, 10, 'x'],
    english:
      'CLV_PREDICT: fit is one cell; give the whole table that CLV_FIT, CLV_FIT_SUMMARY or RETENTION_FIT spilled (its first two columns at least, from the header or the model row down)',
    names: ['fit', 'CLV_FIT', 'CLV_FIT_SUMMARY', 'RETENTION_FIT'],
  },
  {
    what: 'a fit table naming an unknown model',
    fn: 'PROB_PURCHASES',
    args: () => [1, 2, 3, 10, [['model', 'foo', ''], ['r', 1, '']], 0],
    english: 'PROB_PURCHASES: fit row 1 names the model "foo", not one the add-in knows ("bgnbd", "mbgnbd", "paretonbd", "gammagamma", "bgbb", "sbg")',
    names: ['fit', 'foo', '"bgnbd"'],
    row: 1,
  },
  {
    what: 'a number below its bound',
    fn: 'CLV_SIMPLE',
    args: () => [col(100, -5), 2, 3],
    formula: '=CLV_SIMPLE(A2:A3, 2, 3)',
    english: 'CLV_SIMPLE: avg_order_value row 2 (cell A3) is -5; avg_order_value must be 0 or more',
    names: ['avg_order_value'],
    row: 2,
    cell: 'A3',
  },
  {
    what: 'a single value out of bounds',
    fn: 'CAC',
    args: () => [5000, 0],
    english: 'CAC: new_customers is 0; new_customers must be a whole number above 0',
    names: ['new_customers'],
  },
  {
    what: 'an error value #DIV/0!',
    fn: 'LTV_CAC',
    args: () => [600, col(150, '#DIV/0!')],
    formula: '=LTV_CAC(600, B2:B3)',
    english: 'LTV_CAC: cac row 2 (cell B3) holds the error #DIV/0! (a formula there failed), not a number; fix that cell or leave its row out',
    names: ['cac', '#DIV/0!'],
    row: 2,
    cell: 'B3',
  },
  {
    what: 'a percentage where an amount belongs',
    fn: 'CAC_PAYBACK',
    args: () => [150, '5%'],
    english: 'CAC_PAYBACK: margin_per_period is "5%", a percentage; only rates and margins take a percent sign: give margin_per_period as a plain number',
    names: ['margin_per_period', '5%'],
  },
  {
    what: 'amounts missing for a spend fit',
    fn: 'CLV_FIT',
    args: (gas) => [ids(), dates(gas), '', 'gammagamma'],
    english: 'CLV_FIT: amounts are needed: the amount of each order',
    names: ['amounts'],
  },
  {
    what: 'a recency above the age',
    fn: 'CLV_FIT_SUMMARY',
    args: () => [col(1, 2), col(5, 9), col(6, 8)],
    formula: '=CLV_FIT_SUMMARY(A2:A3, B2:B3, C2:C3)',
    english: "CLV_FIT_SUMMARY: recency row 2 (cell B3) is 9, more than T (8); recency cannot exceed the customer's age",
    names: ['recency', 'T'],
    row: 2,
    cell: 'B3',
  },
  {
    what: 'a cohort that grows',
    fn: 'RETENTION_FIT',
    args: () => [col(100, 120, 50)],
    formula: '=RETENTION_FIT(B2:B4)',
    english: 'RETENTION_FIT: active_customers row 2 (cell B3) is 120, more than the period before (100); a cohort can only shrink',
    names: ['active_customers'],
    row: 2,
    cell: 'B3',
  },
  {
    what: 'a cohort too short',
    fn: 'RETENTION_FORECAST',
    args: () => [col(100, 80)],
    english: 'RETENTION_FORECAST: give at least 3 periods (the cohort size and 2 more) to learn how churn changes',
    names: [],
  },
  {
    what: 'a margin missing',
    fn: 'RETENTION_LTV',
    args: () => [col(100, 80, 60)],
    english: 'RETENTION_LTV: margin_per_period is missing: the margin a customer brings each period, e.g. 30',
    names: ['margin_per_period'],
  },
  {
    what: 'the end of the fitting period missing',
    fn: 'CLV_HOLDOUT',
    args: (gas) => [ids(), dates(gas), ''],
    english: 'CLV_HOLDOUT: calibration_end is missing: the last day of the fitting period',
    names: ['calibration_end'],
  },
  {
    what: 'the end of the fitting period too late',
    fn: 'CLV_TRACKING',
    args: (gas) => [ids(), dates(gas), d(gas, 6, 1)],
    english: 'CLV_TRACKING: calibration_end is on or after the last order: there is no later period to check against',
    names: ['calibration_end'],
  },
  {
    what: 'a unit that is not a choice',
    fn: 'CLV_COMPARE',
    args: (gas) => [ids(), dates(gas), d(gas, 2, 20), 'fortnight'],
    english: 'CLV_COMPARE: unit is "fortnight"; use "day", "week", "month", "year"',
    names: ['unit', 'fortnight', '"week"'],
  },
  {
    what: 'a period that is not a choice',
    fn: 'COHORT_RETENTION',
    args: (gas) => [ids(), dates(gas), 'decade'],
    english: 'COHORT_RETENTION: period is "decade"; use "week", "month", "quarter", "year"',
    names: ['period', 'decade'],
  },
  {
    what: 'an order log without its period',
    fn: 'CHURN',
    args: (gas) => [ids(), dates(gas), d(gas, 2, 1)],
    english: 'CHURN: from an order log, give both period_start and period_end (dates)',
    names: ['period_start', 'period_end'],
  },
  {
    what: 'a date that could be day-first or month-first (the reason from core, nested)',
    fn: 'CLV_SUMMARY',
    args: () => [col('a', 'b'), col('01/02/2024', '03/04/2024')],
    formula: '=CLV_SUMMARY(A2:A3, B2:B3)',
    english:
      'CLV_SUMMARY: order_dates row 1 (cell B2) is "01/02/2024", a date that could be day-first or month-first: every date fits both day-first and month-first (no day above 12). Write the dates as 2024-03-31 (year-month-day), or format the column as dates (Format > Number > Date)',
    names: ['order_dates', '01/02/2024', '2024-03-31'],
    row: 1,
    cell: 'B2',
  },
  {
    what: 'a Persian date that does not exist (the refusal from core, nested)',
    fn: 'CLV_SUMMARY',
    args: () => [col('a', 'b'), col('1402/01/05', '1402/13/01')],
    formula: '=CLV_SUMMARY(A2:A3, B2:B3)',
    english:
      'CLV_SUMMARY: order_dates row 2 (cell B3) is "1402/13/01", not a date: its year is read in the Persian calendar (years 1300–1499), and the Persian calendar has 12 months (Farvardin to Esfand), not 13',
    names: ['order_dates', '1402/13/01'],
    row: 2,
    cell: 'B3',
  },
  {
    what: 'a fit table missing a parameter (the model check from core, nested)',
    fn: 'CLV_PREDICT',
    args: () => [1, 2, 3, 10, [['model', 'bgnbd', ''], ['r', 1, ''], ['alpha', 2, ''], ['a', 0.5, '']]],
    english:
      'CLV_PREDICT: in fit, the BG/NBD parameter b is missing; it must be a positive number',
    names: ['fit', 'b'],
  },
  {
    what: 'a cohort size of 0',
    fn: 'RETENTION_LTV',
    args: () => [col(0, 0, 0), 30],
    formula: '=RETENTION_LTV(B2:B4, 30)',
    english: 'RETENTION_LTV: active_customers row 1 (cell B2) is 0; the first value is the cohort size, above 0',
    names: ['active_customers'],
    row: 1,
    cell: 'B2',
  },
];

/** The message a cell shows for a call (the harness throws it as Sheets would show it). */
function messageOf(gas: Harness, c: Case): string {
  const sheet = gas.spreadsheet.getActiveSheet();
  sheet.getRange('Z1').setFormula(c.formula ?? `=${c.fn}()`);
  gas.spreadsheet.setActiveRange(sheet.getRange('Z1'));
  try {
    gas.cell(c.fn, ...c.args(gas));
  } catch (e) {
    return (e as Error).message;
  }
  throw new Error(`${c.fn} answered instead of refusing ${c.what}`);
}

/** Bidirectional isolates around values in right-to-left sentences, removed for comparing text. */
const plain = (text: string): string => text.replace(/[\u2066-\u2069]/g, '');

/**
 * Runs of four or more English words left in a sentence, once the words that stay as typed are removed: quoted values
 * and choices, names with an underscore or a digit (arguments, functions, cells) and capitals (TRUE, CLV).
 */
function englishRuns(text: string): string[] {
  const kept = plain(text)
    .replace(/"[^"]*"|«[^»]*»/g, ' ')
    .replace(/[A-Za-z]*[_\d#][\w#!/?.:-]*/g, ' ')
    .replace(/\b[A-Z]{2,}\b/g, ' ');
  return kept.match(/[A-Za-z]+(?:[\s,]+[A-Za-z]+){3,}/g) ?? [];
}

const SCRIPT = { fa: /[\u0600-\u06FF]/, ar: /[\u0600-\u06FF]/ } as const;
/** Words every Filipino message has one of. */
const TAGALOG = /\b(ang|ng|sa|ay|walang|blangko|hindi|mula|magbigay|ibigay|gamitin|kailangan|lang)\b/;

describe('cell errors in the user language', () => {
  const harnesses: Record<string, Harness> = {};
  beforeAll(() => {
    harnesses.en = createHarness({ userLocale: 'en_US' });
    harnesses.fa = createHarness({ userLocale: 'fa_IR' });
    harnesses.ar = createHarness({ userLocale: 'ar_SA' });
    harnesses.tl = createHarness({ userLocale: 'fil_PH' });
  });

  for (const c of CASES) {
    it(`${c.fn}, ${c.what}: English word for word, and Persian, Arabic and Filipino naming the same`, () => {
      const english = messageOf(harnesses.en, c);
      expect(english).toBe(c.english);
      for (const language of ['fa', 'ar', 'tl'] as const) {
        const message = plain(messageOf(harnesses[language], c));
        const facts = { language, message };
        expect(message.startsWith(`${c.fn}: `), JSON.stringify(facts)).toBe(true);
        expect(message, JSON.stringify(facts)).not.toBe(english);
        for (const name of c.names) expect(message, JSON.stringify(facts)).toContain(name);
        if (c.row !== undefined) expect(message, JSON.stringify(facts)).toContain(String(c.row));
        if (c.cell !== undefined) expect(message, JSON.stringify(facts)).toContain(c.cell);
        if (language === 'tl') expect(message, JSON.stringify(facts)).toMatch(TAGALOG);
        else {
          expect(message, JSON.stringify(facts)).toMatch(SCRIPT[language]);
          expect({ ...facts, english: englishRuns(message) }).toEqual({ ...facts, english: [] });
        }
      }
    });
  }

  it('the spreadsheet locale speaks when the user locale is one the add-in does not speak', () => {
    const spreadsheet = new FakeSpreadsheet();
    spreadsheet.setSpreadsheetLocale('fa_IR');
    const gas = createHarness({ userLocale: 'de_DE', spreadsheet });
    const c = CASES[4];
    const message = plain(messageOf(gas, c));
    expect(message).toBe(plain(messageOf(harnesses.fa, c)));
    expect(message).toContain('A3');
    expect(message).toMatch(SCRIPT.fa);
    expect(plain(messageOf(createHarness({ userLocale: '', spreadsheet: arabicSheet() }), c))).toBe(plain(messageOf(harnesses.ar, c)));
  });

  it('a value in a right-to-left sentence keeps its own direction (an id, a cell, a number isolated)', () => {
    const message = messageOf(harnesses.fa, CASES[4]);
    expect(message).toContain('\u2068A3\u2069');
    expect(message).toContain('\u2068margin_per_period\u2069');
  });

  it('the checker of English runs sees one', () => {
    expect(englishRuns('ستون amounts is blank but the rest')).toEqual(['amounts is blank but the rest']);
    expect(englishRuns('ستون customer_ids و "is blank but the" C5')).toEqual([]);
  });
});

function arabicSheet(): FakeSpreadsheet {
  const spreadsheet = new FakeSpreadsheet();
  spreadsheet.setSpreadsheetLocale('ar_EG');
  return spreadsheet;
}

describe('the messages of src/server are said, not written', () => {
  // Every DataError of the cell functions' readers is built from a Said (a key of the errors catalogue): a string
  // would reach the user in English whatever their language. Passing on a caught error's message is not writing one.
  const FILES = [
    'args.ts',
    'orders.ts',
    'fitTables.ts',
    'pipeline.ts',
    'holdoutArgs.ts',
    'cohortArgs.ts',
    'spill.ts',
    'summaryArgs.ts',
    'aligned.ts',
    'locate.ts',
    'functions/apply.ts',
    'functions/metrics.ts',
    'functions/predict.ts',
    'functions/checks.ts',
  ];
  const root = fileURLToPath(new URL('../../src/server', import.meta.url));

  it('no DataError of a string literal or a template in the readers and cell functions', () => {
    const written = FILES.flatMap((file) => {
      const source = readFileSync(path.join(root, file), 'utf8');
      return [...source.matchAll(/new DataError\(\s*[`'"]/g)].map((m) => `${file}: ${source.slice(m.index, m.index + 60)}`);
    });
    expect(written).toEqual([]);
  });

  it('the list covers every file of src/server that builds a message for a cell', () => {
    const all = (dir: string): string[] =>
      readdirSync(dir).flatMap((name) => {
        const full = path.join(dir, name);
        return statSync(full).isDirectory() ? all(full) : [path.relative(root, full).split(path.sep).join('/')];
      });
    // The sidebar's server (sidebar.ts, datacheck.ts, report.ts, …) and CLV_SQL say theirs with their own parts.
    const cellFiles = all(root).filter((file) => /^functions\//.test(file) && file !== 'functions/sql.ts');
    for (const file of cellFiles) expect(FILES).toContain(file);
  });
});
