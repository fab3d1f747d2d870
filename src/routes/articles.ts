import { createRoute, z, type OpenAPIHono } from '@hono/zod-openapi';
import { ApiError, errorSchema } from '../api-error.ts';
import type { AppEnv } from '../app.ts';

const articleSchema = z
  .object({
    id: z.string(),
    url: z.string(),
    outletId: z.string(),
    outlet: z.string(),
    title: z.string(),
    lead: z.string(),
    body: z.string(),
    authors: z.array(z.string()),
    bylineRaw: z.string().nullable(),
    editor: z.string().nullable(),
    dateline: z.string().nullable(),
    city: z.string().nullable(),
    places: z.array(z.string()),
    organisations: z.array(z.string()),
    organisationAliases: z.array(z.string()),
    publishedAt: z.number().int(),
    publishedIso: z.string(),
    updatedAt: z.number().int().nullable(),
    day: z.string(),
    week: z.string(),
    month: z.string(),
    year: z.string(),
    section: z.string().nullable(),
    tags: z.array(z.string()),
    image: z.string().nullable(),
    language: z.string(),
    fetchedAt: z.number().int(),
    contentHash: z.string(),
    extractorVersion: z.string(),
  })
  .passthrough()
  .openapi('Article');

const idParam = z.object({
  id: z
    .string()
    .regex(/^[A-Za-z0-9_-]{1,511}$/, 'expected an article id of A-Z a-z 0-9 - _ (at most 511 characters)')
    .openapi({ param: { name: 'id', in: 'path' }, example: 'beritain-co-id-2025-10-14-cmm-studi-tiru_0a1b2c3d4e5f' }),
});

export const articleRoute = createRoute({
  method: 'get',
  path: '/articles/{id}',
  summary: 'One whole article',
  request: { params: idParam },
  responses: {
    200: { content: { 'application/json': { schema: articleSchema } }, description: 'The article' },
    400: { content: { 'application/json': { schema: errorSchema } }, description: 'Malformed id' },
    404: { content: { 'application/json': { schema: errorSchema } }, description: 'No such article' },
    503: { content: { 'application/json': { schema: errorSchema } }, description: 'Search engine unavailable' },
  },
});

export function registerArticleRoutes(app: OpenAPIHono<AppEnv>): void {
  app.openapi(articleRoute, async (c) => {
    const { id } = c.req.valid('param');
    const article = await c.var.deps.search.getArticle(id);
    if (!article) throw new ApiError(404, 'not_found', `No article with id "${id}"`);
    return c.json(article, 200);
  });
}
