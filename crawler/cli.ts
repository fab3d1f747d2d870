/**
 * `npm run crawl -- [--source beritain] [--since 2025-01-01] [--max 200]`: one crawl into the
 * configured (or local) Meilisearch, then a report. Node-only entry point.
 */
import { parseArgs } from 'node:util';
import { loadConfig } from '../src/config.ts';
import { Lifecycle, logLine } from '../src/runtime/node/lifecycle.ts';
import { connectMeilisearch } from '../src/runtime/node/meilisearch-connection.ts';
import { crawlIntoIndex, summariseReport } from './crawl-into-index.ts';
import { selectSources } from './sources/index.ts';

const USAGE = 'Usage: npm run crawl -- [--source <id>]... [--since YYYY-MM-DD] [--max <articles per source>] [--json]';

async function main(): Promise<void> {
  const { values } = parseArgs({
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
  const since = values.since ? parseDay(values.since) : undefined;
  const max = values.max === undefined ? undefined : Number(values.max);
  if (max !== undefined && (!Number.isInteger(max) || max < 1)) throw new Error(`--max expects a whole number ≥ 1, received "${values.max}"`);

  const config = loadConfig(process.env);
  const sources = selectSources(values.source ?? config.crawl.sources);
  const lifecycle = new Lifecycle();
  lifecycle.handleSignals(logLine);
  try {
    const meili = await connectMeilisearch(config, logLine);
    lifecycle.onStop(() => meili.stop());
    if (!meili.adminClient) throw new Error('Crawling writes to the index: set MEILISEARCH_MASTER_KEY (or leave MEILISEARCH_URL unset)');
    const report = await crawlIntoIndex({
      sources,
      adminClient: meili.adminClient,
      indexUid: config.meilisearch.indexUid,
      signal: lifecycle.controller.signal,
      ...(since ? { since } : {}),
      ...(max ? { maxArticlesPerSource: max } : {}),
      onEvent: values.json ? (event) => console.log(JSON.stringify(event.type === 'source-end' ? { type: event.type, source: event.source } : event)) : undefined,
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
    if (values.json) console.log(JSON.stringify({ type: 'report', report }));
    else for (const line of summariseReport(report)) logLine(line);
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
