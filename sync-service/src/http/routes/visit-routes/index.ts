/**
 * Visit routes (issue 15): plan the visits of a model's team, one `visit-routes` job per rep, and
 * read a rep's plan (days, stops in order with arrive/depart minutes, km, and the route's path:
 * the road with a routing engine, straight legs without). Planning needs the token's `plan`
 * permission (it may write Events); reading does not.
 */
import type { FastifyInstance } from 'fastify';
import { Type, type Static } from '@sinclair/typebox';
import type { RouteSettings } from '../../../jobs/visit-routes.js';
import { badRequest } from '../../errors.js';
import { PERMISSIONS } from '../../plugins/auth.js';
import { SfId, errorResponses } from '../../schemas.js';
import type { VisitRoutesService } from '../../visit-routes-service.js';

const tags = ['visit routes'];
const security = [{ bearerAuth: [] }];

const FieldName = Type.String({
    pattern: '^[A-Za-z][A-Za-z0-9_]{0,79}$',
    description: 'Account field API name'
});
const Visits = Type.Integer({ minimum: 0, maximum: 60 });

const Frequency = Type.Union(
    [
        Type.Object(
            { visits: Visits },
            { additionalProperties: false, description: 'every account the same number of visits' }
        ),
        Type.Object(
            {
                field: FieldName,
                tiers: Type.Record(Type.String({ minLength: 1, maxLength: 255 }), Visits, {
                    maxProperties: 100
                }),
                default: Type.Optional(Visits)
            },
            {
                additionalProperties: false,
                description:
                    'visits by the value of a picklist or text field (e.g. Rating: Hot 4, Warm 2, Cold 1); unmapped or empty: `default` (1)'
            }
        ),
        Type.Object(
            { field: FieldName, default: Type.Optional(Visits) },
            {
                additionalProperties: false,
                description:
                    'visits from a numeric field (whole numbers ≥ 0; empty: `default`, 1 unless given)'
            }
        )
    ],
    { description: 'visits per account in the period, each on a different day (default 1 each)' }
);

export const RoutesBody = Type.Object(
    {
        days: Type.Optional(Type.Integer({ minimum: 1, maximum: 60, description: 'default 5' })),
        dayMinutes: Type.Optional(
            Type.Number({
                minimum: 0,
                maximum: 1440,
                description: 'driving plus visits per day, default 480; 0 = no limit'
            })
        ),
        visitMinutes: Type.Optional(
            Type.Number({ minimum: 0, maximum: 600, description: 'default 45' })
        ),
        frequency: Type.Optional(Frequency),
        repIds: Type.Optional(
            Type.Array(SfId, {
                minItems: 1,
                maxItems: 5000,
                uniqueItems: true,
                description: 'only these reps of the model (default: every rep with a territory)'
            })
        ),
        writeEvents: Type.Optional(
            Type.Boolean({
                description:
                    "write each visit as an Event (owner the rep, related to the account); replaces only the service's own Events in the window, never the rep's. Needs startDate"
            })
        ),
        startDate: Type.Optional(
            Type.String({
                pattern: '^[0-9]{4}-[0-9]{2}-[0-9]{2}$',
                description: 'first working day (YYYY-MM-DD); days are the weekdays from it'
            })
        ),
        dayStart: Type.Optional(
            Type.String({
                pattern: '^([01][0-9]|2[0-3]):[0-5][0-9]$',
                description: 'local start of the working day, default 08:00'
            })
        ),
        utcOffsetMinutes: Type.Optional(
            Type.Integer({
                minimum: -720,
                maximum: 840,
                description: "the reps' offset from UTC in minutes, default 0"
            })
        )
    },
    { additionalProperties: false }
);
export type RoutesBody = Static<typeof RoutesBody>;

const ModelParams = Type.Object({ modelId: SfId }, { additionalProperties: false });
type ModelParams = Static<typeof ModelParams>;
const RepParams = Type.Object({ modelId: SfId, repId: SfId }, { additionalProperties: false });
type RepParams = Static<typeof RepParams>;

const RoutesAccepted = Type.Object({
    modelId: Type.String(),
    runId: Type.String(),
    jobs: Type.Array(Type.Object({ repId: Type.String(), jobId: Type.String() }))
});

