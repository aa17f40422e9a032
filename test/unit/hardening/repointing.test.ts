import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { BrowserMode } from './browser-process';
import { HostileServer, json } from './hostile-server';

// Issue 13 case 8: re-pointing a stored token without re-entering it, the CA file as a file
// oracle, and a backslash URL shown as one port while requests went to another.
const SITE = '3f1c2a9e-8b7d-4c6e-9f10-1234567890ab';
const answer = (_req: unknown, res: Parameters<typeof json>[0]) =>
  json(res, 200, JSON.stringify({ siteId: SITE, integrations: [] }));

let app: BrowserMode;
let e1: HostileServer;
let e2: HostileServer;
let files: string;

beforeAll(async () => {
  e1 = await new HostileServer(answer).start();
  e2 = await new HostileServer(answer).start();
  files = mkdtempSync(join(tmpdir(), 'ops-ca-'));
  app = await new BrowserMode().start(['--no-sandbox']);
}, 90_000);

afterAll(async () => {
  await app?.dispose();
  await e1?.close();
  await e2?.close();
  rmSync(files, { recursive: true, force: true });
});

describe('case 8: where and how a stored token is sent', () => {
  it('a URL with a backslash is normalised before validation, stored and shown as where requests go', async () => {
    const typed = `http://127.0.0.1:${e1.port}\\@127.0.0.1:${e2.port}/api/v1`;
    const saved = await app.value('connections.save', {
      id: 'bs',
      name: 'Backslash',
      baseUrl: typed,
      token: 'tok_backslash_0123456789',
    });
    const shown = `http://127.0.0.1:${e1.port}/@127.0.0.1:${e2.port}/api/v1`;
    expect(saved.baseUrl).toBe(shown);
    expect((await app.value('connections.list', {})).find((c: any) => c.id === 'bs').baseUrl).toBe(
      shown,
    );
    await app.call('connections.test', { connectionId: 'bs', siteId: SITE });
    expect(e1.requests).toHaveLength(1);
    expect(e1.requests[0]!.url).toBe(`/@127.0.0.1:${e2.port}/api/v1/sites/${SITE}/integrations`);
    expect(e2.requests).toEqual([]);
  });

  it('changing the CA file of a stored connection requires the token again', async () => {
    const base = { id: 'ca', name: 'CA', baseUrl: `${e1.url}/api/v1` };
    await app.value('connections.save', { ...base, token: 'tok_ca_0123456789' });
    const pem = join(files, 'ca.pem');
    writeFileSync(pem, '-----BEGIN CERTIFICATE-----\nMIIB\n-----END CERTIFICATE-----\n');
    const refused = await app.call('connections.save', { ...base, caFile: pem });
    expect(refused).toMatchObject({
      ok: false,
      error: {
        kind: 'validation',
        message: expect.stringMatching(/CA file\): enter the token again/),
        issues: [{ path: 'token' }],
      },
    });
    expect((await app.value('connections.list', {})).find((c: any) => c.id === 'ca').caFile).toBe(
      undefined,
    );
    const accepted = await app.value('connections.save', {
      ...base,
      caFile: pem,
      token: 'tok_ca_0123456789',
    });
    expect(accepted.caFile).toBe(pem);
    // Removing it is a change of how the token is sent too.
    expect((await app.call('connections.save', base)).ok).toBe(false);
  });

  it('CA errors do not reveal what a path holds: one message for missing, directory, big, non-PEM and device', async () => {
    const big = join(files, 'big.pem');
    writeFileSync(big, Buffer.alloc(1024 * 1024 + 1, 0x41));
    const text = join(files, 'notes.txt');
    writeFileSync(text, 'just some text\n');
    const paths = [join(files, 'missing.pem'), files, big, text, '/dev/zero', '/etc/shadow'];
    const messages = new Set<string>();
    for (const [i, caFile] of paths.entries()) {
      await app.value('connections.save', {
        id: `oracle-${i}`,
        name: `Oracle ${i}`,
        baseUrl: `${e1.url}/api/v1`,
        caFile,
        token: 'tok_oracle_0123456789',
      });
      const r = await app.call('connections.test', { connectionId: `oracle-${i}`, siteId: SITE });
      expect(r.ok).toBe(false);
      messages.add(r.error!.message);
    }
    expect([...messages]).toEqual([
      'The CA certificate file of this connection cannot be used: it must be a readable PEM file (-----BEGIN CERTIFICATE-----) under 1 MB.',
    ]);
    expect(app.alive).toBe(true);
  });
});
