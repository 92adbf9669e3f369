/**
 * MBG/NBD: Batislam, Denizel & Filiztekin (2007), "Empirical validation and comparison of models for customer base
 * analysis", International Journal of Research in Marketing 24(3), 201–209. As BG/NBD, but a customer may also drop
 * out right after her first purchase, so one who never came back is not assumed alive. The formulas live in
 * ./betageo with BG/NBD's.
 */
import { mbgnbdModel, type BetaGeoParams } from './betageo';
export type MbgNbdParams = BetaGeoParams;

export const mbgnbd = mbgnbdModel;
