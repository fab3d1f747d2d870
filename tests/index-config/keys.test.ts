import { Meilisearch } from 'meilisearch';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { applyIndexConfig } from '../../index-config/apply.ts';
import { upsertDocuments } from '../../index-config/documents.ts';
import { ensureSearchKey, searchKeyUid } from '../../index-config/keys.ts';
import { createNodeHttpClient, MeilisearchHttpError } from '../../src/runtime/node/http-transport.ts';
import { testMeili } from '../helpers/meilisearch.ts';

const meili = testMeili();
const transport = createNodeHttpClient({ timeoutMillis: 10_000 });
const indexUid = meili.uniqueIndexUid('keys');
const otherIndexUid = meili.uniqueIndexUid('keys-other');

beforeAll(async () => {
  await applyIndexConfig(meili.adminClient, { indexUid });
  await applyIndexConfig(meili.adminClient, { indexUid: otherIndexUid });
  await upsertDocuments(meili.adminClient, indexUid, [{ id: 'a1', title: 'Banjir di Kota Serang' }]);
});

afterAll(async () => {
  transport.close();
  await meili.cleanup();
});

/** What Meilisearch answered when a call was refused. */
async function refusal(call: () => Promise<unknown>): Promise<{ status: number; code: string | null }> {
  try {
    await call();
  } catch (error) {
    const cause = (error as Error).cause;
    if (cause instanceof MeilisearchHttpError) return { status: cause.status, code: cause.code };
    throw error;
  }
  throw new Error('Expected Meilisearch to refuse the call, but it succeeded');
}

describe('ensureSearchKey', () => {
  it('creates a search-only key once and finds the same one afterwards', async () => {
    const first = await ensureSearchKey(meili.adminClient, { indexUids: [`${indexUid}*`] });
    meili.trackKey(first.uid);
    expect(first.uid).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
    expect(first.key).not.toBe(meili.masterKey);

    const again = await ensureSearchKey(meili.adminClient, { indexUids: [`${indexUid}*`] });
    expect(again).toEqual(first);
    const stored = await meili.adminClient.getKey(first.uid);
    expect(stored.actions).toEqual(['search']);
    expect(stored.indexes).toEqual([`${indexUid}*`]);
    expect(stored.name).toBe('arsip-banten-search');
    expect(stored.expiresAt).toBeNull();
    expect((await meili.adminClient.getKeys({ limit: 1000 })).results.filter((key) => key.uid === first.uid)).toHaveLength(1);
  });

  it('gives a key that can search its indexes and nothing else (real 403s)', async () => {
    const { key, uid } = await ensureSearchKey(meili.adminClient, { indexUids: [`${indexUid}*`] });
    meili.trackKey(uid);
    const searcher = new Meilisearch({ host: meili.url, apiKey: key, httpClient: transport.httpClient });

    expect((await searcher.index(indexUid).search('banjir')).hits.map((hit) => hit.id)).toEqual(['a1']);
    expect(await refusal(() => searcher.index(indexUid).addDocuments([{ id: 'x1', title: 'spam' }]))).toEqual({ status: 403, code: 'invalid_api_key' });
    expect(await refusal(() => searcher.getKeys())).toEqual({ status: 403, code: 'invalid_api_key' });
    expect(await refusal(() => searcher.index(otherIndexUid).search('banjir'))).toEqual({ status: 403, code: 'invalid_api_key' });
    expect(await refusal(() => searcher.index(indexUid).updateSettings({ searchableAttributes: ['title'] }))).toEqual({ status: 403, code: 'invalid_api_key' });
    expect((await meili.adminClient.index(indexUid).getStats()).numberOfDocuments).toBe(1);
  });

  it('makes a different key for a different scope', async () => {
    const a = await ensureSearchKey(meili.adminClient, { indexUids: [`${indexUid}*`] });
    const b = await ensureSearchKey(meili.adminClient, { indexUids: [otherIndexUid] });
    meili.trackKey(a.uid);
    meili.trackKey(b.uid);
    expect(b.uid).not.toBe(a.uid);
    expect(b.key).not.toBe(a.key);
  });

  it('refuses to hand out a wider key that someone created under the derived uid', async () => {
    const indexes = [meili.uniqueIndexUid('keys-hijacked')];
    const uid = await searchKeyUid('arsip-banten-search', indexes);
    meili.trackKey(uid);
    await meili.adminClient.createKey({ uid, actions: ['*'], indexes, expiresAt: null });
    await expect(ensureSearchKey(meili.adminClient, { indexUids: indexes })).rejects.toThrow(`Expected API key ${uid} to allow only ["search"]`);
  });

  it('requires at least one index', async () => {
    await expect(ensureSearchKey(meili.adminClient, { indexUids: [] })).rejects.toThrow('Expected `indexUids` to list at least one index uid or pattern, received []');
  });
});