const LatLonSchema = Type.Object({ lat: Type.Number(), lon: Type.Number() });
const Stop = Type.Object({
    seq: Type.Integer(),
    accountId: Type.String(),
    accountName: Type.String(),
    lat: Type.Number(),
    lon: Type.Number(),
    arriveMinute: Type.Number({ description: 'minutes from the start of the day' }),
    departMinute: Type.Number(),
    legKm: Type.Number({ description: 'from the previous stop or home' })
});
const Day = Type.Object({
    day: Type.Integer(),
    date: Type.Union([Type.String(), Type.Null()]),
    km: Type.Number(),
    driveMinutes: Type.Number(),
    visitMinutes: Type.Number(),
    stops: Type.Array(Stop),
    path: Type.Array(Type.Array(Type.Number(), { minItems: 2, maxItems: 2 }), {
        description: '[lat, lon] from home through the stops and back home'
    })
});
const SettingsSchema = Type.Object({
    days: Type.Integer(),
    dayMinutes: Type.Number(),
    visitMinutes: Type.Number(),
    frequency: Frequency,
    writeEvents: Type.Boolean(),
    startDate: Type.Optional(Type.String()),
    dayStart: Type.String(),
    utcOffsetMinutes: Type.Integer()
});
const RoutePlanSchema = Type.Object({
    modelId: Type.String(),
    repId: Type.String(),
    repName: Type.Union([Type.String(), Type.Null()]),
    runId: Type.String(),
    plannedAt: Type.String(),
    settings: SettingsSchema,
    travelTime: Type.String({ description: "'osrm' or 'great-circle'" }),
    geometry: Type.Union([Type.Literal('road'), Type.Literal('straight')]),
    home: LatLonSchema,
    days: Type.Array(Day),
    unscheduled: Type.Array(
        Type.Object({
            accountId: Type.String(),
            accountName: Type.String(),
            visits: Type.Integer(),
            reason: Type.String(),
            message: Type.String()
        })
    ),
    summary: Type.Object({
        accounts: Type.Integer(),
        visitsRequested: Type.Integer(),
        visitsScheduled: Type.Integer(),
        km: Type.Number(),
        driveMinutes: Type.Number(),
        visitMinutes: Type.Number(),
        estimatedPairs: Type.Integer(),
        work: Type.Number(),
        timeLimitReached: Type.Boolean()
    }),
    events: Type.Union([
        Type.Object({
            inserted: Type.Integer(),
            deleted: Type.Integer(),
            failed: Type.Array(
                Type.Object({
                    accountId: Type.Optional(Type.String()),
                    eventId: Type.Optional(Type.String()),
                    errorCode: Type.String(),
                    message: Type.String()
                })
            )
        }),
        Type.Null()
    ])
});

/** The body with its defaults, after the checks JSON Schema cannot express. */
export function routeSettings(body: RoutesBody): RouteSettings {
    if (body.startDate !== undefined) {
        const d = new Date(`${body.startDate}T00:00:00Z`);
        if (!Number.isFinite(d.getTime()) || d.toISOString().slice(0, 10) !== body.startDate)
            throw badRequest(`body/startDate '${body.startDate}' is not a calendar date`);
    }
    if (body.writeEvents && body.startDate === undefined)
        throw badRequest('body/startDate is required with writeEvents: Events need a date');
    return {
        days: body.days ?? 5,
        dayMinutes: body.dayMinutes ?? 480,
        visitMinutes: body.visitMinutes ?? 45,
        frequency: body.frequency ?? { visits: 1 },
        writeEvents: body.writeEvents ?? false,
        ...(body.startDate !== undefined ? { startDate: body.startDate } : {}),
        dayStart: body.dayStart ?? '08:00',
        utcOffsetMinutes: body.utcOffsetMinutes ?? 0
    };
}

export default async function visitRoutes(
    app: FastifyInstance,
    { routes }: { routes: VisitRoutesService }
) {
    app.post<{ Params: ModelParams; Body: RoutesBody }>(
        '/v1/models/:modelId/routes',
        {
            config: { permission: PERMISSIONS.plan },
            schema: {
                tags,
                security,
                summary: "Plan the visits of the model's reps (one visit-routes job per rep)",
                description:
                    "Needs the token's `plan` permission. Each rep's visits over `days` working days: every day starts and ends at the rep's home, fits `dayMinutes`, and visits each account as often as `frequency` says, on different days. Poll GET /v1/jobs/{jobId}; each rep's plan is then at GET /v1/models/{modelId}/routes/{repId}. Travel times come from the OSRM server in ROUTING_URL, else the offline model.",
                params: ModelParams,
                body: RoutesBody,
                response: {
                    202: RoutesAccepted,
                    ...errorResponses(400, 401, 403, 404, 409, 413, 429, 503)
                }
            }
        },
        async (request, reply) =>
            reply
                .code(202)
                .send(
                    await routes.plan(
                        request.params.modelId,
                        routeSettings(request.body),
                        request.body.repIds
                    )
                )
    );

    app.get<{ Params: RepParams }>(
        '/v1/models/:modelId/routes/:repId',
        {
            schema: {
                tags,
                security,
                summary: "A rep's visit plan",
                description:
                    'Days with their stops in visiting order (arrive and depart minutes from the start of the day, km from the previous stop), km and minutes per day, the path to draw (road geometry with OSRM, else straight legs), unscheduled visits and why. 404 when no plan was made in the last 14 days.',
                params: RepParams,
                response: { 200: RoutePlanSchema, ...errorResponses(400, 401, 404, 429, 503) }
            }
        },
        async (request) => routes.result(request.params.modelId, request.params.repId)
    );
}
