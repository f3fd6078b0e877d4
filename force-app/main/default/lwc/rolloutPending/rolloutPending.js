import { LightningElement, api } from 'lwc';
import getPendingChange from '@salesforce/apex/TerritoryRolloutController.getPendingChange';
import { LABELS, format } from 'c/rolloutChanges';

/**
 * The account card's rollout banner (issue 17, rollout): when a scenario that changes the
 * territory is approved and waits for its effective date (or is being written), "Pending change
 * for <rep>: gains N and loses M accounts, effective <date>"; for 14 days after it took effect,
 * "Changed on <date> …". "What changes" opens the rep's gains and losses (c-rollout-changes)
 * inline. Shows nothing when nothing is pending or the service is down: the card works without it.
 */
export default class RolloutPending extends LightningElement {
    labels = LABELS;
    _modelId;
    _territoryId;
    answer;
    expanded = false;

    @api
    get modelId() {
        return this._modelId;
    }
    set modelId(value) {
        const changed = value !== this._modelId;
        this._modelId = value;
        if (changed) this.load();
    }

    @api
    get territoryId() {
        return this._territoryId;
    }
    set territoryId(value) {
        const changed = value !== this._territoryId;
        this._territoryId = value;
        if (changed) this.load();
    }

    async load() {
        const modelId = this._modelId;
        const territoryId = this._territoryId;
        if (!modelId || !territoryId) return;
        try {
            const answer = await getPendingChange({ modelId, territoryId });
            if (modelId !== this._modelId || territoryId !== this._territoryId) return;
            this.answer = answer;
        } catch {
            // The card's own figures stay; a banner that cannot be read is left out.
            this.answer = undefined;
        }
    }

    get change() {
        const status = this.answer?.status;
        return status === 'pending' || status === 'applied' ? this.answer.change : undefined;
    }

    get hasChange() {
        return !!this.change;
    }

    get isPending() {
        return this.answer?.status === 'pending';
    }

    get boxClass() {
        return `slds-box slds-box_x-small slds-m-bottom_small banner ${
            this.isPending ? 'banner_pending' : 'banner_applied'
        }`;
    }

    get iconName() {
        return this.isPending ? 'utility:event' : 'utility:success';
    }

    get text() {
        const c = this.change;
        if (!c) return '';
        const who = c.repName || c.territoryName;
        const day = c.effectiveDate || (c.appliedAt ? String(c.appliedAt).slice(0, 10) : '—');
        // The noun follows the last count: "loses 1 account", "loses 2 accounts".
        const one = Number(c.lost) === 1;
        const template = this.isPending
            ? one
                ? LABELS.PENDING_ONE
                : LABELS.PENDING
            : one
              ? LABELS.APPLIED_ONE
              : LABELS.APPLIED;
        return format(template, who, c.gained, c.lost, day);
    }

    get toggleLabel() {
        return this.expanded ? LABELS.HIDE : LABELS.SHOW;
    }

    get ariaExpanded() {
        return String(this.expanded);
    }

    handleToggle() {
        this.expanded = !this.expanded;
    }
}
