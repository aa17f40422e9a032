import { readFile, stat } from 'node:fs/promises';
import { rootCertificates } from 'node:tls';
import { Agent, EnvHttpProxyAgent, ProxyAgent, type Dispatcher } from 'undici';
import { fail } from '../../../shared/bridge';
import type { Connection } from '../../../shared/bridge';
import type { ClientLimits } from './types';

export interface ProxyEnv {
  httpsProxy?: string | undefined;
  httpProxy?: string | undefined;
  noProxy?: string | undefined;
}

export function proxyEnvFromProcess(env: NodeJS.ProcessEnv = process.env): ProxyEnv {
  return {
    httpsProxy: env.HTTPS_PROXY ?? env.https_proxy,
    httpProxy: env.HTTP_PROXY ?? env.http_proxy,
    noProxy: env.NO_PROXY ?? env.no_proxy,
  };
}

/**
 * The extra CA is added to Node's bundled roots rather than replacing them: operators behind a
 * TLS-inspecting proxy need their corporate CA *and* the public ones. Verification stays on.
 */
const MAX_CA_BYTES = 1024 * 1024;

/**
 * One message for every way a CA file can be unusable (missing, unreadable, not a regular file,
 * too big, no PEM): anything that can call the bridge must not learn what a path holds.
 */
function unusableCa(): never {
  fail(
    'validation',
    'The CA certificate file of this connection cannot be used: it must be a readable PEM file (-----BEGIN CERTIFICATE-----) under 1 MB.',
  );
}

async function trustStore(caFile: string | undefined): Promise<string[] | undefined> {
  if (!caFile) return undefined;
  let pem: string;
  try {
    // A regular, small file only: /dev/zero or a FIFO must not hang or exhaust main.
    const info = await stat(caFile);
    if (!info.isFile() || info.size > MAX_CA_BYTES) unusableCa();
    pem = await readFile(caFile, 'utf8');
  } catch {
    unusableCa();
  }
  if (!pem.includes('-----BEGIN CERTIFICATE-----')) unusableCa();
  return [...rootCertificates, pem];
}

/**
 * One keep-alive dispatcher per connection. The profile's proxy wins; otherwise HTTPS_PROXY /
 * NO_PROXY from the environment apply; otherwise a direct Agent.
 */
export async function createDispatcher(
  profile: Pick<Connection, 'proxyUrl' | 'caFile'>,
  limits: ClientLimits,
  env: ProxyEnv,
): Promise<Dispatcher> {
  const ca = await trustStore(profile.caFile);
  const tls = { timeout: limits.connectTimeoutMs, rejectUnauthorized: true, ...(ca ? { ca } : {}) };
  const common = {
    connect: tls,
    headersTimeout: limits.headersTimeoutMs,
    bodyTimeout: limits.bodyTimeoutMs,
    keepAliveTimeout: 10_000,
    connections: 8,
  };
  if (profile.proxyUrl) {
    return new ProxyAgent({ ...common, uri: profile.proxyUrl, requestTls: tls, proxyTls: tls });
  }
  if (env.httpsProxy || env.httpProxy) {
    return new EnvHttpProxyAgent({
      ...common,
      requestTls: tls,
      proxyTls: tls,
      ...(env.httpsProxy ? { httpsProxy: env.httpsProxy } : {}),
      ...(env.httpProxy ? { httpProxy: env.httpProxy } : {}),
      ...(env.noProxy ? { noProxy: env.noProxy } : {}),
    });
  }
  return new Agent(common);
}
