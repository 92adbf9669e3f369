import { describe, expect, it } from 'vitest';
import { FakeSpreadsheet } from '../harness/sheets';
import { createHarness } from '../harness/gas';
import { LANGUAGES, MENU, SIDEBAR, chooseLanguage, languageOfLocale, menuText, placeholdersOf, t } from '../../src/core/i18n';
import { ERRORS, render, said } from '../../src/core/i18n/errors';
import { SHEETS } from '../../src/core/i18n/sheets';
import { CALENDAR } from '../../src/core/i18n/calendar';

describe('catalogues', () => {
  // Each catalogue against English: the same keys, and the same placeholders (in any order, as word order differs;
  // a counting message's forms together, as a language may write "one row" without the number).
  const SECTIONS = [['menu', MENU], ['sidebar', SIDEBAR], ['errors', ERRORS], ['sheets', SHEETS], ['calendar', CALENDAR]] as const;
  const placeholderSet = (message: string): string[] => [...new Set(placeholdersOf(message))].sort();
  for (const [name, catalogues] of SECTIONS) {
    for (const language of LANGUAGES) {
      it(`${name}: ${language} has English's keys, no others, and each message's placeholders`, () => {
        const english: Record<string, string> = catalogues.en;
        const other: Record<string, string> = catalogues[language];
        expect(Object.keys(other).sort()).toEqual(Object.keys(english).sort());
        for (const key of Object.keys(english)) {
          expect({ key, placeholders: placeholderSet(other[key]) }).toEqual({ key, placeholders: placeholderSet(english[key]) });
          expect({ key, counting: other[key].includes(' | ') && !english[key].includes(' | ') }).toEqual({ key, counting: false });
          expect(other[key].trim(), key).not.toBe('');
        }
      });
    }
  }

  it('the placeholder check sees a misspelt or missing placeholder', () => {
    expect(placeholdersOf('{count} ردیف')).toEqual(['count']);
    expect(placeholdersOf('{cuont} rows')).not.toEqual(placeholdersOf('{count} rows'));
    expect(placeholdersOf('rows')).toEqual([]);
  });

  it('translations are not English left in place, apart from the words Filipino business people use as they are', () => {
    // A message of placeholders and punctuation only ("{stage} ({customers})") has no words to translate.
    const wordless = (message: string): boolean => !/\p{L}/u.test(message.replace(/\{\w+\}/g, ''));
    const same = (language: 'fa' | 'ar' | 'tl'): string[] =>
      Object.keys(SIDEBAR.en).filter((k) => {
        const english = SIDEBAR.en[k as keyof typeof SIDEBAR.en];
        return SIDEBAR[language][k as keyof typeof SIDEBAR.en] === english && !wordless(english);
      });
    expect(same('fa')).toEqual([]);
    expect(same('ar')).toEqual([]);
    expect(same('tl')).toEqual([
      'sheet.data',
      'role.customerId',
      'role.margin',
      'options.margin',
      'options.top20',
      'headline.predicted',
      'trust.model',
      'candidates.model',
      'candidates.error',
      'parameters.name',
      'parameters.value',
      'chart.predicted',
      'chart.predictedValue',
      'chart.mark',
      'contact.customer',
      'contact.figures',
      'whatif.retentionName',
    ]);
  });
});

describe('said and render', () => {
  it('puts a message in words in each language, nested messages in the same language, numbers grouped', () => {
    const at = said('where.row', { name: 'amounts', row: 1234 });
    expect(render('en', said('cell.atRow', { at, message: 'x' }))).toBe('amounts row 1,234: x');
    expect(render('fa', at)).toBe('ردیف \u20681,234\u2069 از \u2068amounts\u2069');
    // the nested message is Persian already: not isolated as a foreign value
    expect(render('fa', said('cell.atRow', { at, message: 'x' }))).toBe('ردیف \u20681,234\u2069 از \u2068amounts\u2069: \u2068x\u2069');
  });

  it('chooses a counting form by n', () => {
    expect(render('en', said('count.row', { n: 1 }))).toBe('1 row');
    expect(render('en', said('count.row', { n: 2 }))).toBe('2 rows');
    expect(render('ar', said('count.row', { n: 1 }))).toBe('صف واحد');
  });

  it('a message is plain data (it crosses google.script.run)', () => {
    const message = said('cell.atRow', { at: said('where.row', { name: 'a', row: 2 }), message: 'x' });
    expect(JSON.parse(JSON.stringify(message))).toEqual(message);
  });
});

