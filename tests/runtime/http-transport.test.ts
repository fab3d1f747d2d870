import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo, Socket } from 'node:net';
import { Meilisearch, MeilisearchRequestError, MeilisearchRequestTimeOutError } from 'meilisearch';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { upsertDocuments } from '../../index-config/documents.ts';
import { createNodeHttpClient, MeilisearchHttpError, MeilisearchUnreachableError } from '../../src/runtime/node/http-transport.ts';
import { testMeili } from '../helpers/meilisearch.ts';

interface LocalServer {
  url: string;
  connections: number;
  close(): Promise<void>;
}

/** A loopback server whose behaviour each test chooses; it counts TCP connections. */
async function localServer(handler: (req: IncomingMessage, res: ServerResponse, requestOnConnection: number) => void): Promise<LocalServer> {
  const perSocket = new WeakMap<Socket, number>();
  const sockets = new Set<Socket>();
  const server: Server = createServer((req, res) => {
    const n = (perSocket.get(req.socket) ?? 0) + 1;
    perSocket.set(req.socket, n);
    handler(req, res, n);
  });
  const state = { connections: 0 };
  server.on('connection', (socket) => {
    state.connections += 1;
    sockets.add(socket);
    socket.on('close', () => sockets.delete(socket));
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    get connections() {
      return state.connections;
    },
    close: () =>
      new Promise<void>((resolve) => {
        for (const socket of sockets) socket.destroy();
        server.close(() => resolve());
      }),
  };
}

async function readBody(req: IncomingMessage): Promise<string> {
  const chunks: Buffer[] = [];
  for await (const chunk of req) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks).toString('utf8');
}

/** Runs `fn` and returns what it threw. */
async function caught(fn: () => Promise<unknown>): Promise<Error> {
  try {
    await fn();
  } catch (error) {
    return error as Error;
  }
  throw new Error('Expected the call to throw, but it resolved');
}

describe('createNodeHttpClient against the real Meilisearch', () => {
  const meili = testMeili();
  const transport = createNodeHttpClient({ timeoutMillis: 10_000 });
  const indexUid = meili.uniqueIndexUid('transport');
  const client = new Meilisearch({ host: meili.url, apiKey: meili.masterKey, httpClient: transport.httpClient });
  const docs = Array.from({ length: 20 }, (_, i) => ({
    id: `doc-${i}`,
    title: `Rapat koordinasi Pemkot Cilegon ${i}`,
    body: `Wali Kota Cilegon memimpin rapat koordinasi ke-${i} bersama dinas terkait. `.repeat(6),
  }));

  beforeAll(async () => {
    const written = await upsertDocuments(meili.adminClient, indexUid, docs);
    expect(written.failedBatches).toEqual([]);
  });

  afterAll(async () => {
    transport.close();
    await meili.cleanup();
  });

  it('lets the meilisearch client search', async () => {
    const result = await client.index(indexUid).search('koordinasi', { limit: 5 });
    expect(result.estimatedTotalHits).toBe(20);
    expect(result.hits).toHaveLength(5);
    expect(result.hits[0]?.title).toContain('Rapat koordinasi');
  });

  it('turns an error answer into MeilisearchHttpError with status and Meilisearch code (wrapped by the client)', async () => {
    const error = await caught(() => client.index(`${indexUid}-missing`).search('x'));
    expect(error).toBeInstanceOf(MeilisearchRequestError);
    const cause = error.cause as MeilisearchHttpError;
    expect(cause).toBeInstanceOf(MeilisearchHttpError);
    expect(cause.status).toBe(404);
    expect(cause.code).toBe('index_not_found');
    expect(cause.type).toBe('invalid_request');
    expect(cause.message).toContain(`Index \`${indexUid}-missing\` not found`);
    expect(cause.message).not.toContain(meili.masterKey);
  });

  it('reports a wrong key as 401/403 with the auth error code', async () => {
    const stranger = new Meilisearch({ host: meili.url, apiKey: 'not-the-key', httpClient: transport.httpClient });
    const cause = (await caught(() => stranger.getKeys())).cause as MeilisearchHttpError;
    expect(cause).toBeInstanceOf(MeilisearchHttpError);
    expect(cause.status).toBe(403);
    expect(cause.code).toBe('invalid_api_key');
  });

  it('measures p50 of 50 searches (~5 KB answers): global fetch vs this transport', async () => {
    const viaFetch = new Meilisearch({ host: meili.url, apiKey: meili.masterKey });
    const query = { limit: 10, attributesToRetrieve: ['id', 'title', 'body'] };
    const sample = await client.index(indexUid).search('rapat', query);
    const answerBytes = JSON.stringify(sample).length;
    expect(answerBytes).toBeGreaterThan(4_000);
    expect(answerBytes).toBeLessThan(8_000);

    const p50 = async (search: () => Promise<unknown>) => {
      await search(); // warm the connection
      const times: number[] = [];
      for (let i = 0; i < 50; i += 1) {
        const start = performance.now();
        await search();
        times.push(performance.now() - start);
      }
      times.sort((a, b) => a - b);
      return times[25] ?? Number.NaN;
    };
    const fetchP50 = await p50(() => viaFetch.index(indexUid).search('rapat', query));
    const nodeP50 = await p50(() => client.index(indexUid).search('rapat', query));
    console.log(
      `search p50 over 50 requests, ~${(answerBytes / 1024).toFixed(1)} KB answers: ` +
        `global fetch ${fetchP50.toFixed(1)} ms, node:http transport ${nodeP50.toFixed(1)} ms`,
    );
    // Both paths must agree on the answer; the timing is for the log, not an assertion.
    const [a, b] = await Promise.all([viaFetch.index(indexUid).search('rapat', query), client.index(indexUid).search('rapat', query)]);
    expect(b.hits).toEqual(a.hits);
  });
});

