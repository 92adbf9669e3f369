// Reading a user's own file in the preview (preview/upload.ts): CSV dialects, xlsx cells, and the limits and
// messages for files it cannot take.
import ExcelJS from 'exceljs';
import { describe, expect, it } from 'vitest';
import { MAX_UPLOAD_BYTES, MAX_UPLOAD_CELLS, readCsv, readUpload, sheetName, UploadError, type UploadCell } from '../../preview/upload';

const typed = (text: string): UploadCell => ({ kind: 'typed', text });
const blank: UploadCell = { kind: 'blank' };
const bytes = (text: string): Uint8Array => new TextEncoder().encode(text);

async function failure(run: () => Promise<unknown> | unknown): Promise<string> {
  try {
    await run();
  } catch (e) {
    expect(e).toBeInstanceOf(UploadError);
    return (e as Error).message;
  }
  throw new Error('expected an UploadError');
}

describe('CSV', () => {
  it('reads semicolon-separated fields with quotes, doubled quotes, separators and line breaks inside quotes', () => {
    const upload = readCsv('orders', 'Customer;Order date;Amount\r\n"Smith; Ann";2024-01-05;"12.50"\r\n"He said ""hi""";2024-01-06;7\r\n"two\nlines";;3\r\n');
    expect(upload.description).toBe('CSV separated by semicolons, 4 rows');
    expect(upload.sheets).toEqual([
      {
        name: 'orders',
        rows: [
          [typed('Customer'), typed('Order date'), typed('Amount')],
          [typed('Smith; Ann'), typed('2024-01-05'), typed('12.50')],
          [typed('He said "hi"'), typed('2024-01-06'), typed('7')],
          [typed('two\nlines'), blank, typed('3')],
        ],
      },
    ]);
  });

  it('reads commas with quoted commas, and tabs (rows pasted from a spreadsheet)', () => {
    expect(readCsv('a', 'id,amount\n"Lee, Bo","1,234.50"\n').sheets[0].rows[1]).toEqual([typed('Lee, Bo'), typed('1,234.50')]);
    const pasted = readCsv('Pasted', 'Customer\tAmount\nC1\t12,5\nC2\t3\n');
    expect(pasted.description).toBe('CSV separated by tabs, 3 rows');
    expect(pasted.sheets[0].rows).toEqual([
      [typed('Customer'), typed('Amount')],
      [typed('C1'), typed('12,5')],
      [typed('C2'), typed('3')],
    ]);
  });

  it('keeps blank rows inside the data and drops those after it; strips a byte-order mark', () => {
    const rows = readCsv('a', '\uFEFFid;n\nA;1\n;\nB;2\n\n\n').sheets[0].rows;
    expect(rows).toEqual([[typed('id'), typed('n')], [typed('A'), typed('1')], [blank, blank], [typed('B'), typed('2')]]);
  });

  it('decodes UTF-8, and Windows-1252 when the bytes are not UTF-8 (older Excel exports)', async () => {
    const utf8 = await readUpload('a.csv', bytes('name;x\nMüller;1\n'));
    expect(utf8.sheets[0].rows[1][0]).toEqual(typed('Müller'));
    const latin = await readUpload('a.csv', Uint8Array.from([...bytes('name;x\nM'), 0xfc, ...bytes('ller;1\n')]));
    expect(latin.sheets[0].rows[1][0]).toEqual(typed('Müller'));
  });

  it('says which row opens a quote that never closes', async () => {
    expect(await failure(() => readCsv('a', 'id,amount\nA,1\n"B,2\nC,3\n'))).toBe(
      'A quoted field on row 3 never closes (a " without its closing "): fix that row, or upload the file as it was exported.',
    );
  });

  it('refuses an empty file and empty text in words', async () => {
    expect(await failure(() => readUpload('a.csv', new Uint8Array()))).toBe('The file is empty: choose a CSV or xlsx file with your order log.');
    expect(await failure(() => readCsv('a', ' \n\n'))).toBe('There is nothing to read: paste or upload rows of your order log, a header row first.');
  });
});

