/**
 * The local org's custom notifications: the standard action's documented shape (one result per
 * input, in order; a bad input fails alone), CustomNotificationType as the package deploys it,
 * and the Connect notifications list.
 */
import { Connection } from 'jsforce';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startLocalOrg, type LocalOrg } from '../../src/localOrg/index.js';

let org: LocalOrg;
let conn: Connection;

async function call(method: string, path: string, body?: unknown) {
    const res = await fetch(`${org.url}/services/data/v${org.credentials.apiVersion}${path}`, {
        method,
        headers: {
            Authorization: `Bearer ${conn.accessToken}`,
            'Content-Type': 'application/json'
        },
        ...(body !== undefined ? { body: JSON.stringify(body) } : {})
    });
    return { status: res.status, body: (await res.json()) as unknown };
}

beforeAll(async () => {
    org = await startLocalOrg({ accounts: 50, reps: 3, seed: 3 });
    const c = org.credentials;
    conn = new Connection({
        oauth2: { clientId: c.clientId, clientSecret: c.clientSecret, loginUrl: c.loginUrl },
        version: c.apiVersion
    });
    await conn.authorize({ grant_type: 'client_credentials' });
});
afterAll(() => org.close());

describe('local org: customNotificationAction', () => {
    it('sends valid inputs, fails bad ones alone, and lists what was sent', async () => {
        const [type] = (
            await conn.query<{ Id: string }>(
                "SELECT Id FROM CustomNotificationType WHERE DeveloperName = 'Territory_Rollout'"
            )
        ).records;
        expect(type?.Id).toMatch(/^0ML/);
        const [rep, other] = org.sample!.repIds;
        const inactive = String(
            org.store.load('User', {
                Username: 'gone@territory.local',
                LastName: 'Gone',
                IsActive: false
            }).Id
        );
        const base = {
            customNotifTypeId: type!.Id,
            title: 'Territory change',
            body: 'You gain 2 accounts',
            targetPageRef: JSON.stringify({ type: 'standard__navItemPage', attributes: {} })
        };
        const answer = await call('POST', '/actions/standard/customNotificationAction', {
            inputs: [
                { ...base, recipientIds: [rep] },
                { ...base, recipientIds: [inactive] },
                { ...base, recipientIds: [other], targetPageRef: undefined },
                { ...base, recipientIds: [other], customNotifTypeId: rep },
                { ...base, recipientIds: [other], title: '' }
            ]
        });
        expect(answer.status).toBe(200);
        const results = answer.body as { isSuccess: boolean; errors: { message: string }[] }[];
        expect(results.map((r) => r.isSuccess)).toEqual([true, false, false, false, false]);
        expect(results[1]!.errors[0]!.message).toContain('inactive');
        expect(results[2]!.errors[0]!.message).toContain('targetId or targetPageRef');
        expect(results[3]!.errors[0]!.message).toContain('not a custom notification type');
        expect(results[4]!.errors[0]!.message).toContain('title');

        const list = await call('GET', '/connect/notifications');
        const sent = (list.body as { notifications: Record<string, unknown>[] }).notifications;
        expect(sent).toHaveLength(1);
        expect(sent[0]).toMatchObject({
            recipientId: rep,
            type: 'Territory_Rollout',
            messageTitle: 'Territory change',
            messageBody: 'You gain 2 accounts',
            read: false
        });
        expect((await call('POST', '/actions/standard/customNotificationAction', {})).status).toBe(
            400
        );
        // The type is Setup metadata: not created through the API.
        await expect(
            conn.sobject('CustomNotificationType').create({ DeveloperName: 'X' })
        ).rejects.toThrow();
    });
});
