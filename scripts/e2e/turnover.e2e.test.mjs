/**
 * "A rep leaves", in a real browser against `startDemo`: a rep's User is deactivated in the local
 * org; the worker's scheduled turnover job (TURNOVER_CRON, run every few seconds for this test
 * only) notices and, with TURNOVER_POLICY=propose, stores a Proposed scenario; the planner lists
 * it under "Pending proposals", opens it in compare (the moves take the departed rep's accounts
 * away, with at most a few knock-on moves), and approving it leaves no account in the departed
 * rep's territory and none without a territory. Screenshots go to artifacts/screenshots/.
 */
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { setTimeout as sleep } from 'node:timers/promises';
import { startDemo } from '../../sync-service/src/sandbox/demo.ts';
import { accessibilityViolations, launchBrowser, openPage, screenshot } from './browser.mjs';
import { activeModel, assignmentsOf, scenarioCsv, soql } from './org-state.mjs';

const ORG = { accounts: 600, reps: 8, seed: 11 };
// The worker's own schedule, made frequent: every 3 seconds (BullMQ crons take a seconds field).
// One turnover job at a time, as in production where runs are 30 minutes apart.
const SERVICE_ENV = {
    TURNOVER_CRON: '*/3 * * * * *',
    TURNOVER_POLICY: 'propose',
    WORKER_CONCURRENCY: '1'
};
const JOB_TIMEOUT_MS = 60_000;

/** Polls `probe` until it returns something truthy. */
async function eventually(what, probe, timeoutMs = JOB_TIMEOUT_MS) {
    const deadline = Date.now() + timeoutMs;
    for (;;) {
        const value = await probe();
        if (value) return value;
        if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
        await sleep(500);
    }
}

