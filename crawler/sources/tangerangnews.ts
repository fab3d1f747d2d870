import type { SourceDefinition } from './types.ts';

/** TangerangNews.com, Kota Tangerang: custom CMS, articles at `/<section>/read/<id>/<slug>`. No offline copy yet. */
export const tangerangnews: SourceDefinition = {
  id: 'tangerangnews',
  name: 'TangerangNews.com',
  origin: 'https://www.tangerangnews.com',
  homeCity: 'Kota Tangerang',
  sitemaps: [],
  feeds: [],
  listings: ['https://www.tangerangnews.com/'],
  articlePathPattern: /^\/[a-z-]+\/read\/\d+\/[A-Za-z0-9-]+$/,
  datelineNames: ['TangerangNews', 'TangerangNews.com'],
};
