const { jestConfig } = require('@salesforce/sfdx-lwc-jest/config');

module.exports = {
    ...jestConfig,
    moduleNameMapper: {
        // Jest mocks of the lightning/* base modules, as lwc-recipes keeps them.
        '^lightning/(.*)$': '<rootDir>/force-app/test/jest-mocks/lightning/$1'
    },
    setupFilesAfterEnv: ['<rootDir>/force-app/test/jest-setup.js'],
    testPathIgnorePatterns: ['<rootDir>/node_modules/', '<rootDir>/sync-service/']
};
