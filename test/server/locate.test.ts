import { describe, expect, it } from 'vitest';
import { callArguments, cellOfRow } from '../../src/server/locate';

describe('locating the cell behind an argument row', () => {
  it('splits the arguments of the call, nested or not, in both separator styles', () => {
    expect(callArguments('=LTV(D2:D, E2:E)', 'LTV')).toEqual(['D2:D', 'E2:E']);
    expect(callArguments('=IFERROR(ltv(D2:D100; 0,05; "end"), "")', 'LTV')).toEqual(['D2:D100', '0,05', '"end"']);
    expect(callArguments('=CLV_SIMPLE(A2, MAX(B2, 3), "a,b")', 'CLV_SIMPLE')).toEqual(['A2', 'MAX(B2, 3)', '"a,b"']);
    expect(callArguments('=LTV_CAC(A1, B1)', 'LTV')).toBeNull(); // LTV_CAC is not LTV
    expect(callArguments('=CAC(5000, 100)', 'LTV')).toBeNull();
  });

  it('maps a row of a one-column range to its cell', () => {
    expect(cellOfRow('E2:E', 3)).toBe('E5');
    expect(cellOfRow('$E$10:$E$20', 0)).toBe('E10');
    expect(cellOfRow("'My orders'!B2:B", 16)).toBe("'My orders'!B18");
    expect(cellOfRow('Orders!C3', 0)).toBe('Orders!C3');
    expect(cellOfRow('A2:C10', 1)).toBeNull(); // several columns
    expect(cellOfRow('MAX(B2, 3)', 0)).toBeNull();
  });
});
