// Guessing the columns of real exports, and the data check's warnings (core/columns.ts), on sheets laid out as
// test/support/exports.ts builds them; the cells are profiled as the sidebar profiles them (server/datacheck.ts).
import { describe, expect, it } from 'vitest';
import { checkChoice, guessColumns, headerWords, isIdLikeHeader, type Choice } from '../../src/core/columns';
import { dayFromYmd } from '../../src/core/dates';
import { sheetFacts, sheetLayout } from '../../src/server/datacheck';
import { cdnowSheet, europeanSheet, headerlessSheet, lifetimesSummarySheet, stripeSheet, usSheet, type ExportCell } from '../support/exports';
import { SIDEBAR } from '../../src/core/i18n';
import { renderWith } from '../../src/core/i18n/said';

const TODAY = dayFromYmd(2026, 12, 1);

function read(rows: ExportCell[][]) {
  // As getSheetInfo reads a sheet: its first 5,001 rows.
  const values = rows.slice(0, 5001);
  const layout = sheetLayout(values);
  const guessed = guessColumns(layout.profiles);
  const { facts, views } = sheetFacts(layout, values.slice(layout.firstRow), rows.length <= 5001, TODAY);
  return { layout, ...guessed, facts, views, warnings: (choice: Choice = guessed.guess) => checkChoice(facts, guessed.shape, choice).map((w) => renderWith(SIDEBAR.en, 'en', w)) };
}

