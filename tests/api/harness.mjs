// Starts a real shian server on a loopback port with a small demo county, and talks to it over HTTP.
// The server runs the sanitizer build under `make test`; stop() fails the test when it reported
// a memory or undefined-behaviour error, or did not exit cleanly.
import { spawn, spawnSync } from 'node:child_process';
import { appendFileSync, mkdtempSync, rmSync } from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { makeDemoCounty } from './demo_county.mjs';

export const BIN = process.env.SHIAN_BIN || path.resolve('build/shian');
export const PASSWORD = 'Shian@2026';

export function freePort() {
  return new Promise((resolve, reject) => {
    const s = net.createServer();
    s.listen(0, '127.0.0.1', () => {
      const { port } = s.address();
      s.close(() => resolve(port));
    });
    s.on('error', reject);
  });
}

// The tests pin the platform's clock (SHIAN_NOW, as `make test` sets for its runs at hard dates; a
// Wednesday in November otherwise): the server, the demo and every verb start at that instant and run
// on from it, and a test reads "now" and "today" from srv.now() and srv.today(), never from its own
// clock, so it passes on any day it runs.
export const DEFAULT_NOW = '2026-11-18T10:00:00+08:00';

export function pinnedStart() {
  const v = process.env.SHIAN_NOW || DEFAULT_NOW;
  const ms = /^\d+$/.test(v) ? Number(v) : Date.parse(v);
  if (!Number.isFinite(ms)) throw new Error(`SHIAN_NOW: not a time: ${v}`);
  return ms;
}

// YYYY-MM-DD in Beijing time of epoch ms.
export function beijingDate(ms) { return new Date(ms + 8 * 3600e3).toISOString().slice(0, 10); }

// Calendar arithmetic on YYYY-MM-DD.
export function addDays(date, n) { return new Date(Date.parse(`${date}T00:00:00Z`) + n * 86400e3).toISOString().slice(0, 10); }
export function mondayOf(date) { return addDays(date, -((new Date(`${date}T00:00:00Z`).getUTCDay() + 6) % 7)); }

// A clock that starts at the pinned instant and runs with this process's clock.
export function pinnedClock() {
  const start = pinnedStart(), t0 = Date.now();
  return () => start + (Date.now() - t0);
}

