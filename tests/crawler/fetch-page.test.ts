import { gzipSync } from 'node:zlib';
import { afterEach, describe, expect, it } from 'vitest';
import { NonRetryableFetchError, parseRetryAfterMillis, RetryableFetchError, ThrottledError } from '../../crawler/errors.ts';
import { decodeBody } from '../../crawler/decode-body.ts';
import { createFetcher, type FetcherOptions } from '../../crawler/fetch-page.ts';
import { delay, startTestServer, type Routes, type TestServer } from '../helpers/http-server.ts';

const userAgent = 'ArsipBantenBot/0.1 (+https://github.com/arsip-banten/arsip-banten)';
const servers: TestServer[] = [];

async function serve(routes: Routes): Promise<TestServer> {
  const server = await startTestServer(routes);
  servers.push(server);
  return server;
}

/** A fetcher whose live site `https://berita.test` is served by `server`. */
function fetcherFor(server: TestServer, options: Partial<FetcherOptions> = {}) {
  return createFetcher({ userAgent, originMap: { 'https://berita.test': server.origin }, retryBaseDelayMillis: 5, ...options });
}

afterEach(async () => {
  await Promise.all(servers.splice(0).map((server) => server.close()));
});

describe('createFetcher: addresses', () => {
  it('fetches through the origin map but reports live URLs, following relative and mapped redirects', async () => {
    const server = await serve({
      '/start': { status: 301, headers: { location: '/middle?x=1' } },
      '/middle': (_request, response) => void response.writeHead(302, { location: `http://127.0.0.1:${server.port}/end` }).end(),
      '/end': { body: '<p>halo</p>' },
    });
    const page = await fetcherFor(server).fetchPage('https://berita.test/start#top');
    expect(page.requestedUrl).toBe('https://berita.test/start');
    expect(page.url).toBe('https://berita.test/end');
    expect(page.status).toBe(200);
    expect(page.text).toBe('<p>halo</p>');
    expect(page.contentType).toBe('text/html');
    expect(server.requests.map((request) => request.url)).toEqual(['/start', '/middle?x=1', '/end']);
    expect(server.requests.every((request) => request.headers['user-agent'] === userAgent)).toBe(true);
  });

  it('refuses URLs that are not absolute http(s)', async () => {
    const fetcher = createFetcher({ userAgent });
    await expect(fetcher.fetchPage('/relative')).rejects.toMatchObject({ reason: 'invalid-url' });
    await expect(fetcher.fetchPage('ftp://berita.test/a')).rejects.toBeInstanceOf(NonRetryableFetchError);
  });

  it('rejects options out of range with a message naming the option', () => {
    expect(() => createFetcher({ userAgent, perHostConcurrency: 0 })).toThrow('Expected `perHostConcurrency` to be an integer from 1 and up, received 0');
  });
});

