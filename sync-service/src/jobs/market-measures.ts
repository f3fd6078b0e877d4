/**
 * Market data as measures of a plan (settings.marketMeasures): the job context's gateway is
 * wrapped so every pull of the plan's accounts (the generate job, its segment children, the
 * trade-off ends) carries the extra measures, read once per job from the org (a layer's file,
 * or the leads of the period). The processors stay unaware of where a measure comes from.
 */
import { countByZip, withZipMeasure } from '../market/zip-measures.js';
import { withPullPlan, type JobContext } from './context.js';
import type { PlannerGateway, PlanSnapshot } from './gateway.js';
import type { MarketSource } from './market-source.js';
import { BadInputError } from './salesforce-faults.js';
import type { MarketMeasure } from './scenario-settings.js';

/** The values per ZIP code of one market measure. */
export async function marketMeasureValues(
    source: MarketSource,
    measure: MarketMeasure
): Promise<Map<string, number>> {
    if ('leads' in measure) {
        const { from, to } = measure.leads;
        if (from >= to)
            throw new BadInputError(
                `marketMeasures '${measure.name}': leads.from (${from}) must be before leads.to (${to})`
            );
        const counts = countByZip(await source.leadPostalCodes(from, to));
        counts.delete(''); // leads without a readable ZIP code belong to no area
        return counts;
    }
    const layer = await source.loadLayer(measure.layerId);
    if (!layer)
        throw new BadInputError(
            `marketMeasures '${measure.name}': layer ${measure.layerId} does not exist (GET /v1/layers lists them)`
        );
    if (layer.record.kind !== 'postal_values')
        throw new BadInputError(
            `marketMeasures '${measure.name}': layer ${measure.layerId} is a points layer; balance on a layer of values per postal code`
        );
    const values = new Map<string, number>();
    for (const f of layer.features)
        if (f.properties.postalCode && f.properties.value !== undefined)
            values.set(f.properties.postalCode, f.properties.value);
    return values;
}

/** The job context whose plan pulls carry the settings' market measures (or `ctx` unchanged). */
export function withMarketMeasures(
    ctx: JobContext,
    settings: unknown,
    source: MarketSource | undefined
): JobContext {
    const measures = (settings as { marketMeasures?: MarketMeasure[] } | undefined)?.marketMeasures;
    if (!measures || measures.length === 0) return ctx;
    let loaded: Promise<Map<string, number>[]> | undefined;
    const pullPlan: PlannerGateway['pullPlan'] = async (modelId, scope) => {
        if (!source)
            throw new BadInputError(
                'marketMeasures need the market source: this worker was started without one'
            );
        loaded ??= Promise.all(measures.map((m) => marketMeasureValues(source, m)));
        const [snapshot, values] = await Promise.all([
            ctx.gateway.pullPlan(modelId, scope),
            loaded
        ]);
        return withMeasureValues(snapshot, measures, values);
    };
    return withPullPlan(ctx, pullPlan);
}

/** The snapshot with each market measure's values (per ZIP code, `values[k]` for `measures[k]`). */
export function withMeasureValues(
    snapshot: PlanSnapshot,
    measures: readonly MarketMeasure[],
    values: readonly ReadonlyMap<string, number>[]
): PlanSnapshot {
    let out = snapshot;
    measures.forEach((m, k) => {
        if (snapshot.accounts.some((a) => m.name in a.measures))
            throw new BadInputError(
                `marketMeasures: '${m.name}' is already an account measure; choose another name`
            );
        out = withZipMeasure(out, m.name, values[k]!).snapshot;
    });
    return out;
}
