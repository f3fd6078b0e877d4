/**
 * Scenario storage in the org (ARCHITECTURE.md): one Territory_Scenario__c per scenario, its full
 * assignment list as assignments.csv in a ContentVersion published to the record
 * (FirstPublishLocationId); later saves add a new version of the same document.
 */
import { parse } from 'csv-parse/sync';
import { stringify } from 'csv-stringify/sync';
import type { Row, SalesforceClient } from './client.js';
import { SalesforceError, SalesforceInputError } from './errors.js';
import type {
    ScenarioAssignment,
    ScenarioInput,
    ScenarioPatch,
    ScenarioRecord,
    ScenarioSource,
    ScenarioStatus
} from './types.js';

const SF_ID = /^[a-zA-Z0-9]{15}([a-zA-Z0-9]{3})?$/;
const CSV_HEADER = ['AccountId', 'Territory2Id', 'RepId', 'PreviousTerritory2Id'];
const SCENARIO_FIELDS = [
    'Id',
    'Name',
    'Status__c',
    'Source__c',
    'Territory_Model_Id__c',
    'Settings_JSON__c',
    'Metrics_JSON__c',
    'Max_Deviation__c',
    'Total_Travel_Km__c',
    'Accounts_Moved__c',
    'Reps_Affected__c',
    'Summary__c',
    'Job_Id__c',
    'Applied_By__c',
    'Applied_At__c',
    'Effective_Date__c',
    'Error__c',
    'CreatedDate'
];
// Field lengths from ARCHITECTURE.md: longer text is cut rather than failing the whole save.
const NAME_MAX = 80;
const SUMMARY_MAX = 255;
const ERROR_MAX = 32768;

function toFields(patch: ScenarioPatch): Row {
    const f: Row = {};
    const set = (name: string, value: unknown): void => {
        if (value !== undefined) f[name] = value;
    };
    set('Name', patch.name?.slice(0, NAME_MAX));
    set('Status__c', patch.status);
    set('Source__c', patch.source);
    set('Territory_Model_Id__c', patch.modelId);
    if (patch.settings !== undefined) f.Settings_JSON__c = JSON.stringify(patch.settings);
    if (patch.metrics !== undefined) f.Metrics_JSON__c = JSON.stringify(patch.metrics);
    // Percent fields hold 5 for 5 %; the record carries the fraction 0.05.
    if (patch.maxDeviation !== undefined)
        f.Max_Deviation__c = Math.round(patch.maxDeviation * 10000) / 100;
    set('Total_Travel_Km__c', patch.totalTravelKm);
    set('Accounts_Moved__c', patch.accountsMoved);
    set('Reps_Affected__c', patch.repsAffected);
    set('Summary__c', patch.summary?.slice(0, SUMMARY_MAX));
    set('Job_Id__c', patch.jobId);
    set('Applied_By__c', patch.appliedBy);
    set('Applied_At__c', patch.appliedAt);
    set('Effective_Date__c', patch.effectiveDate);
    set('Error__c', patch.error?.slice(0, ERROR_MAX));
    return f;
}

function parseJson(value: unknown): Record<string, unknown> | undefined {
    if (typeof value !== 'string' || value === '') return undefined;
    try {
        return JSON.parse(value) as Record<string, unknown>;
    } catch {
        return undefined;
    }
}

const opt = <T>(v: unknown): T | undefined =>
    v === null || v === undefined ? undefined : (v as T);

function fromRow(r: Row): ScenarioRecord {
    const dev = opt<number>(r.Max_Deviation__c);
    return {
        id: String(r.Id),
        name: String(r.Name ?? ''),
        status: r.Status__c as ScenarioStatus,
        source: r.Source__c as ScenarioSource,
        modelId: String(r.Territory_Model_Id__c ?? ''),
        settings: parseJson(r.Settings_JSON__c) ?? {},
        metrics: parseJson(r.Metrics_JSON__c),
        maxDeviation: dev === undefined ? undefined : dev / 100,
        totalTravelKm: opt(r.Total_Travel_Km__c),
        accountsMoved: opt(r.Accounts_Moved__c),
        repsAffected: opt(r.Reps_Affected__c),
        summary: opt(r.Summary__c),
        jobId: opt(r.Job_Id__c),
        appliedBy: opt(r.Applied_By__c),
        appliedAt: opt(r.Applied_At__c),
        effectiveDate: opt(r.Effective_Date__c),
        error: opt(r.Error__c),
        createdAt: opt(r.CreatedDate)
    };
}

export class ScenarioStore {
    private readonly client: SalesforceClient;
    constructor(client: SalesforceClient) {
        this.client = client;
    }

