import { randomBytes } from 'node:crypto';
import { join } from 'node:path';
import type { DamageSink } from '../damage/register';
import type { ConnectionService } from './connection-service';

export const SANDBOX_CONNECTION_ID = 'sandbox';
const DEMO_LABELS = ['Demo store (sandbox)', 'Demo outlet (sandbox)'];

export interface EmbeddedSandbox {
  url: string;
  siteIds: string[];
  /** Shop names, used as labels of the generated fleet sites. */
  sites?: { id: string; name: string }[];
  close(): Promise<void>;
}

type StartSandbox = (opts: {
  token: string;
  dataDir: string;
  port: number;
  /** A damaged sandbox data file, reported on screen like any store's. */
  onDamage: (d: { file: string; movedTo?: string; reason: string; lost: string }) => void;
}) => Promise<EmbeddedSandbox>;

/**
 * First launch (and every launch): start the local sandbox on 127.0.0.1:random and make it the
 * "Sandbox" connection, its fresh token stored like any other secret, its demo sites saved once.
 */
export async function attachEmbeddedSandbox(
  connections: ConnectionService,
  dataDir: string,
  start: StartSandbox,
  damage: DamageSink = () => undefined,
): Promise<EmbeddedSandbox> {
  const token = randomBytes(24).toString('base64url');
  const sandbox = await start({
    token,
    dataDir: join(dataDir, 'sandbox'),
    port: 0,
    onDamage: (d) => damage({ store: 'sandbox', ...d }),
  });
  try {
    await register(connections, sandbox, token);
  } catch (error) {
    // E.g. no keyring to store its token: stop the server we started rather than leak it.
    await sandbox.close();
    throw error;
  }
  return sandbox;
}

async function register(
  connections: ConnectionService,
  sandbox: EmbeddedSandbox,
  token: string,
): Promise<void> {
  await connections.save(
    {
      id: SANDBOX_CONNECTION_ID,
      name: 'Sandbox',
      baseUrl: sandbox.url,
      authScheme: 'bearer',
      token,
    },
    'sandbox',
  );
  const known = new Set(
    connections
      .listSites()
      .filter((s) => s.connectionId === SANDBOX_CONNECTION_ID)
      .map((s) => s.siteId),
  );
  const names = new Map(sandbox.sites?.map((s) => [s.id, s.name]));
  // One settings write for the lot: a fleet sandbox has hundreds of sites.
  connections.addSites(
    sandbox.siteIds.flatMap((siteId, i) =>
      known.has(siteId)
        ? []
        : [
            {
              connectionId: SANDBOX_CONNECTION_ID,
              label: DEMO_LABELS[i] ?? names.get(siteId) ?? `Sandbox site ${i + 1}`,
              siteId,
            },
          ],
    ),
  );
}
