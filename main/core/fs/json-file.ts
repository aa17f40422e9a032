import type { z } from 'zod';
import { quarantine, readTextIfExists, writeFileAtomic } from './atomic-file';

export type JsonLoad<T> =
  | { state: 'missing' }
  | { state: 'ok'; value: T }
  | { state: 'quarantined'; movedTo: string; reason: string };

/**
 * Read a JSON file through a zod schema. A file that does not parse or validate is moved aside
 * and reported to the caller (who must tell the operator); it is never silently replaced.
 */
export async function loadJsonFile<S extends z.ZodType>(path: string, schema: S): Promise<JsonLoad<z.output<S>>> {
  const text = await readTextIfExists(path);
  if (text === undefined) return { state: 'missing' };
  let reason: string;
  try {
    const parsed = schema.safeParse(JSON.parse(text));
    if (parsed.success) return { state: 'ok', value: parsed.data };
    const first = parsed.error.issues[0];
    reason = `does not match the expected format (${first ? `${first.path.join('.') || 'root'}: ${first.message}` : 'invalid'})`;
  } catch {
    reason = text.trim() === '' ? 'is empty' : 'is not valid JSON (truncated or corrupted)';
  }
  const movedTo = await quarantine(path);
  return { state: 'quarantined', movedTo, reason };
}

export async function saveJsonFile(path: string, value: unknown): Promise<void> {
  await writeFileAtomic(path, JSON.stringify(value, null, 2) + '\n');
}