describe('limits', () => {
  it('refuses a file over 5 MB before reading it, saying its size and what to do', async () => {
    expect(MAX_UPLOAD_BYTES).toBe(5 * 1024 * 1024);
    expect(await failure(() => readUpload('big.csv', new Uint8Array(MAX_UPLOAD_BYTES + 1)))).toBe(
      'The file is 5.0 MB; the preview takes files up to 5.0 MB. Upload the first rows of your order log, or install the add-in in a real spreadsheet for the whole file.',
    );
    expect(await failure(() => readUpload('big.csv', new Uint8Array(7 * 1024 * 1024)))).toMatch(/^The file is 7\.0 MB; the preview takes files up to 5\.0 MB\./);
  });

  it('refuses more than 500,000 cells, counting them', async () => {
    expect(MAX_UPLOAD_CELLS).toBe(500_000);
    const text = 'a,b,c,d,e\n'.repeat(100_001);
    expect(await failure(() => readCsv('a', text))).toBe(
      'The data has 500,005 cells; the preview takes up to 500,000. Upload fewer rows (or only the columns the analysis needs: customer, order date, amount).',
    );
  });

  it('refuses an old .xls file, naming what to do', async () => {
    const xls = Uint8Array.from([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1]);
    expect(await failure(() => readUpload('orders.xls', xls))).toBe(
      'This is an old Excel file (.xls): open it in Excel or Sheets and save it as .xlsx or CSV, then upload that.',
    );
  });

  it('refuses a damaged xlsx in words', async () => {
    expect(await failure(() => readUpload('orders.xlsx', Uint8Array.from([0x50, 0x4b, 0x03, 0x04, 1, 2, 3])))).toMatch(
      /^This file is not an xlsx workbook that can be read \(.+\): save it again as \.xlsx or CSV\.$/,
    );
  });
});

describe('xlsx', () => {
  it('reads every worksheet: text kept as text, numbers with their formats, dates as calendar days, answers of formulas, errors', async () => {
    const book = new ExcelJS.Workbook();
    const orders = book.addWorksheet('Orders 2024');
    orders.addRow(['Customer', 'Order date', 'Amount', 'Share', 'Paid', 'Check']);
    orders.addRow(['007', new Date(Date.UTC(2024, 0, 5)), 12.5, 0.125, true, { error: '#N/A' }]);
    orders.getCell('C2').numFmt = '#,##0.00';
    orders.getCell('D2').numFmt = '0.0%';
    orders.getCell('B2').numFmt = 'yyyy-mm-dd';
    orders.getCell('C3').value = { formula: 'C2*2', result: 25 };
    orders.getCell('A3').value = { richText: [{ text: 'Smith, ' }, { font: { bold: true }, text: 'Ann' }] };
    book.addWorksheet('Empty');
    const notes = book.addWorksheet('Notes');
    notes.getCell('A1').value = new Date(Date.UTC(2024, 2, 31, 13, 30));
    const file = new Uint8Array(await book.xlsx.writeBuffer());

    const upload = await readUpload('book.xlsx', file);
    expect(upload.description).toBe('xlsx, 2 sheets, 4 rows');
    expect(upload.sheets.map((s) => s.name)).toEqual(['Orders 2024', 'Notes']);
    const [header, first, second] = upload.sheets[0].rows;
    expect(header.map((c) => (c.kind === 'text' ? c.text : c.kind))).toEqual(['Customer', 'Order date', 'Amount', 'Share', 'Paid', 'Check']);
    expect(first).toEqual([
      { kind: 'text', text: '007' },
      { kind: 'date', year: 2024, month: 1, day: 5, ms: 0, format: 'yyyy-mm-dd' },
      { kind: 'number', value: 12.5, format: '#,##0.00' },
      { kind: 'number', value: 0.125, format: '0.0%' },
      { kind: 'boolean', value: true },
      { kind: 'error', code: '#N/A' },
    ]);
    expect(second).toEqual([{ kind: 'text', text: 'Smith, Ann' }, blank, { kind: 'number', value: 25 }, blank, blank, blank]);
    // exceljs gives a date without a format of its own Excel's default date format.
    expect(upload.sheets[1].rows).toEqual([[{ kind: 'date', year: 2024, month: 3, day: 31, ms: (13 * 60 + 30) * 60_000, format: 'mm-dd-yy' }]]);
  });
});

describe('sheet names', () => {
  it('takes the file name without its extension and without the characters Sheets refuses', () => {
    expect(sheetName('C:\\exports\\orders 2024.csv')).toBe('orders 2024');
    expect(sheetName('shop/[orders]*?.xlsx')).toBe('orders');
    expect(sheetName("'quoted'.tsv")).toBe('quoted');
    expect([...sheetName(`${'x'.repeat(150)}.csv`)].length).toBe(100);
  });
});
