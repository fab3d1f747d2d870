import { describe, expect, it } from 'vitest';
import { hammingDistance, NEAR_DUPLICATE_MAX_DISTANCE, NearDuplicateFinder, simhash } from '../../../crawler/state/simhash.ts';
import { articleParagraphs } from '../../fault-web/pages.ts';

const story = articleParagraphs(1).join('\n\n');
const syndicated = [
  articleParagraphs(1)[0]!.replace('SERANG, KABAR FAULT', 'CILEGON, MITRA'),
  ...articleParagraphs(1).slice(1),
  'Artikel ini telah tayang di Kabar Fault.',
].join('\n\n');

describe('simhash', () => {
  it('is 16 hex digits and deterministic', () => {
    expect(simhash(story)).toMatch(/^[0-9a-f]{16}$/);
    expect(simhash(story)).toBe(simhash(story));
  });

  it('puts a syndicated copy within the near-duplicate distance and other stories far outside it', () => {
    expect(hammingDistance(simhash(story), simhash(syndicated))).toBeLessThanOrEqual(NEAR_DUPLICATE_MAX_DISTANCE);
    for (let n = 2; n < 12; n++) {
      expect(hammingDistance(simhash(story), simhash(articleParagraphs(n).join('\n\n')))).toBeGreaterThan(NEAR_DUPLICATE_MAX_DISTANCE * 2);
    }
  });

  it('refuses fingerprints of the wrong shape', () => {
    expect(() => hammingDistance('abc', '0123456789abcdef')).toThrow('Expected two 16-hex-digit SimHash fingerprints, received "abc"');
  });
});

describe('NearDuplicateFinder', () => {
  it('names the earliest added near-duplicate, never the document itself', () => {
    const finder = new NearDuplicateFinder();
    finder.add('original', simhash(story));
    expect(finder.find(simhash(syndicated), 'copy')).toBe('original');
    expect(finder.find(simhash(story), 'original')).toBeNull();
    expect(finder.find(simhash(articleParagraphs(5).join(' ')), 'other')).toBeNull();
  });
});
