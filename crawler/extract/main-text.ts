/**
 * The article's paragraphs: the body container's text without scripts, ads, share bars, "Baca juga"
 * links, related posts, tags and comment forms; image captions kept apart.
 */
import type { CheerioAPI } from 'cheerio/slim';
import type { AnyNode, Element } from 'domhandler';
import { normaliseSpace } from './text.ts';

export interface MainText {
  /** Body paragraphs in reading order, whitespace normalised. Bylines are still in (see byline.ts). */
  paragraphs: string[];
  /** Image captions, which are not body. */
  captions: string[];
}

// `ket-foto` / `keterangan` ("photo caption") are how Indonesian CMSs name it.
const CAPTION_SELECTOR = 'figcaption, .wp-caption-text, .tr-caption, .td-caption, .caption, [class*="caption-text"], .ket-foto, [class*="keterangan-foto"]';

const BOILERPLATE_SELECTOR = [
  'script',
  'style',
  'noscript',
  'template',
  'iframe',
  'object',
  'embed',
  'form',
  'button',
  'input',
  'select',
  'textarea',
  'svg',
  'canvas',
  'ins',
  'nav',
  'aside',
  'figure',
  'img',
  'video',
  'audio',
  '.tr-caption-container',
  '.adsbygoogle',
  '[class*="advert"]',
  '[id*="advert"]',
  '[class^="ads"]',
  '[class*=" ads"]',
  '[class*="-ads"]',
  '[class*="_ads"]',
  '[id^="ads"]',
  '[id*="div-gpt"]',
  '[class*="td-a-rec"]',
  '[class*="code-block"]',
  '[class*="share"]',
  '[class*="sharing"]',
  '[class*="social"]',
  '[class*="related"]',
  '[id*="related"]',
  '[class*="baca-juga"]',
  '[class*="bacajuga"]',
  '[class*="read-also"]',
  '[class*="post-tags"]',
  '[class*="tag-links"]',
  '[class*="tags-links"]',
  '[class*="td-tags"]',
  '[class*="entry-tags"]',
  '[id*="comment"]',
  '[class*="comment"]',
  '[class*="author-box"]',
  '[class*="author-bio"]',
  '[class*="about-author"]',
  '[class*="breadcrumb"]',
  '[class*="pagination"]',
  '[class*="newsletter"]',
  '[class*="subscribe"]',
  '[hidden]',
  '[style*="display:none"]',
  '[style*="display: none"]',
].join(', ');

const BLOCK_TAGS = new Set([
  'p', 'div', 'section', 'article', 'main', 'header', 'footer', 'h1', 'h2', 'h3', 'h4', 'h5', 'h6', 'ul', 'ol',
  'li', 'dl', 'dt', 'dd', 'blockquote', 'pre', 'table', 'thead', 'tbody', 'tr', 'td', 'th', 'hr', 'center',
  'address', 'details', 'summary', 'figure', 'figcaption',
]);

/** "Baca juga: ...", "BACA JUGA :", "Simak juga", "Lihat juga" and the like: links to other stories. */
const READ_ALSO = /^(?:baca|simak|lihat|klik|tonton)\s+(?:juga|pula|selengkapnya|berita)\b/i;
const NOISE_LINE =
  /^(?:advertisement|iklan|scroll to continue(?: with content)?|share(?: this)?:?|bagikan:?|like this:?|tags?\s*:.*|topik\s*:.*|sumber foto\s*:.*|foto\s*:.*)$/i;
/** Calls to follow the outlet on a channel, printed inside many bodies. */
const CHANNEL_PROMO = /\b(?:google news|grup telegram|channel telegram|whatsapp channel|saluran whatsapp|ikuti (?:kami|berita)|follow (?:kami|us))\b/i;

interface Block {
  text: string;
  linkChars: number;
}

/** Reads the paragraphs of `container` without modifying the page (it works on a copy). */
export function extractMainText($: CheerioAPI, container: Element): MainText {
  const copy = $(container).clone();
  const captions: string[] = [];
  copy.find(CAPTION_SELECTOR).each((_, el) => {
    const text = normaliseSpace($(el).text());
    if (text) captions.push(text);
  });
  copy.find(CAPTION_SELECTOR).remove();
  copy.find(BOILERPLATE_SELECTOR).remove();

  const blocks: Block[] = [];
  let current = '';
  let currentLinkChars = 0;
  const flush = (): void => {
    const text = normaliseSpace(current);
    if (text) blocks.push({ text, linkChars: Math.min(currentLinkChars, text.length) });
    current = '';
    currentLinkChars = 0;
  };
  const walk = (node: AnyNode, inLink: boolean): void => {
    if (node.type === 'text') {
      current += node.data;
      if (inLink) currentLinkChars += normaliseSpace(node.data).length;
      return;
    }
    if (node.type !== 'tag') return;
    const el = node as Element;
    if (el.name === 'br') {
      // Blogger and older WordPress posts separate paragraphs with <br> only.
      flush();
      return;
    }
    const block = BLOCK_TAGS.has(el.name);
    if (block) flush();
    const link = inLink || el.name === 'a';
    for (const child of el.children) walk(child, link);
    if (block) flush();
  };
  for (const el of copy.toArray()) for (const child of el.children) walk(child, false);
  flush();

  const paragraphs = blocks.filter((b) => !isBoilerplateBlock(b)).map((b) => b.text);
  return { paragraphs, captions };
}

function isBoilerplateBlock(block: Block): boolean {
  const { text } = block;
  if (READ_ALSO.test(text)) return true;
  if (NOISE_LINE.test(text)) return true;
  if (text.length < 300 && CHANNEL_PROMO.test(text)) return true;
  // A short line that is all link is a "related story" link, not prose.
  if (text.length < 200 && block.linkChars >= text.length * 0.8) return true;
  return false;
}

/**
 * Captions of the article's images: those inside the body plus the featured image's, which themes
 * print between the title and the body (inside `scope`, the smallest element holding both).
 */
export function extractCaptions($: CheerioAPI, scope: Element | null, bodyCaptions: readonly string[]): string[] {
  const captions = new Set(bodyCaptions);
  if (scope) {
    $(scope)
      .find(CAPTION_SELECTOR)
      .each((_, el) => {
        const text = normaliseSpace($(el).text());
        if (text) captions.add(text);
      });
  }
  return [...captions];
}
