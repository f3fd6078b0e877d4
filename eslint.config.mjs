// One flat config, a block per part of the repository (see shared CONVENTIONS.md "Tooling").
import js from '@eslint/js';
import globals from 'globals';
import tseslint from 'typescript-eslint';
import jestPlugin from 'eslint-plugin-jest';
import lwcConfig from '@salesforce/eslint-config-lwc';

const lwcFiles = ['force-app/**/lwc/**/*.js'];

export default [
    {
        ignores: [
            '**/node_modules/**',
            '**/coverage/**',
            '**/dist/**',
            'artifacts/**',
            '.sfdx/**',
            '.sf/**',
            'force-app/main/default/staticresources/**',
            'sync-service/.sandbox/**'
        ]
    },
    // Service: TypeScript, strict.
    ...tseslint.configs.recommended.map((config) => ({
        ...config,
        files: ['sync-service/**/*.ts']
    })),
    {
        files: ['sync-service/**/*.ts'],
        rules: {
            '@typescript-eslint/no-unused-vars': [
                'error',
                { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }
            ],
            '@typescript-eslint/consistent-type-imports': 'error'
        }
    },
    // Node scripts and tool configs.
    {
        files: ['**/*.{js,mjs,cjs}'],
        ignores: lwcFiles,
        ...js.configs.recommended,
        languageOptions: {
            ecmaVersion: 'latest',
            sourceType: 'module',
            globals: { ...globals.node }
        }
    },
    {
        files: ['**/*.cjs', 'jest.config.js'],
        languageOptions: { sourceType: 'commonjs', globals: { ...globals.node } }
    },
    // Lightning Web Components.
    ...lwcConfig.configs.recommended.map((config) => ({ ...config, files: lwcFiles })),
    // LWC jest tests and the jest mocks of lightning/* modules.
    {
        files: ['force-app/**/__tests__/**/*.js', 'force-app/test/**/*.js'],
        plugins: { jest: jestPlugin },
        languageOptions: { globals: { ...globals.node, ...globals.jest } },
        rules: {
            ...jestPlugin.configs['flat/recommended'].rules,
            '@lwc/lwc/no-unexpected-wire-adapter-usages': 'off'
        }
    }
];
