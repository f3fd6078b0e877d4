/**
 * The planner as a workspace (UX.md "The workspace, not a long page"), at 1440 × 900 in a real
 * browser against `startDemo` with 30 reps: Generate in view and a few Tab presses away, the
 * job's progress in view, a new hire placed with a click on the map and pinned in compare, the
 * Pending badge opening a proposal in compare, and no serious or critical axe-core violation in
 * the Plan, Compare and Pending views. Screenshots of the three views go to docs/screenshots/.
 */
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { fileURLToPath } from 'node:url';
import { startDemo } from '../../sync-service/src/sandbox/demo.ts';
import { accessibilityViolations, launchBrowser, openPage } from './browser.mjs';
import { activeModel, soql } from './org-state.mjs';

// 30 reps: the rep list that used to push Generate 2,860 px down.
const ORG = { accounts: 900, reps: 30, seed: 5 };
const VIEWPORT = { width: 1440, height: 900 };
// Done-when of issue 17: Generate within this many Tab presses from page load.
const MAX_TABS_TO_GENERATE = 15;
// The worker's turnover schedule, made frequent so a leaving rep becomes a proposal quickly.
const SERVICE_ENV = { TURNOVER_CRON: '*/3 * * * * *', TURNOVER_POLICY: 'propose' };
const JOB_TIMEOUT_MS = 90_000;
const DOCS = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../docs/screenshots');

/** axe-core violations that matter here: serious or critical ones. */
async function seriousViolations(page) {
    return (await accessibilityViolations(page)).filter((line) =>
        /\((serious|critical)\)/.test(line)
    );
}

async function docsShot(page, name) {
    fs.mkdirSync(DOCS, { recursive: true });
    await page.screenshot({ path: path.join(DOCS, `${name}.png`), animations: 'disabled' });
}

/** The text of the focused element, through the components' shadow roots. */
function focusedText(page) {
    return page.evaluate(() => {
        let active = globalThis.document.activeElement;
        while (active?.shadowRoot?.activeElement) active = active.shadowRoot.activeElement;
        return (active?.textContent ?? '').trim();
    });
}

async function inViewport(locator) {
    const box = await locator.boundingBox();
    return (
        !!box &&
        box.y >= 0 &&
        box.x >= 0 &&
        box.y + box.height <= VIEWPORT.height &&
        box.x + box.width <= VIEWPORT.width
    );
}

