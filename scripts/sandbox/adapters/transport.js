/**
 * The sandbox's stand-in for the Lightning server round trip: every adapter that needs Salesforce
 * data calls the sandbox web server, which answers from the local org and the service API.
 */

/** Builds the error shape Lightning gives a component when a server action fails. */
function serverError(status, statusText, body) {
    return { status, statusText, ok: false, headers: {}, body };
}

/**
 * Sends a JSON request to the sandbox server; resolves to the parsed body or rejects with the
 * `{ status, body: { message } }` shape that `reduceErrors` helpers expect.
 * @param {string} url
 * @param {unknown} [payload] sent as a JSON POST body when given
 */
export async function requestJson(url, payload) {
    let response;
    try {
        response = await fetch(url, {
            method: payload === undefined ? 'GET' : 'POST',
            headers: payload === undefined ? {} : { 'content-type': 'application/json' },
            body: payload === undefined ? undefined : JSON.stringify(payload)
        });
    } catch (error) {
        throw serverError(0, 'Network Error', {
            message: `The sandbox server did not answer (${error.message}). Is npm run demo still running?`
        });
    }
    const text = await response.text();
    let body;
    try {
        body = text ? JSON.parse(text) : null;
    } catch {
        body = { message: text };
    }
    if (!response.ok) throw serverError(response.status, response.statusText, body);
    return body;
}
