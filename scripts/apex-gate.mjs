#!/usr/bin/env node
// The Apex gate (CI: `npm run test:apex`): what the deploy's compiler and a security review would
// reject, found offline with the jars of @salesforce/code-analyzer-pmd-engine on Java 17, one JVM
// per tool, both at once:
//  1. apex-ls (ApexDevTools) type-checks every class and trigger against the platform types and
//     the package's metadata: unknown methods, types and fields, shadowed system classes, …
//     It skips field checks on a standard object the package extends (Account with our fields),
//     so it runs on a copy of the package that depends on a generated package declaring those
//     objects, which makes them complete; and it does not check the fields named in SOQL, so each
//     of those is also written as an Apex field read in a generated class (lib/soql-fields.mjs).
//  2. PMD 7 with config/pmd-apex-ruleset.xml (security, error-prone, best practices, limits).
// Usage: node scripts/apex-gate.mjs [--only apex-ls|pmd] [projectDir]   (default: this repository)
// Prints "file:line:column severity [tool rule] message" and a summary line; exits 1 on any error
// (apex-ls warnings are printed and do not fail).
import { spawn } from 'node:child_process';
import fs from 'node:fs';
import { createRequire } from 'node:module';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { listFiles } from './lib/metadata-check.mjs';
import { soqlFieldReferences, soqlFieldsClass } from './lib/soql-fields.mjs';

const repoRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const RULESET = path.join(repoRoot, 'config', 'pmd-apex-ruleset.xml');
const APEX_LS_MAIN = 'io.github.apexdevtools.apexls.CheckForIssues';
const PMD_MAIN = 'com.salesforce.sfca.pmdwrapper.PmdWrapper';
// Short batch runs: C1 only and the serial collector halve the CPU time of apex-ls here
// (3.7 s instead of 8.6 s user on this package) and keep the gate light on a shared machine.
const JVM_OPTIONS = ['-XX:+UseSerialGC', '-XX:TieredStopAtLevel=1'];
// apex-ls exits 4 when it found errors; anything but 0 or 4 means it did not run.
const APEX_LS_FOUND_ISSUES = 4;
const APEX_LS_ERROR_CATEGORIES = new Set(['Syntax', 'Error', 'Missing']);
const STANDARD_OBJECTS_DIR = 'apex-gate-standard-objects';
const STANDARD_OBJECTS_PACKAGE = 'ApexGateStandardObjects';
const SOQL_CLASS_PREFIX = 'ApexGateSoqlFields';

/**
 * @typedef {object} Finding
 * @property {string} file path relative to the project
 * @property {number} line 1-based
 * @property {number} column 1-based
 * @property {'error'|'warning'} severity
 * @property {string} rule tool and rule (`apex-ls Missing`, `pmd EmptyCatchBlock`)
 * @property {string} message
 */

function parseArgs(argv) {
    const args = { only: null, projectDir: repoRoot };
    for (let i = 0; i < argv.length; i++) {
        if (argv[i] === '--only') {
            args.only = argv[++i];
            if (!['apex-ls', 'pmd'].includes(args.only)) {
                throw new Error(`--only takes apex-ls or pmd, got "${args.only}".`);
            }
        } else {
            args.projectDir = path.resolve(argv[i]);
        }
    }
    return args;
}

/** The folder of jars that ships inside @salesforce/code-analyzer-pmd-engine. */
function javaLibDir() {
    const require = createRequire(import.meta.url);
    const main = require.resolve('@salesforce/code-analyzer-pmd-engine');
    const dir = path.join(path.dirname(main), 'java-lib');
    const jars = fs.existsSync(dir) ? fs.readdirSync(dir) : [];
    for (const prefix of ['apex-ls_', 'pmd-apex-', 'sfca-pmd-cpd-wrappers-']) {
        if (!jars.some((jar) => jar.startsWith(prefix) && jar.endsWith('.jar'))) {
            throw new Error(
                `${dir} has no ${prefix}*.jar: run npm ci (the gate needs @salesforce/code-analyzer-pmd-engine).`
            );
        }
    }
    return dir;
}

/** Runs one JVM; resolves with its exit code, stdout, stderr and wall time. */
function runJava(libDir, args) {
    const java = process.env.JAVA_HOME ? path.join(process.env.JAVA_HOME, 'bin', 'java') : 'java';
    const started = performance.now();
    return new Promise((resolve, reject) => {
        const child = spawn(java, [...JVM_OPTIONS, '-cp', path.join(libDir, '*'), ...args], {
            stdio: ['ignore', 'pipe', 'pipe']
        });
        const stdout = [];
        const stderr = [];
        child.stdout.on('data', (chunk) => stdout.push(chunk));
        child.stderr.on('data', (chunk) => stderr.push(chunk));
        child.once('error', (error) =>
            reject(
                error.code === 'ENOENT'
                    ? new Error(
                          `${java} not found: the Apex gate needs a Java 17 runtime (Debian: apt-get install openjdk-17-jre-headless; .ci/run installs it).`
                      )
                    : error
            )
        );
        child.once('close', (code) =>
            resolve({
                code,
                stdout: Buffer.concat(stdout).toString('utf8'),
                stderr: Buffer.concat(stderr).toString('utf8'),
                seconds: (performance.now() - started) / 1000
            })
        );
    });
}

