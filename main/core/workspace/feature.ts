import { randomBytes } from 'node:crypto';
import { userInfo } from 'node:os';
import { join } from 'node:path';
import type { CallContext, HandlersOf } from '../../../shared/bridge';
import { fail } from '../../../shared/bridge/errors';
import type { WorkspaceInfo, workspaceCalls } from '../../../shared/bridge/calls/workspace';
import type { Emit } from '../../../shared/bridge';
import type { ConnectionService } from '../connections/connection-service';
import type { DamageSink } from '../damage/register';
import type { Feature } from '../feature';
import type { SettingsStore } from '../settings/settings-store';
import { readTextIfExists, writeFileAtomic } from '../../base/atomic-file';
import type { SecretStore } from '../secrets/types';
import { LockFile, readJson, type Author } from './files';
import { migrateDataFolder, readMigrationReport } from './migrate';
import { Places } from './places';
import type { WorkspaceChange } from './repository';
import { describeRemoteError, type RemoteConfig } from './sync';
import { Workspace } from './workspace';

export const WORKSPACE_TOKEN_REF = 'workspace-token';

export interface WorkspaceFeature extends Feature<HandlersOf<typeof workspaceCalls, CallContext>> {
  ws: Workspace;
  places: Places;
  /** This install's id: who holds a lock, who may resume a change. */
  laptop: string;
  author: () => Author;
  /** Stores subscribe to learn which files a merge changed. */
  onChange: (listener: (c: WorkspaceChange) => void) => void;
  /** Pull before a decision (Start change, restore); the remote's absence or silence is fine. */
  pullBefore: () => Promise<void>;
  /** What the operator must read once at start (the import of an older data folder). */
  startupNotices: string[];
  /** Pull on start (once the local stores are loaded: local data first), then every interval. */
  startSync: (after: Promise<unknown>) => void;
}

async function laptopId(dataDir: string): Promise<string> {
  const path = join(dataDir, 'workspace-laptop-id');
  const known = (await readTextIfExists(path))?.trim();
  if (known && /^[a-z0-9]{8,32}$/.test(known)) return known;
  const id = randomBytes(5).toString('hex');
  await writeFileAtomic(path, `${id}\n`);
  return id;
}

/**
 * The team workspace inside the core: one repository every store writes through, its remote
 * (settings + the secret store), the sync loop, status events and the Settings calls.
 */
export interface WorkspaceDeps {
  dataDir: string;
  emit: Emit;
  settings: SettingsStore;
  connections: ConnectionService;
  /** Where damaged workspace files are reported (the damage register). */
  damage: DamageSink;
}

