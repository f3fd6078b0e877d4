/**
 * TypeBox schemas of the HTTP API (ARCHITECTURE.md "Service HTTP API"); Fastify validates every
 * request against them and @fastify/swagger publishes them in /openapi.json.
 */
import { Type, type Static } from '@sinclair/typebox';
import { ScenarioSettingsSchema, ScopeSchema } from '../jobs/scenario-settings.js';
import { SCENARIO_SOURCES, SCENARIO_STATUSES } from '../jobs/gateway.js';
import { badRequest } from './errors.js';

export const ErrorSchema = Type.Object(
    { statusCode: Type.Integer(), error: Type.String(), message: Type.String() },
    { $id: 'Error', description: 'Every error answer' }
);

/** Salesforce ids: 15 case-sensitive or 18 case-safe characters (the local org issues the same). */
export const SfId = Type.String({
    pattern: '^[a-zA-Z0-9]{15}(?:[a-zA-Z0-9]{3})?$',
    description: 'Salesforce id, 15 or 18 characters'
});

export const IdParams = Type.Object({ id: SfId });
export type IdParams = Static<typeof IdParams>;

export const CreateScenarioBody = Type.Object(
    {
        modelId: SfId,
        name: Type.String({ minLength: 1, maxLength: 80 }),
        scope: Type.Optional(ScopeSchema),
        settings: ScenarioSettingsSchema
    },
    { additionalProperties: false }
);
export type CreateScenarioBody = Static<typeof CreateScenarioBody>;

export const JobAccepted = Type.Object({ scenarioId: Type.String(), jobId: Type.String() });

const Status = Type.Union(SCENARIO_STATUSES.map((s) => Type.Literal(s)));
const Source = Type.Union(SCENARIO_SOURCES.map((s) => Type.Literal(s)));

export const Progress = Type.Object({ percent: Type.Number(), stage: Type.String() });

export const ScenarioSummary = Type.Object({
    id: Type.String(),
    name: Type.String(),
    status: Status,
    source: Source,
    modelId: Type.String(),
    maxDeviation: Type.Optional(Type.Number()),
    totalTravelKm: Type.Optional(Type.Number()),
    accountsMoved: Type.Optional(Type.Number()),
    repsAffected: Type.Optional(Type.Number()),
    summary: Type.Optional(Type.String()),
    jobId: Type.Optional(Type.String()),
    effectiveDate: Type.Optional(Type.String()),
    createdAt: Type.Optional(Type.String())
});

export const ScenarioDetail = Type.Composite([
    ScenarioSummary,
    Type.Object({
        settings: Type.Record(Type.String(), Type.Unknown()),
        metrics: Type.Optional(Type.Record(Type.String(), Type.Unknown())),
        progress: Type.Optional(Progress),
        appliedBy: Type.Optional(Type.String()),
        appliedAt: Type.Optional(Type.String()),
        error: Type.Optional(Type.String())
    })
]);

export const ListQuery = Type.Object({ modelId: SfId }, { additionalProperties: false });
export type ListQuery = Static<typeof ListQuery>;

/**
 * Query strings are strings: nothing is coerced (app.ts turns ajv's coercion off), so numbers and
 * booleans are written as digits and true/false and read by `parseAssignmentsQuery`.
 */
export const AssignmentsQuery = Type.Object(
    {
        page: Type.Optional(
            Type.String({ pattern: '^[0-9]{1,9}$', description: 'page number, from 1 (default 1)' })
        ),
        pageSize: Type.Optional(
            Type.String({
                pattern: '^[0-9]{1,9}$',
                description: 'rows per page, 1–5000 (default 500)'
            })
        ),
        movedOnly: Type.Optional(
            Type.String({ pattern: '^(true|false)$', description: 'true: moved accounts only' })
        )
    },
    { additionalProperties: false }
);
export type AssignmentsQuery = Static<typeof AssignmentsQuery>;

/** A page request, read from the query string. */
export interface AssignmentsPageRequest {
    page: number;
    pageSize: number;
    movedOnly: boolean;
}

/** Reads the query's numbers; a 400 names the parameter out of range. */
export function parseAssignmentsQuery(query: AssignmentsQuery): AssignmentsPageRequest {
    const int = (name: 'page' | 'pageSize', fallback: number, min: number, max: number) => {
        const raw = query[name];
        if (raw === undefined) return fallback;
        const value = Number(raw);
        if (value < min) throw badRequest(`querystring/${name} must be >= ${min}`);
        if (value > max) throw badRequest(`querystring/${name} must be <= ${max}`);
        return value;
    };
    return {
        page: int('page', 1, 1, 1_000_000),
        pageSize: int('pageSize', 500, 1, 5000),
        movedOnly: query.movedOnly === 'true'
    };
}

