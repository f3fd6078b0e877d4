/**
 * The solver for one independent sub-problem (one segment): price-based location–allocation with
 * damped per-rep prices, then repair toward an inner tolerance band (single moves, then two-move
 * ejection chains), then balance-keeping border moves and swaps that win travel back. Everything
 * is columnar (typed arrays); no I/O; deterministic. Stages: ../README.md, "The solver's stages".
 */
export { solveSubProblem } from './solve.js';
export { toleranceBreaches } from './reach.js';
export type { Breach } from './reach.js';
export type { SubProblem, SubResult } from './types.js';
