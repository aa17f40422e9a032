import { z } from 'zod';
import { call } from '../define';

const LOOPBACK = new Set(['127.0.0.1', 'localhost', '[::1]']);

/** A smart-HTTP git remote: https (plain http only on this machine), no credentials in the URL. */
export const GitRemoteUrl = z
  .string()
  .trim()
  .max(2048)
  .refine((s) => {
    try {
      const u = new URL(s);
      return (
        (u.protocol === 'https:' || (u.protocol === 'http:' && LOOPBACK.has(u.hostname))) &&
        !u.username &&
        !u.password
      );
    } catch {
      return false;
    }
  }, 'an https:// git URL without credentials (SSH remotes are not supported), e.g. https://github.com/acme/ops-workspace.git');

export const BranchName = z
  .string()
  .trim()
  .regex(/^(?!.*\.\.)(?!\/)(?!.*\/$)[A-Za-z0-9._/-]{1,100}$/, 'a branch name such as main');

/** The team workspace's remote as settings hold it; the token lives in the secret store. */
export const WorkspaceRemote = z.object({
  url: GitRemoteUrl,
  branch: BranchName.default('main'),
  username: z.string().trim().min(1, 'the git username').max(200),
  proxyUrl: z.url().max(2048).optional(),
  caFile: z.string().max(4096).optional(),
  enabled: z.boolean().default(false),
});
export type WorkspaceRemote = z.infer<typeof WorkspaceRemote>;

export const WorkspaceRemoteInput = WorkspaceRemote.omit({ enabled: true }).extend({
  /** Write-only; absent keeps the stored one. */
  token: z.string().min(1).max(4096).optional(),
});

export const MigrationReport = z.object({
  at: z.string(),
  before: z.record(z.string(), z.number().int()),
  after: z.record(z.string(), z.number().int()),
});
export type MigrationReport = z.infer<typeof MigrationReport>;

export const WorkspaceStatus = z.object({
  remote: z.boolean(),
  state: z.enum(['local', 'syncing', 'synced', 'pending', 'offline', 'error']),
  ahead: z.number().int(),
  lastSyncAt: z.string().optional(),
  lastError: z.string().optional(),
  problems: z.array(z.string()),
});
export type WorkspaceStatus = z.infer<typeof WorkspaceStatus>;

export const WorkspaceInfo = z.object({
  status: WorkspaceStatus,
  folder: z.string(),
  remote: WorkspaceRemote.extend({ hasToken: z.boolean() }).optional(),
  migration: MigrationReport.optional(),
});
export type WorkspaceInfo = z.infer<typeof WorkspaceInfo>;

export const workspaceCalls = {
  'workspace.info': call(z.object({}), WorkspaceInfo),
  /** Saves the remote (not enabled yet); a token given replaces the stored one. */
  'workspace.configure': call(WorkspaceRemoteInput, WorkspaceInfo),
  /** Reaches the remote with the saved settings (read and push rights); changes nothing. */
  'workspace.test': call(
    z.object({}),
    z.object({ ok: z.literal(true), branchExists: z.boolean(), durationMs: z.number() }),
  ),
  'workspace.enable': call(z.object({ enabled: z.boolean() }), WorkspaceInfo),
  /** "Sync now": pull, merge and push at once. */
  'workspace.sync': call(z.object({}), WorkspaceStatus),
};

export const workspaceEvents = {
  'workspace.status': WorkspaceStatus,
};
