/**
 * The one error handler: 4xx answers say exactly what was wrong (validation messages name the
 * field), 5xx answers hide internals and point to the request id in the log. Every error body is
 * `{ statusCode, error, message }`.
 */
import type { FastifyError, FastifyInstance } from 'fastify';
import fp from 'fastify-plugin';
import { STATUS_CODES } from 'node:http';
import { classifyFault } from '../../jobs/salesforce-faults.js';

/**
 * Salesforce errors that reach a route: the org's answer about the caller's ids becomes a 4xx with
 * the org's message; an unavailable or over-limit org becomes a 503.
 */
function salesforceStatus(error: FastifyError): number | undefined {
    const code = (error as { errorCode?: unknown }).errorCode;
    if (typeof code !== 'string') return undefined;
    if (['MALFORMED_ID', 'INVALID_ID_FIELD', 'INVALID_CROSS_REFERENCE_KEY'].includes(code))
        return 400;
    if (['NOT_FOUND', 'ENTITY_IS_DELETED'].includes(code)) return 404;
    const kind = classifyFault(error);
    return kind === 'permanent' ? 500 : 503;
}

function statusOf(error: FastifyError): number {
    const fromOrg = salesforceStatus(error);
    if (fromOrg !== undefined) return fromOrg;
    const status = error.statusCode;
    return typeof status === 'number' && status >= 400 && status < 600 ? status : 500;
}

/** Validation errors of a request part, e.g. `body/settings must have required property 'balance'`. */
function validationMessage(error: FastifyError): string {
    const context = error.validationContext ?? 'request';
    const parts = (error.validation ?? []).map((v) => {
        const where = `${context}${v.instancePath || ''}`;
        const params = v.params as Record<string, unknown>;
        if (v.keyword === 'additionalProperties')
            return `${where} has unknown property '${String(params.additionalProperty)}'`;
        if (v.keyword === 'enum' && Array.isArray(params.allowedValues))
            return `${where} must be one of ${params.allowedValues.join(', ')}`;
        return `${where} ${v.message ?? 'is invalid'}`;
    });
    return parts.length > 0 ? parts.join('; ') : error.message;
}

export default fp(
    async function errorHandler(app: FastifyInstance) {
        app.setErrorHandler((error: FastifyError, request, reply) => {
            const statusCode = error.validation ? 400 : statusOf(error);
            if (statusCode >= 500 && statusCode !== 503) {
                request.log.error({ err: error }, 'request failed');
                return reply.code(500).send({
                    statusCode: 500,
                    error: 'Internal Server Error',
                    message: `The service failed to handle this request; the log has the details under request id ${request.id}.`
                });
            }
            const fromOrg = salesforceStatus(error) !== undefined;
            const message = error.validation
                ? validationMessage(error)
                : fromOrg && statusCode === 503
                  ? 'Salesforce is unavailable or over its API request limit; retry in a few minutes'
                  : fromOrg
                    ? `Salesforce rejected the request: ${error.message}`
                    : error.message;
            if (statusCode === 503) request.log.warn({ err: error }, 'dependency unavailable');
            else request.log.info({ statusCode, message }, 'request rejected');
            return reply.code(statusCode).send({
                statusCode,
                error: STATUS_CODES[statusCode] ?? 'Error',
                message
            });
        });
        app.setNotFoundHandler((request, reply) =>
            reply.code(404).send({
                statusCode: 404,
                error: 'Not Found',
                message: `No route ${request.method} ${request.url.split('?')[0]}; see GET /openapi.json for the routes`
            })
        );
    },
    { name: 'error-handler' }
);
