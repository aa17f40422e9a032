import type { GitHttpRequest, GitHttpResponse, HttpClient } from 'isomorphic-git';
import { request, type Dispatcher } from 'undici';
import { DEFAULT_LIMITS } from '../api/types';
import { createDispatcher, proxyEnvFromProcess } from '../api/dispatcher';

export interface RemoteNetwork {
  proxyUrl?: string | undefined;
  caFile?: string | undefined;
}

async function collect(body: AsyncIterableIterator<Uint8Array> | undefined): Promise<Buffer> {
  const parts: Uint8Array[] = [];
  if (body) for await (const chunk of body) parts.push(chunk);
  return Buffer.concat(parts);
}

/**
 * isomorphic-git's HTTP client, sent through the app's undici dispatcher so the proxy (profile or
 * HTTPS_PROXY/NO_PROXY) and the extra CA of the workspace settings apply as they do to the API.
 * Redirects are not followed: the basic-auth header must never reach another host.
 */
export async function undiciGitHttp(
  network: RemoteNetwork,
): Promise<HttpClient & { close(): Promise<void> }> {
  const dispatcher: Dispatcher = await createDispatcher(
    network,
    { ...DEFAULT_LIMITS, bodyTimeoutMs: 60_000, headersTimeoutMs: 30_000 },
    proxyEnvFromProcess(),
  );
  return {
    async request(req: GitHttpRequest): Promise<GitHttpResponse> {
      const body = req.method === 'POST' ? await collect(req.body) : undefined;
      const res = await request(req.url, {
        dispatcher,
        method: req.method ?? 'GET',
        headers: req.headers ?? {},
        ...(body ? { body } : {}),
        ...(req.signal ? { signal: req.signal } : {}),
      });
      const headers: Record<string, string> = {};
      for (const [k, v] of Object.entries(res.headers))
        if (v !== undefined) headers[k] = Array.isArray(v) ? v.join(', ') : v;
      const chunks = res.body[Symbol.asyncIterator]() as AsyncIterableIterator<Uint8Array>;
      return {
        url: req.url,
        method: req.method ?? 'GET',
        headers,
        body: chunks,
        statusCode: res.statusCode,
        statusMessage: String(res.statusCode),
      };
    },
    // Destroy, not close: quitting must not wait for a git server that stopped answering.
    close: () => dispatcher.destroy(),
  };
}
