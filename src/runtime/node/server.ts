import { serve, type ServerType } from '@hono/node-server';
import { createApp, type AppDeps } from '../../app.ts';
import type { Config } from '../../config.ts';
import { ArticleSearch } from '../../search/meilisearch.ts';
import { createNodeHttpClient } from './http-transport.ts';
import type { MeilisearchConnection } from './meilisearch-connection.ts';

export interface RunningApi {
  url: string;
  close(): Promise<void>;
}

/** Serves the Hono app on Node. Searches go through node:http keep-alive (see http-transport.ts). */
export async function startApiServer(
  config: Config,
  meili: Pick<MeilisearchConnection, 'url' | 'searchKey'>,
  log: (line: string) => void,
  /** Crawl control and the archive, when this process crawls (npm start). */
  extraDeps: Pick<AppDeps, 'admin' | 'archive'> = {},
): Promise<RunningApi> {
  const transport = createNodeHttpClient({ timeoutMillis: config.meilisearch.searchTimeoutMillis });
  const search = new ArticleSearch({
    url: meili.url,
    searchKey: meili.searchKey,
    indexUid: config.meilisearch.indexUid,
    timeoutMillis: config.meilisearch.searchTimeoutMillis,
    httpClient: transport.httpClient,
  });
  const app = createApp({
    search,
    ...extraDeps,
    ...(config.publicAccess ? { publicAccess: config.publicAccess } : {}),
    logError: (message, error) => log(`${message}: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}`),
  });
  const server = await new Promise<ServerType>((resolve, reject) => {
    const s = serve({ fetch: app.fetch, port: config.port, hostname: config.host }, () => resolve(s));
    s.once('error', reject);
  });
  const address = server.address();
  const port = typeof address === 'object' && address ? address.port : config.port;
  return {
    url: `http://${config.host}:${port}`,
    close: () =>
      new Promise<void>((resolve) => {
        transport.close();
        server.close(() => resolve());
        // Keep-alive sockets would hold close() open.
        (server as { closeAllConnections?: () => void }).closeAllConnections?.();
      }),
  };
}
