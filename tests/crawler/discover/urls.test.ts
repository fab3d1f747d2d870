import { describe, expect, it } from 'vitest';
import { articleUrlOf, isSameSite, normalizeUrl } from '../../../crawler/discover/urls.ts';

describe('normalizeUrl', () => {
  it('resolves, drops the fragment and tracking parameters, keeps the rest', () => {
    expect(normalizeUrl('/a/?utm_source=fb&id=2&fbclid=x#top', 'https://berita.test/k/')).toBe('https://berita.test/a/?id=2');
    expect(normalizeUrl('?utm_medium=x', 'https://berita.test/a')).toBe('https://berita.test/a');
  });

  it('returns null for what is not http(s)', () => {
    expect(normalizeUrl('mailto:redaksi@berita.test')).toBeNull();
    expect(normalizeUrl('javascript:void(0)', 'https://berita.test/')).toBeNull();
    expect(normalizeUrl('http://[broken')).toBeNull();
  });
});

describe('articleUrlOf', () => {
  const source = { origin: 'https://berita.test', articlePathPattern: /^\/berita\/[^/]+\/$/g, excludePathPattern: /\/tag-/ };

  it('moves same-site links onto the source origin', () => {
    expect(articleUrlOf('http://www.berita.test/berita/a/', 'https://berita.test/', source)).toBe('https://berita.test/berita/a/');
  });

  it('rejects other sites, non-article paths and excluded paths', () => {
    expect(articleUrlOf('https://lain.test/berita/a/', 'https://berita.test/', source)).toBeNull();
    expect(articleUrlOf('/tentang/', 'https://berita.test/', source)).toBeNull();
    expect(articleUrlOf('/berita/tag-banten/', 'https://berita.test/', source)).toBeNull();
  });

  it('gives the same answer every time even for a /g pattern', () => {
    const answers = [1, 2, 3].map(() => articleUrlOf('/berita/a/', 'https://berita.test/', source));
    expect(answers).toEqual(Array(3).fill('https://berita.test/berita/a/'));
  });

  it('treats www and bare hosts as one site, other subdomains as others', () => {
    expect(isSameSite('https://www.berita.test/x', 'http://berita.test')).toBe(true);
    expect(isSameSite('https://m.berita.test/x', 'https://berita.test')).toBe(false);
  });
});
