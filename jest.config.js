const { jestConfig } = require('@salesforce/sfdx-lwc-jest/config');

module.exports = {
    ...jestConfig,
    moduleNameMapper: {
        // Our own jest mocks of lightning/* modules, as lwc-recipes keeps them; every other
        // lightning/* module resolves to the stubs shipped with @salesforce/sfdx-lwc-jest.
        '^lightning/(platformResourceLoader|confirm)$':
            '<rootDir>/force-app/test/jest-mocks/lightning/$1'
    },
    setupFilesAfterEnv: [
        ...(jestConfig.setupFilesAfterEnv || []),
        '<rootDir>/force-app/test/jest-setup.js'
    ],
    testPathIgnorePatterns: ['<rootDir>/node_modules/', '<rootDir>/sync-service/']
};
