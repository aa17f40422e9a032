import { mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { request } from 'undici';
import { afterEach, describe, expect, it } from 'vitest';
import { eventually } from '../../fakes/poll';
import { startHarness, TOKEN, type Harness } from '../../contract/helpers';
import { RawSocket } from './raw-socket';
import { nested } from './hostile-server';

let h: Harness | undefined;
afterEach(async () => {
  await h?.stop();
  h = undefined;
});

const base = () => `/sites/${h!.site}/integrations`;
type Body = Record<string, unknown>;

/** One writable resource per kind: where it lives and how to make a visibly different body. */
const RESOURCES = [
  {
    kind: 'webhook',
    path: async () =>
      `${base()}/webhooks/${(await h!.api('GET', `${base()}/webhooks`)).body.webhooks[0].id}`,
    edit: (b: Body, tag: string): Body => ({ ...b, name: `renamed ${tag}` }),
    seen: (b: Body) => b.name as string,
  },
  {
    kind: 'GA4 integration',
    path: () => Promise.resolve(`${base()}/ga4`),
    edit: (b: Body, tag: string): Body => ({
      ...b,
      eventMapping: { ...(b.eventMapping as object), [`ev_${tag}`]: 'x' },
    }),
    seen: (b: Body) =>
      Object.keys(b.eventMapping as object)
        .filter((k) => k.startsWith('ev_'))
        .join(),
  },
  {
    kind: 'data layer',
    path: () => Promise.resolve(`${base()}/data-layer`),
    edit: (b: Body, tag: string): Body => ({ ...b, objectName: `dl_${tag}` }),
    seen: (b: Body) => b.objectName as string,
  },
];

/**
 * A PUT sent by hand: headers and `Expect: 100-continue` first; once the server answers
 * "100 Continue" its handler is running and waiting for the body, which the test sends later.
 */
async function slowPut(path: string, ifMatch: string, body: unknown) {
  const text = JSON.stringify(body);
  const raw = await RawSocket.open(h!.sb.port);
  await raw.write(
    `PUT /api/v1${path} HTTP/1.1\r\nHost: 127.0.0.1:${h!.sb.port}\r\nAuthorization: Bearer ${TOKEN}\r\n` +
      `Content-Type: application/json\r\nIf-Match: ${ifMatch}\r\nContent-Length: ${Buffer.byteLength(text)}\r\n` +
      `Expect: 100-continue\r\nConnection: close\r\n\r\n`,
  );
  await eventually(() => raw.received.toString('latin1').startsWith('HTTP/1.1 100'), {
    what: '100 Continue',
  });
  return {
    async finish(): Promise<number> {
      await raw.write(text);
      const status = await eventually(
        () => /HTTP\/1\.1 (\d{3}) (?!Continue)/.exec(raw.received.toString('latin1'))?.[1],
        { what: 'the answer to the slow PUT' },
      );
      raw.destroy();
      return Number(status);
    },
  };
}

describe('case 4: a slow-body PUT and a fast PUT with the same If-Match', () => {
  it.each(RESOURCES.map((r) => [r.kind, r] as const))(
    '%s: exactly one wins, the other gets 412, nothing is lost',
    { timeout: 30_000 },
    async (_kind, r) => {
      h = await startHarness();
      const path = await r.path();
      const read = await h.api('GET', path);
      const etag = String(read.headers.etag);
      const slow = await slowPut(path, etag, r.edit(read.body, 'slow'));
      const fast = await h.api('PUT', path, {
        body: r.edit(read.body, 'fast'),
        headers: { 'if-match': etag },
      });
      expect(fast.status).toBe(200);
      expect(await slow.finish()).toBe(412);
      const after = await h.api('GET', path);
      expect(r.seen(after.body)).toBe(r.seen(fast.body));
    },
  );
});

describe('case 5: one request must not poison a site', () => {
  it('a config nested 5,000 deep gets 422, is not applied, and GET keeps working', async () => {
    h = await startHarness();
    const path = `${base()}/ga4`;
    const read = await h.api('GET', path);
    // Written as text: building it with JSON.stringify would overflow this test's own stack.
    const text = `${JSON.stringify({ ...read.body, config: undefined }).slice(0, -1)},"config":{"measurementId":"G-ABCDEF1234","x":${nested(5000)}}}`;
    const put = await request(`${h.sb.url}${path}`, {
      method: 'PUT',
      headers: { authorization: `Bearer ${TOKEN}`, 'content-type': 'application/json' },
      body: text,
    });
    expect(put.statusCode).toBe(422);
    expect(((await put.body.json()) as { message: string }).message).toMatch(
      /nests deeper than 64 levels/,
    );
    const again = await h.api('GET', path);
    expect(again.status).toBe(200);
    expect(again.headers.etag).toBe(read.headers.etag);
    // Later writes of the site work and reach the disk.
    const dl = await h.api('GET', `${base()}/data-layer`);
    const ok = await h.api('PUT', `${base()}/data-layer`, {
      body: { ...dl.body, objectName: 'afterDeep' },
    });
    expect(ok.status).toBe(200);
    const onDisk = JSON.parse(readFileSync(join(h.dir, 'sites', `${h.site}.json`), 'utf8'));
    expect(onDisk.site.dataLayer.objectName).toBe('afterDeep');
  });

  it('memory changes only after the write reached the disk: a failed write changes nothing, a restart loses nothing', async () => {
    h = await startHarness();
    const dir = h.dir;
    const file = join(dir, 'sites', `${h.site}.json`);
    const dl = await h.api('GET', `${base()}/data-layer`);
    // The site file cannot be replaced (a directory stands in its place): the write fails.
    rmSync(file);
    mkdirSync(join(file, 'blocker'), { recursive: true });
    const failed = await h.api('PUT', `${base()}/data-layer`, {
      body: { ...dl.body, objectName: 'lost' },
    });
    expect(failed.status).toBe(500);
    const unchanged = await h.api('GET', `${base()}/data-layer`);
    expect(unchanged.body.objectName).toBe(dl.body.objectName);
    expect(unchanged.headers.etag).toBe(dl.headers.etag);
    // The disk works again: the next write lands in memory and on disk, and survives a restart.
    rmSync(file, { recursive: true });
    writeFileSync(file, JSON.stringify({ schemaVersion: 1, site: {} })); // replaced by the write
    const ok = await h.api('PUT', `${base()}/data-layer`, {
      body: { ...dl.body, objectName: 'kept' },
      headers: { 'if-match': String(dl.headers.etag) },
    });
    expect(ok.status).toBe(200);
    await h.sb.close();
    h = await startHarness({}, dir);
    expect((await h.api('GET', `${base()}/data-layer`)).body.objectName).toBe('kept');
    await h.stop();
    h = undefined;
    rmSync(dir, { recursive: true, force: true });
  });
});
