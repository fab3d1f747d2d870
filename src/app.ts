import { OpenAPIHono } from '@hono/zod-openapi';
import { HTTPException } from 'hono/http-exception';
import { ApiError, errorResponse, validationError } from './api-error.ts';
import type { ArticleSearch } from './search/meilisearch.ts';
import { isEngineUnavailable } from './search/errors.ts';
import { registerArticleRoutes } from './routes/articles.ts';
import { registerHealthRoutes } from './routes/health.ts';
import { registerSearchRoutes } from './routes/search.ts';
import { registerAdminRoutes, type AdminDeps } from './routes/admin.ts';
import { registerArchivedRoutes, type ArchiveDeps } from './routes/archived.ts';
import { usePublicAccess, type PublicAccessOptions } from './middleware/public-access.ts';
import { registerTimelineRoutes } from './routes/timeline.ts';
import { registerExportRoutes } from './routes/export.ts';
import { registerSuggestRoutes } from './routes/suggest.ts';
import { registerUiRoutes } from './routes/ui.ts';
import { registerWidgetRoutes } from './routes/widget.ts';
import { registerDocsRoutes } from './routes/docs.ts';

export interface AppDeps {
  /** timeline, exportRows and suggest are optional so older backends still serve search (their routes answer 501). */
  search: Pick<ArticleSearch, 'search' | 'getArticle' | 'health'> & Partial<Pick<ArticleSearch, 'timeline' | 'exportRows' | 'suggest'>>;
  /** CORS origins, rate limits, size limits (Config.publicAccess); defaults apply when absent. */
  publicAccess?: Partial<PublicAccessOptions>;
  /** Crawl control for /admin routes (token required); absent = the routes answer 404. */
  admin?: AdminDeps;
  /** The WARC archive behind GET /articles/:id/archived; absent = that route answers 404. */
  archive?: ArchiveDeps;
  /** Where unexpected errors go; never receives keys (errors carry none). */
  logError?: (message: string, error: unknown) => void;
}

export type AppEnv = { Variables: { deps: AppDeps } };

/** The whole HTTP API; it reads no environment: the runtime entry builds deps from Config. */
export function createApp(deps: AppDeps): OpenAPIHono<AppEnv> {
  const app = new OpenAPIHono<AppEnv>({
    defaultHook: (result) => {
      if (!result.success) throw validationError(result.error.issues);
    },
  });

  app.use('*', async (c, next) => {
    c.set('deps', deps);
    await next();
  });
  usePublicAccess(app, deps.publicAccess);

  registerSearchRoutes(app);
  registerArchivedRoutes(app);
  registerArticleRoutes(app);
  registerAdminRoutes(app);
  registerHealthRoutes(app);
  registerTimelineRoutes(app);
  registerExportRoutes(app);
  registerSuggestRoutes(app);
  registerUiRoutes(app);
  registerWidgetRoutes(app);
  registerDocsRoutes(app);

  app.doc31('/openapi.json', {
    openapi: '3.1.0',
    info: { title: 'Arsip Banten API', version: '0.1.0', description: 'Full-text search over local news from Banten.' },
  });

  app.notFound((c) => errorResponse(c, new ApiError(404, 'not_found', `No route for ${c.req.method} ${new URL(c.req.url).pathname}`)));

  app.onError((error, c) => {
    if (error instanceof ApiError) return errorResponse(c, error);
    if (isEngineUnavailable(error)) {
      return errorResponse(c, new ApiError(503, 'search_unavailable', 'The search engine is not reachable right now; try again shortly.', undefined, { 'Retry-After': '5' }));
    }
    if (error instanceof HTTPException) {
      return errorResponse(c, new ApiError(error.status as 400, 'http_error', error.message || 'Request failed'));
    }
    deps.logError?.(`Unhandled error on ${c.req.method} ${new URL(c.req.url).pathname}`, error);
    return errorResponse(c, new ApiError(500, 'internal_error', 'Unexpected server error'));
  });

  return app;
}
