import net from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { applyIndexConfig } from '../../index-config/apply.ts';
import { upsertDocuments } from '../../index-config/documents.ts';
import { ensureSearchKey } from '../../index-config/keys.ts';
import { createApp } from '../../src/app.ts';
import type { ArticleDocument } from '../../src/article.ts';
import { createNodeHttpClient } from '../../src/runtime/node/http-transport.ts';
import { ArticleSearch } from '../../src/search/meilisearch.ts';
import { closedPort } from '../helpers/engine-down.ts';
import { testMeili } from '../helpers/meilisearch.ts';

/** A complete document; tests vary only what they are about. */
function doc(id: string, fields: Partial<ArticleDocument>): ArticleDocument {
  const publishedIso = fields.publishedIso ?? '2025-10-14T16:20:00+07:00';
  const publishedAt = Math.floor(Date.parse(publishedIso) / 1000);
  return {
    id,
    url: `https://example.test/${id}/`,
    outletId: 'beritain',
    outlet: 'Beritain.co.id',
    title: `Judul ${id}`,
    lead: `Paragraf pembuka ${id}.`,
    body: `Paragraf pembuka ${id}.\n\nIsi berita ${id}.`,
    authors: ['Sari'],
    bylineRaw: '(Sari/Red)',
    editor: null,
    dateline: 'Cilegon',
    city: 'Kota Cilegon',
    places: ['Kota Cilegon'],
    organisations: [],
    organisationAliases: [],
    publishedAt,
    publishedIso,
    updatedAt: null,
    day: publishedIso.slice(0, 10),
    week: '2025-W42',
    month: publishedIso.slice(0, 7),
    year: publishedIso.slice(0, 4),
    section: null,
    tags: [],
    image: null,
    language: 'id',
    fetchedAt: publishedAt,
    contentHash: 'x'.repeat(64),
    extractorVersion: 'test',
    ...fields,
  };
}

// Values chosen to break a filter built by string concatenation.
const HOSTILE = [
  'Kota "Serang"',
  'Kota Cilegon" OR city = "Kota Serang',
  'Kota\\Cilegon',
  'Kota\\" OR city EXISTS OR city = \\"x',
  '(Kota Tangerang) OR (city = Kota Serang)',
  'city = Kota Lebak',
  'NOT Kota Cilegon',
];

const DOCS: ArticleDocument[] = [
  doc('a1', { title: 'Cilegon Metal Manufaktur studi tiru ke Bandung', city: 'Kota Cilegon', authors: ['Sari'], organisations: ['Cilegon Metal Manufaktur'], publishedIso: '2025-10-14T16:20:00+07:00' }),
  doc('a2', { title: 'Banjir di Kota Serang', city: 'Kota Serang', authors: ['Budi'], outlet: 'BANPOS', outletId: 'bantenpos', organisations: ['BPBD Kota Serang'], publishedIso: '2025-11-02T08:00:00+07:00' }),
  doc('a3', { title: 'Pelantikan di Kota Serang', city: 'Kota Serang', authors: ['Sari', 'Budi'], organisations: ['Pemerintah Kota Serang'], publishedIso: '2024-01-05T09:30:00+07:00' }),
  doc('a4', { title: 'Ada <script>alert(1)</script> di judul Cilegon', city: 'Kota Cilegon', authors: ['Rina'], publishedIso: '2025-10-15T00:30:00+07:00' }),
  ...HOSTILE.map((city, i) => doc(`h${i}`, { title: `Nilai aneh ${i}`, city, authors: ['Uji'], publishedIso: '2023-06-01T10:00:00+07:00' })),
];

let app: ReturnType<typeof createApp>;
let masterKey: string;
let meiliUrl: string;
let indexUid: string;
let searchKey: string;
const transport = createNodeHttpClient({ timeoutMillis: 2000 });

beforeAll(async () => {
  const meili = testMeili();
  masterKey = meili.masterKey;
  meiliUrl = meili.url;
  indexUid = meili.uniqueIndexUid('api');
  await applyIndexConfig(meili.adminClient, { indexUid });
  const written = await upsertDocuments(meili.adminClient, indexUid, DOCS);
  expect(written.failedBatches).toEqual([]);
  searchKey = (await ensureSearchKey(meili.adminClient, { indexUids: [`${indexUid}*`] })).key;
  const search = new ArticleSearch({ url: meili.url, searchKey, indexUid, timeoutMillis: 2000, httpClient: transport.httpClient });
  app = createApp({ search });
});

