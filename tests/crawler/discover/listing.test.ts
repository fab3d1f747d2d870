import { describe, expect, it } from 'vitest';
import { parseListing } from '../../../crawler/discover/listing.ts';

const source = {
  origin: 'https://berita.test',
  articlePathPattern: /^\/\d{4}\/\d{2}\/\d{2}\/[^/]+\/$/,
  excludePathPattern: /^\/2000\//,
};

const page = (body: string) => `<!doctype html><html><head><title>Kategori</title></head><body>${body}</body></html>`;

describe('parseListing: article links', () => {
  it('keeps same-site article links, normalised and deduplicated in page order', () => {
    const html = page(`
      <nav><a href="/kategori/banten/">Banten</a><a href="https://berita.test/tag/cilegon/">Cilegon</a></nav>
      <article><a href="/2025/10/14/cmm-studi-tiru/"><img src="x.jpg"></a>
        <h2><a href="https://www.berita.test/2025/10/14/cmm-studi-tiru/?utm_source=fb&utm_medium=x#komentar">CMM Studi Tiru ke Cilegon</a></h2>
        <time datetime="2025-10-14T10:05:00+07:00">14 Okt</time></article>
      <article><h2><a href="http://berita.test/2025/10/13/banjir/?id=7">Banjir   di
        Serang</a></h2></article>
      <a href="https://lain.test/2025/10/13/asing/">asing</a>
      <a href="/2000/01/01/lama/">dikecualikan</a>
      <a href="mailto:redaksi@berita.test">email</a>`);
    const listing = parseListing(html, 'https://berita.test/kategori/banten/', source);
    expect(listing.articleUrls).toEqual(['https://berita.test/2025/10/14/cmm-studi-tiru/', 'https://berita.test/2025/10/13/banjir/?id=7']);
    expect(listing.articles).toEqual([
      { url: 'https://berita.test/2025/10/14/cmm-studi-tiru/', title: 'CMM Studi Tiru ke Cilegon', publishedAt: new Date('2025-10-14T03:05:00Z') },
      { url: 'https://berita.test/2025/10/13/banjir/?id=7', title: 'Banjir di Serang', publishedAt: new Date('2025-10-12T17:00:00Z') },
    ]);
    expect(listing.nextPageUrl).toBeNull();
  });

  it('resolves links against <base href>', () => {
    const html = `<html><head><base href="https://berita.test/arsip/"></head><body><a href="../2025/10/14/a/">a</a></body></html>`;
    expect(parseListing(html, 'https://berita.test/kategori/', source).articleUrls).toEqual(['https://berita.test/2025/10/14/a/']);
  });
});

describe('parseListing: next page', () => {
  const next = (body: string, pageUrl = 'https://berita.test/kategori/banten/') => parseListing(page(body), pageUrl, source).nextPageUrl;

  it('follows rel=next', () => {
    expect(next('<link rel="next" href="/kategori/banten/page/2/"><a href="/kategori/banten/page/9/">9</a>')).toBe('https://berita.test/kategori/banten/page/2/');
  });

  it('follows WordPress and Blogger older-posts links', () => {
    expect(next('<div class="nav-previous"><a href="/kategori/banten/page/2/">Older posts</a></div>')).toBe('https://berita.test/kategori/banten/page/2/');
    expect(next('<a class="next page-numbers" href="?paged=2">»</a>')).toBe('https://berita.test/kategori/banten/?paged=2');
    expect(
      next(
        `<a class="blog-pager-older-link" id="Blog1_blog-pager-older-link" href="https://berita.test/search?updated-max=2025-10-01T10:00:00%2B07:00&amp;max-results=7">Posting Lama</a>`,
        'https://berita.test/',
      ),
    ).toBe('https://berita.test/search?updated-max=2025-10-01T10:00:00%2B07:00&max-results=7');
  });

  it('follows Indonesian "next" wording, but never a read-more link to an article', () => {
    const body = `
      <article><a href="/2025/10/14/cmm-studi-tiru/">Selanjutnya</a></article>
      <div class="paging"><a href="/kategori/banten/2">Selanjutnya »</a></div>`;
    expect(next(body)).toBe('https://berita.test/kategori/banten/2');
    expect(next('<a href="/indeks?hal=3">Berikutnya</a>')).toBe('https://berita.test/indeks?hal=3');
  });

  it('finds page N+1 among numbered links', () => {
    const numbers = '<a href="/kategori/banten/page/2/">2</a><a href="/kategori/banten/page/3/">3</a><a href="/kategori/banten/page/4/">4</a>';
    expect(next(numbers)).toBe('https://berita.test/kategori/banten/page/2/');
    expect(next(numbers, 'https://berita.test/kategori/banten/page/3/')).toBe('https://berita.test/kategori/banten/page/4/');
    expect(next('<a href="/indeks?page=1">1</a><a href="/indeks?page=3">3</a>', 'https://berita.test/indeks?page=2')).toBe('https://berita.test/indeks?page=3');
  });

  it('does not invent a next page, and never points at itself or another site', () => {
    expect(next('<a href="/kategori/banten/page/3/">3</a>')).toBeNull();
    expect(next('<link rel="next" href="/kategori/banten/">', 'https://berita.test/kategori/banten/')).toBeNull();
    expect(next('<a rel="next" href="https://lain.test/page/2/">next</a>')).toBeNull();
  });
});
