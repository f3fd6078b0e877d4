/* global window, document */
/**
 * The sandbox page shell: a Lightning Experience look-alike (global header, app navigation bar)
 * around the package's real components, created with LWC's createElement. Routes:
 *   /                                  the "Territory Planner" app page
 *   /lightning/o/Account/home          the Accounts tab (pick an account)
 *   /lightning/r/Account/<Id>/view     an Account record page with the rep card
 *   /lightning/n/Territory_Performance the "Territory Performance" tab (c-territory-performance)
 *   /lightning/n/Territory_Rollout     the "Territory Rollout" tab a rollout notification opens
 *                                      (c-rollout-changes; ?c__scenarioId=…&c__territoryId=…)
 */
import '@lwc/synthetic-shadow';
import { createElement } from 'lwc';
import Toast from 'lightning/toast';
import Icon from 'lightning/icon';
import { SHOW_TOAST_EVENT } from 'lightning/platformShowToastEvent';
import AccountList from 'sandbox/accountList';
import components from 'sandbox:components';

const ACCOUNT_FIELDS = [
    'Account.Name',
    'Account.Industry',
    'Account.BillingCity',
    'Account.BillingState',
    'Account.BillingPostalCode',
    'Account.AnnualRevenue',
    'Account.NumberOfEmployees',
    'Account.Territory_Segment__c',
    'Account.Territory_Potential__c',
    'Account.Territory_Workload__c',
    'Account.Territory_Locked__c',
    'Account.Territory_Named__c',
    'Account.Owner.Name'
];

const currency = new Intl.NumberFormat('en-US', {
    style: 'currency',
    currency: 'USD',
    maximumFractionDigits: 0
});
const decimal = new Intl.NumberFormat('en-US', { maximumFractionDigits: 1 });

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
                    ${tab('performance', 'Performance', '/lightning/n/Territory_Performance')}
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

/** The Territory Performance tab: `?model=<Id>` and `?quarter=YYYY-Qn` set the component's API. */
function performancePage() {
    document.title = 'Territory Performance | Salesforce';
    const page = renderShell('performance');
    const params = new URLSearchParams(window.location.search);
    page.innerHTML = '<div class="sandbox-performance" data-region="performance"></div>';
    page.firstElementChild.appendChild(
        packageComponent('c-territory-performance', {
            ...(params.get('model') ? { modelId: params.get('model') } : {}),
            ...(params.get('quarter') ? { quarter: params.get('quarter') } : {})
        })
    );
}

function rolloutPage() {
    document.title = 'Territory Rollout | Salesforce';
    const page = renderShell('rollout');
    page.innerHTML =
        '<div class="sandbox-rollout slds-card slds-p-around_medium" data-region="rollout"></div>';
    // c-rollout-changes reads c__scenarioId and c__territoryId from the page reference's state.
    page.firstElementChild.appendChild(packageComponent('c-rollout-changes'));
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
                        <div class="slds-media__figure" id="record-icon"></div>
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
            <div class="slds-col slds-size_1-of-1 slds-large-size_7-of-12" data-region="main">
                <article class="slds-card">
                    <div class="slds-card__header"><h2 class="slds-card__header-title">Details</h2></div>
                    <div class="slds-card__body slds-card__body_inner">
                        <dl class="slds-grid slds-wrap" id="record-details"></dl>
                    </div>
                </article>
            </div>
            <div class="slds-col slds-size_1-of-1 slds-large-size_5-of-12" data-region="sidebar"></div>
        </div>`;
    const icon = createElement('lightning-icon', { is: Icon });
    Object.assign(icon, {
        iconName: 'standard:account',
        alternativeText: 'Account',
        size: 'medium'
    });
    document.getElementById('record-icon').appendChild(icon);
    page.querySelector('[data-region="sidebar"]').appendChild(
        packageComponent('c-account-territory-card', { recordId, objectApiName: 'Account' })
    );
    const query = new URLSearchParams({ fields: ACCOUNT_FIELDS.join(',') });
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
    const money = (name) => (field(name) == null ? '' : currency.format(field(name)));
    const city = [field('BillingCity'), field('BillingState')].filter(Boolean).join(', ');
    const highlights = [
        ['Industry', field('Industry')],
        ['Billing City', city],
        ['Annual Revenue', money('AnnualRevenue')],
        ['Segment', field('Territory_Segment__c')],
        ['Account Owner', owner]
    ];
    const details = [
        ['Account Name', field('Name')],
        ['Account Owner', owner],
        ['Industry', field('Industry')],
        ['Employees', field('NumberOfEmployees')],
        ['Billing Address', [city, field('BillingPostalCode')].filter(Boolean).join(' ')],
        ['Annual Revenue', money('AnnualRevenue')],
        ['Territory Segment', field('Territory_Segment__c')],
        ['Territory Potential', money('Territory_Potential__c')],
        [
            'Territory Workload',
            field('Territory_Workload__c') == null
                ? ''
                : `${decimal.format(field('Territory_Workload__c'))} h`
        ],
        ['Territory Locked', field('Territory_Locked__c') ? 'Yes' : 'No'],
        ['Named Account', field('Territory_Named__c') ? 'Yes' : 'No']
    ];
    document.getElementById('record-details').innerHTML = details
        .map(
            ([label, value]) => `<div class="slds-col slds-size_1-of-2 slds-p-bottom_small">
                <dt class="slds-form-element__label">${escapeHtml(label)}</dt>
                <dd class="slds-form-element__static slds-border_bottom">${escapeHtml(value ?? '')}</dd></div>`
        )
        .join('');
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
    if (pathname.startsWith('/lightning/n/Territory_Performance')) return performancePage();
    if (pathname.startsWith('/lightning/n/Territory_Rollout')) return rolloutPage();
    return plannerPage();
}

route();
