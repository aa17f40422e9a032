import type { SecretBackendInfo } from '../../../shared/bridge';

/**
 * Where connection tokens live. Only main holds them; the renderer only ever sees `hasToken`.
 * `ref` is a local id (closed charset), never a user-supplied path.
 */
export interface SecretStore {
  info(): SecretBackendInfo;
  get(ref: string): Promise<string | undefined>;
  set(ref: string, value: string): Promise<void>;
  delete(ref: string): Promise<void>;
}