// SHIAN_TEST_DB=postgres: each server on a database of its own in the cluster of SHIAN_TEST_PG (a URL
// of its database "shian", as scripts/pg-cluster.sh prints), made here and dropped by stop(). With
// SHIAN_TEST_PG_TEMPLATE (scripts/run-tests.sh: a database migrated once), a server's database starts as
// a copy of that one, so its demo does not run every migration again (about 3 s a server on PostgreSQL).
const ON_POSTGRES = process.env.SHIAN_TEST_DB === 'postgres';
let databases = 0;
function psql(sql) {
  const r = spawnSync('psql', [process.env.SHIAN_TEST_PG, '-q', '-v', 'ON_ERROR_STOP=1', '-c', sql], { encoding: 'utf8' });
  if (r.status !== 0) throw new Error(`psql ${sql}: ${r.stderr}`);
}
// migrated: a copy of SHIAN_TEST_PG_TEMPLATE when there is one; otherwise (and for `shian migrate --to`,
// which wants an empty one) an empty database. template: a copy of that database instead; name: its name
// (one made here otherwise).
export function newPostgresDatabase({ migrated = false, template = null, name = null } = {}) {
  name ??= `shian_t${process.pid}_${++databases}`;
  template ??= migrated ? process.env.SHIAN_TEST_PG_TEMPLATE : null;
  psql(template ? `CREATE DATABASE ${name} TEMPLATE ${template}` : `CREATE DATABASE ${name}`);
  return { url: process.env.SHIAN_TEST_PG.replace('/shian?', `/${name}?`), drop: () => psql(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`) };
}

// Several instances (startServer's instances, SHIAN_TEST_INSTANCES): round_robin.mjs in a process of its
// own sends each request to the next instance in turn.
async function roundRobin(ports) {
  const proc = spawn(process.execPath, [new URL('./round_robin.mjs', import.meta.url).pathname, ...ports.map(String)],
    { stdio: ['ignore', 'pipe', 'inherit'] });
  const exited = new Promise((resolve) => proc.on('exit', resolve));
  const port = await new Promise((resolve, reject) => {
    let out = '';
    proc.stdout.on('data', (d) => { out += d; if (out.includes('\n')) resolve(Number(out.trim())); });
    proc.on('exit', (code) => reject(new Error(`round_robin.mjs exited with ${code}`)));
  });
  return { port, close: () => { proc.kill('SIGTERM'); return exited; } };
}

// args: more `shian serve` flags, such as ['--per_ip_connections=8']; nofile: the server's limit of
// open files (as a service manager sets it, 1024 by default), else this process's. dir: a folder that
// already holds shian.db and files/ (e.g. a restored backup), served as it is instead of a new demo.
// demoArgs: more `shian demo` flags, such as ['--demo_photos_dir=/nowhere']; its output is srv.demoOutput.
// reports: the demo's two PDF/Excel reports too; off unless a test reads them, since making them is most
// of a sanitized demo's time and ~100 files start servers. instances: how many `shian serve` share the
// database and files/ (SHIAN_TEST_INSTANCES, 1 by default); with more than one, srv.base is a proxy that
// alternates requests between them (so a test runs against either), srv.bases each instance's own address.
export async function startServer({ entities = 600, seed = 11, args = [], nofile = 0, dir: existing = null, demoArgs = [], reports = false,
  instances = Number(process.env.SHIAN_TEST_INSTANCES || 1) } = {}) {
  const dir = existing || mkdtempSync(path.join(os.tmpdir(), 'shian-api-'));
  const clock = pinnedClock();
  const env = () => ({ ...process.env, SHIAN_NOW: String(clock()) });
  const demoArgsAll = [`--entities=${entities}`, `--seed=${seed}`, ...(reports ? [] : ['--reports=0']), ...demoArgs];
  const { db, pg, demo } = existing ? { db: path.join(dir, 'shian.db'), pg: null, demo: { status: 0 } } : makeDemoCounty({
    dir, args: demoArgsAll, pinned: pinnedStart(),
    runDemo: (to, files) => spawnSync(BIN, ['demo', `--db_path=${to}`, `--files_dir=${files}`, ...demoArgsAll], { encoding: 'utf8', env: env() }),
    newDatabase: ON_POSTGRES ? (o) => newPostgresDatabase({ migrated: true, ...o }) : null,
  });
  if (demo.status !== 0) throw new Error(`demo failed: ${demo.stderr}`);
  const ports = [];
  for (let i = 0; i < instances; i++) ports.push(await freePort());
  const argv = (port) => ['serve', `--db_path=${db}`, `--port=${port}`, '--threads=2', '--log_level=' + (process.env.SHIAN_TEST_LOG || 'warn'),
    '--web_root=' + path.resolve('web'), `--files_dir=${path.join(dir, 'files')}`, '--trusted_proxy=127.0.0.1', ...args];
  const command = (port) => nofile ? ['/bin/sh', ['-c', `ulimit -n ${Number(nofile)} && exec "$0" "$@"`, BIN, ...argv(port)]] : [BIN, argv(port)];
  const bases = ports.map((p) => `http://127.0.0.1:${p}`);
  const proxy = instances > 1 ? await roundRobin(ports) : null;
  const port = proxy ? proxy.port : ports[0];
  const base = `http://127.0.0.1:${port}`;
  let shift = 0; // how far travel() moved the clock
  let skew = 0;
  const now = () => clock() + shift + skew; // the server's clock, as its health answer reads it

  // Starts `shian serve` (instance i) with the clock at now() and waits until it answers.
  async function launch(i) {
    const [cmd, cmdArgs] = command(ports[i]);
    const proc = spawn(cmd, cmdArgs, { stdio: ['ignore', 'pipe', 'pipe'], env: { ...process.env, SHIAN_NOW: String(clock() + shift) } });
    const run = { proc, stderr: '' };
    // SHIAN_TEST_SERVER_LOG=FILE: every server's log appended there too, to read what a 500 was
    proc.stderr.on('data', (d) => { run.stderr += d; if (process.env.SHIAN_TEST_SERVER_LOG) appendFileSync(process.env.SHIAN_TEST_SERVER_LOG, d); });
    proc.stdout.on('data', () => {});
    run.exited = new Promise((resolve) => proc.on('exit', (code, signal) => resolve({ code, signal })));
    for (let tries = 0; ; tries++) {
      try {
        const r = await fetch(`${bases[i]}/api/v1/health`);
        if (r.ok) { skew = (await r.json()).now - (clock() + shift); break; }
      } catch { /* not up yet */ }
      if (tries > 300) throw new Error(`server did not start: ${run.stderr}`);
      await new Promise((r) => setTimeout(r, 100));
    }
    return run;
  }
  // Stops it; fails on a sanitizer report or an unclean exit.
  async function halt(run) {
    run.proc.kill('SIGTERM');
    const { code, signal } = await run.exited;
    if (/AddressSanitizer|LeakSanitizer|runtime error:/.test(run.stderr)) throw new Error(`sanitizer report:\n${run.stderr}`);
    if (code !== 0) throw new Error(`server exited with ${code ?? signal}:\n${run.stderr}`);
  }
  // every instance, one after the other (the first leads the sweep round at start)
  const launchAll = async () => { const all = []; for (let i = 0; i < instances; i++) all.push(await launch(i)); return all; };
  const haltAll = async (all) => {
    const failed = (await Promise.allSettled(all.map(halt))).find((r) => r.status === 'rejected');
    if (failed) throw failed.reason;
  };
  let runs = await launchAll();
  return {
    base, bases, db, dir, now, port, demoOutput: demo.stdout || '',
    get pid() { return runs[0].proc.pid; }, // the server process, e.g. to read /proc/<pid>/status
    get pids() { return runs.map((r) => r.proc.pid); },
    today: () => beijingDate(now()),
    env: () => ({ ...process.env, SHIAN_NOW: String(now()) }), // for a `shian` verb on this database
    // `shian settings set`, as an operator changes a bureau's setting; the server reads settings anew
    // within SH_SETTINGS_MAX_AGE_MS, so this waits that long
    async setSetting(key, value) {
      const r = spawnSync(BIN, ['settings', 'set', key, value, `--db_path=${db}`, '--log_level=warn'], { encoding: 'utf8', env: env() });
      if (r.status !== 0) throw new Error(`settings set failed: ${r.stderr}`);
      await new Promise((done) => setTimeout(done, 1100));
    },
    // Time passes: the server (every instance) restarts on the same database with its clock ms later
    // (sessions may have expired by then: sign in again).
    async travel(ms) {
      await haltAll(runs);
      shift += ms;
      runs = await launchAll();
    },
    async stop() {
      try { await haltAll(runs); } finally { await proxy?.close(); rmSync(dir, { recursive: true, force: true }); pg?.drop(); }
    },
  };
}

// A client: keeps the session cookie of its login, sends the CSRF header on writes.
export class Client {
  // address: the resident's address as the trusted proxy reports it (X-Forwarded-For; the test server
  // trusts 127.0.0.1 as its proxy), so per-address limits can tell residents apart.
  constructor(base, { address = null } = {}) { this.base = base; this.cookie = null; this.token = null; this.address = address; }

  async req(method, url, { body, raw, headers = {}, csrf = true } = {}) {
    const h = { ...headers };
    if (this.cookie) h.cookie = this.cookie;
    if (this.token) h.authorization = `Bearer ${this.token}`;
    if (this.address) h['x-forwarded-for'] = this.address;
    if (csrf && method !== 'GET') h['x-requested-with'] = 'shian';
    let payload;
    if (raw !== undefined) payload = raw;
    else if (body !== undefined) { payload = JSON.stringify(body); h['content-type'] = 'application/json'; }
    const r = await fetch(this.base + url, { method, headers: h, body: payload });
    const type = r.headers.get('content-type') || '';
    const data = type.startsWith('application/json') ? await r.json() : Buffer.from(await r.arrayBuffer());
    return { status: r.status, data, headers: r.headers };
  }

  get(url, o) { return this.req('GET', url, o); }
  post(url, body, o = {}) { return this.req('POST', url, { ...o, body }); }
  patch(url, body, o = {}) { return this.req('PATCH', url, { ...o, body }); }

  async login(username, password = PASSWORD) {
    const r = await this.post('/api/v1/auth/login', { username, password });
    if (r.status !== 200) throw new Error(`login ${username}: ${r.status} ${JSON.stringify(r.data)}`);
    this.cookie = r.headers.get('set-cookie').split(';')[0];
    this.user = r.data.user;
    return this;
  }
}

export async function as(base, username) {
  return new Client(base).login(username);
}

// GB 32100 credit code with a correct check character, for a county code and a serial (below 10^6):
// 92 (market regulation, individual business), the county, organisation code MA + 6 digits with its
// GB 11714 check digit (weights 3 7 9 10 5 8 4 2, A=10 ... Z=35, 11 - sum mod 11, 10 -> X, 11 -> 0),
// so the code draws no warning. orgCheck = false gives a wrong organisation check digit on purpose.
const ALPHA = '0123456789ABCDEFGHJKLMNPQRTUWXY';
const W = [1, 3, 9, 27, 19, 26, 16, 17, 20, 29, 25, 13, 8, 24, 10, 30, 28];
// The first n active businesses the official sees that have a sign-in (b<id>), as [entity, client].
export async function businessesWithLogin(official, base, n = 2, { keep = () => true, limit = 30 } = {}) {
  const found = [];
  for (const e of (await official.get(`/api/v1/entities?status=active&limit=${limit}`)).data.items) {
    if (!keep(e)) continue;
    const r = await new Client(base).post('/api/v1/auth/login', { username: `b${e.id}`, password: PASSWORD });
    if (r.status === 200) found.push([e, await as(base, `b${e.id}`)]);
    if (found.length === n) break;
  }
  return found;
}

export function orgCodeCheck(body8) {
  const OW = [3, 7, 9, 10, 5, 8, 4, 2];
  const c = 11 - ([...body8].reduce((s, ch, i) => s + parseInt(ch, 36) * OW[i], 0) % 11);
  return c === 10 ? 'X' : c === 11 ? '0' : String(c);
}
export function usccCheck(first17) {
  const sum = [...first17].reduce((s, c, i) => s + ALPHA.indexOf(c) * W[i], 0);
  return ALPHA[(31 - (sum % 31)) % 31];
}
export function uscc(county, serial, { head = '92', orgCheck = true } = {}) {
  const org = `MA${String(serial).padStart(6, '0')}`;
  const right = orgCodeCheck(org);
  const digit = orgCheck ? right : right === '1' ? '2' : '1';
  const body = `${head}${county}${org}${digit}`;
  return body + usccCheck(body);
}

export function breakCheck(code) {
  const last = code[17];
  return code.slice(0, 17) + (last === '0' ? '1' : '0');
}
