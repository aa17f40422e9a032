#!/usr/bin/env node
// Regenerates every icon electron-builder needs from build/icon.svg:
//   build/icons/<n>x<n>.png  Linux (AppImage, deb, tar.gz), 16 ... 1024
//   build/icon.png           1024 px (fallback for every target)
//   build/icon.icns          macOS (PNG payloads ic07 ... ic14, 128 ... 1024 incl. @2x)
//   build/icon.ico           Windows (PNG payloads 16 ... 256)
// Rasterising needs `rsvg-convert` (Debian/Ubuntu: apt-get install -y librsvg2-bin; macOS:
// brew install librsvg). The .icns and .ico containers are written here, no other tool needed.
// Usage: node scripts/make-icons.mjs
import { execFileSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const svg = join(root, 'build', 'icon.svg');
const LINUX_SIZES = [16, 24, 32, 48, 64, 128, 256, 512, 1024];
const ICO_SIZES = [16, 24, 32, 48, 64, 128, 256];
// icns element types holding PNG data, by pixel size (ic11-ic14 are the @2x variants).
const ICNS_TYPES = [
  ['ic11', 32],
  ['ic12', 64],
  ['ic07', 128],
  ['ic13', 256],
  ['ic08', 256],
  ['ic14', 512],
  ['ic09', 512],
  ['ic10', 1024],
];

try {
  execFileSync('rsvg-convert', ['--version'], { stdio: 'ignore' });
} catch {
  console.error(
    'make-icons: rsvg-convert not found (apt-get install -y librsvg2-bin, or brew install librsvg)',
  );
  process.exit(1);
}

const tmp = mkdtempSync(join(tmpdir(), 'iops-icons-'));
const png = new Map();
for (const size of new Set([...LINUX_SIZES, ...ICO_SIZES, ...ICNS_TYPES.map(([, s]) => s)])) {
  const file = join(tmp, `${size}.png`);
  execFileSync('rsvg-convert', [
    '--width',
    String(size),
    '--height',
    String(size),
    '--keep-aspect-ratio',
    svg,
    '--output',
    file,
  ]);
  png.set(size, readFileSync(file));
}
rmSync(tmp, { recursive: true, force: true });

mkdirSync(join(root, 'build', 'icons'), { recursive: true });
for (const size of LINUX_SIZES)
  writeFileSync(join(root, 'build', 'icons', `${size}x${size}.png`), png.get(size));
writeFileSync(join(root, 'build', 'icon.png'), png.get(1024));
writeFileSync(
  join(root, 'build', 'icon.icns'),
  icns(ICNS_TYPES.map(([type, size]) => [type, png.get(size)])),
);
writeFileSync(join(root, 'build', 'icon.ico'), ico(ICO_SIZES.map((size) => [size, png.get(size)])));
console.log(
  `make-icons: wrote build/icons/{${LINUX_SIZES.map((s) => `${s}x${s}`).join(',')}}.png, build/icon.png, build/icon.icns, build/icon.ico`,
);

/** Apple icon image: 'icns' + total length, then (type, length incl. 8-byte header, data) elements. */
function icns(elements) {
  const parts = elements.map(([type, data]) => {
    const head = Buffer.alloc(8);
    head.write(type, 0, 'ascii');
    head.writeUInt32BE(data.length + 8, 4);
    return Buffer.concat([head, data]);
  });
  const header = Buffer.alloc(8);
  header.write('icns', 0, 'ascii');
  header.writeUInt32BE(8 + parts.reduce((n, p) => n + p.length, 0), 4);
  return Buffer.concat([header, ...parts]);
}

/** Windows icon: ICONDIR, one 16-byte ICONDIRENTRY per image, then the PNG payloads (Vista+). */
function ico(images) {
  const header = Buffer.alloc(6);
  header.writeUInt16LE(0, 0);
  header.writeUInt16LE(1, 2);
  header.writeUInt16LE(images.length, 4);
  let offset = 6 + 16 * images.length;
  const entries = images.map(([size, data]) => {
    const e = Buffer.alloc(16);
    e.writeUInt8(size >= 256 ? 0 : size, 0);
    e.writeUInt8(size >= 256 ? 0 : size, 1);
    e.writeUInt8(0, 2); // palette colours
    e.writeUInt8(0, 3);
    e.writeUInt16LE(1, 4); // planes
    e.writeUInt16LE(32, 6); // bits per pixel
    e.writeUInt32LE(data.length, 8);
    e.writeUInt32LE(offset, 12);
    offset += data.length;
    return e;
  });
  return Buffer.concat([header, ...entries, ...images.map(([, data]) => data)]);
}
