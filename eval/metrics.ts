/** Scoring helpers for the evaluation: exact matches, set F1 and bag-of-tokens F1. */

export interface Counts {
  truePositives: number;
  predicted: number;
  expected: number;
}

export function addCounts(a: Counts, b: Counts): Counts {
  return { truePositives: a.truePositives + b.truePositives, predicted: a.predicted + b.predicted, expected: a.expected + b.expected };
}

/** Counts of one page's predicted set against the expected set (micro-averaged over pages by the caller). */
export function setCounts(predicted: Iterable<string>, expected: Iterable<string>): Counts {
  const want = new Set(expected);
  const got = new Set(predicted);
  let truePositives = 0;
  for (const item of got) if (want.has(item)) truePositives++;
  return { truePositives, predicted: got.size, expected: want.size };
}

export function f1(counts: Counts): number {
  if (counts.predicted === 0 && counts.expected === 0) return 1;
  const precision = counts.predicted === 0 ? 0 : counts.truePositives / counts.predicted;
  const recall = counts.expected === 0 ? 0 : counts.truePositives / counts.expected;
  return precision + recall === 0 ? 0 : (2 * precision * recall) / (precision + recall);
}

/** Lowercased word tokens, punctuation dropped. */
export function tokens(text: string): string[] {
  return text.toLowerCase().match(/[\p{L}\p{N}]+/gu) ?? [];
}

/** Token F1 between two texts as bags of words (the measure body-extraction benchmarks use). */
export function tokenF1(predicted: string, expected: string): number {
  const want = new Map<string, number>();
  for (const t of tokens(expected)) want.set(t, (want.get(t) ?? 0) + 1);
  const got = tokens(predicted);
  let overlap = 0;
  for (const t of got) {
    const left = want.get(t) ?? 0;
    if (left > 0) {
      overlap++;
      want.set(t, left - 1);
    }
  }
  return f1({ truePositives: overlap, predicted: got.length, expected: tokens(expected).length });
}

/** Names in a free-text byline (`Fauzan Dardiri, Ardi Nugraha`, `A dan B`, `By X`), for Readability's `byline`. */
export function splitByline(byline: string | null | undefined): string[] {
  if (!byline) return [];
  return byline
    .replace(/^\s*(?:by|oleh|penulis|reporter)\s*:?\s*/i, '')
    .split(/\s*(?:,|&|\||\bdan\b|\band\b)\s*/i)
    .map((s) => s.trim())
    .filter(Boolean);
}
