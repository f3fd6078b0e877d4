/**
 * Custom notifications: the standard invocable action `customNotificationAction` (REST API
 * Developer Guide, Actions: POST /services/data/vXX.X/actions/standard/customNotificationAction
 * with `{ inputs: [...] }`, one result `{ actionName, errors, isSuccess, outputValues }` per
 * input, in order), and the Connect REST notifications list the recipient reads
 * (GET /services/data/vXX.X/connect/notifications).
 *
 * Checked as the platform checks them: customNotifTypeId names a CustomNotificationType of the
 * org, recipientIds are 1–500 ids of active users (this org has no groups, queues or teams),
 * title and body are non-empty, and a target is given (targetId or targetPageRef). An input that
 * fails gets `isSuccess: false` with the error; the others are sent.
 *
 * Unlike a real org: nothing is pushed to a desktop or mobile client; the list answers for every
 * recipient (`?recipientId=` filters it), where a real org lists only the context user's own.
 */
import type { FastifyPluginAsync } from 'fastify';
import { normalizeId } from '../ids.js';
import type { OrgStore } from '../store.js';
import { sendError, sendJson, V, type OrgContext } from './context.js';

/** The notification types the package deploys (force-app/main/default/notificationtypes). */
export const PACKAGE_NOTIFICATION_TYPES = [
    { DeveloperName: 'Territory_Rollout', MasterLabel: 'Territory rollout' }
] as const;

/** One notification delivered to one recipient, as the Connect API lists it. */
export interface SentNotification {
    id: string;
    recipientId: string;
    type: string;
    customNotifTypeId: string;
    messageTitle: string;
    messageBody: string;
    target: string | null;
    targetPageRef: string | null;
    senderId: string;
    read: boolean;
    seen: boolean;
    lastModified: string;
}

/** Adds the package's notification types when the org has none of that name. */
export function seedNotificationTypes(store: OrgStore): void {
    const existing = new Set(
        [...store.all('CustomNotificationType')].map((t) => String(t.DeveloperName))
    );
    for (const type of PACKAGE_NOTIFICATION_TYPES)
        if (!existing.has(type.DeveloperName))
            store.load('CustomNotificationType', {
                ...type,
                CustomNotifTypeName: type.MasterLabel,
                Desktop: true,
                Mobile: true
            });
}

const ACTION = 'customNotificationAction';
const MAX_RECIPIENTS = 500;
const MAX_TITLE = 250;
const MAX_BODY = 750;

type Input = Record<string, unknown>;

export const actionRoutes: FastifyPluginAsync<{ ctx: OrgContext }> = async (app, { ctx }) => {
    const { store } = ctx;
    let sequence = 0;

    app.get(`${V}/actions/standard/${ACTION}`, async (_req, reply) =>
        sendJson(reply, 200, {
            name: ACTION,
            label: 'Send Custom Notification',
            type: 'CUSTOM_NOTIFICATION_ACTION',
            inputs: [
                'customNotifTypeId',
                'recipientIds',
                'senderId',
                'title',
                'body',
                'targetId',
                'targetPageRef'
            ].map((name) => ({ name }))
        })
    );

    app.post(`${V}/actions/standard/${ACTION}`, async (req, reply) => {
        const inputs = (req.body as { inputs?: unknown } | undefined)?.inputs;
        if (!Array.isArray(inputs) || inputs.length === 0)
            return sendError(
                reply,
                400,
                'JSON_PARSER_ERROR',
                'The request body needs "inputs": a non-empty list of the action\'s inputs'
            );
        const sender = ctx.integrationUserId;
        const results = (inputs as Input[]).map((input) => {
            const error = check(store, input);
            if (error)
                return {
                    actionName: ACTION,
                    errors: [{ statusCode: 'INVALID_INPUT', message: error, fields: [] }],
                    isSuccess: false,
                    outputValues: null
                };
            const now = new Date().toISOString();
            for (const recipient of input.recipientIds as string[]) {
                sequence += 1;
                ctx.notifications.push({
                    id: `notif-${sequence}`,
                    recipientId: normalizeId(recipient)!,
                    type: String(
                        store.get(normalizeId(input.customNotifTypeId)!)?.DeveloperName ?? ''
                    ),
                    customNotifTypeId: normalizeId(input.customNotifTypeId)!,
                    messageTitle: String(input.title),
                    messageBody: String(input.body),
                    target: typeof input.targetId === 'string' ? input.targetId : null,
                    targetPageRef:
                        typeof input.targetPageRef === 'string' ? input.targetPageRef : null,
                    senderId: typeof input.senderId === 'string' ? input.senderId : sender,
                    read: false,
                    seen: false,
                    lastModified: now
                });
            }
            return {
                actionName: ACTION,
                errors: null,
                isSuccess: true,
                outputValues: {
                    SuccessMessage: 'Your custom notification is processed successfully.'
                }
            };
        });
        return sendJson(reply, 200, results);
    });

    app.get(`${V}/connect/notifications`, async (req, reply) => {
        const recipient = normalizeId((req.query as { recipientId?: string }).recipientId);
        const list = ctx.notifications
            .filter((n) => !recipient || n.recipientId === recipient)
            .slice()
            .reverse();
        return sendJson(reply, 200, { notifications: list });
    });
};

/** Why an input is refused (undefined: it is sent). */
function check(store: OrgStore, input: Input): string | undefined {
    const typeId = normalizeId(input.customNotifTypeId);
    const type = typeId ? store.get(typeId) : undefined;
    if (!type || store.schema.forId(type.Id)?.name !== 'CustomNotificationType')
        return `customNotifTypeId ${String(input.customNotifTypeId)} is not a custom notification type of this org`;
    const recipients = input.recipientIds;
    if (!Array.isArray(recipients) || recipients.length === 0)
        return 'recipientIds: give at least one recipient';
    if (recipients.length > MAX_RECIPIENTS)
        return `recipientIds: at most ${MAX_RECIPIENTS} recipients per notification`;
    for (const r of recipients) {
        const id = normalizeId(r);
        const user = id ? store.get(id) : undefined;
        if (!user || store.schema.forId(user.Id)?.name !== 'User')
            return `recipientIds: ${String(r)} is not a user of this org`;
        if (user.IsActive === false) return `recipientIds: user ${String(r)} is inactive`;
    }
    if (typeof input.title !== 'string' || input.title.trim() === '') return 'title: required';
    if (input.title.length > MAX_TITLE) return `title: at most ${MAX_TITLE} characters`;
    if (typeof input.body !== 'string' || input.body.trim() === '') return 'body: required';
    if (input.body.length > MAX_BODY) return `body: at most ${MAX_BODY} characters`;
    if (!input.targetId && !input.targetPageRef) return 'Give a target: targetId or targetPageRef';
    if (typeof input.targetPageRef === 'string') {
        try {
            JSON.parse(input.targetPageRef);
        } catch {
            return 'targetPageRef: not a JSON page reference';
        }
    }
    return undefined;
}
