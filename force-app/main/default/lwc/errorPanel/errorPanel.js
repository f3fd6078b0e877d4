import { LightningElement, api } from 'lwc';
import { reduceErrors } from 'c/ldsUtils';
import LABELS from './labels';

/**
 * Shows any error (Apex, UI API, JS) as a friendly sentence plus the details it carries.
 */
export default class ErrorPanel extends LightningElement {
    labels = LABELS;
    /** What the user should know first, e.g. "The plan could not be loaded." */
    @api friendlyMessage = LABELS.DEFAULT;
    /** Any error shape, or a list of them. */
    @api errors;

    get messages() {
        return reduceErrors(this.errors).map((text, index) => ({ key: `m${index}`, text }));
    }

    get hasMessages() {
        return this.messages.length > 0;
    }
}