describe('t', () => {
  it('fills placeholders; English as typed', () => {
    expect(t('en', 'sheet.rows', { count: '6,919' })).toBe('6,919 rows');
    expect(t('en', 'error.chooseColumn', { columns: 'order date' })).toBe('Choose the order date column.');
    expect(t('tl', 'error.number', { name: 'gross margin', min: 1, max: 100 })).toBe('Ang gross margin ay dapat numero mula 1 hanggang 100.');
    expect(t('en', 'analyze')).toBe('Analyze');
  });

  it('isolates each value in a right-to-left sentence, so a number keeps its order among Persian or Arabic words', () => {
    expect(t('fa', 'sheet.rows', { count: '1,000' })).toBe('\u20681,000\u2069 ردیف');
    expect(t('ar', 'error.number', { name: 'هامش', min: 1, max: 100 })).toBe('يجب أن يكون \u2068هامش\u2069 رقمًا من \u20681\u2069 إلى \u2068100\u2069.');
  });

  it('menu', () => {
    expect(menuText('en', 'menu.analyze')).toBe('Analyze customers');
    expect(menuText('fa', 'menu.analyze')).toBe('تحلیل مشتریان');
    expect(menuText('ar', 'menu.template')).toBe('إدراج قالب');
    expect(menuText('tl', 'menu.analyze')).toBe('Suriin ang mga customer');
  });
});

describe('language of a locale', () => {
  it('reads the language part of Google locales', () => {
    expect(['fa', 'fa_IR', 'fa-IR', 'ar', 'ar_SA', 'ar-EG', 'fil', 'fil_PH', 'tl', 'en_US', 'en-GB', 'de_DE', '', null, undefined].map(languageOfLocale)).toEqual([
      'fa', 'fa', 'fa', 'ar', 'ar', 'ar', 'tl', 'tl', 'tl', 'en', 'en', null, null, null, null,
    ]);
  });

  it("the user's locale first, then the spreadsheet's, else English", () => {
    expect(chooseLanguage('fa_IR', 'en_US')).toBe('fa');
    expect(chooseLanguage('en_US', 'fa_IR')).toBe('en');
    expect(chooseLanguage('', 'ar_SA')).toBe('ar');
    expect(chooseLanguage('de_DE', 'fil_PH')).toBe('tl');
    expect(chooseLanguage('de_DE', 'ja_JP')).toBe('en');
    expect(chooseLanguage()).toBe('en');
  });
});

describe('the menu and the sidebar title in the built bundle', () => {
  const captions = (userLocale: string, spreadsheetLocale: string, authMode: 'NONE' | 'FULL'): string[] => {
    const spreadsheet = new FakeSpreadsheet();
    spreadsheet.setSpreadsheetLocale(spreadsheetLocale);
    const gas = createHarness({ userLocale, spreadsheet });
    gas.run('onOpen', { authMode });
    return gas.ui.menus.flatMap((m) => m.items.map((item) => (typeof item === 'object' && 'caption' in item ? item.caption : '')));
  };

  it("follows the user's locale, then the spreadsheet's", () => {
    expect(captions('en', 'fa_IR', 'FULL')).toEqual(['Analyze customers', 'Insert template']);
    expect(captions('fa', 'en_US', 'FULL')).toEqual(['تحلیل مشتریان', 'افزودن قالب']);
    expect(captions('', 'ar_SA', 'FULL')).toEqual(['تحليل العملاء', 'إدراج قالب']);
    expect(captions('fil', 'en_US', 'FULL')).toEqual(['Suriin ang mga customer', 'Maglagay ng template']);
  });

  it('in AuthMode.NONE, where no locale may be read, the menu is English', () => {
    expect(captions('fa', 'fa_IR', 'NONE')).toEqual(['Analyze customers', 'Insert template']);
  });

  it('the sidebar gets its title and its language from the server', () => {
    const spreadsheet = new FakeSpreadsheet();
    spreadsheet.setSpreadsheetLocale('fa_IR');
    const gas = createHarness({ userLocale: '', spreadsheet });
    gas.run('showSidebar');
    expect(gas.ui.sidebars.map((s) => s.getTitle())).toEqual(['ارزش مشتری']);
    expect(gas.fromClient('getLanguage')).toBe('fa');
    expect(createHarness({ userLocale: 'tl_PH' }).fromClient('getLanguage')).toBe('tl');
  });
});
