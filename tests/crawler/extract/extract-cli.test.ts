/** `npm run extract`: the command prints exactly the document the crawler would index. */
import { execFile } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { extractArticle } from '../../../crawler/extract/index.ts';
import { SOURCES } from '../../../crawler/sources/index.ts';
import { startFixtureWeb, type FixtureWeb } from '../../fixtures/server.ts';

const run = promisify(execFile);
const ROOT = fileURLToPath(new URL('../../../', import.meta.url));
const URL_ = 'https://www.tangerangnews.com/tangsel/read/64533/Tangsel-Kirim-Sampah-ke-TPAS-Cilowong-Kota-Serang';
const FILE = fileURLToPath(new URL('../../fixtures/sites/www.tangerangnews.com/tangsel/read/64533/Tangsel-Kirim-Sampah-ke-TPAS-Cilowong-Kota-Serang.html', import.meta.url));
const FETCHED_AT = '2026-11-27T02:00:00.000Z';

const cli = (args: string[]) => run(process.execPath, ['--import', 'tsx', 'crawler/extract-cli.ts', ...args], { cwd: ROOT, timeout: 60_000 });

let web: FixtureWeb;
beforeAll(async () => {
  web = await startFixtureWeb();
});
afterAll(async () => {
  await web.close();
});

describe('npm run extract', () => {
  it('prints the indexed document of a saved page and its address', async () => {
    const { stdout } = await cli(['--file', FILE, '--url', URL_, '--fetched-at', FETCHED_AT]);
    const printed = JSON.parse(stdout) as Record<string, unknown>;
    const source = SOURCES.find((s) => s.id === 'tangerangnews')!;
    const expected = await extractArticle({ html: readFileSync(FILE, 'utf8'), url: URL_, source, fetchedAt: new Date(FETCHED_AT) });
    if (!expected.ok) throw new Error(expected.reason);
    // The saved copy is UTF-8 on disk while it declares iso-8859-1; the hash is of the decoded text in both.
    expect(printed).toEqual(JSON.parse(JSON.stringify(expected.article)));
    expect(printed).toMatchObject({ outletId: 'tangerangnews', city: 'Kota Tangerang Selatan', authors: ['Dimas Wisnu Saputra'] });
  });

  it('fetches a page with the crawler fetcher, decoding its windows-1252 bytes', async () => {
    const live = 'https://www.tangerangnews.com/kota-tangerang/read/61204/Banjir-Rendam-Perumahan-di-Periuk-Warga-Mengungsi';
    const { stdout } = await cli([web.localUrl(live), '--source', 'tangerangnews', '--fetched-at', FETCHED_AT]);
    const printed = JSON.parse(stdout) as { title: string; body: string; publishedIso: string };
    expect(printed.title).toBe('Banjir Rendam Perumahan di Periuk, Warga Mengungsi');
    expect(printed.publishedIso).toBe('2025-01-28T07:40:00+07:00');
    expect(printed.body).toContain('“Kami kerahkan perahu karet');
    expect(printed.body).not.toMatch(/[\uFFFD\u0080-\u009F]/);
  });

  it('says how to call it when the address is missing', async () => {
    await expect(cli(['--file', FILE])).rejects.toMatchObject({ code: 2, stderr: expect.stringContaining('usage: npm run extract') });
  });
});
