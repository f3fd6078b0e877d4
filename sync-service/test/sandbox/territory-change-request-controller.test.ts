/**
 * The TypeScript twin of TerritoryChangeRequestController against a local org: a rep's request
 * names the account's territory and the one asked for; bad input is refused; a planner lists,
 * accepts (honoured once the account is there) or declines with a reply the card shows.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startLocalOrg, type LocalOrg } from '../../src/localOrg/index.js';
import { connectOrg, queryAll, soqlString } from '../../src/sandbox/org-client.js';
import { territoryChangeRequestController } from '../../src/sandbox/apex/territory-change-request-controller.js';
import { SALES_OPS_PERMISSIONS } from '../../src/sandbox/apex/permissions.js';

describe('TerritoryChangeRequestController (sandbox twin)', () => {
    let org: LocalOrg;
    let ids: Record<string, string>;
    let planner: ReturnType<typeof territoryChangeRequestController>;
    let rep: ReturnType<typeof territoryChangeRequestController>;

    beforeAll(async () => {
        org = await startLocalOrg({ sample: false });
        const load = (sobject: string, fields: Record<string, unknown>) =>
            org.store.load(sobject, fields).Id;
        const type = load('Territory2Type', {
            DeveloperName: 'Territory_Planner_Default',
            MasterLabel: 'Default',
            Priority: 1
        });
        const model = load('Territory2Model', { Name: 'Model', DeveloperName: 'Model' });
        const territory = (name: string) =>
            load('Territory2', {
                Name: name,
                DeveloperName: name,
                Territory2ModelId: model,
                Territory2TypeId: type
            });
        ids = { model, east: territory('East'), west: territory('West') };
        ids.acme = load('Account', { Name: 'Acme' });
        ids.link = load('ObjectTerritory2Association', {
            ObjectId: ids.acme,
            Territory2Id: ids.east,
            AssociationCause: 'Territory2Manual'
        });
        const connection = await connectOrg(org.credentials);
        const [user] = await queryAll<{ Id: string }>(
            connection,
            `SELECT Id FROM User WHERE Username = ${soqlString(org.credentials.username)} LIMIT 1`
        );
        planner = territoryChangeRequestController({
            org: connection,
            customPermissions: SALES_OPS_PERMISSIONS,
            userId: user!.Id
        });
        rep = territoryChangeRequestController({
            org: connection,
            customPermissions: new Set(),
            userId: user!.Id
        });
    });
    afterAll(() => org?.close());

    it('a rep asks, a planner accepts, the request is honoured once the account moved', async () => {
        const card = (await rep.getAccountRequests!({ accountId: ids.acme })) as {
            territoryId: string;
            territories: { id: string; name: string }[];
        };
        expect(card.territoryId).toBe(ids.east);
        expect(card.territories).toEqual([{ id: ids.west, name: 'West' }]);

        const created = (await rep.requestChange!({
            accountId: ids.acme,
            territoryId: ids.west,
            reason: '  Their office moved west.  '
        })) as Record<string, unknown>;
        expect(created).toMatchObject({
            status: 'Open',
            reason: 'Their office moved west.',
            fromTerritoryName: 'East',
            requestedTerritoryName: 'West',
            accountName: 'Acme',
            honoured: false
        });
        await expect(
            rep.requestChange!({ accountId: ids.acme, territoryId: ids.west, reason: 'again' })
        ).rejects.toThrow('You already asked');
        await expect(rep.getRequests!({ modelId: ids.model })).rejects.toThrow('Territory_Plan');
        await expect(
            rep.decide!({ requestId: created.id, accept: true, reply: null })
        ).rejects.toThrow('Territory_Plan');

        const listed = (await planner.getRequests!({ modelId: ids.model })) as { id: string }[];
        expect(listed.map((r) => r.id)).toEqual([created.id]);
        const accepted = await planner.decide!({ requestId: created.id, accept: true, reply: '' });
        expect(accepted).toMatchObject({ status: 'Accepted', honoured: false, reply: null });
        await expect(
            planner.decide!({ requestId: created.id, accept: false, reply: 'no' })
        ).rejects.toThrow('This request was already accepted.');

        // A scenario that pins the account is applied: it is in West now.
        org.store.delete(ids.link, 'ObjectTerritory2Association');
        org.store.load('ObjectTerritory2Association', {
            ObjectId: ids.acme,
            Territory2Id: ids.west,
            AssociationCause: 'Territory2Manual'
        });
        const after = (await planner.getRequests!({ modelId: ids.model })) as {
            honoured: boolean;
        }[];
        expect(after[0]!.honoured).toBe(true);
    });

    it('refuses bad input with what to do, and a decline needs a reply the card shows', async () => {
        await expect(
            rep.requestChange!({ accountId: ids.acme, territoryId: ids.east, reason: ' ' })
        ).rejects.toThrow('Say why');
        await expect(
            rep.requestChange!({ accountId: ids.acme, territoryId: ids.model, reason: 'x' })
        ).rejects.toThrow('Choose the territory');
        await expect(
            rep.requestChange!({ accountId: ids.acme, territoryId: ids.west, reason: 'x' })
        ).rejects.toThrow('already in that territory');
        await expect(
            rep.requestChange!({
                accountId: ids.acme,
                territoryId: ids.east,
                reason: 'x'.repeat(4001)
            })
        ).rejects.toThrow('under 4000 characters');

        const created = (await rep.requestChange!({
            accountId: ids.acme,
            territoryId: ids.east,
            reason: 'Back east'
        })) as { id: string };
        await expect(
            planner.decide!({ requestId: created.id, accept: false, reply: '  ' })
        ).rejects.toThrow('Write a reply');
        await expect(planner.decide!({ requestId: created.id, accept: 'yes' })).rejects.toThrow(
            'Say whether'
        );
        await planner.decide!({ requestId: created.id, accept: false, reply: 'East is full.' });
        const card = (await rep.getAccountRequests!({ accountId: ids.acme })) as {
            requests: { id: string; status: string; reply: string | null }[];
        };
        expect(card.requests.find((r) => r.id === created.id)).toMatchObject({
            status: 'Declined',
            reply: 'East is full.'
        });
    });
});
