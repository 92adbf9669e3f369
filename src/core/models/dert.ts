/**
 * Discounted expected residual transactions (DERT): the present value, in transactions, of everything a customer
 * with history (x, t_x, T) will still buy. Times margin × expected spend it is her residual lifetime value.
 *
 * Discount conventions (the cell functions take the rate as an argument; discount.ts converts an annual rate):
 * - BG/NBD, MBG/NBD and Pareto/NBD, in continuous time: a continuously compounded rate δ per unit of time (the unit
 *   the model was fitted in), a purchase at T + τ counting e^(−δτ):  DERT = E[∫₀^∞ e^(−δτ) dX(T, T+τ)].
 *   Fader, Hardie & Lee (2005, "RFM and CLV: using iso-value curves", JMR 42) use 15% a year as δ = 0.0027 a week.
 * - BG/BB, in opportunities: a rate d per opportunity, a transaction at opportunity n + k counting (1 + d)^(−k),
 *   k ≥ 1 (Fader, Hardie & Shang 2010, eq. 14; BTYD's bgbb.DERT).
 * (sBG's residual lifetime, sbgDerl in ./sbg, takes d per period and counts the coming renewal undiscounted, as
 * Fader & Hardie 2010, "Customer-base valuation in a contractual setting", eq. 6.)
 *
 * With no discounting (rate 0) the DERT is the expected number of all future transactions, finite only when the
 * drop-out process makes lifetimes short enough (Pareto/NBD s > 1, BG/NBD a > 1, BG/BB γ > 1): otherwise a
 * RangeError says so, as sbgDerl does, rather than Infinity in a cell.
 */
import { MAX_LEVEL, tanhSinhNodes, type Node } from '../quadrature';
import { logHyp2f1, logHyp2f1Along, scaledExpint } from '../special';
import type { BetaGeoParams } from './betageo';
import { bgbbPAlive, checkBgBbRow, type BgBbParams } from './bgbb';
import { checkHistory, checkPositiveParams, groupByPair, LimitError } from './common';
import { said } from '../i18n/said';
import type { BetaGeoVariant, Histories } from './counts';
import { paretonbd, type ParetoNbdParams } from './paretonbd';
import { sbgDerl } from './sbg';

/**
 * Pareto/NBD: FHL 2005 eq. 2. Alive at T, the customer buys at rate λ ~ Gamma(r+x, α+T) until she drops out at
 * rate μ ~ Gamma(s, β+T), so DERT = P(alive) · E[λ] · E[1/(μ+δ)], and E[1/(μ+δ)] = ∫₀^∞ e^(−δτ) (β'/(β'+τ))^s dτ
 * = β' · e^z E_s(z) with β' = β + T and z = δβ' (the paper's α^r β^s δ^(s−1) Γ(r+x+1) Ψ(s, s; δ(β+T)) / (Γ(r)
 * (α+T)^(r+x+1) L) is the same number: Ψ(s, s; z) = z^(1−s) Ψ(1, 2−s; z) = z^(1−s) e^z E_s(z)).
 */
export function paretoNbdDert(params: ParetoNbdParams, delta: number, customers: Histories): Float64Array {
  const label = 'Pareto/NBD';
  checkPositiveParams(label, ['r', 'alpha', 's', 'beta'], params);
  checkRate(label, delta, 'continuous discount rate δ per unit of time');
  const { r, alpha, s, beta } = params;
  if (delta === 0 && s <= 1) throw infinite(label, `s = ${round(s)}`);
  const predictor = paretonbd.predictor(params);
  const { frequency: xs, recency: txs, T: Ts } = checkedHistories(label, customers);
  const out = new Float64Array(xs.length);
  for (let c = 0; c < xs.length; c++) {
    const bT = beta + Ts[c];
    const survival = bT * scaledExpint(s, delta * bT); // E[1/(μ+δ)] given alive at T
    out[c] = predictor.pAlive(xs[c], txs[c], Ts[c]) * ((r + xs[c]) / (alpha + Ts[c])) * survival;
  }
  return out;
}

/**
 * BG/BB: FHS 2010 eq. 14. Alive at n, the customer transacts with probability E[p] = (α+x)/(α+β+n) at each
 * opportunity she is alive for, and survives k more with probability B(γ, δ+n+k)/B(γ, δ+n): the sBG of (γ, δ+n).
 * So DERT = P(alive at n) · (α+x)/(α+β+n) · Σ_{k≥1} S'(k)/(1+d)^k, and that sum is sbgDerl(γ, δ+n; period 1; d)
 * /(1+d) — the paper's B(γ, δ+n+1)/B(γ, δ+n) · ₂F₁(1, δ+n+1; γ+δ+n+1; 1/(1+d))/(1+d).
 */
