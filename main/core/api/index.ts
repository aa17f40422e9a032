export {
  createApiService,
  createApiHandlers,
  type ApiService,
  type ApiServiceDeps,
  type ApiHandlers,
} from './handlers';
export type { ConnectionResolver, ClientLimits } from './types';
export { DEFAULT_LIMITS } from './types';
