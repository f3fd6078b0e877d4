// Registers the @sa11y/jest matchers (`await expect(element).toBeAccessible()`) for every LWC test.
const { setup } = require('@sa11y/jest');

setup();
