import { join } from 'node:path';

/**
 * Files that stay on this laptop, outside the repository: a draft holding a secret the operator
 * typed but has not applied yet (the workspace copy has it masked).
 */
export const localDraftPath = (dataDir: string, changeId: string) =>
  join(dataDir, 'workspace-local', 'drafts', `${changeId}.json`);
