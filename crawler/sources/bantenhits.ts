import type { SourceDefinition } from './types.ts';

/** BantenHits.com, Kota Tangerang: WordPress. No offline copy yet. */
export const bantenhits: SourceDefinition = {
  id: 'bantenhits',
  name: 'BantenHits.com',
  origin: 'https://www.bantenhits.com',
  homeCity: 'Kota Tangerang',
  sitemaps: [],
  feeds: ['https://www.bantenhits.com/feed/'],
  listings: ['https://www.bantenhits.com/'],
  articlePathPattern: /^\/\d{4}\/\d{2}\/\d{2}\/[a-z0-9-]+\/?$/,
  datelineNames: ['BantenHits', 'BantenHits.com'],
};
