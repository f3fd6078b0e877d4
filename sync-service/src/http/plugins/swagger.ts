/** OpenAPI 3 document of the API, built from the route schemas, served at GET /openapi.json. */
import swagger from '@fastify/swagger';
import type { FastifyInstance } from 'fastify';
import fp from 'fastify-plugin';

export default fp(
    async function openapi(app: FastifyInstance) {
        await app.register(swagger, {
            openapi: {
                openapi: '3.0.3',
                info: {
                    title: 'Territory planner sync service',
                    version: '1.0.0',
                    description:
                        'Called by Apex through a Named Credential. Every route but /health, /ready and /openapi.json needs `Authorization: Bearer <JWT>`: RS256, signed in Apex with a certificate of Certificate and Key Management (HS256 only in local development), with iss = the org id of the org the service is connected to, sub = the calling user (and the approver), iat not in the future, exp ≤ iat + 1 h, and perms = what the caller may do (`plan`: generate and cancel; `approve`: approve; `admin`: the actions of the queue dashboard, which any valid token may view). A bad token answers 401, a missing permission 403. Errors are `{ statusCode, error, message }`.'
                },
                components: {
                    securitySchemes: {
                        bearerAuth: { type: 'http', scheme: 'bearer', bearerFormat: 'JWT' }
                    }
                }
            }
        });
        app.get('/openapi.json', { config: { public: true }, schema: { hide: true } }, async () =>
            app.swagger()
        );
    },
    { name: 'openapi' }
);
