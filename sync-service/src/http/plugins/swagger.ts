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
                        'Called by Apex through a Named Credential. Every route but /health, /ready and /openapi.json needs `Authorization: Bearer <HS256 JWT>` (iss = org id, sub = user id, exp ≤ 1 h). Errors are `{ statusCode, error, message }`.'
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
