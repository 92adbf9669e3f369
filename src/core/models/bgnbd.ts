/**
 * BG/NBD: Fader, Hardie & Lee (2005), "'Counting your customers' the easy way: an alternative to the Pareto/NBD
 * model", Marketing Science 24(2), 275–284. Parameters r, alpha (purchase rate ~ Gamma(r, α)) and a, b (drop-out
 * probability after each repeat purchase ~ Beta(a, b)). The formulas live in ./betageo with MBG/NBD's.
 */
import { bgnbdModel, type BetaGeoParams } from './betageo';
export type BgNbdParams = BetaGeoParams;

export const bgnbd = bgnbdModel;
