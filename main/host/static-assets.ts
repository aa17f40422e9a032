import { promises as fs } from 'node:fs';
import { extname, resolve, sep } from 'node:path';

const TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.ico': 'image/x-icon',
  '.woff2': 'font/woff2',
  '.txt': 'text/plain; charset=utf-8',
};

/**
 * The renderer's Content-Security-Policy, sent as a response header by both the app:// protocol
 * and the browser-mode server: no inline script, no eval, no remote anything.
 */
export function contentSecurityPolicy(): string {
  return [
    "default-src 'none'",
    "script-src 'self'",
    "style-src 'self'",
    "img-src 'self' data:",
    "font-src 'self'",
    "connect-src 'self'",
    "worker-src 'self' blob:",
    "base-uri 'none'",
    "form-action 'none'",
    "frame-ancestors 'none'",
    "object-src 'none'",
  ].join('; ');
}

export const SECURITY_HEADERS: Record<string, string> = {
  'Content-Security-Policy': contentSecurityPolicy(),
  'X-Content-Type-Options': 'nosniff',
  'Referrer-Policy': 'no-referrer',
  'X-Frame-Options': 'DENY',
  'Cross-Origin-Opener-Policy': 'same-origin',
  'Cross-Origin-Resource-Policy': 'same-origin',
};

export type AssetLookup =
  | { status: 200; filePath: string; contentType: string }
  | { status: 400 | 403 | 404; reason: string };

/**
 * Map a URL path to a file under `root`, refusing anything that would leave it (`..`, encoded
 * separators, NUL). Unknown paths without an extension fall back to index.html (hash routing
 * makes that rare, but a reload on `/` must work).
 */
export async function lookupAsset(root: string, urlPath: string): Promise<AssetLookup> {
  let decoded: string;
  try {
    decoded = decodeURIComponent(urlPath);
  } catch {
    return { status: 400, reason: 'malformed path' };
  }
  if (decoded.includes('\0') || decoded.includes('\\'))
    return { status: 400, reason: 'malformed path' };
  if (decoded.split('/').some((part) => part === '..'))
    return { status: 403, reason: 'path traversal refused' };
  const base = resolve(root);
  const relative = decoded === '/' || decoded === '' ? 'index.html' : decoded.replace(/^\/+/, '');
  const target = resolve(base, relative);
  if (target !== base && !target.startsWith(base + sep))
    return { status: 403, reason: 'path traversal refused' };
  try {
    const stat = await fs.stat(target);
    if (stat.isFile())
      return {
        status: 200,
        filePath: target,
        contentType: TYPES[extname(target)] ?? 'application/octet-stream',
      };
  } catch {
    /* fall through */
  }
  if (!extname(relative))
    return { status: 200, filePath: resolve(base, 'index.html'), contentType: TYPES['.html']! };
  return { status: 404, reason: 'not found' };
}
