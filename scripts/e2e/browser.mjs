/**
 * Browser helpers of the end-to-end tests: Debian's Chromium driven by playwright-core (never a
 * downloaded browser), screenshots under artifacts/screenshots/, and a log of what the page said.
 */
import { mkdirSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { chromium } from 'playwright-core';

const repoRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
export const SCREENSHOT_DIR = path.join(repoRoot, 'artifacts/screenshots');
const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
const AXE_SCRIPT = createRequire(import.meta.url).resolve('axe-core/axe.min.js');

/** Starts headless Chromium. */
export function launchBrowser() {
    return chromium.launch({
        executablePath: CHROMIUM,
        args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking']
    });
}

/**
 * Opens a page that records console errors and uncaught exceptions in `problems`, so a test can
 * assert that the components ran cleanly.
 */
export async function openPage(browser, { width = 1440, height = 900 } = {}) {
    const context = await browser.newContext({ viewport: { width, height }, locale: 'en-US' });
    const page = await context.newPage();
    const problems = [];
    page.on('pageerror', (error) => {
        // Where it was thrown (the bundle is built with source maps: dist/app.js.map).
        const frames = (error.stack ?? '')
            .split('\n')
            .slice(1, 4)
            .map((f) => f.trim());
        problems.push(`uncaught: ${error.message} ${frames.join(' < ')}`);
    });
    page.on('console', (message) => {
        if (message.type() === 'error') problems.push(`console: ${message.text()}`);
    });
    return { page, problems, close: () => context.close() };
}

/**
 * Saves a screenshot as artifacts/screenshots/<name>.png; returns its path. Full page by default;
 * `fullPage: false` keeps what the user sees (fixed dialogs and toasts stay in place).
 */
export async function screenshot(page, name, { fullPage = true } = {}) {
    mkdirSync(SCREENSHOT_DIR, { recursive: true });
    const file = path.join(SCREENSHOT_DIR, `${name}.png`);
    // Finished transitions (e.g. the modal backdrop fading in), as a user sees them a moment later.
    await page.screenshot({ path: file, fullPage, animations: 'disabled' });
    return file;
}

/**
 * Runs axe-core (WCAG 2.1 A/AA rules) on the page as it stands, through the components' shadow
 * trees; resolves to the violations as `rule (impact): selector` lines (empty when accessible).
 */
export async function accessibilityViolations(page) {
    await page.addScriptTag({ path: AXE_SCRIPT });
    return page.evaluate(async () => {
        const result = await globalThis.axe.run(globalThis.document, {
            runOnly: { type: 'tag', values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa'] },
            resultTypes: ['violations']
        });
        return result.violations.flatMap((violation) =>
            violation.nodes.map(
                (node) => `${violation.id} (${violation.impact}): ${node.target.join(' ')}`
            )
        );
    });
}
