import type { SourceDefinition } from './types.ts';

/** Beritain.co.id, Cilegon: WordPress with Yoast SEO; dateline `Cilegon, (Beritain.co.id) –`, byline `(Sari/Red)`. */
export const beritain: SourceDefinition = {
  id: 'beritain',
  name: 'Beritain.co.id',
  origin: 'https://beritain.co.id',
  homeCity: 'Kota Cilegon',
  sitemaps: ['https://beritain.co.id/sitemap_index.xml'],
  feeds: ['https://beritain.co.id/feed/'],
  listings: ['https://beritain.co.id/'],
  articlePathPattern: /^\/\d{4}\/\d{2}\/\d{2}\/[a-z0-9-]+\/?$/,
  excludePathPattern: /^\/(?:tag|category|author|page|wp-)/,
  datelineNames: ['Beritain.co.id', 'Beritain'],
};
