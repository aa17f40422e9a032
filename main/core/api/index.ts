export {
  createApiService,
  createApiHandlers,
  type ApiService,
  type ApiServiceDeps,
  type ApiHandlers,
} from './handlers';
export type { ApiReads, LogPaging } from './reads';
export type { ApiWrites, ApiTests, Written } from './writes';
export { isUnreachable, type Freshness, type Target as ApiTarget } from './service';
export type { ConnectionResolver, ClientLimits } from './types';
export { DEFAULT_LIMITS } from './types';
