import type { SourceDefinition } from './types.ts';

/**
 * TangerangNews.com, Kota Tangerang: a custom PHP CMS (windows-1252 pages declared `iso-8859-1` in a meta
 * tag), articles at `/<section>/read/<id>/<Slug>`; the dateline names only the outlet (`TANGERANGNEWS.com-`),
 * the byline `Reporter: A | Editor: B` sits above the body.
 */
export const tangerangnews: SourceDefinition = {
  id: 'tangerangnews',
  name: 'TangerangNews.com',
  origin: 'https://www.tangerangnews.com',
  homeCity: 'Kota Tangerang',
  sitemaps: ['https://www.tangerangnews.com/sitemap.xml'],
  feeds: [],
  listings: ['https://www.tangerangnews.com/'],
  articlePathPattern: /^\/[a-z-]+\/read\/\d+\/[A-Za-z0-9-]+$/,
  datelineNames: ['TangerangNews', 'TangerangNews.com', 'TANGERANGNEWS.com'],
};
