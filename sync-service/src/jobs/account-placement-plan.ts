/**
 * Where new and re-addressed accounts go (DESIGN.md, "Territories made of places", new accounts):
 * the unit of an account is (segment, postal code); the territory of a unit is the one that holds
 * most of the unit's other accounts (its ObjectTerritory2Associations). An account whose unit has
 * no territory yet goes to the territory of the nearest unit of its segment (great-circle distance
 * between unit centroids), or is reported as unplaced. Locked accounts never move. Pure code: the
 * processor (account-placement.processor.ts) reads the org and writes the outcome.
 */
import { haversineKm } from '../engine/geo.js';
import { postalUnitCode } from '../engine/units/postal-code.js';

/** An account as the placement sees it: its unit fields and the model territories it is in. */
export interface UnitAccount {
    id: string;
    name?: string;
    lat: number | null;
    lon: number | null;
    postalCode: string | null;
    segment: string | null;
    locked: boolean;
    /** Territories of the model the account is associated with now. */
    territoryIds: readonly string[];
}

/**
 * Why an account is looked at: created (a new account already in a territory stays there), or
 * re-addressed (it moves to the territory of its new unit).
 */
export type CandidateKind = 'new' | 'readdressed';

interface DecisionBase {
    accountId: string;
    kind: CandidateKind;
    /** The unit's key as logged: `segment/postal code` (postal code alone without a segment). */
    unit: string | null;
    from: readonly string[];
}

export type PlacementDecision =
    | (DecisionBase & {
          action: 'assign';
          territoryId: string;
          /** unit: the territory of its own unit; nearest: that of the nearest unit. */
          via: 'unit' | 'nearest';
          /** With via nearest: the unit whose territory was taken and how far its centroid is. */
          nearestUnit?: string;
          km?: number;
      })
    | (DecisionBase & {
          action: 'keep';
          /** in-place: already in its unit's territory; assigned: a new account someone placed. */
          reason: 'in-place' | 'assigned' | 'locked';
      })
    | (DecisionBase & { action: 'unplaced'; reason: string });

/** Compares ids by their case-sensitive 15-character form. */
export const id15 = (id: string): string => id.slice(0, 15);

/** The postal code as a unit key (postalUnitCode, the product's one normalisation); blank: null. */
export function normalizePostalCode(raw: string | null | undefined): string | null {
    return postalUnitCode(raw) ?? null;
}

const unitKey = (segment: string | null, postal: string) => `${segment ?? ''}\u0000${postal}`;
const unitLabel = (key: string) => {
    const [segment, postal] = key.split('\u0000') as [string, string];
    return segment ? `${segment}/${postal}` : postal;
};

interface Unit {
    key: string;
    segment: string;
    latSum: number;
    lonSum: number;
    located: number;
    /** territory id → votes of the unit's unlocked, non-candidate accounts */
    votes: Map<string, number>;
    /** the same from locked accounts: used only when no unlocked account votes */
    lockedVotes: Map<string, number>;
}

/** The territory with the most votes; ties go to the smallest id (deterministic). */
function winner(votes: ReadonlyMap<string, number>): string | undefined {
    let best: string | undefined;
    let bestVotes = 0;
    for (const [territoryId, n] of votes)
        if (n > bestVotes || (n === bestVotes && best !== undefined && territoryId < best)) {
            best = territoryId;
            bestVotes = n;
        }
    return best;
}

const hasPoint = (a: { lat: number | null; lon: number | null }) =>
    a.lat !== null && a.lon !== null && Number.isFinite(a.lat) && Number.isFinite(a.lon);

/**
 * Decides, for every candidate (keyed by 15-character id), where it goes. `accounts` are all the
 * org's accounts (candidates included); candidates missing from it were deleted and get no
 * decision. Decisions come in the order of `accounts`.
 */
