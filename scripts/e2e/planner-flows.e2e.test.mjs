/**
 * The two user flows in a real browser against `startDemo` (local org, Redis, API, worker and the
 * sandbox rendering the package's real components):
 *  - admin: generate a scenario → compare it with the current plan → approve → the assignments
 *    land in the org (checked with SOQL against the scenario's assignment CSV);
 *  - rep: the Account record page's card names the territory and rep the org holds.
 * Screenshots go to artifacts/screenshots/.
 */
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { startDemo } from '../../sync-service/src/sandbox/demo.ts';
import { accessibilityViolations, launchBrowser, openPage, screenshot } from './browser.mjs';
import { activeModel, assignmentsOf, scenarioCsv, soql } from './org-state.mjs';

// Small enough for a 2-core CI machine, large enough to look like an org on the map.
const ORG = { accounts: 800, reps: 8, seed: 5 };
const SCENARIO_NAME = 'E2E rebalance';
// Generating and applying run as BullMQ jobs; on a loaded 2-core machine allow a minute each.
const JOB_TIMEOUT_MS = 90_000;
// Screenshots the README shows (the settings' trade-off, compare's reasons).
const DOCS = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../docs/screenshots');
// Every reason compare gives for a move (plannerUtils.moveReasonText), none of them blank.
const REASON =
    /^(was unassigned|rep left|locked to |to a new rep|named account|contiguity: |.+ over target on |.+ under target on |closer to its new rep's home|rebalancing)/;

/** The planner's sticky workspace header: 'static' while an element is shot, '' after. */
function setHeaderPosition(page, position) {
    return page.evaluate((value) => {
        const planner = globalThis.document.querySelector('c-scenario-planner');
        const header = planner?.shadowRoot?.querySelector('.workspace-header');
        if (header) header.style.position = value;
    }, position);
}

/**
 * Saves an element's screenshot under docs/screenshots/ and the page's under artifacts/. The
 * sticky header would cover the element's top once it is scrolled into view: it is unstuck for
 * the shot.
 */
async function docsScreenshot(page, locator, name) {
    fs.mkdirSync(DOCS, { recursive: true });
    await setHeaderPosition(page, 'static');
    await locator.screenshot({ path: path.join(DOCS, `${name}.png`), animations: 'disabled' });
    await setHeaderPosition(page, '');
    await screenshot(page, name);
}

describe('planner in the browser', () => {
    let demo;
    let browser;
    let appliedScenarioId;

    before(async () => {
        demo = await startDemo({ port: 0, ...ORG, log: () => {} });
        browser = await launchBrowser();
    });

    after(async () => {
        await browser?.close();
        await demo?.close();
    });

    test('admin: generate, compare, approve, and the plan lands in the org', async () => {
        const { connection } = demo;
        const model = await activeModel(connection);
        const before = await assignmentsOf(connection, model.Id);
        const { page, problems, close } = await openPage(browser);
        try {
            await page.goto(demo.plannerUrl);
            const planner = page.locator('c-scenario-planner');
            // The current plan is on the page: model picked, map drawn, one row per territory.
            await planner.getByRole('combobox', { name: 'Territory model' }).waitFor();
            await assert.doesNotReject(
                planner.getByText(`${model.Name} (Active)`).first().waitFor({ timeout: 30_000 })
            );
            // Every rep's territory has its row in the balance panel.
            const repTerritories = await soql(
                connection,
                'SELECT Territory2.Name FROM UserTerritory2Association ' +
                    `WHERE Territory2.Territory2ModelId = '${model.Id}'`
            );
            assert.ok(repTerritories.length >= ORG.reps, 'the sample org has a territory per rep');
            const panel = planner.locator('c-territory-balance-panel');
            for (const { Territory2 } of repTerritories) {
                await panel.getByText(Territory2.Name, { exact: true }).first().waitFor();
            }
            await planner.locator('c-territory-map .leaflet-container').first().waitFor();
            await screenshot(page, '01-planner-current-plan');
            assert.deepEqual(await accessibilityViolations(page), [], 'planner: current plan');

            // Generate a scenario: progress, then the comparison with the current plan opens.
            await planner.getByLabel('Scenario name').fill(SCENARIO_NAME);
            await planner.getByRole('button', { name: 'Generate scenario' }).click();
            await planner.getByText('Generating scenario…').first().waitFor({ timeout: 15_000 });
            await screenshot(page, '02-planner-generating');
            const compare = planner.locator('c-scenario-compare');
            await compare.waitFor({ timeout: JOB_TIMEOUT_MS });
            await compare.getByRole('button', { name: 'Approve…' }).waitFor();
            await screenshot(page, '03-planner-compare');
            assert.deepEqual(await accessibilityViolations(page), [], 'planner: compare');

            // "Why" gives the reason the service found for each moved account.
            const whys = await compare
                .locator('table.moved tbody tr td:last-child')
                .allInnerTexts();
            assert.ok(whys.length > 0, 'compare lists moved accounts');
            for (const why of whys) assert.match(why, REASON);
            assert.ok(
                whys.some((why) => /over target on|under target on|contiguity|closer/.test(why)),
                `the moves name balance, contiguity or travel: ${[...new Set(whys)].slice(0, 5)}`
            );
            await docsScreenshot(page, compare.locator('.moved-section'), 'compare-why');

            // The slider's costs (in the Plan view): the point from the scenario, then both ends
            // computed on demand.
            await planner.getByRole('tab', { name: 'Plan' }).click();
            const costs = planner.locator('c-scenario-settings .trade-off-costs');
            await costs.getByText('Your point (50)').waitFor();
            assert.match(
                await costs.locator('.trade-off-row_point').innerText(),
                /[\d,]+ km[\s\S]*[\d,]+ moved/
            );
            assert.match(
                await costs.locator('.trade-off-row_compact').innerText(),
                /Not computed yet/
            );
            await costs.getByRole('button', { name: 'Compute both ends' }).click();
            await costs
                .locator('.trade-off-row_compact .trade-off-travel')
                .waitFor({ timeout: JOB_TIMEOUT_MS });
            await costs.locator('.trade-off-row_fewest .trade-off-travel').waitFor();
            await costs.getByText(/Current plan on the same data/).waitFor();
            // The costs box (the settings column scrolls in the workspace: the whole column
            // would not fit one element screenshot).
            await docsScreenshot(page, costs, 'settings-trade-off');
            assert.deepEqual(await accessibilityViolations(page), [], 'planner: trade-off');

            const [scenario] = await soql(
                connection,
                `SELECT Id, Status__c, Accounts_Moved__c FROM Territory_Scenario__c WHERE Name = '${SCENARIO_NAME}'`
            );
            assert.ok(scenario, 'the scenario record exists in the org');
            assert.equal(scenario.Status__c, 'Ready');
            // Back to Compare, where the scenario list and the open comparison are.
            await planner.getByRole('tab', { name: 'Compare' }).click();
            const row = planner.locator('tr', { hasText: SCENARIO_NAME });
            await row.getByText('Ready').waitFor();

            // Approve: the confirm dialog states the counts; the write-back runs; status Applied.
            await compare.getByRole('button', { name: 'Approve…' }).click();
            const dialog = page.getByRole('alertdialog', { name: 'Approve scenario' });
            await dialog.waitFor();
            const moved = Number(scenario.Accounts_Moved__c);
            assert.match(
                await dialog.innerText(),
                new RegExp(`${moved.toLocaleString('en-US')} accounts move`)
            );
            await screenshot(page, '04-planner-approve-dialog', { fullPage: false });
            await dialog.getByRole('button', { name: 'OK' }).click();
            await row.getByText('Applied').waitFor({ timeout: JOB_TIMEOUT_MS });
            await page.getByText('Scenario applied').first().waitFor();
            await screenshot(page, '05-planner-applied');

            // The org holds exactly the scenario's assignment list now.
            const [applied] = await soql(
                connection,
                `SELECT Id, Status__c, Applied_By__c, Applied_At__c FROM Territory_Scenario__c WHERE Id = '${scenario.Id}'`
            );
            assert.equal(applied.Status__c, 'Applied');
            assert.equal(applied.Applied_By__c, demo.userId);
            assert.ok(applied.Applied_At__c, 'Applied_At__c is set');
            const csv = await scenarioCsv(connection, scenario.Id);
            const after = await assignmentsOf(connection, model.Id);
            assert.equal(after.size, before.size, 'every account keeps exactly one territory');
            let changed = 0;
            for (const rowOfCsv of csv) {
                assert.equal(
                    after.get(rowOfCsv.AccountId),
                    rowOfCsv.Territory2Id,
                    `account ${rowOfCsv.AccountId} is in the scenario's territory`
                );
                if (before.get(rowOfCsv.AccountId) !== rowOfCsv.Territory2Id) changed += 1;
            }
            assert.equal(changed, moved, 'the org moved as many accounts as the scenario said');
            assert.ok(moved > 0, 'the unbalanced sample plan needs moves');
            assert.deepEqual(problems, [], 'no errors in the browser console');
            appliedScenarioId = scenario.Id;
        } finally {
            await close();
        }
    });

    test('rep: the account card shows the territory and rep the org holds', async () => {
        const { connection } = demo;
        const model = await activeModel(connection);
        // An account that the applied scenario moved, when there is one: its card must be current.
        let accountId;
        if (appliedScenarioId) {
            const csv = await scenarioCsv(connection, appliedScenarioId);
            accountId = csv.find((row) => row.PreviousTerritory2Id !== row.Territory2Id)?.AccountId;
        }
        if (!accountId) {
            [{ ObjectId: accountId }] = await soql(
                connection,
                `SELECT ObjectId FROM ObjectTerritory2Association WHERE Territory2.Territory2ModelId = '${model.Id}' LIMIT 1`
            );
        }
        const [link] = await soql(
            connection,
            'SELECT Territory2Id, Territory2.Name FROM ObjectTerritory2Association ' +
                `WHERE ObjectId = '${accountId}' AND Territory2.Territory2ModelId = '${model.Id}'`
        );
        const reps = await soql(
            connection,
            `SELECT User.Name FROM UserTerritory2Association WHERE Territory2Id = '${link.Territory2Id}'`
        );
        const [account] = await soql(
            connection,
            `SELECT Name FROM Account WHERE Id = '${accountId}'`
        );

        const { page, problems, close } = await openPage(browser);
        try {
            await page.goto(
                `${demo.plannerUrl.replace(/\/$/, '')}/lightning/r/Account/${accountId}/view`
            );
            await page.locator('#record-name', { hasText: account.Name }).waitFor();
            const card = page.locator('c-account-territory-card');
            await card.getByText(link.Territory2.Name, { exact: true }).first().waitFor();
            for (const rep of reps) {
                await card.getByText(rep.User.Name, { exact: true }).first().waitFor();
            }
            await card.locator('.leaflet-container').first().waitFor();
            await screenshot(page, '06-account-record-page');
            assert.deepEqual(await accessibilityViolations(page), [], 'account record page');
            assert.deepEqual(problems, [], 'no errors in the browser console');
        } finally {
            await close();
        }
    });

    test('rep: from the Accounts tab to a record page', async () => {
        const { connection } = demo;
        const [first] = await soql(
            connection,
            'SELECT Id, Name FROM Account ORDER BY Name LIMIT 1'
        );
        const { page, problems, close } = await openPage(browser);
        try {
            await page.goto(`${demo.plannerUrl.replace(/\/$/, '')}/lightning/o/Account/home`);
            const list = page.locator('sandbox-account-list');
            await list.getByText('Accounts (50)').waitFor();
            await screenshot(page, '06a-accounts-tab', { fullPage: false });
            await list.getByRole('link', { name: first.Name, exact: true }).click();
            await page.waitForURL(`**/lightning/r/Account/${first.Id}/view`);
            await page.locator('c-account-territory-card').getByText('Reps').first().waitFor();
            assert.deepEqual(problems, [], 'no errors in the browser console');
        } finally {
            await close();
        }
    });

    test('service down: the card still works and the planner says why it cannot generate', async () => {
        const { connection } = demo;
        await demo.stopService();
        const [{ ObjectId: accountId, Territory2 }] = await soql(
            connection,
            'SELECT ObjectId, Territory2.Name FROM ObjectTerritory2Association ' +
                "WHERE Territory2.Territory2Model.State = 'Active' LIMIT 1"
        );
        const { page, close } = await openPage(browser);
        try {
            await page.goto(
                `${demo.plannerUrl.replace(/\/$/, '')}/lightning/r/Account/${accountId}/view`
            );
            const card = page.locator('c-account-territory-card');
            await card.getByText(Territory2.Name, { exact: true }).first().waitFor();

            await page.goto(demo.plannerUrl);
            const planner = page.locator('c-scenario-planner');
            await planner.getByText(/Generating scenarios is unavailable/).waitFor();
            await planner.locator('c-territory-map .leaflet-container').first().waitFor();
            assert.equal(
                await planner.getByRole('button', { name: 'Generate scenario' }).isDisabled(),
                true,
                'Generate scenario is disabled while the service is down'
            );
            await screenshot(page, '07-planner-service-down');
            assert.deepEqual(await accessibilityViolations(page), [], 'planner: service down');
        } finally {
            await close();
        }
    });
});
