import { promises as fs } from 'node:fs';
import { isDeepStrictEqual } from 'node:util';
import type { ChangeDraft } from '../../../shared/bridge/calls/changes';
import type { SnapshotTarget } from '../../../shared/bridge/calls/snapshots-types';
import { maskBodySecrets } from '../../../shared/domain/redact';
import { readTextIfExists, writeFileAtomic } from '../../base/atomic-file';
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
    private readonly ws: Pick<Workspace, 'read' | 'commit'>,
    private readonly dataDir: string,
    private readonly where: (id: string) => { site: SiteRef; target: SnapshotTarget } | undefined,
  ) {}

  async load(id: string): Promise<ChangeDraft | undefined> {
    const at = this.where(id);
    if (!at) return undefined;
    const shared = readJson(DraftFile, (await this.ws.read(draftPath(at.site, id))) ?? '');
    const local = readJson(
      DraftFile,
      (await readTextIfExists(localDraftPath(this.dataDir, id))) ?? '',
    );
    if (
      local &&
      shared &&
      isDeepStrictEqual(maskBodySecrets(at.target, local.draft.body), shared.draft.body)
    )
      return local.draft;
    return shared?.draft;
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
