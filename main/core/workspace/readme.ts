/** The README.md generated into every workspace: what each folder holds, for plain-git readers. */
export const WORKSPACE_README = `# Integration Ops team workspace

This repository is written by Integration Ops. It holds the operational memory of the on-call
rotation: known-good snapshots, marks, runbooks, change journals and the one-change-per-site lock.
One file per fact, so merges rarely conflict. No secret is ever committed: every commit is checked.

| path | what it holds |
| --- | --- |
| \`workspace.json\` | schema version and name |
| \`environments/<env>.json\` | one API environment: label and API origin (\`<env>\` is a slug of the origin) |
| \`sites/<env>/<siteId>/site.json\` | the site's label |
| \`sites/<env>/<siteId>/<target>/versions/<ulid>.json\` | one immutable snapshot (secrets masked): sha-256, source, label, change, author, time |
| \`sites/<env>/<siteId>/<target>/marks/<ulid>.json\` | one known-good mark or unmark, with author and note |
| \`sites/<env>/<siteId>/<target>/runbook.json\` | owner, escalation path, business cycle, rollback controls, notes |
| \`sites/<env>/<siteId>/changes/<changeId>.jsonl\` | the journal of one change, one JSON line per step (append-only) |
| \`sites/<env>/<siteId>/changes/<changeId>.draft.json\` | the draft of a change (secrets masked) |
| \`sites/<env>/<siteId>/changes/<changeId>.monitor.json\` | the running tally of a change's log monitoring |
| \`sites/<env>/<siteId>/lock.json\` | the open change on the site: id, target, operator, since, heartbeat |
| \`quarantine/\` | files that arrived and could not be read, kept aside |

\`<target>\` is \`ga4\`, \`meta\`, \`gads\`, \`data-layer\` or \`webhook-<id>\`. Versions are named by
ULID (time-ordered); the "vN" the app shows is their order in the merged history.

Editing by hand is fine (for example a runbook change reviewed in a pull request): the app picks
the commit up at its next sync. A file that does not match its format is moved to \`quarantine/\`.
`;
