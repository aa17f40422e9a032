import { promises as fs } from 'node:fs';
import { join } from 'node:path';
import { monotonicFactory } from 'ulid';
import { z } from 'zod';
import { MigrationReport } from '../../../shared/bridge/calls/workspace';
import { SnapshotTarget } from '../../../shared/bridge/calls/snapshots-types';
import { maskBodySecrets } from '../../../shared/domain/redact';
import { RunbookFields } from '../../../shared/domain/workflow/runbook';
import type { Emit } from '../../../shared/bridge';
import { readTextIfExists, writeFileAtomic } from '../../base/atomic-file';
import { MarkRecord } from '../snapshots/records';
import { readVersion } from '../snapshots/read-version';
import type { DamageSink } from '../damage/register';
import { DraftFile, TallyFile, readJson, type Author } from './files';
import { notImported, readLegacyJournal } from './migrate-damage';
import {
  draftPath,
  journalPath,
  markPath,
  runbookPath,
  tallyPath,
  targetOfFolder,
  versionPath,
} from './layout';
import type { Places } from './places';
import type { FileWrite } from './repository';
import { localDraftPath } from './local-files';
import type { Workspace } from './workspace';

const REPORT = 'workspace-migration.json';
const LegacyRunbooks = z.object({
  schemaVersion: z.literal(1),
  runbooks: z.record(
    z.string(),
    RunbookFields.extend({ updatedAt: z.string(), updatedBy: z.string() }),
  ),
});

export async function readMigrationReport(dataDir: string): Promise<MigrationReport | undefined> {
  const text = await readTextIfExists(join(dataDir, REPORT));
  return text ? readJson(MigrationReport, text) : undefined;
}

async function names(dir: string): Promise<string[]> {
  try {
    return (await fs.readdir(dir)).sort();
  } catch {
    return [];
  }
}

const LEGACY_AUTHOR: Author = { name: 'imported', email: 'imported@integration-ops.invalid' };

type Counts = Record<'versions' | 'marks' | 'runbooks' | 'journals' | 'drafts' | 'tallies', number>;
const zero = (): Counts => ({
  versions: 0,
  marks: 0,
  runbooks: 0,
  journals: 0,
  drafts: 0,
  tallies: 0,
});

/**
 * First start on a data folder written before the team workspace: every snapshot version, mark,
 * runbook, journal, draft and monitor tally is imported into the workspace in one commit. The old
 * folders stay where they are (nothing is deleted); counts before and after are kept in
 * workspace-migration.json, shown in Settings and announced once.
 */
