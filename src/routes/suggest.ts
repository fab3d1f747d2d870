import { createRoute, z, type OpenAPIHono } from '@hono/zod-openapi';
import { errorSchema } from '../api-error.ts';
import type { AppEnv } from '../app.ts';
import { suggestQuerySchema } from '../search/query.ts';
import { requireCapability } from './capability.ts';

/** Suggestions may be a minute old: a news archive changes slowly, and typing repeats prefixes. */
export const SUGGEST_CACHE_CONTROL = 'public, max-age=60, stale-while-revalidate=300';

const suggestSchema = z
  .object({
    query: z.string(),
    suggestions: z.array(
      z.object({
        id: z.string(),
        url: z.string().openapi({ description: 'The article on the outlet site' }),
        outlet: z.string(),
        title: z.string(),
        titleHtml: z.string().openapi({ description: 'Escaped HTML; matches wrapped in <mark>.' }),
        publishedAt: z.string().openapi({ example: '2025-10-14T16:20:00+07:00' }),
      }),
    ),
  })
  .openapi('Suggestions');

export const suggestRoute = createRoute({
  method: 'get',
  path: '/suggest',
  summary: 'Search-as-you-type: article titles and dates',
  description: 'For search boxes (see /widget.js). Matches titles only; the last word is a prefix. Cross-origin reads are allowed only for the configured outlet origins (ARSIP_CORS_ORIGINS).',
  request: { query: suggestQuerySchema },
  responses: {
    200: { content: { 'application/json': { schema: suggestSchema } }, description: 'Up to `limit` suggestions' },
    400: { content: { 'application/json': { schema: errorSchema } }, description: 'Invalid parameters' },
    429: { content: { 'application/json': { schema: errorSchema } }, description: 'Rate limited (see Retry-After)' },
    503: { content: { 'application/json': { schema: errorSchema } }, description: 'Search engine unavailable' },
  },
});

export function registerSuggestRoutes(app: OpenAPIHono<AppEnv>): void {
  app.openapi(suggestRoute, async (c) => {
    const search = c.var.deps.search;
    const suggest = requireCapability(search.suggest, 'suggest');
    const page = await suggest.call(search, c.req.valid('query'));
    return c.json(page, 200, { 'Cache-Control': SUGGEST_CACHE_CONTROL });
  });
}
