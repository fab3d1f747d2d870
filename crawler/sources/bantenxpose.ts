import type { SourceDefinition } from './types.ts';

/** BantenXpose, Serang: a Blogger site (`/YYYY/MM/slug.html`), Atom feed; dateline `SERANG, BX -`. */
export const bantenxpose: SourceDefinition = {
  id: 'bantenxpose',
  name: 'BantenXpose',
  origin: 'https://www.bantenxpose.com',
  homeCity: 'Kota Serang',
  sitemaps: ['https://www.bantenxpose.com/sitemap.xml'],
  feeds: ['https://www.bantenxpose.com/feeds/posts/default'],
  listings: ['https://www.bantenxpose.com/'],
  articlePathPattern: /^\/\d{4}\/\d{2}\/[a-z0-9-]+\.html$/,
  datelineNames: ['BX', 'BantenXpose'],
};
