import type { SnapshotTarget } from '../../../shared/bridge/calls/snapshots-types';

/**
 * Where each fact lives in the workspace repository: one file per fact, so two laptops rarely
 * touch the same file. Every segment comes from a validated id (env slug, site UUID, closed target
 * charset, ULID, change id), so no path can escape its folder.
 *
 *   workspace.json, README.md
 *   environments/<env>.json
 *   sites/<env>/<siteId>/site.json
 *   sites/<env>/<siteId>/<target>/versions/<ulid>.json     immutable snapshot
 *   sites/<env>/<siteId>/<target>/marks/<ulid>.json        immutable known-good mark or unmark
 *   sites/<env>/<siteId>/<target>/runbook.json             merged field by field
 *   sites/<env>/<siteId>/changes/<changeId>.jsonl          append-only journal (one writer)
 *   sites/<env>/<siteId>/changes/<changeId>.draft.json     the change's draft (secrets masked)
 *   sites/<env>/<siteId>/changes/<changeId>.monitor.json   the monitor's running tally
 *   sites/<env>/<siteId>/changes/<changeId>.damaged.json   a journal that could not be read back
 *   sites/<env>/<siteId>/lock.json                         the open change of the site
 */
export interface SiteRef {
  env: string;
  siteId: string;
}

export const ENV_SLUG = /^[a-z0-9][a-z0-9.-]{0,99}$/;

/** The environment of an API: its origin as a folder name (`api.selwise.com`, `127.0.0.1-4010`). */
export function envSlugOf(baseUrl: string): string {
  const u = new URL(baseUrl);
  const host = u.port ? `${u.hostname}-${u.port}` : u.hostname;
  const slug = host
    .toLowerCase()
    .replace(/[^a-z0-9.-]+/g, '-')
    .replace(/^[^a-z0-9]+/, '')
    .slice(0, 100);
  return slug || 'unnamed';
}

export function targetFolder(target: SnapshotTarget): string {
  return target.replace(':', '-');
}

export function targetOfFolder(name: string): string {
  return name.startsWith('webhook-') ? `webhook:${name.slice(8)}` : name;
}

export const siteDir = (s: SiteRef) => `sites/${s.env}/${s.siteId}`;
export const targetDir = (s: SiteRef, target: SnapshotTarget) =>
  `${siteDir(s)}/${targetFolder(target)}`;
export const versionPath = (s: SiteRef, target: SnapshotTarget, id: string) =>
  `${targetDir(s, target)}/versions/${id}.json`;
export const markPath = (s: SiteRef, target: SnapshotTarget, id: string) =>
  `${targetDir(s, target)}/marks/${id}.json`;
export const runbookPath = (s: SiteRef, target: SnapshotTarget) =>
  `${targetDir(s, target)}/runbook.json`;
export const journalPath = (s: SiteRef, changeId: string) =>
  `${siteDir(s)}/changes/${changeId}.jsonl`;
export const draftPath = (s: SiteRef, changeId: string) =>
  `${siteDir(s)}/changes/${changeId}.draft.json`;
export const tallyPath = (s: SiteRef, changeId: string) =>
  `${siteDir(s)}/changes/${changeId}.monitor.json`;
export const damagedPath = (s: SiteRef, changeId: string) =>
  `${siteDir(s)}/changes/${changeId}.damaged.json`;
export const lockPath = (s: SiteRef) => `${siteDir(s)}/lock.json`;
export const siteFilePath = (s: SiteRef) => `${siteDir(s)}/site.json`;
export const environmentPath = (env: string) => `environments/${env}.json`;

export type FileKind =
  | 'workspace'
  | 'readme'
  | 'environment'
  | 'site'
  | 'version'
  | 'mark'
  | 'runbook'
  | 'journal'
  | 'draft'
  | 'tally'
  | 'damaged'
  | 'lock'
  | 'quarantine'
  | 'other';

const PATTERNS: [FileKind, RegExp][] = [
  ['workspace', /^workspace\.json$/],
  ['readme', /^README\.md$/],
  ['quarantine', /^quarantine\//],
  ['environment', /^environments\/[^/]+\.json$/],
  ['site', /^sites\/[^/]+\/[^/]+\/site\.json$/],
  ['lock', /^sites\/[^/]+\/[^/]+\/lock\.json$/],
  ['version', /^sites\/[^/]+\/[^/]+\/[^/]+\/versions\/[0-9A-HJKMNP-TV-Z]{26}\.json$/],
  ['mark', /^sites\/[^/]+\/[^/]+\/[^/]+\/marks\/[0-9A-HJKMNP-TV-Z]{26}\.json$/],
  ['runbook', /^sites\/[^/]+\/[^/]+\/[^/]+\/runbook\.json$/],
  ['draft', /^sites\/[^/]+\/[^/]+\/changes\/[^/]+\.draft\.json$/],
  ['tally', /^sites\/[^/]+\/[^/]+\/changes\/[^/]+\.monitor\.json$/],
  ['damaged', /^sites\/[^/]+\/[^/]+\/changes\/[^/]+\.damaged\.json$/],
  ['journal', /^sites\/[^/]+\/[^/]+\/changes\/[^/]+\.jsonl$/],
];

/** What a path holds, from its place in the layout (decides how it is validated and merged). */
export function kindOf(path: string): FileKind {
  for (const [kind, re] of PATTERNS) if (re.test(path)) return kind;
  return 'other';
}
