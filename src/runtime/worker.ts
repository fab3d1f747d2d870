/**
 * Cloudflare Workers entry: the same Hono app as on Node. Meilisearch must be configured
 * (MEILISEARCH_URL + MEILISEARCH_SEARCH_KEY as a secret); fetch is the transport here.
 * Cron-triggered crawls and queues arrive with the Workers issue.
 */
import type { ExecutionContext } from 'hono';
import { createApp } from '../app.ts';
import { loadConfig } from '../config.ts';
import { ArticleSearch } from '../search/meilisearch.ts';

export interface WorkerEnv {
  MEILISEARCH_URL?: string;
  MEILISEARCH_SEARCH_KEY?: string;
  MEILISEARCH_INDEX?: string;
  MEILISEARCH_SEARCH_TIMEOUT_MS?: string;
}

type App = ReturnType<typeof createApp>;
let cached: { key: string; app: App } | null = null;

/** One app per isolate and configuration: building it per request would waste CPU time. */
function appFor(env: WorkerEnv): App {
  const key = `${env.MEILISEARCH_URL}|${env.MEILISEARCH_INDEX}|${env.MEILISEARCH_SEARCH_KEY?.length}`;
  if (cached?.key === key) return cached.app;
  const config = loadConfig({ ...env } as Record<string, string | undefined>);
  if (!config.meilisearch.url || !config.meilisearch.searchKey) {
    throw new Error('The Worker needs MEILISEARCH_URL (a var) and MEILISEARCH_SEARCH_KEY (a secret)');
  }
  const search = new ArticleSearch({
    url: config.meilisearch.url,
    searchKey: config.meilisearch.searchKey,
    indexUid: config.meilisearch.indexUid,
    timeoutMillis: config.meilisearch.searchTimeoutMillis,
  });
  const app = createApp({ search, logError: (message, error) => console.error(message, error instanceof Error ? error.message : error) });
  cached = { key, app };
  return app;
}

export default {
  fetch(request: Request, env: WorkerEnv, ctx: ExecutionContext): Response | Promise<Response> {
    return appFor(env).fetch(request, env, ctx);
  },
};
