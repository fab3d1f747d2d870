/**
 * The pages the evaluation runs on: every gold article of a set rendered by the fixture generator (plus
 * the AMP copy when the article has one), as the bytes a crawler would receive, padded with realistic
 * site chrome to the size of real Indonesian news pages (~150 KB: inline CSS, tracking and ad scripts, a
 * mega menu, "Berita Terkini" lists). Node-only.
 */
import iconv from 'iconv-lite';
import { renderSites } from '../tests/fixtures/build-sites.ts';
import type { GoldArticle } from '../tests/fixtures/gold.ts';
import { decodeBody } from '../crawler/decode-body.ts';

export interface EvalPage {
  gold: GoldArticle;
  /** The address the page was fetched from (the AMP address for AMP copies). */
  url: string;
  kind: 'page' | 'amp';
  /** Decoded HTML, as crawler/fetch-page.ts would hand it to the extractor. */
  html: string;
  bytes: number;
}

export const TARGET_PAGE_BYTES = 150_000;

/** Renders the sites of `gold` in memory and returns one page per article (and per AMP copy). */
export function evalPages(gold: GoldArticle[], options: { padToBytes?: number } = {}): EvalPage[] {
  const sites = renderSites(gold);
  const pages: EvalPage[] = [];
  for (const article of gold) {
    const files = sites.get(article.host);
    if (!files) throw new Error(`expected a rendered site for ${article.host}, found none`);
    const manifest = JSON.parse(files.get('_site.json') ?? '{}') as { routes?: Record<string, string>; encoding?: string; contentTypes?: Record<string, string> };
    const targets: Array<[string, EvalPage['kind']]> = [[article.url, 'page']];
    if (article.render.amp) targets.push([`${article.url}amp/`, 'amp']);
    for (const [url, kind] of targets) {
      const path = new URL(url).pathname;
      const file = manifest.routes?.[path] ?? (path.endsWith('/') ? `${path.slice(1)}index.html` : path.slice(1));
      const stored = files.get(file);
      if (stored === undefined) throw new Error(`expected the page ${file} for ${url}, found none`);
      const text = options.padToBytes ? padWithChrome(stored, options.padToBytes, url) : stored;
      // Old CMSs send windows-1252 bytes with the charset only in a <meta>: decode as the fetcher does.
      const bytes = manifest.encoding ? iconv.encode(text, manifest.encoding) : Buffer.from(text, 'utf8');
      const contentType = manifest.contentTypes?.['.html'] ?? 'text/html; charset=UTF-8';
      pages.push({ gold: article, url, kind, html: decodeBody(new Uint8Array(bytes), contentType).text, bytes: bytes.length });
    }
  }
  return pages;
}

const MONTHS = ['Januari', 'Februari', 'Maret', 'April', 'Mei', 'Juni', 'Juli', 'Agustus', 'September', 'Oktober', 'November', 'Desember'];
const WORDS = ['pemkot', 'warga', 'banjir', 'jalan', 'pasar', 'sekolah', 'polisi', 'dprd', 'bupati', 'festival', 'harga', 'pelabuhan', 'tol', 'buruh', 'sampah', 'wisata'];

/** Adds chrome to reach `targetBytes`: the kind of bulk real pages carry, none of it article content. */
export function padWithChrome(html: string, targetBytes: number, seedText: string): string {
  let seed = 0;
  for (const char of seedText) seed = (Math.imul(seed, 31) + char.charCodeAt(0)) >>> 0;
  const next = (n: number): number => {
    seed = (Math.imul(seed, 1103515245) + 12345) >>> 0;
    return seed % n;
  };
  const missing = targetBytes - Buffer.byteLength(html, 'utf8');
  if (missing <= 0) return html;
  const css: string[] = [];
  const script: string[] = [];
  const menu: string[] = [];
  const latest: string[] = [];
  let size = 0;
  for (let i = 0; size < missing; i++) {
    const word = WORDS[next(WORDS.length)]!;
    const part = i % 4;
    let chunk: string;
    if (part === 0) chunk = `.td-block-${i} .${word}-item-${next(999)}{margin:${next(30)}px ${next(30)}px;padding:0 ${next(20)}px;color:#${next(0xffffff).toString(16).padStart(6, '0')};font:400 ${12 + next(8)}px/1.5 "Open Sans",sans-serif}\n`;
    else if (part === 1) chunk = `{"id":${10000 + i},"slot":"div-gpt-ad-${next(1e9)}-${i}","sizes":[[300,250],[728,90]],"targeting":{"kanal":"${word}","pos":"${next(9)}"}},\n`;
    else if (part === 2) chunk = `<li class="menu-item menu-item-${i}"><a href="/kanal/${word}/${i}/">${word.toUpperCase()} ${i}</a><ul class="sub-menu"><li><a href="/tag/${word}-${next(500)}/">#${word}${next(500)}</a></li></ul></li>\n`;
    else chunk = `<li class="terkini-item"><a href="/berita/${word}-${i}/">Update ${word} hari ini nomor ${i}</a><span class="terkini-date">${1 + next(28)} ${MONTHS[next(12)]} 202${4 + next(3)} ${String(next(24)).padStart(2, '0')}:${String(next(60)).padStart(2, '0')} WIB</span></li>\n`;
    [css, script, menu, latest][part]!.push(chunk);
    size += chunk.length;
  }
  const headBulk = `<style id="theme-inline-css">${css.join('')}</style>\n<script id="ad-config">window.__ADS__=[${script.join('')}{}];</script>\n`;
  const bodyBulk = `<div id="mega-footer" class="site-footer-mega footer-links"><ul class="footer-menu">${menu.join('')}</ul><div class="footer-widget widget-terkini"><h3>Berita Terkini</h3><ul>${latest.join('')}</ul></div></div>\n`;
  return html.replace(/<\/head>/i, `${headBulk}</head>`).replace(/<\/body>(?![\s\S]*<\/body>)/i, `${bodyBulk}</body>`);
}
