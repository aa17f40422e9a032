/** Raw persistence of the settings document: electron-store under Electron, conf in browser mode. */
export interface SettingsBackend {
  readonly path: string;
  read(): unknown;
  write(doc: Record<string, unknown>): void;
}
