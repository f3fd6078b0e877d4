/**
 * The planner's Data view (issue 16) in a real browser against `startDemo` with the sample's dirt
 * on (3 % of accounts without coordinates): run the audit, read the missing-coordinates count,
 * select accounts the plan places by postal code, approve "Place at postal code" in the confirm
 * dialog, and see the count drop after the audit that follows — while the local org now holds
 * approximate coordinates (Territory_Approximate_Location__c) on exactly those accounts. The
 * Plan view's settings column then carries the audit's headline before generating.
 * Screenshot: docs/screenshots/data-quality.png at 1440 × 900.
 */
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { startDemo } from '../../sync-service/src/sandbox/demo.ts';
import { accessibilityViolations, launchBrowser, openPage } from './browser.mjs';
import { soql } from './org-state.mjs';

const ORG = { accounts: 600, reps: 8, seed: 3, dirt: true };
const VIEWPORT = { width: 1440, height: 900 };
const JOB_TIMEOUT_MS = 60_000;
const DOCS = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../docs/screenshots');

/** The count in the "Missing coordinates" row of the category table. */
async function missingCount(view) {
    const text = await view
        .locator('.category-table tr[data-category="missing_coordinates"] td.count')
        .textContent();
    return Number(text.replace(/[^0-9]/g, ''));
}

describe('Data quality view: place accounts at their postal code', () => {
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

    test('audit, geocode-and-approve, the count drops and the org holds the coordinates', async () => {
        const { page, problems, close } = await openPage(browser, VIEWPORT);
        try {
            await page.goto(demo.plannerUrl);
            const planner = page.locator('c-scenario-planner');
            await planner.getByRole('tab', { name: 'Data' }).waitFor({ timeout: 30_000 });
            await planner.getByRole('tab', { name: 'Data' }).click();
            const view = planner.locator('c-data-quality.data-view');

            // No audit yet in a fresh demo (or an old one): run it and follow its progress.
            await view.getByRole('button', { name: /Run audit now|Auditing/ }).waitFor();
            await view.getByRole('button', { name: 'Run audit now' }).click();
            const headline = view.locator('p.headline');
            await headline.waitFor({ timeout: JOB_TIMEOUT_MS });
            const before = await missingCount(view);
            assert.ok(before > 0, 'the dirty sample has accounts without coordinates');
            assert.match(
                await headline.textContent(),
                new RegExp(
                    `^${before} accounts? lacks? coordinates: \\d+ placed by postal code, \\d+ excluded\\.$`
                )
            );

            // Select the examples the plan places by postal code (they have a usable ZIP code).
            const examples = view.locator(
                'section.category[data-category="missing_coordinates"] li.example'
            );
            const ids = [];
            for (const example of await examples.all()) {
                const disposition = (await example.locator('.disposition').textContent()).trim();
                if (disposition !== 'Placed by postal code') continue;
                await example.locator('input.select').check();
                ids.push(await example.getAttribute('data-id'));
            }
            assert.ok(ids.length > 0, 'some examples are placed by postal code');
            const stored = await soql(
                demo.connection,
                `SELECT Id, BillingLatitude, BillingLongitude FROM Account WHERE Id IN ('${ids.join("','")}')`
            );
            assert.ok(
                stored.every((a) => a.BillingLatitude === null && a.BillingLongitude === null),
                'the selected accounts have no coordinates before'
            );

            await view.getByRole('button', { name: 'Place at postal code' }).click();
            const dialog = page.getByRole('alertdialog', { name: 'Place at postal code' });
            await dialog.waitFor();
            assert.match(
                await dialog.textContent(),
                new RegExp(`each of ${ids.length} accounts? that has no coordinates`)
            );
            await dialog.getByRole('button', { name: 'OK' }).click();

            const outcome = view.locator('.outcome-heading');
            await outcome.waitFor({ timeout: JOB_TIMEOUT_MS });
            assert.equal(
                await outcome.textContent(),
                `${ids.length} account${ids.length === 1 ? '' : 's'} placed at their postal code, 0 skipped.`
            );
            // The audit that follows the write: the count drops by what was written. The outcome
            // shows before that audit is queued, so its progress may not be there yet: wait for
            // the count itself. The predicate is synchronous: Playwright takes the Promise an
            // async one returns as a truthy answer and stops waiting at once.
            await page.waitForFunction(
                ([expected]) => {
                    const host = globalThis.document
                        .querySelector('c-scenario-planner')
                        ?.shadowRoot?.querySelector('c-data-quality.data-view');
                    const cell = host?.shadowRoot?.querySelector(
                        '.category-table tr[data-category="missing_coordinates"] td.count'
                    );
                    return cell && Number(cell.textContent.replace(/[^0-9]/g, '')) === expected;
                },
                [before - ids.length],
                { timeout: JOB_TIMEOUT_MS }
            );
            assert.equal(await missingCount(view), before - ids.length);
            assert.match(await headline.textContent(), new RegExp(`^${before - ids.length} `));

            // The org: approximate coordinates on exactly those accounts, none overwritten.
            const written = await soql(
                demo.connection,
                'SELECT Id, BillingLatitude, BillingLongitude, Territory_Approximate_Location__c ' +
                    `FROM Account WHERE Id IN ('${ids.join("','")}')`
            );
            assert.equal(written.length, ids.length);
            for (const account of written) {
                assert.equal(account.Territory_Approximate_Location__c, true, account.Id);
                assert.ok(Math.abs(account.BillingLatitude) > 1, `${account.Id} latitude`);
                assert.ok(Math.abs(account.BillingLongitude) > 1, `${account.Id} longitude`);
            }
            const approximate = view.locator(
                '.category-table tr[data-category="approximate_location"] td.count'
            );
            assert.equal(
                Number((await approximate.textContent()).replace(/[^0-9]/g, '')),
                ids.length
            );

            await page.mouse.move(0, 0);
            fs.mkdirSync(DOCS, { recursive: true });
            await page.screenshot({
                path: path.join(DOCS, 'data-quality.png'),
                animations: 'disabled'
            });
            const serious = (await accessibilityViolations(page)).filter((line) =>
                /\((serious|critical)\)/.test(line)
            );
            assert.deepEqual(serious, [], 'Data view');

            // Before generating, the settings panel says the same sentence.
            const sentence = await headline.textContent();
            await planner.getByRole('tab', { name: 'Plan' }).click();
            const summary = planner.locator('c-data-quality.data-summary p.data-summary');
            await summary.waitFor({ timeout: 10_000 });
            assert.equal((await summary.textContent()).trim(), sentence);
            assert.deepEqual(problems, [], 'no errors in the browser console');
            console.log(
                `# data quality: ${before} without coordinates, ${ids.length} placed, ${before - ids.length} left`
            );
        } finally {
            await close();
        }
    });
});
