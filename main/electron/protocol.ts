import { readFile } from 'node:fs/promises';
import { protocol } from 'electron';
import { lookupAsset, SECURITY_HEADERS } from '../host/static-assets';

export const APP_SCHEME = 'app';

/** Must run before `app.ready`: app:// is a standard, secure scheme (never file://). */
export function registerAppScheme(): void {
  protocol.registerSchemesAsPrivileged([
    { scheme: APP_SCHEME, privileges: { standard: true, secure: true, supportFetchAPI: true } },
  ]);
}

/** Serves the built renderer from `rendererDir` with the CSP as a response header. */
export function createAppProtocolHandler(rendererDir: string) {
  return async (request: Request): Promise<Response> => {
    const url = new URL(request.url);
    if (url.host !== 'ops') return new Response('Not found', { status: 404 });
    const asset = await lookupAsset(rendererDir, url.pathname);
    if (asset.status !== 200)
      return new Response(asset.reason, { status: asset.status, headers: SECURITY_HEADERS });
    const body = await readFile(asset.filePath);
    return new Response(body, {
      status: 200,
      headers: { ...SECURITY_HEADERS, 'Content-Type': asset.contentType },
    });
  };
}

export function handleAppProtocol(rendererDir: string): void {
  protocol.handle(APP_SCHEME, createAppProtocolHandler(rendererDir));
}
