/** The `@AuraEnabled` methods the sandbox serves: one mirror per Apex controller of the package. */
import type { ApexRegistry } from './aura.js';
import {
    territoryPlanController,
    type PlanControllerContext
} from './territory-plan-controller.js';
import { accountTerritoryController } from './account-territory-controller.js';
import { territoryPerformanceController } from './territory-performance-controller.js';
import { territoryRoutesController } from './territory-routes-controller.js';
import { territoryRolloutController } from './territory-rollout-controller.js';
import { territoryDataQualityController } from './territory-data-quality-controller.js';
import { territoryChangeRequestController } from './territory-change-request-controller.js';
import { territoryMarketController } from './territory-market-controller.js';

export function sandboxApex(context: PlanControllerContext & { userId?: string }): ApexRegistry {
    return {
        TerritoryPlanController: territoryPlanController(context),
        AccountTerritoryController: accountTerritoryController(context.org),
        TerritoryPerformanceController: territoryPerformanceController(context),
        TerritoryRoutesController: territoryRoutesController(context),
        TerritoryRolloutController: territoryRolloutController(context),
        TerritoryDataQualityController: territoryDataQualityController(context),
        TerritoryChangeRequestController: territoryChangeRequestController(context),
        TerritoryMarketController: territoryMarketController(context)
    };
}