export const AssignmentRow = Type.Object({
    accountId: Type.String(),
    territoryId: Type.String(),
    repId: Type.String(),
    previousTerritoryId: Type.String()
});

export const AssignmentsPage = Type.Object({
    page: Type.Integer(),
    pageSize: Type.Integer(),
    total: Type.Integer(),
    items: Type.Array(AssignmentRow)
});

export const CompareQuery = Type.Object(
    {
        a: Type.Union([Type.Literal('current'), SfId], {
            description: 'scenario id, or "current" for the applied plan'
        }),
        b: SfId
    },
    { additionalProperties: false }
);
export type CompareQuery = Static<typeof CompareQuery>;

/** At most this many engine notes per side of a comparison, each at most this long. */
export const COMPARE_WARNINGS = 5;
export const COMPARE_WARNING_CHARS = 1000;

const Figures = Type.Object({
    id: Type.String(),
    name: Type.String(),
    maxDeviation: Type.Number(),
    deviationByMeasure: Type.Record(Type.String(), Type.Number()),
    withinTolerance: Type.Boolean(),
    travelKm: Type.Number(),
    accountsMoved: Type.Integer(),
    unassigned: Type.Integer(),
    reps: Type.Integer(),
    warnings: Type.Optional(
        Type.Array(Type.String({ maxLength: COMPARE_WARNING_CHARS }), {
            maxItems: COMPARE_WARNINGS,
            description:
                "a scenario's notes from the engine when it was generated: why the tolerance was not reached and the best deviation, accounts placed outside the units (none for the current plan)"
        })
    )
});

/** Why an account moved (jobs/change-report.ts explainMoves). */
const MoveReason = Type.Object({
    code: Type.Union(
        [
            'unassigned',
            'rep-left',
            'locked',
            'new-rep',
            'named',
            'unit',
            'over-target',
            'under-target',
            'closer',
            'rebalancing'
        ].map((c) => Type.Literal(c))
    ),
    measure: Type.Optional(Type.String()),
    deviation: Type.Optional(Type.Number()),
    postalCode: Type.Optional(Type.String()),
    unitAccounts: Type.Optional(Type.Integer()),
    fromKm: Type.Optional(Type.Number()),
    toKm: Type.Optional(Type.Number())
});

export const CompareResult = Type.Object({
    measures: Type.Array(Type.String()),
    a: Figures,
    b: Figures,
    diff: Type.Object({
        maxDeviation: Type.Number(),
        travelKm: Type.Number(),
        accountsMoved: Type.Integer()
    }),
    movedAccounts: Type.Object({
        total: Type.Integer(),
        items: Type.Array(
            Type.Object({
                accountId: Type.String(),
                from: Type.Union([Type.String(), Type.Null()]),
                to: Type.String(),
                reason: MoveReason
            })
        )
    }),
    repChanges: Type.Array(
        Type.Object({
            territoryId: Type.String(),
            territoryName: Type.String(),
            repId: Type.Optional(Type.String()),
            repName: Type.Optional(Type.String()),
            accountsBefore: Type.Integer(),
            accountsAfter: Type.Integer(),
            gained: Type.Integer(),
            lost: Type.Integer(),
            before: Type.Record(Type.String(), Type.Number()),
            after: Type.Record(Type.String(), Type.Number())
        })
    ),
    /**
     * Models above the planner's account limit for its map (10,000): each postal unit's territory
     * (unit key `segment|postal code` → territory key) in plan B, and in plan A when it is a
     * scenario, for the `limit` units with most accounts (jobs/unit-assignment.ts).
     */
    unitAssignments: Type.Optional(
        Type.Object({
            limit: Type.Integer(),
            truncated: Type.Boolean(),
            a: Type.Optional(Type.Record(Type.String(), Type.String())),
            b: Type.Record(Type.String(), Type.String())
        })
    )
});

/** A calendar day, YYYY-MM-DD. */
const Day = Type.String({ pattern: '^[0-9]{4}-(0[1-9]|1[0-2])-(0[1-9]|[12][0-9]|3[01])$' });

export const ApproveBody = Type.Object(
    {
        effectiveDate: Type.Optional(
            Type.String({
                ...Day,
                description:
                    'YYYY-MM-DD (default today, UTC): the apply waits until this day starts (00:00 UTC); until then the scenario is Approved and its reps see the pending change'
            })
        ),
        approvedBy: Type.Optional(
            Type.String({
                minLength: 1,
                maxLength: 64,
                description:
                    "Optional, and only ever the caller: the approver is the token's subject (sub); another user id answers 403"
            })
        )
    },
    { additionalProperties: false }
);
export type ApproveBody = Static<typeof ApproveBody>;

