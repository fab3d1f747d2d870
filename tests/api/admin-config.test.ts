/** The settings the crawler, scheduler and admin routes read (src/config.ts). */
import { describe, expect, it } from 'vitest';
import { loadConfig } from '../../src/config.ts';

describe('crawl settings', () => {
  it('defaults to a crawl every 30 minutes, state and archive under the data folder, no origin map', () => {
    const config = loadConfig({ ARSIP_DATA_DIR: '/srv/arsip' });
    expect(config.crawl.schedule).toBe('*/30 * * * *');
    expect(config.crawl.stateFile).toBe('/srv/arsip/crawl-state.sqlite');
    expect(config.crawl.archiveDir).toBe('/srv/arsip/archive');
    expect(config.crawl.originMap).toEqual({});
  });

  it('reads a schedule, or "off", and refuses what is not a cron expression', () => {
    expect(loadConfig({ ARSIP_CRAWL_SCHEDULE: '0 */2 * * *' }).crawl.schedule).toBe('0 */2 * * *');
    expect(loadConfig({ ARSIP_CRAWL_SCHEDULE: 'off' }).crawl.schedule).toBeNull();
    expect(() => loadConfig({ ARSIP_CRAWL_SCHEDULE: 'hourly' })).toThrow('ARSIP_CRAWL_SCHEDULE must be a cron expression of 5 to 7 fields or "off", received "hourly"');
  });

  it('reads an origin map as JSON and names what is wrong with a bad one', () => {
    const map = { 'https://beritain.co.id': 'http://127.0.0.1:8080' };
    expect(loadConfig({ ARSIP_ORIGIN_MAP: JSON.stringify(map) }).crawl.originMap).toEqual(map);
    expect(() => loadConfig({ ARSIP_ORIGIN_MAP: '{nope' })).toThrow('received text that is not JSON');
    expect(() => loadConfig({ ARSIP_ORIGIN_MAP: '["x"]' })).toThrow('received an array');
    expect(() => loadConfig({ ARSIP_ORIGIN_MAP: '{"beritain.co.id": "http://127.0.0.1:1"}' })).toThrow('received "beritain.co.id"');
  });

  it('keeps admin routes off without a token and refuses a short one', () => {
    expect(loadConfig({}).adminToken).toBeNull();
    expect(() => loadConfig({ ARSIP_ADMIN_TOKEN: 'short' })).toThrow('at least 16 characters');
  });
});
