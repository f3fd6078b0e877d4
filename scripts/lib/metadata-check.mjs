// Checks on the SFDX source that a deploy would otherwise reject late: api versions, LWC bundle
// metadata and targets, an Apex test class per class, a persona test per @AuraEnabled method.
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

/** Whether an Apex source is a test class (@IsTest before `class`). */
const isTestClass = (source) => /@IsTest\b/i.test(source.slice(0, source.search(/\bclass\b/i)));

/** Every non-test Apex class has a <Class>Test.cls beside it. */
export function checkApexTests(classesDir) {
    const problems = [];
    if (!fs.existsSync(classesDir)) return problems;
    const classes = fs.readdirSync(classesDir).filter((f) => f.endsWith('.cls'));
    for (const file of classes) {
        if (isTestClass(fs.readFileSync(path.join(classesDir, file), 'utf8'))) continue;
        const testFile = file.replace(/\.cls$/, 'Test.cls');
        if (!classes.includes(testFile)) {
            problems.push(`${path.join(classesDir, file)}: no test class ${testFile}.`);
        }
    }
    return problems;
}

/**
 * Every `@AuraEnabled` method of a non-test class is called in a persona test: a test class that
 * runs as users given the package's permission sets (`System.runAs` with
 * `PermissionSetAssignment`, e.g. through TerritoryTestDataFactory.createPersona), so that what
 * each persona may and may not do is proven for every method a component can call.
 */
export function checkPersonaTests(classesDir) {
    const problems = [];
    if (!fs.existsSync(classesDir)) return problems;
    const sources = fs
        .readdirSync(classesDir)
        .filter((f) => f.endsWith('.cls'))
        .map((file) => ({ file, source: fs.readFileSync(path.join(classesDir, file), 'utf8') }));
    const personaTests = sources.filter(
        ({ source }) =>
            isTestClass(source) &&
            /\bSystem\.runAs\s*\(/i.test(source) &&
            /\b(PermissionSetAssignment|createPersona)\b/.test(source)
    );
    for (const { file, source } of sources) {
        if (isTestClass(source)) continue;
        const className = file.replace(/\.cls$/, '');
        const methods = source.matchAll(
            /@AuraEnabled(?:\([^)]*\))?\s+public\s+static\s+[\w<>, .]+?\s+(\w+)\s*\(/gi
        );
        for (const [, method] of methods) {
            const call = new RegExp(`\\b${className}\\.${method}\\s*\\(`, 'i');
            if (!personaTests.some(({ source: test }) => call.test(test))) {
                problems.push(
                    `${path.join(classesDir, file)}: @AuraEnabled ${className}.${method} has no persona test: call it in a test class that runs as users given the package's permission sets (System.runAs + PermissionSetAssignment, e.g. TerritoryTestDataFactory.createPersona).`
                );
            }
        }
    }
    return problems;
}
