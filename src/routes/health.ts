import { createRoute, z, type OpenAPIHono } from '@hono/zod-openapi';
import type { AppEnv } from '../app.ts';

const healthSchema = z
  .object({
    status: z.enum(['ok', 'degraded']),
    meilisearch: z.enum(['available', 'unavailable']),
    documents: z.number().int().nullable(),
  })
  .openapi('Health');

export const healthRoute = createRoute({
  method: 'get',
  path: '/health',
  summary: 'Reachability of the search engine and the number of archived articles',
  responses: {
    200: { content: { 'application/json': { schema: healthSchema } }, description: 'Everything answers' },
    503: { content: { 'application/json': { schema: healthSchema } }, description: 'Meilisearch is unreachable' },
  },
});

export function registerHealthRoutes(app: OpenAPIHono<AppEnv>): void {
  app.openapi(healthRoute, async (c) => {
    const engine = await c.var.deps.search.health();
    c.header('Cache-Control', 'no-store');
    if (engine.status === 'available') {
      return c.json({ status: 'ok' as const, meilisearch: engine.status, documents: engine.documents }, 200);
    }
    return c.json({ status: 'degraded' as const, meilisearch: engine.status, documents: null }, 503);
  });
}
