/**
 * A news outlet the crawler knows. One file per outlet in crawler/sources/, registered in
 * crawler/sources/index.ts. Everything here is data: adding an outlet never touches crawler code.
 */
export interface SourceDefinition {
  /** Stable id, lowercase, used in document fields and state keys: `beritain`. */
  id: string;
  /** Display name used as the `outlet` facet value: `Beritain.co.id`. */
  name: string;
  /** Origin of the live site, no trailing slash: `https://beritain.co.id`. */
  origin: string;
  /** The kabupaten/kota the outlet is based in (official name); a weak fallback for `city`. */
  homeCity: string | null;
  /** Sitemap or sitemap-index URLs to read besides those named in robots.txt. */
  sitemaps: string[];
  /** RSS or Atom feed URLs. */
  feeds: string[];
  /** Listing / category pages whose links lead to articles (first page; pagination is followed). */
  listings: string[];
  /** A URL (absolute, on `origin`) is an article page when its pathname matches. */
  articlePathPattern: RegExp;
  /** Pathnames that are never articles even when the pattern matches (tags, authors, pages). */
  excludePathPattern?: RegExp;
  /** Names the outlet prints in datelines, e.g. `Beritain.co.id` in `Cilegon, (Beritain.co.id) –`. */
  datelineNames: string[];
  /** Reporter/editor initials the outlet prints in end bylines, mapped to names where known. */
  initials?: Record<string, string>;
}

/** Maps a live origin to where the crawler actually fetches it (an offline copy on 127.0.0.1). */
export type OriginMap = Record<string, string>;
