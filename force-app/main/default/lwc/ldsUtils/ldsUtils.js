/**
 * Turns any error shape a component meets (Apex/UI API FetchResponse, JS Error, string, or a list
 * of those) into a flat list of messages, as lwc-recipes' ldsUtils does.
 * @param {FetchResponse|Error|string|Array} errors
 * @returns {string[]} the messages, never empty strings
 */
export function reduceErrors(errors) {
    const list = Array.isArray(errors) ? errors : [errors];
    return list
        .filter((error) => !!error)
        .map((error) => {
            if (typeof error === 'string') {
                return error;
            }
            const body = error.body;
            if (Array.isArray(body)) {
                return body.map((entry) => entry.message);
            }
            if (body && body.pageErrors && body.pageErrors.length > 0) {
                return body.pageErrors.map((entry) => entry.message);
            }
            if (body && body.fieldErrors && Object.keys(body.fieldErrors).length > 0) {
                return Object.values(body.fieldErrors)
                    .flat()
                    .map((entry) => entry.message);
            }
            if (body && typeof body.message === 'string') {
                return body.message;
            }
            if (typeof error.message === 'string') {
                return error.message;
            }
            return error.statusText;
        })
        .flat()
        .filter((message) => !!message);
}

/**
 * Fills the {0}, {1}… placeholders of a Custom Label with `values`; a placeholder without a value
 * stays as it is.
 */
export function formatLabel(template, ...values) {
    return String(template ?? '').replace(/\{(\d+)\}/g, (match, index) => {
        const value = values[index];
        return value === undefined || value === null ? match : String(value);
    });
}

/** The label for `count`: `one` when it is 1, `many` otherwise, with {0} filled by `text`. */
export function pluralLabel(count, one, many, text = count) {
    return formatLabel(Number(count) === 1 ? one : many, text);
}
