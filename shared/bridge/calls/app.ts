import { z } from 'zod';
import { call } from '../define';
import { patchOf } from '../patch';

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

/**
 * Preferences. Every message names its field in the operator's words, so an error shown on screen
 * (or returned to a script on the bridge) says which value was refused.
 */
export const Settings = z.object({
  operatorName: z.string().max(120, 'Operator name: at most 120 characters').default(''),
  /** With the name, the git author of every commit to the team workspace. */
  operatorEmail: z.string().trim().max(200, 'Operator email: at most 200 characters').default(''),
  /** How often the team workspace pulls while online (seconds). */
  workspaceSyncSec: z
    .number('Team workspace sync interval: a number of seconds')
    .int('Team workspace sync interval: a whole number of seconds')
    .min(10, 'Team workspace sync interval: at least 10 seconds')
    .max(3600, 'Team workspace sync interval: at most 3600 seconds (one hour)')
    .default(60),
  refreshIntervalSec: z
    .number('Auto-refresh interval: a number of seconds')
    .int('Auto-refresh interval: a whole number of seconds')
    .min(5, 'Auto-refresh interval: at least 5 seconds')
    .max(3600, 'Auto-refresh interval: at most 3600 seconds (one hour)')
    .default(30),
  /** The shortest monitoring window a change may close with (minutes). */
  monitorMinimumMinutes: z
    .number('Shortest monitoring window: a number of minutes')
    .min(0.05, 'Shortest monitoring window: at least 0.05 minutes (3 seconds)')
    .max(7 * 24 * 60, 'Shortest monitoring window: at most 10080 minutes (7 days)')
    .default(60),
  logBufferSize: z
    .number('Log lines kept per view: a number')
    .int('Log lines kept per view: a whole number')
    .min(1000, 'Log lines kept per view: at least 1,000')
    .max(1_000_000, 'Log lines kept per view: at most 1,000,000')
    .default(100_000),
  /** How log lines and traces show times: local (the app's one format) or UTC (as incident tickets
   * across zones use). */
  timeZone: z.enum(['utc', 'local'], 'Time zone: local or UTC').default('local'),
  updatesEnabled: z.boolean('Check for app updates: on or off').default(false),
  allowInsecureSecrets: z
    .boolean('Allow storing tokens without an OS keyring: on or off')
    .default(false),
});
export type Settings = z.infer<typeof Settings>;
/** A partial update: only the fields it names change (no defaults fill the others in). */
export const SettingsPatch = patchOf(Settings);
export type SettingsPatch = z.infer<typeof SettingsPatch>;

export const appCalls = {
  'app.info': call(z.object({}), AppInfo),
  'settings.get': call(z.object({}), Settings),
  'settings.update': call(SettingsPatch, Settings),
};
