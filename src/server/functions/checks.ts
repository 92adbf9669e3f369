/**
 * Cell functions that check the purchase models against what customers actually did after a calibration date.
 * Every export of this file is a public cell function (index.ts exports them all).
 */
export {};
