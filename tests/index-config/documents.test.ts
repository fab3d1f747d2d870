import { afterAll, describe, expect, it } from 'vitest';
import { applyIndexConfig } from '../../index-config/apply.ts';
import { deleteDocuments, upsertDocuments } from '../../index-config/documents.ts';
import { testMeili } from '../helpers/meilisearch.ts';

const meili = testMeili();
const client = meili.adminClient;
afterAll(() => meili.cleanup());

const doc = (id: string, title = `Artikel ${id}`) => ({ id, title, body: `Isi ${id}` });

async function count(indexUid: string): Promise<number> {
  return (await client.index(indexUid).getStats()).numberOfDocuments;
}

describe('upsertDocuments', () => {
  it('upserts by id: writing the same articles twice keeps one copy each, with the newer content', async () => {
    const indexUid = meili.uniqueIndexUid('docs-upsert');
    await applyIndexConfig(client, { indexUid });
    const docs = Array.from({ length: 7 }, (_, i) => doc(`a${i}`));
    expect(await upsertDocuments(client, indexUid, docs, { batchSize: 3 })).toEqual({ enqueued: 7, succeeded: 7, failedBatches: [] });
    const rewritten = docs.map((d) => ({ ...d, title: `${d.title} (diperbarui)` }));
    expect(await upsertDocuments(client, indexUid, rewritten, { batchSize: 3 })).toEqual({ enqueued: 7, succeeded: 7, failedBatches: [] });
    expect(await count(indexUid)).toBe(7);
    expect((await client.index(indexUid).getDocument('a3')).title).toBe('Artikel a3 (diperbarui)');
  });

  it('reports a document with an invalid id and still indexes the rest of its batch', async () => {
    const indexUid = meili.uniqueIndexUid('docs-bad-id');
    const result = await upsertDocuments(client, indexUid, [doc('ok-1'), doc('bad id'), doc('ok-2')]);
    expect(result.enqueued).toBe(2);
    expect(result.succeeded).toBe(2);
    expect(result.failedBatches).toEqual([{ taskUid: null, ids: ['bad id'], error: 'Expected the document id to contain only a-z A-Z 0-9 - _, received "bad id"' }]);
    expect(await count(indexUid)).toBe(2);
  });

  it('reports a batch that Meilisearch fails, with its task and ids, without losing the batches around it', async () => {
    const indexUid = meili.uniqueIndexUid('docs-task-fail');
    await applyIndexConfig(client, { indexUid });
    // Meilisearch accepts this request but its indexing task fails, and takes the whole auto-batch of
    // tasks enqueued with it down too.
    const docs = [doc('b1'), doc('b2'), { ...doc('broken'), _vectors: 'not a map' }, doc('b3'), doc('b4')];
    const result = await upsertDocuments(client, indexUid, docs, { batchSize: 1 });
    expect(result.enqueued).toBe(5);
    expect(result.succeeded).toBe(4);
    expect(result.failedBatches).toHaveLength(1);
    expect(result.failedBatches[0]?.ids).toEqual(['broken']);
    expect(result.failedBatches[0]?.taskUid).toEqual(expect.any(Number));
    expect(result.failedBatches[0]?.error).toContain('expected a map');
    expect(await count(indexUid)).toBe(4);
  });

  it('validates batchSize', async () => {
    await expect(upsertDocuments(client, 'unused', [doc('x')], { batchSize: 0 })).rejects.toThrow('Expected `batchSize` to be an integer from 1 and up, received 0');
  });
});

describe('deleteDocuments', () => {
  it('deletes by id and counts only what existed', async () => {
    const indexUid = meili.uniqueIndexUid('docs-delete');
    await upsertDocuments(client, indexUid, [doc('d1'), doc('d2'), doc('d3')]);
    const result = await deleteDocuments(client, indexUid, ['d1', 'd3', 'never-existed']);
    expect(result.deleted).toBe(2);
    expect(result.taskUid).toEqual(expect.any(Number));
    expect(await count(indexUid)).toBe(1);
    expect(await deleteDocuments(client, indexUid, [])).toEqual({ taskUid: null, deleted: 0 });
  });
});