export function bgbbDert(params: BgBbParams, d: number, customers: Histories): Float64Array {
  const label = 'BG/BB';
  checkPositiveParams(label, ['alpha', 'beta', 'gamma', 'delta'], params);
  checkRate(label, d, 'discount rate d per opportunity');
  const { alpha, beta, gamma, delta } = params;
  if (d === 0 && gamma <= 1) throw infinite(label, `gamma = ${round(gamma)}`);
  const { frequency: xs, recency: txs, T: ns } = customers;
  if (txs.length !== xs.length || ns.length !== xs.length) throw new RangeError(`${label}: frequency, recency and T must have the same length`);
  const out = new Float64Array(xs.length);
  for (let c = 0; c < xs.length; c++) {
    const x = xs[c];
    const n = ns[c];
    checkBgBbRow(x, txs[c], n, c);
    const future = sbgDerl({ alpha: gamma, beta: delta + n }, 1, d) / (1 + d);
    out[c] = bgbbPAlive(params, x, txs[c], n, 0) * ((alpha + x) / (alpha + beta + n)) * future;
  }
  return out;
}

/**
 * BG/NBD and MBG/NBD. Alive at T, the customer buys at rate λ until her drop-out after a purchase; given λ and p her
 * purchase intensity τ later is λ e^(−λpτ), so DERT = P(alive) · E[λ/(λp + δ)] with λ ~ Gamma(r', α') and
 * p ~ Beta(a, b'), r' = r+x, α' = α+T, b' = b+x (+1 for MBG/NBD). That expectation has no closed form in common use.
 * Averaging the intensity over λ and p gives (r'/α')(1−u)^(r'+1) ₂F₁(r'+1, b'; a+b'; u) at u = τ/(α'+τ) (Euler's
 * integral, then Pfaff), and with τ = α'u/(1−u)
 *
 *     DERT/P(alive) = r' ∫₀¹ e^(−δα' u/(1−u)) (1−u)^(r'−1) ₂F₁(r'+1, b'; a+b'; u) du,
 *
 * a positive integrand cut off smoothly by the discounting: tanh-sinh quadrature (../quadrature) to 1e-9 between
 * two levels (the last level's error is far smaller). The ₂F₁ depends on x alone and the cut-off on T alone, so the
 * ₂F₁ is evaluated once per distinct frequency at every node (one continuation along the nodes beyond u = 1/2),
 * whatever the number of customers. Without discounting it is E[1/p] = (a+b'−1)/(a−1) when a > 1.
 */
export function betaGeoDert(variant: BetaGeoVariant, params: BetaGeoParams, delta: number, customers: Histories): Float64Array {
  const label = variant === 'bgnbd' ? 'BG/NBD' : 'MBG/NBD';
  checkPositiveParams(label, ['r', 'alpha', 'a', 'b'], params);
  checkRate(label, delta, 'continuous discount rate δ per unit of time');
  const shift = variant === 'bgnbd' ? 0 : 1;
  const { r, alpha, a, b } = params;
  if (delta === 0 && a <= 1) throw infinite(label, `a = ${round(a)}`);
  const { frequency: xs, recency: txs, T: Ts } = checkedHistories(label, customers);
  const out = new Float64Array(xs.length);
  const { groupOf, leaders } = groupByPair(xs, Ts);
  const aliveValue = new Float64Array(leaders.length);
  // Group the (x, T) pairs by x: the ₂F₁ at the nodes is shared by every age.
  const byFrequency = new Map<number, number[]>();
  leaders.forEach((c, g) => {
    const list = byFrequency.get(xs[c]);
    if (list) list.push(g);
    else byFrequency.set(xs[c], [g]);
  });
  for (const [x, groups] of byFrequency) {
    const bx = b + x + shift;
    if (delta === 0) {
      for (const g of groups) aliveValue[g] = (a + bx - 1) / (a - 1);
      continue;
    }
    const kappas = groups.map((g) => delta * (alpha + Ts[leaders[g]]));
    const values = aliveDert(r + x, a, bx, kappas);
    groups.forEach((g, i) => (aliveValue[g] = values[i]));
  }
  for (let c = 0; c < xs.length; c++) {
    const value = aliveValue[groupOf[c]];
    if (!Number.isFinite(value)) {
      throw new RangeError(`${label}: the discounted expected residual transactions of a customer with frequency ${xs[c]} could not be computed to full precision`);
    }
    out[c] = betaGeoPAlive(params, shift, xs[c], txs[c], Ts[c]) * value;
  }
  return out;
}

