// shian migrate --to=postgresql://… (moving a county from SQLite to PostgreSQL): the demo county moves
// into an empty PostgreSQL database and is verified table by table; a server on the copy answers as one
// on the SQLite file does; a target that already holds a county is refused and left as it was; a source
// that is not SQLite or a target that is not PostgreSQL is refused; a copy changed afterwards fails
// `migrate --verify`, naming the table. The move always goes SQLite → PostgreSQL, so this runs in the
// SQLite passes only, and needs the test cluster (SHIAN_TEST_PG, as make test sets).
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { after, before, test } from 'node:test';
import { BIN, as, newPostgresDatabase, pinnedStart, startServer } from './harness.mjs';

const skip = !process.env.SHIAN_TEST_PG ? 'needs a PostgreSQL cluster: set SHIAN_TEST_PG (make test starts one)'
  : process.env.SHIAN_TEST_DB === 'postgres' ? 'moves SQLite to PostgreSQL: runs in the SQLite passes' : false;

let dir, sqlite, pg, moved;
const env = { ...process.env, SHIAN_NOW: String(pinnedStart()) };
const shian = (...args) => spawnSync(BIN, [...args, '--log_level=warn'], { encoding: 'utf8', env });
const migrate = (...args) => shian('migrate', `--db_path=${sqlite}`, `--to=${pg.url}`, ...args);
function psql(sql) {
  const r = spawnSync('psql', [pg.url, '-qAt', '-v', 'ON_ERROR_STOP=1', '-c', sql], { encoding: 'utf8' });
  assert.equal(r.status, 0, r.stderr);
  return r.stdout.trim();
}
// The verification's table: { name: [rows sqlite, rows pg, checksum] }.
function report(stdout) {
  const rows = {};
  for (const m of stdout.matchAll(/^(\w+)\s+(\d+)\s+(\d+)\s+(equal|DIFFERENT)$/gm)) rows[m[1]] = [+m[2], +m[3], m[4]];
  return rows;
}

before(() => {
  if (skip) return;
  dir = mkdtempSync(path.join(os.tmpdir(), 'shian-migrate-'));
  sqlite = path.join(dir, 'shian.db');
  const demo = shian('demo', '--entities=150', '--seed=5', `--db_path=${sqlite}`, `--files_dir=${path.join(dir, 'files')}`, '--reports=0');
  assert.equal(demo.status, 0, demo.stderr);
  pg = newPostgresDatabase();
  moved = migrate();
});
after(() => {
  if (dir) rmSync(dir, { recursive: true, force: true });
  pg?.drop();
});

test('the demo county moves to PostgreSQL and every table verifies equal', { skip }, () => {
  assert.equal(moved.status, 0, moved.stderr);
  const rows = report(moved.stdout);
  assert.ok(Object.keys(rows).length > 50, moved.stdout);
  for (const [name, [a, b, sum]] of Object.entries(rows)) assert.deepEqual([b, sum], [a, 'equal'], name);
  assert.equal(rows.entities[0], 150);
  assert.ok(rows.users[0] > 0 && rows.observations[0] > 0 && rows.divisions[0] > 0, moved.stdout);
  assert.match(moved.stdout, new RegExp(`verified: ${Object.keys(rows).length} tables`));
  assert.match(moved.stdout, /files_dir .* separately/);
  assert.match(moved.stderr, /copying entities 150\/150/); // progress, table by table
  // the rows are on PostgreSQL itself, and its sequences go on past the copied ids
  for (const t of ['entities', 'users', 'observations', 'divisions']) assert.equal(+psql(`SELECT count(*) FROM ${t}`), rows[t][0], t);
  assert.ok(+psql("SELECT nextval(pg_get_serial_sequence('observations', 'id'))") > +psql('SELECT max(id) FROM observations'));
});

test('a target that already holds a county is refused and left as it was', { skip }, () => {
  assert.equal(moved.status, 0, moved.stderr);
  const before = psql('SELECT count(*) FROM observations');
  const again = migrate();
  assert.notEqual(again.status, 0);
  assert.match(again.stderr, /already holds a county: \d+ rows in divisions/);
  assert.equal(psql('SELECT count(*) FROM observations'), before);
  const check = migrate('--verify'); // still the same rows as the source, table by table
  assert.equal(check.status, 0, check.stderr);
  assert.ok(Object.values(report(check.stdout)).every(([, , sum]) => sum === 'equal'));
});

test('a source that is not SQLite, or a target that is not PostgreSQL, is refused', { skip }, () => {
  const fromPg = shian('migrate', `--db_path=${pg.url}`, `--to=${pg.url}`);
  assert.equal(fromPg.status, 2);
  assert.match(fromPg.stderr, /source \(db_path\) must be a SQLite file/);
  const file = path.join(dir, 'other.db');
  const toFile = shian('migrate', `--db_path=${sqlite}`, `--to=${file}`);
  assert.equal(toFile.status, 2);
  assert.match(toFile.stderr, /--to must name a PostgreSQL database/);
  assert.equal(existsSync(file), false);
});

test('a copy changed afterwards fails migrate --verify, naming the table', { skip }, () => {
  assert.equal(moved.status, 0, moved.stderr);
  const id = psql('SELECT min(id) FROM entities');
  psql(`UPDATE entities SET name = name || '改' WHERE id = ${id}`);
  const changed = migrate('--verify');
  psql(`UPDATE entities SET name = left(name, -1) WHERE id = ${id}`);
  assert.equal(changed.status, 1, changed.stderr);
  assert.match(changed.stderr, /1 table differs: entities \(150\/150 rows, content\)/);
  assert.deepEqual(report(changed.stdout).entities, [150, 150, 'DIFFERENT']);
  psql('DELETE FROM outbox WHERE id = (SELECT min(id) FROM outbox)'); // a row gone
  const [, a, b] = migrate('--verify').stderr.match(/outbox \((\d+)\/(\d+) rows\)/) || [];
  assert.equal(+a, +b + 1);
});

// last: the servers write (sessions, sweeps) and the SQLite one's folder goes with it
test('a server on the copy answers as the one on the SQLite file', { skip }, async () => {
  assert.equal(moved.status, 0, moved.stderr);
  const answers = async (srv) => {
    const county = await as(srv.base, 'county'); // users and their password hashes came across
    const get = async (url) => { const r = await county.get(url); assert.equal(r.status, 200, url); return r.data; };
    return { entities: await get('/api/v1/entities?limit=5'), campaigns: (await get('/api/v1/campaigns?limit=1')).total };
  };
  const onPg = await startServer({ dir: mkdtempSync(path.join(os.tmpdir(), 'shian-migrate-pg-')), args: [`--db_path=${pg.url}`] });
  let fromPg;
  try { fromPg = await answers(onPg); } finally { await onPg.stop(); }
  const onSqlite = await startServer({ dir });
  dir = null; // stop() removes the folder
  let fromSqlite;
  try { fromSqlite = await answers(onSqlite); } finally { await onSqlite.stop(); }
  assert.ok(fromPg.entities.items.length === 5 && fromPg.campaigns > 0, JSON.stringify(fromPg));
  assert.deepEqual(fromPg, fromSqlite);
});