afterAll(() => transport.close());

async function get(path: string) {
  const res = await app.request(path);
  const text = await res.text();
  expect(text).not.toContain(masterKey);
  return { status: res.status, headers: res.headers, body: JSON.parse(text) };
}

const ids = (body: { hits: Array<{ id: string }> }) => body.hits.map((h) => h.id).sort();

describe('GET /search', () => {
  it('finds by text and highlights the title as safe HTML', async () => {
    const { status, body } = await get('/search?q=Cilegon%20Metal%20Manufaktur');
    expect(status).toBe(200);
    expect(body.hits[0].id).toBe('a1');
    expect(body.hits[0].titleHtml).toContain('<mark>Cilegon</mark>');
    const xss = await get('/search?q=script');
    const hit = xss.body.hits.find((h: { id: string }) => h.id === 'a4');
    expect(hit.titleHtml).toContain('&lt;');
    expect(hit.titleHtml).not.toContain('<script>');
  });

  it('ORs values of one field and ANDs fields', async () => {
    const both = await get('/search?city=Kota%20Cilegon&city=Kota%20Serang');
    expect(ids(both.body)).toEqual(['a1', 'a2', 'a3', 'a4']);
    const anded = await get('/search?city=Kota%20Serang&author=Sari');
    expect(ids(anded.body)).toEqual(['a3']);
    const outlet = await get('/search?outlet=BANPOS&author=Budi');
    expect(ids(outlet.body)).toEqual(['a2']);
  });

  it('never lets a filter value change the meaning of the filter', async () => {
    for (const [i, value] of HOSTILE.entries()) {
      const { status, body } = await get(`/search?city=${encodeURIComponent(value)}`);
      expect(status, value).toBe(200);
      expect(ids(body), value).toEqual([`h${i}`]);
    }
    // A value that does not exist matches nothing, whatever it looks like.
    const injected = await get(`/search?city=${encodeURIComponent('x" OR city EXISTS OR city = "y')}`);
    expect(injected.body.totalHits).toBe(0);
    const organisation = await get(`/search?organisation=${encodeURIComponent('") OR (city = "Kota Serang')}`);
    expect(organisation.body.totalHits).toBe(0);
  });

  it('returns facet counts over the whole result set', async () => {
    const { body } = await get('/search?perPage=1');
    expect(body.totalHits).toBe(DOCS.length);
    expect(body.hits).toHaveLength(1);
    const cityCounts = Object.fromEntries(body.facets.city.map((f: { value: string; count: number }) => [f.value, f.count]));
    expect(cityCounts['Kota Cilegon']).toBe(2);
    expect(cityCounts['Kota Serang']).toBe(2);
    const authors = Object.fromEntries(body.facets.author.map((f: { value: string; count: number }) => [f.value, f.count]));
    expect(authors).toMatchObject({ Sari: 2, Budi: 2, Rina: 1, Uji: HOSTILE.length });
  });

  it('filters by a WIB date range, inclusive of both days', async () => {
    const { body } = await get('/search?from=2025-10-14&to=2025-10-15');
    expect(ids(body)).toEqual(['a1', 'a4']);
    // 00:30 WIB on the 15th is still the 14th in UTC: the range must use WIB days.
    const only15 = await get('/search?from=2025-10-15&to=2025-10-15');
    expect(ids(only15.body)).toEqual(['a4']);
  });

  it('sorts by newest and oldest and paginates', async () => {
    const newest = await get('/search?sort=newest&perPage=2');
    expect(newest.body.hits.map((h: { id: string }) => h.id)).toEqual(['a2', 'a4']);
    const oldest = await get('/search?sort=oldest&perPage=2&page=1&city=Kota%20Serang&city=Kota%20Cilegon');
    expect(oldest.body.hits.map((h: { id: string }) => h.id)).toEqual(['a3', 'a1']);
    const page2 = await get('/search?sort=newest&perPage=2&page=2');
    expect(page2.body.page).toBe(2);
    expect(page2.body.totalPages).toBe(Math.ceil(DOCS.length / 2));
    expect(page2.body.hits.map((h: { id: string }) => h.id)).toEqual(['a1', 'a3']);
  });

  it.each([
    ['/search?page=0', 'page'],
    ['/search?page=abc', 'page'],
    ['/search?perPage=101', 'perPage'],
    ['/search?page=200&perPage=100', 'page'],
    ['/search?from=2025-13-01', 'from'],
    ['/search?from=2025-02-30', 'from'],
    ['/search?from=2025-10-15&to=2025-10-14', 'to'],
    ['/search?sort=random', 'sort'],
    [`/search?q=${'a'.repeat(513)}`, 'q'],
    [`/search?${Array.from({ length: 21 }, (_, i) => `city=c${i}`).join('&')}`, 'city'],
    ['/search?author=', 'author'],
  ])('rejects %s with a 400 naming %s', async (path, param) => {
    const { status, body } = await get(path);
    expect(status).toBe(400);
    expect(body.error.code).toBe('invalid_parameter');
    expect(body.error.details.map((d: { param: string }) => d.param.split('.')[0])).toContain(param);
    expect(body.error.message).toMatch(/expected|must|at most|Invalid/i);
  });
});