export async function createWorkspaceFeature(
  deps: WorkspaceDeps,
  secrets: SecretStore,
): Promise<WorkspaceFeature> {
  const laptop = await laptopId(deps.dataDir);
  const places = new Places(deps.settings, deps.connections, laptop);
  const listeners = new Set<(c: WorkspaceChange) => void>();
  const author = (): Author => {
    const s = deps.settings.settings;
    const name = s.operatorName.trim() || safeUser() || 'Integration Ops operator';
    return { name, email: s.operatorEmail.trim() || `${laptop}@integration-ops.invalid` };
  };
  const remote = async (): Promise<RemoteConfig | undefined> => {
    const r = deps.settings.snapshot.workspace;
    if (!r?.enabled) return undefined;
    const token = await secrets.get(WORKSPACE_TOKEN_REF);
    if (!token) return undefined;
    return { ...r, token };
  };
  const knownTokens = async () => {
    const refs = [
      WORKSPACE_TOKEN_REF,
      ...deps.settings.snapshot.connections.map((c) => c.secretRef),
    ];
    const values = await Promise.all(refs.map((r) => secrets.get(r).catch(() => undefined)));
    return values.filter((v): v is string => !!v);
  };
  const ws = await Workspace.open({
    dataDir: deps.dataDir,
    author,
    knownTokens,
    remote,
    laptop,
    damage: deps.damage,
    onStatus: (s) => deps.emit('workspace.status', s),
    onChange: (c) => {
      for (const l of listeners) l(c);
    },
  });
  // A lock contested while a laptop was offline: whoever pulls the merged lock hears about it.
  listeners.add((c) => {
    for (const path of c.paths.filter((p) => p.endsWith('/lock.json')))
      void ws.read(path).then((text) => {
        const lock = text ? readJson(LockFile, text) : undefined;
        for (const other of lock?.contested ?? [])
          ws.report(
            `Team lock conflict: ${other.operator.name} opened change ${other.changeId} on site ${path.split('/')[2]} (${other.target}) while ${lock!.operator.name} held the lock since ${lock!.since}.`,
          );
      });
  });
  const migrated = await migrateDataFolder(deps.dataDir, ws, places, deps.emit, deps.damage);
  const startupNotices = migrated
    ? [
        `Your data folder was imported into the team workspace: ${Object.entries(migrated.after)
          .map(([k, v]) => `${v} of ${migrated.before[k] ?? 0} ${k}`)
          .join(', ')}. The old folders were left in place.`,
      ]
    : [];

  async function info(): Promise<WorkspaceInfo> {
    const r = deps.settings.snapshot.workspace;
    const migration = await readMigrationReport(deps.dataDir);
    return {
      status: ws.status(),
      folder: ws.repo.folder.dir,
      ...(r ? { remote: { ...r, hasToken: !!(await secrets.get(WORKSPACE_TOKEN_REF)) } } : {}),
      ...(migration ? { migration } : {}),
    };
  }

  return {
    ws,
    places,
    laptop,
    author,
    onChange: (l) => void listeners.add(l),
    pullBefore: () => ws.sync(),
    startupNotices,
    startSync: (after) =>
      void after
        .catch(() => undefined)
        .then(() => ws.startLoop(() => deps.settings.settings.workspaceSyncSec * 1000)),
    handlers: {
      'workspace.info': info,
      'workspace.configure': async (i) => {
        const { token, ...rest } = i;
        const prev = deps.settings.snapshot.workspace;
        const moved = prev && (prev.url !== rest.url || prev.username !== rest.username);
        if (moved && token === undefined)
          fail('validation', 'The URL or username changed: enter the token again to confirm.', {
            issues: [{ path: 'token', message: 'required when the URL or username changes' }],
          });
        if (token !== undefined) await secrets.set(WORKSPACE_TOKEN_REF, token);
        deps.settings.update((doc) => ({
          ...doc,
          workspace: { ...rest, enabled: prev?.enabled ?? false },
        }));
        return info();
      },
      'workspace.test': async () => {
        const r = deps.settings.snapshot.workspace;
        const token = await secrets.get(WORKSPACE_TOKEN_REF);
        if (!r || !token) fail('validation', 'Save the URL, username and token first.');
        const started = Date.now();
        try {
          const t = await ws.testRemote({ ...r, token });
          return {
            ok: true as const,
            branchExists: t.branchExists,
            durationMs: Date.now() - started,
          };
        } catch (error) {
          const d = describeRemoteError(error);
          fail(d.offline ? 'network' : 'validation', d.message);
        }
      },
      'workspace.enable': async (i) => {
        const r = deps.settings.snapshot.workspace;
        if (i.enabled && (!r || !(await secrets.get(WORKSPACE_TOKEN_REF))))
          fail('validation', 'Save the URL, username and token first.');
        if (r) deps.settings.update((doc) => ({ ...doc, workspace: { ...r, enabled: i.enabled } }));
        // The first sync runs behind: its progress shows in the status (a large clone takes time).
        void ws.sync();
        return info();
      },
      'workspace.sync': async () => {
        await ws.sync();
        return ws.status();
      },
    },
    close: () => ws.close(),
  };
}

function safeUser(): string {
  try {
    return userInfo().username;
  } catch {
    return '';
  }
}
