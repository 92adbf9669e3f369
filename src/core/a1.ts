/** A1 notation: the letters of a column (1 → A, 27 → AA) and the address of a block of cells. */
export function columnLetters(n: number): string {
  let s = '';
  for (let k = n; k > 0; k = Math.floor((k - 1) / 26)) s = String.fromCharCode(65 + ((k - 1) % 26)) + s;
  return s;
}

/** "B3:D7" for rows × columns cells from (row, column), "B3" for one cell; 1-based. */
export function a1Range(row: number, column: number, rows = 1, columns = 1): string {
  const start = `${columnLetters(column)}${row}`;
  return rows === 1 && columns === 1 ? start : `${start}:${columnLetters(column + columns - 1)}${row + rows - 1}`;
}
