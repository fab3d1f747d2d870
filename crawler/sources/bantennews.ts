import type { SourceDefinition } from './types.ts';

/** BantenNews.co.id, Serang: WordPress with Rank Math and a Google-News sitemap; `Reporter: X | Editor: Y`. */
export const bantennews: SourceDefinition = {
  id: 'bantennews',
  name: 'BantenNews.co.id',
  origin: 'https://www.bantennews.co.id',
  homeCity: 'Kota Serang',
  sitemaps: ['https://www.bantennews.co.id/sitemap_index.xml', 'https://www.bantennews.co.id/news-sitemap.xml'],
  feeds: ['https://www.bantennews.co.id/feed/'],
  listings: ['https://www.bantennews.co.id/'],
  articlePathPattern: /^\/[a-z0-9]+(?:-[a-z0-9]+){2,}\/?$/,
  excludePathPattern: /^\/(?:tag|category|author|page|wp-|feed|redaksi|tentang-kami|pedoman-media-siber|kontak)(?:\/|-|$)/,
  datelineNames: ['BantenNews.co.id', 'BantenNews'],
};
