import type { IncomingMessage, ServerResponse } from 'node:http';
import { jsonTextDepth, MAX_JSON_DEPTH } from '../../shared/contract/json-depth';
import { HttpError } from './errors';

const MAX_BODY = 1024 * 1024;

/** Reads a JSON body with a size cap; an empty body is `undefined` (optional bodies, e.g. test). */
export async function readJson(req: IncomingMessage): Promise<unknown> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of req as AsyncIterable<Buffer>) {
    size += chunk.length;
    if (size > MAX_BODY) throw new HttpError(413, `Request body is larger than ${MAX_BODY} bytes`);
    chunks.push(chunk);
  }
  const text = Buffer.concat(chunks).toString('utf8');
  if (text.trim() === '') return undefined;
  const type = req.headers['content-type'] ?? '';
  if (!/^application\/(.+\+)?json\b/i.test(type)) {
    throw new HttpError(415, 'Send the body as application/json');
  }
  // Before parsing: a body nested thousands deep would overflow the recursive walks that follow
  // (validation, cloning, the JSON written to disk). The bound is the client's own.
  if (jsonTextDepth(text, MAX_JSON_DEPTH) > MAX_JSON_DEPTH) {
    throw new HttpError(422, `The body nests deeper than ${MAX_JSON_DEPTH} levels`, [
      { path: '(body)', message: `at most ${MAX_JSON_DEPTH} levels of objects and arrays` },
    ]);
  }
  try {
    return JSON.parse(text) as unknown;
  } catch {
    throw new HttpError(400, 'The body is not valid JSON');
  }
}

export function sendJson(
  res: ServerResponse,
  status: number,
  body: unknown,
  headers: Record<string, string> = {},
): void {
  const text = JSON.stringify(body);
  res.writeHead(status, {
    'content-type': 'application/json; charset=utf-8',
    'content-length': Buffer.byteLength(text),
    'cache-control': 'no-store',
    ...headers,
  });
  res.end(text);
}

export function sendEmpty(
  res: ServerResponse,
  status: number,
  headers: Record<string, string> = {},
): void {
  res.writeHead(status, headers);
  res.end();
}
