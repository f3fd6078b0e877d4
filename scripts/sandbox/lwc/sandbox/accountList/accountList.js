import { LightningElement } from 'lwc';

/**
 * The sandbox's "Accounts" tab: a list view of the local org's accounts with their territory,
 * each linking to its record page (where the rep card lives). Sandbox chrome, not package code.
 */
export default class AccountList extends LightningElement {
    accounts = [];
    error;
    loading = true;

    connectedCallback() {
        fetch('/sandbox/accounts?limit=50')
            .then((response) =>
                response.ok
                    ? response.json()
                    : Promise.reject(new Error(`The sandbox server answered ${response.status}`))
            )
            .then((body) => {
                this.accounts = body.accounts.map((account) => ({
                    ...account,
                    url: `/lightning/r/Account/${account.id}/view`
                }));
            })
            .catch((error) => {
                this.error = error.message;
            })
            .finally(() => {
                this.loading = false;
            });
    }

    get title() {
        return this.loading ? 'Accounts' : `Accounts (${this.accounts.length})`;
    }

    get hasAccounts() {
        return this.accounts.length > 0;
    }

    get isEmpty() {
        return !this.loading && !this.error && this.accounts.length === 0;
    }
}
