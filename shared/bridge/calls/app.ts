import { z } from 'zod';
import { call } from '../define';

export const SecretBackendInfo = z.object({
  name: z.string(),
  /** false for plaintext-equivalent backends (Linux basic_text, the 0600 file): shown as a warning. */
  secure: z.boolean(),
  available: z.boolean(),
  warning: z.string().optional(),
});
export type SecretBackendInfo = z.infer<typeof SecretBackendInfo>;

export const AppInfo = z.object({
  name: z.string(),
  version: z.string(),
  mode: z.enum(['electron', 'browser']),
  dataDir: z.string(),
  platform: z.string(),
  nodeVersion: z.string(),
  electronVersion: z.string().optional(),
  secretBackend: SecretBackendInfo,
  /** Notices from start-up the operator must see (e.g. a corrupt settings file moved aside). */
  notices: z.array(z.string()),
});
export type AppInfo = z.infer<typeof AppInfo>;

export const Settings = z.object({
  operatorName: z.string().max(120).default(''),
  /** With the name, the git author of every commit to the team workspace. */
  operatorEmail: z.string().trim().max(200).default(''),
  /** How often the team workspace pulls while online (seconds). */
  workspaceSyncSec: z.number().int().min(10).max(3600).default(60),
  refreshIntervalSec: z.number().int().min(5).max(3600).default(30),
  /** The shortest monitoring window a change may close with (minutes). */
  monitorMinimumMinutes: z
    .number()
    .min(0.05)
    .max(7 * 24 * 60)
    .default(60),
  logBufferSize: z.number().int().min(1000).max(1_000_000).default(100_000),
  /** How log lines and traces show times: local (the app's one format) or UTC (as incident tickets
   * across zones use). */
  timeZone: z.enum(['utc', 'local']).default('local'),
  updatesEnabled: z.boolean().default(false),
  allowInsecureSecrets: z.boolean().default(false),
});
export type Settings = z.infer<typeof Settings>;

const s = Settings.shape;
/**
 * A change to some settings: only the fields sent. (`Settings.partial()` would fill every absent
 * field with its default, so saving one field would silently reset all the others.)
 */
export const SettingsPatch = z
  .object({
    operatorName: s.operatorName.unwrap(),
    operatorEmail: s.operatorEmail.unwrap(),
    workspaceSyncSec: s.workspaceSyncSec.unwrap(),
    refreshIntervalSec: s.refreshIntervalSec.unwrap(),
    monitorMinimumMinutes: s.monitorMinimumMinutes.unwrap(),
    logBufferSize: s.logBufferSize.unwrap(),
    timeZone: s.timeZone.unwrap(),
    updatesEnabled: s.updatesEnabled.unwrap(),
    allowInsecureSecrets: s.allowInsecureSecrets.unwrap(),
  })
  .partial();
// A setting added to Settings but not to the patch fails the build here.
const _everySettingPatchable: Record<keyof Settings, z.ZodType> = SettingsPatch.shape;

export const appCalls = {
  'app.info': call(z.object({}), AppInfo),
  'settings.get': call(z.object({}), Settings),
  'settings.update': call(SettingsPatch, Settings),
};
