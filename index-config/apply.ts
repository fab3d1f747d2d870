/**
 * Brings an index to the settings declared in `articles.settings.json`, touching only what differs.
 * Idempotent: a second run reads the settings, finds nothing to change and enqueues no task, so it is
 * safe on every start. Never deletes documents (a settings change re-indexes them in place).
 */
import type { Meilisearch, Settings } from 'meilisearch';
import articlesSettingsJson from './articles.settings.json' with { type: 'json' };
import { DEFAULT_TASK_TIMEOUT_MILLIS, IndexTaskError, meilisearchErrorCode, waitForSuccess, waitForTask } from './tasks.ts';

export const ARTICLES_PRIMARY_KEY = 'id';

/** The articles index settings, as declared in `articles.settings.json` (validated by Meilisearch when applied). */
export const articlesSettings: Settings = articlesSettingsJson as Settings;

export interface ApplyIndexConfigOptions {
  indexUid: string;
  /** Default: {@link articlesSettings}. */
  settings?: Settings;
  /** Default `id`. */
  primaryKey?: string;
  /** Per task. Default 30 minutes: a settings change re-indexes every document. */
  taskTimeoutMillis?: number;
}

export interface ApplyIndexConfigResult {
  created: boolean;
  /** Names of the top-level settings that were updated, e.g. `['searchableAttributes']`. */
  changed: string[];
}

/** Arrays whose order is meaningful; every other array is compared as a set (Meilisearch may reorder them). */
const ORDERED_ARRAYS = new Set(['searchableAttributes', 'rankingRules', 'localizedAttributes']);
/** Objects that Meilisearch replaces whole on update: a key missing from the desired value is a difference. */
const WHOLE_MAPS = new Set(['synonyms', 'faceting.sortFacetValuesBy']);

export async function applyIndexConfig(client: Meilisearch, options: ApplyIndexConfigOptions): Promise<ApplyIndexConfigResult> {
  const { indexUid } = options;
  const settings = options.settings ?? articlesSettings;
  const primaryKey = options.primaryKey ?? ARTICLES_PRIMARY_KEY;
  const timeoutMillis = options.taskTimeoutMillis ?? DEFAULT_TASK_TIMEOUT_MILLIS;
  assertExplicit(settings);

  const created = await ensureIndex(client, indexUid, primaryKey, timeoutMillis);
  const index = client.index(indexUid);
  const changed = differingSettings(settings, await index.getSettings());
  if (changed.length === 0) return { created, changed };

  const patch = Object.fromEntries(changed.map((name) => [name, settings[name as keyof Settings]])) as Settings;
  await waitForSuccess(client, index.updateSettings(patch), `updating settings ${changed.join(', ')} of index "${indexUid}"`, timeoutMillis);

  // If Meilisearch stores a value in another form than we wrote it, every later run would "change" it
  // again: better to fail now and have the config written in the stored form.
  const stillDiffering = differingSettings(settings, await index.getSettings());
  if (stillDiffering.length > 0) {
    throw new Error(
      `Expected index "${indexUid}" to hold the desired settings after the update, but ${stillDiffering.join(', ')} still differ: ` +
        'Meilisearch normalised them; write them in the form GET /indexes/<uid>/settings returns.',
    );
  }
  return { created, changed };
}

async function ensureIndex(client: Meilisearch, indexUid: string, primaryKey: string, timeoutMillis: number): Promise<boolean> {
  let existing: { primaryKey?: string | null } | undefined;
  try {
    existing = await client.getRawIndex(indexUid);
  } catch (error) {
    if (meilisearchErrorCode(error) !== 'index_not_found') throw error;
  }
  if (existing === undefined) {
    const task = await waitForTask(client, (await client.createIndex(indexUid, { primaryKey })).taskUid, timeoutMillis);
    if (task.status === 'succeeded') return true;
    // Someone else created it between our look and our create: carry on with theirs.
    if (task.error?.code !== 'index_already_exists') throw new IndexTaskError(`creating index "${indexUid}"`, task);
    existing = await client.getRawIndex(indexUid);
  }
  if (existing.primaryKey === undefined || existing.primaryKey === null) {
    await waitForSuccess(client, client.updateIndex(indexUid, { primaryKey }), `setting primary key "${primaryKey}" on index "${indexUid}"`, timeoutMillis);
  } else if (existing.primaryKey !== primaryKey) {
    throw new Error(
      `Expected index "${indexUid}" to have primary key "${primaryKey}", but it has "${existing.primaryKey}". ` +
        'A primary key cannot change once documents exist: build a new index and swap it in.',
    );
  }
  return false;
}

/** Top-level setting names whose desired value is not what the index holds. */
export function differingSettings(desired: Settings, current: Settings): string[] {
  return Object.keys(desired).filter((name) => {
    const want = desired[name as keyof Settings];
    return want !== undefined && !matches(want, current[name as keyof Settings], name);
  });
}

/**
 * Desired values are compared as "what we declared is what the index has": object keys we do not
 * declare are left to Meilisearch's defaults (they may grow with server versions), except for maps
 * that Meilisearch replaces whole.
 */
function matches(want: unknown, have: unknown, path: string): boolean {
  if (Array.isArray(want)) {
    if (!Array.isArray(have) || want.length !== have.length) return false;
    if (ORDERED_ARRAYS.has(path)) return want.every((item, i) => matches(item, have[i], `${path}[]`));
    const left = want.map(canonicalJson).sort();
    const right = have.map(canonicalJson).sort();
    return left.every((item, i) => item === right[i]);
  }
  if (typeof want === 'object' && want !== null) {
    if (typeof have !== 'object' || have === null || Array.isArray(have)) return false;
    const wantKeys = Object.keys(want);
    if (WHOLE_MAPS.has(path) && Object.keys(have).length !== wantKeys.length) return false;
    return wantKeys.every((key) => matches((want as Record<string, unknown>)[key], (have as Record<string, unknown>)[key], `${path}.${key}`));
  }
  return want === have;
}

function canonicalJson(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(canonicalJson).join(',')}]`;
  if (typeof value === 'object' && value !== null) {
    const entries = Object.entries(value).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
    return `{${entries.map(([key, item]) => `${JSON.stringify(key)}:${canonicalJson(item)}`).join(',')}}`;
  }
  return JSON.stringify(value);
}

/** `null` means "reset to the server default", which we cannot compare against: it would re-apply on every run. */
function assertExplicit(settings: Settings, path = 'settings'): void {
  for (const [key, value] of Object.entries(settings)) {
    if (value === null) {
      throw new TypeError(`Expected an explicit value for ${path}.${key}, received null (reset-to-default cannot be applied idempotently): write the value out`);
    }
    if (typeof value === 'object' && !Array.isArray(value)) assertExplicit(value as Settings, `${path}.${key}`);
  }
}