describe('planner workspace at 1440 × 900', () => {
    let demo;
    let browser;
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

    test('Plan: Generate in view, a few Tab presses away; the page fits the screen', async () => {
        const { page, problems, close } = await openPage(browser, VIEWPORT);
        try {
            await page.goto(demo.plannerUrl);
            const planner = page.locator('c-scenario-planner');
            await planner.locator('c-territory-map .leaflet-container').first().waitFor();
            await planner.locator('c-territory-map path.territory-area').first().waitFor({
                timeout: 30_000
            });
            const generate = planner.getByRole('button', { name: 'Generate scenario' });
            assert.ok(await inViewport(generate), 'Generate is visible without scrolling');

            let presses = 0;
            while (presses < MAX_TABS_TO_GENERATE) {
                await page.keyboard.press('Tab');
                presses += 1;
                if ((await focusedText(page)) === 'Generate scenario') break;
            }
            assert.equal(
                await focusedText(page),
                'Generate scenario',
                `Generate within ${MAX_TABS_TO_GENERATE} Tab presses`
            );
            const height = await page.evaluate(
                () => globalThis.document.documentElement.scrollHeight
            );
            assert.ok(height <= VIEWPORT.height + 40, `the page is ${height} px tall`);
            await page.mouse.move(0, 0);
            await docsShot(page, 'workspace-plan');
            assert.deepEqual(await seriousViolations(page), [], 'Plan view');
            assert.deepEqual(problems, [], 'no errors in the browser console');
            console.log(`# workspace: Generate after ${presses} Tab presses; page ${height} px`);
        } finally {
            await close();
        }
    });

    test('a new hire placed by a map click, progress in view, pinned in Compare', async () => {
        const { page, problems, close } = await openPage(browser, VIEWPORT);
        try {
            await page.goto(demo.plannerUrl);
            const planner = page.locator('c-scenario-planner');
            const map = planner.locator('c-territory-map').first();
            await map.locator('path.territory-area').first().waitFor({ timeout: 30_000 });

            await planner.getByRole('button', { name: 'Add', exact: true }).click();
            const hire = planner.locator('c-scenario-settings .hire').first();
            await hire.getByLabel('Name').fill('Jo Rivera');
            await hire.getByLabel('Name').press('Tab');
            await hire.getByRole('button', { name: 'Place on map' }).click();
            await planner.getByText('Click the map where Jo Rivera lives').waitFor();
            const before = await hire.locator('.hire-location').innerText();
            const box = await map.locator('.leaflet-container').boundingBox();
            await page.mouse.click(box.x + box.width * 0.55, box.y + box.height * 0.5);
            await assert.doesNotReject(
                page.waitForFunction(
                    ([b]) => {
                        const p = globalThis.document.querySelector('c-scenario-planner');
                        const s = p?.shadowRoot?.querySelector('c-scenario-settings');
                        const t = s?.shadowRoot?.querySelector('.hire-location')?.textContent;
                        return t && t.trim() !== b.trim();
                    },
                    [before],
                    { timeout: 10_000 }
                ),
                'the click moved the hire'
            );
            assert.match(await hire.locator('.hire-location').innerText(), /^Home at -?\d/);
            await map.locator('.territory-home-pin_hire').waitFor();
            assert.equal(
                await map.locator('.territory-home-pin_hire').getAttribute('title'),
                'New hire: Jo Rivera'
            );
            await planner.getByRole('button', { name: 'Done' }).click();

            await planner.getByLabel('Scenario name').fill('E2E hire Jo');
            await planner.getByRole('button', { name: 'Generate scenario' }).click();
            // Within seconds of Generate (10 s leaves room for a loaded 2-core machine), and laid
            // out inside the viewport. Watched in the page on every frame: on a quick run the bar
            // shows for a moment only, and the planner then switches to Compare.
            const inView = await page
                .waitForFunction(
                    ([width, height]) => {
                        const p = globalThis.document.querySelector('c-scenario-planner');
                        const bar = p?.shadowRoot?.querySelector('.job-progress');
                        if (!bar) return false;
                        const r = bar.getBoundingClientRect();
                        globalThis.lastProgressBox = JSON.stringify(r);
                        return (
                            r.width > 0 &&
                            r.height > 0 &&
                            r.top >= 0 &&
                            r.left >= 0 &&
                            r.bottom <= height &&
                            r.right <= width
                        );
                    },
                    [VIEWPORT.width, VIEWPORT.height],
                    { timeout: 10_000, polling: 'raf' }
                )
                .then(
                    () => true,
                    () => false
                );
            assert.ok(
                inView,
                `the progress shows in view: ${await page.evaluate(() => globalThis.lastProgressBox)}`
            );

            const compare = planner.locator('c-scenario-compare');
            await compare.getByRole('button', { name: 'Approve…' }).waitFor({
                timeout: JOB_TIMEOUT_MS
            });
            const right = compare.locator('c-territory-map[data-side="b"]');
            await right.locator('path.territory-area').first().waitFor({ timeout: 30_000 });
            await right.locator('.territory-home-pin_hire').waitFor();
            assert.equal(
                await right.locator('.territory-home-pin_hire').getAttribute('title'),
                'New hire: Jo Rivera'
            );
            await compare.locator('.moved tbody tr').first().waitFor();
            // 30 accounts a rep and key accounts above a rep's whole target: this org cannot
            // reach 5 %, and Compare gives the engine's reason beside the figures
            const notes = compare.locator('.engine-notes');
            await notes.waitFor();
            assert.match(
                await notes.innerText(),
                /^Why E2E hire Jo is outside the tolerance\s+\S[\s\S]*alone is [\d.]+ % of the largest Potential target/
            );
            await page.mouse.move(0, 0);
            await docsShot(page, 'workspace-compare');
            assert.deepEqual(await seriousViolations(page), [], 'Compare view');
            assert.deepEqual(problems, [], 'no errors in the browser console');
        } finally {
            await close();
        }
    });

    test('Pending: the badge counts a proposal, which opens in Compare', async () => {
        const { connection } = demo;
        const model = await activeModel(connection);
        const [leaver] = await soql(
            connection,
            'SELECT UserId, User.Name FROM UserTerritory2Association ' +
                `WHERE Territory2.Territory2ModelId = '${model.Id}' AND User.IsActive = TRUE LIMIT 1`
        );
        await connection.sobject('User').update({ Id: leaver.UserId, IsActive: false });
        const deadline = Date.now() + JOB_TIMEOUT_MS;
        let proposal;
        while (!proposal) {
            [proposal] = await soql(
                connection,
                "SELECT Id, Name FROM Territory_Scenario__c WHERE Source__c = 'Turnover' AND Status__c = 'Proposed'"
            );
            if (!proposal) {
                assert.ok(Date.now() < deadline, 'the turnover proposal is made');
                await sleep(500);
            }
        }

        const { page, problems, close } = await openPage(browser, VIEWPORT);
        try {
            await page.goto(demo.plannerUrl);
            const planner = page.locator('c-scenario-planner');
            const pendingTab = planner.getByRole('tab', { name: /Pending/ });
            await planner.locator('.view-badge', { hasText: '1' }).waitFor({ timeout: 30_000 });
            assert.match(await pendingTab.innerText(), /Pending\s*1/);
            await pendingTab.click();
            const item = planner.locator('section.pending li', { hasText: leaver.User.Name });
            await item.waitFor();
            await page.mouse.move(0, 0);
            await docsShot(page, 'workspace-pending');
            assert.deepEqual(await seriousViolations(page), [], 'Pending view');

            await item.getByRole('button', { name: 'Open in compare' }).click();
            const compare = planner.locator('c-scenario-compare');
            await compare
                .getByRole('heading', { name: `Compare Current plan with ${proposal.Name}` })
                .waitFor({
                    timeout: 30_000
                });
            assert.equal(
                await planner.getByRole('tab', { name: 'Compare' }).getAttribute('aria-selected'),
                'true'
            );
            // The leaving rep's pin is crossed out.
            await compare.locator('.territory-home-pin_leaving').first().waitFor();
            assert.deepEqual(problems, [], 'no errors in the browser console');
        } finally {
            await close();
        }
    });
});
