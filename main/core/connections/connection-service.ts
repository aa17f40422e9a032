import { randomUUID } from 'node:crypto';
import {
  DEFAULT_COLOR,
  OpsFailure,
  type ConnectionInput,
  type Connection,
  type Site,
  type SiteInput,
} from '../../../shared/bridge';
import type { z } from 'zod';
import type { SecretStore } from '../secrets/types';
import type { SettingsStore } from '../settings/settings-store';
import type { StoredConnection } from '../settings/schema';
import { siteConflict } from './site-rules';

export interface ResolvedConnection {
  profile: Connection;
  token: string | undefined;
}

/**
 * True when an edit would change where or how the stored token is sent: address, auth header,
 * proxy, or CA file (which decides which server the TLS connection accepts).
 */
function redirectsToken(
  existing: StoredConnection,
  input: z.output<typeof ConnectionInput>,
): boolean {
  const origin = (u: string) => new URL(u).origin;
  return (
    origin(existing.baseUrl) !== origin(input.baseUrl) ||
    existing.authScheme !== input.authScheme ||
    (existing.authHeader ?? '') !==
      (input.authScheme === 'header' ? (input.authHeader ?? '') : '') ||
    (existing.proxyUrl ?? '') !== (input.proxyUrl ?? '') ||
    (existing.caFile ?? '') !== (input.caFile ?? '')
  );
}

function newLocalId(prefix: string): string {
  return `${prefix}-${randomUUID().slice(0, 8)}`;
}

/**
 * Connection profiles and sites, kept in the settings document; tokens go to the SecretStore and
 * only `hasToken` ever leaves this service.
 */
export class ConnectionService {
  private readonly listeners = new Set<(connectionId: string) => void>();
  private readonly forgetListeners = new Set<(connectionId: string) => void>();

  constructor(
    private readonly settings: SettingsStore,
    private readonly secrets: SecretStore,
  ) {}

