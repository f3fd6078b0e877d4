/**
 * The Performance dashboard in a real browser against `startDemo` (the sample org with its sales
 * history, `territory org --activity`): the demo's start wrote the quarterly rows
 * (Territory_Performance__c) with the territory figures; the "Territory Performance" tab shows
 * them. Picking a quarter redraws the charts (Chart.js from the chartJs static resource) for it:
 * canvases with pixels drawn, the attainment chart with one bar per territory, the KPI tiles and
 * the table for that quarter, the flagged territories named in text. The annual deep-dive adds
 * the drift chart. Screenshot: docs/screenshots/performance.png (README), 1440 × 900.
 */
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdirSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { startDemo } from '../../sync-service/src/sandbox/demo.ts';
import { accessibilityViolations, launchBrowser, openPage, screenshot } from './browser.mjs';
import { soql } from './org-state.mjs';

const DOCS = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../docs/screenshots');
const ORG = { accounts: 3000, reps: 30, seed: 1 };
const DRAW_TIMEOUT_MS = 30_000;

/** Non-transparent pixels of each canvas under `selector` (0 when nothing was drawn). */
function drawnPixels(page, selector) {
    return page.locator(selector).evaluateAll((canvases) =>
        canvases.map((canvas) => {
            const { width, height } = canvas;
            if (!width || !height) return 0;
            const data = canvas.getContext('2d').getImageData(0, 0, width, height).data;
            let drawn = 0;
            for (let i = 3; i < data.length; i += 4) if (data[i] > 0) drawn++;
            return drawn;
        })
    );
}

/** The pixels of one canvas as a string, to tell two drawings apart. */
function canvasImage(page, selector) {
    return page.locator(selector).evaluate((canvas) => canvas.toDataURL());
}

/** Picks an option of a lightning-combobox by its visible label. */
async function pick(page, comboboxClass, optionLabel) {
    await page.locator(`${comboboxClass} button, ${comboboxClass} input`).first().click();
    await page
        .locator(`${comboboxClass} lightning-base-combobox-item`, { hasText: optionLabel })
        .first()
        .click();
}

describe('performance dashboard', () => {
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

    test('performance dashboard charts for a quarter', async () => {
        const stored = await soql(
            demo.connection,
            'SELECT Quarter__c, Sales__c, Quota__c, Territory_Id__c FROM Territory_Performance__c'
        );
        const quarters = [...new Set(stored.map((r) => r.Quarter__c))].sort();
        assert.equal(quarters.length, 8, `eight quarters stored, got ${quarters.join(', ')}`);
        const territories = new Set(stored.map((r) => r.Territory_Id__c)).size;
        // The last complete quarter: the dashboard opens on the newest (the running one).
        const chosen = quarters[quarters.length - 2];
        const newest = quarters[quarters.length - 1];
        const chosenRows = stored.filter((r) => r.Quarter__c === chosen);
        const chosenSales = chosenRows.reduce((sum, r) => sum + r.Sales__c, 0);
        const met = chosenRows.filter((r) => r.Sales__c >= r.Quota__c).length;

        const { page, problems, close } = await openPage(browser, { width: 1440, height: 900 });
        try {
            await page.goto(`${demo.plannerUrl}/lightning/n/Territory_Performance`);
            const table = page.locator('c-territory-performance table.performance-table');
            await table.waitFor({ timeout: DRAW_TIMEOUT_MS });
            await page
                .locator('c-territory-performance .chart-trend canvas')
                .waitFor({ timeout: DRAW_TIMEOUT_MS });
            const firstTrend = await canvasImage(page, '.chart-trend canvas');

            await pick(page, '.quarter-filter', chosen);
            await page
                .locator(`.chart-attainment[data-label$="reached quota in ${chosen}."]`)
                .waitFor({ timeout: DRAW_TIMEOUT_MS });
            // Both charts of the quarterly review drew, and the trend now highlights `chosen`.
            const deadline = Date.now() + DRAW_TIMEOUT_MS;
            while ((await canvasImage(page, '.chart-trend canvas')) === firstTrend) {
                assert.ok(Date.now() < deadline, `the trend chart was not redrawn for ${chosen}`);
                await page.waitForTimeout(100);
            }
            const pixels = await drawnPixels(page, '.chart-trend canvas, .chart-attainment canvas');
            assert.equal(pixels.length, 2, 'a trend chart and an attainment chart');
            for (const drawn of pixels) assert.ok(drawn > 2000, `chart drawn (${drawn} pixels)`);

            // What the charts and tiles say is the chosen quarter's stored rows.
            const attainment = await page.locator('.chart-attainment').getAttribute('data-label');
            assert.equal(
                attainment,
                `${met} of ${territories} territories reached quota in ${chosen}.`
            );
            const salesTile = (
                await page.locator('[data-kpi="sales"] .tile-value').innerText()
            ).replace(/[^0-9]/g, '');
            assert.equal(Number(salesTile), Math.round(chosenSales), 'team sales of the quarter');
            assert.equal(await table.locator('tbody tr').count(), territories);
            const flags = await table.locator('td.flag .missed').allInnerTexts();
            for (const flag of flags) assert.match(flag, /^Missed quota \d quarters in a row$/);
            assert.ok(
                (await page.locator('.flag-summary').innerText()).includes('missed quota'),
                'the flag summary is in words'
            );

            mkdirSync(DOCS, { recursive: true });
            await page.screenshot({
                path: path.join(DOCS, 'performance.png'),
                animations: 'disabled'
            });
            await screenshot(page, 'performance-quarter');

            // The annual deep-dive to today adds the drift chart: the service keeps one deviation
            // snapshot per quarter from its first run on, so the demo's org has today's.
            await pick(page, '.quarter-filter', `${newest} (to date)`);
            await page.locator('.view-switch label', { hasText: 'Annual deep-dive' }).click();
            await page.locator('.chart-drift canvas').waitFor({ timeout: DRAW_TIMEOUT_MS });
            const [drift] = await drawnPixels(page, '.chart-drift canvas');
            assert.ok(drift > 1000, `drift chart drawn (${drift} pixels)`);
            assert.match(
                await page.locator('.drift-summary').innerText(),
                new RegExp(`^The largest deviation was \\d+(\\.\\d)?% in ${newest}\\.`)
            );
            await screenshot(page, 'performance-annual');

            assert.deepEqual(await accessibilityViolations(page), []);
            assert.deepEqual(problems, []);
        } finally {
            await close();
        }
    });
});
