/**
 * A real HTTP server on 127.0.0.1 (random port) with a route table, for tests that need the network to
 * behave in a given way. It records every request and how many were in flight at once.
 *
 * @example
 * const server = await startTestServer({ '/robots.txt': { body: 'User-agent: *\nDisallow: /x' } });
 * try { ... fetch(`${server.origin}/robots.txt`) ... } finally { await server.close(); }
 */
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';

/** A canned response. */
export interface StaticRoute {
  status?: number;
  headers?: Record<string, string>;
  body?: string | Uint8Array;
  /** Wait this long before answering. */
  delayMillis?: number;
}

export type RouteHandler = (request: IncomingMessage, response: ServerResponse) => void | Promise<void>;

/** Keys are a pathname (`/a`) or pathname with query (`/a?page=2`, matched first); `*` catches the rest. */
export type Routes = Record<string, StaticRoute | RouteHandler>;

export interface RecordedRequest {
  method: string;
  /** Path and query as received. */
  url: string;
  headers: IncomingMessage['headers'];
  /** `performance.now()` when the request arrived. */
  receivedAt: number;
}

export interface TestServer {
  /** `http://127.0.0.1:PORT`. */
  origin: string;
  port: number;
  requests: RecordedRequest[];
  /** Most requests being handled at the same moment so far. */
  maxInFlight: number;
  /** Replaces or adds routes while the server runs. */
  route(path: string, route: StaticRoute | RouteHandler): void;
  close(): Promise<void>;
}

export async function startTestServer(routes: Routes = {}): Promise<TestServer> {
  const table = new Map(Object.entries(routes));
  let inFlight = 0;
  const state: TestServer = {
    origin: '',
    port: 0,
    requests: [],
    maxInFlight: 0,
    route: (path, route) => void table.set(path, route),
    close: () =>
      new Promise((resolve, reject) => {
        server.closeAllConnections();
        server.close((error) => (error ? reject(error) : resolve()));
      }),
  };

  const server = createServer((request, response) => {
    const url = request.url ?? '/';
    state.requests.push({ method: request.method ?? 'GET', url, headers: request.headers, receivedAt: performance.now() });
    inFlight++;
    state.maxInFlight = Math.max(state.maxInFlight, inFlight);
    let counted = true;
    const done = () => {
      if (counted) inFlight--;
      counted = false;
    };
    response.on('close', done);
    const route = table.get(url) ?? table.get(url.split('?')[0]!) ?? table.get('*');
    void answer(route, request, response).catch((error: unknown) => {
      if (!response.headersSent) response.writeHead(500, { 'content-type': 'text/plain' });
      response.end(String(error));
    });
  });

  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  state.port = (server.address() as AddressInfo).port;
  state.origin = `http://127.0.0.1:${state.port}`;
  return state;
}

async function answer(route: StaticRoute | RouteHandler | undefined, request: IncomingMessage, response: ServerResponse): Promise<void> {
  if (!route) {
    response.writeHead(404, { 'content-type': 'text/plain' }).end('not found');
    return;
  }
  if (typeof route === 'function') {
    await route(request, response);
    return;
  }
  if (route.delayMillis) await new Promise((resolve) => setTimeout(resolve, route.delayMillis));
  const headers = Object.fromEntries(Object.entries(route.headers ?? {}).map(([name, value]) => [name.toLowerCase(), value]));
  response.writeHead(route.status ?? 200, { 'content-type': 'text/html; charset=utf-8', ...headers });
  response.end(route.body ?? '');
}

/** Resolves after `millis`; for handlers that answer slowly. */
export const delay = (millis: number) => new Promise<void>((resolve) => setTimeout(resolve, millis));