export async function migrateDataFolder(
  dataDir: string,
  ws: Workspace,
  places: Places,
  emit: Emit,
  damage: DamageSink,
): Promise<MigrationReport | undefined> {
  if (await readMigrationReport(dataDir)) return undefined;
  const before = zero();
  const files: FileWrite[] = [];
  const sitesSeen = new Map<string, { connectionId: string; siteId: string }>();

  // Snapshots: versions in number order get time-ordered ULIDs, so "vN" stays N.
  const snapRoot = join(dataDir, 'snapshots');
  for (const connectionId of await names(snapRoot))
    for (const siteId of await names(join(snapRoot, connectionId)))
      for (const folder of await names(join(snapRoot, connectionId, siteId))) {
        const target = SnapshotTarget.safeParse(targetOfFolder(folder));
        if (!target.success) continue;
        const key = { connectionId, siteId, target: target.data };
        const dir = join(snapRoot, connectionId, siteId, folder);
        const site = places.site(connectionId, siteId);
        sitesSeen.set(`${connectionId}/${siteId}`, { connectionId, siteId });
        const nextId = monotonicFactory();
        const idOf = new Map<number, string>();
        const versionFiles = (await names(dir)).filter((n) => /^\d{6,}\.json$/.test(n));
        for (const name of versionFiles) {
          const number = Number(name.slice(0, -5));
          const r = await readVersion(dir, name, key, number);
          if (r.kind === 'missing') continue;
          before.versions++;
          if (r.kind !== 'ok') {
            notImported(
              damage,
              'snapshots',
              join(dir, name),
              r.reason,
              `snapshot version ${number} of ${folder} on site ${siteId}`,
            );
            continue;
          }
          const id = nextId(Date.parse(r.record.createdAt));
          idOf.set(number, id);
          files.push({
            path: versionPath(site, key.target, id),
            text: JSON.stringify({
              schemaVersion: 1,
              id,
              siteId,
              target: key.target,
              sha256: r.record.sha256,
              source: r.record.source,
              ...(r.record.label ? { label: r.record.label } : {}),
              ...(r.record.changeId ? { changeId: r.record.changeId } : {}),
              author: LEGACY_AUTHOR,
              takenAt: r.record.createdAt,
              body: r.record.body,
            }),
          });
          if (r.legacyKnownGood) {
            // The first prototype kept known-good inline: it becomes a mark file like the others.
            before.marks++;
            const markId = nextId(Date.parse(r.record.createdAt));
            files.push({
              path: markPath(site, key.target, markId),
              text: JSON.stringify({
                schemaVersion: 1,
                id: markId,
                versionId: id,
                knownGood: true,
                author: LEGACY_AUTHOR,
                at: r.record.createdAt,
              }),
            });
          }
        }
        const nextMark = monotonicFactory();
        for (const name of await names(join(dir, 'marks'))) {
          if (!/^\d{6,}\.json$/.test(name)) continue;
          const m = readJson(MarkRecord, (await readTextIfExists(join(dir, 'marks', name))) ?? '');
          const versionId = m && idOf.get(m.version);
          before.marks++;
          if (!m || !versionId) {
            notImported(
              damage,
              'snapshots',
              join(dir, 'marks', name),
              m
                ? `names version ${m.version}, which could not be imported`
                : 'does not match the mark format',
              `a known-good mark of ${folder} on site ${siteId}`,
            );
            continue;
          }
          const id = nextMark(Date.parse(m.at));
          files.push({
            path: markPath(site, key.target, id),
            text: JSON.stringify({
              schemaVersion: 1,
              id,
              versionId,
              knownGood: m.knownGood,
              ...(m.note ? { note: m.note } : {}),
              author: LEGACY_AUTHOR,
              at: m.at,
            }),
          });
        }
      }

  // Runbooks: one file per site -> one runbook.json per target.
  const rbRoot = join(dataDir, 'runbooks');
  for (const connectionId of await names(rbRoot))
    for (const name of await names(join(rbRoot, connectionId))) {
      if (!name.endsWith('.json')) continue;
      const siteId = name.slice(0, -5);
      const file = readJson(
        LegacyRunbooks,
        (await readTextIfExists(join(rbRoot, connectionId, name))) ?? '',
      );
      if (!file) {
        notImported(
          damage,
          'runbooks',
          join(rbRoot, connectionId, name),
          'does not match the runbooks format',
          `the runbooks of site ${siteId}`,
        );
        continue;
      }
      sitesSeen.set(`${connectionId}/${siteId}`, { connectionId, siteId });
      for (const [target, saved] of Object.entries(file.runbooks)) {
        const t = SnapshotTarget.safeParse(target);
        if (!t.success) continue;
        before.runbooks++;
        const { updatedAt, updatedBy, ...runbook } = saved;
        files.push({
          path: runbookPath(places.site(connectionId, siteId), t.data),
          text:
            JSON.stringify(
              { schemaVersion: 1, runbook, fieldBy: {}, updatedAt, updatedBy, conflicts: [] },
              null,
              2,
            ) + '\n',
        });
      }
    }

  // Journals, with their drafts and tallies, under the site their `started` line names.
  const chRoot = join(dataDir, 'changes');
  const ids = new Set(
    (await names(chRoot))
      .map((n) => /^([A-Za-z0-9_-]{1,64})\.(jsonl|damaged\.json)$/.exec(n)?.[1])
      .filter((id): id is string => !!id),
  );
  for (const id of ids) {
    before.journals++;
    const j = await readLegacyJournal(chRoot, id, (c, s) => places.site(c, s), new Date());
    if (j.damaged) {
      // Imported as a damaged change: it keeps its site's lock (every site's, if unknown).
      files.push(...j.damaged);
      notImported(
        damage,
        'changes',
        join(chRoot, `${id}.jsonl`),
        'does not read back whole',
        `the journal of change ${id} (imported as a damaged change that holds its lock until an operator abandons it)`,
        id,
      );
      continue;
    }
    const { text, started } = j;
    if (!text || !started) continue;
    const site = places.site(started.connectionId, started.siteId);
    sitesSeen.set(`${started.connectionId}/${started.siteId}`, started);
    files.push({ path: journalPath(site, id), text });
    const draftFile = join(chRoot, `${id}.draft.json`);
    const draftText = await readTextIfExists(draftFile);
    const draft = readJson(DraftFile, draftText ?? '');
    if (draftText !== undefined && !draft) {
      before.drafts++;
      notImported(
        damage,
        'drafts',
        draftFile,
        'does not match the draft format',
        `the draft of change ${id}`,
      );
    }
    if (draft) {
      before.drafts++;
      const masked = maskBodySecrets(started.target, draft.draft.body);
      files.push({
        path: draftPath(site, id),
        text: JSON.stringify({ schemaVersion: 1, draft: { ...draft.draft, body: masked } }),
      });
      // A typed secret not applied yet stays on this laptop only, as the draft store expects.
      if (JSON.stringify(masked) !== JSON.stringify(draft.draft.body))
        await writeFileAtomic(localDraftPath(dataDir, id), JSON.stringify(draft));
    }
    const tallyFile = join(chRoot, `${id}.monitor.json`);
    const tallyText = await readTextIfExists(tallyFile);
    const tally = readJson(TallyFile, tallyText ?? '');
    if (tallyText !== undefined && !tally) {
      before.tallies++;
      notImported(
        damage,
        'monitor',
        tallyFile,
        'does not match the tally format',
        `the monitor tally of change ${id}`,
      );
    }
    if (tally) {
      before.tallies++;
      files.push({ path: tallyPath(site, id), text: JSON.stringify(tally) });
    }
  }

  if (files.length === 0) {
    await writeFileAtomic(
      join(dataDir, REPORT),
      JSON.stringify({ at: new Date().toISOString(), before, after: before }),
    );
    return undefined;
  }
  for (const s of sitesSeen.values())
    files.push(...(await places.describe(s.connectionId, s.siteId, (p) => ws.read(p))));
  await ws.commit(
    files,
    `Import the data folder of this laptop (${Object.entries(before)
      .map(([k, v]) => `${v} ${k}`)
      .join(', ')})`,
    { push: false },
  );

  const after = zero();
  const kinds: [keyof Counts, RegExp][] = [
    ['versions', /^sites\/.*\/versions\/[^/]+\.json$/],
    ['marks', /^sites\/.*\/marks\/[^/]+\.json$/],
    ['runbooks', /^sites\/.*\/runbook\.json$/],
    ['journals', /^sites\/.*\/changes\/[^/]+\.jsonl$/],
    ['drafts', /^sites\/.*\.draft\.json$/],
    ['tallies', /^sites\/.*\.monitor\.json$/],
  ];
  for (const f of files) {
    const k = kinds.find(([, re]) => re.test(f.path));
    if (k && (await ws.read(f.path)) === f.text) after[k[0]]++;
  }
  const report: MigrationReport = { at: new Date().toISOString(), before, after };
  await writeFileAtomic(join(dataDir, REPORT), JSON.stringify(report, null, 2));
  emit('app.notice', {
    level: 'info',
    message: `Imported into the team workspace: ${Object.entries(after)
      .map(([k, v]) => `${v} of ${before[k as keyof Counts]} ${k}`)
      .join(', ')}.`,
  });
  return report;
}
