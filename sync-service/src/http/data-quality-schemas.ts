/**
 * TypeBox schemas of the data-quality routes (routes/data-quality), in the pattern of schemas.ts:
 * Fastify validates requests against them (nothing coerced), serialises answers by them, and
 * /openapi.json publishes them for the planner's Data Quality view.
 */
import { Type, type Static } from '@sinclair/typebox';
import { AUDIT_CATEGORIES } from '../audit/types.js';
import { DISPOSITION, MAX_EXAMPLES, ORG_CATEGORY } from '../audit/org-audit.js';
import { SfId } from './schemas.js';

/** Account ids per action request: ten sObject Collections writes at most. */
export const MAX_ACTION_IDS = 2000;

export const ModelParams = Type.Object({ modelId: SfId }, { additionalProperties: false });
export type ModelParams = Static<typeof ModelParams>;

const Category = Type.Union(
    [...AUDIT_CATEGORIES, ...Object.values(ORG_CATEGORY)].map((c) => Type.Literal(c)),
    { description: 'README "territory audit" and "Data quality in the org"' }
);
const Disposition = Type.Union(
    Object.values(DISPOSITION).map((d) => Type.Literal(d)),
    {
        description:
            "What the next plan does with the account: placed at its postal code's centre, excluded (left out, keeps its territory) or flagged (planned as it is)"
    }
);
const Dispositions = Type.Object({
    placed_by_postal_code: Type.Integer(),
    excluded: Type.Integer(),
    flagged: Type.Integer()
});

export const AuditAccepted = Type.Object({ modelId: Type.String(), jobId: Type.String() });

export const AuditQuery = Type.Object(
    {
        examples: Type.Optional(
            Type.String({
                pattern: '^[0-9]{1,3}$',
                description: `examples per category and duplicate groups, 0–${MAX_EXAMPLES} (default 10)`
            })
        ),
        scenarioId: Type.Optional({
            ...SfId,
            description: "the audit run before this scenario's generation instead of the latest"
        })
    },
    { additionalProperties: false }
);
export type AuditQuery = Static<typeof AuditQuery>;

export const AuditResultSchema = Type.Object(
    {
        modelId: Type.String(),
        auditedAt: Type.String({ format: 'date-time' }),
        accounts: Type.Integer(),
        coordinates: Type.Object({
            missing: Type.Integer(),
            placedByPostalCode: Type.Integer(),
            excluded: Type.Integer()
        }),
        headline: Type.String({
            description:
                "e.g. '83 accounts lack coordinates: 71 placed by postal code, 12 excluded.'"
        }),
        plan: Dispositions,
        categories: Type.Array(
            Type.Object({
                category: Category,
                count: Type.Integer(),
                dispositions: Dispositions,
                suggestion: Type.String(),
                examples: Type.Array(
                    Type.Object({
                        accountId: Type.String(),
                        name: Type.String(),
                        message: Type.String(),
                        disposition: Disposition
                    })
                )
            })
        ),
        duplicates: Type.Object({
            groups: Type.Integer(),
            examples: Type.Array(
                Type.Object({
                    accountIds: Type.Array(Type.String()),
                    names: Type.Array(Type.String()),
                    mergeUrl: Type.String({
                        description:
                            "Salesforce's account merge screen with the group's first three accounts selected (relative to the org's domain)"
                    })
                })
            )
        }),
        skipped: Type.Array(Type.String())
    },
    { $id: 'DataAudit' }
);

const AccountIds = Type.Array(SfId, { minItems: 1, maxItems: MAX_ACTION_IDS, uniqueItems: true });

export const GeocodeBody = Type.Object({ accountIds: AccountIds }, { additionalProperties: false });
export type GeocodeBody = Static<typeof GeocodeBody>;

const Failed = Type.Array(
    Type.Object({ accountId: Type.String(), errorCode: Type.String(), message: Type.String() })
);

export const GeocodeResult = Type.Object({
    written: Type.Array(
        Type.Object({
            accountId: Type.String(),
            postalCode: Type.String(),
            latitude: Type.Number(),
            longitude: Type.Number()
        })
    ),
    skipped: Type.Array(
        Type.Object({
            accountId: Type.String(),
            reason: Type.Union([Type.Literal('has_coordinates'), Type.Literal('no_postal_code')]),
            message: Type.String()
        })
    ),
    failed: Failed
});

export const ExcludeBody = Type.Object(
    { accountIds: AccountIds, excluded: Type.Boolean() },
    { additionalProperties: false }
);
export type ExcludeBody = Static<typeof ExcludeBody>;

export const ExcludeResult = Type.Object({
    updated: Type.Array(Type.String()),
    failed: Failed
});
