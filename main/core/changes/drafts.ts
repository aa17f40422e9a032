import { promises as fs } from 'node:fs';
import { isDeepStrictEqual } from 'node:util';
import type { ChangeDraft } from '../../../shared/bridge/calls/changes';
import type { SnapshotTarget } from '../../../shared/bridge/calls/snapshots-types';
import { maskBodySecrets } from '../../../shared/domain/redact';
import { writeFileAtomic } from '../../base/atomic-file';
import type { DamageSink } from '../damage/register';
import { loadJsonFile } from '../fs/json-file';
import { DraftFile, readJson } from '../workspace/files';
import { draftPath, type SiteRef } from '../workspace/layout';
import { localDraftPath } from '../workspace/local-files';
import type { Workspace } from '../workspace/workspace';

/**
 * The draft of a change, in the team workspace (a colleague taking over sees it) with every secret
 * masked. A secret the operator typed and has not applied yet stays on this laptop only: the full
 * draft is kept beside the data folder and used while the shared copy still matches it.
 */
export class DraftStore {
  constructor(
    private readonly ws: Pick<Workspace, 'commit' | 'guard'>,
    private readonly dataDir: string,
    private readonly where: (id: string) => { site: SiteRef; target: SnapshotTarget } | undefined,
    private readonly damage: DamageSink = () => undefined,
  ) {}

  async load(id: string): Promise<ChangeDraft | undefined> {
    const at = this.where(id);
    if (!at) return undefined;
    const lost = `the draft of change ${id} (edits not yet applied); the Config step starts again from the baseline`;
    const shared = readJson(
      DraftFile,
      (await this.ws.guard.read(draftPath(at.site, id), { store: 'drafts', lost, changeId: id })) ??
        '',
    );
    const local = await this.loadLocal(id);
    if (
      local &&
      shared &&
      isDeepStrictEqual(maskBodySecrets(at.target, local.draft.body), shared.draft.body)
    )
      return local.draft;
    return shared?.draft;
  }

  /** The copy with the typed secrets (this laptop only); a damaged one is moved aside and reported. */
  private async loadLocal(id: string) {
    const file = localDraftPath(this.dataDir, id);
    const r = await loadJsonFile(file, DraftFile, { newestVersion: 1 });
    if (r.state === 'quarantined')
      this.damage({
        store: 'drafts',
        file,
        movedTo: r.movedTo,
        reason: r.reason,
        lost: `the secrets typed into the draft of change ${id} and not applied yet (they are never shared); the shared draft is used, with those secrets to enter again`,
        changeId: id,
      });
    return r.state === 'ok' ? r.value : undefined;
  }

  async save(id: string, draft: ChangeDraft): Promise<void> {
    const at = this.where(id);
    if (!at) throw new Error(`change ${id} has no journal`);
    const masked = maskBodySecrets(at.target, draft.body);
    const local = localDraftPath(this.dataDir, id);
    if (isDeepStrictEqual(masked, draft.body)) await fs.rm(local, { force: true });
    else await writeFileAtomic(local, JSON.stringify({ schemaVersion: 1, draft }));
    await this.ws.commit(
      [
        {
          path: draftPath(at.site, id),
          text:
            JSON.stringify({ schemaVersion: 1, draft: { ...draft, body: masked } }, null, 2) + '\n',
        },
      ],
      `Draft of ${id}`,
      { push: false },
    );
  }
}
