import { mkdtempSync, mkdirSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { lookupAsset } from '../../../main/host/static-assets';

// The raw path table: what a custom protocol or HTTP request line can carry before any URL parser.
describe('lookupAsset path traversal', () => {
  let root: string;
  beforeAll(() => {
    const base = mkdtempSync(join(tmpdir(), 'ops-assets-'));
    root = join(base, 'renderer');
    mkdirSync(join(root, 'assets'), { recursive: true });
    writeFileSync(join(root, 'index.html'), 'index');
    writeFileSync(join(root, 'assets', 'a.js'), 'a');
    writeFileSync(join(base, 'secret.txt'), 'secret');
  });

  it.each([
    ['/../secret.txt', 403],
    ['/assets/../../secret.txt', 403],
    ['/%2e%2e/secret.txt', 403],
    ['/..%2fsecret.txt', 403],
    ['/assets/%2e%2e%2f%2e%2e%2fsecret.txt', 403],
    ['/..\\secret.txt', 400],
    ['/%5c..%5csecret.txt', 400],
    ['/index.html%00.js', 400],
    ['/%E0%A4%A', 400],
    ['/missing.js', 404],
  ])('%s -> %i', async (path, status) => {
    expect((await lookupAsset(root, path)).status).toBe(status);
  });

  it('serves files inside the root and falls back to index.html for routes', async () => {
    expect(await lookupAsset(root, '/assets/a.js')).toMatchObject({
      status: 200,
      contentType: expect.stringMatching(/javascript/),
    });
    expect(await lookupAsset(root, '/')).toMatchObject({
      status: 200,
      filePath: join(root, 'index.html'),
    });
    expect(await lookupAsset(root, '/overview')).toMatchObject({
      status: 200,
      filePath: join(root, 'index.html'),
    });
  });
});
