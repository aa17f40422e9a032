import { existsSync, readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';

// Checklist item 19 (fuses) and the packaging contract, asserted from electron-builder.yml itself.
// package:check proves the same fuses are flipped in a packed binary.
const root = resolve(import.meta.dirname, '../../..');
const config = parse(readFileSync(resolve(root, 'electron-builder.yml'), 'utf8')) as Record<
  string,
  any
>;
const pkg = JSON.parse(readFileSync(resolve(root, 'package.json'), 'utf8')) as {
  main: string;
  dependencies: Record<string, string>;
  devDependencies: Record<string, string>;
  scripts: Record<string, string>;
};

/** electron-builder's `files` semantics, simplified: the last matching pattern wins. */
function included(path: string): boolean {
  let result = false;
  for (const raw of config.files as string[]) {
    const negated = raw.startsWith('!');
    if (globToRegExp(negated ? raw.slice(1) : raw).test(path)) result = !negated;
  }
  return result;
}
function globToRegExp(glob: string): RegExp {
  let re = '';
  let depth = 0;
  for (let i = 0; i < glob.length; i++) {
    const c = glob[i]!;
    if (c === '*' && glob[i + 1] === '*') {
      re += glob[i + 2] === '/' ? '(?:.*/)?' : '.*';
      i += glob[i + 2] === '/' ? 2 : 1;
    } else if (c === '*') re += '[^/]*';
    else if (c === '{') {
      depth++;
      re += '(?:';
    } else if (c === '}') {
      depth--;
      re += ')';
    } else if (c === ',' && depth > 0) re += '|';
    else re += c.replace(/[.+?^$()|[\]\\]/g, '\\$&');
  }
  return new RegExp(`^${re}$`);
}

describe('electron-builder.yml: Electron fuses (Electron security checklist, item 19)', () => {
  it('turns off RunAsNode, NODE_OPTIONS and the inspect arguments', () => {
    expect(config.electronFuses.runAsNode).toBe(false);
    expect(config.electronFuses.enableNodeOptionsEnvironmentVariable).toBe(false);
    expect(config.electronFuses.enableNodeCliInspectArguments).toBe(false);
  });

  it('turns on cookie encryption, OnlyLoadAppFromAsar and embedded asar integrity; no file:// privileges', () => {
    expect(config.electronFuses.enableCookieEncryption).toBe(true);
    expect(config.electronFuses.onlyLoadAppFromAsar).toBe(true);
    expect(config.electronFuses.enableEmbeddedAsarIntegrityValidation).toBe(true);
    expect(config.electronFuses.grantFileProtocolExtraPrivileges).toBe(false);
  });

  it('packs into an asar (OnlyLoadAppFromAsar needs one) without rebuilding native modules', () => {
    expect(config.asar).toBe(true);
    expect(config.npmRebuild).toBe(false);
  });
});

describe('electron-builder.yml: what goes into app.asar', () => {
  it('is limited to the built output and package.json', () => {
    expect(config.files.filter((f: string) => !f.startsWith('!'))).toEqual([
      'out/**',
      'package.json',
    ]);
    expect(pkg.main.startsWith('out/')).toBe(true);
    for (const p of [
      'out/main/index.js',
      'out/preload/preload.cjs',
      'out/renderer/index.html',
      'out/renderer/assets/index-abc.js',
      'package.json',
    ]) {
      expect(included(p), p).toBe(true);
    }
  });

  it('excludes sources, tests, source maps and docs, also inside production dependencies', () => {
    for (const p of [
      'main/index.ts',
      'renderer/main.tsx',
      'shared/bridge/calls/app.ts',
      'test/unit/x.test.ts',
      'scripts/package-check.mjs',
      'out/main/index.js.map',
      'out/renderer/assets/index-abc.js.map',
      'node_modules/zod/index.d.ts',
      'node_modules/zod/src/index.ts',
      'node_modules/undici/lib/fetch/index.js.map',
      'node_modules/ws/README.md',
      'node_modules/json-schema-traverse/spec/index.spec.js',
      'node_modules/conf/test/index.js',
      'node_modules/x/lib/thing.test.js',
      'node_modules/x/docs/guide.html',
      'node_modules/x/tsconfig.json',
    ]) {
      expect(included(p), p).toBe(false);
    }
  });

  it('renderer libraries are devDependencies (bundled), the runtime ones production dependencies', () => {
    for (const dev of ['react', 'react-dom', 'electron', 'vite', 'typescript', 'zustand']) {
      expect(pkg.devDependencies[dev], dev).toBeDefined();
      expect(pkg.dependencies[dev], dev).toBeUndefined();
    }
    for (const prod of ['conf', 'electron-store', 'undici', 'ws', 'zod', 'electron-updater'])
      expect(pkg.dependencies[prod], prod).toBeDefined();
    expect(pkg.dependencies['electron-updater']).toMatch(/^\^?6\./);
  });
});

describe('electron-builder.yml: targets, signing and updates', () => {
  it('names the app and its artifacts', () => {
    expect(config.appId).toBe('com.selwise.integration-ops');
    expect(config.productName).toBe('Integration Ops');
    expect(config.artifactName).toBe('${name}-${version}-${os}-${arch}.${ext}');
    expect(config.directories.output).toBe('dist');
  });

  it('builds AppImage, deb and tar.gz on Linux, dmg on macOS, nsis on Windows', () => {
    expect(config.linux.target).toEqual(['AppImage', 'deb', 'tar.gz']);
    expect(config.linux.category).toBeTruthy();
    expect(config.linux.maintainer).toMatch(/<.+@.+>/);
    expect(config.mac.target.map((t: { target: string }) => t.target)).toEqual(['dmg']);
    expect(config.win.target.map((t: { target: string }) => t.target)).toEqual(['nsis']);
  });

  it('signs macOS with the hardened runtime and minimal entitlements', () => {
    expect(config.mac.hardenedRuntime).toBe(true);
    expect(config.mac.entitlements).toBe('build/entitlements.mac.plist');
    const plist = readFileSync(resolve(root, config.mac.entitlements as string), 'utf8');
    expect(plist).toContain('com.apple.security.cs.allow-jit');
    expect(plist).not.toContain('disable-library-validation');
    expect(plist).not.toContain('allow-unsigned-executable-memory');
    expect(plist).not.toContain('com.apple.security.device.');
  });

  it('has a generic https update feed for electron-updater', () => {
    expect(config.publish.provider).toBe('generic');
    expect(new URL(String(config.publish.url).replace(/\$\{\w+\}/g, 'x')).protocol).toBe('https:');
  });

  it('has npm scripts for installers, the package check and the security audit', () => {
    expect(pkg.scripts.dist).toMatch(/electron-vite build && electron-builder/);
    expect(pkg.scripts['package:check']).toContain('scripts/package-check.mjs');
    expect(pkg.scripts['audit:security']).toContain('scripts/audit-security.mjs');
  });
});

describe('icons in build/', () => {
  const pngSize = (file: string): [number, number] => {
    const b = readFileSync(file);
    expect(b.subarray(1, 4).toString('latin1')).toBe('PNG');
    return [b.readUInt32BE(16), b.readUInt32BE(20)];
  };

  it('Linux: one PNG per size from 16 to 1024, named WxH.png', () => {
    expect(config.linux.icon).toBe('build/icons');
    for (const size of [16, 24, 32, 48, 64, 128, 256, 512, 1024]) {
      expect(pngSize(resolve(root, `build/icons/${size}x${size}.png`))).toEqual([size, size]);
    }
    expect(pngSize(resolve(root, 'build/icon.png'))).toEqual([1024, 1024]);
  });

  it('macOS .icns holds 128 to 1024 px PNG elements', () => {
    const b = readFileSync(resolve(root, config.mac.icon as string));
    expect(b.subarray(0, 4).toString('latin1')).toBe('icns');
    expect(b.readUInt32BE(4)).toBe(b.length);
    const types: string[] = [];
    for (let at = 8; at < b.length; at += b.readUInt32BE(at + 4))
      types.push(b.subarray(at, at + 4).toString('latin1'));
    expect(types).toEqual(expect.arrayContaining(['ic07', 'ic08', 'ic09', 'ic10']));
  });

  it('Windows .ico holds 16 to 256 px images', () => {
    const b = readFileSync(resolve(root, config.win.icon as string));
    expect(b.readUInt16LE(2)).toBe(1);
    const sizes = Array.from({ length: b.readUInt16LE(4) }, (_, i) => b[6 + i * 16] || 256);
    expect(sizes).toEqual(expect.arrayContaining([16, 32, 48, 256]));
  });

  it('the SVG source and the script that regenerates them are committed', () => {
    expect(existsSync(resolve(root, 'build/icon.svg'))).toBe(true);
    expect(existsSync(resolve(root, 'scripts/make-icons.mjs'))).toBe(true);
  });
});
