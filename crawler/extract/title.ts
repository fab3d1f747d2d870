/** The article title: the heading printed on the page, else the declared headline without the site name. */
import type { CheerioAPI } from 'cheerio/slim';
import type { Element } from 'domhandler';
import type { StructuredData } from './structured-data.ts';
import { foldCase, normaliseSpace } from './text.ts';

export function extractTitle($: CheerioAPI, structured: StructuredData, heading: Element | null, siteNames: string[]): string | null {
  const printed = heading ? normaliseSpace($(heading).text()) : '';
  if (printed.length >= 5) return printed;
  for (const candidate of [structured.headline, structured.ogTitle, structured.documentTitle]) {
    if (!candidate) continue;
    const title = stripSiteName(candidate, [...siteNames, structured.siteName ?? '']);
    if (title.length >= 5) return title;
  }
  return null;
}

/** `Judul Berita - Beritain.co.id` and `Beritain.co.id | Judul Berita` -> `Judul Berita`. */
export function stripSiteName(title: string, siteNames: string[]): string {
  const names = siteNames.map((n) => foldCase(n).replace(/[^a-z0-9]+/g, '')).filter((n) => n.length >= 3);
  const parts = normaliseSpace(title).split(/\s+[|–—-]\s+/);
  const kept = parts.filter((part) => {
    const folded = foldCase(part).replace(/[^a-z0-9]+/g, '');
    return !names.some((n) => folded === n || folded.startsWith(n) || n.startsWith(folded));
  });
  return (kept.length > 0 ? kept : parts).join(' - ');
}
