/**
 * What the sandbox needs to mirror an Apex controller: the registry of `@AuraEnabled` methods and
 * the exception whose message reaches the component as `error.body.message`.
 */

/** One `@AuraEnabled` method: named parameters in, a JSON-serialisable value out. */
export type AuraMethod = (params: Record<string, unknown>) => Promise<unknown>;

/** Controllers by class name, methods by name (the `@salesforce/apex/Class.method` import). */
export type ApexRegistry = Record<string, Record<string, AuraMethod>>;

/** System.AuraHandledException: a message meant for the user. */
export class AuraHandledException extends Error {
    constructor(message: string) {
        super(message);
        this.name = 'AuraHandledException';
    }
}
