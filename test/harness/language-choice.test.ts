// The sidebar's language switch remembered for the user (setLanguage, PropertiesService's user store), the fake of
// that store as Google documents it, and the sidebar server's refusals in the language the sidebar asks in. Through
// the built dist/Code.js.
import { describe, expect, it } from 'vitest';
import { MENU } from '../../src/core/i18n';
import type { Reply } from '../../src/server/contract';
import { createHarness, FakeProperties } from './gas';
import { AppsScriptError } from './sheets';

describe('the PropertiesService fake', () => {
  it('keeps strings, reads null for a missing key, deletes', () => {
    const store = new FakeProperties();
    expect(store.getProperty('x')).toBeNull();
    store.setProperty('x', 'fa').setProperty('n', 12);
    expect(store.getProperty('x')).toBe('fa');
    // A value set is kept as its text, as Apps Script keeps it.
    expect(store.getProperty('n')).toBe('12');
    expect(store.getKeys().sort()).toEqual(['n', 'x']);
    store.deleteProperty('x');
    expect(store.getProperties()).toEqual({ n: '12' });
    store.deleteAllProperties();
    expect(store.getKeys()).toEqual([]);
  });

  it('refuses a value over 9 KB and a store over 500 KB, as the quotas say', () => {
    const store = new FakeProperties();
    expect(() => store.setProperty('big', 'x'.repeat(9 * 1024 + 1))).toThrow(AppsScriptError);
    store.setProperty('fits', 'x'.repeat(9 * 1024));
    // Two-byte letters count twice: 4,609 Persian letters are 9,218 bytes.
    expect(() => store.setProperty('persian', 'ف'.repeat(4609))).toThrow(/Argument too large/);
    for (let k = 0; k < 54; k++) store.setProperty(`k${k}`, 'y'.repeat(9 * 1024));
    expect(() => store.setProperty('one-more', 'z'.repeat(9 * 1024))).toThrow(/property storage quota/);
    // Replacing a value counts the new one instead of the old.
    store.setProperty('k0', 'small');
    store.setProperty('one-more', 'z'.repeat(9 * 1024));
  });
});

describe('the language switch, remembered', () => {
  it('getLanguage follows the locale until the user chooses; the choice holds in later calls', () => {
    const gas = createHarness({ userLocale: 'fa_IR' });
    expect(gas.fromClient('getLanguage')).toBe('fa');
    expect(gas.fromClient('setLanguage', 'ar')).toEqual({ ok: true, value: 'ar' });
    expect(gas.userProperties.getProperty('customer-value:language')).toBe('ar');
    expect(gas.fromClient('getLanguage')).toBe('ar');
    expect(gas.fromClient('setLanguage', 'tl')).toEqual({ ok: true, value: 'tl' });
    expect(gas.fromClient('getLanguage')).toBe('tl');
    // The sidebar opens titled in the chosen language too (the menu keeps the locale's: it is built before any choice is read).
    gas.fromClient('setLanguage', 'ar');
    gas.run('showSidebar');
    expect(gas.ui.sidebars.map((s) => s.getTitle())).toEqual([MENU.ar['menu.title']]);
  });

  it('refuses a language it does not speak, in words, and keeps the last choice', () => {
    const gas = createHarness();
    gas.fromClient('setLanguage', 'fa');
    expect(gas.fromClient('setLanguage', 'de')).toEqual({ ok: false, error: 'The language must be one of en, fa, ar, tl.' });
    expect(gas.fromClient('setLanguage', { toString: 'ar' })).toMatchObject({ ok: false });
    expect(gas.fromClient('getLanguage')).toBe('fa');
  });
});

