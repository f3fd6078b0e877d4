#!/usr/bin/env node
/**
 * Builds the local browser sandbox: the real Lightning Web Components of force-app compiled with
 * LWC OSS (namespace `c`), synthetic shadow as in Lightning Experience, `lightning/*` base
 * components from the `lightning-base-components` npm package, and small adapters for the
 * platform modules that have no open implementation (`@salesforce/apex/*`, `lightning/navigation`,
 * `lightning/platformShowToastEvent`, …; see adapters/README in scripts/README.md).
 *
 * Usage: node scripts/sandbox/build.mjs [--out DIR]
 * Output: DIR/app.js (one ES module bundle), DIR/index.html; default DIR = scripts/sandbox/dist.
 */
import { existsSync, mkdirSync, readdirSync, copyFileSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { createRequire } from 'node:module';
import { rollup } from 'rollup';
import lwc from '@lwc/rollup-plugin';
import replace from '@rollup/plugin-replace';
import { nodeResolve } from '@rollup/plugin-node-resolve';

const here = path.dirname(fileURLToPath(import.meta.url));
const repoRoot = path.resolve(here, '../..');
/** Where the package's components live (Salesforce DX source format: lwc/<name>/<name>.js). */
export const LWC_DIR = path.join(repoRoot, 'force-app/main/default/lwc');
export const DEFAULT_OUT_DIR = path.join(here, 'dist');
const ADAPTERS_DIR = path.join(here, 'adapters');
const VIRTUAL_PREFIX = '\0sandbox:';
const require = createRequire(import.meta.url);
/** The user's locale settings as lightning-base-components ships them (en-US, USD). */
const LBC_SCOPED_IMPORTS = path.join(
    path.dirname(require.resolve('lightning-base-components/package.json')),
    'scopedImports'
);
/** The API version the package is written against (sfdx-project.json sourceApiVersion). */
const API_VERSION = Math.trunc(
    Number(
        JSON.parse(readFileSync(path.join(repoRoot, 'sfdx-project.json'), 'utf8')).sourceApiVersion
    )
);

/**
 * One alias record per component bundle, so `c/territoryMap` resolves to the DX folder layout
 * (the LWC module resolver's `dir` records expect `<ns>/<name>/`, which DX source does not have).
 */
export function componentModuleRecords(lwcDir = LWC_DIR) {
    if (!existsSync(lwcDir)) return [];
    return readdirSync(lwcDir, { withFileTypes: true })
        .filter((entry) => entry.isDirectory() && !entry.name.startsWith('__'))
        .map((entry) => {
            const bundle = path.join(lwcDir, entry.name);
            const main = ['js', 'ts']
                .map((ext) => path.join(bundle, `${entry.name}.${ext}`))
                .find((file) => existsSync(file));
            return main ? { name: `c/${entry.name}`, path: main } : undefined;
        })
        .filter((record) => record !== undefined);
}

/** A UI component (not a library bundle such as ldsUtils): its default export is a class. */
function isComponentModule(record) {
    return /export\s+default\s+class\b/.test(readFileSync(record.path, 'utf8'));
}

/** Platform modules replaced by a file in adapters/ (same specifier as on the platform). */
const FIXED_ADAPTERS = {
    'lightning/platformResourceLoader': 'platformResourceLoader.js',
    'lightning/platformShowToastEvent': 'platformShowToastEvent.js',
    'lightning/navigation': 'navigation.js',
    'lightning/uiRecordApi': 'uiRecordApi.js',
    'lightning/messageService': 'messageService.js',
    '@salesforce/apex': 'apex.js',
    '@salesforce/user/Id': 'userId.js'
};
/**
 * Feature gates of lightning-base-components that its npm stub opens but that cannot work under
 * synthetic shadow (as in Lightning Experience): ElementInternals throws there
 * ("attachInternals API is not supported in synthetic shadow"), so lightning-combobox would not
 * render at all.
 */
const CLOSED_GATES = new Set(['@salesforce/gate/bc.260.enableComboboxElementInternals']);
/** The generated module listing every compiled `c` component: tag name → constructor. */
const COMPONENTS_MODULE = 'sandbox:components';
const LABELS_FILE = path.join(
    repoRoot,
    'force-app/main/default/labels/CustomLabels.labels-meta.xml'
);
// The LWC tests' reader of the same file, so jest and the sandbox resolve labels alike.
const { customLabels: readCustomLabels } = require('../../force-app/test/jest-labels.js');

/** Custom labels of the package (`@salesforce/label/c.Name`), read from the DX source. */
function customLabels() {
    return existsSync(LABELS_FILE) ? readCustomLabels() : {};
}

const json = (value) => JSON.stringify(value);

/**
 * Resolves the parametrised platform imports (`@salesforce/apex/Class.method`,
 * `@salesforce/schema/Object.Field`, `@salesforce/resourceUrl/name`, `@salesforce/label/c.Name`,
 * `@salesforce/customPermission/Name`) to small generated modules. Runs before the LWC resolver.
 */
export function platformAdapters(components) {
    const labels = customLabels();
    return {
        name: 'sandbox-platform-adapters',
        resolveId(source) {
            if (FIXED_ADAPTERS[source]) return path.join(ADAPTERS_DIR, FIXED_ADAPTERS[source]);
            if (source === COMPONENTS_MODULE) return VIRTUAL_PREFIX + source;
            if (CLOSED_GATES.has(source)) return VIRTUAL_PREFIX + source;
            // `@salesforce/i18n/locale` etc.: the package keeps these private to its own modules.
            const scoped = /^@salesforce\/(i18n|client)\/(.+)$/.exec(source);
            if (scoped) {
                const file = path.join(
                    LBC_SCOPED_IMPORTS,
                    `@salesforce-${scoped[1]}-${scoped[2]}.js`
                );
                if (existsSync(file)) return file;
            }
            if (
                /^@salesforce\/(apex|schema|resourceUrl|customPermission|messageChannel)\//.test(
                    source
                ) ||
                source.startsWith('@salesforce/label/c.')
            ) {
                return VIRTUAL_PREFIX + source;
            }
            return null;
        },
        load(id) {
            if (!id.startsWith(VIRTUAL_PREFIX)) return null;
            const source = id.slice(VIRTUAL_PREFIX.length);
            if (CLOSED_GATES.has(source)) return 'export default { isOpen: () => false };';
            if (source === COMPONENTS_MODULE) {
                const entries = components
                    .filter(isComponentModule)
                    .map(
                        (record, index) =>
                            `import C${index} from ${json(record.name)};\n` +
                            `components[${json(record.name.replace('/', '-').replace(/[A-Z]/g, (c) => `-${c.toLowerCase()}`))}] = C${index};`
                    );
                return ['const components = {};', ...entries, 'export default components;'].join(
                    '\n'
                );
            }
            const [, kind, rest] = /^@salesforce\/([^/]+)\/(.*)$/.exec(source);
            switch (kind) {
                case 'apex': {
                    // `@salesforce/apex/Class.method` or `@salesforce/apex/ns.Class.method`
                    const parts = rest.split('.');
                    const method = parts.pop();
                    const className = parts.pop();
                    return `import { apexMethod } from ${json(path.join(ADAPTERS_DIR, 'apex.js'))};
export default apexMethod(${json(className)}, ${json(method)});`;
                }
                case 'schema': {
                    // Object: `Account`; field: `Account.Name` (relationships: `Account.Owner.Name`)
                    const [objectApiName, ...fieldPath] = rest.split('.');
                    return fieldPath.length === 0
                        ? `export default { objectApiName: ${json(objectApiName)} };`
                        : `export default { objectApiName: ${json(objectApiName)}, fieldApiName: ${json(fieldPath.join('.'))} };`;
                }
                case 'resourceUrl':
                    return `export default ${json(`/resource/${rest}`)};`;
                case 'messageChannel':
                    return `export default { channel: ${json(rest)} };`;
                case 'customPermission':
                    // The sandbox user is the admin: every custom permission is granted.
                    return 'export default true;';
                case 'label': {
                    const name = rest.slice('c.'.length);
                    // A missing label shows its name, as the platform does for unknown labels.
                    return `export default ${json(labels[name] ?? `{!$Label.c.${name}}`)};`;
                }
                default:
                    throw new Error(`sandbox: no adapter for ${source}`);
            }
        }
    };
}

