/**
 * The feedback loop (issue 17, part 6) in a real browser against `startDemo`: on an account card
 * a rep asks to move the account to another territory with a reason; the planner's Pending badge
 * counts it and the Pending view lists it; the planner accepts it; the next generated scenario
 * assigns the account to the requested territory (its assignment CSV says so, and its stored
 * settings pin it); the card shows the request as accepted. Screenshot of the Pending view at
 * 1440 × 900 goes to docs/screenshots/change-request.png.
 */
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { startDemo } from '../../sync-service/src/sandbox/demo.ts';
import { accessibilityViolations, launchBrowser, openPage, screenshot } from './browser.mjs';
import { activeModel, assignmentsOf, scenarioCsv, soql } from './org-state.mjs';

const ORG = { accounts: 300, reps: 6, seed: 17 };
const VIEWPORT = { width: 1440, height: 900 };
const JOB_TIMEOUT_MS = 60_000;
const SCENARIO_NAME = 'Honour the change request';
const REASON = 'The customer moved its buying office next to this territory.';
const DOCS = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../docs/screenshots');

async function seriousViolations(page) {
    return (await accessibilityViolations(page)).filter((line) =>
        /\((serious|critical)\)/.test(line)
    );
}

describe("a rep's change request accepted into a scenario", () => {
    let demo;
    let browser;

    before(async () => {
        demo = await startDemo({ port: 0, ...ORG, log: () => {} });
        browser = await launchBrowser();
    });

    after(async () => {
        await browser?.close();
        await demo?.close();
    });

    test('rep asks on the card → planner accepts under Pending → the scenario moves it', async () => {
        const { connection } = demo;
        const model = await activeModel(connection);
        const assignments = await assignmentsOf(connection, model.Id);
        const repTerritories = await soql(
            connection,
            'SELECT Territory2Id, Territory2.Name FROM UserTerritory2Association ' +
                `WHERE Territory2.Territory2ModelId = '${model.Id}'`
        );
        const staffed = new Map(repTerritories.map((r) => [r.Territory2Id, r.Territory2.Name]));
        // An account in a staffed territory, and the staffed territory that lies farthest from it:
        // no balancing would put it there, only the accepted request.
        const [accountId, fromId] = [...assignments].find(([, t]) => staffed.has(t));
        const [account] = await soql(
            connection,
            `SELECT Name, BillingLatitude, BillingLongitude FROM Account WHERE Id = '${accountId}'`
        );
        const homes = await soql(
            connection,
            'SELECT Territory2Id, User.Territory_Home_Latitude__c, User.Territory_Home_Longitude__c ' +
                `FROM UserTerritory2Association WHERE Territory2.Territory2ModelId = '${model.Id}'`
        );
        const far = homes
            .filter((h) => h.Territory2Id !== fromId && h.User.Territory_Home_Latitude__c !== null)
            .map((h) => ({
                id: h.Territory2Id,
                d: Math.hypot(
                    h.User.Territory_Home_Latitude__c - account.BillingLatitude,
                    h.User.Territory_Home_Longitude__c - account.BillingLongitude
                )
            }))
            .sort((a, b) => b.d - a.d)[0];
        const toId = far.id;
        const toName = staffed.get(toId);

        const { page, problems, close } = await openPage(browser, VIEWPORT);
        try {
            // The rep, on the account's card: Request a change → territory and reason → Send.
            await page.goto(
                `${demo.plannerUrl.replace(/\/$/, '')}/lightning/r/Account/${accountId}/view`
            );
            const card = page.locator('c-account-territory-card c-account-change-request');
            await card.getByRole('button', { name: 'Request a change' }).click({ timeout: 30_000 });
            await card.getByRole('combobox', { name: /Move this account to/ }).click();
            await card.getByRole('option', { name: toName, exact: true }).click();
            await card.getByRole('textbox', { name: /Reason/ }).fill(REASON);
            await card.getByRole('button', { name: 'Send request' }).click();
            await card.getByText('Waiting for a planner').waitFor({ timeout: 15_000 });
            assert.match(await card.locator('.request-target').innerText(), new RegExp(toName));
            assert.deepEqual(await seriousViolations(page), [], 'card with a request');
            await screenshot(page, 'change-request-card');
            const [stored] = await soql(
                connection,
                'SELECT Status__c, From_Territory_Id__c, Requested_Territory_Id__c, Reason__c ' +
                    `FROM Territory_Change_Request__c WHERE Account__c = '${accountId}'`
            );
            assert.deepEqual(stored, {
                ...stored,
                Status__c: 'Open',
                From_Territory_Id__c: fromId,
                Requested_Territory_Id__c: toId,
                Reason__c: REASON
            });

            // The planner: the Pending badge counts it; Accept.
            await page.goto(demo.plannerUrl);
            const planner = page.locator('c-scenario-planner');
            const pendingTab = planner.getByRole('tab', { name: /Pending/ });
            await planner.getByText(`${model.Name} (Active)`).first().waitFor({ timeout: 30_000 });
            await assert.doesNotReject(
                planner.locator('.view-badge').getByText('1').waitFor({ timeout: 15_000 })
            );
            await pendingTab.click();
            const requests = planner.locator('c-change-requests');
            const item = requests.locator('li.open-request', { hasText: account.Name });
            await item.waitFor();
            assert.match(await item.innerText(), new RegExp(REASON));
            fs.mkdirSync(DOCS, { recursive: true });
            await page.screenshot({
                path: path.join(DOCS, 'change-request.png'),
                animations: 'disabled'
            });
            assert.deepEqual(await seriousViolations(page), [], 'Pending view with a request');
            await item.getByRole('button', { name: 'Accept' }).click();
            await requests
                .getByText('Accepted: pinned in the next scenario')
                .waitFor({ timeout: 15_000 });

            // Generate: the scenario puts the account in the requested territory.
            await planner.getByRole('tab', { name: 'Plan' }).click();
            await planner.getByLabel('Scenario name').fill(SCENARIO_NAME);
            await planner.getByRole('button', { name: 'Generate scenario' }).click();
            const compare = planner.locator('c-scenario-compare');
            await compare.getByRole('button', { name: 'Approve…' }).waitFor({
                timeout: JOB_TIMEOUT_MS
            });
            const [scenario] = await soql(
                connection,
                'SELECT Id, Settings_JSON__c FROM Territory_Scenario__c ' +
                    `WHERE Name = '${SCENARIO_NAME}' ORDER BY CreatedDate DESC LIMIT 1`
            );
            assert.deepEqual(JSON.parse(scenario.Settings_JSON__c).pinnedAccounts, {
                [accountId]: toId
            });
            const rows = await scenarioCsv(connection, scenario.Id);
            const row = rows.find((r) => r.AccountId === accountId);
            assert.equal(row.Territory2Id, toId, 'the scenario moves the account where asked');
            assert.equal(row.PreviousTerritory2Id, fromId);

            // Back on the card: accepted, the next plan moves it.
            await page.goto(
                `${demo.plannerUrl.replace(/\/$/, '')}/lightning/r/Account/${accountId}/view`
            );
            await card.getByText('Accepted: the next plan moves it').waitFor({ timeout: 30_000 });
            assert.deepEqual(problems, [], 'no page errors');
        } finally {
            await close();
        }
    });
});