describe('createFetcher: retries and throttling', () => {
  it('retries a 500 and returns the page that follows', async () => {
    let calls = 0;
    const server = await serve({
      '/flaky': (_request, response) => {
        calls++;
        if (calls < 3) response.writeHead(500).end('oops');
        else response.writeHead(200, { 'content-type': 'text/html' }).end('ok');
      },
    });
    const page = await fetcherFor(server, { retries: 2 }).fetchPage('https://berita.test/flaky');
    expect(page.text).toBe('ok');
    expect(calls).toBe(3);
  });

  it('gives up after the retries with a RetryableFetchError carrying the status', async () => {
    const server = await serve({ '/down': { status: 502, body: 'bad gateway' } });
    const error = await fetcherFor(server, { retries: 1 }).fetchPage('https://berita.test/down').catch((e: unknown) => e);
    expect(error).toBeInstanceOf(RetryableFetchError);
    expect(error).toMatchObject({ status: 502, url: 'https://berita.test/down' });
    expect(server.requests).toHaveLength(2);
  });

  it('does not retry a 404', async () => {
    const server = await serve({});
    const error = await fetcherFor(server).fetchPage('https://berita.test/missing').catch((e: unknown) => e);
    expect(error).toBeInstanceOf(NonRetryableFetchError);
    expect(error).toMatchObject({ status: 404, reason: 'status' });
    expect(server.requests).toHaveLength(1);
  });

  it('waits for Retry-After on a 429 without spending a retry', async () => {
    let calls = 0;
    const server = await serve({
      '/busy': (_request, response) => {
        calls++;
        if (calls === 1) response.writeHead(429, { 'retry-after': '1' }).end();
        else response.writeHead(200, { 'content-type': 'text/html' }).end('done');
      },
    });
    const page = await fetcherFor(server, { retries: 0 }).fetchPage('https://berita.test/busy');
    expect(page.text).toBe('done');
    const [first, second] = server.requests;
    expect(second!.receivedAt - first!.receivedAt).toBeGreaterThanOrEqual(990);
  });

  it('fails with ThrottledError at once when Retry-After exceeds the cap', async () => {
    const server = await serve({ '/later': { status: 503, headers: { 'retry-after': '3600' } } });
    const started = performance.now();
    const error = await fetcherFor(server, { maxRetryAfterMillis: 10_000 }).fetchPage('https://berita.test/later').catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ThrottledError);
    expect(error).toMatchObject({ status: 503, retryAfterMillis: 3_600_000 });
    expect(performance.now() - started).toBeLessThan(1000);
    expect(server.requests).toHaveLength(1);
  });

  it('fails with ThrottledError after the allowed number of throttled waits', async () => {
    const server = await serve({ '/busy': { status: 429, headers: { 'retry-after': '0' } } });
    const error = await fetcherFor(server, { maxThrottleWaits: 3, retries: 5 }).fetchPage('https://berita.test/busy').catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ThrottledError);
    expect(server.requests).toHaveLength(4);
  });

  it('reads Retry-After as seconds or as an HTTP date', () => {
    const now = Date.parse('Tue, 14 Oct 2025 03:00:00 GMT');
    expect(parseRetryAfterMillis('120', now)).toBe(120_000);
    expect(parseRetryAfterMillis('Tue, 14 Oct 2025 03:00:30 GMT', now)).toBe(30_000);
    expect(parseRetryAfterMillis('Tue, 14 Oct 2025 02:00:00 GMT', now)).toBe(0);
    expect(parseRetryAfterMillis('soon', now)).toBeNull();
    expect(parseRetryAfterMillis(null, now)).toBeNull();
  });
});

