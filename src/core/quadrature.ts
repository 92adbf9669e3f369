/**
 * Double-exponential (tanh-sinh) quadrature on (0, 1): Takahasi & Mori (1974), "Double exponential formulas for
 * numerical integration", Publ. RIMS 9; in the form of Bailey, Jeyabalan & Li (2005), "A comparison of three
 * high-precision quadrature schemes", Experimental Mathematics 14(3).
 *
 * With u(s) = 1/(1 + e^(−π sinh s)), ∫₀¹ f(u) du = ∫ f(u(s)) u(1−u) π cosh s ds, and the trapezoidal rule in s
 * converges exponentially fast for integrands analytic inside (0, 1), whatever they do at the end points
 * (integrable singularities, a sharp cut-off). Halving the step reuses every node and adds as many new ones, so the
 * difference of two levels measures the error of the coarser one: the next level roughly doubles the correct digits.
 *
 * The models integrate vector-valued functions (one integral per purchase count, or per customer age), so the
 * caller evaluates every integrand at each new node and keeps its own sums; this module gives the nodes.
 */

/** One node: the point u, 1 − u (accurate near 1, where u itself rounds to 1) and its weight for step h = 1. */
export interface Node {
  u: number;
  oneMinusU: number;
  /** u(1−u) π cosh s: multiply by the step of the level to get the rule's weight. */
  weight: number;
  /** s itself, for callers that map u further (log(u/(1−u)) = π sinh s exactly). */
  s: number;
}

/**
 * The nodes the trapezoidal rule with step 2^−level adds to the coarser levels, over s in [−S_MAX, S_MAX]: level 0
 * is every s = j (whole j), level k ≥ 1 the odd multiples of 2^−k. Nodes where u or 1 − u underflows to 0 carry no
 * weight and are left out.
 */
export function tanhSinhNodes(level: number): Node[] {
  if (!Number.isInteger(level) || level < 0 || level > MAX_LEVEL) throw new RangeError(`tanh-sinh level must be a whole number from 0 to ${MAX_LEVEL}; got ${level}`);
  const cached = levels[level];
  if (cached) return cached;
  const h = 2 ** -level;
  const nodes: Node[] = [];
  const limit = Math.floor(S_MAX / h);
  for (let j = -limit; j <= limit; j++) {
    if (level > 0 && j % 2 === 0) continue;
    const s = j * h;
    const v = Math.PI * Math.sinh(s);
    // u = 1/(1 + e^−v) and 1 − u = 1/(1 + e^v), each from its own exponential so neither loses digits near 0.
    const u = 1 / (1 + Math.exp(-v));
    const oneMinusU = 1 / (1 + Math.exp(v));
    const weight = u * oneMinusU * Math.PI * Math.cosh(s);
    if (u > 0 && oneMinusU > 0 && weight > 0) nodes.push({ u, oneMinusU, weight, s });
  }
  levels[level] = nodes;
  return nodes;
}

/**
 * |s| up to 4.5: there 1 − u (or u) is about 1e-60, beyond the reach of every integrand the models give (they are
 * bounded by a power of u(1−u) times an exponential cut-off).
 */
const S_MAX = 4.5;
/** Step 2^−7: 1,153 nodes in all, enough for integrands with peaks down to about 1% of the interval. */
export const MAX_LEVEL = 7;

const levels: (Node[] | undefined)[] = [];
