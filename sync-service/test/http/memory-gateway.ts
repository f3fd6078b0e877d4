/**
 * In-memory PlannerGateway for route tests that are about HTTP behaviour (auth, validation, error
 * answers, paging). Tests of the jobs and the end-to-end flows use the local org instead.
 */
import type {
    ApplyOutcome,
    PlanSnapshot,
    PlannerGateway,
    ScenarioAssignment,
    ScenarioPatch,
    ScenarioRecord
} from '../../src/jobs/gateway.js';

/** The org the in-memory gateway says it is connected to. */
export const MEMORY_ORG_ID = '00D000000000001AAA';

export class MemoryGateway implements PlannerGateway {
    readonly snapshot: PlanSnapshot;
    readonly scenarios = new Map<string, ScenarioRecord>();
    readonly csv = new Map<string, ScenarioAssignment[]>();
    private next = 1;

    constructor(snapshot: PlanSnapshot) {
        this.snapshot = snapshot;
    }

    async modelOutline(modelId: string, options: { territories?: boolean } = {}) {
        if (modelId.slice(0, 15) !== this.snapshot.modelId.slice(0, 15)) return undefined;
        return {
            id: this.snapshot.modelId,
            ...(options.territories
                ? {
                      territories: this.snapshot.territories.map((t) => ({
                          id: t.id,
                          ...(t.parentId ? { parentId: t.parentId } : {}),
                          userIds: t.repId ? [t.repId] : []
                      }))
                  }
                : {})
        };
    }
    async ping() {}
    async orgId() {
        return MEMORY_ORG_ID;
    }
    async activeModelId() {
        return this.snapshot.modelId;
    }
    async pullPlan(): Promise<PlanSnapshot> {
        return structuredClone(this.snapshot);
    }
    async currentAssignments() {
        return new Map(
            this.snapshot.accounts
                .filter((a) => a.territoryId)
                .map((a) => [a.id, a.territoryId as string])
        );
    }
    async createTerritories(): Promise<string[]> {
        throw new Error('not used by route tests');
    }
    async applyAssignments(
        _modelId: string,
        target: ReadonlyMap<string, string>
    ): Promise<ApplyOutcome> {
        let changed = 0;
        for (const a of this.snapshot.accounts) {
            const t = target.get(a.id);
            if (t && t !== a.territoryId) {
                a.territoryId = t;
                changed += 1;
            }
        }
        return { inserted: changed, deleted: changed, unchanged: target.size - changed };
    }
    async updateTerritoryFigures(): Promise<void> {
        throw new Error('not used by route tests');
    }
    async replaceTerritoryUnits(): Promise<void> {
        throw new Error('not used by route tests');
    }
    async closedDeals(): Promise<never> {
        throw new Error('not used by route tests');
    }
    async createScenario(record: Omit<ScenarioRecord, 'id'>, rows?: ScenarioAssignment[]) {
        const id = `a0X${String(this.next++).padStart(12, '0')}`;
        this.scenarios.set(id, { ...record, id, createdAt: new Date().toISOString() });
        if (rows) this.csv.set(id, rows);
        return id;
    }
    async updateScenario(id: string, patch: ScenarioPatch, rows?: ScenarioAssignment[]) {
        const s = this.scenarios.get(id);
        if (!s)
            throw Object.assign(new Error(`no ${id}`), {
                errorCode: 'INVALID_ID_FIELD',
                statusCode: 404
            });
        this.scenarios.set(id, { ...s, ...patch });
        if (rows) this.csv.set(id, rows);
    }
    async loadScenario(id: string) {
        return this.scenarios.get(id);
    }
    async loadAssignments(id: string) {
        return this.csv.get(id) ?? [];
    }
    async listScenarios(modelId: string) {
        return [...this.scenarios.values()].filter((s) => s.modelId === modelId);
    }
}

/** A small plan: 2 territories with reps, 6 accounts, all in T1 (unbalanced). */
export function smallSnapshot(): PlanSnapshot {
    return {
        modelId: '0MA000000000001',
        territories: [
            {
                id: '0MI000000000001',
                name: 'North',
                repId: '005000000000001',
                repName: 'Ann',
                repActive: true,
                lat: 40,
                lon: -75
            },
            {
                id: '0MI000000000002',
                name: 'South',
                repId: '005000000000002',
                repName: 'Bob',
                repActive: true,
                lat: 39,
                lon: -76
            }
        ],
        accounts: Array.from({ length: 6 }, (_, i) => ({
            id: `001${String(i + 1).padStart(12, '0')}`,
            lat: 39 + i * 0.2,
            lon: -75.5,
            measures: { Potential: 100 + i, Workload: 10 },
            territoryId: '0MI000000000001'
        }))
    };
}
