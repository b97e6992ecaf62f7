// Upgrades (issue 18): a database made by an older release's demo (tests/data/upgrade/, one dump per
// release) is migrated by the current shian: every migration applies, no row of the old tables is
// lost, and officials and a business of the old county work on it through the API, reads and writes.
// A migration that fails leaves the database as it was: version, tables and rows.
// SQLite's own: the dumps are SQLite files and the test reads them with the sqlite3 tool, so it lives
// outside tests/api (whose suites reach the database only through the API, to run on PostgreSQL too).
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, mkdirSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { gunzipSync } from 'node:zlib';
import { test } from 'node:test';
import { BIN, as, pinnedClock, startServer } from '../api/harness.mjs';
import { png } from '../api/images.mjs';

const FIXTURES = path.resolve('tests/data/upgrade');
const LATEST = Math.max(...readdirSync('db').filter((f) => /^\d{3}_.*\.sql$/.test(f)).map((f) => Number(f.slice(0, 3))));
const clock = pinnedClock();
const env = () => ({ ...process.env, SHIAN_NOW: String(clock()) });

function sqlite(db, sql, input) {
  const r = spawnSync('sqlite3', ['-batch', db, ...(sql ? [sql] : [])], { encoding: 'utf8', input });
  assert.equal(r.status, 0, r.stderr);
  return r.stdout.trim();
}

// A fresh folder whose shian.db holds the dump `file` (and extra SQL run after it).
function load(file, extra = '') {
  const dir = mkdtempSync(path.join(os.tmpdir(), 'shian-upgrade-'));
  mkdirSync(path.join(dir, 'files'));
  const db = path.join(dir, 'shian.db');
  sqlite(db, null, gunzipSync(readFileSync(path.join(FIXTURES, file))).toString('utf8') + extra);
  return { dir, db };
}

// Rows of each of the database's own tables (FTS shadow tables left out: their rows are the index's).
function counts(db) {
  const names = sqlite(db, "SELECT name FROM sqlite_schema WHERE type = 'table' AND name NOT LIKE 'sqlite_%'"
    + " AND name NOT LIKE '%fts%' ORDER BY name").split('\n');
  const sql = names.map((n) => `SELECT '${n}', count(*) FROM "${n}";`).join('\n');
  return Object.fromEntries(sqlite(db, sql).split('\n').map((l) => { const [n, c] = l.split('|'); return [n, Number(c)]; }));
}

const schema = (db) => sqlite(db, "SELECT type, name, sql FROM sqlite_schema ORDER BY type, name");
const version = (db) => Number(sqlite(db, 'SELECT max(version) FROM schema_migrations'));
const migrate = (db) => spawnSync(BIN, ['migrate', `--db_path=${db}`, '--log_level=warn'], { encoding: 'utf8', env: env() });

const dumps = readdirSync(FIXTURES).filter((f) => f.endsWith('.sql.gz')).sort();

test('there are dumps of older releases to upgrade', () => {
  assert.ok(dumps.length >= 2, dumps.join());
});

for (const file of dumps) {
  test(`a database of ${file} migrates to version ${LATEST} with its rows, and the API works on it`, async () => {
    const { dir, db } = load(file);
    const from = version(db);
    assert.equal(from, Number(file.slice(0, 3)));
    const before = counts(db);
    const m = migrate(db);
    assert.equal(m.status, 0, m.stderr);
    assert.equal(version(db), LATEST);
    const applied = sqlite(db, `SELECT count(*) FROM schema_migrations WHERE version > ${from}`);
    assert.equal(Number(applied), readdirSync('db').filter((f) => /^\d{3}_/.test(f) && Number(f.slice(0, 3)) > from).length);
    const after = counts(db);
    for (const [table, n] of Object.entries(before)) {
      if (table === 'schema_migrations') continue;
      assert.ok(table in after, `table ${table} is gone`);
      assert.ok(after[table] >= n, `${table}: ${n} rows before, ${after[table]} after`);
    }
    for (const table of ['entities', 'users', 'inspections', 'rectifications', 'audit_log', 'attachments'])
      if (table in before) assert.equal(after[table], before[table], table);

    const srv = await startServer({ dir });
    try {
      const county = await as(srv.base, 'county');
      const t01 = await as(srv.base, 't01');
      const insp = await as(srv.base, 'inspector01');
      const insp2 = await as(srv.base, 'inspector02');
      const b1 = await as(srv.base, 'b1');
      const ents = await county.get('/api/v1/entities?limit=20');
      assert.equal(ents.status, 200, JSON.stringify(ents.data));
      assert.equal(ents.data.items.length, Math.min(20, before.entities));
      const page2 = await county.get(`/api/v1/entities?limit=20&cursor=${ents.data.next_cursor}`);
      assert.equal(page2.status, 200);
      assert.ok(page2.data.items.length > 0);
      const mine = await t01.get('/api/v1/entities?limit=5');
      assert.equal(mine.status, 200);
      const entity = mine.data.items[0].id;
      for (const c of [county, t01]) {
        for (const url of ['/api/v1/inspections', '/api/v1/rectifications', '/api/v1/complaints', '/api/v1/cases'])
          assert.equal((await c.get(url)).status, 200, `${c.user.username} ${url}`);
      }
      const own = await b1.get('/api/v1/me');
      assert.equal(own.status, 200);
      assert.equal((await b1.get('/api/v1/inspections')).status, 200);
      assert.equal((await b1.get('/api/v1/rectifications')).status, 200);
      // a write on the old data: an inspection with a photo, which the ledger then holds
      const r = await t01.post('/api/v1/inspections', { entity_id: entity, kind: 'daily', inspectors: [insp.user.id, insp2.user.id] });
      assert.equal(r.status, 201, JSON.stringify(r.data));
      const p = await insp.req('POST', `/api/v1/inspections/${r.data.inspection.id}/photos`,
        { raw: png(21, 16), headers: { 'content-type': 'image/png' } });
      assert.equal(p.status, 201, JSON.stringify(p.data));
      assert.ok(Number(sqlite(db, 'SELECT count(*) FROM ledger_leaves')) > 0);
      assert.equal((await county.get('/api/v1/ledger/key')).status, 200);
    } finally {
      await srv.stop();
    }
  });
}

test('a migration that fails leaves the database as it was', () => {
  // A table an operator made by hand under the name db/060 creates: 058 and 059 apply, 060 fails.
  const { dir, db } = load('057_06efe25.sql.gz', 'CREATE TABLE ledger_leaves(x INTEGER);\n');
  try {
    const before = { version: version(db), schema: schema(db), counts: counts(db) };
    const m = migrate(db);
    assert.notEqual(m.status, 0);
    assert.match(m.stderr, /migration 060 ledger/);
    assert.match(m.stderr, /ledger_leaves already exists/);
    assert.equal(version(db), before.version);
    assert.equal(schema(db), before.schema);
    assert.deepEqual(counts(db), before.counts);
    const serve = spawnSync(BIN, ['serve', `--db_path=${db}`, '--port=0'], { encoding: 'utf8', env: env(), timeout: 20000 });
    assert.notEqual(serve.status, 0);
    assert.match(serve.stderr, /migration 060/);
    assert.equal(version(db), 57);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});
