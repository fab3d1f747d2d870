/**
 * `npm run reindex`: re-extracts every archived page with the current extractor into a fresh index and swaps it
 * in atomically (index-config/swap.ts). Needs no network: the WARC archive holds the pages. Search keeps
 * answering from the old index until the swap, and from the new one right after.
 *
 * The newest archived response of each URL wins. Flags that are facts about the outlet, not about the page
 * (`goneAt`), come from the crawl state; near-duplicates are found again in first-seen order. A crawl may run
 * meanwhile: what it archived after the first pass, and the gone flags it set, are replayed onto the live index
 * after the swap.
 */
import type { Meilisearch } from 'meilisearch';
import type { ArticleDocument } from '../src/article.ts';
import type { ArchiveStore, WarcLocation } from '../crawler/archive/archive-store.ts';
import { extractArticle } from '../crawler/extract/index.ts';
import { decodeBody } from '../crawler/decode-body.ts';
import type { SourceDefinition } from '../crawler/sources/types.ts';
import type { CrawlState } from '../crawler/state/crawl-state.ts';
import { NearDuplicateFinder, simhash } from '../crawler/state/simhash.ts';
import { upsertDocuments } from './documents.ts';
import { waitForSuccess } from './tasks.ts';
import { swapInFreshIndex } from './swap.ts';

export interface ReindexOptions {
  client: Meilisearch;
  /** The live index uid. */
  indexUid: string;
  archive: ArchiveStore;
  sources: readonly SourceDefinition[];
  /** Supplies `goneAt`; without it no document is flagged as gone. */
  state?: CrawlState;
  /** Documents per upsert. Default 1000. */
  batchSize?: number;
  onProgress?: (done: number, total: number) => void;
  /** Passed on to the swap (index-config/swap.ts). */
  onSwap?: (phase: 'start' | 'done') => void;
}

export interface ReindexReport {
  /** Response records read from the archive. */
  records: number;
  /** Distinct URLs with a 2xx response. */
  pages: number;
  indexed: number;
  /** Documents replayed onto the live index after the swap: pages a concurrent crawl archived meanwhile. */
  caughtUp: number;
  skipped: Array<{ url: string; reason: string }>;
  indexFailed: Array<{ id: string; error: string }>;
  durationMillis: number;
  /** How long the swap task took (the live index answers throughout). */
  swapMillis: number;
}

interface Latest {
  location: WarcLocation;
  fetchedAt: number;
  firstFetchedAt: number;
}

export async function reindexFromArchive(options: ReindexOptions): Promise<ReindexReport> {
  const began = Date.now();
  const report: ReindexReport = {
    records: 0,
    pages: 0,
    indexed: 0,
    caughtUp: 0,
    skipped: [],
    indexFailed: [],
    durationMillis: 0,
    swapMillis: 0,
  };

  // First pass: only locations, so memory stays small however big the archive is.
  const scannedUpTo = new Map<string, number>();
  const latest = await latestResponses(options.archive, scannedUpTo, report);
  report.pages = latest.size;
  const goneAt = await goneFlags(options.state);

  const nearDuplicates = new NearDuplicateFinder();
  const { swapMillis } = await swapInFreshIndex(options.client, {
    liveIndexUid: options.indexUid,
    ...(options.onSwap ? { onSwap: options.onSwap } : {}),
    fill: async (freshIndexUid) => {
      report.indexed += await indexPages(options, freshIndexUid, latest, { nearDuplicates, goneAt, report });
    },
  });
  report.swapMillis = swapMillis;

  // A crawl running meanwhile wrote to the old index, which the swap just retired. What it fetched is in the
  // archive (archived before indexed), and its gone flags are in the state: replay both onto the live index.
  const later = await latestResponses(options.archive, scannedUpTo, null);
  report.caughtUp = await indexPages(options, options.indexUid, later, { nearDuplicates, goneAt: await goneFlags(options.state), report });
  const goneNow = await goneFlags(options.state);
  const newlyGone = [...goneNow].filter(([id, at]) => goneAt.get(id) !== at).map(([id, at]) => ({ id, goneAt: at }));
  if (newlyGone.length > 0) {
    await waitForSuccess(options.client, options.client.index(options.indexUid).updateDocuments(newlyGone), `flagging ${newlyGone.length} documents as gone`);
  }
  report.durationMillis = Date.now() - began;
  return report;
}

