/** The `@AuraEnabled` methods the sandbox serves: one mirror per Apex controller of the package. */
import type { ApexRegistry } from './aura.js';
import {
    territoryPlanController,
    type PlanControllerContext
} from './territory-plan-controller.js';
import { accountTerritoryController } from './account-territory-controller.js';
import { territoryPerformanceController } from './territory-performance-controller.js';

export function sandboxApex(context: PlanControllerContext): ApexRegistry {
    return {
        TerritoryPlanController: territoryPlanController(context),
        AccountTerritoryController: accountTerritoryController(context.org),
        TerritoryPerformanceController: territoryPerformanceController(context)
    };
}
