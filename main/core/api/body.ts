import type { Dispatcher } from 'undici';
import { fail } from '../../../shared/bridge';

/**
 * Reads a body but never more than `cap` bytes: a hostile or broken server could otherwise fill
 * memory (fault case 7, docs/architecture.md). The socket is destroyed as soon as the cap is crossed.
 */
export async function readCapped(
  body: Dispatcher.ResponseData['body'],
  cap: number,
  target: string,
): Promise<Buffer> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of body) {
    const buf = chunk as Buffer;
    size += buf.length;
    if (size > cap) {
      discard(body);
      fail(
        'contract',
        `The answer of ${target} is larger than the ${formatBytes(cap)} limit; it was not read further.`,
      );
    }
    chunks.push(buf);
  }
  return Buffer.concat(chunks, size);
}

export function formatBytes(n: number): string {
  if (n >= 1024 * 1024) return `${Math.round(n / 1024 / 1024)} MB`;
  if (n >= 1024) return `${Math.round(n / 1024)} KB`;
  return `${n} B`;
}

export function isJsonType(contentType: string | undefined): boolean {
  if (!contentType) return false;
  const essence = contentType.split(';')[0]?.trim().toLowerCase() ?? '';
  return essence === 'application/json' || essence.endsWith('+json');
}

/** Stops a body we will not read; the abort error it emits is expected, so it is swallowed. */
export function discard(body: Dispatcher.ResponseData['body']): void {
  body.on('error', () => undefined);
  body.destroy();
}
