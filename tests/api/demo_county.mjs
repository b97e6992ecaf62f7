// A test server's demo county, made once for a run of the suites and copied for each server
// (tests/api/harness.mjs). `shian demo` is deterministic in its seed, its size and the pinned clock, and
// about a hundred servers start in a run of the API suite, most on the same default county: under the
// sanitizer a demo takes about 2 s on SQLite and 4 s on PostgreSQL, a copy a tenth of that.
//
// SHIAN_TEST_DEMOS (scripts/run-tests.sh: a folder of the run's own, removed at its end) holds one folder
// per kind of county: its key hashes what makes the county (the demo's arguments, the pinned start, the
// engine). The first server to need one makes it under a lock (two test files run at once); the others
// copy it: the SQLite file, or a PostgreSQL database made with the county's database as its template;
// the attachments' folder in both cases. Without SHIAN_TEST_DEMOS (a file run by hand) every server runs
// its own demo, as before.
import { createHash } from 'node:crypto';
import { copyFileSync, cpSync, existsSync, mkdirSync, readFileSync, rmdirSync, rmSync, statSync, writeFileSync } from 'node:fs';
import path from 'node:path';

const sleepMs = (ms) => Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, ms);

// Runs fn holding a lock folder; one left by a process that died (older than 5 minutes) is taken over.
function withLock(lock, fn) {
  for (;;) {
    try { mkdirSync(lock); break; } catch (e) {
      if (e.code !== 'EEXIST') throw e;
      try { if (Date.now() - statSync(lock).mtimeMs > 300e3) rmdirSync(lock); } catch { /* released meanwhile */ }
      sleepMs(100);
    }
  }
  try { return fn(); } finally { rmdirSync(lock); }
}

// Makes a server's county in dir (its database and dir/files) and returns { db, pg, demo } with demo as
// spawnSync's result of `shian demo` (status, stdout, stderr).
//   args        the demo's own arguments, without --db_path and --files_dir
//   runDemo     (db, filesDir) => spawnSync result: runs `shian demo … args`
//   newDatabase ({ template }) => { url, drop }: a PostgreSQL database (null on SQLite); without a
//               template, a migrated empty one
//   pinned      the clock's pinned start (part of the key)
export function makeDemoCounty({ dir, args, runDemo, newDatabase, pinned }) {
  const files = path.join(dir, 'files');
  const root = process.env.SHIAN_TEST_DEMOS;
  if (!root) {
    const pg = newDatabase ? newDatabase({}) : null;
    const db = pg ? pg.url : path.join(dir, 'shian.db');
    return { db, pg, demo: runDemo(db, files) };
  }
  // the folder is in the key too: a cluster outliving one run's folder keeps that run's county databases
  const key = createHash('sha256').update(JSON.stringify([args, pinned, Boolean(newDatabase), root])).digest('hex').slice(0, 16);
  const made = path.join(root, key);
  const name = `shian_demo_${key}`;
  let failed = null;
  withLock(`${made}.lock`, () => {
    if (existsSync(path.join(made, 'demo.json'))) return;
    rmSync(made, { recursive: true, force: true });
    mkdirSync(made, { recursive: true });
    const db = newDatabase ? newDatabase({ name }).url : path.join(made, 'shian.db');
    const demo = runDemo(db, path.join(made, 'files'));
    if (demo.status !== 0) { failed = demo; return; } // not kept: the next server tries again and fails alike
    writeFileSync(path.join(made, 'demo.json'), JSON.stringify({ stdout: demo.stdout }));
  });
  if (failed) return { db: null, pg: null, demo: failed };
  const { stdout } = JSON.parse(readFileSync(path.join(made, 'demo.json'), 'utf8'));
  let pg = null, db;
  if (newDatabase) {
    pg = newDatabase({ template: name });
    db = pg.url;
  } else {
    db = path.join(dir, 'shian.db');
    copyFileSync(path.join(made, 'shian.db'), db);
    if (existsSync(path.join(made, 'shian.db-wal'))) copyFileSync(path.join(made, 'shian.db-wal'), `${db}-wal`);
  }
  if (existsSync(path.join(made, 'files'))) cpSync(path.join(made, 'files'), files, { recursive: true });
  return { db, pg, demo: { status: 0, stdout, stderr: '' } };
}