export function planPlacements(
    accounts: readonly UnitAccount[],
    candidates: ReadonlyMap<string, CandidateKind>
): PlacementDecision[] {
    const units = new Map<string, Unit>();
    const unitOf = (a: UnitAccount): Unit | undefined => {
        const postal = normalizePostalCode(a.postalCode);
        if (postal === null) return undefined;
        const key = unitKey(a.segment, postal);
        let unit = units.get(key);
        if (!unit) {
            unit = {
                key,
                segment: a.segment ?? '',
                latSum: 0,
                lonSum: 0,
                located: 0,
                votes: new Map(),
                lockedVotes: new Map()
            };
            units.set(key, unit);
        }
        return unit;
    };
    for (const a of accounts) {
        const unit = unitOf(a);
        if (!unit) continue;
        // The centroid is the mean of all the unit's accounts (DESIGN.md), candidates included.
        if (hasPoint(a)) {
            unit.latSum += a.lat!;
            unit.lonSum += a.lon!;
            unit.located += 1;
        }
        // Only the unit's other accounts say where the unit is: a re-addressed account about to
        // move does not vote (a new one has no territory, or one it keeps).
        if (candidates.get(id15(a.id)) === 'readdressed' && !a.locked) continue;
        const votes = a.locked ? unit.lockedVotes : unit.votes;
        for (const t of new Set(a.territoryIds)) votes.set(t, (votes.get(t) ?? 0) + 1);
    }
    const territoryOf = new Map<string, string>();
    for (const unit of units.values()) {
        const t = winner(unit.votes.size > 0 ? unit.votes : unit.lockedVotes);
        if (t !== undefined) territoryOf.set(unit.key, t);
    }
    // Units with a territory and a centroid, per segment, for the nearest-unit fallback.
    const placedBySegment = new Map<string, { key: string; lat: number; lon: number }[]>();
    for (const unit of units.values()) {
        if (!territoryOf.has(unit.key) || unit.located === 0) continue;
        const list = placedBySegment.get(unit.segment) ?? [];
        list.push({
            key: unit.key,
            lat: unit.latSum / unit.located,
            lon: unit.lonSum / unit.located
        });
        placedBySegment.set(unit.segment, list);
    }
    const nearestCache = new Map<string, { key: string; km: number } | undefined>();
    const nearest = (cacheKey: string, segment: string, lat: number, lon: number) => {
        if (nearestCache.has(cacheKey)) return nearestCache.get(cacheKey);
        let best: { key: string; km: number } | undefined;
        for (const u of placedBySegment.get(segment) ?? []) {
            const km = haversineKm(lat, lon, u.lat, u.lon);
            if (!best || km < best.km || (km === best.km && u.key < best.key))
                best = { key: u.key, km };
        }
        nearestCache.set(cacheKey, best);
        return best;
    };

    const decisions: PlacementDecision[] = [];
    for (const a of accounts) {
        const kind = candidates.get(id15(a.id));
        if (kind === undefined) continue;
        const unit = unitOf(a);
        const base: DecisionBase = {
            accountId: a.id,
            kind,
            unit: unit ? unitLabel(unit.key) : null,
            from: a.territoryIds
        };
        if (a.locked) {
            decisions.push({ ...base, action: 'keep', reason: 'locked' });
            continue;
        }
        // A new account someone (or an assignment rule) already placed stays where it is.
        if (kind === 'new' && a.territoryIds.length > 0) {
            decisions.push({ ...base, action: 'keep', reason: 'assigned' });
            continue;
        }
        let target: Omit<Extract<PlacementDecision, { action: 'assign' }>, keyof DecisionBase>;
        const own = unit ? territoryOf.get(unit.key) : undefined;
        if (own !== undefined) target = { action: 'assign', territoryId: own, via: 'unit' };
        else {
            // No territory for the unit yet: the nearest placed unit of the same segment, from
            // the unit's centroid (or the account's own point when it has no postal code).
            const point =
                unit && unit.located > 0
                    ? { lat: unit.latSum / unit.located, lon: unit.lonSum / unit.located }
                    : hasPoint(a)
                      ? { lat: a.lat!, lon: a.lon! }
                      : undefined;
            if (!point) {
                decisions.push({
                    ...base,
                    action: 'unplaced',
                    reason: unit
                        ? 'no account of its unit has a territory or coordinates'
                        : 'no postal code and no coordinates'
                });
                continue;
            }
            const segment = a.segment ?? '';
            const found = nearest(
                unit ? unit.key : `${segment}\u0000@${point.lat},${point.lon}`,
                segment,
                point.lat,
                point.lon
            );
            if (!found) {
                decisions.push({
                    ...base,
                    action: 'unplaced',
                    reason: segment
                        ? `no unit of segment ${segment} has a territory`
                        : 'no unit has a territory'
                });
                continue;
            }
            target = {
                action: 'assign',
                territoryId: territoryOf.get(found.key)!,
                via: 'nearest',
                nearestUnit: unitLabel(found.key),
                km: Math.round(found.km * 10) / 10
            };
        }
        if (a.territoryIds.length === 1 && id15(a.territoryIds[0]!) === id15(target.territoryId))
            decisions.push({ ...base, action: 'keep', reason: 'in-place' });
        else decisions.push({ ...base, ...target });
    }
    return decisions;
}
