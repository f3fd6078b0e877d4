/**
 * The territory map in a real browser against `startDemo`: the planner draws territories as
 * filled areas (SVG paths, one per territory with accounts, neighbours in different colours)
 * labelled with the reps' names, rep homes as pins, a legend whose counts are of all the model's
 * accounts, and a heat layer with its scale; the rep card's mini map draws its territory's area.
 * Screenshots of both maps go to docs/screenshots/ (README) as well as artifacts/screenshots/.
 * E2E_MAP_ACCOUNTS sets the org size (default 5,000; 50,000 shows the large-org path: the map
 * draws from the postal units the service stored, which cover every account, not from a sample).
 * Before any apply, the balance panel shows the figures the service wrote at the demo's start.
 * Compare draws both plans as filled areas (at 50,000 the scenario per postal unit, from the
 * service's compare answer), a territory in the same colour on both maps.
 */
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdirSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { startDemo } from '../../sync-service/src/sandbox/demo.ts';
import { accessibilityViolations, launchBrowser, openPage, screenshot } from './browser.mjs';
import { activeModel, soql } from './org-state.mjs';

const ACCOUNTS = Number(process.env.E2E_MAP_ACCOUNTS ?? 5000);
const ORG = { accounts: ACCOUNTS, reps: 30, seed: 1 };
const SIZE = ACCOUNTS >= 1000 ? `${Math.round(ACCOUNTS / 1000)}k` : String(ACCOUNTS);
const DOCS = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../docs/screenshots');
// Building the areas of a few thousand postal units takes a moment on a loaded machine.
const DRAW_TIMEOUT_MS = 60_000;
// Above this many accounts TerritoryPlanController sends postal units instead of accounts.
const MAP_ACCOUNT_LIMIT = 10_000;
// Generating a scenario runs as a BullMQ job; at 50,000 accounts on a loaded machine, minutes.
const JOB_TIMEOUT_MS = 300_000;

/** Saves the element's screenshot under docs/screenshots/ and the page's under artifacts/. */
async function shoot(page, locator, name) {
    mkdirSync(DOCS, { recursive: true });
    await locator.screenshot({ path: path.join(DOCS, `${name}.png`), animations: 'disabled' });
    await screenshot(page, name);
}

/** What the SVG says about each territory area: its fill colour and opacity. */
function areaFills(map) {
    return map.locator('path.territory-area').evaluateAll((paths) =>
        paths.map((p) => ({
            fill: p.getAttribute('fill'),
            opacity: Number(p.getAttribute('fill-opacity')),
            length: (p.getAttribute('d') || '').length
        }))
    );
}

