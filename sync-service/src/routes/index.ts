/** Visit routes: travel times, single tours (exact and heuristic), their lower bound, visit plans. */
export { HELD_KARP_MAX_STOPS, heldKarp, tourCost } from './held-karp.js';
export type { Tour } from './held-karp.js';
export { oneTreeBound } from './one-tree.js';
export type { OneTreeBound, OneTreeOptions } from './one-tree.js';
export { visitPatterns } from './patterns.js';
export { GreatCircleTravelTime } from './travel-time.js';
export type {
    GreatCircleOptions,
    LatLon,
    RouteGeometry,
    TravelTable,
    TravelTimeProvider
} from './travel-time.js';
export { OsrmError, OsrmTravelTime, travelTimeProvider } from './osrm.js';
export type { OsrmOptions } from './osrm.js';
export { searchTour } from './tour-search.js';
export type { TourSearchOptions, TourSearchResult } from './tour-search.js';
export { DEFAULT_KICKS_PER_STOP, solveTour } from './tsp.js';
export type { SolveTourOptions, SolvedTour } from './tsp.js';
export { UnscheduledReason, planRepRoutes, sweepOrder } from './visit-plan.js';
export type {
    DayLowerBound,
    PlannedDay,
    RepRoutePlan,
    RepRouteProblem,
    RoutePlanOptions,
    UnscheduledVisits
} from './visit-plan.js';
