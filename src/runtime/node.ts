/**
 * `npm start`: the main job on Node. Connects to (or starts) Meilisearch, applies the index
 * settings, serves the API, and crawls the configured sources into the index.
 */
import { crawlIntoIndex, summariseReport } from '../../crawler/crawl-into-index.ts';
import { selectSources } from '../../crawler/sources/index.ts';
import { loadConfig } from '../config.ts';
import { Lifecycle, logLine } from './node/lifecycle.ts';
import { connectMeilisearch } from './node/meilisearch-connection.ts';
import { startApiServer } from './node/server.ts';

async function main(): Promise<void> {
  const config = loadConfig(process.env);
  const lifecycle = new Lifecycle();
  lifecycle.handleSignals(logLine);
  try {
    const meili = await connectMeilisearch(config, logLine);
    lifecycle.onStop(() => meili.stop());
    const api = await startApiServer(config, meili, logLine);
    lifecycle.onStop(() => api.close());
    logLine(`Arsip Banten API listening on ${api.url} (try ${api.url}/search?q=Cilegon)`);

    if (config.crawl.onStart && meili.adminClient) {
      const sources = selectSources(config.crawl.sources);
      logLine(`Crawling ${sources.length} sources: ${sources.map((s) => s.id).join(', ')}`);
      const report = await crawlIntoIndex({
        sources,
        adminClient: meili.adminClient,
        indexUid: config.meilisearch.indexUid,
        signal: lifecycle.controller.signal,
        fetcher: {
          userAgent: config.crawl.userAgent,
          globalConcurrency: config.crawl.globalConcurrency,
          perHostConcurrency: config.crawl.perHostConcurrency,
          perHostDelayMillis: config.crawl.perHostDelayMillis,
          timeoutMillis: config.crawl.timeoutMillis,
          maxBodyBytes: config.crawl.maxBodyBytes,
          signal: lifecycle.controller.signal,
        },
      });
      for (const line of summariseReport(report)) logLine(line);
    }
  } catch (error) {
    logLine(`Fatal: ${error instanceof Error ? error.message : String(error)}`);
    await lifecycle.stop();
    process.exit(1);
  }
}

void main();
