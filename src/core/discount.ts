/**
 * Discount rates in the form each model's residual value takes (see models/dert.ts), from the annual rate a person
 * types (e.g. 10%): a rate compounded once a year, converted so a year's discounting is the same whatever the unit.
 */

/**
 * The continuously compounded rate δ per unit of time with e^(−δ · unitsPerYear) = 1/(1 + annualRate):
 * δ = ln(1 + annualRate)/unitsPerYear. For the continuous-time models (BG/NBD, MBG/NBD, Pareto/NBD). Fader, Hardie &
 * Lee (2005, "RFM and CLV") turn 15% a year into 0.0027 a week this way (ln 1.15 / 52 = 0.00269). Units per year:
 * 365.25 for days, 365.25/7 for weeks, 12 for months (as summary.ts counts them).
 */
export function continuousDiscountRate(annualRate: number, unitsPerYear: number): number {
  checkAnnualRate(annualRate);
  checkUnits(unitsPerYear);
  return Math.log1p(annualRate) / unitsPerYear;
}

/**
 * The rate d per period with (1 + d)^periodsPerYear = 1 + annualRate: d = (1 + annualRate)^(1/periodsPerYear) − 1.
 * For the discrete models (BG/BB per opportunity, sBG per period); 1 period a year gives the annual rate itself.
 */
export function periodDiscountRate(annualRate: number, periodsPerYear: number): number {
  checkAnnualRate(annualRate);
  checkUnits(periodsPerYear);
  return Math.expm1(Math.log1p(annualRate) / periodsPerYear);
}

function checkAnnualRate(rate: number): void {
  if (!(rate >= 0) || !Number.isFinite(rate)) throw new RangeError(`the annual discount rate must be a number ≥ 0; got ${rate}`);
}

function checkUnits(units: number): void {
  if (!(units > 0) || !Number.isFinite(units)) throw new RangeError(`the number of units or periods in a year must be a positive number; got ${units}`);
}
