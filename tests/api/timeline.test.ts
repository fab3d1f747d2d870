import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createApp } from '../../src/app.ts';
import type { ArticleDocument } from '../../src/article.ts';
import { enumerateBuckets, isoWeekKey } from '../../src/search/query.ts';
import { calendarFields, goldDocuments, indexDocuments, type IndexedSearch } from '../browser/gold-index.ts';
import { testMeili, type TestMeili } from '../helpers/meilisearch.ts';

let meili: TestMeili;
let indexed: IndexedSearch;
let app: ReturnType<typeof createApp>;

/** 700 days of one article a day, plus a second article on every 7th day: more day buckets than one facet pass returns. */
async function spreadDocuments(): Promise<ArticleDocument[]> {
  const [template] = await goldDocuments();
  const docs: ArticleDocument[] = [];
  for (let i = 0; i < 700; i++) {
    const day = new Date(Date.UTC(2023, 0, 1) + i * 86_400_000).toISOString().slice(0, 10);
    for (let k = 0; k < (i % 7 === 0 ? 2 : 1); k++) {
      const publishedIso = `${day}T${k === 0 ? '00:30' : '23:30'}:00+07:00`;
      docs.push({
        ...template!,
        id: `spread-${i}-${k}`,
        url: `https://example.test/${i}/${k}/`,
        title: i % 2 === 0 ? `Banjir hari ${i}` : `Pasar hari ${i}`,
        body: i % 2 === 0 ? 'banjir melanda' : 'pasar ramai',
        lead: '',
        publishedIso,
        publishedAt: Math.floor(Date.parse(publishedIso) / 1000),
        ...calendarFields(publishedIso),
      });
    }
  }
  return docs;
}

beforeAll(async () => {
  meili = testMeili();
  indexed = await indexDocuments(meili, 'timeline', await spreadDocuments());
  app = createApp({ search: indexed.search });
}, 120_000);

afterAll(async () => {
  indexed?.close();
  await meili?.cleanup();
});

async function timeline(query: string) {
  const res = await app.request(`/timeline?${query}`);
  return { status: res.status, body: await res.json() };
}

describe('calendar buckets', () => {
  it('uses ISO weeks across year ends, the same as the crawler', () => {
    expect(isoWeekKey('2024-12-30')).toBe('2025-W01');
    expect(isoWeekKey('2021-01-03')).toBe('2020-W53');
    expect(isoWeekKey('2025-10-14')).toBe('2025-W42');
    expect(enumerateBuckets('2025-01-30', '2025-03-02', 'month').map((b) => b.key)).toEqual(['2025-01', '2025-02', '2025-03']);
    expect(enumerateBuckets('2025-01-01', '2025-01-14', 'week').map((b) => `${b.key}@${b.start}`)).toEqual(['2025-W01@2024-12-30', '2025-W02@2025-01-06', '2025-W03@2025-01-13']);
    expect(() => enumerateBuckets('2000-01-01', '2025-01-01', 'day')).toThrow(/at most 4000 day buckets/);
  });
});

describe('GET /timeline', () => {
  it('counts every day of a span longer than one facet pass, gaps included', async () => {
    const { status, body } = await timeline('interval=day');
    expect(status).toBe(200);
    expect(body.from).toBe('2023-01-01');
    expect(body.buckets).toHaveLength(700);
    expect(body.totalHits).toBe(indexed.documents.length);
    expect(body.buckets.reduce((n: number, b: { count: number }) => n + b.count, 0)).toBe(indexed.documents.length);
    // Every 7th day has two articles, including days past the 500th bucket.
    expect(body.buckets[0]).toEqual({ key: '2023-01-01', start: '2023-01-01', count: 2 });
    expect(body.buckets[1].count).toBe(1);
    expect(body.buckets[602].count).toBe(2);
  });

  it('buckets by WIB day, week and month, with the same filters as /search', async () => {
    const month = await timeline('interval=month&q=banjir&from=2023-01-01&to=2023-03-31');
    expect(month.body.buckets.map((b: { key: string }) => b.key)).toEqual(['2023-01', '2023-02', '2023-03']);
    // Even days of January 2023 (16) plus the extra articles on days 0, 14, 28 (all even).
    expect(month.body.buckets[0].count).toBe(16 + 3);
    const week = await timeline('interval=week&from=2023-01-02&to=2023-01-15');
    expect(week.body.buckets).toEqual([
      { key: '2023-W01', start: '2023-01-02', count: 7 + 1 },
      { key: '2023-W02', start: '2023-01-09', count: 7 + 1 },
    ]);
  });

  it('lists empty buckets when nothing matches an asked range, and none without a range', async () => {
    const empty = await timeline('interval=month&q=tidakadasamasekali&from=2030-01-01&to=2030-02-10');
    expect(empty.body.totalHits).toBe(0);
    expect(empty.body.buckets).toEqual([
      { key: '2030-01', start: '2030-01-01', count: 0 },
      { key: '2030-02', start: '2030-02-01', count: 0 },
    ]);
    const none = await timeline('q=tidakadasamasekali');
    expect(none.body.buckets).toEqual([]);
  });

  it('answers 400 in the one error shape for a bad interval or too many buckets', async () => {
    const bad = await timeline('interval=hour');
    expect(bad.status).toBe(400);
    expect(bad.body.error.code).toBe('invalid_parameter');
    expect(bad.body.error.details[0].param).toBe('interval');
    const tooMany = await timeline('interval=day&from=2000-01-01&to=2030-01-01');
    expect(tooMany.status).toBe(400);
    expect(tooMany.body.error.message).toMatch(/at most 4000 day buckets/);
  });
});