const apexFilesOf = (dir) => listFiles(dir).filter((file) => /\.(cls|trigger)$/.test(file));

/** Standard objects the package extends: folders under objects/ that are not custom (`__`). */
function extendedStandardObjects(packageDir) {
    const names = new Set();
    for (const file of listFiles(packageDir)) {
        const match = file.match(/[\\/]objects[\\/]([^\\/]+)[\\/]/);
        if (match && !match[1].includes('__')) names.add(match[1]);
    }
    return names;
}

/**
 * Writes the package that declares the extended standard objects (an empty object-meta.xml each).
 * apex-ls then sees Account etc. as objects of a base package, complete with the platform's
 * fields, and checks every field read on them in the packages that depend on it.
 * @returns the packageDirectories entry, or null when the package extends no standard object
 */
function writeStandardObjectsPackage(workspace, names) {
    if (names.length === 0) return null;
    for (const name of names) {
        const file = path.join(
            workspace,
            STANDARD_OBJECTS_DIR,
            'objects',
            name,
            `${name}.object-meta.xml`
        );
        fs.mkdirSync(path.dirname(file), { recursive: true });
        fs.writeFileSync(
            file,
            '<?xml version="1.0" encoding="UTF-8"?>\n<CustomObject xmlns="http://soap.sforce.com/2006/04/metadata" />\n'
        );
    }
    return {
        path: STANDARD_OBJECTS_DIR,
        package: STANDARD_OBJECTS_PACKAGE,
        versionNumber: '1.0.0.NEXT'
    };
}

/**
 * Builds the workspace apex-ls checks: a copy of each package directory, a package declaring the
 * extended standard objects that the copies depend on, and per package directory a class reading
 * every field its SOQL names. Returns how to map findings in generated files back.
 */
function buildWorkspace(projectDir, project, workspace) {
    const standardObjects = new Set();
    const soqlClasses = new Map();
    let soqlFieldCount = 0;
    project.packageDirectories.forEach((dir, index) => {
        const source = path.join(projectDir, dir.path);
        const copy = path.join(workspace, dir.path);
        fs.cpSync(source, copy, {
            recursive: true,
            filter: (file) => !/[\\/](node_modules|__tests__)$/.test(file)
        });
        extendedStandardObjects(source).forEach((name) => standardObjects.add(name));
        const entries = apexFilesOf(source).flatMap((file) =>
            soqlFieldReferences(fs.readFileSync(file, 'utf8')).map((ref) => ({
                file: path.relative(projectDir, file),
                ref
            }))
        );
        if (entries.length === 0) return;
        const className = `${SOQL_CLASS_PREFIX}${index + 1}`;
        const { source: classSource, lineOf } = soqlFieldsClass(className, entries);
        const classFile = path.join(copy, 'apex-gate', 'classes', `${className}.cls`);
        fs.mkdirSync(path.dirname(classFile), { recursive: true });
        fs.writeFileSync(classFile, classSource);
        fs.writeFileSync(
            `${classFile}-meta.xml`,
            `<?xml version="1.0" encoding="UTF-8"?>\n<ApexClass xmlns="http://soap.sforce.com/2006/04/metadata">\n    <apiVersion>${project.sourceApiVersion}</apiVersion>\n    <status>Active</status>\n</ApexClass>\n`
        );
        soqlClasses.set(path.relative(workspace, classFile), lineOf);
        soqlFieldCount += entries.length;
    });

    const standardNames = [...standardObjects].sort();
    const stub = writeStandardObjectsPackage(workspace, standardNames);
    const dependency = { package: STANDARD_OBJECTS_PACKAGE, versionNumber: '1.0.0.LATEST' };
    const packageDirectories = project.packageDirectories.map((dir) =>
        stub ? { ...dir, dependencies: [...(dir.dependencies ?? []), dependency] } : dir
    );
    if (stub) packageDirectories.unshift(stub);
    fs.writeFileSync(
        path.join(workspace, 'sfdx-project.json'),
        JSON.stringify({ ...project, packageDirectories }, null, 4)
    );
    return { soqlClasses, soqlFieldCount, standardObjects: standardNames };
}

