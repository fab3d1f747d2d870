/**
 * `npm start`: the main job on Node. Connects to (or starts) Meilisearch, applies the index settings, serves
 * the API, and keeps the index fresh with incremental crawls on a schedule (ARSIP_CRAWL_SCHEDULE), plus one at
 * boot (ARSIP_CRAWL_ON_START) and any an admin starts. Crawl state and the WARC archive live in ARSIP_DATA_DIR.
 */
import { FsArchiveStore } from '../../crawler/archive/fs-archive.ts';
import { crawlIntoIndex, fetcherOptionsFrom, summariseReport } from '../../crawler/crawl-into-index.ts';
import { RobotsCache } from '../../crawler/discover/robots.ts';
import { selectSources } from '../../crawler/sources/index.ts';
import { SqliteCrawlState } from '../../crawler/state/sqlite-state.ts';
import { loadConfig } from '../config.ts';
import { Lifecycle, logLine } from './node/lifecycle.ts';
import { connectMeilisearch } from './node/meilisearch-connection.ts';
import { CrawlScheduler } from './node/scheduler.ts';
import { startApiServer } from './node/server.ts';

async function main(): Promise<void> {
  const config = loadConfig(process.env);
  const lifecycle = new Lifecycle();
  lifecycle.handleSignals(logLine);
  try {
    const meili = await connectMeilisearch(config, logLine);
    lifecycle.onStop(() => meili.stop());
    const state = new SqliteCrawlState(config.crawl.stateFile ?? `${config.dataDir}/crawl-state.sqlite`);
    lifecycle.onStop(() => state.close());
    const archive = new FsArchiveStore({ dir: config.crawl.archiveDir ?? `${config.dataDir}/archive` });
    lifecycle.onStop(() => archive.close());

    const adminClient = meili.adminClient;
    const sources = selectSources(config.crawl.sources);
    const robots = new RobotsCache();
    const scheduler = new CrawlScheduler({
      cron: adminClient ? (config.crawl.schedule ?? null) : null,
      log: logLine,
      async crawl(trigger, runId) {
        if (!adminClient) throw new Error('Crawling writes to the index: set MEILISEARCH_MASTER_KEY (or leave MEILISEARCH_URL unset)');
        logLine(`Crawl ${runId} (${trigger}) of ${sources.length} sources: ${sources.map((s) => s.id).join(', ')}`);
        const report = await crawlIntoIndex({
          sources,
          adminClient,
          indexUid: config.meilisearch.indexUid,
          signal: lifecycle.controller.signal,
          state,
          archive,
          robots,
          trigger,
          runId,
          fetcher: fetcherOptionsFrom(config, lifecycle.controller.signal),
        });
        for (const line of summariseReport(report)) logLine(line);
        return report;
      },
    });
    // Registered after state and archive, so it runs before them: a crawl ends before its stores close.
    lifecycle.onStop(() => scheduler.stop());

    const api = await startApiServer(config, meili, logLine, {
      archive,
      admin: {
        token: config.adminToken,
        startCrawl: () => scheduler.trigger('admin'),
        recentRuns: (limit) => state.recentRuns(limit),
      },
    });
    lifecycle.onStop(() => api.close());
    logLine(`Arsip Banten listening on ${api.url}/ (search page; JSON API at ${api.url}/search?q=Cilegon, docs at ${api.url}/docs)`);

    scheduler.start();
    if (config.crawl.onStart && adminClient) scheduler.trigger('start');
  } catch (error) {
    logLine(`Fatal: ${error instanceof Error ? error.message : String(error)}`);
    await lifecycle.stop();
    process.exit(1);
  }
}

void main();
