// Checks on the SFDX source that a deploy would otherwise reject late: api versions, LWC bundle
// metadata and targets, an Apex test class per class.
import fs from 'node:fs';
import path from 'node:path';

/** Lists files under dir (recursively), skipping node_modules and __tests__. */
export function listFiles(dir) {
    const out = [];
    for (const entry of fs.readdirSync(dir, { withFileTypes: true })) {
        if (entry.name === 'node_modules' || entry.name === '__tests__') continue;
        const full = path.join(dir, entry.name);
        if (entry.isDirectory()) out.push(...listFiles(full));
        else out.push(full);
    }
    return out;
}

function tag(xml, name) {
    const match = xml.match(new RegExp(`<${name}>([^<]*)</${name}>`));
    return match ? match[1].trim() : undefined;
}

/**
 * Every -meta.xml with an <apiVersion> must use the project's sourceApiVersion; Apex classes,
 * triggers and LWC bundles must declare one.
 */
export function checkApiVersions(files, sourceApiVersion) {
    const problems = [];
    for (const file of files.filter((f) => f.endsWith('-meta.xml'))) {
        const version = tag(fs.readFileSync(file, 'utf8'), 'apiVersion');
        const needsVersion = /\.(cls|trigger|js)-meta\.xml$/.test(file);
        if (version === undefined) {
            if (needsVersion)
                problems.push(`${file}: missing <apiVersion>${sourceApiVersion}</apiVersion>.`);
        } else if (version !== sourceApiVersion) {
            problems.push(
                `${file}: apiVersion ${version} differs from sfdx-project.json sourceApiVersion ${sourceApiVersion}; set it to ${sourceApiVersion}.`
            );
        }
    }
    return problems;
}

/**
 * Each LWC bundle has name.js and name.js-meta.xml; exposed bundles list <targets>; the
 * components in `recordPageOnly` may be placed only on record pages of the given object.
 */
export function checkLwcBundles(lwcDir, recordPageOnly = {}) {
    const problems = [];
    if (!fs.existsSync(lwcDir)) return problems;
    for (const name of fs.readdirSync(lwcDir)) {
        const bundle = path.join(lwcDir, name);
        if (!fs.statSync(bundle).isDirectory() || name.startsWith('.')) continue;
        const metaFile = path.join(bundle, `${name}.js-meta.xml`);
        if (!fs.existsSync(path.join(bundle, `${name}.js`))) {
            problems.push(`${bundle}: missing ${name}.js.`);
        }
        if (!fs.existsSync(metaFile)) {
            problems.push(`${bundle}: missing ${name}.js-meta.xml.`);
            continue;
        }
        const xml = fs.readFileSync(metaFile, 'utf8');
        const exposed = tag(xml, 'isExposed') === 'true';
        const targets = [...xml.matchAll(/<target>([^<]+)<\/target>/g)].map((m) => m[1].trim());
        if (exposed && targets.length === 0) {
            problems.push(
                `${metaFile}: isExposed is true but no <targets> say where it can be placed.`
            );
        }
        const object = recordPageOnly[name];
        if (object) {
            if (targets.join() !== 'lightning__RecordPage') {
                problems.push(
                    `${metaFile}: must target only lightning__RecordPage (got ${targets.join(', ') || 'none'}).`
                );
            }
            const config = xml.match(
                /<targetConfig\s+targets="lightning__RecordPage"\s*>([\s\S]*?)<\/targetConfig>/
            );
            const objects = config
                ? [...config[1].matchAll(/<object>([^<]+)<\/object>/g)].map((m) => m[1])
                : [];
            if (objects.join() !== object) {
                problems.push(
                    `${metaFile}: targetConfigs must limit lightning__RecordPage to <object>${object}</object>.`
                );
            }
        }
    }
    return problems;
}

/** Every Apex class and trigger has its -meta.xml (a deploy rejects it otherwise). */
export function checkApexMeta(files) {
    return files
        .filter((f) => /\.(cls|trigger)$/.test(f) && !files.includes(`${f}-meta.xml`))
        .map((f) => `${f}: missing ${path.basename(f)}-meta.xml.`);
}

/** Every non-test Apex class has a <Class>Test.cls beside it. */
export function checkApexTests(classesDir) {
    const problems = [];
    if (!fs.existsSync(classesDir)) return problems;
    const classes = fs.readdirSync(classesDir).filter((f) => f.endsWith('.cls'));
    for (const file of classes) {
        const source = fs.readFileSync(path.join(classesDir, file), 'utf8');
        if (/@IsTest\b/i.test(source.slice(0, source.search(/\bclass\b/i)))) continue;
        const testFile = file.replace(/\.cls$/, 'Test.cls');
        if (!classes.includes(testFile)) {
            problems.push(`${path.join(classesDir, file)}: no test class ${testFile}.`);
        }
    }
    return problems;
}
