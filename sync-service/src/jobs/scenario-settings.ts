/**
 * The settings a scenario is generated with (POST /v1/scenarios `settings`), as a TypeBox schema
 * so the HTTP route validates them and the job re-checks them before running (job data can be
 * written by other producers).
 */
import { Type, type Static } from '@sinclair/typebox';
import { Value } from '@sinclair/typebox/value';
import { BadInputError } from './salesforce-faults.js';

/** A Salesforce record id: 15 case-sensitive or 18 case-safe characters. */
const Id = Type.String({
    pattern: '^[a-zA-Z0-9]{15}(?:[a-zA-Z0-9]{3})?$',
    description: 'Salesforce id, 15 or 18 characters'
});

/**
 * Longest serialised settings (with the scope) a scenario can keep: Territory_Scenario__c.
 * Settings_JSON__c is a Long Text Area(131072). The lists are bounded below so a valid request
 * normally fits; the service also checks the serialised size before writing (413 when over).
 */
export const SETTINGS_MAX_CHARS = 131_072;
/** Most accounts a scenario locks one by one (5,000 18-character ids ≈ 105,000 characters). */
export const MAX_LOCKED_ACCOUNTS = 5000;
/** Most accounts a scenario pins to a named territory (accepted change requests). */
export const MAX_PINNED_ACCOUNTS = 500;

export const NewRepSchema = Type.Object(
    {
        name: Type.String({ minLength: 1, maxLength: 80 }),
        lat: Type.Number({ minimum: -90, maximum: 90 }),
        lon: Type.Number({ minimum: -180, maximum: 180 }),
        capacity: Type.Optional(Type.Number({ exclusiveMinimum: 0, maximum: 100 })),
        segment: Type.Optional(Type.String({ minLength: 1, maxLength: 80 }))
    },
    { additionalProperties: false }
);

/** A date YYYY-MM-DD (UTC). */
const DateString = Type.String({
    pattern: '^\\d{4}-\\d{2}-\\d{2}$',
    description: 'YYYY-MM-DD (UTC)'
});
const MeasureName = Type.String({ minLength: 1, maxLength: 80 });

/**
 * A measure from market data (issue 16, market-measures.ts), named so `balance` and `weights` can
 * use it: a market layer's values per postal code, or the leads created in [from, to) counted by
 * postal code (lead flow). Each ZIP code's value is split among its accounts (market/zip-measures.ts).
 */
export const MarketMeasureSchema = Type.Union([
    Type.Object({ name: MeasureName, layerId: Id }, { additionalProperties: false }),
    Type.Object(
        {
            name: MeasureName,
            leads: Type.Object(
                { from: DateString, to: DateString },
                { additionalProperties: false }
            )
        },
        { additionalProperties: false }
    )
]);
export type MarketMeasure = Static<typeof MarketMeasureSchema>;

export const ScenarioSettingsSchema = Type.Object(
    {
        balance: Type.Array(Type.String({ minLength: 1, maxLength: 80 }), {
            minItems: 1,
            maxItems: 10,
            uniqueItems: true,
            description: 'measures to balance, e.g. ["Potential","Workload","Count"]'
        }),
        weights: Type.Optional(
            Type.Record(Type.String({ minLength: 1 }), Type.Number({ minimum: 0, maximum: 1000 }))
        ),
        tolerance: Type.Optional(Type.Number({ exclusiveMinimum: 0, maximum: 1 })),
        disruptionWeight: Type.Optional(
            Type.Number({ minimum: 0, maximum: 1, description: '0 compact … 1 fewest changes' })
        ),
        addReps: Type.Optional(Type.Array(NewRepSchema, { maxItems: 500 })),
        removeRepIds: Type.Optional(Type.Array(Id, { maxItems: 5000 })),
        lockedAccountIds: Type.Optional(
            Type.Array(Id, {
                maxItems: MAX_LOCKED_ACCOUNTS,
                description: `at most ${MAX_LOCKED_ACCOUNTS} accounts; lock whole territories with lockedTerritoryIds beyond that`
            })
        ),
        lockedTerritoryIds: Type.Optional(Type.Array(Id, { maxItems: 5000 })),
        pinnedAccounts: Type.Optional(
            Type.Record(Id, Id, {
                maxProperties: MAX_PINNED_ACCOUNTS,
                additionalProperties: false,
                description:
                    "account id → territory id the scenario must put it in (a rep's change request the planner accepted); the account is held there like a locked one"
            })
        ),
        seed: Type.Optional(Type.Integer({ minimum: 0, maximum: 2_147_483_647 })),
        marketMeasures: Type.Optional(
            Type.Array(MarketMeasureSchema, {
                maxItems: 5,
                description:
                    'measures from market layers or lead flow, e.g. [{"name":"Market","layerId":"a0L…"}]'
            })
        ),
        units: Type.Optional(
            Type.Union([Type.Literal('auto'), Type.Literal('postal'), Type.Literal('account')], {
                description:
                    'auto (default): postal units where at least 80 % of the accounts carry a postal code; postal; account'
            })
        )
    },
    { additionalProperties: false }
);
export type ScenarioSettings = Static<typeof ScenarioSettingsSchema>;

export const ScopeSchema = Type.Object(
    {
        parentTerritoryId: Type.Optional(Id),
        segment: Type.Optional(Type.String({ minLength: 1, maxLength: 80 }))
    },
    { additionalProperties: false }
);
export type Scope = Static<typeof ScopeSchema>;

/** Re-validates settings read from job data; bad settings fail the job without retries. */
export function assertSettings(settings: unknown): ScenarioSettings {
    if (Value.Check(ScenarioSettingsSchema, settings)) return settings;
    const first = [...Value.Errors(ScenarioSettingsSchema, settings)][0];
    throw new BadInputError(
        `Invalid scenario settings: ${first ? `${first.path || '/'} ${first.message}` : 'unknown'}`
    );
}
