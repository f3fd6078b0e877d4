/**
 * The rep's week on the map (issue 15) in a real browser against `startDemo`: on an account card,
 * "Plan this week" queues the visit-routes job for the territory's rep, the component follows it
 * and draws one SVG route per working day and one numbered marker per scheduled visit (as many as
 * the plan the service stored, and every account of the rep's territory either scheduled or listed
 * with its reason); the legend filters the map to one day; the planner shows the same week for a
 * territory selected in the balance panel. Screenshots at 1440 × 900 go to docs/screenshots/.
 */
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { startDemo } from '../../sync-service/src/sandbox/demo.ts';
import { accessibilityViolations, launchBrowser, openPage } from './browser.mjs';
import { activeModel, soql } from './org-state.mjs';

// Enough reps that territories are regional, so a week can visit most of a territory.
const ORG = { accounts: 600, reps: 24, seed: 15 };
const VIEWPORT = { width: 1440, height: 900 };
const JOB_TIMEOUT_MS = 60_000;
const DOCS = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../docs/screenshots');

/** Calls an @AuraEnabled method of the sandbox's TypeScript twin, as the page does. */
async function apex(demo, className, methodName, params) {
    const response = await fetch(
        `${demo.plannerUrl.replace(/\/$/, '')}/sandbox/apex/${className}/${methodName}`,
        {
            method: 'POST',
            headers: { 'content-type': 'application/json' },
            body: JSON.stringify({ params })
        }
    );
    const body = await response.json();
    if (!response.ok) throw new Error(`${className}.${methodName}: ${body.message}`);
    return body;
}

async function seriousViolations(page) {
    return (await accessibilityViolations(page)).filter((line) =>
        /\((serious|critical)\)/.test(line)
    );
}