export const RolloutQuery = Type.Object(
    { territoryId: Type.Optional(SfId) },
    { additionalProperties: false }
);
export type RolloutQuery = Static<typeof RolloutQuery>;

export const PendingRolloutQuery = Type.Object(
    { territoryId: SfId },
    { additionalProperties: false }
);
export type PendingRolloutQuery = Static<typeof PendingRolloutQuery>;
export const ModelIdParams = Type.Object({ modelId: SfId });
export type ModelIdParams = Static<typeof ModelIdParams>;

const Nullable = <T extends Parameters<typeof Type.Union>[0][number]>(t: T) =>
    Type.Union([t, Type.Null()]);

const RolloutAccount = Type.Object({
    accountId: Type.String(),
    potential: Type.Number(),
    workload: Type.Number(),
    otherTerritoryId: Nullable(Type.String()),
    otherTerritoryName: Nullable(Type.String())
});

export const RepRollout = Type.Object({
    territoryId: Type.String(),
    territoryName: Type.String(),
    repId: Type.Optional(Type.String()),
    repName: Type.Optional(Type.String()),
    accountsBefore: Type.Integer(),
    accountsAfter: Type.Integer(),
    gained: Type.Integer(),
    lost: Type.Integer(),
    before: Type.Record(Type.String(), Type.Number()),
    after: Type.Record(Type.String(), Type.Number()),
    travelKmBefore: Type.Number(),
    travelKmAfter: Type.Number(),
    gainedAccounts: Type.Array(RolloutAccount),
    lostAccounts: Type.Array(RolloutAccount),
    truncated: Type.Boolean()
});

export const RolloutResult = Type.Object({
    scenarioId: Type.String(),
    name: Type.String(),
    status: Status,
    effectiveDate: Nullable(Type.String()),
    appliedAt: Nullable(Type.String()),
    measures: Type.Array(Type.String()),
    affectedReps: Type.Integer(),
    reps: Type.Array(RepRollout)
});

export const PendingRolloutResult = Type.Object({
    pending: Nullable(
        Type.Object({
            scenarioId: Type.String(),
            name: Type.String(),
            status: Status,
            state: Type.Union([Type.Literal('pending'), Type.Literal('applied')]),
            effectiveDate: Nullable(Type.String()),
            appliedAt: Nullable(Type.String()),
            territoryId: Type.String(),
            territoryName: Type.String(),
            repId: Nullable(Type.String()),
            repName: Nullable(Type.String()),
            gained: Type.Integer(),
            lost: Type.Integer()
        })
    )
});

export const JobStatus = Type.Object({
    id: Type.String(),
    queue: Type.String(),
    state: Type.String(),
    progress: Progress,
    result: Type.Optional(Type.Unknown()),
    failedReason: Type.Optional(Type.String()),
    attemptsMade: Type.Integer()
});

export const Cancelled = Type.Object({ id: Type.String(), state: Type.String() });

/** Standard error answers, added to each route's `response`. */
export const errorResponses = (...codes: number[]) =>
    Object.fromEntries(codes.map((c) => [c, ErrorSchema]));

const TradeOffPoint = Type.Object({
    disruptionWeight: Type.Number(),
    travelKm: Type.Number(),
    accountsMoved: Type.Integer(),
    maxDeviation: Type.Number(),
    withinTolerance: Type.Optional(Type.Boolean())
});

export const TradeOffResult = Type.Object({
    scenarioId: Type.String(),
    name: Type.String(),
    status: Status,
    settings: Type.Record(Type.String(), Type.Unknown()),
    point: Type.Union([TradeOffPoint, Type.Null()], {
        description: "the scenario's own figures (null before it was generated)"
    }),
    ends: Type.Union(
        [
            Type.Object({
                computedAt: Type.String(),
                current: Type.Object({ travelKm: Type.Number(), maxDeviation: Type.Number() }),
                compact: TradeOffPoint,
                fewestChanges: TradeOffPoint
            }),
            Type.Null()
        ],
        { description: 'both ends, generated on one pull (null until computed)' }
    ),
    job: Type.Optional(
        Type.Object({
            id: Type.String(),
            state: Type.String(),
            progress: Type.Optional(Progress),
            failedReason: Type.Optional(Type.String())
        })
    )
});
