/**
 * `lightning/platformShowToastEvent`. On the platform the one.app container catches the event;
 * here it bubbles out of the component to the sandbox page shell, which shows a lightning toast.
 */
export const SHOW_TOAST_EVENT = 'lightning__showtoast';

export class ShowToastEvent extends CustomEvent {
    constructor(toast) {
        super(SHOW_TOAST_EVENT, { bubbles: true, composed: true, cancelable: true, detail: toast });
    }
}
