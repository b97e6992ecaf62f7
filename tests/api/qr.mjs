// What a phone's camera reads from a QR code PNG (zbarimg, Debian zbar-tools).
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';

export function decodeQr(png) {
  const dir = mkdtempSync(path.join(os.tmpdir(), 'shian-qr-'));
  try {
    writeFileSync(path.join(dir, 'qr.png'), png);
    const z = spawnSync('zbarimg', ['--raw', '-q', path.join(dir, 'qr.png')], { encoding: 'utf8' });
    assert.equal(z.status, 0, z.stderr);
    return z.stdout.trim();
  } finally { rmSync(dir, { recursive: true, force: true }); }
}