describe('guessing the columns of real exports', () => {
  it('CDNOW with realistic headers: the dollar value is the amount (never the customer id), yyyymmdd numbers are the dates', () => {
    const cdnow = read(cdnowSheet());
    expect(cdnow.layout.hasHeader).toBe(true);
    expect(cdnow.shape).toBe('orders');
    expect(cdnow.guess).toEqual({ customerId: 0, orderDate: 1, amount: 3, cost: null, margin: null, referredBy: null });
    expect(cdnow.views[1]).toEqual({ samples: ['19970101', '19970118', '19970802'], format: 'Dates written yyyymmdd (19970101 is 1 January 1997).' });
    expect(cdnow.views[3].samples).toEqual(['29.33', '29.73', '14.96']);
    expect(cdnow.facts.columns[1]).toMatchObject({ firstDay: dayFromYmd(1997, 1, 1), dates: 200 });
    expect(cdnow.warnings()).toEqual([]);
  });

  it('CDNOW with both its ids (customer and index within the sample): still the dollar value as the amount', () => {
    const rows = cdnowSheet().map((r, i) => [r[0], i === 0 ? 'customer_index' : Math.ceil(Number(r[0]) / 10), ...r.slice(1)]);
    const cdnow = read(rows);
    expect(cdnow.guess).toEqual({ customerId: 0, orderDate: 2, amount: 4, cost: null, margin: null, referredBy: null });
  });

  it('a Stripe export: the customer is "Customer ID", not the charge "id", and the created text is the date', () => {
    const stripe = read(stripeSheet());
    expect(stripe.guess).toMatchObject({ customerId: 7, orderDate: 2, amount: 3 });
    expect(stripe.warnings()).toEqual([]);
  });

  it('a log without a header row: row 1 is data and the columns are Column A, B, …', () => {
    const bare = read(headerlessSheet());
    expect(bare.layout).toMatchObject({ hasHeader: false, firstRow: 0, headers: ['Column A', 'Column B', 'Column C', 'Column D'] });
    expect(bare.guess).toEqual({ customerId: 0, orderDate: 1, amount: 3, cost: null, margin: null, referredBy: null });
    expect(bare.facts.sampled).toBe(5001);
    expect(bare.views[0].samples).toEqual(['4', '4', '4']);
    expect(bare.warnings()[0]).toBe(
      'Row 1 holds data, not column names: it is read as data, and the columns are called Column A, Column B, …. If row 1 should be names, type a name above each column and press Reload.',
    );
  });

  it('day-first text dates and euro amounts, month-first text dates and dollar amounts: read, and the reading shown', () => {
    const eu = read(europeanSheet());
    expect(eu.guess).toMatchObject({ customerId: 0, orderDate: 1, amount: 2 });
    expect(eu.views[1]).toEqual({ samples: ['01.01.1997', '18.01.1997', '02.08.1997'], format: 'Dates read day first (dd.mm.yyyy), as "18.01.1997" shows.' });
    expect(eu.views[2].format).toBe('Amounts as text, read as 1.234,50 (decimal comma), as the values show.');
    expect(eu.facts.columns[1].firstDay).toBe(dayFromYmd(1997, 1, 1));
    const us = read(usSheet());
    expect(us.guess).toMatchObject({ customerId: 0, orderDate: 1, amount: 2 });
    expect(us.views[1].format).toBe('Dates read month first (mm/dd/yyyy), as "01/18/1997" shows.');
    expect(us.views[2].format).toBe('Amounts as text, read as 1,234.50 (decimal point), as the values show.');
  });

  it('a lifetimes summary table is recognised, with the formulas to use instead', () => {
    const summary = read(lifetimesSummarySheet());
    expect(summary.facts.summaryTable).toMatch(/^This sheet is a per-customer summary \(frequency, recency and T, as Python's lifetimes writes it\)/);
    expect(summary.facts.summaryTable).toContain('=CLV_FIT_SUMMARY(B2:B, C2:C, D2:D)');
    expect(summary.facts.summaryTable).toContain('=CLV_PREDICT(B2:B, C2:C, D2:D, 52,');
    expect(summary.warnings()[0]).toBe(summary.facts.summaryTable);
  });

  it('names ids as ids', () => {
    expect(['customer_id', 'ID', 'Order no.', 'row index', 'customerId', '#'].map(isIdLikeHeader)).toEqual([true, true, true, true, true, true]);
    expect(['dollar_value', 'Amount', 'Paid', 'Valid total'].map(isIdLikeHeader)).toEqual([false, false, false, false]);
  });
});

describe('warnings about an implausible choice', () => {
  it('the customer id as the amount (CDNOW), one column twice, cost above amount', () => {
    const cdnow = read(cdnowSheet());
    expect(cdnow.warnings({ customerId: 0, orderDate: 1, amount: 0 })).toEqual([
      '"customer_id" is chosen as both the customer and the amount: each column can play one part. Choose another column for one of them.',
      'The amount column "customer_id" is named like an id, not amounts of money. Choose the column with each order\'s amount.',
    ]);
    expect(cdnow.warnings({ customerId: 0, orderDate: 1, amount: 2, cost: 3 })).toEqual([
      'The cost "dollar_value" is above the amount "number_of_cds" in 200 of 200 rows: every such sale loses money, so the two are probably swapped. Swap them, or choose the right cost column.',
    ]);
  });

  it('the same warnings in Persian, Arabic and Filipino: no English sentence left, the column names as written', () => {
    const cdnow = read(cdnowSheet());
    const told = checkChoice(cdnow.facts, cdnow.shape, { customerId: 0, orderDate: 1, amount: 0 });
    const fa = told.map((w) => renderWith(SIDEBAR.fa, 'fa', w));
    expect(fa[0]).toContain('هر ستون فقط یک نقش دارد');
    expect(fa[0]).toContain('"customer_id"');
    expect(fa[0]).toContain('مشتری');
    expect(fa[1]).toContain('مبلغ هر سفارش');
    for (const language of ['fa', 'ar'] as const) {
      for (const w of told) expect(renderWith(SIDEBAR[language], language, w)).not.toMatch(/[A-Za-z]+ [A-Za-z]+ [A-Za-z]+/);
    }
    expect(renderWith(SIDEBAR.tl, 'tl', told[0])).toContain('isang papel lang ang bawat column');
  });

  it('a charge id as the customer: everyone appears once', () => {
    const stripe = read(stripeSheet());
    expect(stripe.warnings({ customerId: 0, orderDate: 2, amount: 3 })).toEqual([
      'Every customer in "id" appears once in the first 5,000 rows, so nobody seems to buy twice. If "id" is an order, charge or invoice id, choose the column of customer ids or e-mails; if the sheet has one row per customer, choose "One row per customer" under Data.',
    ]);
  });

  it('an amount column of row numbers', () => {
    const rows = cdnowSheet(30).map((r, i) => [...r, i === 0 ? 'line' : i]);
    const check = read(rows);
    expect(check.warnings({ customerId: 0, orderDate: 1, amount: 4 })).toEqual([
      'The amount column "line" holds whole numbers that never repeat, like ids or row numbers, not amounts of money. Choose the column with each order\'s amount.',
    ]);
  });

  it('dates in the future and before 1990', () => {
    const rows = cdnowSheet(30);
    rows[3][1] = 19870101;
    rows[5][1] = 20310101;
    expect(read(rows).warnings()).toEqual([
      '"date" has dates in the future (up to 2031-01-01). Check them: a mistyped year moves the as-of date, and every age with it.',
      '"date" has dates before 1990 (from 1987-01-01). Check them: a date typed without its year, or a number read as a date, lands there.',
    ]);
  });

  describe('headers in Persian, Arabic and Tagalog', () => {
    // Columns in an order no fallback would guess: cost before amount (both money with cents), the referrer's text
    // before the customer's, so only the headers can place them.
    function sheet(headers: string[]): ExportCell[][] {
      return cdnowSheet(60).map((r, i) =>
        i === 0 ? headers : [Math.round(Number(r[3]) * 37) / 100, i % 7 === 0 ? `C${Number(r[0]) + 1}` : '', r[1], `C${r[0]}`, r[3]],
      );
    }
    const expected = { customerId: 3, orderDate: 2, amount: 4, cost: 0, margin: null, referredBy: 1 };

    it.each([
      ['English', ['cost', 'referred by', 'date', 'customer', 'amount']],
      ['Persian', ['هزینه', 'معرف', 'تاریخ', 'مشتری', 'مبلغ']],
      ['Arabic, with ال and diacritics', ['التكلفة', 'المُحيل', 'التاريخ', 'العميل', 'المبلغ']],
      ['Arabic, bare', ['تكلفة', 'محيل', 'تاريخ', 'عميل', 'مبلغ']],
      ['Tagalog', ['gastos', 'nirefer ni', 'petsa', 'kustomer', 'halaga']],
      ['Tagalog, capitalised and longer', ['Gastos', 'Nirefer ni', 'Petsa ng order', 'Pangalan ng kustomer', 'Halaga']],
    ])('%s headers name the five columns', (_, headers) => {
      expect(read(sheet(headers)).guess).toEqual(expected);
    });

    it('Arabic marks and letters are read as the Persian ones, so one pattern serves both', () => {
      expect(headerWords('المُحيل')).toBe('المحیل');
      expect(headerWords('التكلفة')).toBe('التکلفة');
      expect(headerWords('العـــميل')).toBe('العمیل');
      expect(headerWords('Customer')).toBe('Customer');
    });
  });
});
