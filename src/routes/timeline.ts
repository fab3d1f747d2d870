import { createRoute, z, type OpenAPIHono } from '@hono/zod-openapi';
import { ApiError, errorSchema } from '../api-error.ts';
import type { AppEnv } from '../app.ts';
import { timelineQuerySchema } from '../search/query.ts';
import { requireCapability } from './capability.ts';

const timelineSchema = z
  .object({
    query: z.string(),
    interval: z.enum(['day', 'week', 'month']),
    from: z.string().nullable().openapi({ description: 'First WIB day drawn: the asked `from`, else the oldest match.' }),
    to: z.string().nullable(),
    totalHits: z.number().int(),
    buckets: z.array(
      z.object({
        key: z.string().openapi({ example: '2025-W42' }),
        start: z.string().openapi({ example: '2025-10-13', description: 'First day of the bucket' }),
        count: z.number().int(),
      }),
    ),
  })
  .openapi('Timeline');

export const timelineRoute = createRoute({
  method: 'get',
  path: '/timeline',
  summary: 'Matching articles per day, week or month',
  description: 'Takes the same filters as /search. Every bucket between the first and last match (or the asked range) is listed, empty ones included. At most 4000 buckets.',
  request: { query: timelineQuerySchema },
  responses: {
    200: { content: { 'application/json': { schema: timelineSchema } }, description: 'Counts over time' },
    400: { content: { 'application/json': { schema: errorSchema } }, description: 'Invalid parameters or too many buckets' },
    429: { content: { 'application/json': { schema: errorSchema } }, description: 'Rate limited (see Retry-After)' },
    503: { content: { 'application/json': { schema: errorSchema } }, description: 'Search engine unavailable' },
  },
});

export function registerTimelineRoutes(app: OpenAPIHono<AppEnv>): void {
  app.openapi(timelineRoute, async (c) => {
    const timeline = requireCapability(c.var.deps.search.timeline, 'timeline');
    try {
      return c.json(await timeline.call(c.var.deps.search, c.req.valid('query')), 200);
    } catch (error) {
      if (error instanceof RangeError) throw new ApiError(400, 'invalid_parameter', error.message, [{ param: 'interval', message: error.message }]);
      throw error;
    }
  });
}
