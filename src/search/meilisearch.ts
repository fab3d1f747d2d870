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
} from 'meilisearch';
import { FACET_FIELDS, type ArticleDocument, type FacetParam } from '../article.ts';
import { MeilisearchHttpError, MeilisearchUnreachableError } from './errors.ts';
import { buildFilter } from './filter.ts';
import { effectiveSort, facetValues, publishedRange, type SearchQuery, type Sort } from './query.ts';

/** Private-use code points: they cannot occur in article text, so escaping HTML cannot break them. */
const MARK_OPEN = '\uE000';
const MARK_CLOSE = '\uE001';
const SNIPPET_WORDS = 32;

/** Only what a result row shows: Meilisearch repeats retrieved fields in `_formatted`, so every field costs twice. */
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
      timeout: options.timeoutMillis,
      ...(options.httpClient ? { httpClient: options.httpClient } : {}),
    });
    this.#indexUid = options.indexUid;
  }

  async search(query: SearchQuery): Promise<SearchPage> {
    const sort = effectiveSort(query);
    const range = publishedRange(query);
    const hasText = query.q.trim().length > 0;
    const params = {
      filter: buildFilter({ facets: facetValues(query), publishedFrom: range.from, publishedTo: range.to }),
      facets: Object.values(FACET_FIELDS),
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
      (Object.entries(FACET_FIELDS) as Array<[FacetParam, string]>).map(([param, field]) => [
        param,
        Object.entries(distribution[field] ?? {})
          .map(([value, count]) => ({ value, count }))
          .sort((a, b) => b.count - a.count || a.value.localeCompare(b.value)),
      ]),
    ) as Record<FacetParam, FacetCount[]>;
    return {
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