/** E[λ/(λp + δ)] for λ ~ Gamma(r, α), p ~ Beta(a, b), at each κ = δα (see betaGeoDert); NaN where unsettled. */
function aliveDert(r: number, a: number, b: number, kappas: readonly number[]): Float64Array {
  const m = kappas.length;
  const smallest = Math.min(...kappas);
  const peak = new Float64Array(m).fill(-Infinity);
  const sum = new Float64Array(m);
  const previous = new Float64Array(m).fill(NaN);
  const result = new Float64Array(m).fill(NaN);
  for (let level = 0; level <= MAX_LEVEL; level++) {
    // Nodes where even the smallest κ has cut the integrand off (e^−745 underflows) add nothing: left out, so the
    // ₂F₁ is not evaluated ever closer to u = 1 for nothing.
    const nodes = tanhSinhNodes(level).filter((node) => smallest * Math.exp(Math.PI * Math.sinh(node.s)) < CUT_OFF);
    const logF = logHyp2f1AtNodes(r + 1, b, a + b, nodes);
    nodes.forEach((node, i) => {
      const ratio = Math.exp(Math.PI * Math.sinh(node.s)); // u/(1−u), exactly
      const base = Math.log(node.weight) + (r - 1) * Math.log(node.oneMinusU) + logF[i];
      for (let j = 0; j < m; j++) {
        const term = base - kappas[j] * ratio;
        if (term > peak[j]) {
          sum[j] = sum[j] * Math.exp(peak[j] - term) + 1;
          peak[j] = term;
        } else sum[j] += Math.exp(term - peak[j]);
      }
    });
    let settled = level >= 3;
    for (let j = 0; j < m; j++) {
      const value = r * Math.exp(peak[j] + Math.log(sum[j]) - level * Math.LN2);
      if (!(Math.abs(value - previous[j]) <= 1e-9 * value)) settled = false;
      previous[j] = value;
      result[j] = value;
    }
    if (settled) return result;
  }
  return result.fill(NaN);
}

/** κ u/(1−u) beyond this makes e^(−κ u/(1−u)) underflow: the node adds nothing. */
const CUT_OFF = 745;

/**
 * log ₂F₁(a, b; c; u) at each node (in increasing u): the bounded series or continuation of special.ts up to
 * u = 1/2, and beyond one continuation along the nodes in their 1 − u, which keeps its digits where u rounds to 1.
 */
function logHyp2f1AtNodes(a: number, b: number, c: number, nodes: readonly Node[]): Float64Array {
  const out = new Float64Array(nodes.length);
  const far: number[] = [];
  nodes.forEach((node, i) => {
    if (node.u <= 0.5) out[i] = logHyp2f1(a, b, c, node.u);
    else far.push(i);
  });
  if (far.length === 0) return out;
  const oneMinusZ = Float64Array.from(far, (i) => nodes[i].oneMinusU);
  const logs = new Float64Array(far.length);
  if (logHyp2f1Along(a, b, c, oneMinusZ, logs)) far.forEach((i, k) => (out[i] = logs[k]));
  else for (const i of far) out[i] = logHyp2f1(a, b, c, nodes[i].u);
  return out;
}

function betaGeoPAlive(params: BetaGeoParams, shift: number, x: number, tx: number, T: number): number {
  const { r, alpha, a, b } = params;
  if (x + shift === 0) return 1;
  const logOdds = Math.log(a / (b + x + shift - 1)) + (r + x) * (Math.log(alpha + T) - Math.log(alpha + tx));
  return 1 / (1 + Math.exp(logOdds));
}

function checkedHistories(label: string, customers: Histories): Histories {
  const { frequency: xs, recency: txs, T: Ts } = customers;
  if (txs.length !== xs.length || Ts.length !== xs.length) throw new RangeError(`${label}: frequency, recency and T must have the same length`);
  for (let c = 0; c < xs.length; c++) checkHistory(label, xs[c], txs[c], Ts[c]);
  return customers;
}

function checkRate(label: string, rate: number, what: string): void {
  if (!(rate >= 0) || !Number.isFinite(rate)) throw new RangeError(`${label}: the ${what} must be a number ≥ 0; got ${rate}`);
}

function infinite(label: string, which: string): LimitError {
  return new LimitError(label, said('dert.infinite', { which }));
}

function round(v: number): string {
  return Number(v.toPrecision(4)).toString();
}
