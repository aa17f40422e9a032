import { canonicalJson } from '../diff/canonical';

/** FNV-1a over the canonical JSON: pure (no node:crypto in shared/), stable across runs. */
function fnv1a(text: string): string {
  let h = 0x811c9dc5;
  for (let i = 0; i < text.length; i++) {
    h ^= text.charCodeAt(i);
    h = Math.imul(h, 0x01000193);
  }
  return (h >>> 0).toString(16).padStart(8, '0');
}

/**
 * The key of one apply: the change, which apply of it, and what body. Written to the journal
 * before the PUT; an intent without its completion means "re-read the server, never PUT again".
 */
export function applyKey(changeId: string, applyNo: number, body: unknown): string {
  return `${changeId}-a${applyNo}-${fnv1a(canonicalJson(body))}`;
}
