/**
 * Rollout with transparency (issue 17, part 5) in a real browser against `startDemo`: a planner
 * generates a scenario, sees each rep's "what changes for me" in Compare, approves it for a day
 * ahead; the account card of an affected territory shows the pending change with its effective
 * date and the rep's gains and losses; nothing is written and no one is notified yet. Approved
 * again for today, the scenario is applied and every affected rep has a Custom Notification in
 * the local org whose link opens the Territory Rollout tab: "What changes for <rep>" lists the
 * accounts gained and lost by name. Screenshots at 1440 × 900 go to docs/screenshots/rollout.png
 * (the tab a notification opens) and rollout-card.png (the pending change on the card).
 */
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { startDemo } from '../../sync-service/src/sandbox/demo.ts';
import { accessibilityViolations, launchBrowser, openPage, screenshot } from './browser.mjs';
import { activeModel, assignmentsOf, scenarioCsv, soql } from './org-state.mjs';

const ORG = { accounts: 300, reps: 6, seed: 29 };
const VIEWPORT = { width: 1440, height: 900 };
const JOB_TIMEOUT_MS = 60_000;
const SCENARIO_NAME = 'Rollout to the reps';
const DOCS = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../docs/screenshots');

async function seriousViolations(page) {
    return (await accessibilityViolations(page)).filter((line) =>
        /\((serious|critical)\)/.test(line)
    );
}

/** YYYY-MM-DD of a day `offset` days from today, in the browser's (en-US, local) calendar. */
function day(offset = 0) {
    const d = new Date(Date.now() + offset * 86_400_000);
    const pad = (n) => String(n).padStart(2, '0');
    return `${d.getFullYear()}-${pad(d.getMonth() + 1)}-${pad(d.getDate())}`;
}

/** The notifications the local org holds (Connect REST notifications list). */
async function notifications(connection) {
    const response = await fetch(
        `${connection.instanceUrl}/services/data/v${connection.version}/connect/notifications`,
        { headers: { authorization: `Bearer ${connection.accessToken}` } }
    );
    if (!response.ok) throw new Error(`notifications: HTTP ${response.status}`);
    return (await response.json()).notifications;
}

/** Types a date into a lightning-input of type date and leaves the field, as a user does. */
async function setDate(input, value) {
    const [y, m, d] = value.split('-').map(Number);
    const text = new Date(y, m - 1, d).toLocaleDateString('en-US', {
        month: 'short',
        day: 'numeric',
        year: 'numeric'
    });
    const box = input.locator('input');
    await box.fill(text);
    await box.press('Tab');
}