describe('GET /articles/:id', () => {
  it('returns the whole article', async () => {
    const { status, body } = await get('/articles/a1');
    expect(status).toBe(200);
    expect(body).toMatchObject({ id: 'a1', city: 'Kota Cilegon', body: expect.stringContaining('Isi berita a1') });
  });

  it('404s for an unknown id and 400s for a malformed one', async () => {
    expect((await get('/articles/nope')).status).toBe(404);
    const bad = await get(`/articles/${encodeURIComponent('a1" OR id EXISTS')}`);
    expect(bad.status).toBe(400);
    expect(bad.body.error.code).toBe('invalid_parameter');
  });
});

describe('GET /health and unknown routes', () => {
  it('reports the document count', async () => {
    const { status, body } = await get('/health');
    expect(status).toBe(200);
    expect(body).toEqual({ status: 'ok', meilisearch: 'available', documents: DOCS.length });
  });

  it('reports an index that does not exist yet as available and empty, not as an outage', async () => {
    const fresh = createApp({ search: new ArticleSearch({ url: meiliUrl, searchKey: masterKey, indexUid: `${indexUid}_missing`, timeoutMillis: 2000, httpClient: transport.httpClient }) });
    const res = await fresh.request('/health');
    expect(res.status).toBe(200);
    expect(await res.json()).toEqual({ status: 'ok', meilisearch: 'available', documents: 0 });
  });

  it('answers unknown routes with the JSON error shape', async () => {
    const { status, body } = await get('/nope');
    expect(status).toBe(404);
    expect(body.error.code).toBe('not_found');
  });
});

describe('when Meilisearch is down', () => {
  it('answers 503 quickly when nothing listens', async () => {
    const port = await closedPort();
    const down = createApp({ search: new ArticleSearch({ url: `http://127.0.0.1:${port}`, searchKey: 'k'.repeat(32), indexUid, timeoutMillis: 2000, httpClient: transport.httpClient }) });
    const started = Date.now();
    const res = await down.request('/search?q=x');
    expect(res.status).toBe(503);
    expect(res.headers.get('retry-after')).toBe('5');
    expect((await res.json()).error.code).toBe('search_unavailable');
    expect(Date.now() - started).toBeLessThan(1000);
    expect((await down.request('/health')).status).toBe(503);
  });

  it('answers 503 within the timeout when the server accepts but never answers', async () => {
    const sockets: net.Socket[] = [];
    const hung = net.createServer((s) => sockets.push(s));
    await new Promise<void>((r) => hung.listen(0, '127.0.0.1', r));
    const { port } = hung.address() as net.AddressInfo;
    const slow = createNodeHttpClient({ timeoutMillis: 300 });
    try {
      const down = createApp({ search: new ArticleSearch({ url: `http://127.0.0.1:${port}`, searchKey: 'k'.repeat(32), indexUid, timeoutMillis: 300, httpClient: slow.httpClient }) });
      const started = Date.now();
      const res = await down.request('/search?q=x');
      expect(res.status).toBe(503);
      expect(Date.now() - started).toBeLessThan(2000);
    } finally {
      slow.close();
      for (const s of sockets) s.destroy();
      await new Promise<void>((r) => hung.close(() => r()));
    }
  });

});

describe('the key the API holds', () => {
  it('can search but cannot write documents or read keys', async () => {
    const headers = { authorization: `Bearer ${searchKey}`, 'content-type': 'application/json' };
    const write = await fetch(`${meiliUrl}/indexes/${indexUid}/documents`, { method: 'POST', headers, body: '[]' });
    expect(write.status).toBe(403);
    const keys = await fetch(`${meiliUrl}/keys`, { headers });
    expect(keys.status).toBe(403);
    expect(searchKey).not.toBe(masterKey);
  });
});