describe('createNodeHttpClient failures', () => {
  it('reports a refused connection as unreachable, fast', async () => {
    const server = await localServer((_req, res) => res.end());
    const url = server.url;
    await server.close();
    const transport = createNodeHttpClient();
    try {
      const started = Date.now();
      const error = await caught(() => transport.httpClient(`${url}/health`));
      expect(Date.now() - started).toBeLessThan(1_000);
      expect(error).toBeInstanceOf(MeilisearchUnreachableError);
      expect(error.message).toContain('ECONNREFUSED');
      expect((error as MeilisearchUnreachableError).url).toBe(url);
      expect((error.cause as NodeJS.ErrnoException).code).toBe('ECONNREFUSED');
    } finally {
      transport.close();
    }
  });

  it('gives up after timeoutMillis and reports unreachable', async () => {
    const server = await localServer(() => {
      /* never answers */
    });
    const transport = createNodeHttpClient({ timeoutMillis: 200 });
    try {
      const started = Date.now();
      const error = await caught(() => transport.httpClient(`${server.url}/indexes/a/search`, { method: 'POST', body: '{}' }));
      const elapsed = Date.now() - started;
      expect(elapsed).toBeGreaterThanOrEqual(190);
      expect(elapsed).toBeLessThan(1_000);
      expect(error).toBeInstanceOf(MeilisearchUnreachableError);
      expect(error.message).toContain('within 200 ms');
    } finally {
      transport.close();
      await server.close();
    }
  });

  it("keeps the meilisearch client's own timeout working (abort signal)", async () => {
    const server = await localServer(() => {
      /* never answers */
    });
    const transport = createNodeHttpClient({ timeoutMillis: 5_000 });
    try {
      const client = new Meilisearch({ host: server.url, timeout: 100, httpClient: transport.httpClient });
      const started = Date.now();
      const error = await caught(() => client.health());
      expect(Date.now() - started).toBeLessThan(1_000);
      expect(error).toBeInstanceOf(MeilisearchRequestError);
      expect(error.cause).toBeInstanceOf(MeilisearchRequestTimeOutError);
    } finally {
      transport.close();
      await server.close();
    }
  });

  it('throws MeilisearchHttpError for a non-JSON error page (a proxy in front of Meilisearch)', async () => {
    const server = await localServer((_req, res) => {
      res.writeHead(502, { 'content-type': 'text/html' });
      res.end('<html><body>Bad Gateway</body></html>');
    });
    const transport = createNodeHttpClient();
    try {
      const error = (await caught(() => transport.httpClient(`${server.url}/indexes/a/search`, { method: 'POST', body: '{}' }))) as MeilisearchHttpError;
      expect(error).toBeInstanceOf(MeilisearchHttpError);
      expect(error.status).toBe(502);
      expect(error.code).toBeNull();
      expect(error.message).toContain('Bad Gateway');
    } finally {
      transport.close();
      await server.close();
    }
  });

  it('sends method, headers and body as given, parses JSON, and reuses one connection', async () => {
    const seen: Array<{ method?: string; url?: string; auth?: string; type?: string; body: string }> = [];
    const server = await localServer((req, res) => {
      void readBody(req).then((body) => {
        seen.push({ method: req.method, url: req.url, auth: req.headers.authorization, type: req.headers['content-type'], body });
        if (req.url === '/empty') {
          res.writeHead(204).end();
          return;
        }
        res.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify({ echoed: body }));
      });
    });
    const transport = createNodeHttpClient();
    try {
      const headers = new Headers({ authorization: 'Bearer k', 'content-type': 'application/json' });
      const body = JSON.stringify({ q: 'Cilegon – Serang', limit: 3 });
      expect(await transport.httpClient(new URL(`${server.url}/indexes/a/search?x=1`), { method: 'POST', headers, body })).toEqual({ echoed: body });
      expect(await transport.httpClient(new Request(`${server.url}/from-request`, { method: 'PUT', headers, body: 'abc' }))).toEqual({ echoed: 'abc' });
      expect(await transport.httpClient(`${server.url}/empty`, { method: 'DELETE' })).toBeUndefined();
      expect(seen).toEqual([
        { method: 'POST', url: '/indexes/a/search?x=1', auth: 'Bearer k', type: 'application/json', body },
        { method: 'PUT', url: '/from-request', auth: 'Bearer k', type: 'application/json', body: 'abc' },
        { method: 'DELETE', url: '/empty', auth: undefined, type: undefined, body: '' },
      ]);
      expect(server.connections).toBe(1);
    } finally {
      transport.close();
      await server.close();
    }
  });

  it('retries once on a fresh connection when a pooled one turns out to be closed', async () => {
    // The server drops every connection on its second request, as a server closing idle connections does.
    const server = await localServer((req, res, requestOnConnection) => {
      if (requestOnConnection > 1) {
        req.socket.destroy();
        return;
      }
      res.writeHead(200, { 'content-type': 'application/json' }).end('{"ok":true}');
    });
    const transport = createNodeHttpClient();
    try {
      expect(await transport.httpClient(`${server.url}/a`)).toEqual({ ok: true });
      expect(await transport.httpClient(`${server.url}/b`, { method: 'POST', body: '{}' })).toEqual({ ok: true });
      expect(server.connections).toBe(2);
    } finally {
      transport.close();
      await server.close();
    }
  });

  it('validates its options', () => {
    expect(() => createNodeHttpClient({ timeoutMillis: 0 })).toThrow('Expected `timeoutMillis` to be a positive number of milliseconds, received 0');
    expect(() => createNodeHttpClient({ maxSockets: 1.5 })).toThrow('Expected `maxSockets` to be an integer from 1 and up, received 1.5');
  });
});
