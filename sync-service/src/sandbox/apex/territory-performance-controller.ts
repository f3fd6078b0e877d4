/**
 * TerritoryPerformanceController.cls in JS, for the sandbox: the stored quarterly rows of a
 * model's territories (Territory_Performance__c, written by the service), their names and the
 * newest proposal, with the same checks, bounds and messages. Like the Apex it computes nothing.
 */
import type { OrgConnection } from '../org-client.js';
import { queryAll, soqlString } from '../org-client.js';
import { AuraHandledException, type AuraMethod } from './aura.js';
import { territoryPermissions } from './permissions.js';
import { datetime, decimal, isIdOf } from './soql-helpers.js';
import { noAccess } from './territory-plan-controller.js';

// The limits of the Apex class (see TerritoryPerformanceController.cls for their reasons).
const MAX_TERRITORIES = 1000;
const MAX_ROWS = 8000;
const QUARTER_PATTERN = /^[0-9]{4}-Q[1-4]$/;
const FIRST_QUARTER = '0000-Q1';
const LAST_QUARTER = '9999-Q4';

type Row = Record<string, unknown>;

const uiError = (message: string) => new AuraHandledException(message);
const text = (value: unknown) => (value === null || value === undefined ? null : String(value));

function quarterOrDefault(value: unknown, fallback: string, name: string): string {
    if (value === null || value === undefined || String(value).trim() === '') return fallback;
    if (!QUARTER_PATTERN.test(String(value)))
        throw uiError(`${name} must be a quarter like 2026-Q3 (got "${String(value)}").`);
    return String(value);
}

/** The `@AuraEnabled` methods of TerritoryPerformanceController. */
export function territoryPerformanceController(context: {
    org: OrgConnection;
    customPermissions: ReadonlySet<string>;
}): Record<string, AuraMethod> {
    const { org } = context;
    const permissions = territoryPermissions(context.customPermissions);
    return {
        async getPerformance({ modelId, fromQuarter, toQuarter }) {
            permissions.requirePlannerAccess();
            if (!isIdOf(modelId, 'Territory2Model'))
                throw uiError(`Choose a territory model (got "${String(modelId ?? 'null')}").`);
            const id = String(modelId);
            const lower = quarterOrDefault(fromQuarter, FIRST_QUARTER, 'fromQuarter');
            const upper = quarterOrDefault(toQuarter, LAST_QUARTER, 'toQuarter');
            const modelKeys = `${soqlString(id)}, ${soqlString(id.slice(0, 15))}`;
            try {
                const territories = (
                    await queryAll<Row>(
                        org,
                        `SELECT Id, Name FROM Territory2 WHERE Territory2ModelId = ${soqlString(id)} ` +
                            `ORDER BY Name LIMIT ${MAX_TERRITORIES}`
                    )
                ).map((r) => ({ id: String(r.Id), name: text(r.Name) }));
                const records = await queryAll<Row>(
                    org,
                    'SELECT Territory_Id__c, Quarter__c, Quarter_Start__c, Sales__c, Won_Deals__c, ' +
                        'Closed_Deals__c, Open_Deals__c, Pipeline__c, Cycle_Days__c, Tasks__c, ' +
                        'Events__c, Quota__c, Deviation__c, Written_At__c FROM Territory_Performance__c ' +
                        `WHERE Territory_Model_Id__c IN (${modelKeys}) ` +
                        `AND Quarter__c >= ${soqlString(lower)} AND Quarter__c <= ${soqlString(upper)} ` +
                        `ORDER BY Quarter__c DESC, Territory_Id__c LIMIT ${MAX_ROWS + 1}`
                );
                const rows = records.slice(0, MAX_ROWS).map((r) => ({
                    territoryId: String(r.Territory_Id__c),
                    quarter: text(r.Quarter__c),
                    quarterStart: text(r.Quarter_Start__c),
                    sales: decimal(r.Sales__c),
                    wonDeals: decimal(r.Won_Deals__c),
                    closedDeals: decimal(r.Closed_Deals__c),
                    openDeals: decimal(r.Open_Deals__c),
                    pipeline: decimal(r.Pipeline__c),
                    cycleDays: decimal(r.Cycle_Days__c),
                    tasks: decimal(r.Tasks__c),
                    events: decimal(r.Events__c),
                    quota: decimal(r.Quota__c),
                    deviation: decimal(r.Deviation__c),
                    writtenAt: datetime(r.Written_At__c)
                }));
                const [proposal] = await queryAll<Row>(
                    org,
                    'SELECT Id, Name, Source__c, Max_Deviation__c, CreatedDate FROM Territory_Scenario__c ' +
                        `WHERE Territory_Model_Id__c IN (${modelKeys}) AND Status__c = 'Proposed' ` +
                        'ORDER BY CreatedDate DESC LIMIT 1'
                );
                return {
                    modelId: id,
                    territories,
                    rows,
                    proposal: proposal
                        ? {
                              id: String(proposal.Id),
                              name: text(proposal.Name),
                              source: text(proposal.Source__c),
                              maxDeviation: decimal(proposal.Max_Deviation__c),
                              createdDate: datetime(proposal.CreatedDate)
                          }
                        : null,
                    truncated: records.length > MAX_ROWS,
                    rowLimit: MAX_ROWS
                };
            } catch (error) {
                throw noAccess('territory performance', error);
            }
        }
    };
}
