/**
 * `lightning/messageService` (Lightning Message Service) inside one sandbox page: components on
 * the same page publish and subscribe on `@salesforce/messageChannel/<Name>__c` channels.
 */
export const APPLICATION_SCOPE = Symbol('APPLICATION_SCOPE');

const subscribers = new Map();

/** Wire adapter giving a component its message context (the sandbox page is one context). */
export class MessageContext {
    constructor(dataCallback) {
        this.dataCallback = dataCallback;
    }

    connect() {
        this.dataCallback({ page: 'sandbox' });
    }

    update() {}

    disconnect() {}
}

export function createMessageContext() {
    return { page: 'sandbox' };
}

export function releaseMessageContext() {}

/** Delivers `message` to every subscriber of `channel`, asynchronously as the platform does. */
export function publish(_context, channel, message) {
    for (const subscription of subscribers.get(channel.channel) ?? []) {
        Promise.resolve().then(() => {
            if (subscription.active) subscription.listener(message);
        });
    }
}

export function subscribe(_context, channel, listener) {
    const subscription = { channel: channel.channel, listener, active: true };
    if (!subscribers.has(channel.channel)) subscribers.set(channel.channel, new Set());
    subscribers.get(channel.channel).add(subscription);
    return subscription;
}

export function unsubscribe(subscription) {
    if (!subscription) return;
    subscription.active = false;
    subscribers.get(subscription.channel)?.delete(subscription);
}
