/* global window */
/** `@salesforce/user/Id`: the sandbox user, as the page shell was told by the server. */
export default window.__SANDBOX__?.userId;
