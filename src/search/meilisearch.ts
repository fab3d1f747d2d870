/**
 * The only module in src/ that talks to the meilisearch client. It turns our validated SearchQuery
 * into an engine request and the engine's answer into our SearchPage, and maps the client's
 * failures onto src/search/errors.ts so routes never see client internals.
 */
import {
  Meilisearch,
  MeilisearchApiError,
  MeilisearchRequestError,
  MeilisearchRequestTimeOutError,
  type Config as ClientConfig,
  type Hit,
  type SearchParams,
  type SearchResponse,
} from 'meilisearch';
import { FACET_FIELDS, type ArticleDocument, type FacetParam } from '../article.ts';
import { MeilisearchHttpError, MeilisearchUnreachableError } from './errors.ts';
import { buildFilter, quoteFilterValue } from './filter.ts';
import {
  effectiveSort,
  enumerateBuckets,
  facetValues,
  PLACE_LEVEL_FIELDS,
  placeLevelField,
  publishedRange,
  wibDay,
  type ExportQuery,
  type Interval,
  type ResultSetQuery,
  type SearchQuery,
  type Sort,
  type SuggestQuery,
  type TimelineQuery,
} from './query.ts';

/** Private-use code points: they cannot occur in article text, so escaping HTML cannot break them. */
const MARK_OPEN = '\uE000';
const MARK_CLOSE = '\uE001';
const SNIPPET_WORDS = 32;

/** Only what a result row shows: Meilisearch repeats retrieved fields in `_formatted`, so every field costs twice. */
/**
 * The index keeps at most this many values per facet (index-config: maxValuesPerFacet = 500), so a
 * timeline asks for windows of fewer buckets than that and adds them up.
 */
const TIMELINE_WINDOW_BUCKETS = 400;
const INTERVAL_FIELD: Record<Interval, 'day' | 'week' | 'month'> = { day: 'day', week: 'week', month: 'month' };
const EXPORT_BATCH = 1000;
const EXPORT_FIELDS = ['id', 'url', 'outlet', 'title', 'publishedAt', 'publishedIso', 'authors', 'city', 'places', 'organisations'] as const;

const LIST_FIELDS = ['id', 'url', 'outlet', 'title', 'publishedIso', 'authors', 'city', 'places', 'organisations'] as const;

export interface SearchHit {
  id: string;
  url: string;
  outlet: string;
  title: string;
  /** Title as safe HTML with the matched words in <mark>. */
  titleHtml: string;
  /** Body snippet as safe HTML with the matched words in <mark>. */
  snippetHtml: string;
  publishedAt: string;
  authors: string[];
  city: string | null;
  places: string[];
  organisations: string[];
}

export interface FacetCount {
  value: string;
  count: number;
}

export interface SearchPage {
  query: string;
  sort: Sort;
  page: number;
  perPage: number;
  totalHits: number;
  totalPages: number;
  processingTimeMs: number;
  hits: SearchHit[];
  facets: Record<FacetParam, FacetCount[]>;
  /** Only when asked for (the researcher page). */
  placeFacets?: PlaceFacets;
}

export interface TimelineBucket {
  /** The stored bucket value: `2025-10-14`, `2025-W42` or `2025-10`. */
  key: string;
  /** First WIB calendar day of the bucket. */
  start: string;
  count: number;
}

export interface Timeline {
  query: string;
  interval: Interval;
  /** First and last WIB day covered; null when nothing matches. */
  from: string | null;
  to: string | null;
  totalHits: number;
  /** Every bucket from `from` to `to`, empty ones included, oldest first. */
  buckets: TimelineBucket[];
}

/** One exported row: the fields researchers asked for, body only on request. */
export interface ExportRow {
  id: string;
  url: string;
  outlet: string;
  title: string;
  publishedIso: string;
  authors: string[];
  city: string | null;
  places: string[];
  organisations: string[];
  body?: string;
}

