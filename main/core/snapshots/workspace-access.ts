import type { SnapshotKey } from '../../../shared/bridge/calls/snapshots-types';
import type { Author } from '../workspace/files';
import type { Places } from '../workspace/places';
import type { FileWrite } from '../workspace/repository';
import type { Workspace } from '../workspace/workspace';

/** What the snapshot store needs of the team workspace (a narrow seam, easy to build in tests). */
export interface SnapshotsWorkspace {
  ws: Pick<Workspace, 'read' | 'list' | 'commit' | 'guard'>;
  places: Pick<Places, 'site'>;
  author: () => Author;
  /** The site's descriptive files when missing, to add to a commit. */
  describe: (key: SnapshotKey) => Promise<FileWrite[]>;
  /** Paths a merge changed. */
  onChange: (listener: (paths: string[]) => void) => void;
}
