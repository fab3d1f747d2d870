/**
 * What the page declares about itself: JSON-LD (Yoast, Rank Math, Blogger and hand-written blocks),
 * OpenGraph and `article:*` meta, `<meta name=author>`, the canonical link.
 */
import type { CheerioAPI } from 'cheerio/slim';
import type { AnyNode, Element } from 'domhandler';
import { normaliseSpace } from './text.ts';

export interface StructuredData {
  /** JSON-LD `headline` (or `name`) of the article node. */
  headline: string | null;
  ogTitle: string | null;
  /** `<title>` text. */
  documentTitle: string | null;
  description: string | null;
  /** JSON-LD `datePublished` of the article node (or of the WebPage node when the article has none). */
  datePublished: string | null;
  dateModified: string | null;
  /** `article:published_time` and equivalents in `<meta>`. */
  metaPublishedTime: string | null;
  metaModifiedTime: string | null;
  /** JSON-LD author names, `@id` references resolved. */
  authors: string[];
  /** `<meta name=author>`, `article:author` (when not a URL), `dc.creator`. */
  metaAuthors: string[];
  canonical: string | null;
  ogUrl: string | null;
  ogType: string | null;
  siteName: string | null;
  image: string | null;
  section: string | null;
  tags: string[];
  /** Whether any JSON-LD node is an article type (NewsArticle, Article, BlogPosting, ...). */
  hasArticleNode: boolean;
  /** Every JSON-LD `@type` seen, e.g. `CollectionPage` on listing pages. */
  types: string[];
}

type JsonObject = Record<string, unknown>;

const ARTICLE_TYPES = new Set([
  'Article',
  'NewsArticle',
  'BlogPosting',
  'ReportageNews',
  'AnalysisNewsArticle',
  'OpinionNewsArticle',
  'BackgroundNewsArticle',
  'ReviewNewsArticle',
  'LiveBlogPosting',
  'Report',
  'ScholarlyArticle',
  'TechArticle',
  'SocialMediaPosting',
]);

