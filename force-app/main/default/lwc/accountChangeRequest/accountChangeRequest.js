import { LightningElement, api } from 'lwc';
import getAccountRequests from '@salesforce/apex/TerritoryChangeRequestController.getAccountRequests';
import requestChange from '@salesforce/apex/TerritoryChangeRequestController.requestChange';
import { formatLabel } from 'c/ldsUtils';
import LABELS from './labels';

const MAX_REASON = 4000;

/** What a request's status means to the rep who asked. */
export function statusText(request) {
    if (request.status === 'Declined') return LABELS.STATUS_DECLINED;
    if (request.status === 'Accepted') {
        return request.honoured ? LABELS.STATUS_DONE : LABELS.STATUS_ACCEPTED;
    }
    return LABELS.STATUS_OPEN;
}

/**
 * The rep card's feedback loop (issue 17): "Request a change" asks a planner to move the account
 * to another territory of its model, with a reason; the card lists the requests with their
 * status and the planner's reply. Salesforce data only (TerritoryChangeRequestController).
 */
export default class AccountChangeRequest extends LightningElement {
    labels = LABELS;
    _accountId;
    data;
    error;
    formOpen = false;
    territoryId = '';
    reason = '';
    formError;
    saving = false;

    @api
    get accountId() {
        return this._accountId;
    }
    set accountId(value) {
        this._accountId = value;
        if (value) this.load();
    }

    async load() {
        try {
            this.data = (await getAccountRequests({ accountId: this._accountId })) || undefined;
            this.error = undefined;
        } catch (error) {
            this.data = undefined;
            this.error = error;
        }
    }

    get options() {
        return (this.data?.territories || []).map((t) => ({ label: t.name, value: t.id }));
    }

    get requests() {
        return (this.data?.requests || []).map((r) => ({
            ...r,
            key: r.id,
            statusText: statusText(r),
            statusClass: `slds-badge status status_${(r.status || 'open').toLowerCase()}`,
            targetText: formatLabel(
                LABELS.MOVE_TO,
                r.requestedTerritoryName || r.requestedTerritoryId
            ),
            replyText: r.reply ? formatLabel(LABELS.REPLY, r.reply) : '',
            hasReply: !!r.reply
        }));
    }

    get hasRequests() {
        return this.requests.length > 0;
    }

    get hasOpenRequest() {
        return (this.data?.requests || []).some((r) => r.status === 'Open');
    }

    // Asking needs the model's other territories and no request of the account still open.
    get canRequest() {
        return !!this.data?.modelId && this.options.length > 0 && !this.hasOpenRequest;
    }

    get showButton() {
        return this.canRequest && !this.formOpen;
    }

    get showForm() {
        return this.canRequest && this.formOpen;
    }

    get maxReason() {
        return MAX_REASON;
    }

    get sendDisabled() {
        return this.saving;
    }

    handleOpen() {
        this.formOpen = true;
        this.formError = undefined;
        Promise.resolve().then(() => this.template.querySelector('lightning-combobox')?.focus());
    }

    handleCancel() {
        this.formOpen = false;
        this.territoryId = '';
        this.reason = '';
        this.formError = undefined;
        Promise.resolve().then(() => this.template.querySelector('.request-button')?.focus());
    }

    handleTerritory(event) {
        this.territoryId = event.detail.value;
    }

    handleReason(event) {
        this.reason = event.detail.value;
    }

    async handleSend() {
        this.formError = undefined;
        if (!this.territoryId) {
            this.formError = LABELS.NEED_TERRITORY;
            return;
        }
        if (!this.reason || !this.reason.trim()) {
            this.formError = LABELS.NEED_REASON;
            return;
        }
        this.saving = true;
        try {
            await requestChange({
                accountId: this._accountId,
                territoryId: this.territoryId,
                reason: this.reason
            });
            this.formOpen = false;
            this.territoryId = '';
            this.reason = '';
            await this.load();
        } catch (error) {
            this.formError = error?.body?.message || error?.message || String(error);
        } finally {
            this.saving = false;
        }
    }
}
