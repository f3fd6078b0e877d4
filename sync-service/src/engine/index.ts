/** Public API of the balancing engine (ARCHITECTURE.md "Engine"). */
export type {
    BalanceOptions,
    BalanceResult,
    EngineAccount,
    EngineRep,
    HullOverlapMetrics,
    NewRepPatch,
    PlanMetrics,
    PlanReport,
    ProgressEvent,
    RepMetrics
} from './types.js';
export type { ColumnarAccounts, ColumnarReps } from './metrics.js';
export {
    balance,
    balanceColumnar,
    measurePlan,
    EngineInputError,
    DEFAULT_TOLERANCE
} from './balance.js';
export { accountKind, measureColumnar } from './metrics.js';
