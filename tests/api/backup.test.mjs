// shian backup and restore (issue 18): a backup taken while the server serves and writes restores onto
// an empty folder as the same install: a second server on it answers the same rows and the same
// attachment bytes. A changed byte anywhere in the file fails the restore; a restore onto a database
// with data is refused. On PostgreSQL (SHIAN_TEST_DB=postgres) `shian backup` is SQLite's own: it refuses
// and names pg_dump, the engine's tool (README "PostgreSQL"), and the SQLite tests below do not apply.
import assert from 'node:assert/strict';
import { spawn, spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, statSync, writeFileSync, existsSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { after, before, test } from 'node:test';
import { BIN, as, startServer } from './harness.mjs';
import { png } from './images.mjs';

let srv, t02, i1, i2, scratch, backup;
const made = []; // [inspection id, attachment id] created before the backup started

const upload = (client, id, bytes) =>
  client.req('POST', `/api/v1/inspections/${id}/photos`, { raw: bytes, headers: { 'content-type': 'image/png' } });

async function inspectionWithPhoto(entity, n) {
  const r = await t02.post('/api/v1/inspections', { entity_id: entity, kind: 'daily', inspectors: [i1.user.id, i2.user.id] });
  assert.equal(r.status, 201, JSON.stringify(r.data));
  const id = r.data.inspection.id;
  const p = await upload(i1, id, png(20 + n, 16));
  assert.equal(p.status, 201, JSON.stringify(p.data));
  return [id, p.data.attachment.id];
}

// Runs a shian verb; resolves with { code, stdout, stderr }.
function verb(args, env) {
  return new Promise((resolve) => {
    const p = spawn(BIN, args, { env, stdio: ['ignore', 'pipe', 'pipe'] });
    let stdout = '', stderr = '';
    p.stdout.on('data', (d) => { stdout += d; });
    p.stderr.on('data', (d) => { stderr += d; });
    p.on('exit', (code) => resolve({ code, stdout, stderr }));
  });
}

const restoreInto = (file, dir, env) =>
  spawnSync(BIN, ['restore', file, `--db_path=${path.join(dir, 'shian.db')}`, `--files_dir=${path.join(dir, 'files')}`], { encoding: 'utf8', env });

const ON_POSTGRES = process.env.SHIAN_TEST_DB === 'postgres';
const sqliteOnly = { skip: ON_POSTGRES && 'shian backup is SQLite\'s own; PostgreSQL is backed up with pg_dump' };

before(async () => {
  srv = await startServer({ entities: 300, seed: 23 });
  if (ON_POSTGRES) return;
  t02 = await as(srv.base, 't02');
  i1 = await as(srv.base, 'inspector01');
  i2 = await as(srv.base, 'inspector02');
  scratch = mkdtempSync(path.join(os.tmpdir(), 'shian-backup-'));
  backup = path.join(scratch, 'county.tar');
  const entity = (await t02.get('/api/v1/entities?kind=caterer&status=active&limit=1')).data.items[0].id;
  for (let i = 0; i < 3; i++) made.push(await inspectionWithPhoto(entity, i));
  // the backup runs while inspections and photos keep coming
  let writing = true, n = 10;
  const writer = (async () => { while (writing) await inspectionWithPhoto(entity, n++); })();
  const taken = await verb(['backup', `--out=${backup}`, `--db_path=${srv.db}`, `--files_dir=${path.join(srv.dir, 'files')}`], srv.env());
  writing = false;
  await writer;
  assert.equal(taken.code, 0, taken.stderr);
  assert.match(taken.stdout, /backup .*: schema \d+, \d+ tables, \d+ rows, \d+ attachments/);
  assert.match(taken.stderr, /database: 100%/); // progress
});
after(async () => {
  await srv.stop();
  if (scratch) rmSync(scratch, { recursive: true, force: true });
});

test('on PostgreSQL, shian backup refuses and names pg_dump, writing no file', { skip: !ON_POSTGRES && 'the database is SQLite' }, async () => {
  const out = path.join(os.tmpdir(), `shian-pg-backup-${process.pid}.tar`);
  const r = await verb(['backup', `--out=${out}`, `--db_path=${srv.db}`, `--files_dir=${path.join(srv.dir, 'files')}`], srv.env());
  assert.notEqual(r.code, 0);
  assert.match(r.stderr, /pg_dump/);
  assert.equal(existsSync(out), false);
});

test('the file is a tar with a manifest: schema, rows per table, every attachment with its SHA-256', sqliteOnly, () => {
  const list = spawnSync('tar', ['-tf', backup], { encoding: 'utf8' });
  assert.equal(list.status, 0, list.stderr);
  const names = list.stdout.trim().split('\n');
  assert.deepEqual([names[0], names[1], names.at(-1)], ['MANIFEST.json', 'shian.db', 'MANIFEST.sha256']);
  const manifest = JSON.parse(spawnSync('tar', ['-xOf', backup, 'MANIFEST.json'], { encoding: 'utf8' }).stdout);
  assert.equal(manifest.format, 'shian-backup');
  assert.ok(manifest.schema_version > 50);
  assert.ok(Math.abs(manifest.created_at - srv.now()) < 600e3, 'created_at is on the platform clock');
  assert.ok(manifest.tables.attachments >= 3 && manifest.tables.entities === 300, JSON.stringify(manifest.tables));
  assert.equal(manifest.attachments.length, names.filter((n) => n.startsWith('files/')).length);
  for (const a of manifest.attachments) assert.match(a.path, /^files\/[0-9a-f]{2}\/[0-9a-f]{64}$/);
});

test('restored into an empty folder, a second server answers the same rows and attachment bytes', sqliteOnly, async () => {
  const dir = mkdtempSync(path.join(os.tmpdir(), 'shian-restored-'));
  const r = restoreInto(backup, dir, srv.env());
  assert.equal(r.status, 0, r.stderr);
  assert.match(r.stdout, /check: the database's structure is sound; schema \d+, \d+ tables, \d+ rows: as the manifest says/);
  assert.match(r.stdout, /check: \d+ attachments, \d+ bytes: every SHA-256 matches/);
  const copy = await startServer({ dir });
  try {
    const t02b = await as(copy.base, 't02');
    // the inspections made before the backup are there, with their photos, byte for byte
    for (const [insp, photo] of made) {
      const a = await t02.get(`/api/v1/inspections/${insp}`), b = await t02b.get(`/api/v1/inspections/${insp}`);
      assert.equal(b.status, 200);
      assert.deepEqual(b.data, a.data);
      const pa = await t02.get(`/api/v1/attachments/${photo}`), pb = await t02b.get(`/api/v1/attachments/${photo}`);
      assert.equal(pb.status, 200);
      assert.ok(Buffer.compare(pa.data, pb.data) === 0, `attachment ${photo} differs`);
    }
    // every inspection the copy has is the original's as of one instant: a photo added after the
    // snapshot is missing, and each photo the copy has reads the same
    const list = (await t02b.get('/api/v1/inspections?limit=200')).data.items;
    assert.ok(list.length >= made.length);
    for (const i of list) {
      const a = (await t02.get(`/api/v1/inspections/${i.id}`)).data.inspection, b = (await t02b.get(`/api/v1/inspections/${i.id}`)).data.inspection;
      assert.deepEqual({ ...b, photos: null }, { ...a, photos: null });
      assert.deepEqual(b.photos, a.photos.slice(0, b.photos.length));
      for (const p of b.photos) {
        const pa = await t02.get(`/api/v1/attachments/${p.id}`), pb = await t02b.get(`/api/v1/attachments/${p.id}`);
        assert.equal(pb.status, 200, `photo ${p.id} of inspection ${i.id} is in the backup`);
        assert.ok(Buffer.compare(pa.data, pb.data) === 0);
      }
    }
    const page = (c) => c.get('/api/v1/entities?limit=100').then((x) => x.data.items);
    assert.deepEqual(await page(t02b), await page(t02));
  } finally {
    await copy.stop();
  }
});

test('a changed byte anywhere in the backup fails the restore with a clear message and leaves no database', sqliteOnly, () => {
  const original = readFileSync(backup);
  const size = statSync(backup).size;
  // in the manifest, in the database, in a header, in the manifest's SHA-256 (the last entry, before
  // the two blocks of zeros that end the file), in the zeros after the end
  for (const at of [600, 1200 + Math.floor(size / 3), 100, size - 1024 - 512 + 10, size - 5]) {
    const bad = Buffer.from(original);
    bad[at] ^= 0x01;
    const file = path.join(scratch, `bad-${at}.tar`);
    writeFileSync(file, bad);
    const dir = mkdtempSync(path.join(os.tmpdir(), 'shian-tampered-'));
    const r = restoreInto(file, dir, srv.env());
    assert.notEqual(r.status, 0, `byte ${at} changed, yet restored`);
    assert.match(r.stderr, /damaged|checksum|does not match/, r.stderr);
    assert.ok(!existsSync(path.join(dir, 'shian.db')), 'no database is left behind');
    rmSync(dir, { recursive: true, force: true });
  }
});

test('a restore onto a database with data is refused', sqliteOnly, () => {
  const r = spawnSync(BIN, ['restore', backup, `--db_path=${srv.db}`, `--files_dir=${path.join(scratch, 'files')}`], { encoding: 'utf8', env: srv.env() });
  assert.equal(r.status, 1);
  assert.match(r.stderr, /already holds data: \d+ users, 300 businesses/);
  const again = spawnSync(BIN, ['backup', `--out=${backup}`, `--db_path=${srv.db}`], { encoding: 'utf8', env: srv.env() });
  assert.equal(again.status, 1);
  assert.match(again.stderr, /exists: a backup never overwrites a file/);
});
