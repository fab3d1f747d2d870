import type { Settings } from 'meilisearch';
import { afterAll, describe, expect, it } from 'vitest';
import { applyIndexConfig, articlesSettings, differingSettings } from '../../index-config/apply.ts';
import { upsertDocuments } from '../../index-config/documents.ts';
import { meilisearchErrorCode } from '../../index-config/tasks.ts';
import { testMeili } from '../helpers/meilisearch.ts';

const meili = testMeili();
const client = meili.adminClient;
afterAll(() => meili.cleanup());

async function taskCount(indexUid: string): Promise<number> {
  return (await client.tasks.getTasks({ indexUids: [indexUid], limit: 1 })).total;
}

const article = (id: string, fields: Record<string, unknown>) => ({
  id,
  title: '',
  lead: '',
  body: '',
  authors: [],
  organisations: [],
  organisationAliases: [],
  places: [],
  tags: [],
  outlet: 'Beritain.co.id',
  outletId: 'beritain',
  city: null,
  publishedAt: 1_760_000_000,
  ...fields,
});

describe('applyIndexConfig', () => {
  it('creates the index with primary key id, and a second apply changes nothing and enqueues no task', async () => {
    const indexUid = meili.uniqueIndexUid('apply');
    const first = await applyIndexConfig(client, { indexUid });
    expect(first.created).toBe(true);
    // displayedAttributes equals the server default, so it needs no update.
    expect(first.changed).toEqual(['searchableAttributes', 'filterableAttributes', 'sortableAttributes', 'rankingRules', 'typoTolerance', 'faceting', 'pagination', 'stopWords', 'synonyms']);
    expect((await client.getRawIndex(indexUid)).primaryKey).toBe('id');
    expect(differingSettings(articlesSettings, await client.index(indexUid).getSettings())).toEqual([]);

    const tasksBefore = await taskCount(indexUid);
    expect(await applyIndexConfig(client, { indexUid })).toEqual({ created: false, changed: [] });
    expect(await taskCount(indexUid)).toBe(tasksBefore);
  });

  it('updates only the setting that differs and keeps the documents', async () => {
    const indexUid = meili.uniqueIndexUid('apply-change');
    await applyIndexConfig(client, { indexUid });
    const written = await upsertDocuments(client, indexUid, [
      article('a1', { title: 'Banjir di Kota Serang', body: 'Air setinggi lutut' }),
      article('a2', { title: 'Rapat di Cilegon', body: 'Banjir dibahas dalam rapat' }),
    ]);
    expect(written.succeeded).toBe(2);

    const reordered: Settings = { ...articlesSettings, searchableAttributes: ['body', 'title'] };
    expect(await applyIndexConfig(client, { indexUid, settings: reordered })).toEqual({ created: false, changed: ['searchableAttributes'] });
    expect((await client.index(indexUid).getStats()).numberOfDocuments).toBe(2);
    // The order is live: a body match now outranks a title match.
    expect((await client.index(indexUid).search('banjir')).hits.map((hit) => hit.id)).toEqual(['a2', 'a1']);

    expect(await applyIndexConfig(client, { indexUid })).toEqual({ created: false, changed: ['searchableAttributes'] });
    expect((await client.index(indexUid).search('banjir')).hits.map((hit) => hit.id)).toEqual(['a1', 'a2']);
    expect((await client.index(indexUid).getStats()).numberOfDocuments).toBe(2);
  });

  it('gives the articles index the search behaviour the settings promise', async () => {
    const indexUid = meili.uniqueIndexUid('apply-behaviour');
    await applyIndexConfig(client, { indexUid });
    await upsertDocuments(client, indexUid, [
      article('old', { title: 'Dinas Perindustrian dan Perdagangan Kota Cilegon gelar pameran', organisationAliases: ['Disperindag'], city: 'Kota Cilegon', publishedAt: 1_700_000_000 }),
      article('new', { title: 'Pameran IKM 2025 di Serang, hadiah 250000 rupiah', authors: ['Sari'], city: 'Kota Serang', publishedAt: 1_760_000_000 }),
      article('mid', { title: 'Pameran batik Kota Serang', city: 'Kota Serang', publishedAt: 1_730_000_000 }),
    ]);
    const index = client.index(indexUid);
    const ids = async (q: string, params = {}) => (await index.search(q, params)).hits.map((hit) => hit.id);

    expect(await ids('pameran', { sort: ['publishedAt:desc'] })).toEqual(['new', 'mid', 'old']);
    expect(await ids('pameran', { filter: 'publishedAt >= 1720000000 AND city = "Kota Serang"', sort: ['publishedAt:asc'] })).toEqual(['mid', 'new']);
    const facets = await index.search('pameran', { facets: ['city'] });
    expect(Object.keys(facets.facetDistribution?.city ?? {})[0]).toBe('Kota Serang');
    // Typos are forgiven from five letters, but not in acronyms, short words or numbers.
    expect(await ids('Cilegom')).toEqual(['old']);
    expect(await ids('Disperindag')).toEqual(['old']);
    expect(await ids('Disperindak')).toEqual([]);
    expect(await ids('Sara')).toEqual([]);
    expect(await ids('250001')).toEqual([]);
    expect(await ids('250000')).toEqual(['new']);
    expect((await ids('Serang')).sort()).toEqual(['mid', 'new']);
  });

  it('refuses an index whose primary key is not id', async () => {
    const indexUid = meili.uniqueIndexUid('apply-pk');
    await client.createIndex(indexUid, { primaryKey: 'url' }).waitTask();
    await expect(applyIndexConfig(client, { indexUid })).rejects.toThrow(`Expected index "${indexUid}" to have primary key "id", but it has "url"`);
  });

  it('refuses null (reset) values, which could never be applied idempotently', async () => {
    const indexUid = meili.uniqueIndexUid('apply-null');
    await expect(applyIndexConfig(client, { indexUid, settings: { typoTolerance: { disableOnWords: null } } })).rejects.toThrow(
      'Expected an explicit value for settings.typoTolerance.disableOnWords, received null',
    );
  });

  it("passes on Meilisearch's refusal of invalid settings", async () => {
    const indexUid = meili.uniqueIndexUid('apply-invalid');
    const error = await applyIndexConfig(client, { indexUid, settings: { rankingRules: ['words', 'popularity'] } }).catch((e: unknown) => e);
    expect(meilisearchErrorCode(error)).toBe('invalid_settings_ranking_rules');
  });
});

describe('differingSettings', () => {
  it('compares filterable attributes as a set and searchable attributes in order', () => {
    expect(differingSettings({ filterableAttributes: ['a', 'b'] }, { filterableAttributes: ['b', 'a'] })).toEqual([]);
    expect(differingSettings({ searchableAttributes: ['a', 'b'] }, { searchableAttributes: ['b', 'a'] })).toEqual(['searchableAttributes']);
    expect(differingSettings({ typoTolerance: { minWordSizeForTypos: { oneTypo: 5 } } }, { typoTolerance: { enabled: true, minWordSizeForTypos: { oneTypo: 5, twoTypos: 9 } } })).toEqual([]);
    expect(differingSettings({ synonyms: { a: ['b'] } }, { synonyms: { a: ['b'], c: ['d'] } })).toEqual(['synonyms']);
  });
});