describe('createFetcher: limits', () => {
  it('times out a server that never answers, then retries and times out again', async () => {
    const server = await serve({ '/hang': () => {} });
    const started = performance.now();
    const error = await fetcherFor(server, { timeoutMillis: 150, retries: 1 }).fetchPage('https://berita.test/hang').catch((e: unknown) => e);
    expect(error).toBeInstanceOf(RetryableFetchError);
    expect((error as Error).message).toContain('within 150 ms');
    expect(server.requests).toHaveLength(2);
    expect(performance.now() - started).toBeLessThan(2000);
  });

  it('times out a body that stalls halfway', async () => {
    const server = await serve({
      '/stall': (_request, response) => {
        response.writeHead(200, { 'content-type': 'text/html' });
        response.write('<p>first half');
      },
    });
    const error = await fetcherFor(server, { timeoutMillis: 150, retries: 0 }).fetchPage('https://berita.test/stall').catch((e: unknown) => e);
    expect(error).toBeInstanceOf(RetryableFetchError);
    expect((error as Error).message).toContain('no complete body');
  });

  it('cuts an endless body at maxBodyBytes', async () => {
    const server = await serve({
      '/endless': async (_request, response) => {
        response.writeHead(200, { 'content-type': 'text/html' });
        const chunk = Buffer.alloc(16 * 1024, 'a');
        while (!response.destroyed) {
          if (!response.write(chunk)) await new Promise((resolve) => response.once('drain', resolve).once('close', resolve));
        }
      },
    });
    const error = await fetcherFor(server, { maxBodyBytes: 256 * 1024 }).fetchPage('https://berita.test/endless').catch((e: unknown) => e);
    expect(error).toBeInstanceOf(NonRetryableFetchError);
    expect(error).toMatchObject({ reason: 'body-too-large' });
  });

  it('cuts a gzip bomb at maxBodyBytes of decoded body', async () => {
    const bomb = gzipSync(Buffer.alloc(64 * 1024 * 1024));
    expect(bomb.byteLength).toBeLessThan(256 * 1024);
    const server = await serve({ '/bomb': { headers: { 'content-encoding': 'gzip' }, body: bomb } });
    const error = await fetcherFor(server, { maxBodyBytes: 1024 * 1024 }).fetchPage('https://berita.test/bomb').catch((e: unknown) => e);
    expect(error).toMatchObject({ reason: 'body-too-large' });
  });

  it('decodes a gzip body under the cap', async () => {
    const server = await serve({ '/small': { headers: { 'content-encoding': 'gzip' }, body: gzipSync('<p>kecil</p>') } });
    const page = await fetcherFor(server).fetchPage('https://berita.test/small');
    expect(page.text).toBe('<p>kecil</p>');
  });

  it('rejects a declared Content-Length over the cap before reading', async () => {
    const server = await serve({ '/big': { headers: { 'content-length': '2000' }, body: 'x'.repeat(2000) } });
    const error = await fetcherFor(server, { maxBodyBytes: 1000 }).fetchPage('https://berita.test/big').catch((e: unknown) => e);
    expect(error).toMatchObject({ reason: 'body-too-large' });
    expect((error as Error).message).toContain('Content-Length 2000');
  });

  it('stops after maxRedirects', async () => {
    const server = await serve({
      '*': (request, response) => {
        const n = Number(request.url!.slice(3));
        response.writeHead(302, { location: `/r/${n + 1}` }).end();
      },
    });
    const error = await fetcherFor(server, { maxRedirects: 3 }).fetchPage('https://berita.test/r/0').catch((e: unknown) => e);
    expect(error).toMatchObject({ reason: 'too-many-redirects' });
    expect(server.requests).toHaveLength(4);
  });

  it('detects a redirect loop', async () => {
    const server = await serve({
      '/a': { status: 301, headers: { location: '/b' } },
      '/b': { status: 301, headers: { location: 'https://berita.test/a' } },
    });
    const error = await fetcherFor(server).fetchPage('https://berita.test/a').catch((e: unknown) => e);
    expect(error).toBeInstanceOf(NonRetryableFetchError);
    expect(error).toMatchObject({ reason: 'redirect-loop' });
    expect((error as Error).message).toContain('loop back to https://berita.test/a');
  });

  it('checks the content type against `accept`', async () => {
    const server = await serve({ '/file.pdf': { headers: { 'content-type': 'application/pdf' }, body: '%PDF' } });
    const fetcher = fetcherFor(server);
    await expect(fetcher.fetchPage('https://berita.test/file.pdf', { accept: ['text/html'] })).rejects.toMatchObject({ reason: 'content-type' });
    await expect(fetcher.fetchPage('https://berita.test/file.pdf', { accept: ['application/*'] })).resolves.toMatchObject({ contentType: 'application/pdf' });
  });

  it('stops waiting when the caller aborts', async () => {
    const server = await serve({ '/hang': () => {} });
    const controller = new AbortController();
    setTimeout(() => controller.abort(new Error('stop')), 50);
    await expect(fetcherFor(server).fetchPage('https://berita.test/hang', { signal: controller.signal })).rejects.toThrow('stop');
    expect(server.requests).toHaveLength(1);
  });
});

