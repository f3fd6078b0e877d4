/**
 * The one error handler: 4xx answers say exactly what was wrong (validation messages name the
 * field), 5xx answers hide internals and point to the request id in the log. Every error body is
 * `{ statusCode, error, message }`.
 */
import type { FastifyError, FastifyInstance } from 'fastify';
import fp from 'fastify-plugin';
import { STATUS_CODES } from 'node:http';

function statusOf(error: FastifyError): number {
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
            const message = error.validation ? validationMessage(error) : error.message;
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
