import type { z } from 'zod';
import { OpsFailure } from '../../../shared/bridge/errors';
import { quarantine, readTextIfExists, writeFileAtomic } from '../../base/atomic-file';

export type JsonLoad<T> =
  | { state: 'missing' }
  | { state: 'ok'; value: T }
  | { state: 'quarantined'; movedTo: string; reason: string };

/**
 * Read a JSON file through a zod schema. A file that does not parse or validate is moved aside
 * and reported to the caller (who must tell the operator); it is never silently replaced.
 */
export async function loadJsonFile<S extends z.ZodType>(
  path: string,
  schema: S,
  opts: { newestVersion?: number } = {},
): Promise<JsonLoad<z.output<S>>> {
  const text = await readTextIfExists(path);
  if (text === undefined) return { state: 'missing' };
  let reason: string;
  try {
    const raw: unknown = JSON.parse(text);
    refuseNewer(path, raw, opts.newestVersion);
    const parsed = schema.safeParse(raw);
    if (parsed.success) return { state: 'ok', value: parsed.data };
    const first = parsed.error.issues[0];
    reason = `does not match the expected format (${first ? `${first.path.join('.') || 'root'}: ${first.message}` : 'invalid'})`;
  } catch (error) {
    if (error instanceof OpsFailure) throw error;
    reason = text.trim() === '' ? 'is empty' : 'is not valid JSON (truncated or corrupted)';
  }
  const movedTo = await quarantine(path);
  return { state: 'quarantined', movedTo, reason };
}

export async function saveJsonFile(path: string, value: unknown): Promise<void> {
  await writeFileAtomic(path, JSON.stringify(value, null, 2) + '\n');
}

/**
 * Data written by a newer version is never moved aside or overwritten by an older one: the read
 * fails with a clear message and the file stays as it is.
 */
function refuseNewer(path: string, raw: unknown, newest: number | undefined): void {
  if (newest === undefined || raw === null || typeof raw !== 'object') return;
  const version = (raw as { schemaVersion?: unknown }).schemaVersion;
  if (typeof version === 'number' && version > newest) {
    throw new OpsFailure({
      kind: 'validation',
      message: `${path} was written by a newer version of Integration Ops (format ${version}); it was left untouched. Update the app to use it.`,
    });
  }
}
