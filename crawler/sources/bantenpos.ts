import type { SourceDefinition } from './types.ts';

/**
 * BANPOS (Banten Pos), Serang: WordPress, tagDiv "Newspaper" theme, no JSON-LD. Articles live at
 * `/<slug>/` with no date in the path, so the rule excludes the site's section paths instead.
 */
export const bantenpos: SourceDefinition = {
  id: 'bantenpos',
  name: 'BANPOS',
  origin: 'https://www.bantenpos.co',
  homeCity: 'Kota Serang',
  sitemaps: ['https://www.bantenpos.co/wp-sitemap.xml'],
  feeds: ['https://www.bantenpos.co/feed/'],
  listings: ['https://www.bantenpos.co/'],
  articlePathPattern: /^\/[a-z0-9]+(?:-[a-z0-9]+){2,}\/?$/,
  excludePathPattern: /^\/(?:tag|category|author|page|wp-|feed|redaksi|tentang-kami|pedoman-media-siber|kontak|kebijakan-privasi)(?:\/|-|$)/,
  datelineNames: ['BANPOS', 'Banten Pos'],
};
