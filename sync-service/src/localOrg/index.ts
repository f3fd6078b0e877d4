/** The local Salesforce org emulator and the sample-org generator. */
export { startLocalOrg, LOCAL_ORG_API_VERSION } from './local-org.js';
export type { LocalOrg, LocalOrgCredentials, LocalOrgOptions } from './local-org.js';
export { FaultController, FaultKind } from './faults.js';
export type { FaultRule } from './faults.js';
export { OrgStore, RecordError } from './store.js';
export type { SfRecord, WriteEvent, WriteListener, SaveResult, SaveError } from './store.js';
export { generateSampleOrg, createRng } from './sample-org.js';
export type { SampleOrg, SampleOrgOptions } from './sample-org.js';
export { METROS } from './metros.js';
export type { Metro } from './metros.js';
export { LATEST_API_VERSION } from './server.js';
export {
    parseCustomObjects,
    readCustomObjectsFile,
    ObjectsFileError,
    CUSTOM_FIELD_TYPES
} from './custom-objects.js';
export type { CustomObjectDeclaration, CustomFieldDeclaration } from './custom-objects.js';