describe('createFetcher: conditional GET', () => {
  it('sends If-None-Match / If-Modified-Since and reports 304 as not modified', async () => {
    const lastModified = 'Tue, 14 Oct 2025 03:00:00 GMT';
    const server = await serve({
      '/artikel': (request, response) => {
        if (request.headers['if-none-match'] === '"v1"') return void response.writeHead(304, { etag: '"v1"' }).end();
        response.writeHead(200, { 'content-type': 'text/html', etag: '"v1"', 'last-modified': lastModified }).end('<p>isi</p>');
      },
    });
    const fetcher = fetcherFor(server);
    const first = await fetcher.fetchPage('https://berita.test/artikel');
    expect(first).toMatchObject({ status: 200, notModified: false, etag: '"v1"', lastModified, text: '<p>isi</p>' });
    const second = await fetcher.fetchPage('https://berita.test/artikel', { etag: first.etag, lastModified: first.lastModified });
    expect(second).toMatchObject({ status: 304, notModified: true, text: '' });
    expect(second.bytes.byteLength).toBe(0);
    expect(server.requests[1]!.headers['if-modified-since']).toBe(lastModified);
  });
});

describe('createFetcher: character sets', () => {
  // “Cilegon” – café, in windows-1252: curly quotes 0x93/0x94, en dash 0x96, é 0xE9.
  const cp1252 = Uint8Array.from([0x93, ...Buffer.from('Cilegon'), 0x94, 0x20, 0x96, 0x20, ...Buffer.from('caf'), 0xe9]);
  const page = (head: string) => Buffer.concat([Buffer.from(`<html><head>${head}</head><body>`), cp1252, Buffer.from('</body></html>')]);

  it('decodes windows-1252 named in the Content-Type header', async () => {
    const server = await serve({ '/p': { headers: { 'content-type': 'text/html; charset=windows-1252' }, body: page('') } });
    expect((await fetcherFor(server).fetchPage('https://berita.test/p')).text).toContain('“Cilegon” – café');
  });

  it('decodes iso-8859-1 named in <meta charset> and in http-equiv', async () => {
    const server = await serve({
      '/meta': { headers: { 'content-type': 'text/html' }, body: page('<meta charset="iso-8859-1">') },
      '/equiv': { headers: { 'content-type': 'text/html' }, body: page('<meta http-equiv="Content-Type" content="text/html; charset=ISO-8859-1">') },
    });
    const fetcher = fetcherFor(server);
    expect((await fetcher.fetchPage('https://berita.test/meta')).text).toContain('café');
    expect((await fetcher.fetchPage('https://berita.test/equiv')).text).toContain('“Cilegon” – café');
  });

  it('prefers the header over <meta>, and decodes UTF-8 by default', async () => {
    const server = await serve({
      '/both': { headers: { 'content-type': 'text/html; charset=utf-8' }, body: Buffer.from('<meta charset="windows-1252"><p>café “x”</p>') },
      '/none': { headers: { 'content-type': 'text/html' }, body: Buffer.from('<p>café</p>') },
    });
    const fetcher = fetcherFor(server);
    expect((await fetcher.fetchPage('https://berita.test/both')).text).toContain('café “x”');
    expect((await fetcher.fetchPage('https://berita.test/none')).text).toBe('<p>café</p>');
  });
});

