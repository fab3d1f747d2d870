/**
 * The document shape shared by the crawler (which produces it), index-config (which declares how
 * Meilisearch treats each field) and the API (which serves it). One article = one document.
 */
export interface ArticleDocument {
  /** Derived from the canonical URL by {@link articleIdFromUrl}: stable across crawls. */
  id: string;
  /** Canonical URL of the article on the outlet's site. */
  url: string;
  /** Source id from the registry, e.g. `beritain`. */
  outletId: string;
  /** Outlet display name, e.g. `Beritain.co.id`. Faceted. */
  outlet: string;
  title: string;
  /** First paragraph without the dateline: used for snippets. */
  lead: string;
  /** Body text, paragraphs separated by blank lines, boilerplate and dateline removed. */
  body: string;
  /** People who wrote the article (never the desk, "Redaksi" or the outlet). Faceted. */
  authors: string[];
  /** Raw byline code as printed, e.g. `(Sari/Red)`, kept for audit. */
  bylineRaw: string | null;
  editor: string | null;
  /** Dateline place as printed, e.g. `Cilegon`. */
  dateline: string | null;
  /** Primary kabupaten/kota, official name, e.g. `Kota Cilegon`. Faceted. */
  city: string | null;
  /** Every kabupaten/kota (official names) the article mentions. */
  places: string[];
  /**
   * Optional (extractor 0.2+): the places as a hierarchical facet, province > kabupaten/kota > kecamatan:
   * lvl0 `Banten`, lvl1 `Banten > Kota Cilegon`, lvl2 `Banten > Kota Cilegon > Citangkil`.
   */
  placeLevels?: { lvl0: string[]; lvl1: string[]; lvl2: string[] };
  /** Optional (extractor 0.2+): Kemendagri codes of those areas (`36`, `36.72`, `36.72.08`), for exact filters. */
  placeCodes?: string[];
  /** Canonical organisation names with their region, e.g. `Dinas Perindustrian dan Perdagangan Kota Cilegon`. Faceted. */
  organisations: string[];
  /** Acronyms and short forms seen for those organisations (`CMM`, `Disperindag`): searchable, not faceted. */
  organisationAliases: string[];
  /** Publish time, unix seconds (UTC). Filter and sort field. */
  publishedAt: number;
  /** Publish time as ISO 8601 with the +07:00 (WIB) offset. */
  publishedIso: string;
  updatedAt: number | null;
  /** Calendar buckets in WIB for timelines: `2025-10-14`, `2025-W42`, `2025-10`, `2025`. Faceted. */
  day: string;
  week: string;
  month: string;
  year: string;
  section: string | null;
  tags: string[];
  image: string | null;
  /** Optional (extractor 0.2+): image captions, which are not body text but often name people and places. */
  captions?: string[];
  language: string;
  /** When the crawler fetched the page, unix seconds. */
  fetchedAt: number;
  /** SHA-256 (hex) of the fetched HTML. */
  contentHash: string;
  extractorVersion: string;
  /**
   * Where the raw response this document was extracted from sits in the WARC archive (the gzip member of
   * its `response` record): lets `GET /articles/:id/archived` and `npm run reindex` read it back without the
   * network. Absent for documents crawled before the archive existed.
   */
  warc?: WarcLocation;
  /**
   * When the outlet stopped serving the article (404/410 on a re-fetch), unix seconds. The document stays in
   * the index and stays searchable; null or absent while the outlet still serves it.
   */
  goneAt?: number | null;
  /**
   * Id of an earlier document telling the same story (same article in two categories, or syndicated across
   * outlets), found by SimHash over body shingles. Null or absent when the text is its own.
   */
  nearDuplicateOf?: string | null;
}

/** A WARC record's place in the archive: file name (relative to the archive root), byte offset and length. */
export interface WarcLocation {
  file: string;
  offset: number;
  length: number;
}

/** Fields that the public API lets users filter and facet on, mapped to document fields. */
export const FACET_FIELDS = {
  city: 'city',
  organisation: 'organisations',
  author: 'authors',
  outlet: 'outlet',
} as const;

export type FacetParam = keyof typeof FACET_FIELDS;

const ID_MAX_BYTES = 511;

/**
 * Meilisearch ids allow only `a-z A-Z 0-9 - _` and at most 511 bytes. We keep the id readable
 * (host + path slug) and append a short hash of the full canonical URL so that two URLs that
 * normalise to the same slug never collide.
 */
export async function articleIdFromUrl(canonicalUrl: string): Promise<string> {
  const url = new URL(canonicalUrl);
  const host = url.hostname.replace(/^www\./, '');
  const readable = `${host}${url.pathname}`
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '');
  const hash = (await sha256Hex(normaliseUrlForId(url))).slice(0, 12);
  const head = readable.slice(0, ID_MAX_BYTES - hash.length - 1);
  return `${head}_${hash}`;
}

/** Scheme, `www.`, trailing slash and fragment do not make a different article. */
function normaliseUrlForId(url: URL): string {
  const host = url.hostname.replace(/^www\./, '').toLowerCase();
  const path = url.pathname.replace(/\/+$/, '') || '/';
  return `${host}${path}${url.search}`;
}

export async function sha256Hex(input: string | Uint8Array): Promise<string> {
  const bytes = typeof input === 'string' ? new TextEncoder().encode(input) : input;
  const digest = await crypto.subtle.digest('SHA-256', bytes as Uint8Array<ArrayBuffer>);
  return [...new Uint8Array(digest)].map((b) => b.toString(16).padStart(2, '0')).join('');
}
