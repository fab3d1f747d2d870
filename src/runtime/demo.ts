/**
 * `npm run demo`: the whole pipeline with no internet. Serves the offline copies of outlet sites
 * in tests/fixtures on 127.0.0.1, crawls them into a local Meilisearch kept apart from the real
 * archive (data/demo), then serves the API.
 */
import path from 'node:path';
import { FsArchiveStore } from '../../crawler/archive/fs-archive.ts';
import { crawlIntoIndex, summariseReport } from '../../crawler/crawl-into-index.ts';
import { SOURCES } from '../../crawler/sources/index.ts';
import { SqliteCrawlState } from '../../crawler/state/sqlite-state.ts';
import { startFixtureWeb } from '../../tests/fixtures/server.ts';
import { loadConfig, type Config } from '../config.ts';
import { Lifecycle, logLine } from './node/lifecycle.ts';
import { connectMeilisearch } from './node/meilisearch-connection.ts';
import { startApiServer } from './node/server.ts';

async function main(): Promise<void> {
  const base = loadConfig(process.env);
  // The demo always uses its own local server and data folder: it must never write fixtures into a real archive.
  const config: Config = {
    ...base,
    dataDir: path.join(base.dataDir, 'demo'),
    meilisearch: { ...base.meilisearch, url: null, masterKey: null, searchKey: null },
  };
  const lifecycle = new Lifecycle();
  lifecycle.handleSignals(logLine);
  try {
    const web = await startFixtureWeb();
    lifecycle.onStop(() => web.close());
    const offline = SOURCES.filter((s) => s.origin in web.origins);
    logLine(`Offline outlet sites: ${offline.map((s) => `${s.name} → ${web.origins[s.origin]}`).join(', ')}`);

    const meili = await connectMeilisearch(config, logLine);
    lifecycle.onStop(() => meili.stop());
    // The same state and archive as `npm start`, so a second demo run shows 304s and archived copies work.
    const state = new SqliteCrawlState(path.join(config.dataDir, 'crawl-state.sqlite'));
    lifecycle.onStop(() => state.close());
    const archive = new FsArchiveStore({ dir: path.join(config.dataDir, 'archive') });
    lifecycle.onStop(() => archive.close());
    const started = Date.now();
    const report = await crawlIntoIndex({
      sources: offline,
      adminClient: meili.adminClient!,
      indexUid: config.meilisearch.indexUid,
      signal: lifecycle.controller.signal,
      state,
      archive,
      trigger: 'cli',
      fetcher: {
        userAgent: config.crawl.userAgent,
        originMap: web.origins,
        globalConcurrency: config.crawl.globalConcurrency,
        perHostConcurrency: 2,
        perHostDelayMillis: 0,
        timeoutMillis: config.crawl.timeoutMillis,
        maxBodyBytes: config.crawl.maxBodyBytes,
        signal: lifecycle.controller.signal,
      },
    });
    for (const line of summariseReport(report)) logLine(line);
    logLine(`Crawled and indexed in ${((Date.now() - started) / 1000).toFixed(1)} s`);

    const api = await startApiServer(config, meili, logLine, { archive });
    lifecycle.onStop(() => api.close());
    logLine(`Demo ready: ${api.url}/?q=Cilegon+Metal+Manufaktur (API: ${api.url}/search?q=Cilegon+Metal+Manufaktur)`);
    logLine('Press Ctrl+C to stop.');
  } catch (error) {
    logLine(`Demo failed: ${error instanceof Error ? error.message : String(error)}`);
    await lifecycle.stop();
    process.exit(1);
  }
}

void main();
