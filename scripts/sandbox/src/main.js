/* global window, document */
/**
 * The sandbox page shell: a Lightning Experience look-alike (global header, app navigation bar)
 * around the package's real components, created with LWC's createElement. Routes:
 *   /                                  the "Territory Planner" app page
 *   /lightning/o/Account/home          the Accounts tab (pick an account)
 *   /lightning/r/Account/<Id>/view     an Account record page with the rep card
 */
import '@lwc/synthetic-shadow';
import { createElement } from 'lwc';
import Toast from 'lightning/toast';
import { SHOW_TOAST_EVENT } from 'lightning/platformShowToastEvent';
import AccountList from 'sandbox/accountList';
import components from 'sandbox:components';

const ACCOUNT_HEADER_FIELDS = [
    'Account.Name',
    'Account.Industry',
    'Account.BillingCity',
    'Account.BillingState',
    'Account.AnnualRevenue',
    'Account.Territory_Segment__c',
    'Account.Owner.Name'
];

const escapeHtml = (text) =>
    String(text ?? '').replace(
        /[&<>"']/g,
        (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c]
    );

/** Creates one of the package's components, or a notice when it is not in force-app. */
function packageComponent(tagName, properties = {}) {
    const ctor = components[tagName];
    if (!ctor) {
        const notice = document.createElement('div');
        notice.className = 'slds-box slds-theme_shade sandbox-missing';
        notice.textContent = `<${tagName}> is not in force-app/main/default/lwc (yet).`;
        return notice;
    }
    const element = createElement(tagName, { is: ctor });
    Object.assign(element, properties);
    return element;
}

function shellHeader(activeTab) {
    const tab = (id, label, href) =>
        `<li class="slds-context-bar__item${activeTab === id ? ' slds-is-active' : ''}">
            <a href="${href}" class="slds-context-bar__label-action" title="${label}"
               ${activeTab === id ? 'aria-current="page"' : ''}>
                <span class="slds-truncate">${label}</span></a></li>`;
    return `
    <header class="slds-global-header_container sandbox-global-header">
        <div class="slds-global-header slds-grid slds-grid_align-spread">
            <div class="slds-global-header__item">
                <div class="sandbox-logo" aria-hidden="true">TP</div>
            </div>
            <div class="slds-global-header__item sandbox-org-badge">
                <span class="slds-badge slds-badge_lightest">Local sandbox org</span>
            </div>
        </div>
        <div class="slds-context-bar">
            <div class="slds-context-bar__primary">
                <div class="slds-context-bar__item slds-context-bar__dropdown-trigger slds-no-hover">
                    <span class="slds-context-bar__label-action slds-context-bar__app-name">
                        <span class="slds-truncate" title="Territory Planner">Territory Planner</span>
                    </span>
                </div>
            </div>
            <nav class="slds-context-bar__secondary" role="navigation" aria-label="App">
                <ul class="slds-grid">
                    ${tab('planner', 'Planner', '/')}
                    ${tab('accounts', 'Accounts', '/lightning/o/Account/home')}
                </ul>
            </nav>
        </div>
    </header>`;
}

function renderShell(activeTab) {
    const root = document.getElementById('shell');
    root.innerHTML = `${shellHeader(activeTab)}<main class="sandbox-page" id="page"></main>`;
    return document.getElementById('page');
}

function plannerPage() {
    document.title = 'Territory Planner | Salesforce';
    const page = renderShell('planner');
    page.innerHTML = '<div class="sandbox-planner" data-region="planner"></div>';
    page.firstElementChild.appendChild(packageComponent('c-scenario-planner'));
}

function accountListPage() {
    document.title = 'Accounts | Salesforce';
    const page = renderShell('accounts');
    page.appendChild(createElement('sandbox-account-list', { is: AccountList }));
}

async function accountRecordPage(recordId) {
    document.title = 'Account | Salesforce';
    const page = renderShell('accounts');
    page.innerHTML = `
        <div class="slds-page-header slds-page-header_record-home" data-region="record-header">
            <div class="slds-page-header__row">
                <div class="slds-page-header__col-title">
                    <div class="slds-media">
                        <div class="slds-media__figure">
                            <span class="slds-icon_container slds-icon-standard-account sandbox-record-icon" aria-hidden="true">A</span>
                        </div>
                        <div class="slds-media__body">
                            <div class="slds-page-header__name-title">
                                <span class="slds-page-header__name-meta">Account</span>
                                <h1 class="slds-page-header__title slds-truncate" id="record-name">Loading…</h1>
                            </div>
                        </div>
                    </div>
                </div>
            </div>
            <div class="slds-page-header__row slds-page-header__row_gutters">
                <div class="slds-page-header__col-details">
                    <ul class="slds-page-header__detail-row" id="record-highlights"></ul>
                </div>
            </div>
        </div>
        <div class="slds-grid slds-gutters slds-wrap slds-m-top_small sandbox-record-body">
            <div class="slds-col slds-size_1-of-1 slds-large-size_7-of-12" data-region="main"></div>
            <div class="slds-col slds-size_1-of-1 slds-large-size_5-of-12" data-region="sidebar"></div>
        </div>`;
    page.querySelector('[data-region="sidebar"]').appendChild(
        packageComponent('c-account-territory-card', { recordId, objectApiName: 'Account' })
    );
    const query = new URLSearchParams({ fields: ACCOUNT_HEADER_FIELDS.join(',') });
    const response = await fetch(
        `/sandbox/ui-api/records/${encodeURIComponent(recordId)}?${query}`
    );
    const record = response.ok ? await response.json() : undefined;
    const field = (name) => record?.fields?.[name]?.displayValue ?? record?.fields?.[name]?.value;
    document.getElementById('record-name').textContent = record
        ? field('Name')
        : `Account ${recordId} was not found`;
    if (!record) return;
    document.title = `${field('Name')} | Account | Salesforce`;
    const owner = record.fields.Owner?.value?.fields?.Name?.value;
    const highlights = [
        ['Industry', field('Industry')],
        ['Billing City', [field('BillingCity'), field('BillingState')].filter(Boolean).join(', ')],
        ['Annual Revenue', field('AnnualRevenue')],
        ['Segment', field('Territory_Segment__c')],
        ['Account Owner', owner]
    ];
    document.getElementById('record-highlights').innerHTML = highlights
        .map(
            ([label, value]) => `<li class="slds-page-header__detail-block">
                <div class="slds-text-title slds-truncate">${escapeHtml(label)}</div>
                <div class="slds-truncate">${escapeHtml(value ?? '')}</div></li>`
        )
        .join('');
}

/** Turns the platform's toast event into a lightning toast (the one.app container's job). */
window.addEventListener(
    SHOW_TOAST_EVENT,
    (event) => {
        if (event.detail?.toast) return; // already a lightning/toast event
        event.stopPropagation();
        const { title, message, variant, mode } = event.detail ?? {};
        Toast.show({ label: title || message, message: title ? message : '', variant, mode });
    },
    true
);

function route() {
    const { pathname } = window.location;
    const record = /^\/lightning\/r\/Account\/([A-Za-z0-9]{15,18})\/view/.exec(pathname);
    if (record) return accountRecordPage(record[1]);
    if (pathname.startsWith('/lightning/o/Account')) return accountListPage();
    return plannerPage();
}

route();
