/**
 * The arguments every holdout function shares (CLV_HOLDOUT, CLV_TRACKING, CLV_COMPARE): the order log, the day the
 * fitting period ends, the unit and the optional amounts, checked one way, and the fits cached as everywhere.
 */
import { DataError } from '../core/errors';
import { said } from '../core/i18n/said';
import type { HoldoutOptions } from '../core/holdout';
import type { OrderLog, TimeUnit } from '../core/summary';
import { isOmitted, singleDay, type Arg } from './args';
import { readOrders } from './orders';
import { cachedFitters, readUnit } from './pipeline';

export interface HoldoutSplit {
  /** The last day of the fitting period. */
  end: number;
  unit: TimeUnit;
  log: OrderLog;
  /** The argument row of each order, for messages (null when every row is an order). */
  sourceRows: Int32Array | null;
  options: HoldoutOptions;
}

export function readHoldoutSplit(customer_ids: Arg, order_dates: Arg, calibration_end: Arg, unit: Arg | undefined, amounts: Arg | undefined): HoldoutSplit {
  const end = singleDay('calibration_end', calibration_end);
  if (end === undefined) throw new DataError(said('holdoutArg.endMissing'), 'calibration_end');
  const timeUnit = readUnit(unit);
  const orders = readOrders({ ids: customer_ids, dates: order_dates, amounts: isOmitted(amounts ?? '') ? undefined : amounts });
  if (orders.days.length === 0) throw new DataError(said('log.empty'), 'customer_ids');
  let last = -Infinity;
  for (let i = 0; i < orders.days.length; i++) last = Math.max(last, orders.days[i]);
  if (end >= last) throw new DataError(said('holdoutArg.endTooLate'), 'calibration_end');
  return {
    end,
    unit: timeUnit,
    log: { ids: orders.customers, days: orders.days, amounts: orders.amounts },
    sourceRows: orders.sourceRows,
    options: {
      checkCalibration: (calibration) => {
        if (calibration.count === 0) throw new DataError(said('holdoutArg.nothingToFit'), 'calibration_end');
        return true;
      },
      fit: (m, calibration) => cachedFitters.purchases(m, calibration, timeUnit),
    },
  };
}

/** checkCalibration above never skips, so a split that gives no check is a fault of the add-in. */
export function noSplit(): DataError {
  return new DataError(said('holdoutArg.cannotCheck'), 'calibration_end');
}
