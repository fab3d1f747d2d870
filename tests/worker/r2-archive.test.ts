/**
 * The R2 backend of ArchiveStore against Miniflare's R2 (driven from Node through its binding proxy), and the
 * records it writes against the ones warcio builds itself: the digests computed with crypto.subtle (so that
 * workerd never compiles WebAssembly) must be the digests warcio would have written.
 */
import { Miniflare } from 'miniflare';
import { WARCParser } from 'warcio';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ArchiveReadError, type HttpExchange } from '../../crawler/archive/archive-store.ts';
import { R2ArchiveStore, serializeExchangeWithDigests, type R2BucketLike } from '../../crawler/archive/r2-archive.ts';
import { serializeExchange } from '../../crawler/archive/warc-records.ts';

let mf: Miniflare;
let buckets = 0;

beforeAll(async () => {
  mf = new Miniflare({
    modules: true,
    compatibilityDate: '2025-09-01',
    script: 'export default { fetch() { return new Response("unused"); } }',
    r2Buckets: Object.fromEntries(Array.from({ length: 4 }, (_, i) => [`B${i}`, `bucket-${i}`])),
  });
  await mf.ready;
}, 30_000);

afterAll(async () => {
  await mf?.dispose();
});

async function freshBucket(): Promise<R2BucketLike> {
  return (await mf.getR2Bucket(`B${buckets++}`)) as unknown as R2BucketLike;
}

const page = (url: string, html: string): HttpExchange => ({
  url,
  requestHeaders: new Headers({ 'user-agent': 'ArsipBantenTest/0.1', accept: 'text/html' }),
  status: 200,
  statusText: 'OK',
  responseHeaders: new Headers({ 'content-type': 'text/html; charset=UTF-8', etag: '"x1"', 'content-encoding': 'gzip' }),
  body: new TextEncoder().encode(html),
  fetchedAt: new Date('2025-10-14T03:00:00Z'),
});

async function warcHeadersOf(bytes: Uint8Array): Promise<Map<string, string>> {
  const record = await WARCParser.parse([bytes]);
  const headers = new Map<string, string>();
  for (const [name, value] of record!.warcHeaders.headers as Iterable<[string, string]>) headers.set(name.toLowerCase(), value);
  return headers;
}

describe('R2ArchiveStore', () => {
  it('writes digests equal to the ones warcio computes itself', async () => {
    const exchange = page('https://beritain.co.id/cmm-studi-tiru/', '<html><body><p>Cilegon Metal Manufaktur – ä ü</p></body></html>');
    const ours = await serializeExchangeWithDigests(exchange);
    const warcio = await serializeExchange(exchange);
    for (const which of ['response', 'request'] as const) {
      const [a, b] = await Promise.all([warcHeadersOf(ours[which]), warcHeadersOf(warcio[which])]);
      expect(a.get('warc-block-digest'), which).toMatch(/^sha256:[0-9a-f]{64}$/);
      expect(a.get('warc-block-digest'), which).toBe(b.get('warc-block-digest'));
      expect(a.get('warc-payload-digest'), which).toBe(b.get('warc-payload-digest'));
      expect(a.get('content-length'), which).toBe(b.get('content-length'));
    }
  });

  it('appends a page and reads it back from its location, headers and body intact', async () => {
    let operations = 0;
    const archive = new R2ArchiveStore(await freshBucket(), { onOperation: () => operations++ });
    const exchange = page('https://beritain.co.id/a/', '<html><body>Serang</body></html>');
    const location = await archive.append(exchange);
    expect(location.file).toMatch(/^warc\/beritain\.co\.id\/[0-9a-f]{32}-[0-9a-f]{16}\.warc\.gz$/);
    expect(location.offset).toBe(0);
    const back = await archive.read(location);
    expect(back.url).toBe(exchange.url);
    expect(back.status).toBe(200);
    expect(back.headers.get('etag')).toBe('"x1"');
    expect(back.headers.get('content-encoding')).toBeNull();
    expect(new TextDecoder().decode(back.body)).toBe('<html><body>Serang</body></html>');
    expect(back.fetchedAt.toISOString()).toBe('2025-10-14T03:00:00.000Z');
    expect(operations).toBe(2);
  });

  it('keeps one object per page: a retried append of the same page lands on the same key', async () => {
    const bucket = await freshBucket();
    const archive = new R2ArchiveStore(bucket);
    const first = await archive.append(page('https://beritain.co.id/a/', 'same'));
    const again = await archive.append({ ...page('https://beritain.co.id/a/', 'same'), fetchedAt: new Date('2025-10-15T00:00:00Z') });
    await archive.append(page('https://beritain.co.id/b/', 'other'));
    expect(again.file).toBe(first.file);
    expect((await bucket.list({ prefix: 'warc/' })).objects).toHaveLength(2);
    const urls: string[] = [];
    for await (const response of archive.responses()) urls.push(response.url);
    expect(urls.sort()).toEqual(['https://beritain.co.id/a/', 'https://beritain.co.id/b/']);
  });

  it('says what is missing when a location is not in the bucket', async () => {
    const archive = new R2ArchiveStore(await freshBucket());
    await expect(archive.read({ file: 'warc/x/none.warc.gz', offset: 0, length: 10 })).rejects.toBeInstanceOf(ArchiveReadError);
    await expect(archive.read({ file: '../etc/passwd', offset: 0, length: 10 })).rejects.toThrow(/starting with "warc\/"/);
  });
});
