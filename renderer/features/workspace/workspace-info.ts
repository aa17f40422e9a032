import type { WorkspaceInfo } from '../../../shared/bridge/calls/workspace';
import { queryKeyOf } from '../../data/keys';
import { queryClient } from '../../data/query-client';

/** What a workspace call answered replaces the cached `workspace.info` (header and Settings). */
export function showWorkspaceInfo(next: WorkspaceInfo | ((info: WorkspaceInfo) => WorkspaceInfo)) {
  queryClient.setQueryData<WorkspaceInfo>(queryKeyOf('workspace.info', {}), (info) =>
    typeof next === 'function' ? info && next(info) : next,
  );
}
