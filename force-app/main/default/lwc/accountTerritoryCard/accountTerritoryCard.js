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
import { formatLabel, pluralLabel } from 'c/ldsUtils';
import LABELS from './labels';

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

    labels = LABELS;
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
        return this.hasTerritory ? this.card.territoryName : LABELS.TITLE;
    }

    get modelText() {
        return formatLabel(LABELS.MODEL, this.card.modelName, this.card.modelState);
    }

    get noTerritoryText() {
        return formatLabel(LABELS.NO_TERRITORY_BODY, this.card.account.name);
    }

    get reps() {
        return this.view.reps.map((rep) => ({
            ...rep,
            key: rep.userId,
            roleText: rep.role || LABELS.ROLE_MEMBER,
            distanceText: Number.isFinite(rep.distanceKm)
                ? formatLabel(
                      LABELS.KM_FROM_HOME,
                      formatNumber(rep.distanceKm, { maximumFractionDigits: 0 })
                  )
                : LABELS.NO_HOME
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
        return formatLabel(LABELS.MAP_LABEL, this.card.territoryName, this.card.account.name);
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
            reasons.push(LABELS.REASON_LOCKED);
        }
        if (nearest) {
            const km = formatNumber(nearest.km, { maximumFractionDigits: 0 });
            reasons.push(
                nearest.isOwn
                    ? formatLabel(LABELS.REASON_NEAREST_OWN, nearest.name, km)
                    : formatLabel(LABELS.REASON_NEAREST_OTHER, nearest.name, km)
            );
        }
        const segment = this.card.account.segment;
        if (segment && this.view.segmentMatches === true) {
            reasons.push(formatLabel(LABELS.REASON_SEGMENT_MATCH, segment));
        } else if (segment && this.view.segmentMatches === false) {
            reasons.push(formatLabel(LABELS.REASON_SEGMENT_DIFFERS, segment));
        }
        if (this.card.otherTerritoryCount > 0) {
            reasons.push(
                pluralLabel(
                    this.card.otherTerritoryCount,
                    LABELS.REASON_OTHER_ONE,
                    LABELS.REASON_OTHER_MANY,
                    formatNumber(this.card.otherTerritoryCount)
                )
            );
        }
        return reasons.map((text, index) => ({ key: `r${index}`, text }));
    }

    get hasReasons() {
        return this.reasons.length > 0;
    }
}
