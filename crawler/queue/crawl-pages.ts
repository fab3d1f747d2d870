/**
 * "Fetch, archive, extract and index these N URLs of one source": the unit of work of a `pages` job. Each page
 * is crawled by `crawl-page.ts`, the step the Node crawl (`run.ts`) uses too, but the job is sized for one Worker
 * invocation: pages go one at a time (one connection to the outlet), each only while the budget has room for it,
 * and what is left is returned for a continuation job.
 *
 * Crash safety is the Node crawl's: state records (validators, hashes) are written after the documents are in
 * the index, in one D1 batch, so a job killed at any point is simply redone by the queue's retry.
 */
import type { ArchiveStore } from '../archive/archive-store.ts';
import { crawlPage, errorMessage, indexPages, loadNearDuplicates, type CrawlPageContext, type GonePage, type IndexablePage } from '../crawl-page.ts';
import type { Fetcher } from '../fetch-page.ts';
import { emptySourceReport, type SourceReport } from '../run.ts';
import type { SourceDefinition } from '../sources/types.ts';
import type { CrawlState, UrlRecord } from '../state/crawl-state.ts';
import type { NearDuplicateFinder } from '../state/simhash.ts';
import { SubrequestBudgetError, type InvocationBudget } from './budget.ts';
import type { BoundedIndexWriter } from './index-writer.ts';

/** A CrawlState that can read many URLs in one call (the D1 backend can); others are read one by one. */
export interface BatchReadableState extends CrawlState {
  getUrls?(urls: readonly string[]): Promise<Map<string, UrlRecord>>;
}

export interface CrawlPagesOptions {
  source: SourceDefinition;
  urls: readonly string[];
  fetcher: Fetcher;
  state: BatchReadableState;
  archive?: ArchiveStore;
  index: BoundedIndexWriter;
  budget: InvocationBudget;
  userAgent: string;
  /** Subrequests one page may take: fetch, archive write, duplicate lookup, plus a redirect or retry. */
  subrequestsPerPage?: number;
  /** Kept free for what follows the pages: the index write and its polls, state write, ledger, continuation. */
  reservedSubrequests?: number;
  now?: () => Date;
}

export interface CrawlPagesResult {
  report: SourceReport;
  /** URLs not reached within the budget, for a continuation job. */
  remaining: string[];
}

export async function crawlPages(options: CrawlPagesOptions): Promise<CrawlPagesResult> {
  const began = Date.now();
  const now = options.now ?? (() => new Date());
  const nowSeconds = () => Math.floor(now().getTime() / 1000);
  const { source, budget, state } = options;
  const report = emptySourceReport(source.id);
  const perPage = options.subrequestsPerPage ?? 4;
  const reserved = options.reservedSubrequests ?? 16;

  const known = state.getUrls ? await state.getUrls(options.urls) : null;
  // One D1 read per job, and only once a page needs it.
  let nearDuplicates: Promise<NearDuplicateFinder> | null = null;
  const context: CrawlPageContext = {
    source,
    fetcher: options.fetcher,
    state,
    recordOf: async (url) => (known ? (known.get(url) ?? null) : await state.getUrl(url)),
    ...(options.archive ? { archive: options.archive } : {}),
    userAgent: options.userAgent,
    report,
    seenIds: new Set<string>(),
    hashes: new Map<string, string>(),
    nearDuplicates: () => (nearDuplicates ??= loadNearDuplicates(state)),
    stopsOn: causedByBudget,
    now,
  };

  const writes: UrlRecord[] = [];
  const pending: IndexablePage[] = [];
  const gone: GonePage[] = [];
  const remaining: string[] = [];
  for (const [position, url] of options.urls.entries()) {
    const page = budget.allows(perPage + reserved) ? await crawlPage(url, context) : null;
    if (page === null || page.outcome === 'stopped') {
      remaining.push(...options.urls.slice(position));
      break;
    }
    switch (page.outcome) {
      case 'new':
      case 'updated':
        pending.push(page);
        break;
      case 'gone':
        gone.push(page);
        break;
      default:
        writes.push(page.record);
    }
  }

  // The index first, then the state: a crash in between only makes the pages be fetched again in full.
  if (pending.length > 0) {
    // A write the budget cut short confirmed nothing: it throws out of the job, and the queue retries it whole.
    const { records } = await indexPages(pending, (documents) => options.index.write(documents), report, causedByBudget);
    writes.push(...records);
  }
  const newlyGone = gone.filter((g) => g.seen.goneSince === null);
  if (gone.length > 0) {
    try {
      await options.index.markGone(newlyGone.map((g) => g.seen.documentId!), nowSeconds());
      for (const g of gone) writes.push({ ...g.seen, status: 'gone', goneSince: g.goneSince, lastError: g.message });
      report.gone += gone.length;
    } catch (error) {
      for (const g of gone) {
        report.indexFailed.push({ id: g.seen.documentId!, error: `flagging as gone: ${errorMessage(error)}` });
        writes.push({ ...g.seen, failures: g.seen.failures + 1, lastError: g.message });
      }
    }
  }
  await state.putUrls(writes);
  report.durationMillis = Date.now() - began;
  return { report, remaining };
}

function causedByBudget(error: unknown): boolean {
  for (let current = error, depth = 0; current instanceof Error && depth < 6; current = current.cause, depth++) {
    if (current instanceof SubrequestBudgetError) return true;
  }
  return false;
}
