/**
 * An API whose Meilisearch is gone: a real connection refused on a port nothing listens on, not a
 * stub. For the 503 paths of every route.
 */
import net from 'node:net';
import { createApp } from '../../src/app.ts';
import { createNodeHttpClient } from '../../src/runtime/node/http-transport.ts';
import { ArticleSearch } from '../../src/search/meilisearch.ts';

/** A loopback port that was free a moment ago and has nothing listening on it now. */
export async function closedPort(): Promise<number> {
  const server = net.createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as net.AddressInfo;
  await new Promise<void>((resolve) => server.close(() => resolve()));
  return port;
}

/** The whole app over the Node transport, pointed at a closed port. Call `close()` when done. */
export async function appWithEngineDown(timeoutMillis = 1000): Promise<{ app: ReturnType<typeof createApp>; close(): void }> {
  const port = await closedPort();
  const transport = createNodeHttpClient({ timeoutMillis });
  const search = new ArticleSearch({ url: `http://127.0.0.1:${port}`, searchKey: 'k'.repeat(32), indexUid: 'x', timeoutMillis, httpClient: transport.httpClient });
  return { app: createApp({ search }), close: () => transport.close() };
}
