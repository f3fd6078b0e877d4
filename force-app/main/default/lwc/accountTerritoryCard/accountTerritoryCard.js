import { LightningElement, api, wire } from 'lwc';
import getAccountTerritory from '@salesforce/apex/AccountTerritoryController.getAccountTerritory';
import {
    deviationStatus,
    formatMeasure,
    formatNumber,
    formatSignedPercent,
    DEFAULT_TOLERANCE,
    MEASURES
} from 'c/planMath';
import { cardView } from 'c/territoryFigures';

const FIGURE_DEFINITIONS = {
    Potential: MEASURES.potential,
    Workload: MEASURES.workload,
    Accounts: MEASURES.accountCount
};

/**
 * Rep card on the Account record page: the account's territory, its reps and roles, a mini map
 * with this account highlighted and the rep homes, the territory's figures against target and a
 * short "why here". Salesforce data only (Apex), so it works when the sync service is down.
 */
export default class AccountTerritoryCard extends LightningElement {
    @api recordId;

    card;
    // Reps with distances, figures against target and the nearest rep, from c/territoryFigures.
    view;
    error;

    @wire(getAccountTerritory, { accountId: '$recordId' })
    wiredCard({ data, error }) {
        if (data) {
            this.card = data;
            this.view = cardView(data);
            this.error = undefined;
        } else if (error) {
            this.card = undefined;
            this.view = undefined;
            this.error = error;
        }
    }

    get isLoading() {
        return !this.card && !this.error;
    }

    get hasTerritory() {
        return !!this.card && !!this.card.territoryId;
    }

    get hasNoTerritory() {
        return !!this.card && !this.card.territoryId;
    }

    get title() {
        return this.hasTerritory ? this.card.territoryName : 'Territory';
    }

    get modelText() {
        return `${this.card.modelName} · ${this.card.modelState}`;
    }

    get reps() {
        return this.view.reps.map((rep) => ({
            ...rep,
            key: rep.userId,
            roleText: rep.role || 'Member',
            distanceText: Number.isFinite(rep.distanceKm)
                ? `${formatNumber(rep.distanceKm, { maximumFractionDigits: 0 })} km from home`
                : 'No home base set'
        }));
    }

    get hasReps() {
        return this.reps.length > 0;
    }

    get mapTerritories() {
        return [
            {
                id: this.card.territoryId,
                name: this.card.territoryName,
                reps: this.view.reps
            }
        ];
    }

    get mapAccounts() {
        const points = (this.card.territoryAccounts || []).map((point) => ({
            id: point.id,
            name: point.id === this.card.account.id ? this.card.account.name : '',
            latitude: point.latitude,
            longitude: point.longitude,
            territoryId: this.card.territoryId
        }));
        const account = this.card.account;
        if (Number.isFinite(account.latitude) && !points.some((point) => point.id === account.id)) {
            points.push({
                id: account.id,
                name: account.name,
                latitude: account.latitude,
                longitude: account.longitude,
                territoryId: this.card.territoryId
            });
        }
        return points;
    }

    // The rep's week (c-rep-week-map) needs the model; a card read before it carried modelId skips it.
    get showWeek() {
        return !!this.card.modelId && this.weekReps.length > 0;
    }

    // The territory's reps, active ones first: the week shown is the first one's.
    get weekReps() {
        const reps = (this.view.reps || []).filter((rep) => rep.userId);
        return [
            ...reps.filter((rep) => rep.isActive !== false),
            ...reps.filter((rep) => rep.isActive === false)
        ].map((rep) => ({ userId: rep.userId, name: rep.name }));
    }

    get mapLabel() {
        return `Map of ${this.card.territoryName} with ${this.card.account.name} highlighted`;
    }

    get figures() {
        return this.view.figures.map((figure) => {
            const definition = FIGURE_DEFINITIONS[figure.measure] || {
                label: figure.measure,
                style: 'decimal'
            };
            const status = deviationStatus(figure.deviation, DEFAULT_TOLERANCE);
            return {
                key: figure.measure,
                label: definition.label,
                valueText: formatMeasure(figure.value, definition),
                targetText: formatMeasure(figure.target, definition),
                deviationText: formatSignedPercent(figure.deviation),
                statusLabel: status.label,
                icon: status.icon,
                hasIcon: status.status !== 'none',
                deviationClass: `deviation deviation_${status.status}`
            };
        });
    }

    get reasons() {
        const nearest = this.view.nearestRep;
        const reasons = [];
        if (this.card.account.locked) {
            reasons.push('Locked: the planner never moves this account.');
        }
        if (nearest) {
            const km = formatNumber(nearest.km, { maximumFractionDigits: 0 });
            reasons.push(
                nearest.isOwn
                    ? `Nearest rep home: ${nearest.name}, ${km} km away.`
                    : `The nearest rep home is ${nearest.name}'s (${km} km) in another territory; this one keeps the load balanced.`
            );
        }
        const segment = this.card.account.segment;
        if (segment && this.view.segmentMatches === true) {
            reasons.push(`Segment ${segment} matches the rep's segment.`);
        } else if (segment && this.view.segmentMatches === false) {
            reasons.push(`Segment ${segment} differs from the rep's segment.`);
        }
        if (this.card.otherTerritoryCount > 0) {
            reasons.push(
                `Also in ${formatNumber(this.card.otherTerritoryCount)} other territory assignment(s).`
            );
        }
        return reasons.map((text, index) => ({ key: `r${index}`, text }));
    }

    get hasReasons() {
        return this.reasons.length > 0;
    }
}