/**
 * Builds the bundle into outDir; resolves to the list of component specifiers compiled.
 * @param {{ outDir?: string, lwcDir?: string, minify?: boolean }} [options]
 */
export async function buildSandbox(options = {}) {
    const outDir = options.outDir ?? DEFAULT_OUT_DIR;
    const components = componentModuleRecords(options.lwcDir ?? LWC_DIR);
    const bundle = await rollup({
        input: path.join(here, 'src/main.js'),
        plugins: [
            platformAdapters(components),
            lwc({
                rootDir: repoRoot,
                apiVersion: API_VERSION,
                modules: [
                    ...components,
                    { dir: path.join(here, 'lwc') },
                    { npm: 'lightning-base-components' }
                ]
            }),
            replace({
                preventAssignment: true,
                values: {
                    'process.env.NODE_ENV': json('production'),
                    // lightning-base-components guards browser-only code with this Vite flag.
                    'import.meta.env.SSR': 'false'
                }
            }),
            nodeResolve({ browser: true })
        ],
        onwarn(warning, warn) {
            // lightning-base-components has circular imports and `this` at module level.
            if (warning.code === 'CIRCULAR_DEPENDENCY' || warning.code === 'THIS_IS_UNDEFINED') {
                return;
            }
            // The package's own templates trip compiler lint (e.g. LWC1137 in lightning-card):
            // not ours to fix, and they compile and run as on the platform.
            if (/lightning-base-components/.test(warning.id ?? warning.loc?.file ?? '')) return;
            warn(warning);
        }
    });
    mkdirSync(outDir, { recursive: true });
    await bundle.write({
        file: path.join(outDir, 'app.js'),
        format: 'esm',
        sourcemap: true,
        inlineDynamicImports: true
    });
    await bundle.close();
    for (const file of ['index.html', 'shell.css']) {
        copyFileSync(path.join(here, 'src', file), path.join(outDir, file));
    }
    return components.map((record) => record.name);
}

if (process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
    const outFlag = process.argv.indexOf('--out');
    const outDir = outFlag > 0 ? path.resolve(process.argv[outFlag + 1]) : DEFAULT_OUT_DIR;
    const started = Date.now();
    buildSandbox({ outDir }).then(
        (components) => {
            process.stdout.write(
                `sandbox: built ${components.length} LWC bundle(s) [${components.join(', ')}] ` +
                    `into ${path.relative(process.cwd(), outDir) || '.'} in ${Date.now() - started} ms\n`
            );
        },
        (error) => {
            process.stderr.write(`sandbox: build failed: ${error.stack ?? error}\n`);
            process.exit(1);
        }
    );
}
