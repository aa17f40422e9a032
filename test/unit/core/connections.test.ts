import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { ConnectionInput } from '../../../shared/bridge';
import { ConnectionService } from '../../../main/core/connections/connection-service';
import { MemorySecretStore } from '../../../main/core/secrets/memory-store';
import { createConfBackend } from '../../../main/core/settings/conf-backend';
import { SettingsStore } from '../../../main/core/settings/settings-store';

const TOKEN = 'tok_9a8b7c6d5e4f3a2b1c0d';

async function service() {
  const secrets = new MemorySecretStore();
  const settings = await SettingsStore.open(
    mkdtempSync(join(tmpdir(), 'ops-conn-')),
    createConfBackend,
  );
  return { svc: new ConnectionService(settings, secrets), secrets, settings };
}

describe('ConnectionService', () => {
  it('keeps the token out of every answer and out of the settings file', async () => {
    const { svc, settings } = await service();
    const saved = await svc.save(
      ConnectionInput.parse({
        name: 'Prod',
        baseUrl: 'https://api.selwise.com/api/v1/',
        token: TOKEN,
      }),
    );
    expect(saved).toMatchObject({
      name: 'Prod',
      baseUrl: 'https://api.selwise.com/api/v1',
      hasToken: true,
    });
    expect(JSON.stringify(saved)).not.toContain(TOKEN);
    expect(JSON.stringify(await svc.list())).not.toContain(TOKEN);
    expect(JSON.stringify(settings.snapshot)).not.toContain(TOKEN);
    expect((await svc.resolve(saved.id)).token).toBe(TOKEN);
  });

  it('keeps the stored token when an edit sends none, and deletes it with the connection', async () => {
    const { svc, secrets } = await service();
    const saved = await svc.save(
      ConnectionInput.parse({ name: 'Prod', baseUrl: 'https://api.example.com', token: TOKEN }),
    );
    await svc.save(
      ConnectionInput.parse({ id: saved.id, name: 'Prod EU', baseUrl: 'https://api.example.com' }),
    );
    expect((await svc.resolve(saved.id)).token).toBe(TOKEN);
    svc.saveSite({
      connectionId: saved.id,
      label: 'Shop',
      siteId: '3F1C2A9E-1B2C-4D5E-8F90-123456789ABC',
    });
    const forgotten: string[] = [];
    svc.onForget((id) => forgotten.push(id));
    expect(await svc.remove(saved.id)).toBe(true);
    expect(forgotten).toEqual([saved.id]);
    expect(svc.listSites()).toEqual([]);
    expect(await secrets.get(`token-${saved.id}`)).toBeUndefined();
    await expect(svc.resolve(saved.id)).rejects.toThrow(/No connection/);
  });

  it('refuses a duplicate site and a site on an unknown connection', async () => {
    const { svc } = await service();
    const c = await svc.save(ConnectionInput.parse({ name: 'A', baseUrl: 'https://a.example' }));
    const siteId = '3f1c2a9e-1b2c-4d5e-8f90-123456789abc';
    svc.saveSite({ connectionId: c.id, label: 'One', siteId });
    expect(() => svc.saveSite({ connectionId: c.id, label: 'Two', siteId })).toThrow(
      /already saved/,
    );
    expect(() => svc.saveSite({ connectionId: 'missing', label: 'X', siteId })).toThrow(
      /No connection/,
    );
  });

  it('refuses to point a stored token at another host, header or proxy unless the token is entered again', async () => {
    const { svc } = await service();
    const saved = await svc.save(
      ConnectionInput.parse({
        name: 'Prod',
        baseUrl: 'https://api.example.com/api/v1',
        token: TOKEN,
      }),
    );
    for (const change of [
      { baseUrl: 'https://evil.example/api/v1' },
      { baseUrl: 'https://api.example.com/api/v1', authScheme: 'header', authHeader: 'x-api-key' },
      { baseUrl: 'https://api.example.com/api/v1', proxyUrl: 'http://127.0.0.1:8888' },
    ]) {
      await expect(
        svc.save(ConnectionInput.parse({ id: saved.id, name: 'Prod', ...change })),
      ).rejects.toThrow(/enter the token again/);
    }
    expect((await svc.resolve(saved.id)).profile.baseUrl).toBe('https://api.example.com/api/v1');
    // Same origin, other path: still the same server, allowed. With the token re-entered: allowed.
    await svc.save(
      ConnectionInput.parse({ id: saved.id, name: 'Prod', baseUrl: 'https://api.example.com/v2' }),
    );
    await svc.save(
      ConnectionInput.parse({
        id: saved.id,
        name: 'Prod',
        baseUrl: 'https://new.example.com/api/v1',
        token: 'tok_new_0123456789',
      }),
    );
    expect((await svc.resolve(saved.id)).token).toBe('tok_new_0123456789');
  });

  it('accepts plain http only for this machine', () => {
    expect(
      ConnectionInput.safeParse({ name: 'A', baseUrl: 'http://api.example.com/api/v1' }).success,
    ).toBe(false);
    expect(
      ConnectionInput.safeParse({ name: 'A', baseUrl: 'http://127.0.0.1:4010/api/v1' }).success,
    ).toBe(true);
    expect(
      ConnectionInput.safeParse({ name: 'A', baseUrl: 'https://api.example.com/api/v1' }).success,
    ).toBe(true);
  });
});
