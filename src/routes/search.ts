import { createRoute, z, type OpenAPIHono } from '@hono/zod-openapi';
import { errorSchema } from '../api-error.ts';
import { searchQuerySchema } from '../search/query.ts';
import type { AppEnv } from '../app.ts';

const facetCount = z.object({ value: z.string(), count: z.number().int() });

const searchPageSchema = z
  .object({
    query: z.string(),
    sort: z.enum(['relevance', 'newest', 'oldest']),
    page: z.number().int(),
    perPage: z.number().int(),
    totalHits: z.number().int(),
    totalPages: z.number().int(),
    processingTimeMs: z.number(),
    hits: z.array(
      z.object({
        id: z.string(),
        url: z.string(),
        outlet: z.string(),
        title: z.string(),
        titleHtml: z.string().openapi({ description: 'Escaped HTML; matches wrapped in <mark>.' }),
        snippetHtml: z.string().openapi({ description: 'Escaped HTML; matches wrapped in <mark>.' }),
        publishedAt: z.string().openapi({ example: '2025-10-14T16:20:00+07:00' }),
        authors: z.array(z.string()),
        city: z.string().nullable(),
        places: z.array(z.string()),
        organisations: z.array(z.string()),
      }),
    ),
    facets: z.object({ city: z.array(facetCount), organisation: z.array(facetCount), author: z.array(facetCount), outlet: z.array(facetCount) }),
  })
  .openapi('SearchPage');

export const searchRoute = createRoute({
  method: 'get',
  path: '/search',
  summary: 'Full-text search with facets',
  description: 'Values of one filter are ORed, different filters are ANDed. Facet counts cover the whole result set.',
  request: { query: searchQuerySchema },
  responses: {
    200: { content: { 'application/json': { schema: searchPageSchema } }, description: 'A page of results' },
    400: { content: { 'application/json': { schema: errorSchema } }, description: 'Invalid parameters' },
    503: { content: { 'application/json': { schema: errorSchema } }, description: 'Search engine unavailable' },
  },
});

export function registerSearchRoutes(app: OpenAPIHono<AppEnv>): void {
  app.openapi(searchRoute, async (c) => {
    const page = await c.var.deps.search.search(c.req.valid('query'));
    return c.json(page, 200);
  });
}