describe('createFetcher: politeness', () => {
  it('keeps one request in flight per host while another host proceeds in parallel', async () => {
    const slow = await serve({ '*': { delayMillis: 200, body: 'slow' } });
    const fast = await serve({ '*': { delayMillis: 20, body: 'fast' } });
    const fetcher = createFetcher({
      userAgent,
      originMap: { 'https://lambat.test': slow.origin, 'https://cepat.test': fast.origin },
      globalConcurrency: 2,
      perHostConcurrency: 1,
    });
    const finished: Record<string, number[]> = { slow: [], fast: [] };
    const fetchAll = (origin: string, label: 'slow' | 'fast') =>
      [1, 2, 3].map((n) => fetcher.fetchPage(`${origin}/${n}`).then(() => finished[label]!.push(performance.now())));
    await Promise.all([...fetchAll('https://lambat.test', 'slow'), ...fetchAll('https://cepat.test', 'fast')]);
    expect(slow.maxInFlight).toBe(1);
    expect(fast.maxInFlight).toBe(1);
    expect(slow.requests).toHaveLength(3);
    // The fast host finished all three before the slow one finished its second.
    expect(Math.max(...finished.fast!)).toBeLessThan(finished.slow![1]!);
  });

  it('spaces requests to one host by perHostDelayMillis and lets setHostDelayMillis raise it', async () => {
    const server = await serve({ '*': { body: 'ok' } });
    const fetcher = fetcherFor(server, { perHostDelayMillis: 60 });
    await Promise.all([1, 2, 3].map((n) => fetcher.fetchPage(`https://berita.test/${n}`)));
    fetcher.setHostDelayMillis('https://berita.test/', 200);
    await Promise.all([4, 5].map((n) => fetcher.fetchPage(`https://berita.test/${n}`)));
    const times = server.requests.map((request) => request.receivedAt);
    const gaps = times.slice(1).map((time, index) => time - times[index]!);
    expect(gaps.slice(0, 2).every((gap) => gap >= 55)).toBe(true);
    expect(gaps[3]).toBeGreaterThanOrEqual(195);
  });

  it('holds every queued request for a host while it is throttled', async () => {
    let throttled = false;
    const server = await serve({
      '*': (_request, response) => {
        if (!throttled) {
          throttled = true;
          return void response.writeHead(429, { 'retry-after': '1' }).end();
        }
        response.writeHead(200, { 'content-type': 'text/html' }).end('ok');
      },
    });
    const fetcher = fetcherFor(server);
    await Promise.all([1, 2].map((n) => fetcher.fetchPage(`https://berita.test/${n}`)));
    const [first, ...rest] = server.requests.map((request) => request.receivedAt);
    expect(rest).toHaveLength(2);
    expect(rest.every((time) => time - first! >= 990)).toBe(true);
  });
});

describe('test server helper', () => {
  it('answers 404 for unknown paths and records requests', async () => {
    const server = await serve({});
    const response = await fetch(`${server.origin}/nope?x=1`);
    expect(response.status).toBe(404);
    await response.text();
    await delay(1);
    expect(server.requests[0]!.url).toBe('/nope?x=1');
  });
});

describe('decodeBody', () => {
  const bytes = (...parts: (string | number[])[]) => Buffer.concat(parts.map((part) => (typeof part === 'string' ? Buffer.from(part, 'latin1') : Buffer.from(part))));

  it('maps every windows-1252 byte from 0x80 to 0x9F as the Encoding Standard does', () => {
    const row = Array.from({ length: 32 }, (_, index) => 0x80 + index);
    const { text } = decodeBody(bytes(row), 'text/plain; charset=iso-8859-1');
    expect(text).toBe('€\u0081‚ƒ„…†‡ˆ‰Š‹Œ\u008dŽ\u008f\u0090‘’“”•–—˜™š›œ\u009džŸ');
  });

  it('lets a byte order mark override the header', () => {
    expect(decodeBody(bytes([0xef, 0xbb, 0xbf], 'caf', [0xc3, 0xa9]), 'text/html; charset=windows-1252')).toEqual({ text: 'café', encoding: 'utf-8', source: 'bom' });
  });

  it('reads the encoding of an XML declaration', () => {
    const decoded = decodeBody(bytes('<?xml version="1.0" encoding="ISO-8859-1"?><title>Caf', [0xe9], '</title>'), 'application/xml');
    expect(decoded).toMatchObject({ text: expect.stringContaining('Café'), encoding: 'windows-1252', source: 'document' });
  });

  it('falls back to UTF-8 past an unknown label', () => {
    expect(decodeBody(bytes('caf', [0xc3, 0xa9]), 'text/html; charset=x-unknown')).toEqual({ text: 'café', encoding: 'utf-8', source: 'default' });
  });
});
