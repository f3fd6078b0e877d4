/** The Salesforce gateway: jsforce against a real org or the local org emulator. */
export { connectSalesforce, SalesforceGateway, soqlString } from './gateway.js';
export { SalesforceClient } from './client.js';
export type { RecordOutcome, Row } from './client.js';
export {
    ApiBudgetExceededError,
    RequestLimitExceededError,
    SalesforceAuthError,
    SalesforceError,
    SalesforceInputError,
    TransientSalesforceError,
    TRANSIENT_ERROR_CODES,
    errorCodeOf,
    isTransientError
} from './errors.js';
export {
    DEFAULT_ACCOUNT_FIELD_MAP,
    DEFAULT_REP_FIELD_MAP,
    SALESFORCE_API_VERSION
} from './types.js';
export type * from './types.js';