export interface Suggestion {
  id: string;
  url: string;
  outlet: string;
  title: string;
  /** Escaped HTML, matches in <mark>. */
  titleHtml: string;
  publishedAt: string;
}

export interface SuggestPage {
  query: string;
  suggestions: Suggestion[];
}

/** Counts of the hierarchical place facet per level; values are paths like `Banten > Kota Cilegon`. */
export interface PlaceFacets {
  lvl0: FacetCount[];
  lvl1: FacetCount[];
  lvl2: FacetCount[];
}

export interface EngineHealth {
  status: 'available' | 'unavailable';
  documents: number | null;
}

export interface ArticleSearchOptions {
  url: string;
  /** A search-only key: this service never needs more. */
  searchKey: string;
  indexUid: string;
  timeoutMillis: number;
  /** Replaces fetch for the client; on Node, a keep-alive node:http transport (see runtime/node). */
  httpClient?: ClientConfig['httpClient'];
}

export class ArticleSearch {
  readonly #client: Meilisearch;
  readonly #indexUid: string;

  constructor(options: ArticleSearchOptions) {
    this.#client = new Meilisearch({
      host: options.url,
      apiKey: options.searchKey,
      // A custom transport enforces its own timeout; a second timer per search would be work done twice.
      ...(options.httpClient ? { httpClient: options.httpClient } : { timeout: options.timeoutMillis }),
    });
    this.#indexUid = options.indexUid;
  }

  /**
   * @param options.placeFacets also count the hierarchical place facet (`placeLevels.lvl0..2`),
   * which the researcher page draws as a tree.
   */
  async search(query: SearchQuery, options: { placeFacets?: boolean } = {}): Promise<SearchPage> {
    const sort = effectiveSort(query);
    const hasText = query.q.trim().length > 0;
    const params = {
      filter: resultSetFilter(query),
      facets: [...Object.values(FACET_FIELDS), ...(options.placeFacets ? PLACE_LEVEL_FIELDS : [])],
      // Researchers count matches: every query word must match, or totals over time mean nothing.
      matchingStrategy: 'all',
      page: query.page,
      hitsPerPage: query.perPage,
      // With a query the snippet comes from the body crop; without one, from the lead.
      attributesToRetrieve: hasText ? [...LIST_FIELDS] : [...LIST_FIELDS, 'lead'],
      attributesToHighlight: hasText ? ['title', 'body'] : ['title'],
      highlightPreTag: MARK_OPEN,
      highlightPostTag: MARK_CLOSE,
      ...(hasText ? { attributesToCrop: ['body'], cropLength: SNIPPET_WORDS, cropMarker: '…' } : {}),
      ...(sort === 'relevance' ? {} : { sort: [sort === 'newest' ? 'publishedAt:desc' : 'publishedAt:asc'] }),
    } satisfies SearchParams;
    const response = await this.#call(() => this.#client.index<ArticleDocument>(this.#indexUid).search(query.q, params));
    const distribution = response.facetDistribution ?? {};
    const facets = Object.fromEntries(
      (Object.entries(FACET_FIELDS) as Array<[FacetParam, string]>).map(([param, field]) => [param, countsOf(distribution[field])]),
    ) as Record<FacetParam, FacetCount[]>;
    const placeFacets = options.placeFacets
      ? { lvl0: countsOf(distribution[PLACE_LEVEL_FIELDS[0]]), lvl1: countsOf(distribution[PLACE_LEVEL_FIELDS[1]]), lvl2: countsOf(distribution[PLACE_LEVEL_FIELDS[2]]) }
      : undefined;
    return {
      ...(placeFacets ? { placeFacets } : {}),
      query: query.q,
      sort,
      page: response.page,
      perPage: response.hitsPerPage,
      totalHits: response.totalHits,
      totalPages: response.totalPages,
      processingTimeMs: response.processingTimeMs,
      hits: response.hits.map((hit) => toSearchHit(hit, hasText)),
      facets,
    };
  }

  /**
   * Matching articles per day, ISO week or month (WIB), read from the facet distribution of the
   * stored `day`/`week`/`month` fields: Meilisearch has no histogram aggregation.
   */
  async timeline(query: TimelineQuery): Promise<Timeline> {
    const baseFilter = resultSetFilter(query);
    const common = { filter: baseFilter, matchingStrategy: 'all' as const };
    // The span to draw: the asked range, else the first and last matching article.
    const ends = await this.#call(() =>
      this.#client.multiSearch({
        queries: [
          { indexUid: this.#indexUid, q: query.q, ...common, limit: 1, sort: ['publishedAt:asc'], attributesToRetrieve: ['publishedAt'] },
          { indexUid: this.#indexUid, q: query.q, ...common, limit: 1, sort: ['publishedAt:desc'], attributesToRetrieve: ['publishedAt'] },
        ],
      }),
    );
    const first = ends.results[0]?.hits[0]?.publishedAt as number | undefined;
    const last = ends.results[1]?.hits[0]?.publishedAt as number | undefined;
    if (first === undefined || last === undefined) {
      return { query: query.q, interval: query.interval, from: query.from ?? null, to: query.to ?? null, totalHits: 0, buckets: query.from && query.to ? enumerateBuckets(query.from, query.to, query.interval).map((b) => ({ ...b, count: 0 })) : [] };
    }
    const fromDay = query.from ?? wibDay(first);
    const toDay = query.to ?? wibDay(last);
    const buckets = enumerateBuckets(fromDay, toDay, query.interval);
    const field = INTERVAL_FIELD[query.interval];
    // Windows of whole buckets, each under the per-facet value cap.
    const windows: Array<{ from: number; to: number }> = [];
    for (let i = 0; i < buckets.length; i += TIMELINE_WINDOW_BUCKETS) {
      const next = buckets[i + TIMELINE_WINDOW_BUCKETS];
      windows.push({
        from: publishedRange({ from: buckets[i]!.start }).from!,
        to: next ? publishedRange({ from: next.start }).from! - 1 : Number.MAX_SAFE_INTEGER,
      });
    }
    const counted = await this.#call(() =>
      this.#client.multiSearch({
        queries: windows.map((w) => ({
          indexUid: this.#indexUid,
          q: query.q,
          matchingStrategy: 'all' as const,
          filter: [...(baseFilter ?? []), `publishedAt >= ${w.from}`, ...(w.to < Number.MAX_SAFE_INTEGER ? [`publishedAt <= ${w.to}`] : [])],
          limit: 0,
          facets: [field],
        })),
      }),
    );
    const counts = new Map<string, number>();
    let exactTotal = 0;
    for (const result of counted.results) {
      for (const [key, count] of Object.entries(result.facetDistribution?.[field] ?? {})) {
        counts.set(key, (counts.get(key) ?? 0) + count);
        exactTotal += count;
      }
    }
    return {
      query: query.q,
      interval: query.interval,
      from: fromDay,
      to: toDay,
      totalHits: exactTotal,
      buckets: buckets.map((b) => ({ ...b, count: counts.get(b.key) ?? 0 })),
    };
  }

  /**
   * Every matching article, newest first, in batches, however many there are. Walks the result set
   * with a cursor on publishedAt (`publishedAt < last seen`), so no request pages past the engine's
   * result window; articles sharing the boundary second are read as one group by exact filter.
   */
  async *exportRows(query: Pick<ExportQuery, keyof ResultSetQuery | 'body'>): AsyncGenerator<ExportRow[]> {
    const index = this.#client.index<ArticleDocument>(this.#indexUid);
    const baseFilter = resultSetFilter(query) ?? [];
    const fields = query.body ? [...EXPORT_FIELDS, 'body'] : [...EXPORT_FIELDS];
    const common = { matchingStrategy: 'all' as const, attributesToRetrieve: fields };
    let before: number | null = null;
    for (;;) {
      const filter: Array<string | string[]> = before === null ? baseFilter : [...baseFilter, `publishedAt < ${before}`];
      const page: SearchResponse<ArticleDocument> = await this.#call(() => index.search(query.q, { ...common, filter: filter.length ? filter : undefined, sort: ['publishedAt:desc'], limit: EXPORT_BATCH }));
      if (page.hits.length === 0) return;
      if (page.hits.length < EXPORT_BATCH) {
        yield page.hits.map((hit) => toExportRow(hit, query.body));
        return;
      }
      const boundary: number = page.hits[page.hits.length - 1]!.publishedAt;
      const settled = page.hits.filter((hit) => hit.publishedAt > boundary);
      if (settled.length > 0) yield settled.map((hit) => toExportRow(hit, query.body));
      // The boundary second may hold more articles than this batch showed: read all of them.
      for (let offset = 0; ; offset += EXPORT_BATCH) {
        const group = await this.#call(() => index.search(query.q, { ...common, filter: [...baseFilter, `publishedAt = ${boundary}`], offset, limit: EXPORT_BATCH }));
        if (group.hits.length > 0) yield group.hits.map((hit) => toExportRow(hit, query.body));
        if (group.hits.length < EXPORT_BATCH) break;
      }
      before = boundary;
    }
  }

  /** Search-as-you-type: a few titles (and dates), the last word matched as a prefix. */
  async suggest(query: SuggestQuery): Promise<SuggestPage> {
    const filter = buildFilter({ facets: query.outlet ? { outlet: [query.outlet] } : {} });
    const response = await this.#call(() =>
      this.#client.index<ArticleDocument>(this.#indexUid).search(query.q, {
        filter,
        limit: query.limit,
        // Every typed word must be in the title (the last as a prefix); newest news first.
        matchingStrategy: 'all',
        sort: ['publishedAt:desc'],
        attributesToSearchOn: ['title'],
        attributesToRetrieve: ['id', 'url', 'outlet', 'title', 'publishedIso'],
        attributesToHighlight: ['title'],
        highlightPreTag: MARK_OPEN,
        highlightPostTag: MARK_CLOSE,
      }),
    );
    return {
      query: query.q,
      suggestions: response.hits.map((hit) => ({
        id: hit.id,
        url: hit.url,
        outlet: hit.outlet,
        title: hit.title,
        titleHtml: markedToHtml(typeof hit._formatted?.title === 'string' ? hit._formatted.title : hit.title),
        publishedAt: hit.publishedIso,
      })),
    };
  }

  /** Looks an article up through search (the search key cannot read documents directly). */
  async getArticle(id: string): Promise<ArticleDocument | null> {
    const response = await this.#call(() =>
      this.#client.index<ArticleDocument>(this.#indexUid).search('', { filter: buildFilter({ facets: {}, ids: [id] }), limit: 1 }),
    );
    return response.hits[0] ?? null;
  }

  async health(): Promise<EngineHealth> {
    try {
      const response = await this.#call(() =>
        this.#client.index(this.#indexUid).search('', { page: 1, hitsPerPage: 0 }),
      );
      return { status: 'available', documents: response.totalHits };
    } catch (error) {
      if (error instanceof MeilisearchHttpError && error.code === 'index_not_found') {
        return { status: 'available', documents: 0 };
      }
      if (error instanceof MeilisearchUnreachableError || (error instanceof MeilisearchHttpError && error.status >= 500)) {
        return { status: 'unavailable', documents: null };
      }
      throw error;
    }
  }

  async #call<T>(request: () => Promise<T>): Promise<T> {
    try {
      return await request();
    } catch (error) {
      throw toEngineError(error, this.#client.config.host);
    }
  }
}