describe("the sidebar server's refusals in the sidebar's language", () => {
  it("getSheetInfo on an empty sheet: in the language asked, else the user's", () => {
    const gas = createHarness({ userLocale: 'tl_PH' });
    gas.spreadsheet.getActiveSheet().setName('Mga order');
    const english = gas.fromClient('getSheetInfo', 'en') as Reply<unknown>;
    expect(english).toEqual({
      ok: false,
      error: '"Mga order" has no data. Paste your orders on it (one row per order: customer, date, amount; a header row is optional), or open the sheet that holds them and press Reload.',
    });
    const persian = gas.fromClient('getSheetInfo', 'fa') as Reply<unknown>;
    expect(!persian.ok && persian.error).toBe('«\u2068Mga order\u2069» داده‌ای ندارد. سفارش‌هایتان را در آن بچسبانید (هر ردیف یک سفارش: مشتری، تاریخ، مبلغ؛ ردیف عنوان اختیاری است)، یا برگه‌ای که آن‌ها را دارد باز کنید و «خواندن دوباره» را بزنید.');
    const filipino = gas.fromClient('getSheetInfo') as Reply<unknown>;
    expect(!filipino.ok && filipino.error).toMatch(/^Walang data ang "Mga order"\./);
  });

  it('analyzeSheet and exportSegment refuse in the request\'s language; the progress ends in English, untold', () => {
    const gas = createHarness();
    const request = { sheetName: 'Gone', shape: 'orders', columns: {}, horizonMonths: 12, annualDiscountRate: 0.1, grossMargin: 1, inactiveDays: 90, cut: 'top20' };
    const arabic = gas.fromClient('analyzeSheet', { ...request, language: 'ar' }) as Reply<unknown>;
    expect(!arabic.ok && arabic.error).toBe('لم تعد هناك ورقة باسم «\u2068Gone\u2069». اضغط «إعادة القراءة».');
    expect(gas.fromClient('getAnalysisProgress')).toEqual({ step: 5, steps: 5, message: 'Stopped', done: true });
    const segment = gas.fromClient('exportSegment', { ...request, language: 'tl' }, 'At risk') as Reply<unknown>;
    expect(!segment.ok && segment.error).toBe('Walang segment na "At risk"; ang mga segment ay Champions, Rising, Past stars, Low value.');
    const option = gas.fromClient('analyzeSheet', { ...request, horizonMonths: 500, language: 'fa' }) as Reply<unknown>;
    expect(!option.ok && option.error).toBe('گزینه \u2068horizonMonths\u2069 باید عددی از \u20681\u2069 تا \u2068120\u2069 باشد. نوار کناری را دوباره باز کنید و دوباره امتحان کنید.');
  });
});

describe("a model's note in the sidebar's language", () => {
  it('a shop where everyone spends alike: the spend model at its edge, its note in the language asked', () => {
    const gas = createHarness();
    const sheet = gas.spreadsheet.getActiveSheet().setName('Orders');
    const rows: unknown[][] = [['Customer', 'Order date', 'Amount']];
    // 120 customers with irregular gaps, some stopping early, and every spend the same: 50.
    for (let k = 0; k < 120; k++) {
      const stop = 120 + (k % 5) * 110;
      for (let day = (k * 7) % 90, n = 0; day < stop; n++) {
        rows.push([`C${k}`, gas.date(2024, 1, 1 + day), 50]);
        day += 10 + ((k * 37 + n * 53) % 97);
      }
    }
    gas.fill(sheet, rows);
    const info = gas.fromClient('getSheetInfo') as Reply<{ sheetName: string; shape: string; guess: Record<string, number | null> }>;
    if (!info.ok) throw new Error(info.error);
    const request = { sheetName: info.value.sheetName, shape: info.value.shape, columns: info.value.guess, horizonMonths: 12, annualDiscountRate: 0.1, grossMargin: 1, inactiveDays: 90, cut: 'top20', language: 'fa' };
    const reply = gas.fromClient('analyzeSheet', request) as Reply<{ warnings: string[]; warningsTold: { key: string; params: { note?: string } }[] }>;
    if (!reply.ok) throw new Error(reply.error);
    const notes = reply.value.warningsTold.filter((w) => w.key === 'warning.modelNote');
    expect(notes.length).toBeGreaterThan(0);
    expect(reply.value.warnings.some((w) => w.startsWith('Model note: '))).toBe(true);
    // Put in Persian words by the server (the sidebar does not carry the errors section).
    expect(notes[0].params.note).toMatch(/[\u0600-\u06FF]/);
  });
});
