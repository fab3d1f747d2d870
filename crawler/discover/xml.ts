/**
 * The one XML reading setup for sitemaps and feeds: validate first (fast-xml-parser parses broken input
 * without complaint), then parse with namespace prefixes removed so `news:title` and `dc:date` read as
 * `title` and `date` whatever prefix a site picked.
 */
import { XMLParser, XMLValidator } from 'fast-xml-parser';
import { NonRetryableFetchError } from '../errors.ts';

export type XmlNode = Record<string, unknown>;

const ALWAYS_LISTS = new Set([
  'urlset.url',
  'sitemapindex.sitemap',
  'rss.channel.item',
  'RDF.item',
  'feed.entry',
  'feed.entry.link',
]);

const parser = new XMLParser({
  ignoreAttributes: false,
  attributeNamePrefix: '@_',
  removeNSPrefix: true,
  parseTagValue: false,
  parseAttributeValue: false,
  htmlEntities: true,
  isArray: (_name, jpath) => ALWAYS_LISTS.has(String(jpath)),
});

/**
 * Parses `xml` into plain objects, or throws a NonRetryableFetchError (reason `invalid-content`) that names the
 * document, what was expected and where the XML broke.
 */
export function parseXml(xml: string, url: string, expected: string): XmlNode {
  // Whitespace before the XML declaration is invalid, yet common (WordPress plugins echo blank lines).
  const text = xml.replace(/^[\s\uFEFF]+/, '');
  if (text === '') {
    throw new NonRetryableFetchError(`Expected ${expected} at ${url}, received an empty document`, { url, reason: 'invalid-content' });
  }
  const validation = XMLValidator.validate(text);
  if (validation !== true) {
    const { msg, line, col } = validation.err;
    throw new NonRetryableFetchError(
      `Expected ${expected} at ${url}, received malformed XML: ${msg} (line ${line}, column ${col})`,
      { url, reason: 'invalid-content' },
    );
  }
  return parser.parse(text) as XmlNode;
}

/** Text content of a parsed element: plain text, CDATA, or the `#text` of an element with attributes. */
export function textOf(value: unknown): string | undefined {
  if (Array.isArray(value)) return textOf(value[0]);
  if (typeof value === 'string') return value.trim() || undefined;
  if (typeof value === 'number' || typeof value === 'boolean') return String(value);
  if (value && typeof value === 'object' && '#text' in value) return textOf((value as XmlNode)['#text']);
  return undefined;
}

export function asList(value: unknown): unknown[] {
  if (value === undefined || value === null) return [];
  return Array.isArray(value) ? value : [value];
}

export function asNode(value: unknown): XmlNode | undefined {
  return value && typeof value === 'object' && !Array.isArray(value) ? (value as XmlNode) : undefined;
}

/** Name of the document's root element (after the XML declaration and processing instructions). */
export function rootName(document: XmlNode): string | undefined {
  return Object.keys(document).find((key) => !key.startsWith('?') && !key.startsWith('#'));
}

/** Drops undefined fields so results compare and serialise cleanly. */
export function withDefined<T extends object>(value: T): T {
  return Object.fromEntries(Object.entries(value).filter(([, field]) => field !== undefined)) as T;
}
