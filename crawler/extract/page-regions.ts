/**
 * Where things are on an article page: the title heading, the body container, the article scope
 * (the smallest element holding both) and the site chrome (header clock, menus, sidebars) to ignore.
 */
import type { CheerioAPI } from 'cheerio/slim';
import type { AnyNode, Element } from 'domhandler';
import type { StructuredData } from './structured-data.ts';
import { foldCase, normaliseSpace } from './text.ts';

export interface PageRegions {
  /** The h1 (or Blogger's h3.post-title) that prints the article title. */
  heading: Element | null;
  /** The element holding the article's paragraphs. */
  container: Element | null;
  /** Smallest element holding heading and container: where bylines and dates are looked for. */
  scope: Element | null;
  /** How many separate body containers of the winning kind the page has (several on listing pages). */
  containerCount: number;
}

/** Body containers of known themes, most specific first. */
const BODY_SELECTORS = [
  '[itemprop="articleBody"]',
  '.td-post-content',
  '.entry-content',
  // AMP plugin reader mode, and the names home-grown Indonesian CMSs give the body (`isi` = contents).
  '.amp-wp-article-content',
  '.isi-berita',
  '.detail-isi',
  '.isi-artikel',
  '.txt-article',
  '.post-body',
  '.post-content',
  '.article-content',
  '.content-article',
  '.article-body',
  '.article__content',
  '.detail-content',
  '.detail__body-text',
  '.read__content',
  '.single-content',
  '.post-entry',
  '.news-content',
  '.story-content',
  '.entry',
  'article',
  '[role="main"]',
  'main',
];

// Class or id tokens of site chrome (`site-header`, `td-header-wrap`, `main-navigation`, `sidebar`), unless
// the token also names the article (`entry-header`, `td-post-header`, `date-header`, `post-footer`).
const CHROME_TOKEN = /(?:^|[-_])(?:header|masthead|sidebar|navbar|nav|navigation|menu|topbar|top-bar|footer|ticker|breaking|logo|branding|copyright)(?:[-_]|$)/i;
const ARTICLE_TOKEN = /(?:^|[-_])(?:entry|post|article|single|date|content|story|detail|title)(?:[-_]|$)/i;
const CHROME_TAGS = new Set(['header', 'nav', 'aside', 'footer']);

const MIN_BODY_CHARS = 150;
const INLINE_TAGS = new Set(['a', 'b', 'strong', 'i', 'em', 'span', 'u', 'font', 'small', 'sup', 'sub']);

export function findPageRegions($: CheerioAPI, structured: Pick<StructuredData, 'headline' | 'ogTitle'>): PageRegions {
  const { container, containerCount } = findBodyContainer($);
  const heading = findTitleHeading($, structured, container);
  let scope: Element | null = null;
  if (heading && container) scope = commonAncestor(heading, container);
  else if (container) scope = ($(container).closest('article').get(0) as Element | undefined) ?? (container.parent as Element | null);
  else if (heading) scope = ($(heading).closest('article').get(0) as Element | undefined) ?? (heading.parent as Element | null);
  return { heading, container, scope, containerCount };
}

/** True when `el` sits in the site's header, menus, sidebars or footer (below `scope`, when given). */
export function isInChrome(el: AnyNode, scope: AnyNode | null = null): boolean {
  for (let node: AnyNode | null = el; node && node !== scope && node.type !== 'root'; node = node.parent) {
    if (node.type === 'tag' && isChromeElement(node as Element)) return true;
  }
  return false;
}

function isChromeElement(el: Element): boolean {
  const tokens = `${el.attribs['class'] ?? ''} ${el.attribs['id'] ?? ''}`.split(/\s+/).filter(Boolean);
  if (tokens.some((t) => ARTICLE_TOKEN.test(t))) return false;
  if (CHROME_TAGS.has(el.name)) {
    // An article's own <header>/<footer> (title, byline, tags) is not site chrome.
    for (let node = el.parent; node && node.type !== 'root'; node = node.parent) {
      if (node.type === 'tag' && (node as Element).name === 'article') return false;
    }
    return true;
  }
  return tokens.some((t) => CHROME_TOKEN.test(t));
}

/** `.class`, `[attr="value"]` or `tag`: the only selector forms BODY_SELECTORS uses, matched without a query per selector. */
type SimpleSelector = { kind: 'class'; value: string } | { kind: 'attr'; name: string; value: string } | { kind: 'tag'; value: string };

const SIMPLE_BODY_SELECTORS: SimpleSelector[] = BODY_SELECTORS.map((selector) => {
  if (selector.startsWith('.')) return { kind: 'class', value: selector.slice(1) };
  const attr = /^\[([\w-]+)="([^"]+)"\]$/.exec(selector);
  if (attr) return { kind: 'attr', name: attr[1]!, value: attr[2]! };
  if (/^[a-z]+$/.test(selector)) return { kind: 'tag', value: selector };
  throw new Error(`expected a simple body selector (.class, [attr="value"] or tag), received "${selector}"`);
});

/** Whether a class attribute holds `token` as a whole class name (no allocation: this runs on every element). */
function hasClassToken(classAttr: string, token: string): boolean {
  let from = 0;
  for (;;) {
    const at = classAttr.indexOf(token, from);
    if (at < 0) return false;
    const end = at + token.length;
    const before = at === 0 || isSpace(classAttr.charCodeAt(at - 1));
    const after = end === classAttr.length || isSpace(classAttr.charCodeAt(end));
    if (before && after) return true;
    from = at + 1;
  }
}