export function extractStructuredData($: CheerioAPI): StructuredData {
  // One walk over the document collects what several selector queries would (each query walks the whole
  // page again): JSON-LD scripts, <meta content>, the canonical link and the <title>.
  const { jsonLdScripts, metaElements, canonicalHref, titleText } = walkDocument($);
  const nodes: JsonObject[] = [];
  for (const el of jsonLdScripts) {
    const parsed = parseJsonLenient(textOf(el));
    if (parsed !== undefined) collectNodes(parsed, nodes);
  }
  const byId = new Map<string, JsonObject>();
  for (const node of nodes) {
    const id = node['@id'];
    // References (`{ "@id": ... }` alone) must not shadow the node they point to.
    if (typeof id === 'string' && Object.keys(node).length > 1 && !byId.has(id)) byId.set(id, node);
  }
  const types = [...new Set(nodes.flatMap(typesOf))];
  const article = nodes.find((n) => typesOf(n).some((t) => ARTICLE_TYPES.has(t))) ?? null;
  const webPage = nodes.find((n) => typesOf(n).some((t) => t === 'WebPage' || t === 'ItemPage')) ?? null;

  // One pass over <meta> instead of one selector query per key: this runs on every crawled page.
  const metaValues = new Map<string, string[]>();
  for (const el of metaElements) {
    const value = normaliseSpace(el.attribs['content'] ?? '');
    if (!value) continue;
    for (const attr of ['property', 'name', 'itemprop']) {
      const key = el.attribs[attr]?.toLowerCase();
      if (!key) continue;
      const list = metaValues.get(key);
      if (list) list.push(value);
      else metaValues.set(key, [value]);
    }
  }
  const meta = (...keys: string[]): string | null => {
    for (const key of keys) {
      const value = metaValues.get(key)?.[0];
      if (value) return value;
    }
    return null;
  };
  const metaAll = (...keys: string[]): string[] => keys.flatMap((key) => metaValues.get(key) ?? []);

  const metaAuthors = metaAll('author', 'article:author', 'dc.creator', 'parsely-author', 'sailthru.author')
    .filter((a) => !/^https?:\/\//i.test(a))
    .flatMap((a) => a.split(/\s*[,;]\s*/))
    .filter(Boolean);

  const keywords = article ? article['keywords'] : undefined;
  const jsonTags = Array.isArray(keywords)
    ? keywords.filter((k): k is string => typeof k === 'string')
    : typeof keywords === 'string'
      ? keywords.split(',')
      : [];
  const tags = [...new Set([...metaAll('article:tag'), ...jsonTags].map(normaliseSpace).filter(Boolean))];

  // Rank Math prints every category in one string (`Kesehatan, Banten`): the first is the primary one.
  const section = (article ? firstString(article['articleSection']) : null)?.split(',')[0]?.trim() || null;

  return {
    headline: article ? (firstString(article['headline']) ?? firstString(article['name'])) : null,
    ogTitle: meta('og:title', 'twitter:title'),
    documentTitle: normaliseSpace(titleText) || null,
    description: meta('og:description', 'description', 'twitter:description'),
    datePublished: (article && firstString(article['datePublished'])) ?? (webPage && firstString(webPage['datePublished'])) ?? null,
    dateModified: (article && firstString(article['dateModified'])) ?? (webPage && firstString(webPage['dateModified'])) ?? null,
    metaPublishedTime: meta('article:published_time', 'og:published_time', 'datePublished', 'pubdate', 'publishdate', 'publish-date', 'dc.date.issued', 'dc.date'),
    metaModifiedTime: meta('article:modified_time', 'og:updated_time', 'dateModified'),
    authors: article ? authorNames(article['author'], byId) : [],
    metaAuthors: [...new Set(metaAuthors)],
    canonical: canonicalHref ? canonicalHref.trim() : null,
    ogUrl: meta('og:url'),
    ogType: meta('og:type'),
    siteName: meta('og:site_name') ?? (article ? publisherName(article['publisher'], byId) : null),
    image: meta('og:image', 'twitter:image') ?? (article ? imageUrl(article['image'], byId) : null),
    section: section ?? meta('article:section'),
    tags,
    hasArticleNode: article !== null,
    types,
  };
}

interface DocumentParts {
  jsonLdScripts: Element[];
  metaElements: Element[];
  canonicalHref: string | undefined;
  titleText: string;
}

function walkDocument($: CheerioAPI): DocumentParts {
  const parts: DocumentParts = { jsonLdScripts: [], metaElements: [], canonicalHref: undefined, titleText: '' };
  let titleFound = false;
  const stack: AnyNode[] = [...($.root().get(0) as unknown as { children: AnyNode[] }).children].reverse();
  while (stack.length > 0) {
    const node = stack.pop()!;
    if (node.type !== 'tag' && node.type !== 'script' && node.type !== 'style') continue;
    const el = node as Element;
    const name = el.name;
    if (name === 'script') {
      if ((el.attribs['type'] ?? '').trim().toLowerCase() === 'application/ld+json') parts.jsonLdScripts.push(el);
      continue;
    }
    if (name === 'style') continue;
    if (name === 'meta') {
      if (el.attribs['content'] !== undefined) parts.metaElements.push(el);
      continue;
    }
    if (name === 'link') {
      if (parts.canonicalHref === undefined && (el.attribs['rel'] ?? '').trim().toLowerCase() === 'canonical') parts.canonicalHref = el.attribs['href'];
      continue;
    }
    if (name === 'title' && !titleFound) {
      titleFound = true;
      parts.titleText = textOf(el);
      continue;
    }
    // <svg><title> and the like are not the document title, and bodies hold no more head elements than scripts.
    if (name === 'svg') continue;
    for (let c = el.children.length - 1; c >= 0; c--) stack.push(el.children[c]!);
  }
  return parts;
}

function textOf(el: Element): string {
  let text = '';
  for (const child of el.children) if (child.type === 'text') text += child.data;
  return text;
}

/**
 * JSON-LD as sites print it: raw newlines and tabs inside strings, trailing commas, HTML comments or
 * CDATA wrappers. Returns undefined when even the repaired text is not JSON.
 */
export function parseJsonLenient(text: string): unknown {
  const trimmed = text.trim();
  if (!trimmed) return undefined;
  try {
    return JSON.parse(trimmed);
  } catch {
    // fall through to the repairs below
  }
  const repaired = trimmed
    .replace(/^\s*(?:<!--|\/\/\s*<!\[CDATA\[|<!\[CDATA\[)/, '')
    .replace(/(?:-->|\/\/\s*\]\]>|\]\]>)\s*$/, '')
    // eslint-disable-next-line no-control-regex -- raw control characters inside strings are the usual breakage
    .replace(/[\u0000-\u001f]+/g, ' ')
    .replace(/,\s*([}\]])/g, '$1')
    .trim();
  try {
    return JSON.parse(repaired);
  } catch {
    return undefined;
  }
}

