/**
 * Article extraction: one fetched HTML page in, one ArticleDocument out (or the reason it is not an
 * article). Runtime-neutral: cheerio's htmlparser2 build (`cheerio/slim`), no `node:` imports.
 */
import { load, type CheerioAPI } from 'cheerio/slim';
import type { Element } from 'domhandler';
import { articleIdFromUrl, sha256Hex, type ArticleDocument } from '../../src/article.ts';
import type { SourceDefinition } from '../sources/types.ts';
import { areaHierarchy } from './areas.ts';
import { extractByline } from './byline.ts';
import { extractDateline } from './dateline.ts';
import { extractPublishDate, WIB_OFFSET_MINUTES } from './dates.ts';
import { extractCaptions, extractMainText } from './main-text.ts';
import { extractOrganisations } from './organisations.ts';
import { findPageRegions, isInChrome, type PageRegions } from './page-regions.ts';
import { findPlaces, primaryCity } from './places.ts';
import { extractStructuredData, type StructuredData } from './structured-data.ts';
import { normaliseSpace, uniqueSorted } from './text.ts';
import { extractTitle } from './title.ts';

/** Stamped on every document, so that documents can be re-extracted when the rules change. */
export const EXTRACTOR_VERSION = '0.2.0';

export interface ExtractInput {
  html: string;
  /** The live URL the page was fetched from. */
  url: string;
  source: SourceDefinition;
  fetchedAt: Date;
}

export type ExtractResult = { ok: true; article: ArticleDocument } | { ok: false; reason: string };

/** Bodies shorter than this are teasers, galleries or error pages, not articles. */
const MIN_BODY_CHARS = 200;
const LISTING_TYPES = new Set(['CollectionPage', 'ItemList', 'SearchResultsPage', 'ProfilePage']);

/**
 * Extracts one article. Never throws: pages that are not articles (listings, no title, no body, no
 * date) and pages that break the extractor come back as `{ ok: false, reason }`.
 */
export async function extractArticle(input: ExtractInput): Promise<ExtractResult> {
  try {
    return await extract(input);
  } catch (error) {
    const message = error instanceof Error ? error.message : String(error);
    return { ok: false, reason: `extractor failed on ${input.url}: ${message}` };
  }
}

async function extract(input: ExtractInput): Promise<ExtractResult> {
  const { html, url, source } = input;
  const $ = load(html);
  const structured = extractStructuredData($);
  const regions = findPageRegions($, structured);

  const listing = listingReason(structured, regions) ?? pageKindReason($, regions, url);
  if (listing) return { ok: false, reason: listing };

  const outletNames = [source.name, ...source.datelineNames];
  const title = extractTitle($, structured, regions.heading, outletNames);
  if (!title) return { ok: false, reason: 'not an article: no title (expected an h1, JSON-LD headline or og:title)' };
  if (!regions.container) return { ok: false, reason: 'not an article: no body container with paragraphs found' };

  const { paragraphs: rawParagraphs, captions: bodyCaptions } = extractMainText($, regions.container);
  const captions = extractCaptions($, regions.scope, bodyCaptions);
  const byline = extractByline(rawParagraphs, {
    outletNames,
    initials: source.initials,
    zoneTexts: bylineZoneTexts($, regions),
    declaredAuthors: declaredAuthors($, structured, regions),
  });
  const paragraphs = [...byline.paragraphs];
  const dateline = paragraphs.length > 0 ? extractDateline(paragraphs[0]!, outletNames) : null;
  if (dateline && dateline.place !== null) {
    if (dateline.rest) paragraphs[0] = dateline.rest;
    else paragraphs.shift();
  } else if (dateline?.outlet && dateline.rest) {
    paragraphs[0] = dateline.rest;
  }
  const body = paragraphs.join('\n\n');
  if (body.length < MIN_BODY_CHARS) {
    return { ok: false, reason: `not an article: body has ${body.length} characters, expected at least ${MIN_BODY_CHARS}` };
  }

  // Relative dates (`2 jam lalu`) count from the fetch, so that re-extracting an archived copy gives the same date.
  const dates = extractPublishDate($, structured, url, regions, { now: input.fetchedAt });
  if (!dates.published) return { ok: false, reason: 'no publish date found (JSON-LD, meta, <time>, byline, URL or body)' };

  const lead = paragraphs[0] ?? '';
  const city = primaryCity(dateline?.place ?? null, lead, body);
  const places = uniqueSorted([...findPlaces(body), ...(city ? [city] : [])]);
  const { organisations, organisationAliases } = extractOrganisations(body, { city });
  const areas = areaHierarchy(body, places);

  const canonical = canonicalUrl(structured, url);
  const published = dates.published;
  const calendar = wibCalendar(published);
  const article: ArticleDocument = {
    id: await articleIdFromUrl(canonical),
    url: canonical,
    outletId: source.id,
    outlet: source.name,
    title,
    lead,
    body,
    authors: byline.authors,
    bylineRaw: byline.bylineRaw,
    editor: byline.editor,
    dateline: dateline?.place ?? null,
    city,
    places,
    placeLevels: areas.levels,
    placeCodes: areas.codes,
    organisations,
    organisationAliases,
    publishedAt: Math.floor(published.getTime() / 1000),
    publishedIso: toWibIso(published),
    updatedAt: dates.updated ? Math.floor(dates.updated.getTime() / 1000) : null,
    ...calendar,
    section: structured.section ?? null,
    tags: pageTags($, structured, regions),
    image: absoluteUrl(structured.image, url),
    captions,
    language: 'id',
    fetchedAt: Math.floor(input.fetchedAt.getTime() / 1000),
    contentHash: await sha256Hex(html),
    extractorVersion: EXTRACTOR_VERSION,
  };
  return { ok: true, article };
}

