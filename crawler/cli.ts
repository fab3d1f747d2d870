/**
 * The crawler's Node command line. Node-only.
 *
 *   npm run crawl -- [--source beritain]... [--since 2025-01-01] [--max 200] [--json]
 *     one incremental crawl into the configured (or local) Meilisearch: progress bars per source on a terminal,
 *     JSON lines otherwise (or with --json), then a report. State and archive live under ARSIP_DATA_DIR.
 *   npm run reindex
 *     re-extracts every archived page into a fresh index and swaps it in (search keeps answering).
 *
 * ARSIP_ORIGIN_MAP (JSON: live origin → local origin) points the crawler at copies of the sites, as the tests do.
 */
import { parseArgs } from 'node:util';
import { reindexFromArchive } from '../index-config/reindex.ts';
import { loadConfig } from '../src/config.ts';
import { Lifecycle, logLine } from '../src/runtime/node/lifecycle.ts';
import { connectMeilisearch } from '../src/runtime/node/meilisearch-connection.ts';
import { FsArchiveStore } from './archive/fs-archive.ts';
import { crawlIntoIndex, fetcherOptionsFrom, summariseReport } from './crawl-into-index.ts';
import { createProgressReporter } from './progress.ts';
import { SOURCES, selectSources } from './sources/index.ts';
import { SqliteCrawlState } from './state/sqlite-state.ts';

const USAGE = [
  'Usage: npm run crawl -- [--source <id>]... [--since YYYY-MM-DD] [--max <articles per source>] [--json]',
  '       npm run reindex',
].join('\n');

async function main(): Promise<void> {
  const { values, positionals } = parseArgs({
    allowPositionals: true,
    options: {
      source: { type: 'string', multiple: true },
      since: { type: 'string' },
      max: { type: 'string' },
      json: { type: 'boolean', default: false },
      help: { type: 'boolean', default: false },
    },
  });
  if (values.help) {
    console.log(USAGE);
    return;
  }
  const command = positionals[0] ?? 'crawl';
  if (command !== 'crawl' && command !== 'reindex') throw new Error(`Expected the command crawl or reindex, received "${command}"\n${USAGE}`);
  const since = values.since ? parseDay(values.since) : undefined;
  const max = values.max === undefined ? undefined : Number(values.max);
  if (max !== undefined && (!Number.isInteger(max) || max < 1)) throw new Error(`--max expects a whole number ≥ 1, received "${values.max}"`);

  const config = loadConfig(process.env);
  const lifecycle = new Lifecycle();
  lifecycle.handleSignals(logLine);
  try {
    const meili = await connectMeilisearch(config, logLine);
    lifecycle.onStop(() => meili.stop());
    if (!meili.adminClient) throw new Error('Writing to the index needs MEILISEARCH_MASTER_KEY (or leave MEILISEARCH_URL unset)');
    const state = new SqliteCrawlState(config.crawl.stateFile ?? `${config.dataDir}/crawl-state.sqlite`);
    lifecycle.onStop(() => state.close());
    const archive = new FsArchiveStore({ dir: config.crawl.archiveDir ?? `${config.dataDir}/archive` });
    lifecycle.onStop(() => archive.close());

    if (command === 'reindex') {
      const report = await reindexFromArchive({ client: meili.adminClient, indexUid: config.meilisearch.indexUid, archive, state, sources: SOURCES });
      logLine(
        `Reindexed ${report.indexed} articles from ${report.pages} archived pages (${report.records} records) in ` +
          `${(report.durationMillis / 1000).toFixed(1)} s; swap took ${report.swapMillis} ms; skipped ${report.skipped.length}, ` +
          `index errors ${report.indexFailed.length}`,
      );
      return;
    }

    const interactive = Boolean(process.stdout.isTTY) && !values.json;
    const progress = createProgressReporter({
      interactive,
      write: (text) => process.stdout.write(text),
      ...(process.stdout.columns ? { columns: process.stdout.columns } : {}),
    });
    const report = await crawlIntoIndex({
      sources: selectSources(values.source ?? config.crawl.sources),
      adminClient: meili.adminClient,
      indexUid: config.meilisearch.indexUid,
      signal: lifecycle.controller.signal,
      state,
      archive,
      trigger: 'cli',
      ...(since ? { since } : {}),
      ...(max ? { maxArticlesPerSource: max } : {}),
      onEvent: (event) => progress.onEvent(event),
      fetcher: fetcherOptionsFrom(config, lifecycle.controller.signal),
    });
    progress.finish(report, summariseReport(report));
  } finally {
    await lifecycle.stop();
  }
}

function parseDay(value: string): Date {
  if (!/^\d{4}-\d{2}-\d{2}$/.test(value) || Number.isNaN(Date.parse(`${value}T00:00:00+07:00`))) {
    throw new Error(`--since expects a date as YYYY-MM-DD, received "${value}"`);
  }
  return new Date(`${value}T00:00:00+07:00`);
}

main().catch((error: unknown) => {
  console.error(error instanceof Error ? error.message : error);
  process.exitCode = 1;
});