describe(`territory map in the browser (${SIZE} accounts)`, () => {
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

    test('planner: filled territory areas, rep names, pins, legend of all accounts, heat scale', async () => {
        const { connection } = demo;
        const model = await activeModel(connection);
        const links = await soql(
            connection,
            'SELECT Territory2Id, COUNT(Id) n FROM ObjectTerritory2Association ' +
                `WHERE Territory2.Territory2ModelId = '${model.Id}' GROUP BY Territory2Id`
        );
        const totalAccounts = links.reduce((sum, row) => sum + Number(row.n), 0);
        const repNames = new Set(
            (
                await soql(
                    connection,
                    'SELECT User.Name FROM UserTerritory2Association ' +
                        `WHERE Territory2.Territory2ModelId = '${model.Id}'`
                )
            ).map((row) => row.User.Name)
        );

        const { page, problems, close } = await openPage(browser);
        try {
            await page.goto(demo.plannerUrl);
            const planner = page.locator('c-scenario-planner');
            const map = planner.locator('c-territory-map').first();
            await map.locator('path.territory-area').first().waitFor({ timeout: DRAW_TIMEOUT_MS });

            // One filled area per territory that holds accounts, not hulls around dots.
            const fills = await areaFills(map);
            assert.equal(fills.length, links.length, 'one area per territory with accounts');
            for (const area of fills) {
                assert.match(area.fill, /^#[0-9a-f]{6}$/i, 'areas are filled with a colour');
                assert.ok(area.opacity >= 0.3, `areas are visibly filled (${area.opacity})`);
                assert.ok(area.length > 20, 'each area has a real outline');
            }
            assert.ok(new Set(fills.map((a) => a.fill)).size >= 4, 'neighbours get other colours');

            // Rep names on the map (those that fit without overlapping), rep homes as pins.
            const labels = await map
                .locator('.territory-area-label')
                .evaluateAll((nodes) =>
                    nodes.filter((n) => n.style.display !== 'none').map((n) => n.textContent)
                );
            assert.ok(labels.length >= 5, `rep names are shown on the map (${labels.length})`);
            for (const label of labels) {
                assert.ok(
                    label.split(', ').every((name) => repNames.has(name)) ||
                        label.endsWith('(no rep)'),
                    `label "${label}" names the territory's reps`
                );
            }
            assert.ok((await map.locator('.territory-home-pin').count()) >= links.length - 1);

            // The legend counts every account of the model, whatever the map draws.
            const counts = await map
                .locator('.legend-count')
                .evaluateAll((nodes) =>
                    nodes.map((n) => Number(n.textContent.replace(/[^0-9]/g, '')))
                );
            assert.equal(
                counts.reduce((sum, n) => sum + n, 0),
                totalAccounts,
                'legend counts are of all accounts'
            );

            // What the map draws from: every account, never a sample of them.
            const note = (await planner.locator('.map-note').textContent()).trim();
            assert.doesNotMatch(note, /first [\d,]+ accounts/, 'no sample of the accounts');
            const drawn = await map.evaluate((element) => ({
                accounts: element.accounts.length,
                units: element.units.length,
                unitAccounts: element.units.reduce((sum, u) => sum + u.accountCount, 0),
                partial: element.partial
            }));
            assert.equal(drawn.partial, false, 'the map has all of the plan');
            if (ACCOUNTS > MAP_ACCOUNT_LIMIT) {
                const [unitRows] = await soql(
                    connection,
                    'SELECT COUNT(Id) n FROM Territory_Unit__c ' +
                        `WHERE Territory_Model_Id__c = '${model.Id}'`
                );
                assert.equal(drawn.accounts, 0, 'postal units instead of accounts');
                assert.equal(drawn.units, Number(unitRows.n), 'every stored unit is drawn');
                assert.equal(drawn.unitAccounts, totalAccounts, 'the units hold every account');
                assert.match(
                    note,
                    new RegExp(`drawn from all ${totalAccounts.toLocaleString('en-US')} accounts`)
                );
            } else {
                assert.equal(drawn.accounts, totalAccounts, 'every account is drawn');
                assert.equal(note, '');
            }

            // Before any apply the balance panel has each territory's figures, written by the
            // service when the demo started: no $0, no "no target" where a territory has accounts.
            const panel = planner.locator('c-territory-balance-panel');
            const stored = await soql(
                connection,
                'SELECT Name, Account_Count__c, Potential__c, Workload__c FROM Territory2 ' +
                    `WHERE Territory2ModelId = '${model.Id}' AND Account_Count__c > 0`
            );
            assert.equal(stored.length, links.length, 'figures for every territory with accounts');
            for (const territory of stored) {
                assert.ok(territory.Potential__c > 0 && territory.Workload__c > 0, territory.Name);
                const row = panel.locator('tbody tr', {
                    has: page.locator('.territory-name', {
                        hasText: new RegExp(
                            `^${territory.Name.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}$`
                        )
                    })
                });
                const values = await row.first().locator('.bar-value').allTextContents();
                assert.ok(values.length >= 2, `${territory.Name}: a bar per measure`);
                for (const value of values)
                    assert.match(value, /[1-9]/, `${territory.Name}: non-zero figure (${value})`);
                const deviation = await row.first().locator('.col-deviation').textContent();
                assert.doesNotMatch(deviation, /no target/, `${territory.Name} has a target`);
            }
            assert.match(
                await panel.locator('.total-deviation').textContent(),
                /[1-9][\d.,]* ?%/,
                'the plan has a max deviation'
            );
            await shoot(page, map, `map-planner-${SIZE}`);
            assert.deepEqual(await accessibilityViolations(page), [], 'planner with areas');

            // The heat layer comes with its scale.
            await planner.getByText('Heat of potential').first().click();
            const heatScale = map.locator('.heat-scale');
            await heatScale.waitFor();
            // Units and accounts alike cover the whole plan: no "(accounts loaded)".
            assert.match(await heatScale.textContent(), /Potential per postal unit\s*0\s*[\d.,]+/);
            assert.equal(await map.locator('canvas.leaflet-heatmap-layer').count(), 1);
            await shoot(page, map, `map-planner-heat-${SIZE}`);
            assert.deepEqual(problems, [], 'no errors in the browser console');
        } finally {
            await close();
        }
    });

    test('compare: both plans drawn as filled areas, each territory in one colour on both maps', async () => {
        const { page, problems, close } = await openPage(browser);
        try {
            await page.goto(demo.plannerUrl);
            const planner = page.locator('c-scenario-planner');
            await planner.locator('c-territory-map path.territory-area').first().waitFor({
                timeout: DRAW_TIMEOUT_MS
            });
            await planner.getByLabel('Scenario name').fill(`E2E compare ${SIZE}`);
            await planner.getByRole('button', { name: 'Generate scenario' }).click();
            const compare = planner.locator('c-scenario-compare');
            await compare.waitFor({ timeout: JOB_TIMEOUT_MS });
            const maps = compare.locator('c-territory-map');
            assert.equal(await maps.count(), 2);
            for (const side of ['a', 'b']) {
                const map = compare.locator(`c-territory-map[data-side="${side}"]`);
                await map
                    .locator('path.territory-area')
                    .first()
                    .waitFor({ timeout: DRAW_TIMEOUT_MS });
                const fills = await areaFills(map);
                assert.ok(
                    fills.length >= 10,
                    `map ${side}: an area per territory (${fills.length})`
                );
                for (const area of fills) {
                    assert.match(area.fill, /^#[0-9a-f]{6}$/i, `map ${side}: filled areas`);
                    assert.ok(area.opacity >= 0.3, `map ${side}: visibly filled (${area.opacity})`);
                    assert.ok(area.length > 20, `map ${side}: real outlines`);
                }
            }
            const drawn = await maps.evaluateAll((elements) =>
                elements.map((element) => ({
                    accounts: element.accounts.length,
                    units: element.units.length,
                    unitAccounts: element.units.reduce((sum, u) => sum + u.accountCount, 0),
                    territories: new Set(element.units.map((u) => u.territoryId)).size
                }))
            );
            const [a, b] = drawn;
            if (ACCOUNTS > MAP_ACCOUNT_LIMIT) {
                // Postal units on both sides: the scenario's as the service placed them.
                assert.equal(a.accounts + b.accounts, 0, 'postal units instead of accounts');
                assert.ok(
                    b.units > 0 && b.units === a.units,
                    `both maps draw every unit (${b.units})`
                );
                assert.equal(b.unitAccounts, a.unitAccounts, 'the same accounts on both maps');
                assert.ok(b.territories >= 10, `the scenario's units in its territories`);
            } else {
                assert.ok(a.accounts > 0 && b.accounts === a.accounts, 'accounts on both maps');
            }
            // One colour per territory on both maps, once both have reported their borders.
            const colorsOf = () =>
                maps.evaluateAll((elements) =>
                    elements.map((e) => JSON.stringify(e.territoryColors ?? null))
                );
            let colors = await colorsOf();
            for (let waited = 0; colors.includes('null') && waited < DRAW_TIMEOUT_MS;) {
                await page.waitForTimeout(250);
                waited += 250;
                colors = await colorsOf();
            }
            assert.notEqual(colors[0], 'null', 'the maps share their colours');
            assert.equal(colors[0], colors[1], 'both maps colour a territory alike');
            await shoot(page, compare.locator('.maps'), `compare-${SIZE}`);
            assert.deepEqual(problems, [], 'no errors in the browser console');
        } finally {
            await close();
        }
    });

    test('rep card: the mini map fills its territory with the account and rep home on it', async () => {
        const { connection } = demo;
        const [link] = await soql(
            connection,
            'SELECT ObjectId, Territory2.Name FROM ObjectTerritory2Association ' +
                "WHERE Territory2.Territory2Model.State = 'Active' ORDER BY ObjectId LIMIT 1"
        );
        const { page, problems, close } = await openPage(browser);
        try {
            await page.goto(
                `${demo.plannerUrl.replace(/\/$/, '')}/lightning/r/Account/${link.ObjectId}/view`
            );
            const card = page.locator('c-account-territory-card');
            await card.getByText(link.Territory2.Name, { exact: true }).first().waitFor();
            const map = card.locator('c-territory-map');
            await map.locator('path.territory-area').first().waitFor({ timeout: DRAW_TIMEOUT_MS });
            const fills = await areaFills(map);
            assert.equal(fills.length, 1, 'the card draws its own territory');
            assert.ok(fills[0].opacity >= 0.3, 'filled');
            assert.ok((await map.locator('.territory-home-pin').count()) >= 1, 'rep home pin');
            await shoot(page, card, `map-rep-card-${SIZE}`);
            assert.deepEqual(problems, [], 'no errors in the browser console');
        } finally {
            await close();
        }
    });
});
