/**
 * The sandbox web server: the page shell and the compiled components (scripts/sandbox/build.mjs),
 * the SLDS assets, the package's static resources, and the server side of the platform adapters:
 * `@AuraEnabled` methods (mirrors of the Apex controllers) and UI API records, both answered from
 * the org.
 */
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import Fastify from 'fastify';
import type { FastifyInstance, FastifyReply } from 'fastify';
import fastifyStatic from '@fastify/static';
import type { OrgConnection } from './org-client.js';
import { resolveStaticResource } from './static-resources.js';
import { getUiRecord } from './ui-api.js';
import { listAccounts } from './account-list.js';
import { AuraHandledException, type ApexRegistry } from './apex/aura.js';

const require = createRequire(import.meta.url);
const SLDS_ASSETS = path.join(
    path.dirname(require.resolve('@salesforce-ux/design-system/package.json')),
    'assets'
);

export interface SandboxServerOptions {
    /** Output of scripts/sandbox/build.mjs (index.html, app.js, shell.css). */
    distDir: string;
    /** force-app/main/default/staticresources */
    staticResourcesDir: string;
    /** The org, as the running user sees it. */
    org: OrgConnection;
    /** The `@AuraEnabled` methods, by class and method name. */
    apex: ApexRegistry;
    /** The running user (what `@salesforce/user/Id` gives). */
    userId: string;
}

/** Builds the Fastify app (not listening). */
export async function buildSandboxServer(options: SandboxServerOptions): Promise<FastifyInstance> {
    const app = Fastify({ logger: false });
    const indexHtml = readFileSync(path.join(options.distDir, 'index.html'), 'utf8').replace(
        'window.__SANDBOX__ = {};',
        `window.__SANDBOX__ = ${JSON.stringify({ userId: options.userId })};`
    );

    await app.register(fastifyStatic, { root: SLDS_ASSETS, prefix: '/assets/' });
    await app.register(fastifyStatic, {
        root: options.distDir,
        prefix: '/sandbox/',
        decorateReply: false,
        index: false
    });

    const page = async (_request: unknown, reply: FastifyReply) =>
        reply.type('text/html; charset=utf-8').send(indexHtml);
    app.get('/', page);
    app.get('/lightning/*', page);

    app.get<{ Params: { '*': string } }>('/resource/*', async (request, reply) => {
        // Lightning URLs carry a cache-busting timestamp segment: /resource/1700000000/name/...
        const segments = request.params['*'].split('/').filter((s) => s !== '');
        if (segments.length > 0 && /^\d+$/.test(segments[0] ?? '')) segments.shift();
        const [name = '', ...inner] = segments;
        const file = resolveStaticResource(options.staticResourcesDir, name, inner.join('/'));
        if (!file) {
            return reply.code(404).send({ message: `No static resource ${request.params['*']}` });
        }
        return reply.sendFile(path.basename(file), path.dirname(file));
    });

    app.post<{ Params: { className: string; methodName: string }; Body: { params?: unknown } }>(
        '/sandbox/apex/:className/:methodName',
        async (request, reply) => {
            const { className, methodName } = request.params;
            const method = options.apex[className]?.[methodName];
            if (!method) {
                return reply.code(404).send({
                    message: `No @AuraEnabled method ${className}.${methodName} in the sandbox`,
                    exceptionType: 'System.NoSuchMethodException'
                });
            }
            const params = request.body?.params;
            try {
                return await method(
                    params !== null && typeof params === 'object'
                        ? (params as Record<string, unknown>)
                        : {}
                );
            } catch (error) {
                // What a component sees for an uncaught Apex exception (body.message).
                const handled = error instanceof AuraHandledException;
                request.log.error({ err: error }, `${className}.${methodName} failed`);
                return reply.code(500).send({
                    message: error instanceof Error ? error.message : String(error),
                    exceptionType: handled ? 'System.AuraHandledException' : 'System.Exception',
                    isUserDefinedException: false,
                    stackTrace: null
                });
            }
        }
    );

    app.get<{ Params: { id: string }; Querystring: { fields?: string; optionalFields?: string } }>(
        '/sandbox/ui-api/records/:id',
        async (request, reply) => {
            const split = (list: string | undefined) =>
                (list ?? '').split(',').filter((field) => field.trim() !== '');
            const record = await getUiRecord(
                options.org,
                request.params.id,
                split(request.query.fields),
                split(request.query.optionalFields)
            );
            if (!record) {
                return reply
                    .code(404)
                    .send([
                        { errorCode: 'NOT_FOUND', message: 'The requested resource does not exist' }
                    ]);
            }
            return record;
        }
    );

    // The scenario's change report (assignments CSV), downloaded as Lightning links it.
    app.get<{ Params: { id: string } }>(
        '/sfc/servlet.shepherd/version/download/:id',
        async (request, reply) => {
            const { id } = request.params;
            if (!/^068[A-Za-z0-9]{12}([A-Za-z0-9]{3})?$/.test(id)) {
                return reply.code(404).send({ message: `${id} is not a ContentVersion id` });
            }
            const org = options.org;
            const response = await fetch(
                `${org.instanceUrl}/services/data/v${org.version}/sobjects/ContentVersion/${id}/VersionData`,
                { headers: { authorization: `Bearer ${org.accessToken ?? ''}` } }
            );
            if (!response.ok) {
                return reply
                    .code(response.status)
                    .send({ message: `The org answered ${response.status}` });
            }
            return reply
                .type('text/csv; charset=utf-8')
                .header('content-disposition', `attachment; filename="assignments-${id}.csv"`)
                .send(Buffer.from(await response.arrayBuffer()));
        }
    );

    app.get<{ Querystring: { limit?: string } }>('/sandbox/accounts', async (request) => ({
        accounts: await listAccounts(options.org, Number(request.query.limit ?? 50))
    }));

    return app;
}
