import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createApp } from '../../src/app.ts';
import type { ArticleDocument } from '../../src/article.ts';
import { csvCell } from '../../src/routes/export.ts';
import { calendarFields, goldDocuments, indexDocuments, type IndexedSearch } from '../browser/gold-index.ts';
import { appWithEngineDown } from '../helpers/engine-down.ts';
import { testMeili, type TestMeili } from '../helpers/meilisearch.ts';

let meili: TestMeili;
let indexed: IndexedSearch;
let app: ReturnType<typeof createApp>;
const SAME_SECOND = '2025-06-01T09:00:00+07:00';

/**
 * 2,600 articles: 700 with distinct times, then 1,500 published in the same second (straddling the
 * 1,000-row batch boundary), then 400 older ones. A cursor that skipped or repeated ties would show.
 */
async function corpus(): Promise<ArticleDocument[]> {
  const [template] = await goldDocuments();
  const at = (iso: string, i: number, extra: Partial<ArticleDocument> = {}): ArticleDocument => ({
    ...template!,
    id: `x-${i}`,
    url: `https://example.test/x/${i}/`,
    title: `Berita nomor ${i}`,
    lead: '',
    body: `Isi berita ${i}.\n\nParagraf kedua, dengan "kutipan", koma.`,
    publishedIso: iso,
    publishedAt: Math.floor(Date.parse(iso) / 1000),
    ...calendarFields(iso),
    ...extra,
  });
  const docs: ArticleDocument[] = [];
  let i = 0;
  for (let k = 0; k < 700; k++, i++) docs.push(at(new Date(Date.UTC(2025, 6, 1) + k * 60_000 + 7 * 3600_000).toISOString().slice(0, 19) + '+07:00', i));
  for (let k = 0; k < 1500; k++, i++) docs.push(at(SAME_SECOND, i, { outlet: k % 2 ? 'BANPOS' : 'Beritain.co.id' }));
  for (let k = 0; k < 400; k++, i++) docs.push(at(new Date(Date.UTC(2024, 0, 1) + k * 60_000 + 7 * 3600_000).toISOString().slice(0, 19) + '+07:00', i));
  docs.push(at('2023-01-01T10:00:00+07:00', i++, { title: '=HYPERLINK("http://evil.example")', authors: ['Sari', 'Budi'], organisations: ['Polres Cilegon', 'PT Krakatau Steel'] }));
  return docs;
}

beforeAll(async () => {
  meili = testMeili();
  indexed = await indexDocuments(meili, 'export', await corpus());
  app = createApp({ search: indexed.search });
}, 120_000);

afterAll(async () => {
  indexed?.close();
  await meili?.cleanup();
});

describe('GET /export', () => {
  it('streams every matching article exactly once as NDJSON, newest first, past the 1,000 hit window', async () => {
    const res = await app.request('/export?format=ndjson');
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toMatch(/^application\/x-ndjson/);
    expect(res.headers.get('content-disposition')).toMatch(/^attachment; filename="arsip-banten-\d{4}-\d{2}-\d{2}\.ndjson"$/);
    const rows = (await res.text()).trim().split('\n').map((line) => JSON.parse(line));
    expect(rows).toHaveLength(indexed.documents.length);
    expect(new Set(rows.map((r) => r.url)).size).toBe(indexed.documents.length);
    const times = rows.map((r) => r.published as string);
    expect([...times].sort().reverse()).toEqual(times);
    expect(Object.keys(rows[0]).sort()).toEqual(['authors', 'city', 'organisations', 'outlet', 'places', 'published', 'title', 'url']);
  });

  it('applies the search filters', async () => {
    const res = await app.request(`/export?format=ndjson&outlet=BANPOS&from=2025-06-01&to=2025-06-01`);
    const rows = (await res.text()).trim().split('\n').map((line) => JSON.parse(line));
    expect(rows).toHaveLength(750);
    expect(rows.every((r) => r.outlet === 'BANPOS' && r.published === SAME_SECOND)).toBe(true);
  });

  it('writes RFC 4180 CSV with lists joined, formulas defused, and the body on request', async () => {
    const res = await app.request(`/export?q=${encodeURIComponent('HYPERLINK')}&body=1`);
    expect(res.headers.get('content-type')).toBe('text/csv; charset=utf-8');
    const text = await res.text();
    const [header, row, ...rest] = text.split('\r\n');
    expect(header).toBe('url,outlet,title,published,authors,city,places,organisations,body');
    expect(rest).toEqual(['']);
    expect(row).toContain(`"'=HYPERLINK(""http://evil.example"")"`);
    expect(row).toContain(',Sari; Budi,');
    expect(row).toContain(',Polres Cilegon; PT Krakatau Steel,');
    expect(row).toContain('"Isi berita 2600.\n\nParagraf kedua, dengan ""kutipan"", koma."');
    expect(csvCell('-1')).toBe("'-1");
    expect(csvCell('plain')).toBe('plain');
  });

  it('rejects bad parameters with the JSON error shape', async () => {
    const res = await app.request('/export?format=xlsx');
    expect(res.status).toBe(400);
    expect((await res.json()).error.details[0].param).toBe('format');
  });

  it('answers 503 before streaming when the engine is down', async () => {
    const { app: down, close } = await appWithEngineDown();
    const res = await down.request('/export');
    expect(res.status).toBe(503);
    expect(res.headers.get('retry-after')).toBe('5');
    expect((await res.json()).error.code).toBe('search_unavailable');
    close();
  });
});
