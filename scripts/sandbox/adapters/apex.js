/**
 * `@salesforce/apex` and every `@salesforce/apex/Class.method` import. A method is callable
 * imperatively (`getModels()` → Promise) and usable with `@wire` (a callable wire adapter, as the
 * platform's), and `refreshApex` re-runs a wired call. The sandbox server implements each
 * `@AuraEnabled` method in JS against the local org, mirroring the Apex class.
 */
import { requestJson } from './transport.js';

/** Wired values handed out, for refreshApex: value object → adapter instance. */
const wiredInstances = new WeakMap();

/** Calls `Class.method` on the sandbox server. */
function invokeApex(className, methodName, params) {
    return requestJson(
        `/sandbox/apex/${encodeURIComponent(className)}/${encodeURIComponent(methodName)}`,
        { params: params ?? {} }
    );
}

/** The platform waits until every wire parameter is defined before calling the server. */
function hasUndefinedParam(config) {
    return Object.values(config ?? {}).some((value) => value === undefined);
}

/**
 * The module for one `@AuraEnabled` method.
 * @param {string} className
 * @param {string} methodName
 */
export function apexMethod(className, methodName) {
    const method = (params) => invokeApex(className, methodName, params);
    method.adapter = class ApexWireAdapter {
        constructor(dataCallback) {
            this.dataCallback = dataCallback;
            this.config = undefined;
            this.connected = false;
            this.generation = 0;
        }

        update(config) {
            this.config = config;
            if (this.connected) this.fetch();
        }

        connect() {
            this.connected = true;
            this.emit({ data: undefined, error: undefined });
            if (this.config !== undefined) this.fetch();
        }

        disconnect() {
            this.connected = false;
            this.generation += 1;
        }

        emit(value) {
            wiredInstances.set(value, this);
            this.dataCallback(value);
        }

        fetch() {
            if (hasUndefinedParam(this.config)) return Promise.resolve();
            const generation = ++this.generation;
            return invokeApex(className, methodName, this.config).then(
                (data) => {
                    if (generation === this.generation) this.emit({ data, error: undefined });
                },
                (error) => {
                    if (generation === this.generation) this.emit({ data: undefined, error });
                }
            );
        }
    };
    return method;
}

/** Re-runs the wired Apex call that produced `wiredValue`. */
export function refreshApex(wiredValue) {
    const instance = wiredInstances.get(wiredValue);
    return instance ? instance.fetch() : Promise.resolve();
}

/** Reads a field (`Account.Name` or a schema import) from an SObject returned by Apex. */
export function getSObjectValue(record, field) {
    const fieldPath =
        typeof field === 'string' ? field.split('.').slice(1) : field.fieldApiName.split('.');
    return fieldPath.reduce((value, name) => (value == null ? undefined : value[name]), record);
}
