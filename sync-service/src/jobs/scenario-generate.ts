/** Queue `scenario-generate`: run the engine for a scenario and store the result in the org. */
import type { Queue } from 'bullmq';
import type { ScenarioSettings, Scope } from './scenario-settings.js';

export interface GenerateJobData {
    scenarioId: string;
    modelId: string;
    scope?: Scope;
    settings: ScenarioSettings;
    /** Set by the processor when it fanned out one child job per segment. */
    step?: 'start' | 'merge';
}

/** Data of a per-segment child job (name `segment`) of a fanned-out generate job. */
export interface SegmentJobData {
    scenarioId: string;
    modelId: string;
    scope?: Scope;
    settings: ScenarioSettings;
    segment: string;
}

export interface SegmentJobResult {
    segment: string;
    /** [accountId, territoryId or new-rep key] pairs. */
    assignments: [string, string][];
}

export interface GenerateJobResult {
    scenarioId: string;
    status: 'Ready' | 'Proposed';
    maxDeviation: number;
    accountsMoved: number;
    segments: number;
}

/** Job id of a scenario's generate job: one per scenario, so a retried request adds nothing. */
export const generateJobId = (scenarioId: string) => `generate-${scenarioId}`;

/** Queues the generation of a scenario (the record must already exist). */
export function addGenerateJob(queue: Queue, data: GenerateJobData) {
    return queue.add('generate', data, { jobId: generateJobId(data.scenarioId) });
}