    private async insertOne(object: string, fields: Row): Promise<string> {
        const [outcome] = await this.client.dml('insert', object, [fields], { forceMode: 'rest' });
        if (!outcome?.ok) {
            throw new SalesforceError(
                `${object} could not be saved: ${outcome?.errorCode} ${outcome?.message}`,
                outcome?.errorCode ?? 'UNKNOWN',
                400
            );
        }
        return outcome.id;
    }

    async save(record: ScenarioInput, assignments?: ScenarioAssignment[]): Promise<string> {
        const id = await this.insertOne('Territory_Scenario__c', toFields(record));
        if (assignments) await this.saveAssignments(id, assignments);
        return id;
    }

    async update(
        id: string,
        patch: ScenarioPatch,
        assignments?: ScenarioAssignment[]
    ): Promise<void> {
        if (!SF_ID.test(id))
            throw new SalesforceInputError(`Scenario id '${id}' is not a Salesforce id.`);
        const fields = toFields(patch);
        if (Object.keys(fields).length > 0) {
            await this.client.call(async () => {
                const res = (await this.client.conn
                    .sobject('Territory_Scenario__c')
                    .update({ Id: id, ...fields })) as {
                    success: boolean;
                    errors?: { statusCode?: string; errorCode?: string; message?: string }[];
                };
                if (!res.success) {
                    const e = res.errors?.[0];
                    throw new SalesforceError(
                        `Scenario ${id} could not be updated: ${e?.message ?? ''}`,
                        e?.statusCode ?? e?.errorCode ?? 'UNKNOWN',
                        400
                    );
                }
            });
        }
        if (assignments) await this.saveAssignments(id, assignments);
    }

    /** Latest assignments.csv version of a scenario: ContentDocumentId and version Id. */
    private async latestVersion(
        id: string
    ): Promise<{ versionId: string; documentId: string } | undefined> {
        const first = await this.client.queryRest(
            `SELECT ContentDocumentId FROM ContentVersion WHERE FirstPublishLocationId = '${id}' ORDER BY CreatedDate ASC LIMIT 1`
        );
        const documentId = first[0]?.ContentDocumentId;
        if (typeof documentId !== 'string') return undefined;
        const latest = await this.client.queryRest(
            `SELECT Id FROM ContentVersion WHERE ContentDocumentId = '${documentId}' AND IsLatest = true LIMIT 1`
        );
        const versionId = latest[0]?.Id;
        return typeof versionId === 'string' ? { versionId, documentId } : undefined;
    }

    private async saveAssignments(id: string, rows: ScenarioAssignment[]): Promise<void> {
        const csv = stringify([
            CSV_HEADER,
            ...rows.map((r) => [r.accountId, r.territoryId, r.repId, r.previousTerritoryId])
        ]);
        const previous = await this.latestVersion(id);
        await this.insertOne('ContentVersion', {
            Title: 'assignments',
            PathOnClient: 'assignments.csv',
            VersionData: Buffer.from(csv, 'utf8').toString('base64'),
            ...(previous
                ? { ContentDocumentId: previous.documentId }
                : { FirstPublishLocationId: id })
        });
    }

    async load(id: string): Promise<ScenarioRecord | undefined> {
        if (!SF_ID.test(id)) return undefined;
        const rows = await this.client.queryRest(
            `SELECT ${SCENARIO_FIELDS.join(', ')} FROM Territory_Scenario__c WHERE Id = '${id}'`
        );
        return rows[0] ? fromRow(rows[0]) : undefined;
    }

    async loadAssignments(id: string): Promise<ScenarioAssignment[]> {
        if (!SF_ID.test(id)) return [];
        const version = await this.latestVersion(id);
        if (!version) return [];
        const { body } = await this.client.call(() =>
            this.client.fetchRaw(
                `/sobjects/ContentVersion/${version.versionId}/VersionData`,
                'application/octet-stream'
            )
        );
        const rows = parse(body, { columns: true, skip_empty_lines: true, bom: true }) as Record<
            string,
            string
        >[];
        return rows.map((r) => ({
            accountId: r.AccountId ?? '',
            territoryId: r.Territory2Id ?? '',
            repId: r.RepId ?? '',
            previousTerritoryId: r.PreviousTerritory2Id ?? ''
        }));
    }

    async list(modelId?: string): Promise<ScenarioRecord[]> {
        if (modelId !== undefined && !SF_ID.test(modelId))
            throw new SalesforceInputError(`modelId '${modelId}' is not a Salesforce id.`);
        const where = modelId ? ` WHERE Territory_Model_Id__c = '${modelId}'` : '';
        const rows = await this.client.queryRest(
            `SELECT ${SCENARIO_FIELDS.join(', ')} FROM Territory_Scenario__c${where} ORDER BY CreatedDate DESC`
        );
        return rows.map(fromRow);
    }
}
