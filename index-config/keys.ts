/**
 * The search-only API key that the public API (and a browser search box) uses. The master key never
 * leaves the process that administers the index.
 *
 * The key's `uid` is derived from its name, actions and index patterns, and Meilisearch derives the
 * key value from the master key and the uid: so every restart finds the same key instead of piling up
 * new ones, and a change of scope yields a new key (a key's actions and indexes are immutable).
 */
import type { Key, Meilisearch } from 'meilisearch';
import { sha256Hex } from '../src/article.ts';
import { meilisearchErrorCode } from './tasks.ts';

export const DEFAULT_SEARCH_KEY_NAME = 'arsip-banten-search';
const SEARCH_ACTIONS = ['search'];

export interface EnsureSearchKeyOptions {
  /** Index uids or patterns the key may search, e.g. `['articles*']` (the pattern also covers a swapped-in `articles_2`). */
  indexUids: string[];
  name?: string;
}

export interface SearchKey {
  key: string;
  uid: string;
}

export async function ensureSearchKey(adminClient: Meilisearch, options: EnsureSearchKeyOptions): Promise<SearchKey> {
  const name = options.name ?? DEFAULT_SEARCH_KEY_NAME;
  const indexes = [...new Set(options.indexUids)].sort();
  if (indexes.length === 0 || indexes.some((uid) => typeof uid !== 'string' || uid.trim() === '')) {
    throw new TypeError(`Expected \`indexUids\` to list at least one index uid or pattern, received ${JSON.stringify(options.indexUids)}`);
  }
  const uid = await searchKeyUid(name, indexes);

  const existing = await findKey(adminClient, uid);
  if (existing) return checked(existing, indexes);
  try {
    const created = await adminClient.createKey({
      uid,
      name,
      description: `Search-only key for ${indexes.join(', ')} (created by arsip-banten index-config)`,
      actions: SEARCH_ACTIONS,
      indexes,
      expiresAt: null,
    });
    return checked(created, indexes);
  } catch (error) {
    // Another process created it between our look and our create.
    if (meilisearchErrorCode(error) !== 'api_key_already_exists') throw error;
    const raced = await findKey(adminClient, uid);
    if (!raced) throw error;
    return checked(raced, indexes);
  }
}

/** A UUID (version 4 layout) from a hash of what defines the key. */
export async function searchKeyUid(name: string, indexes: readonly string[]): Promise<string> {
  const hex = await sha256Hex(JSON.stringify({ name, actions: SEARCH_ACTIONS, indexes: [...indexes].sort() }));
  const variant = ((parseInt(hex.slice(16, 17), 16) & 0x3) | 0x8).toString(16);
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-4${hex.slice(13, 16)}-${variant}${hex.slice(17, 20)}-${hex.slice(20, 32)}`;
}

async function findKey(adminClient: Meilisearch, uid: string): Promise<Key | undefined> {
  try {
    return await adminClient.getKey(uid);
  } catch (error) {
    if (meilisearchErrorCode(error) === 'api_key_not_found') return undefined;
    throw error;
  }
}

/** The uid encodes the scope, so a mismatch means someone made this key by hand: refuse rather than hand out a wider key. */
function checked(key: Key, indexes: readonly string[]): SearchKey {
  const actions = [...key.actions].sort();
  const keyIndexes = [...key.indexes].sort();
  const sameActions = actions.length === SEARCH_ACTIONS.length && actions.every((action, i) => action === SEARCH_ACTIONS[i]);
  const sameIndexes = keyIndexes.length === indexes.length && keyIndexes.every((index, i) => index === indexes[i]);
  if (!sameActions || !sameIndexes) {
    throw new Error(
      `Expected API key ${key.uid} to allow only ${JSON.stringify(SEARCH_ACTIONS)} on ${JSON.stringify(indexes)}, ` +
        `but it allows ${JSON.stringify(key.actions)} on ${JSON.stringify(key.indexes)}. Delete that key; it will be recreated.`,
    );
  }
  if (key.expiresAt !== null && new Date(key.expiresAt).getTime() <= Date.now()) {
    throw new Error(`Expected API key ${key.uid} to be valid, but it expired at ${String(key.expiresAt)}. Delete that key; it will be recreated.`);
  }
  return { key: key.key, uid: key.uid };
}