/** Maps the official client's errors onto ours; ours (from a custom transport) pass through. */
export function toEngineError(error: unknown, host: string): unknown {
  // The client wraps whatever a custom httpClient throws; our transport's errors are already precise.
  if (error instanceof MeilisearchRequestError && (error.cause instanceof MeilisearchHttpError || error.cause instanceof MeilisearchUnreachableError)) {
    return error.cause;
  }
  if (error instanceof MeilisearchApiError) {
    const body = error.cause;
    return new MeilisearchHttpError(body?.message ?? error.message, error.response.status, body?.code ?? null, body?.type ?? null, { cause: error });
  }
  if (error instanceof MeilisearchRequestTimeOutError || error instanceof MeilisearchRequestError) {
    return new MeilisearchUnreachableError(`Meilisearch at ${host} did not answer: ${error.message}`, host, { cause: error });
  }
  return error;
}

/** The filter of a result set: facets, dates, and place paths on the matching facet level. */
function resultSetFilter(query: ResultSetQuery): Array<string | string[]> | undefined {
  const range = publishedRange(query);
  const clauses = buildFilter({ facets: facetValues(query), publishedFrom: range.from, publishedTo: range.to }) ?? [];
  if (query.place.length > 0) clauses.push(query.place.map((path) => `${placeLevelField(path)} = ${quoteFilterValue(path)}`));
  return clauses.length > 0 ? clauses : undefined;
}