/** Runs apex-ls on the workspace and maps its issues back to the project's files. */
async function runApexLs(libDir, workspace, { soqlClasses }) {
    const result = await runJava(libDir, [
        APEX_LS_MAIN,
        '--nocache',
        '--format',
        'json',
        '--detail',
        'warnings',
        '--workspace',
        workspace
    ]);
    if (result.code !== 0 && result.code !== APEX_LS_FOUND_ISSUES) {
        throw new Error(`apex-ls failed (exit ${result.code}):\n${result.stderr || result.stdout}`);
    }
    const findings = [];
    const relativeMessage = (message) => message.replaceAll(workspace + path.sep, '');
    for (const file of JSON.parse(result.stdout).files) {
        const relative = path.relative(workspace, file.path);
        for (const issue of file.messages) {
            const message = relativeMessage(issue.message);
            const soqlRead = soqlClasses.get(relative)?.get(issue.start.line);
            // Any other finding in a generated file is a fault of the gate itself.
            const gateFault =
                !soqlRead &&
                (soqlClasses.has(relative) || relative.startsWith(STANDARD_OBJECTS_DIR));
            let text = message;
            if (soqlRead) text = `SOQL field ${soqlRead.ref.path}: ${message}`;
            if (gateFault) text = `generated file: ${message}`;
            findings.push({
                file: soqlRead?.file ?? relative,
                line: soqlRead?.ref.line ?? issue.start.line,
                column: soqlRead?.ref.column ?? issue.start.offset + 1,
                severity:
                    gateFault || APEX_LS_ERROR_CATEGORIES.has(issue.category) ? 'error' : 'warning',
                rule: gateFault ? 'apex-gate' : `apex-ls ${issue.category}`,
                message: text
            });
        }
    }
    return { findings, seconds: result.seconds };
}

/** Runs PMD (through the engine's PmdWrapper) on the project's own Apex files. */
async function runPmd(libDir, projectDir, apexFiles, scratch) {
    const input = path.join(scratch, 'pmd-input.json');
    const output = path.join(scratch, 'pmd-results.json');
    fs.writeFileSync(
        input,
        JSON.stringify({
            ruleSetInputFile: RULESET,
            runDataPerLanguage: { apex: { filesToScan: apexFiles } }
        })
    );
    const result = await runJava(libDir, [PMD_MAIN, 'run', input, output]);
    if (result.code !== 0 || !fs.existsSync(output)) {
        throw new Error(`PMD failed (exit ${result.code}):\n${result.stderr || result.stdout}`);
    }
    const { violations, processingErrors } = JSON.parse(fs.readFileSync(output, 'utf8'));
    const findings = violations.map((violation) => ({
        file: path.relative(projectDir, violation.codeLocation.file),
        line: violation.codeLocation.startLine,
        column: violation.codeLocation.startCol,
        severity: 'error',
        rule: `pmd ${violation.rule}`,
        message: violation.message.trim()
    }));
    for (const failure of processingErrors) {
        findings.push({
            file: path.relative(projectDir, failure.file),
            line: 1,
            column: 1,
            severity: 'error',
            rule: 'pmd processing',
            message: failure.message
        });
    }
    return { findings, seconds: result.seconds };
}

async function main() {
    const { only, projectDir } = parseArgs(process.argv.slice(2));
    const started = performance.now();
    const project = JSON.parse(fs.readFileSync(path.join(projectDir, 'sfdx-project.json'), 'utf8'));
    const apexFiles = project.packageDirectories.flatMap((dir) =>
        apexFilesOf(path.join(projectDir, dir.path))
    );
    const libDir = javaLibDir();
    // The real path: apex-ls reports real paths, which are mapped back by prefix.
    const scratch = fs.realpathSync(fs.mkdtempSync(path.join(os.tmpdir(), 'apex-gate-')));
    // PMD starts first: it reads the files as they are, while Node parses the SOQL for apex-ls.
    const pmdRun = only === 'apex-ls' ? null : runPmd(libDir, projectDir, apexFiles, scratch);
    let apexLsRun = null;
    try {
        const workspace = path.join(scratch, 'workspace');
        const generated = only === 'pmd' ? null : buildWorkspace(projectDir, project, workspace);
        apexLsRun = generated && runApexLs(libDir, workspace, generated);
        const [apexLs, pmd] = await Promise.all([apexLsRun, pmdRun]);
        const findings = [...(apexLs?.findings ?? []), ...(pmd?.findings ?? [])].sort(
            (a, b) => a.file.localeCompare(b.file) || a.line - b.line || a.column - b.column
        );
        for (const f of findings) {
            const line = `${f.file}:${f.line}:${f.column} ${f.severity} [${f.rule}] ${f.message}`;
            (f.severity === 'error' ? console.error : console.log)(line);
        }
        const errors = findings.filter((f) => f.severity === 'error').length;
        const warnings = findings.length - errors;
        const ran = [
            apexLs &&
                `apex-ls ${apexLs.seconds.toFixed(1)} s (types, fields incl. ${generated.soqlFieldCount} in SOQL; standard objects completed: ${generated.standardObjects.join(', ') || 'none'})`,
            pmd && `PMD ${pmd.seconds.toFixed(1)} s (${path.relative(repoRoot, RULESET)})`
        ].filter(Boolean);
        const summary = `apex-gate: ${errors === 0 ? 'ok' : 'FAILED'}, ${errors} error(s), ${warnings} warning(s) in ${apexFiles.length} Apex files; ${ran.join('; ')}; total ${((performance.now() - started) / 1000).toFixed(1)} s`;
        (errors === 0 ? console.log : console.error)(summary);
        process.exitCode = errors === 0 ? 0 : 1;
    } finally {
        await Promise.allSettled([apexLsRun, pmdRun]);
        fs.rmSync(scratch, { recursive: true, force: true });
    }
}

main().catch((error) => {
    console.error(`apex-gate: ${error.message}`);
    process.exitCode = 1;
});
