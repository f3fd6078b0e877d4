/**
 * The settings a scenario is generated with (POST /v1/scenarios `settings`), as a TypeBox schema
 * so the HTTP route validates them and the job re-checks them before running (job data can be
 * written by other producers).
 */
import { Type, type Static } from '@sinclair/typebox';
import { Value } from '@sinclair/typebox/value';
import { BadInputError } from './salesforce-faults.js';

const Id = Type.String({ minLength: 1, maxLength: 64, pattern: '^[A-Za-z0-9_.:-]+$' });

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
        lockedAccountIds: Type.Optional(Type.Array(Id, { maxItems: 100_000 })),
        lockedTerritoryIds: Type.Optional(Type.Array(Id, { maxItems: 5000 })),
        seed: Type.Optional(Type.Integer({ minimum: 0, maximum: 2_147_483_647 })),
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
