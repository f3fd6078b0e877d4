import { LightningElement, api } from 'lwc';
import getRequests from '@salesforce/apex/TerritoryChangeRequestController.getRequests';
import decide from '@salesforce/apex/TerritoryChangeRequestController.decide';
import { formatLabel } from 'c/ldsUtils';
import LABELS from './labels';

const STATUS_LABELS = {
    Open: LABELS.STATUS_OPEN,
    Declined: LABELS.STATUS_DECLINED
};

/**
 * Accepted requests whose account is not in the requested territory yet: account id →
 * territory id, the `pinnedAccounts` setting of the next scenario.
 */
export function pinnedAccountsOf(requests) {
    const pinned = {};
    for (const r of requests || []) {
        if (r.status === 'Accepted' && !r.honoured && r.accountId && r.requestedTerritoryId) {
            pinned[r.accountId] = r.requestedTerritoryId;
        }
    }
    return pinned;
}

/**
 * Reps' change requests in the planner's Pending view (issue 17, feedback loop): open ones with
 * Accept and Decline (with a reply the rep reads on the card), then the decided ones. Fires
 * `requestschange` with { openCount, pinnedAccounts } after each load, so the planner counts them
 * in the Pending badge and pins accepted ones in the next scenario it generates.
 */
export default class ChangeRequests extends LightningElement {
    labels = LABELS;
    _modelId;
    requests = [];
    error;
    actionError;
    replyingId;
    reply = '';
    busyId;

    @api
    get modelId() {
        return this._modelId;
    }
    set modelId(value) {
        const changed = value !== this._modelId;
        this._modelId = value;
        if (changed && value) this.refresh();
    }

    /** Reads the model's requests again (after an apply, requests become honoured). */
    @api
    async refresh() {
        const modelId = this._modelId;
        if (!modelId) return;
        try {
            const requests = (await getRequests({ modelId })) || [];
            if (modelId !== this._modelId) return;
            this.requests = requests;
            this.error = undefined;
        } catch (error) {
            this.requests = [];
            this.error = error;
        }
        this.dispatchEvent(
            new CustomEvent('requestschange', {
                detail: {
                    openCount: this.requests.filter((r) => r.status === 'Open').length,
                    pinnedAccounts: pinnedAccountsOf(this.requests)
                }
            })
        );
    }

    rowOf(r) {
        const replying = this.replyingId === r.id;
        let statusText = STATUS_LABELS[r.status] || r.status;
        if (r.status === 'Accepted') {
            statusText = r.honoured ? LABELS.STATUS_HONOURED : LABELS.STATUS_ACCEPTED;
        }
        const account = r.accountName || r.accountId;
        return {
            ...r,
            key: r.id,
            title: formatLabel(
                LABELS.REQUEST_TITLE,
                account,
                r.fromTerritoryName || r.fromTerritoryId,
                r.requestedTerritoryName || r.requestedTerritoryId
            ),
            byText: r.requestedBy ? formatLabel(LABELS.ASKED_BY, r.requestedBy) : '',
            statusText,
            hasReply: !!r.reply,
            replyText: r.reply ? formatLabel(LABELS.REPLY, r.reply) : '',
            replying,
            busy: this.busyId === r.id,
            acceptLabel: formatLabel(LABELS.ACCEPT_TITLE, account),
            declineLabel: formatLabel(LABELS.DECLINE_TITLE, account)
        };
    }

    get openRequests() {
        return this.requests.filter((r) => r.status === 'Open').map((r) => this.rowOf(r));
    }

    get decidedRequests() {
        return this.requests.filter((r) => r.status !== 'Open').map((r) => this.rowOf(r));
    }

    get hasOpen() {
        return this.openRequests.length > 0;
    }

    get hasDecided() {
        return this.decidedRequests.length > 0;
    }

    get isEmpty() {
        return !this.error && this.requests.length === 0;
    }

    handleAccept(event) {
        return this.send(event.target.dataset.id, true, '');
    }

    handleDeclineStart(event) {
        this.replyingId = event.target.dataset.id;
        this.reply = '';
        this.actionError = undefined;
        Promise.resolve().then(() => this.template.querySelector('lightning-textarea')?.focus());
    }

    handleReply(event) {
        this.reply = event.detail.value;
    }

    handleDeclineCancel() {
        this.replyingId = undefined;
        this.reply = '';
    }

    handleDeclineSend(event) {
        if (!this.reply || !this.reply.trim()) {
            this.actionError = LABELS.NEED_REPLY;
            return undefined;
        }
        return this.send(event.target.dataset.id, false, this.reply);
    }

    async send(requestId, accept, reply) {
        this.actionError = undefined;
        this.busyId = requestId;
        try {
            await decide({ requestId, accept, reply });
            this.replyingId = undefined;
            this.reply = '';
            await this.refresh();
        } catch (error) {
            this.actionError = error?.body?.message || error?.message || String(error);
        } finally {
            this.busyId = undefined;
        }
    }
}
