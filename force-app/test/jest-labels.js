// Resolves every `@salesforce/label/c.Name` import of the LWC tests to its English value in the
// package's Custom Labels (labels/CustomLabels.labels-meta.xml), as the org does, instead of the
// `c.Name` placeholder sfdx-lwc-jest falls back to. A test may still jest.mock a label itself.
const { readFileSync } = require('fs');
const path = require('path');

const LABELS_FILE = path.join(
    __dirname,
    '..',
    'main',
    'default',
    'labels',
    'CustomLabels.labels-meta.xml'
);

function decodeXml(text) {
    return text
        .replace(/&lt;/g, '<')
        .replace(/&gt;/g, '>')
        .replace(/&quot;/g, '"')
        .replace(/&apos;/g, "'")
        .replace(/&amp;/g, '&');
}

function customLabels() {
    const xml = readFileSync(LABELS_FILE, 'utf8');
    const labels = {};
    for (const [, block] of xml.matchAll(/<labels>([\s\S]*?)<\/labels>/g)) {
        const name = /<fullName\s*>([^<]*)<\/fullName>/.exec(block)?.[1];
        const value = /<value\s*>([\s\S]*?)<\/value>/.exec(block)?.[1];
        if (name !== undefined && value !== undefined) labels[name] = decodeXml(value);
    }
    return labels;
}

function registerLabels() {
    for (const [name, value] of Object.entries(customLabels())) {
        jest.doMock(`@salesforce/label/c.${name}`, () => ({ default: value }), {
            virtual: true
        });
    }
}

module.exports = { customLabels, registerLabels };