function listingReason(structured: StructuredData, regions: PageRegions): string | null {
  if (structured.hasArticleNode) return null;
  const listingType = structured.types.find((t) => LISTING_TYPES.has(t));
  if (listingType) return `not an article: a listing page (JSON-LD ${listingType})`;
  if (regions.containerCount >= 3) return `not an article: a listing page (${regions.containerCount} post bodies)`;
  return null;
}

// WordPress and Blogger say what a page is in the classes of <body>.
const LISTING_BODY_CLASSES = new Set(['archive', 'category', 'tag', 'author', 'search', 'search-results', 'home', 'blog', 'feed-view']);

/** Static pages (`Redaksi`, `Pedoman Media Siber`) and listing items whose title links to another page. */
function pageKindReason($: CheerioAPI, regions: PageRegions, url: string): string | null {
  const bodyClasses = new Set((bodyElement($)?.attribs['class'] ?? '').split(/\s+/).filter(Boolean));
  if (bodyClasses.has('error404')) return 'not an article: an error page (body class "error404")';
  const listingClass = [...bodyClasses].find((c) => LISTING_BODY_CLASSES.has(c));
  if (listingClass) return `not an article: a listing page (body class "${listingClass}")`;
  if (bodyClasses.has('page') && !bodyClasses.has('single')) return 'not an article: a static page (body class "page")';
  if (regions.heading) {
    const href = $(regions.heading).find('a[href]').first().attr('href');
    if (href && !samePage(href, url)) return 'not an article: the title links to another page (a listing item)';
  }
  if (regions.container && $(regions.container).find('a.more-link, .jump-link, .read-more-link').length > 0) {
    return 'not an article: the body is a teaser with a "read more" link';
  }
  return null;
}

/** `<html><body>` without a query over the whole page (a selector query walks every element). */
function bodyElement($: CheerioAPI): Element | null {
  for (const top of $.root().get(0)?.children ?? []) {
    if (top.type !== 'tag' || (top as Element).name !== 'html') continue;
    for (const child of (top as Element).children) if (child.type === 'tag' && (child as Element).name === 'body') return child as Element;
  }
  return null;
}

function samePage(href: string, url: string): boolean {
  try {
    const a = new URL(href, url);
    const b = new URL(url);
    return bareHost(a.hostname) === bareHost(b.hostname) && a.pathname.replace(/\/+$/, '') === b.pathname.replace(/\/+$/, '');
  } catch {
    return false;
  }
}