describe("the rep's week on the map", () => {
    let demo;
    let browser;
    let model;
    let target;

    before(async () => {
        demo = await startDemo({ port: 0, ...ORG, log: () => {} });
        browser = await launchBrowser();
        model = await activeModel(demo.connection);
        // The single-rep territory whose accounts lie nearest its rep's home: a week that
        // schedules most visits (a far-flung territory would mostly list "too far for one day").
        const reps = await soql(
            demo.connection,
            'SELECT Territory2Id, Territory2.Name, UserId, User.Name, ' +
                'User.Territory_Home_Latitude__c, User.Territory_Home_Longitude__c ' +
                `FROM UserTerritory2Association WHERE Territory2.Territory2ModelId = '${model.Id}'`
        );
        const links = await soql(
            demo.connection,
            'SELECT ObjectId, Territory2Id FROM ObjectTerritory2Association ' +
                `WHERE Territory2.Territory2ModelId = '${model.Id}' AND SobjectType = 'Account'`
        );
        const accounts = new Map(
            (
                await soql(
                    demo.connection,
                    'SELECT Id, BillingLatitude, BillingLongitude FROM Account ' +
                        'WHERE BillingLatitude != null'
                )
            ).map((a) => [a.Id, a])
        );
        const repsByTerritory = Map.groupBy(reps, (r) => r.Territory2Id);
        const accountsByTerritory = Map.groupBy(links, (l) => l.Territory2Id);
        const spread = (rep, ids) => {
            const degrees = ids
                .map((id) => accounts.get(id))
                .filter(Boolean)
                .map((a) =>
                    Math.hypot(
                        a.BillingLatitude - rep.User.Territory_Home_Latitude__c,
                        a.BillingLongitude - rep.User.Territory_Home_Longitude__c
                    )
                );
            return degrees.reduce((sum, d) => sum + d, 0) / Math.max(1, degrees.length);
        };
        const candidates = [...repsByTerritory]
            .filter(([, rs]) => rs.length === 1 && rs[0].User.Territory_Home_Latitude__c !== null)
            .map(([id, [rep]]) => {
                const ids = (accountsByTerritory.get(id) ?? []).map((l) => l.ObjectId).sort();
                return { id, rep, ids, spread: spread(rep, ids) };
            })
            .filter((c) => c.ids.length > 5)
            .sort((a, b) => a.spread - b.spread);
        const best = candidates[0];
        target = {
            territoryId: best.id,
            territoryName: best.rep.Territory2.Name,
            repId: best.rep.UserId,
            repName: best.rep.User.Name,
            accountIds: best.ids
        };
        assert.ok(target.accountIds.length > 5, 'the territory has accounts to visit');
    });

    after(async () => {
        await browser?.close();
        await demo?.close();
    });

    test('account card: plan the week, see a route per day and a numbered stop per visit', async () => {
        const { page, problems, close } = await openPage(browser, VIEWPORT);
        try {
            const accountId = target.accountIds[0];
            await page.goto(
                `${demo.plannerUrl.replace(/\/$/, '')}/lightning/r/Account/${accountId}/view`
            );
            const week = page.locator('c-account-territory-card c-rep-week-map');
            const planButton = week.locator('lightning-button.plan-week button');
            await planButton.waitFor({ timeout: 30_000 });
            // A plan kept from an earlier run (Redis keeps plans 14 days) offers "Plan again".
            await planButton.click();
            await week
                .locator('.planning')
                .waitFor({ timeout: 10_000 })
                .catch(() => {});
            await week.locator('.planning').waitFor({ state: 'detached', timeout: JOB_TIMEOUT_MS });
            await week.locator('path.route-line').first().waitFor({ timeout: 15_000 });

            const { status, plan } = await apex(demo, 'TerritoryRoutesController', 'getRoutes', {
                modelId: model.Id,
                repId: target.repId
            });
            assert.equal(status, 'planned');
            assert.equal(plan.days.length, 5, 'a working week');
            assert.ok(
                plan.days.every((d) => typeof d.date === 'string'),
                'the days carry dates (the week starts on a Monday)'
            );
            assert.equal(new Date(`${plan.days[0].date}T00:00:00Z`).getUTCDay(), 1, 'Monday');
            const scheduled = plan.days.reduce((n, d) => n + d.stops.length, 0);
            assert.equal(scheduled, plan.summary.visitsScheduled);
            assert.ok(scheduled > 0, 'visits were scheduled');
            console.log(
                `routes e2e: ${target.repName}, ${scheduled} of ${target.accountIds.length} accounts scheduled, ${plan.unscheduled.length} unscheduled`
            );
            // Every account of the territory is either visited once or listed with its reason.
            const visited = new Set(plan.days.flatMap((d) => d.stops.map((s) => s.accountId)));
            const listed = new Set(plan.unscheduled.map((u) => u.accountId));
            for (const id of target.accountIds) {
                assert.ok(visited.has(id) || listed.has(id), `account ${id} is planned or listed`);
            }

            const drawnDays = plan.days.filter((d) => d.path.length > 1).length;
            assert.equal(await week.locator('path.route-line').count(), drawnDays, 'a line a day');
            assert.equal(
                await week.locator('.route-stop').count(),
                scheduled,
                'a numbered marker per scheduled visit'
            );
            const colours = await week
                .locator('path.route-line')
                .evaluateAll((paths) => paths.map((p) => p.getAttribute('stroke')));
            assert.equal(new Set(colours).size, drawnDays, 'each day in its own colour');
            const firstNumbers = await week
                .locator('.route-stop-number')
                .evaluateAll((spans) => spans.map((s) => s.textContent));
            const expected = plan.days.flatMap((d) => d.stops.map((s) => String(s.seq)));
            assert.deepEqual(firstNumbers, expected, 'numbers are the order within each day');
            assert.equal(await week.locator('.route-home').count(), 1, "the rep's home");
            const here = plan.days.flatMap((d) => d.stops).some((s) => s.accountId === accountId);
            assert.equal(await week.locator('.route-stop_current').count(), here ? 1 : 0);

            // The legend filters the map to one day.
            const busiest = plan.days.reduce((a, b) => (b.stops.length > a.stops.length ? b : a));
            await week.locator(`button.legend-day[data-day="${busiest.day}"]`).click();
            await week
                .locator('.route-stop')
                .nth(busiest.stops.length)
                .waitFor({ state: 'detached' });
            assert.equal(await week.locator('.route-stop').count(), busiest.stops.length);
            assert.equal(await week.locator('path.route-line').count(), 1);
            assert.equal(await week.locator('li.stop').count(), busiest.stops.length);
            await week.locator('button.legend-day_all').click();
            await week
                .locator('.route-stop')
                .nth(scheduled - 1)
                .waitFor();

            assert.deepEqual(await seriousViolations(page), [], 'no serious axe violation');
            await week.scrollIntoViewIfNeeded();
            fs.mkdirSync(DOCS, { recursive: true });
            await page.screenshot({
                path: path.join(DOCS, 'routes-card.png'),
                animations: 'disabled'
            });
            assert.deepEqual(problems, [], 'no errors in the browser console');
        } finally {
            await close();
        }
    });

    test("planner: the selected territory's rep week beside the balance panel", async () => {
        const { page, problems, close } = await openPage(browser, VIEWPORT);
        try {
            await page.goto(demo.plannerUrl);
            const planner = page.locator('c-scenario-planner');
            const panel = planner.locator('c-territory-balance-panel');
            await panel
                .locator('button.territory-button', { hasText: target.territoryName })
                .first()
                .click({ timeout: 60_000 });
            const week = planner.locator('c-rep-week-map');
            await week.locator('path.route-line').first().waitFor({ timeout: 30_000 });
            const { plan } = await apex(demo, 'TerritoryRoutesController', 'getRoutes', {
                modelId: model.Id,
                repId: target.repId
            });
            assert.equal(
                await week.locator('.route-stop').count(),
                plan.summary.visitsScheduled,
                'the same week as on the card'
            );
            await week.scrollIntoViewIfNeeded();
            await page.screenshot({
                path: path.join(DOCS, 'routes-planner.png'),
                animations: 'disabled'
            });
            assert.deepEqual(problems, [], 'no errors in the browser console');
        } finally {
            await close();
        }
    });
});