function isSpace(code: number): boolean {
  return code === 32 || code === 9 || code === 10 || code === 13 || code === 12;
}

/** Every element matching each body selector, in document order, from one walk of the page (not one query per selector). */
function bodyCandidates($: CheerioAPI): Element[][] {
  const buckets: Element[][] = SIMPLE_BODY_SELECTORS.map(() => []);
  const stack: AnyNode[] = [...($.root().get(0) as unknown as { children: AnyNode[] }).children].reverse();
  while (stack.length > 0) {
    const node = stack.pop()!;
    if (node.type !== 'tag') continue;
    const el = node as Element;
    if (el.name === 'script' || el.name === 'style' || el.name === 'head') continue;
    const classAttr = el.attribs['class'];
    for (let index = 0; index < SIMPLE_BODY_SELECTORS.length; index++) {
      const selector = SIMPLE_BODY_SELECTORS[index]!;
      const hit =
        selector.kind === 'class'
          ? classAttr !== undefined && hasClassToken(classAttr, selector.value)
          : selector.kind === 'tag'
            ? el.name === selector.value
            : el.attribs[selector.name] === selector.value;
      if (hit) buckets[index]!.push(el);
    }
    for (let c = el.children.length - 1; c >= 0; c--) stack.push(el.children[c]!);
  }
  return buckets;
}

function findBodyContainer($: CheerioAPI): { container: Element | null; containerCount: number } {
  const buckets = bodyCandidates($);
  for (const candidates of buckets) {
    let best: Element | null = null;
    let bestChars = 0;
    let substantial = 0;
    for (const el of candidates) {
      if (isInChrome(el)) continue;
      const chars = paragraphChars($, el);
      if (chars >= MIN_BODY_CHARS) substantial += 1;
      if (chars > bestChars) {
        best = el;
        bestChars = chars;
      }
    }
    if (best && bestChars >= MIN_BODY_CHARS) return { container: best, containerCount: substantial };
  }
  return { container: densestBlock($), containerCount: 1 };
}

/** Text in paragraphs (or in the element itself when it has no `<p>`, as Blogger posts often have none). */
function paragraphChars($: CheerioAPI, el: Element): number {
  const paragraphs = $(el).find('p');
  if (paragraphs.length === 0) return normaliseSpace($(el).text()).length;
  let chars = 0;
  for (const p of paragraphs.toArray()) chars += normaliseSpace($(p).text()).length;
  return chars;
}

/**
 * Fallback for unknown themes: the element whose own paragraphs hold the most text. A paragraph is a
 * `<p>`, or a run of text directly inside a `<div>`/`<td>` between `<br>`s (home-grown CMSs).
 */
function densestBlock($: CheerioAPI): Element | null {
  const scores = new Map<Element, number>();
  for (const p of $('body p').toArray()) {
    const parent = p.parent;
    if (!parent || parent.type !== 'tag' || isInChrome(p)) continue;
    const chars = normaliseSpace($(p).text()).length;
    if (chars < 40) continue;
    scores.set(parent, (scores.get(parent) ?? 0) + chars);
  }
  for (const br of $('body br').toArray()) {
    const parent = br.parent;
    if (!parent || parent.type !== 'tag' || scores.has(parent as Element) || isInChrome(br)) continue;
    let chars = 0;
    for (const child of (parent as Element).children) {
      if (child.type === 'text') chars += normaliseSpace(child.data).length;
      else if (child.type === 'tag' && INLINE_TAGS.has((child as Element).name)) chars += normaliseSpace($(child).text()).length;
    }
    scores.set(parent as Element, chars);
  }
  let best: Element | null = null;
  let bestScore = 0;
  for (const [el, score] of scores) {
    if (score > bestScore) {
      best = el;
      bestScore = score;
    }
  }
  return bestScore >= MIN_BODY_CHARS ? best : null;
}

const HEADING_FALLBACK_SELECTOR = '.entry-title, .post-title, [itemprop="headline"], .td-post-title, .article-title';

function findTitleHeading($: CheerioAPI, structured: Pick<StructuredData, 'headline' | 'ogTitle'>, container: Element | null): Element | null {
  const wanted = [structured.headline, structured.ogTitle].filter((t): t is string => !!t).map(foldTitle);
  const pick = (selector: string): Element | null => {
    const candidates = ($(selector).toArray() as Element[]).filter((el) => {
      if (container && $(el).closest(container as never).length > 0) return false;
      const text = normaliseSpace($(el).text());
      return text.length >= 5 && !isInChrome(el);
    });
    if (candidates.length === 0) return null;
    const matching = candidates.find((el) => {
      const text = foldTitle($(el).text());
      return wanted.some((w) => w.startsWith(text) || text.startsWith(w));
    });
    if (matching) return matching;
    const titled = candidates.find((el) => /title|headline/i.test(el.attribs['class'] ?? ''));
    return titled ?? candidates[0]!;
  };
  return pick('h1') ?? pick(HEADING_FALLBACK_SELECTOR) ?? pick('h2');
}

function foldTitle(text: string): string {
  return foldCase(normaliseSpace(text)).replace(/[^\p{L}\p{N}]+/gu, ' ').trim();
}

function commonAncestor(a: Element, b: Element): Element | null {
  const ancestors = new Set<AnyNode>();
  for (let node: AnyNode | null = a; node; node = node.parent) ancestors.add(node);
  for (let node: AnyNode | null = b; node; node = node.parent) {
    if (ancestors.has(node)) return node.type === 'tag' ? (node as Element) : null;
  }
  return null;
}