describe('rollout: notification and the rep\'s "what changes for me"', () => {
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

    test('approve for later → pending on the card → approve for today → notified → what changes', async () => {
        const { connection } = demo;
        const model = await activeModel(connection);
        const before = await assignmentsOf(connection, model.Id);
        const staffing = await soql(
            connection,
            'SELECT Territory2Id, UserId, User.Name FROM UserTerritory2Association ' +
                `WHERE Territory2.Territory2ModelId = '${model.Id}'`
        );
        const repOf = new Map(staffing.map((s) => [s.Territory2Id, s]));

        const planner = await openPage(browser, VIEWPORT);
        const card = await openPage(browser, VIEWPORT);
        try {
            const { page } = planner;
            await page.goto(demo.plannerUrl);
            const workspace = page.locator('c-scenario-planner');
            await workspace
                .getByText(`${model.Name} (Active)`)
                .first()
                .waitFor({ timeout: 30_000 });
            await workspace.getByLabel('Scenario name').fill(SCENARIO_NAME);
            await workspace.getByRole('button', { name: 'Generate scenario' }).click();
            const compare = workspace.locator('c-scenario-compare');
            await compare.getByRole('button', { name: 'Approve…' }).waitFor({
                timeout: JOB_TIMEOUT_MS
            });
            const [scenario] = await soql(
                connection,
                `SELECT Id FROM Territory_Scenario__c WHERE Name = '${SCENARIO_NAME}' LIMIT 1`
            );
            const rows = await scenarioCsv(connection, scenario.Id);
            const moved = rows.filter((r) => r.Territory2Id !== r.PreviousTerritory2Id);
            assert.ok(moved.length > 0, 'the scenario moves accounts');
            const gainedBy = (t) => moved.filter((r) => r.Territory2Id === t);
            const lostBy = (t) => moved.filter((r) => r.PreviousTerritory2Id === t);
            const affected = [
                ...new Set(moved.flatMap((r) => [r.Territory2Id, r.PreviousTerritory2Id]))
            ].filter((t) => repOf.has(t));
            assert.ok(affected.length > 0, 'a staffed territory changes');

            // Compare: each rep's "what changes for me", with a rep picker and a CSV export.
            const panel = compare.locator('c-rollout-changes');
            await panel
                .locator('.heading')
                .getByText(/^What changes for /)
                .waitFor();
            await panel.getByRole('combobox', { name: 'Rep' }).waitFor();
            await panel.scrollIntoViewIfNeeded();
            await screenshot(page, 'rollout-compare', { fullPage: false });
            assert.deepEqual(await seriousViolations(page), [], 'Compare with the rollout panel');
            assert.match(
                await panel.locator('a.export').getAttribute('download'),
                /^what-changes-Rollout-to-the-reps-.+\.csv$/
            );

            // Approve for a day ahead: the confirm names the day; nothing is written yet.
            const ahead = day(7);
            await setDate(compare.locator('lightning-input.effective-date'), ahead);
            await compare.getByRole('button', { name: 'Approve…' }).click();
            const dialog = page.getByRole('alertdialog', { name: 'Approve scenario' });
            await dialog.waitFor();
            assert.match(await dialog.innerText(), new RegExp(`on ${ahead}\\? Each affected rep`));
            await dialog.getByRole('button', { name: 'OK' }).click();
            await workspace.getByText(`is approved for ${ahead}`).first().waitFor({
                timeout: 15_000
            });
            const [waiting] = await soql(
                connection,
                `SELECT Status__c, Effective_Date__c FROM Territory_Scenario__c WHERE Id = '${scenario.Id}'`
            );
            assert.deepEqual(waiting, {
                ...waiting,
                Status__c: 'Approved',
                Effective_Date__c: ahead
            });
            assert.deepEqual(await assignmentsOf(connection, model.Id), before, 'nothing written');
            assert.deepEqual(await notifications(connection), [], 'no one notified yet');

            // The card of an account leaving a staffed territory: the pending change and its date.
            const losing = affected.find((t) => lostBy(t).length > 0);
            const leaving = lostBy(losing)[0].AccountId;
            const rep = repOf.get(losing);
            await card.page.goto(
                `${demo.plannerUrl.replace(/\/$/, '')}/lightning/r/Account/${leaving}/view`
            );
            const banner = card.page.locator('c-account-territory-card c-rollout-pending');
            const text = banner.locator('.pending-text');
            await text.waitFor({ timeout: 30_000 });
            const lost = lostBy(losing).length;
            assert.equal(
                await text.innerText(),
                `Pending change for ${rep.User.Name}: gains ${gainedBy(losing).length} and loses ${lost} ${lost === 1 ? 'account' : 'accounts'}, effective ${ahead}.`
            );
            await banner.getByRole('button', { name: 'What changes' }).click();
            const [leavingAccount] = await soql(
                connection,
                `SELECT Name FROM Account WHERE Id = '${leaving}'`
            );
            await banner
                .locator('table.lost')
                .getByText(leavingAccount.Name, { exact: true })
                .waitFor({ timeout: 15_000 });
            assert.deepEqual(await seriousViolations(card.page), [], 'card with a pending change');
            fs.mkdirSync(DOCS, { recursive: true });
            await banner.scrollIntoViewIfNeeded();
            await card.page.screenshot({
                path: path.join(DOCS, 'rollout-card.png'),
                animations: 'disabled'
            });

            // Approved again for today: written now, and every affected rep is notified.
            await setDate(compare.locator('lightning-input.effective-date'), day(0));
            await compare.getByRole('button', { name: 'Approve…' }).click();
            await dialog.waitFor();
            await dialog.getByRole('button', { name: 'OK' }).click();
            await page.getByText('Scenario applied').first().waitFor({ timeout: JOB_TIMEOUT_MS });
            const now = await assignmentsOf(connection, model.Id);
            for (const r of rows) assert.equal(now.get(r.AccountId), r.Territory2Id, r.AccountId);

            const sent = await notifications(connection);
            assert.equal(sent.length, affected.length, 'one notification per affected rep');
            for (const territoryId of affected) {
                const to = repOf.get(territoryId);
                const note = sent.find((n) => n.recipientId.startsWith(to.UserId.slice(0, 15)));
                assert.ok(note, `${to.User.Name} is notified`);
                assert.equal(note.type, 'Territory_Rollout');
                const g = gainedBy(territoryId).length;
                const l = lostBy(territoryId).length;
                assert.match(
                    note.messageBody,
                    new RegExp(`you gain ${g} accounts? and lose ${l} accounts?`)
                );
                assert.deepEqual(JSON.parse(note.targetPageRef), {
                    type: 'standard__navItemPage',
                    attributes: { apiName: 'Territory_Rollout' },
                    state: { c__scenarioId: scenario.Id, c__territoryId: territoryId }
                });
            }

            // The notification's link: the Territory Rollout tab with the rep's gains and losses.
            const gaining = affected.find((t) => gainedBy(t).length > 0);
            const note = sent.find((n) =>
                n.recipientId.startsWith(repOf.get(gaining).UserId.slice(0, 15))
            );
            const { state } = JSON.parse(note.targetPageRef);
            await card.page.goto(
                `${demo.plannerUrl.replace(/\/$/, '')}/lightning/n/Territory_Rollout?${new URLSearchParams(state)}`
            );
            const changes = card.page.locator('c-rollout-changes');
            await changes
                .locator('.heading')
                .getByText(`What changes for ${repOf.get(gaining).User.Name}`)
                .waitFor({ timeout: 30_000 });
            const names = async (ids) =>
                ids.length === 0
                    ? []
                    : (
                          await soql(
                              connection,
                              `SELECT Name FROM Account WHERE Id IN ('${ids.join("','")}')`
                          )
                      )
                          .map((a) => a.Name)
                          .sort();
            const listed = async (table) =>
                (await changes.locator(`table.${table} tbody th`).allInnerTexts()).sort();
            assert.deepEqual(
                await listed('gained'),
                await names(gainedBy(gaining).map((r) => r.AccountId))
            );
            assert.deepEqual(
                await listed('lost'),
                await names(lostBy(gaining).map((r) => r.AccountId))
            );
            const accountsRow = await changes.locator('tr[data-figure="accounts"]').innerText();
            const delta = gainedBy(gaining).length - lostBy(gaining).length;
            if (delta !== 0)
                assert.match(
                    accountsRow,
                    new RegExp(`${delta > 0 ? '\\+' : '−'}${Math.abs(delta)}`)
                );
            assert.deepEqual(await seriousViolations(card.page), [], 'the Territory Rollout tab');
            await card.page.screenshot({
                path: path.join(DOCS, 'rollout.png'),
                animations: 'disabled'
            });
            await screenshot(card.page, 'rollout-tab');
            assert.deepEqual(planner.problems, [], 'no page errors in the planner');
            assert.deepEqual(card.problems, [], 'no page errors on the card and tab');
        } finally {
            await planner.close();
            await card.close();
        }
    });
});