function collectNodes(value: unknown, into: JsonObject[], depth = 0): void {
  if (depth > 8 || value === null || typeof value !== 'object') return;
  if (Array.isArray(value)) {
    for (const item of value) collectNodes(item, into, depth + 1);
    return;
  }
  const node = value as JsonObject;
  if ('@type' in node || '@id' in node) into.push(node);
  if (Array.isArray(node['@graph'])) collectNodes(node['@graph'], into, depth + 1);
  // Nested nodes (an Article inside a WebPage's mainEntity) are nodes too.
  for (const [key, child] of Object.entries(node)) {
    if (key !== '@graph' && child !== null && typeof child === 'object') collectNodes(child, into, depth + 1);
  }
}

function typesOf(node: JsonObject): string[] {
  const type = node['@type'];
  if (typeof type === 'string') return [type];
  if (Array.isArray(type)) return type.filter((t): t is string => typeof t === 'string');
  return [];
}

function firstString(value: unknown): string | null {
  if (typeof value === 'string') return normaliseSpace(value) || null;
  if (Array.isArray(value)) {
    for (const item of value) {
      const s = firstString(item);
      if (s) return s;
    }
  }
  return null;
}

function resolve(value: unknown, byId: Map<string, JsonObject>): unknown {
  if (value && typeof value === 'object' && !Array.isArray(value)) {
    const node = value as JsonObject;
    const id = node['@id'];
    if (typeof id === 'string' && !('name' in node) && byId.has(id)) return byId.get(id);
  }
  return value;
}

function authorNames(value: unknown, byId: Map<string, JsonObject>): string[] {
  const items = Array.isArray(value) ? value : value === undefined || value === null ? [] : [value];
  const names: string[] = [];
  for (const item of items) {
    const resolved = resolve(item, byId);
    if (typeof resolved === 'string') {
      if (!/^https?:\/\//i.test(resolved)) names.push(normaliseSpace(resolved));
    } else if (resolved && typeof resolved === 'object') {
      const name = firstString((resolved as JsonObject)['name']);
      if (name) names.push(name);
    }
  }
  return [...new Set(names.filter(Boolean))];
}

function publisherName(value: unknown, byId: Map<string, JsonObject>): string | null {
  const resolved = resolve(Array.isArray(value) ? value[0] : value, byId);
  if (resolved && typeof resolved === 'object') return firstString((resolved as JsonObject)['name']);
  return null;
}

function imageUrl(value: unknown, byId: Map<string, JsonObject>): string | null {
  const resolved = resolve(Array.isArray(value) ? value[0] : value, byId);
  if (typeof resolved === 'string') return resolved;
  if (resolved && typeof resolved === 'object') {
    const node = resolved as JsonObject;
    return firstString(node['url']) ?? firstString(node['contentUrl']);
  }
  return null;
}
