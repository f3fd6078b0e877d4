import { LightningElement, api } from 'lwc';
import CURRENCY from '@salesforce/i18n/currency';

/**
 * One figure of the Performance dashboard with its unit: money in the user's currency, a ratio
 * as a percentage, or a number; '—' when it is missing.
 */
export default class PerformanceFigure extends LightningElement {
    /** The value; null or undefined shows '—'. */
    @api value;
    /** 'currency', 'percent' or 'number'. */
    @api kind = 'number';
    /** Fraction digits of a number (currency: none; percent: one). */
    @api digits = 0;

    currencyCode = CURRENCY;

    get isMissing() {
        return this.value === null || this.value === undefined;
    }

    get isCurrency() {
        return this.kind === 'currency';
    }

    get isPercent() {
        return this.kind === 'percent';
    }
}
