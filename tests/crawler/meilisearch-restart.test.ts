/**
 * Meilisearch killed (SIGKILL) while the crawler is indexing, then restarted on the same port and database:
 * the crawler waits for it and nothing is lost. Uses its own Meilisearch, not the shared test server.
 */
import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { Meilisearch } from 'meilisearch';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { crawlIntoIndex } from '../../crawler/crawl-into-index.ts';
import { SOURCES } from '../../crawler/sources/index.ts';
import { MemoryCrawlState } from '../../crawler/state/memory-state.ts';
import { applyIndexConfig } from '../../index-config/apply.ts';
import { launchMeilisearch, type LocalMeilisearch } from '../../src/runtime/node/meilisearch-launcher.ts';
import { loadGold } from '../fixtures/gold.ts';
import { startFixtureWeb, type FixtureWeb } from '../fixtures/server.ts';
import { testMeili } from '../helpers/meilisearch.ts';

const gold = loadGold();
let web: FixtureWeb;
let dataDir: string;
let meili: LocalMeilisearch;

beforeAll(async () => {
  testMeili(); // fails with the reason when this platform has no Meilisearch binary
  web = await startFixtureWeb();
  dataDir = await mkdtemp(path.join(os.tmpdir(), 'arsip-meili-restart-'));
  meili = await launchMeilisearch({ dataDir, ...(process.env.MEILISEARCH_BINARY ? { binaryPath: process.env.MEILISEARCH_BINARY } : {}) });
}, 60_000);

afterAll(async () => {
  await meili?.stop();
  await web?.close();
  if (dataDir) await rm(dataDir, { recursive: true, force: true });
});

describe('Meilisearch killed during indexing and restarted', () => {
  it('loses nothing: the crawler retries until the engine is back', async () => {
    const client = new Meilisearch({ host: meili.url, apiKey: meili.masterKey });
    await applyIndexConfig(client, { indexUid: 'articles' });
    const port = Number(new URL(meili.url).port);
    let restart: Promise<void> | null = null;
    const report = await crawlIntoIndex({
      sources: SOURCES.filter((s) => s.origin in web.origins),
      adminClient: client,
      indexUid: 'articles',
      state: new MemoryCrawlState(),
      batchSize: 5,
      indexRetryDelaysMillis: [250, 500, 1000, 2000, 4000, 8000],
      fetcher: { userAgent: 'ArsipBantenTest/0.1 (+http://127.0.0.1/)', originMap: web.origins, perHostDelayMillis: 0, retries: 0 },
      onEvent: (event) => {
        if (event.type !== 'indexed' || restart) return;
        const killed = meili;
        process.kill(killed.pid, 'SIGKILL');
        restart = (async () => {
          await killed.exited;
          await new Promise((resolve) => setTimeout(resolve, 500));
          meili = await launchMeilisearch({ dataDir, port, ...(process.env.MEILISEARCH_BINARY ? { binaryPath: process.env.MEILISEARCH_BINARY } : {}) });
        })();
      },
    });
    expect(restart).not.toBeNull();
    await restart;
    for (const source of report.sources) expect(source.indexFailed, source.source).toEqual([]);
    expect(report.sources.reduce((n, s) => n + s.indexed, 0)).toBe(gold.length);
    const stats = await new Meilisearch({ host: meili.url, apiKey: meili.masterKey }).index('articles').getStats();
    expect(stats.numberOfDocuments).toBe(gold.length);
  }, 90_000);
});
