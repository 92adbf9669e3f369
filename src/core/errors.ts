/**
 * A problem with the user's data or arguments, said in words for the user. Core code that checks data throws it with
 * the 0-based row of the offending value when it has one; the server adds the argument's name and the function's,
 * and points at the cell ("amounts row 4 (cell C5)"), so no check is made twice. Any other error reaching a cell is
 * a fault of the add-in and is reported as such, without JavaScript's wording.
 */
export class DataError extends Error {
  constructor(
    message: string,
    readonly argument?: string,
    readonly row?: number,
  ) {
    super(message);
  }
}