  /** Called when a profile or its token changes, so cached HTTP clients are rebuilt. */
  onChange(listener: (connectionId: string) => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  private changed(id: string): void {
    for (const l of this.listeners) l(id);
  }

  /** Called when what was learned through a connection no longer applies (removed, or another server). */
  onForget(listener: (connectionId: string) => void): () => void {
    this.forgetListeners.add(listener);
    return () => this.forgetListeners.delete(listener);
  }

  private forget(id: string): void {
    for (const l of this.forgetListeners) l(id);
  }

  private async toPublic(stored: StoredConnection): Promise<Connection> {
    const { secretRef, ...profile } = stored;
    return { ...profile, hasToken: (await this.secrets.get(secretRef)) !== undefined };
  }

  async list(): Promise<Connection[]> {
    return Promise.all(this.settings.snapshot.connections.map((c) => this.toPublic(c)));
  }

  private find(id: string): StoredConnection {
    const found = this.settings.snapshot.connections.find((c) => c.id === id);
    if (!found)
      throw new OpsFailure({
        kind: 'not_found',
        message: `No connection "${id}". It may have been removed.`,
      });
    return found;
  }

  async resolve(id: string): Promise<ResolvedConnection> {
    const stored = this.find(id);
    const { secretRef, ...profile } = stored;
    const token = await this.secrets.get(secretRef);
    return { profile: { ...profile, hasToken: token !== undefined }, token };
  }

  async save(
    input: z.output<typeof ConnectionInput>,
    kind: Connection['kind'] = 'remote',
  ): Promise<Connection> {
    const existing = input.id
      ? this.settings.snapshot.connections.find((c) => c.id === input.id)
      : undefined;
    const id = existing?.id ?? input.id ?? newLocalId('conn');
    const secretRef = existing?.secretRef ?? `token-${id}`;
    if (existing && input.token === undefined && redirectsToken(existing, input)) {
      // Otherwise anything that can call the bridge could point a stored token at another host.
      throw new OpsFailure({
        kind: 'validation',
        message:
          'This edit changes where or how the token is sent (address, auth header, proxy or CA file): enter the token again to confirm.',
        issues: [
          {
            path: 'token',
            message: 'required when the address, auth header, proxy or CA file changes',
          },
        ],
      });
    }
    // The token is written first: a profile must never point at a secret that failed to save.
    if (input.token !== undefined) await this.secrets.set(secretRef, input.token);
    const finalKind = existing?.kind ?? kind;
    // The embedded sandbox is always "sandbox"; a remote connection nobody classified is treated
    // as production, the loudest and safest assumption.
    const environment =
      finalKind === 'sandbox'
        ? 'sandbox'
        : (input.environment ?? existing?.environment ?? 'production');
    const stored: StoredConnection = {
      id,
      name: input.name,
      kind: finalKind,
      environment,
      color:
        finalKind === 'sandbox'
          ? DEFAULT_COLOR.sandbox
          : (input.color ??
            (input.environment && input.environment !== existing?.environment
              ? DEFAULT_COLOR[environment]
              : (existing?.color ?? DEFAULT_COLOR[environment]))),
      baseUrl: input.baseUrl.replace(/\/+$/, ''),
      authScheme: input.authScheme,
      secretRef,
      ...(input.authScheme === 'header' && input.authHeader
        ? { authHeader: input.authHeader }
        : {}),
      ...(input.proxyUrl ? { proxyUrl: input.proxyUrl } : {}),
      ...(input.caFile ? { caFile: input.caFile } : {}),
    };
    this.settings.update((doc) => ({
      ...doc,
      connections: existing
        ? doc.connections.map((c) => (c.id === id ? stored : c))
        : [...doc.connections, stored],
    }));
    this.changed(id);
    if (existing && new URL(existing.baseUrl).origin !== new URL(stored.baseUrl).origin)
      this.forget(id);
    return this.toPublic(stored);
  }

  async remove(id: string): Promise<boolean> {
    const existing = this.settings.snapshot.connections.find((c) => c.id === id);
    if (!existing) return false;
    this.settings.update((doc) => ({
      ...doc,
      connections: doc.connections.filter((c) => c.id !== id),
      sites: doc.sites.filter((s) => s.connectionId !== id),
    }));
    await this.secrets.delete(existing.secretRef);
    this.changed(id);
    this.forget(id);
    return true;
  }

  /** The saved site with this local id, if any. */
  site(id: string): Site | undefined {
    return this.settings.snapshot.sites.find((s) => s.id === id);
  }

  listSites(): Site[] {
    return this.settings.snapshot.sites;
  }

  saveSite(input: z.output<typeof SiteInput>): Site {
    this.find(input.connectionId);
    const id = input.id ?? newLocalId('site');
    const site: Site = {
      id,
      connectionId: input.connectionId,
      label: input.label,
      siteId: input.siteId.toLowerCase(),
    };
    const conflict = siteConflict(this.settings.snapshot.sites, site);
    if (conflict) throw new OpsFailure({ kind: 'validation', message: conflict });
    this.settings.update((doc) => {
      const exists = doc.sites.some((s) => s.id === id);
      return {
        ...doc,
        sites: exists ? doc.sites.map((s) => (s.id === id ? site : s)) : [...doc.sites, site],
      };
    });
    return site;
  }

  /**
   * Adds many sites in one settings write (a fleet of 200 is one file write, not 200). Every row is
   * checked as `saveSite` checks one; a duplicate anywhere refuses the whole batch.
   */
  addSites(inputs: readonly Omit<z.output<typeof SiteInput>, 'id'>[]): Site[] {
    const sites = inputs.map((input) => {
      this.find(input.connectionId);
      return {
        id: newLocalId('site'),
        connectionId: input.connectionId,
        label: input.label,
        siteId: input.siteId.toLowerCase(),
      };
    });
    const taken = [...this.settings.snapshot.sites];
    for (const site of sites) {
      const conflict = siteConflict(taken, site);
      if (conflict)
        throw new OpsFailure({ kind: 'validation', message: `Site ${site.siteId}: ${conflict}` });
      taken.push(site);
    }
    if (sites.length) this.settings.update((doc) => ({ ...doc, sites: [...doc.sites, ...sites] }));
    return sites;
  }

  /** Removes many sites in one write; answers how many were removed. */
  removeSites(ids: readonly string[]): number {
    const drop = new Set(ids);
    const before = this.settings.snapshot.sites.length;
    this.settings.update((doc) => ({ ...doc, sites: doc.sites.filter((s) => !drop.has(s.id)) }));
    return before - this.settings.snapshot.sites.length;
  }

  /** New labels for many sites in one write; unknown ids are refused before anything changes. */
  relabelSites(labels: readonly { id: string; label: string }[]): Site[] {
    const byId = new Map(labels.map((l) => [l.id, l.label]));
    const known = new Set(this.settings.snapshot.sites.map((s) => s.id));
    const unknown = labels.find((l) => !known.has(l.id));
    if (unknown)
      throw new OpsFailure({
        kind: 'not_found',
        message: `No saved site "${unknown.id}"; it may have been removed.`,
      });
    const doc = this.settings.update((d) => ({
      ...d,
      sites: d.sites.map((s) => (byId.has(s.id) ? { ...s, label: byId.get(s.id)! } : s)),
    }));
    return doc.sites.filter((s) => byId.has(s.id));
  }

  removeSite(id: string): boolean {
    const before = this.settings.snapshot.sites.length;
    this.settings.update((doc) => ({ ...doc, sites: doc.sites.filter((s) => s.id !== id) }));
    return this.settings.snapshot.sites.length < before;
  }
}
