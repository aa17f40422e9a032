import { readFile, stat } from 'node:fs/promises';
import { rootCertificates } from 'node:tls';
import { Agent, EnvHttpProxyAgent, ProxyAgent, type Dispatcher } from 'undici';
import { fail, OpsFailure } from '../../../shared/bridge';
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

async function trustStore(caFile: string | undefined): Promise<string[] | undefined> {
  if (!caFile) return undefined;
  let pem: string;
  try {
    // A regular, small file only: /dev/zero or a FIFO must not hang or exhaust main.
    const info = await stat(caFile);
    if (!info.isFile() || info.size > MAX_CA_BYTES) {
      fail(
        'validation',
        `The CA certificate file of this connection must be a PEM file under 1 MB: ${caFile}`,
      );
    }
    pem = await readFile(caFile, 'utf8');
  } catch (error) {
    if (error instanceof OpsFailure) throw error;
    const code = (error as NodeJS.ErrnoException).code ?? 'unreadable';
    fail(
      'validation',
      `The CA certificate file of this connection cannot be read (${code}): ${caFile}`,
    );
  }
  if (!pem.includes('-----BEGIN CERTIFICATE-----')) {
    fail(
      'validation',
      `The CA file ${caFile} holds no PEM certificate (expected "-----BEGIN CERTIFICATE-----").`,
    );
  }
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