/** Labelled byline text printed near the title, outside the body (`Reporter: X | Editor: Y`). */
function bylineZoneTexts($: CheerioAPI, regions: PageRegions): string[] {
  if (!regions.scope) return [];
  const texts: string[] = [];
  $(regions.scope)
    .find('[class*="author"], [class*="byline"], [class*="meta"], [class*="reporter"], [class*="editor"], [class*="penulis"]')
    .each((_, el) => {
      if (isInChrome(el, regions.scope) || insideContainer(el, regions.container)) return;
      const text = normaliseSpace($(el).text());
      if (text && text.length <= 160) texts.push(text);
    });
  return texts;
}

/** Authors the page declares: JSON-LD, `<meta name=author>`, `rel=author` and Blogger's post author. */
function declaredAuthors($: CheerioAPI, structured: StructuredData, regions: PageRegions): string[] {
  const names = [...structured.authors, ...structured.metaAuthors];
  if (regions.scope) {
    $(regions.scope)
      .find('[rel="author"], .author-name, .post-author .fn, [itemprop="author"] [itemprop="name"]')
      .each((_, el) => {
        if (isInChrome(el, regions.scope)) return;
        const text = normaliseSpace($(el).text());
        if (text && text.length <= 60) names.push(text);
      });
  }
  return [...new Set(names)];
}

function insideContainer(el: Element, container: Element | null): boolean {
  for (let node: Element['parent'] = el; node; node = node.parent) if (node === container) return true;
  return false;
}

function pageTags($: CheerioAPI, structured: StructuredData, regions: PageRegions): string[] {
  const tags = [...structured.tags];
  const scopeElement = regions.scope ?? bodyElement($);
  if (!scopeElement) return [...new Set(tags)];
  $(scopeElement).find('a[rel~="tag"], .post-labels a, .tags-links a, .td-tags a').each((_, el) => {
    if (($(el).attr('rel') ?? '').includes('category')) return;
    const text = normaliseSpace($(el).text());
    if (text && text.length <= 60) tags.push(text);
  });
  return [...new Set(tags)];
}

/** The page's canonical link when it points to the same site; otherwise the fetched URL. */
function canonicalUrl(structured: StructuredData, fetchedUrl: string): string {
  const fetched = new URL(fetchedUrl);
  for (const candidate of [structured.canonical, structured.ogUrl]) {
    const resolved = absoluteUrl(candidate, fetchedUrl);
    if (!resolved) continue;
    const url = new URL(resolved);
    if (bareHost(url.hostname) === bareHost(fetched.hostname)) return url.href;
  }
  return fetched.href;
}

function bareHost(host: string): string {
  return host.toLowerCase().replace(/^www\./, '');
}

function absoluteUrl(value: string | null, base: string): string | null {
  if (!value) return null;
  try {
    const url = new URL(value, base);
    return url.protocol === 'http:' || url.protocol === 'https:' ? url.href : null;
  } catch {
    return null;
  }
}

/** `2025-10-14T16:20:00+07:00` */
export function toWibIso(date: Date): string {
  const wib = new Date(date.getTime() + WIB_OFFSET_MINUTES * 60_000);
  return `${wib.toISOString().slice(0, 19)}+07:00`;
}

/** Day, ISO week, month and year of an instant, in WIB. */
export function wibCalendar(date: Date): Pick<ArticleDocument, 'day' | 'week' | 'month' | 'year'> {
  const wib = new Date(date.getTime() + WIB_OFFSET_MINUTES * 60_000);
  const day = wib.toISOString().slice(0, 10);
  // ISO 8601 week: the week with the year's first Thursday is week 1.
  const thursday = new Date(Date.UTC(wib.getUTCFullYear(), wib.getUTCMonth(), wib.getUTCDate()));
  thursday.setUTCDate(thursday.getUTCDate() + 3 - ((thursday.getUTCDay() + 6) % 7));
  const weekYear = thursday.getUTCFullYear();
  const dayOfYear = (thursday.getTime() - Date.UTC(weekYear, 0, 1)) / 86_400_000;
  const week = Math.floor(dayOfYear / 7) + 1;
  return { day, week: `${weekYear}-W${String(week).padStart(2, '0')}`, month: day.slice(0, 7), year: day.slice(0, 4) };
}
