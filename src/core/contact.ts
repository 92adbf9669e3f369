/**
 * Whom to contact first, and when each customer's next order is due.
 *
 * Value at stake = predicted value × (1 − P(alive)). Predicted value already counts the chance the customer has
 * left, so a customer sure to stay (P(alive) near 1) needs no call, and one almost surely gone has little predicted
 * value left; what remains at the top are valuable customers whose staying is in doubt, where a contact can change
 * the outcome.
 *
 * Next order due = last purchase day + the customer's mean gap between purchase days ((last − first) / repeat
 * purchase days). Without a repeat purchase there is no gap to go by, so there is no date. A date before the as-of
 * date means the order is overdue.
 */

/** The last purchase day plus the customer's mean gap; null without a repeat purchase. */
export function nextOrderDueDay(frequency: number, firstDay: number, lastDay: number): number | null {
  if (!(frequency > 0) || !(lastDay > firstDay)) return null;
  return lastDay + Math.round((lastDay - firstDay) / frequency);
}

export interface ContactInput {
  predicted: ArrayLike<number>;
  pAlive: ArrayLike<number>;
}

/** predicted value × (1 − P(alive)) of each customer. */
export function valueAtStake(c: ContactInput): Float64Array {
  return Float64Array.from({ length: c.predicted.length }, (_, i) => Math.max(0, c.predicted[i]) * (1 - c.pAlive[i]));
}

/**
 * The indices of the `limit` customers with the most value at stake, most first; ties by the lower index (the
 * data's order). Customers with nothing at stake are never listed.
 */
export function contactFirst(atStake: ArrayLike<number>, limit: number): number[] {
  const order: number[] = [];
  for (let i = 0; i < atStake.length; i++) if (atStake[i] > 0) order.push(i);
  order.sort((a, b) => atStake[b] - atStake[a] || a - b);
  return order.slice(0, limit);
}