describe('turnover in the browser', () => {
    let demo;
    let browser;
    let proposalMoves;
    const savedEnv = {};

    before(async () => {
        for (const [name, value] of Object.entries(SERVICE_ENV)) {
            savedEnv[name] = process.env[name];
            process.env[name] = value;
        }
        demo = await startDemo({ port: 0, ...ORG, log: () => {} });
        browser = await launchBrowser();
    });

    after(async () => {
        await browser?.close();
        await demo?.close();
        for (const [name, value] of Object.entries(savedEnv)) {
            if (value === undefined) delete process.env[name];
            else process.env[name] = value;
        }
    });

    test('a rep leaves: proposal, compare, approve, and no account is left behind', async () => {
        const { connection } = demo;
        const model = await activeModel(connection);
        const before = await assignmentsOf(connection, model.Id);

        // The departing rep: a typical one (the median territory by accounts).
        const reps = await soql(
            connection,
            'SELECT UserId, User.Name, Territory2Id, Territory2.Name FROM UserTerritory2Association ' +
                `WHERE Territory2.Territory2ModelId = '${model.Id}' AND User.IsActive = TRUE`
        );
        const held = (territoryId) => [...before.values()].filter((t) => t === territoryId).length;
        const holding = reps
            .map((r) => ({ ...r, accounts: held(r.Territory2Id) }))
            .filter((r) => r.accounts > 0)
            .sort((a, b) => a.accounts - b.accounts);
        const leaver = holding[Math.floor(holding.length / 2)];
        assert.ok(leaver, 'the sample org has a rep with accounts');
        const territoryId = leaver.Territory2Id;
        const territoryName = leaver.Territory2.Name;
        const repName = leaver.User.Name;
        assert.equal(
            reps.filter((r) => r.Territory2Id === territoryId).length,
            1,
            'the territory has one rep'
        );

        // No proposal while everyone is here (the schedule has been running since the start).
        const turnoverScenarios = () =>
            soql(
                connection,
                'SELECT Id, Name, Status__c, Summary__c, Accounts_Moved__c FROM Territory_Scenario__c ' +
                    "WHERE Source__c = 'Turnover'"
            );
        assert.deepEqual(await turnoverScenarios(), [], 'no turnover scenario before anyone left');

        // The rep leaves: an admin deactivates the User (REST PATCH, as Setup does).
        const update = await connection.sobject('User').update({
            Id: leaver.UserId,
            IsActive: false
        });
        assert.equal(update.success, true, `deactivating ${repName}`);

        // The scheduled job notices and stores one Proposed scenario. The record is written before
        // its assignments CSV: wait for both (on a loaded machine the gap shows).
        const [proposal] = await eventually('the turnover proposal and its CSV', async () => {
            const rows = await turnoverScenarios();
            const csv = rows[0] && (await scenarioCsv(connection, rows[0].Id).catch(() => null));
            return csv && rows;
        });
        assert.equal(proposal.Status__c, 'Proposed');
        assert.match(
            proposal.Summary__c,
            new RegExp(
                `^Rep ${repName} left: ${leaver.accounts} accounts to \\d+ neighbouring reps?$`
            )
        );
        const csv = await scenarioCsv(connection, proposal.Id);
        const moves = csv.filter((row) => row.PreviousTerritory2Id !== row.Territory2Id);
        const fromLeaver = moves.filter((row) => row.PreviousTerritory2Id === territoryId);
        const knockOn = moves.length - fromLeaver.length;
        assert.equal(fromLeaver.length, leaver.accounts, "every one of the rep's accounts moves");
        proposalMoves = { orphaned: fromLeaver.length, knockOn };
        assert.ok(
            csv.every((row) => row.Territory2Id && row.Territory2Id !== territoryId),
            "no account stays in (or moves to) the departed rep's territory"
        );
        assert.equal(Number(proposal.Accounts_Moved__c), moves.length);

        const { page, problems, close } = await openPage(browser);
        try {
            // The planner lists it as a pending proposal naming the rep and the account count.
            await page.goto(demo.plannerUrl);
            const planner = page.locator('c-scenario-planner');
            await planner.locator('c-territory-map .leaflet-container').first().waitFor();
            // The Pending view (its tab counts the proposals).
            await planner.getByRole('tab', { name: /Pending/ }).click();
            const pending = planner.locator('section.pending');
            await pending.getByText('Pending proposals').waitFor({ timeout: 30_000 });
            const item = pending.locator('li', { hasText: repName });
            await item.waitFor();
            const itemText = await item.innerText();
            assert.match(itemText, /Turnover:/);
            assert.ok(itemText.includes(`Rep ${repName} left`), itemText);
            assert.ok(itemText.includes(`${leaver.accounts} accounts`), itemText);
            await screenshot(page, '08-turnover-pending-proposal');
            assert.deepEqual(await accessibilityViolations(page), [], 'planner: pending proposal');

            // Open in compare: it shows the proposal's moves; every account the departed rep held
            // is among them, and every move not from that territory is a knock-on move.
            await item.getByRole('button', { name: 'Open in compare' }).click();
            const compare = planner.locator('c-scenario-compare');
            await compare.getByRole('button', { name: 'Approve…' }).waitFor({ timeout: 30_000 });
            await compare
                .getByText(`Moved accounts (${moves.length.toLocaleString('en-US')})`)
                .waitFor();
            const movedTable = compare.locator('table', {
                has: page.locator('th', { hasText: 'Why' })
            });
            await movedTable.locator('tbody tr').first().waitFor();
            const fromCells = (
                await movedTable.locator('tbody tr td:nth-of-type(1)').allInnerTexts()
            ).map((from) => from.trim());
            const toCells = (
                await movedTable.locator('tbody tr td:nth-of-type(2)').allInnerTexts()
            ).map((to) => to.trim());
            assert.ok(fromCells.length > 0, 'the compare lists moved accounts');
            assert.ok(!toCells.includes(territoryName), 'nothing moves to the departed territory');
            assert.ok(
                fromCells.filter((from) => from !== territoryName).length <= knockOn,
                'moves listed from other territories are the knock-on moves'
            );
            const listedFromLeaver = fromCells.filter((from) => from === territoryName).length;
            assert.ok(listedFromLeaver > 0, "the departed rep's accounts are listed as moving");
            await screenshot(page, '09-turnover-compare');

            // Approve: the dialog states the count; the write-back runs; status Applied.
            await compare.getByRole('button', { name: 'Approve…' }).click();
            const dialog = page.getByRole('alertdialog', { name: 'Approve scenario' });
            await dialog.waitFor();
            assert.match(
                await dialog.innerText(),
                new RegExp(`${moves.length.toLocaleString('en-US')} accounts? moves?`)
            );
            await dialog.getByRole('button', { name: 'OK' }).click();
            const row = planner.locator('tr', { hasText: proposal.Name });
            await row.getByText('Applied').first().waitFor({ timeout: JOB_TIMEOUT_MS });
            await page.getByText('Scenario applied').first().waitFor();
            await screenshot(page, '10-turnover-applied');
            assert.deepEqual(problems, [], 'no errors in the browser console');
        } finally {
            await close();
        }

        // The org: nothing left in the departed rep's territory, every account has a territory,
        // and the assignments are the proposal's.
        const after = await assignmentsOf(connection, model.Id);
        assert.equal(after.size, before.size, 'every account keeps exactly one territory');
        const accounts = await soql(connection, 'SELECT Id FROM Account');
        const homeless = accounts.filter((a) => !after.has(a.Id)).map((a) => a.Id);
        assert.deepEqual(homeless, [], 'no account without a territory');
        assert.equal(
            [...after.values()].filter((t) => t === territoryId).length,
            0,
            "no account is left in the departed rep's territory"
        );
        for (const rowOfCsv of csv) {
            assert.equal(after.get(rowOfCsv.AccountId), rowOfCsv.Territory2Id);
        }
        const [applied] = await soql(
            connection,
            `SELECT Status__c, Applied_By__c FROM Territory_Scenario__c WHERE Id = '${proposal.Id}'`
        );
        assert.equal(applied.Status__c, 'Applied');
        assert.equal(applied.Applied_By__c, demo.userId);
        // The schedule keeps running: the handled turnover proposes nothing more.
        await sleep(4_000);
        assert.equal((await turnoverScenarios()).length, 1, 'one proposal for one departure');
    });

    // DESIGN.md: "their accounts are redistributed to neighbouring reps" and the engine contract
    // "a rep … who has left: only what must move moves" (the job solves the vacant territory and
    // its nearest neighbours only, with the neighbours' own accounts locked).
    test('a rep leaves: only their accounts move, with few knock-on moves', () => {
        assert.ok(proposalMoves, 'the flow above produced a proposal');
        assert.ok(
            proposalMoves.knockOn <= Math.max(2, Math.ceil(proposalMoves.orphaned * 0.1)),
            `${proposalMoves.knockOn} knock-on moves for ${proposalMoves.orphaned} orphaned accounts`
        );
    });
});
