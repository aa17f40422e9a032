import type { ConnectionService } from '../connections/connection-service';
import { SANDBOX_CONNECTION_ID } from '../connections/embedded-sandbox';
import type { SettingsStore } from '../settings/settings-store';
import { EnvironmentFile, readJson, SiteFile } from './files';
import { envSlugOf, environmentPath, siteFilePath, type SiteRef } from './layout';
import type { FileWrite } from './repository';

/**
 * Where a connection's facts go in the workspace. Connection ids are local to one laptop, so the
 * repository is keyed by environment (the API origin as a slug): two laptops with connections to
 * the same API share a folder. The embedded sandbox is a different server on every laptop (and
 * moves port at each launch), so it gets an environment of its own per install.
 */
export class Places {
  constructor(
    private readonly settings: SettingsStore,
    private readonly connections: ConnectionService,
    private readonly laptop: string,
  ) {}

  private stored(connectionId: string) {
    return this.settings.snapshot.connections.find((c) => c.id === connectionId);
  }

  envOf(connectionId: string): string {
    const c = this.stored(connectionId);
    if (!c) return `connection-${connectionId.toLowerCase()}`.slice(0, 100);
    if (c.kind === 'sandbox' || c.id === SANDBOX_CONNECTION_ID) return `sandbox-${this.laptop}`;
    return envSlugOf(c.baseUrl);
  }

  site(connectionId: string, siteId: string): SiteRef {
    return { env: this.envOf(connectionId), siteId };
  }

  /** The local connection that reaches an environment (for journals written on other laptops). */
  connectionFor(env: string): string | undefined {
    return this.settings.snapshot.connections.find((c) => this.envOf(c.id) === env)?.id;
  }

  /** environments/<env>.json and site.json, when missing or renamed: added to the next commit. */
  async describe(
    connectionId: string,
    siteId: string,
    read: (path: string) => Promise<string | undefined>,
  ): Promise<FileWrite[]> {
    const ref = this.site(connectionId, siteId);
    const out: FileWrite[] = [];
    const c = this.stored(connectionId);
    const envPath = environmentPath(ref.env);
    const env = {
      schemaVersion: 1 as const,
      label: c?.name ?? ref.env,
      apiOrigin: c ? new URL(c.baseUrl).origin : '',
    };
    if (!readJson(EnvironmentFile, (await read(envPath)) ?? ''))
      out.push({ path: envPath, text: JSON.stringify(env, null, 2) + '\n' });
    const label =
      this.connections
        .listSites()
        .find((s) => s.connectionId === connectionId && s.siteId === siteId)?.label ?? siteId;
    const sitePath = siteFilePath(ref);
    if (readJson(SiteFile, (await read(sitePath)) ?? '')?.label !== label)
      out.push({
        path: sitePath,
        text: JSON.stringify({ schemaVersion: 1, label }, null, 2) + '\n',
      });
    return out;
  }
}
