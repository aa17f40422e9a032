import { mkdtempSync, mkdirSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { createAppProtocolHandler } from '../../../main/electron/protocol';

describe('app:// protocol handler', () => {
  let root: string;
  let handler: (r: Request) => Promise<Response>;
  beforeAll(() => {
    const base = mkdtempSync(join(tmpdir(), 'ops-proto-'));
    root = join(base, 'renderer');
    mkdirSync(join(root, 'assets'), { recursive: true });
    writeFileSync(join(root, 'index.html'), '<!doctype html><title>ok</title>');
    writeFileSync(join(root, 'assets', 'app.js'), 'console.log(1)');
    writeFileSync(join(base, 'secret.txt'), 'outside the renderer folder');
    handler = createAppProtocolHandler(root);
  });

  it('serves the renderer with a strict CSP response header', async () => {
    const res = await handler(new Request('app://ops/index.html'));
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toMatch(/text\/html/);
    const csp = res.headers.get('content-security-policy')!;
    expect(csp).toContain("default-src 'none'");
    expect(csp).toContain("script-src 'self'");
    expect(csp).not.toContain('unsafe-inline');
    expect(csp).not.toContain('unsafe-eval');
    expect(res.headers.get('x-content-type-options')).toBe('nosniff');
    const js = await handler(new Request('app://ops/assets/app.js'));
    expect(js.headers.get('content-type')).toMatch(/javascript/);
  });

  // Request/URL normalise plain "../" away, so the table covers what survives URL parsing too.
  it.each([
    ['app://ops/%2e%2e/secret.txt'],
    ['app://ops/assets/%2e%2e/%2e%2e/secret.txt'],
    ['app://ops/..%2fsecret.txt'],
    ['app://ops/assets/..%2f..%2fsecret.txt'],
    ['app://ops/%2e%2e%2fsecret.txt'],
    ['app://ops/..%5csecret.txt'],
    ['app://ops/%00index.html'],
    ['app://ops/%E0%A4%A'],
  ])('refuses %s', async (url) => {
    const res = await handler(new Request(url));
    expect([400, 403, 404]).toContain(res.status);
    expect(await res.text()).not.toContain('outside the renderer folder');
  });

  it('answers 404 for another host and for missing files', async () => {
    expect((await handler(new Request('app://evil/index.html'))).status).toBe(404);
    expect((await handler(new Request('app://ops/missing.js'))).status).toBe(404);
  });
});
