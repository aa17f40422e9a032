import { mkdtempSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { safeStorage } from 'electron';
import type { NewDamage } from '../../../main/core/damage/register';
import { FileSecretStore } from '../../../main/core/secrets/file-store';
import { MemorySecretStore } from '../../../main/core/secrets/memory-store';
import {
  SafeStorageSecretStore,
  type SafeStorageLike,
} from '../../../main/core/secrets/safe-storage-store';

const TOKEN = 'sk_live_4f9d8c7b6a5e4d3c2b1a';
const fresh = () => mkdtempSync(join(tmpdir(), 'ops-secrets-'));
const fake = safeStorage as unknown as SafeStorageLike & { available: boolean; backend: string };

describe('MemorySecretStore', () => {
  it('stores, reads and deletes', async () => {
    const s = new MemorySecretStore();
    await s.set('a', TOKEN);
    expect(await s.get('a')).toBe(TOKEN);
    await s.delete('a');
    expect(await s.get('a')).toBeUndefined();
  });
});

describe('FileSecretStore (browser mode, opt-in)', () => {
  it('writes ciphertext only, mode 0600, and is flagged insecure', async () => {
    const dir = fresh();
    const s = new FileSecretStore(dir, () => undefined);
    await s.set('conn-1', TOKEN);
    const file = join(dir, 'secrets.json');
    expect(readFileSync(file, 'utf8')).not.toContain(TOKEN);
    expect(statSync(file).mode & 0o777).toBe(0o600);
    expect(statSync(join(dir, 'secrets.key')).mode & 0o777).toBe(0o600);
    expect(await new FileSecretStore(dir, () => undefined).get('conn-1')).toBe(TOKEN);
    expect(s.info().secure).toBe(false);
  });

  it('treats an undecryptable value as missing and reports a corrupt file', async () => {
    const dir = fresh();
    const damage: NewDamage[] = [];
    writeFileSync(join(dir, 'secrets.json'), '{not json');
    const s = new FileSecretStore(dir, (d) => damage.push(d));
    expect(await s.get('x')).toBeUndefined();
    expect(damage).toEqual([
      expect.objectContaining({
        store: 'secrets',
        file: join(dir, 'secrets.json'),
        movedTo: expect.stringMatching(/secrets\.json\.corrupt-/),
        lost: expect.stringMatching(/tokens/),
      }),
    ]);
  });
});

describe('SafeStorageSecretStore', () => {
  it('persists only ciphertext produced by safeStorage', async () => {
    fake.available = true;
    fake.backend = 'gnome_libsecret';
    const dir = fresh();
    const s = new SafeStorageSecretStore(
      fake,
      dir,
      () => false,
      () => undefined,
    );
    await s.init();
    await s.set('c', TOKEN);
    expect(readFileSync(join(dir, 'secrets.json'), 'utf8')).not.toContain(TOKEN);
    expect(await s.get('c')).toBe(TOKEN);
    expect(s.info()).toMatchObject({ secure: true, available: true });
  });

  it('refuses the Linux basic_text backend unless the operator opted in', async () => {
    fake.available = true;
    fake.backend = 'basic_text';
    let optIn = false;
    const s = new SafeStorageSecretStore(
      fake,
      fresh(),
      () => optIn,
      () => undefined,
    );
    await s.init();
    expect(s.info()).toMatchObject({ available: false, secure: false });
    await expect(s.set('c', TOKEN)).rejects.toThrow(/keyring/);
    optIn = true;
    await s.set('c', TOKEN);
    expect(s.info()).toMatchObject({ available: true, secure: false });
    expect(s.info().warning).toMatch(/does not protect/);
    fake.backend = 'gnome_libsecret';
  });

  it('refuses to store when encryption is unavailable, and treats a changed keyring as a missing token', async () => {
    const dir = fresh();
    fake.available = false;
    const off = new SafeStorageSecretStore(
      fake,
      dir,
      () => false,
      () => undefined,
    );
    await off.init();
    await expect(off.set('c', TOKEN)).rejects.toThrow();
    fake.available = true;
    writeFileSync(
      join(dir, 'secrets.json'),
      JSON.stringify({
        schemaVersion: 1,
        secrets: { c: Buffer.from('garbage').toString('base64') },
      }),
    );
    const on = new SafeStorageSecretStore(
      fake,
      dir,
      () => false,
      () => undefined,
    );
    await on.init();
    expect(await on.get('c')).toBeUndefined();
    expect(readFileSync(join(dir, 'secrets.json'), 'utf8')).toContain(
      Buffer.from('garbage').toString('base64'),
    );
  });
});

describe('FileSecretStore key handling', () => {
  it('moves a damaged key aside with a notice instead of overwriting it silently', async () => {
    const dir = fresh();
    writeFileSync(join(dir, 'secrets.key'), 'too short');
    const damage: NewDamage[] = [];
    const s = new FileSecretStore(dir, (d) => damage.push(d));
    await s.set('c', TOKEN);
    expect(damage).toEqual([
      expect.objectContaining({
        store: 'secrets',
        file: join(dir, 'secrets.key'),
        movedTo: expect.stringMatching(/secrets\.key\.corrupt-/),
      }),
    ]);
    expect(await s.get('c')).toBe(TOKEN);
  });

  it('two first writes at once share one key: both tokens readable afterwards', async () => {
    const dir = fresh();
    const s = new FileSecretStore(dir, () => undefined);
    await Promise.all([s.set('a', `${TOKEN}-a`), s.set('b', `${TOKEN}-b`)]);
    const again = new FileSecretStore(dir, () => undefined);
    expect(await again.get('a')).toBe(`${TOKEN}-a`);
    expect(await again.get('b')).toBe(`${TOKEN}-b`);
  });

  it('never overwrites a secrets file written by a newer version', async () => {
    const dir = fresh();
    const newer = JSON.stringify({ schemaVersion: 9, secrets: {} });
    writeFileSync(join(dir, 'secrets.json'), newer);
    const s = new FileSecretStore(dir, () => undefined);
    await expect(s.set('c', TOKEN)).rejects.toThrow(/newer version/);
    expect(readFileSync(join(dir, 'secrets.json'), 'utf8')).toBe(newer);
  });
});
