/**
 * The synthetic index both benchmarks search: created with the project's settings and filled once
 * (NDJSON batches of 10k, which Meilisearch indexes far faster than many small ones), then reused
 * by later runs while it holds the expected number of documents.
 */
import type { Meilisearch } from 'meilisearch';
import { applyIndexConfig } from '../index-config/apply.ts';
import { generateCorpus } from './corpus.ts';

const BATCH = 10_000;

export async function ensureBenchIndex(admin: Meilisearch, articles: number): Promise<string> {
  const indexUid = `bench_${articles}`;
  await applyIndexConfig(admin, { indexUid });
  const stats = await admin.index(indexUid).getStats();
  if (stats.numberOfDocuments === articles) return indexUid;
  console.log(`Indexing ${articles} synthetic articles in NDJSON batches of ${BATCH} (once; later runs reuse them) ...`);
  const started = Date.now();
  let batch: string[] = [];
  const flush = async () => {
    if (batch.length === 0) return;
    const task = await admin
      .index(indexUid)
      .addDocumentsFromString(batch.join('\n'), 'application/x-ndjson', { primaryKey: 'id' })
      .waitTask({ timeout: 600_000, interval: 500 });
    if (task.status !== 'succeeded') throw new Error(`Indexing task ${task.uid} ${task.status}: ${task.error?.message}`);
    batch = [];
  };
  for (const doc of generateCorpus(articles)) {
    batch.push(JSON.stringify(doc));
    if (batch.length === BATCH) await flush();
  }
  await flush();
  console.log(`Indexed in ${((Date.now() - started) / 1000).toFixed(0)} s`);
  return indexUid;
}
