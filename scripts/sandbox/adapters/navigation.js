/* global window */
/**
 * `lightning/navigation`: NavigationMixin and CurrentPageReference for the sandbox's two pages.
 * Record pages map to the Lightning URL `/lightning/r/<Object>/<Id>/view`, which the sandbox
 * shell renders; other page references are announced with a `sandbox:navigate` window event.
 */
const NAVIGATE = Symbol('Navigate');
const GENERATE_URL = Symbol('GenerateUrl');

/** The Lightning URL of a page reference, as the platform would generate it. */
export function pageReferenceToUrl(pageReference) {
    const { type, attributes = {}, state = {} } = pageReference ?? {};
    const query = new URLSearchParams(state).toString();
    const suffix = query ? `?${query}` : '';
    switch (type) {
        case 'standard__recordPage':
            return `/lightning/r/${attributes.objectApiName ?? 'Account'}/${attributes.recordId}/${attributes.actionName ?? 'view'}${suffix}`;
        case 'standard__objectPage':
            return `/lightning/o/${attributes.objectApiName}/${attributes.actionName ?? 'home'}${suffix}`;
        case 'standard__navItemPage':
            return `/lightning/n/${attributes.apiName}${suffix}`;
        case 'standard__webPage':
            return attributes.url;
        default:
            return `/${suffix}`;
    }
}

/** The page reference of the current sandbox URL. */
function currentPageReference() {
    const { pathname, search } = window.location;
    const state = Object.fromEntries(new URLSearchParams(search));
    const record = /^\/lightning\/r\/([^/]+)\/([^/]+)\/([^/]+)/.exec(pathname);
    if (record) {
        return {
            type: 'standard__recordPage',
            attributes: { objectApiName: record[1], recordId: record[2], actionName: record[3] },
            state
        };
    }
    return { type: 'standard__navItemPage', attributes: { apiName: 'Territory_Planner' }, state };
}

export const NavigationMixin = (Base) =>
    class extends Base {
        [NAVIGATE](pageReference, replace) {
            const url = pageReferenceToUrl(pageReference);
            window.dispatchEvent(
                new CustomEvent('sandbox:navigate', { detail: { pageReference, url, replace } })
            );
            if (pageReference?.type === 'standard__webPage') {
                window.open(url, '_blank', 'noopener');
            } else if (replace) {
                window.location.replace(url);
            } else {
                window.location.assign(url);
            }
        }

        [GENERATE_URL](pageReference) {
            return Promise.resolve(pageReferenceToUrl(pageReference));
        }
    };
NavigationMixin.Navigate = NAVIGATE;
NavigationMixin.GenerateUrl = GENERATE_URL;

/** Wire adapter: emits the current page reference once connected. */
export class CurrentPageReference {
    constructor(dataCallback) {
        this.dataCallback = dataCallback;
    }

    connect() {
        this.dataCallback(currentPageReference());
    }

    update() {}

    disconnect() {}
}
