import { bantenhits } from './bantenhits.ts';
import { bantennews } from './bantennews.ts';
import { bantenpos } from './bantenpos.ts';
import { bantensiber } from './bantensiber.ts';
import { bantenxpose } from './bantenxpose.ts';
import { beritain } from './beritain.ts';
import { radarbanten } from './radarbanten.ts';
import { tangerangnews } from './tangerangnews.ts';
import type { SourceDefinition } from './types.ts';

export type { OriginMap, SourceDefinition } from './types.ts';

/** Every outlet the crawler knows. Adding one = one file in this folder + one line here. */
export const SOURCES: readonly SourceDefinition[] = [
  beritain,
  bantenpos,
  bantenxpose,
  bantennews,
  radarbanten,
  tangerangnews,
  bantenhits,
  bantensiber,
];

/** The sources named by id (all when `ids` is empty); an unknown id is an error, not a silent skip. */
export function selectSources(ids: readonly string[], sources: readonly SourceDefinition[] = SOURCES): SourceDefinition[] {
  if (ids.length === 0) return [...sources];
  return ids.map((id) => {
    const found = sources.find((s) => s.id === id);
    if (!found) throw new Error(`Unknown source "${id}"; expected one of: ${sources.map((s) => s.id).join(', ')}`);
    return found;
  });
}
