import { execFileSync } from 'node:child_process';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { selfSignedCert } from '../../fakes/fault-proxy';
import { startGitServer, type GitServer } from '../../fakes/git-server';
import { cleanup, laptop, type Laptop } from './helpers';

// A git server behind a company CA the laptop does not know: the extra CA of the workspace
// settings goes through the same undici dispatcher as the API's, and verification stays on.
const cert = selfSignedCert();
let server: GitServer;
const laptops: Laptop[] = [];

beforeAll(async () => {
  server = await startGitServer({ tls: cert });
});
afterAll(async () => {
  await Promise.all(laptops.map((l) => l.ws.close()));
  await server.close();
  cert.cleanup();
  cleanup(...laptops.map((l) => l.dataDir));
});
async function open(name: string, opts: { caFile?: string } = {}) {
  const l = await laptop(name, server, opts);
  laptops.push(l);
  return l;
}

describe('a team workspace on an https git server with its own CA', () => {
  it('is refused while the CA is unknown: the certificate is named, nothing is sent, the local commit stays', async () => {
    expect(server.url).toMatch(/^https:\/\//);
    const a = await open('Ada Ops');
    await a.ws.commit([{ path: 'sites/tls.txt', text: 'kept locally\n' }], 'before the CA');
    await a.ws.sync();
    expect(a.ws.status()).toMatchObject({
      state: 'error',
      lastError: expect.stringMatching(/certificate is not trusted \(\w+\).*CA file/),
    });
    // The TLS handshake failed before any request: the token never left the laptop.
    expect(server.requests).toHaveLength(0);
    expect(await a.ws.read('sites/tls.txt')).toBe('kept locally\n');
  });

  it('syncs once the CA file is given: pushed, and a second laptop with the CA gets it', async () => {
    const a = await open('Ada Ops', { caFile: cert.certFile });
    await a.ws.commit([{ path: 'sites/tls.txt', text: 'over https\n' }], 'through the company CA');
    await a.ws.sync();
    expect(a.ws.status().state).toBe('synced');
    expect(server.requests.some((r) => r.path.endsWith('/git-receive-pack'))).toBe(true);
    expect(server.requests.every((r) => r.user === server.username)).toBe(true);
    const log = execFileSync(
      'git',
      ['--git-dir', server.repoDir, 'log', '--format=%an|%s', 'main'],
      {
        encoding: 'utf8',
      },
    );
    expect(log).toContain('Ada Ops|through the company CA');

    const b = await open('Bob Oncall', { caFile: cert.certFile });
    await b.ws.sync();
    expect(b.ws.status().state).toBe('synced');
    expect(await b.ws.read('sites/tls.txt')).toBe('over https\n');
  });
});
