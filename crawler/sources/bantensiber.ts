import type { SourceDefinition } from './types.ts';

/** BantenSiber.com, Serang: WordPress, reprints BANPOS stories (a source of near-duplicates). No offline copy yet. */
export const bantensiber: SourceDefinition = {
  id: 'bantensiber',
  name: 'BantenSiber.com',
  origin: 'https://bantensiber.com',
  homeCity: 'Kota Serang',
  sitemaps: [],
  feeds: ['https://bantensiber.com/feed/'],
  listings: ['https://bantensiber.com/'],
  articlePathPattern: /^\/[a-z0-9]+(?:-[a-z0-9]+){2,}\/?$/,
  excludePathPattern: /^\/(?:tag|category|author|page|wp-|feed)(?:\/|$)/,
  datelineNames: ['BANPOS', 'BantenSiber'],
};