/**
 * Most frequent first, ties by code point. Not localeCompare: on the serving path it sorts up to 500
 * values per facet per search, and ICU collation made that a measurable share of the API's overhead.
 */
function countsOf(distribution: Record<string, number> | undefined): FacetCount[] {
  return Object.entries(distribution ?? {})
    .map(([value, count]) => ({ value, count }))
    .sort((a, b) => b.count - a.count || (a.value < b.value ? -1 : a.value > b.value ? 1 : 0));
}

function toExportRow(hit: Hit<ArticleDocument>, withBody: boolean): ExportRow {
  return {
    id: hit.id,
    url: hit.url,
    outlet: hit.outlet,
    title: hit.title,
    publishedIso: hit.publishedIso,
    authors: hit.authors ?? [],
    city: hit.city ?? null,
    places: hit.places ?? [],
    organisations: hit.organisations ?? [],
    ...(withBody ? { body: hit.body ?? '' } : {}),
  };
}

function toSearchHit(hit: Hit<ArticleDocument>, hasText: boolean): SearchHit {
  const formatted = hit._formatted ?? {};
  const cropped = hasText && typeof formatted.body === 'string' && formatted.body ? formatted.body : truncateWords(hit.lead ?? '', SNIPPET_WORDS);
  // A snippet is one line of text: paragraph breaks inside the crop window read as noise.
  const snippetSource = cropped.replace(/\s*\n+\s*/g, ' ');
  return {
    id: hit.id,
    url: hit.url,
    outlet: hit.outlet,
    title: hit.title,
    titleHtml: markedToHtml(typeof formatted.title === 'string' ? formatted.title : hit.title),
    snippetHtml: markedToHtml(snippetSource),
    publishedAt: hit.publishedIso,
    authors: hit.authors ?? [],
    city: hit.city ?? null,
    places: hit.places ?? [],
    organisations: hit.organisations ?? [],
  };
}

export function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (c) => `&${{ '&': 'amp', '<': 'lt', '>': 'gt', '"': 'quot', "'": '#39' }[c]};`);
}

/** Escapes everything, then turns our private markers (and only them) into <mark> tags. */
export function markedToHtml(text: string): string {
  return escapeHtml(text).replaceAll(MARK_OPEN, '<mark>').replaceAll(MARK_CLOSE, '</mark>');
}

function truncateWords(text: string, words: number): string {
  const parts = text.split(/\s+/).filter(Boolean);
  return parts.length <= words ? parts.join(' ') : `${parts.slice(0, words).join(' ')}…`;
}
