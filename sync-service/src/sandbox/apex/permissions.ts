/**
 * TerritoryPermissions.cls in JS, for the sandbox: the custom permissions the running user holds
 * (FeatureManagement.checkPermission in Apex; a set given to the sandbox here), the same checks,
 * the same messages, and the token's `perms` claim.
 */
import { AuraHandledException } from './aura.js';

/** Custom permissions of the package (customPermissions/*.customPermission-meta.xml). */
export const CUSTOM_PERMISSIONS = {
    plan: 'Territory_Plan',
    approve: 'Territory_Approve'
} as const;
export type CustomPermission = (typeof CUSTOM_PERMISSIONS)[keyof typeof CUSTOM_PERMISSIONS];

/** What the Sales Ops persona holds (Territory_Planner + Territory_Approver). */
export const SALES_OPS_PERMISSIONS: ReadonlySet<string> = new Set(
    Object.values(CUSTOM_PERMISSIONS)
);

/** The messages of TerritoryPermissions.cls, by its constant names. */
export const PERMISSION_MESSAGES = {
    NO_PLANNER_ACCESS:
        'You need the Territory_Plan or Territory_Approve custom permission to open the territory planner. Ask your admin for the Territory Planner permission set.',
    NO_PLAN:
        'You need the Territory_Plan custom permission to generate or cancel scenarios. Ask your admin for the Territory Planner permission set.',
    NO_APPROVE:
        'You need the Territory_Approve custom permission to approve scenarios. Ask your admin for the Territory Approver permission set.'
} as const;

/** The running user's custom permissions, with TerritoryPermissions' checks. */
export function territoryPermissions(granted: ReadonlySet<string>) {
    const canPlan = () => granted.has(CUSTOM_PERMISSIONS.plan);
    const canApprove = () => granted.has(CUSTOM_PERMISSIONS.approve);
    const require = (allowed: boolean, message: string) => {
        if (!allowed) throw new AuraHandledException(message);
    };
    return {
        canPlan,
        canApprove,
        /** The token's `perms` claim: 'plan' and/or 'approve', in that order. */
        tokenClaims: (): string[] => [
            ...(canPlan() ? ['plan'] : []),
            ...(canApprove() ? ['approve'] : [])
        ],
        requirePlannerAccess: () =>
            require(canPlan() || canApprove(), PERMISSION_MESSAGES.NO_PLANNER_ACCESS),
        requirePlan: () => require(canPlan(), PERMISSION_MESSAGES.NO_PLAN),
        requireApprove: () => require(canApprove(), PERMISSION_MESSAGES.NO_APPROVE)
    };
}
