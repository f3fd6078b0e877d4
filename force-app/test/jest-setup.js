// Registers the @sa11y/jest matchers (`await expect(element).toBeAccessible()`) for every LWC test.
const { setup } = require('@sa11y/jest');

setup();

// `@salesforce/label/c.*` imports resolve to the English text of the package's Custom Labels.
require('./jest-labels').registerLabels();
