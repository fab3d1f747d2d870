import { appendFile, mkdtemp, readdir, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { ArchiveReadError, type HttpExchange } from '../../../crawler/archive/archive-store.ts';
import { FsArchiveStore } from '../../../crawler/archive/fs-archive.ts';

const dirs: string[] = [];
afterAll(async () => {
  await Promise.all(dirs.map((dir) => rm(dir, { recursive: true, force: true })));
});

async function tempDir(): Promise<string> {
  const dir = await mkdtemp(path.join(os.tmpdir(), 'arsip-warc-'));
  dirs.push(dir);
  return path.join(dir, 'archive');
}

function exchange(n: number, body = `<html><body><p>Berita ${n} — Cilegon</p></body></html>`): HttpExchange {
  return {
    url: `https://beritain.co.id/berita-${n}/`,
    requestHeaders: new Headers({ 'user-agent': 'ArsipBantenTest/0.1' }),
    status: 200,
    responseHeaders: new Headers({ 'content-type': 'text/html; charset=utf-8', etag: `"e${n}"`, 'content-encoding': 'gzip' }),
    body: new TextEncoder().encode(body),
    fetchedAt: new Date(Date.UTC(2026, 0, 1, 0, 0, n)),
  };
}

describe('FsArchiveStore', () => {
  it('writes gzipped WARC 1.1 records that read back by location and in order', async () => {
    const dir = await tempDir();
    const archive = new FsArchiveStore({ dir });
    const locations = await Promise.all([1, 2, 3].map((n) => archive.append(exchange(n))));
    expect(new Set(locations.map((l) => l.offset)).size).toBe(3);
    const second = await archive.read(locations[1]!);
    expect(second.url).toBe('https://beritain.co.id/berita-2/');
    expect(second.status).toBe(200);
    expect(second.headers.get('etag')).toBe('"e2"');
    // fetch already undid the transfer encoding: the record must not claim one.
    expect(second.headers.get('content-encoding')).toBeNull();
    expect(new TextDecoder().decode(second.body)).toBe('<html><body><p>Berita 2 — Cilegon</p></body></html>');
    expect(second.fetchedAt.toISOString()).toBe('2026-01-01T00:00:02.000Z');
    const all = [];
    for await (const response of archive.responses()) all.push(response);
    expect(all.map((r) => r.url)).toEqual([1, 2, 3].map((n) => `https://beritain.co.id/berita-${n}/`));
    expect(all.map((r) => r.location)).toEqual(locations);
    await archive.close();
    const [file] = await readdir(dir);
    expect(file).toMatch(/^arsip-\d{14}-00000-[a-z0-9]+\.warc\.gz$/);
  });

  it('rotates files past maxFileBytes and skips a torn record at the end of a file', async () => {
    const dir = await tempDir();
    const archive = new FsArchiveStore({ dir, maxFileBytes: 1 });
    const first = await archive.append(exchange(1));
    const second = await archive.append(exchange(2));
    expect(first.file).not.toBe(second.file);
    await archive.close();
    // A crawler killed mid-write leaves half a gzip member behind.
    await appendFile(path.join(dir, second.file), Buffer.from([0x1f, 0x8b, 0x08, 0x00, 0x01, 0x02]));
    const urls = [];
    for await (const response of new FsArchiveStore({ dir }).responses()) urls.push(response.url);
    expect(urls).toEqual(['https://beritain.co.id/berita-1/', 'https://beritain.co.id/berita-2/']);
  });

  it('refuses locations that are not archive files or hold no record', async () => {
    const dir = await tempDir();
    const archive = new FsArchiveStore({ dir });
    const location = await archive.append(exchange(1));
    await expect(archive.read({ ...location, file: '../../etc/passwd' })).rejects.toBeInstanceOf(ArchiveReadError);
    await expect(archive.read({ ...location, offset: location.offset + 3 })).rejects.toBeInstanceOf(ArchiveReadError);
    await archive.close();
  });
});
