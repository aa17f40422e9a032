import git, { type HttpClient } from 'isomorphic-git';
import { EMPTY_TREE, treeOf, type GitDir } from './git-tree';

const ZERO = '0000000000000000000000000000000000000000';

const pkt = (line: string) => {
  const body = Buffer.from(line);
  return Buffer.concat([Buffer.from((body.length + 4).toString(16).padStart(4, '0')), body]);
};

/** Splits a pkt-line stream into its lines (flush packets dropped). */
function pktLines(buf: Buffer): string[] {
  const out: string[] = [];
  let i = 0;
  while (i + 4 <= buf.length) {
    const len = parseInt(buf.subarray(i, i + 4).toString('latin1'), 16);
    if (!Number.isFinite(len)) break;
    if (len < 4) {
      i += 4;
      continue;
    }
    out.push(
      buf
        .subarray(i + 4, i + len)
        .toString('utf8')
        .replace(/\n$/, ''),
    );
    i += len;
  }
  return out;
}

async function body(res: { body?: AsyncIterableIterator<Uint8Array> }): Promise<Buffer> {
  const parts: Uint8Array[] = [];
  if (res.body) for await (const c of res.body) parts.push(c);
  return Buffer.concat(parts);
}

/** Objects in tree `b` that tree `a` does not have (identical subtrees skipped by oid). */
async function newObjects(g: GitDir, a: string | undefined, b: string, out: Set<string>) {
  if (a === b) return;
  out.add(b);
  const old = new Map(
    a && a !== EMPTY_TREE
      ? (await git.readTree({ ...g, oid: a })).tree.map((e) => [e.path, e])
      : [],
  );
  for (const e of (await git.readTree({ ...g, oid: b })).tree) {
    const prev = old.get(e.path);
    if (prev?.oid === e.oid) continue;
    if (e.type === 'tree')
      await newObjects(g, prev?.type === 'tree' ? prev.oid : undefined, e.oid, out);
    else if (e.type === 'blob') out.add(e.oid);
  }
}

export interface PushTarget {
  url: string;
  branch: string;
  headers: Record<string, string>;
  http: HttpClient;
}

/**
 * Push over smart HTTP with a pack of only what changed since the remote's head. isomorphic-git's
 * push lists every object of both trees, which at 20,000 files costs a second per push; this walks
 * the changed paths only. The server's ref update is the compare-and-swap: `<old> <new>` is refused
 * unless the branch still is at `<old>` (then 'rejected': pull and try again).
 */
export async function pushBranch(
  g: GitDir,
  head: string,
  t: PushTarget,
): Promise<'pushed' | 'up_to_date' | 'rejected'> {
  const ref = `refs/heads/${t.branch}`;
  const adv = await t.http.request({
    url: `${t.url.replace(/\/$/, '')}/info/refs?service=git-receive-pack`,
    method: 'GET',
    headers: t.headers,
  });
  const advBody = await body(adv);
  if (adv.statusCode !== 200)
    throw Object.assign(new Error(`HTTP ${adv.statusCode}`), {
      code: 'HttpError',
      data: { statusCode: adv.statusCode },
    });
  let old = ZERO;
  for (const line of pktLines(advBody)) {
    const [oid, name] = line.split('\0')[0]!.split(' ');
    if (name === ref && oid) old = oid;
  }
  if (old === head) return 'up_to_date';

  // The remote's head must be ours or an ancestor of ours: otherwise someone moved first.
  const bases =
    old === ZERO ? [] : await git.findMergeBase({ ...g, oids: [head, old] }).catch(() => undefined);
  if (bases === undefined || (old !== ZERO && !(bases as string[]).includes(old)))
    return 'rejected';

  const stop = new Set<string>(old === ZERO ? [] : [old]);
  const commits: string[] = [];
  const queue = [head];
  const seen = new Set<string>();
  while (queue.length) {
    const oid = queue.pop()!;
    if (seen.has(oid) || stop.has(oid)) continue;
    seen.add(oid);
    commits.push(oid);
    queue.push(...(await git.readCommit({ ...g, oid })).commit.parent);
  }
  const remoteTree = old === ZERO ? undefined : await treeOf(g, old);
  const objects = new Set<string>(commits);
  for (const c of commits) await newObjects(g, remoteTree, (await treeOf(g, c))!, objects);
  const { packfile } = await git.packObjects({ ...g, oids: [...objects] });

  const request = Buffer.concat([
    pkt(`${old} ${head} ${ref}\0report-status agent=integration-ops\n`),
    Buffer.from('0000'),
    Buffer.from(packfile!),
  ]);
  const res = await t.http.request({
    url: `${t.url.replace(/\/$/, '')}/git-receive-pack`,
    method: 'POST',
    headers: {
      ...t.headers,
      'Content-Type': 'application/x-git-receive-pack-request',
      Accept: 'application/x-git-receive-pack-result',
    },
    body: (async function* () {
      await Promise.resolve();
      yield new Uint8Array(request);
    })(),
  });
  const lines = pktLines(await body(res));
  if (res.statusCode !== 200)
    throw Object.assign(new Error(`HTTP ${res.statusCode}`), {
      code: 'HttpError',
      data: { statusCode: res.statusCode },
    });
  if (!lines[0]?.startsWith('unpack ok'))
    throw new Error(`The git server could not unpack the push: ${lines[0] ?? 'no answer'}`);
  const status = lines.find((l) => l.endsWith(` ${ref}`) || l.includes(` ${ref} `));
  if (!status?.startsWith('ok ')) return 'rejected';
  return 'pushed';
}
