import type { SourceDefinition } from './types.ts';

/** Radar Banten, Serang: WordPress with date paths `/YYYY/MM/DD/slug/`. No offline copy yet. */
export const radarbanten: SourceDefinition = {
  id: 'radarbanten',
  name: 'Radar Banten',
  origin: 'https://www.radarbanten.co.id',
  homeCity: 'Kota Serang',
  sitemaps: [],
  feeds: ['https://www.radarbanten.co.id/feed/'],
  listings: ['https://www.radarbanten.co.id/'],
  articlePathPattern: /^\/\d{4}\/\d{2}\/\d{2}\/[a-z0-9-]+\/?$/,
  datelineNames: ['RADARBANTEN.CO.ID', 'Radar Banten'],
};
