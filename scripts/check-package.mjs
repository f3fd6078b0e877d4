#!/usr/bin/env node
// Package check for force-app (CI: `npm run test:package`). Apex cannot run here, so this is what
// stands between a broken package and a failed deploy:
//  1. every Apex class/trigger parses (@apexdevtools/apex-parser) and follows the security habits;
//  2. every -meta.xml apiVersion equals sfdx-project.json sourceApiVersion;
//  3. every LWC bundle has its -meta.xml and targets (the rep card only on Account record pages);
//  4. every Apex class has its test class, and every @AuraEnabled method a persona test (run as
//     users with the package's permission sets);
//  5. the source converts to metadata format (@salesforce/source-deploy-retrieve), as a deploy does.
// Exits 1 and lists every problem found.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { ComponentSet, MetadataConverter } from '@salesforce/source-deploy-retrieve';
import { checkApexFile } from './lib/apex-check.mjs';
import {
    checkApexMeta,
    checkApiVersions,
    checkApexTests,
    checkLwcBundles,
    checkPersonaTests,
    listFiles
} from './lib/metadata-check.mjs';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const project = JSON.parse(fs.readFileSync(path.join(root, 'sfdx-project.json'), 'utf8'));
const packageDirs = project.packageDirectories.map((dir) => path.join(root, dir.path));
const rel = (file) => path.relative(root, file);

const problems = [];
let apexCount = 0;
for (const dir of packageDirs) {
    const files = listFiles(dir);
    for (const file of files.filter((f) => /\.(cls|trigger)$/.test(f))) {
        apexCount += 1;
        problems.push(...checkApexFile(rel(file), fs.readFileSync(file, 'utf8')));
    }
    problems.push(...checkApexMeta(files).map((p) => p.replace(root + path.sep, '')));
    problems.push(
        ...checkApiVersions(files, project.sourceApiVersion).map((p) =>
            p.replace(root + path.sep, '')
        )
    );
    const defaultDir = path.join(dir, 'main', 'default');
    problems.push(
        ...checkLwcBundles(path.join(defaultDir, 'lwc'), { accountTerritoryCard: 'Account' }).map(
            (p) => p.replace(root + path.sep, '')
        )
    );
    for (const check of [checkApexTests, checkPersonaTests]) {
        problems.push(
            ...check(path.join(defaultDir, 'classes')).map((p) => p.replace(root + path.sep, ''))
        );
    }
}

const outputDirectory = fs.mkdtempSync(path.join(os.tmpdir(), 'check-package-'));
let converted = 0;
try {
    const components = ComponentSet.fromSource(packageDirs);
    const result = await new MetadataConverter().convert(components, 'metadata', {
        type: 'directory',
        outputDirectory,
        packageName: project.name,
        genUniqueDir: false
    });
    converted = components.size;
    const packageXml = path.join(result.packagePath ?? outputDirectory, 'package.xml');
    if (!fs.existsSync(packageXml)) {
        problems.push('metadata conversion wrote no package.xml.');
    }
} catch (error) {
    problems.push(`metadata conversion failed: ${error.message}`);
} finally {
    fs.rmSync(outputDirectory, { recursive: true, force: true });
}

if (problems.length > 0) {
    console.error(`check-package: ${problems.length} problem(s):`);
    for (const problem of problems) console.error(`  - ${problem}`);
    process.exit(1);
}
console.log(
    `check-package: ok (${apexCount} Apex files parsed, ${converted} components converted to metadata format, apiVersion ${project.sourceApiVersion})`
);
