import type { SourceDefinition } from './types.ts';

/**
 * Radar Banten, Serang: WordPress (Jannah theme, Yoast SEO, AMP reader copies at `<url>amp/`) with date
 * paths `/YYYY/MM/DD/slug/`; dateline `SERANG, RADARBANTEN.CO.ID –`; end byline in initials, reporters
 * first and the editor last: `(fdr/aas)`, `(fdr/ard/aas)`.
 */
export const radarbanten: SourceDefinition = {
  id: 'radarbanten',
  name: 'Radar Banten',
  origin: 'https://www.radarbanten.co.id',
  homeCity: 'Kota Serang',
  sitemaps: ['https://www.radarbanten.co.id/sitemap_index.xml'],
  feeds: ['https://www.radarbanten.co.id/feed/'],
  listings: ['https://www.radarbanten.co.id/'],
  // The AMP copy (`.../slug/amp/`) is the same article: only the canonical page is crawled.
  articlePathPattern: /^\/\d{4}\/\d{2}\/\d{2}\/[a-z0-9-]+\/?$/,
  excludePathPattern: /^\/(?:tag|category|author|page|wp-)/,
  datelineNames: ['RADARBANTEN.CO.ID', 'Radar Banten', 'RADAR BANTEN'],
  // From the outlet's staff page (`/redaksi/`).
  initials: {
    fdr: 'Fauzan Dardiri',
    snh: 'Siti Nurhasanah',
    ard: 'Ardi Nugraha',
    aas: 'Aas Arbi',
    mus: 'Muhammad Usman',
  },
};
