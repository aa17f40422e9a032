import { fail } from '../../../shared/bridge/errors';
import { isMasked } from '../../../shared/contract/secrets';
import { findSecrets } from '../snapshots/body';
import { kindOf } from './layout';

/** Paths inside a JSON value under `authConfig` that hold anything but a mask (webhook auth). */
function unmaskedAuthConfig(value: unknown, path = ''): string[] {
  if (value === null || typeof value !== 'object') return [];
  const out: string[] = [];
  for (const [k, v] of Object.entries(value as Record<string, unknown>)) {
    const p = path ? `${path}.${k}` : k;
    if (k === 'authConfig' && v && typeof v === 'object') {
      for (const [ak, av] of Object.entries(v as Record<string, unknown>))
        if (typeof av === 'string' && av !== '' && !isMasked(av)) out.push(`${p}.${ak}`);
    } else if (typeof v === 'object') out.push(...unmaskedAuthConfig(v, p));
  }
  return out;
}

/**
 * Credential fields of a stored value. A configuration body (under `body`, as in versions, drafts
 * and journal lines) is scanned as a body of its own, so its event-keyed maps (an event named
 * "token") are data, not field names.
 */
function secretFields(value: unknown, path = ''): string[] {
  if (value === null || typeof value !== 'object') return [];
  const rest: Record<string, unknown> = {};
  const out: string[] = [];
  for (const [k, v] of Object.entries(value as Record<string, unknown>)) {
    const p = path ? `${path}.${k}` : k;
    if (k === 'body' && v && typeof v === 'object')
      out.push(...findSecrets(v).map((f) => `${p}.${f}`));
    else if (v && typeof v === 'object') out.push(...secretFields(v, p));
    else rest[k] = v;
  }
  return [...findSecrets(rest).map((f) => (path ? `${path}.${f}` : f)), ...out];
}

function jsonValues(path: string, text: string): unknown[] {
  const journal = kindOf(path) === 'journal';
  const lines = journal ? text.split('\n') : [text];
  const out: unknown[] = [];
  for (const line of lines) {
    if (!line.trim()) continue;
    try {
      const value: unknown = JSON.parse(line);
      // A journal line's top-level `key` is the apply's idempotency key, not a credential.
      if (journal && value && typeof value === 'object' && 'key' in value) {
        const { key: _idempotency, ...rest } = value as Record<string, unknown>;
        out.push(rest);
      } else out.push(value);
    } catch {
      /* not JSON: only the known-token scan below applies */
    }
  }
  return out;
}

/**
 * Nothing secret enters the repository: every file of every commit is checked for credential
 * fields holding an unmasked value (the contract's secret fields, webhook auth config) and for any
 * token the app itself holds (connection tokens, the workspace token). One finding refuses the
 * whole commit, naming the file and the field, and nothing is written.
 */
export function assertNoSecrets(
  files: { path: string; text: string | null }[],
  knownTokens: readonly string[],
): void {
  for (const f of files) {
    if (f.text === null) continue;
    for (const value of jsonValues(f.path, f.text)) {
      const fields = [...secretFields(value), ...unmaskedAuthConfig(value)];
      if (fields.length)
        fail(
          'validation',
          `Refused to commit ${f.path}: the field ${fields[0]} holds an unmasked secret. Nothing was committed; secrets never enter the team workspace.`,
        );
    }
    for (const token of knownTokens)
      if (token.length >= 8 && f.text.includes(token))
        fail(
          'validation',
          `Refused to commit ${f.path}: it contains a stored access token. Nothing was committed; secrets never enter the team workspace.`,
        );
  }
}
