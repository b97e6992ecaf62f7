// Images (issue 10, "Access that holds"): a pixel cap and a structure check before anything is
// stored — a 137-byte JPEG declaring 65000×65000 (a decompression bomb) is refused with a field error.
import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { as, startServer } from './harness.mjs';
import { png } from './images.mjs';

let srv, t02, inspection;
before(async () => {
  srv = await startServer({ entities: 120, seed: 9 });
  t02 = await as(srv.base, 't02');
  const e = (await t02.get('/api/v1/entities?kind=caterer&status=active&limit=1')).data.items[0];
  const r = await t02.post('/api/v1/inspections', { entity_id: e.id, kind: 'daily', inspectors: [5, 6] });
  assert.equal(r.status, 201, JSON.stringify(r.data));
  inspection = r.data.inspection.id;
});
after(async () => { await srv.stop(); });

// SOI, a quantisation table, a baseline frame of w×h, a Huffman table, a scan of a few bytes, EOI.
function bombJpeg(w, h, size = 137) {
  const seg = (m, body) => Buffer.concat([Buffer.from([0xff, m, (body.length + 2) >> 8, (body.length + 2) & 255]), body]);
  const sof = Buffer.from([8, h >> 8, h & 255, w >> 8, w & 255, 1, 1, 0x11, 0]);
  const head = Buffer.concat([Buffer.from([0xff, 0xd8]), seg(0xdb, Buffer.alloc(65, 1)), seg(0xc0, sof),
    seg(0xc4, Buffer.concat([Buffer.from([0, 1]), Buffer.alloc(15), Buffer.from([0])])), seg(0xda, Buffer.from([1, 1, 0, 0, 63, 0]))]);
  return Buffer.concat([head, Buffer.alloc(size - head.length - 2, 0x55), Buffer.from([0xff, 0xd9])]);
}
const upload = (body, type) => t02.req('POST', `/api/v1/inspections/${inspection}/photos`, { raw: body, headers: { 'content-type': type } });

test('a 137-byte JPEG declaring 65000×65000 is refused with a field error', async () => {
  const bomb = bombJpeg(65000, 65000);
  assert.equal(bomb.length, 137);
  const r = await upload(bomb, 'image/jpeg');
  assert.equal(r.status, 400, JSON.stringify(r.data));
  assert.equal(r.data.error.field, 'file');
  assert.match(r.data.error.message, /像素/);
});

test('a small JPEG header over too little coded data is refused; a PNG over the cap too', async () => {
  const thin = await upload(bombJpeg(4000, 3000), 'image/jpeg');
  assert.equal(thin.status, 400);
  assert.equal(thin.data.error.field, 'file');
  const big = png(8, 8);
  big.writeUInt32BE(30000, 16); // IHDR width
  big.writeUInt32BE(30000, 20); // IHDR height
  const r = await upload(big, 'image/png');
  assert.equal(r.status, 400);
  assert.equal(r.data.error.field, 'file');
});

test('a real picture passes the image check (t02 is then refused only as not an assigned inspector)', async () => {
  const r = await upload(png(64, 48), 'image/png');
  assert.notEqual(r.data.error?.field, 'file', JSON.stringify(r.data));
  assert.equal(r.status, 403);
});

test('temporary files a crash left in files_dir are removed when a server starts', async () => {
  const { mkdirSync, writeFileSync, utimesSync, existsSync } = await import('node:fs');
  const { spawn } = await import('node:child_process');
  const path = await import('node:path');
  const { BIN } = await import('./harness.mjs');
  const dir = path.join(srv.dir, 'files', 'ab');
  mkdirSync(dir, { recursive: true });
  const stale = path.join(dir, 'abcdef.jpg.4242.tmp'), fresh = path.join(dir, 'abcdef.jpg.4343.tmp');
  writeFileSync(stale, 'half a file');
  writeFileSync(fresh, 'a write in progress');
  const old = Date.now() / 1000 - 2 * 3600; // file times are the real clock
  utimesSync(stale, old, old);
  const proc = spawn(BIN, ['serve', `--db_path=${srv.db}`, '--port=0', '--threads=1', '--log_level=warn',
    `--files_dir=${path.join(srv.dir, 'files')}`], { stdio: 'ignore', env: srv.env() });
  for (let i = 0; i < 100 && existsSync(stale); i++) await new Promise((r) => setTimeout(r, 100));
  proc.kill('SIGTERM');
  await new Promise((r) => proc.on('exit', r));
  assert.ok(!existsSync(stale), 'the stale temporary file is gone');
  assert.ok(existsSync(fresh), 'a recent one (another process writing) stays');
});