/** The newest 2xx response per URL among records past `scannedUpTo` (which it advances). */
async function latestResponses(archive: ArchiveStore, scannedUpTo: Map<string, number>, report: ReindexReport | null): Promise<Map<string, Latest>> {
  const latest = new Map<string, Latest>();
  const startAt = new Map(scannedUpTo);
  for await (const response of archive.responses()) {
    const { file, offset, length } = response.location;
    if (offset < (startAt.get(file) ?? 0)) continue;
    scannedUpTo.set(file, Math.max(scannedUpTo.get(file) ?? 0, offset + length));
    if (report) report.records += 1;
    if (response.status < 200 || response.status >= 300) continue;
    const at = response.fetchedAt.getTime();
    const known = latest.get(response.url);
    if (!known) latest.set(response.url, { location: response.location, fetchedAt: at, firstFetchedAt: at });
    else {
      known.firstFetchedAt = Math.min(known.firstFetchedAt, at);
      if (at >= known.fetchedAt) Object.assign(known, { location: response.location, fetchedAt: at });
    }
  }
  return latest;
}

async function goneFlags(state: CrawlState | undefined): Promise<Map<string, number>> {
  const goneAt = new Map<string, number>();
  for (const record of (await state?.listDocuments()) ?? []) {
    if (record.documentId && record.goneSince !== null) goneAt.set(record.documentId, record.goneSince);
  }
  return goneAt;
}

/** Extracts the pages (first seen first) into `indexUid`; returns how many documents were indexed. */
async function indexPages(
  options: ReindexOptions,
  indexUid: string,
  pages: Map<string, Latest>,
  context: { nearDuplicates: NearDuplicateFinder; goneAt: Map<string, number>; report: ReindexReport },
): Promise<number> {
  const { nearDuplicates, goneAt, report } = context;
  const ordered = [...pages.entries()].sort(([a, x], [b, y]) => x.firstFetchedAt - y.firstFetchedAt || (a < b ? -1 : 1));
  const seen = new Set<string>();
  let indexed = 0;
  let batch: ArticleDocument[] = [];
  const flush = async () => {
    if (batch.length === 0) return;
    const result = await upsertDocuments(options.client, indexUid, batch);
    for (const failed of result.failedBatches) report.indexFailed.push(...failed.ids.map((id) => ({ id, error: failed.error })));
    indexed += result.succeeded;
    batch = [];
  };
  let done = 0;
  for (const [url, { location }] of ordered) {
    options.onProgress?.(done++, ordered.length);
    const source = sourceFor(url, options.sources);
    if (!source) {
      report.skipped.push({ url, reason: 'no registered source for this origin' });
      continue;
    }
    const response = await options.archive.read(location);
    const html = decodeBody(response.body, response.headers.get('content-type')).text;
    const result = await extractArticle({ html, url: response.url, source, fetchedAt: response.fetchedAt });
    if (!result.ok) {
      report.skipped.push({ url, reason: result.reason });
      continue;
    }
    const article = result.article;
    if (seen.has(article.id)) {
      report.skipped.push({ url, reason: `same canonical URL as another page: ${article.url}` });
      continue;
    }
    seen.add(article.id);
    const fingerprint = simhash(article.body);
    batch.push({ ...article, warc: location, goneAt: goneAt.get(article.id) ?? null, nearDuplicateOf: nearDuplicates.find(fingerprint, article.id) });
    nearDuplicates.add(article.id, fingerprint);
    if (batch.length >= (options.batchSize ?? 1000)) await flush();
  }
  await flush();
  return indexed;
}

function sourceFor(url: string, sources: readonly SourceDefinition[]): SourceDefinition | undefined {
  const host = (u: string) => new URL(u).hostname.replace(/^www\./, '');
  const wanted = host(url);
  return sources.find((source) => host(source.origin) === wanted);
}
