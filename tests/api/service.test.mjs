// Installing on a county server (issue 18), as the README says, in a scratch folder: the unit files in
// docs/ pass systemd's own check; the README's shian.conf is read as it is written (its paths moved into
// the scratch folder); `shian migrate` and `shian user add admin` make the first administrator; then
// the unit's own ExecStart, Environment, WorkingDirectory and UMask start the server, the administrator
// signs in, the files it made are not readable by others, and SIGTERM stops it cleanly in the unit's
// TimeoutStopSec.
import assert from 'node:assert/strict';
import { spawn, spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { after, before, test } from 'node:test';
import { BIN, Client, freePort, pinnedStart } from './harness.mjs';

const PASSWORD = 'Kx9#county-admin';
let root, port, unit;

// the unit's settings, "Key=value" lines of [Service]; a key given twice keeps both
function serviceSettings(text) {
  const out = {};
  let section = '';
  for (const line of text.split('\n')) {
    const s = line.trim();
    if (!s || s.startsWith('#')) continue;
    if (s.startsWith('[')) { section = s; continue; }
    const eq = s.indexOf('=');
    if (section === '[Service]' && eq > 0) (out[s.slice(0, eq)] ||= []).push(s.slice(eq + 1));
  }
  return out;
}

// the README's shian.conf block, paths under /var/lib/shian and /usr/local/share/shian moved to root
function readmeConf() {
  const readme = readFileSync('README.md', 'utf8');
  const at = readme.indexOf('`/etc/shian/shian.conf` (root:shian');
  const block = readme.slice(readme.indexOf('```\n', at) + 4, readme.indexOf('\n```', readme.indexOf('```\n', at) + 4));
  assert.match(block, /^db_path = \/var\/lib\/shian\/shian.db$/m, 'the README shows the configuration file');
  return block.replaceAll('/var/lib/shian', path.join(root, 'var/lib/shian'))
    .replaceAll('/usr/local/share/shian/web', path.resolve('web'))
    .replace(/^port = \d+$/m, `port = ${port}`);
}

before(async () => {
  root = mkdtempSync(path.join(os.tmpdir(), 'shian-install-'));
  port = await freePort();
  unit = serviceSettings(readFileSync('docs/shian.service', 'utf8'));
  for (const d of ['var/lib/shian/files', 'var/log/shian', 'etc/shian']) mkdirSync(path.join(root, d), { recursive: true });
  writeFileSync(path.join(root, 'etc/shian/shian.conf'), readmeConf(), { mode: 0o640 });
  writeFileSync(path.join(root, 'var/lib/shian/secret.key'), Buffer.alloc(32, 7), { mode: 0o600 });
});
after(() => rmSync(root, { recursive: true, force: true }));

test('the unit files pass systemd-analyze verify, with nothing it does not understand', () => {
  const dir = path.join(root, 'units');
  mkdirSync(dir);
  for (const f of ['shian.service', 'shian-backup.service', 'shian-backup.timer'])
    writeFileSync(path.join(dir, f), readFileSync(path.join('docs', f), 'utf8').replaceAll('/usr/local/bin/shian', BIN));
  const v = spawnSync('systemd-analyze', ['verify', ...['shian.service', 'shian-backup.service', 'shian-backup.timer'].map((f) => path.join(dir, f))],
    { encoding: 'utf8' });
  assert.equal(v.status, 0, v.stderr);
  assert.doesNotMatch(v.stderr, /Unknown|ignoring|bad-setting|Failed/, v.stderr);
  // a unit with a mistake is caught by the same check, so the check is real
  writeFileSync(path.join(dir, 'broken.service'), readFileSync('docs/shian.service', 'utf8').replace('ExecStart=', 'ExecStrat='));
  assert.notEqual(spawnSync('systemd-analyze', ['verify', path.join(dir, 'broken.service')], { encoding: 'utf8' }).status, 0);
});

test('the README install: migrate, first administrator, the unit starts the server, SIGTERM stops it', async () => {
  const [environment] = unit.Environment;
  assert.match(environment, /^SHIAN_CONFIG=\/etc\/shian\/shian.conf$/);
  const env = { ...process.env, SHIAN_CONFIG: path.join(root, 'etc/shian/shian.conf'), SHIAN_PASSWORD: PASSWORD, SHIAN_NOW: String(pinnedStart()) };
  const migrate = spawnSync(BIN, ['migrate'], { env, encoding: 'utf8' });
  assert.equal(migrate.status, 0, migrate.stderr);
  const admin = spawnSync(BIN, ['user', 'add', 'admin', '--role', 'admin', '--name', '系统管理员'], { env, encoding: 'utf8' });
  assert.equal(admin.status, 0, admin.stderr);

  // ExecStart=/usr/local/bin/shian serve, in WorkingDirectory, with the unit's UMask
  const [exec] = unit.ExecStart;
  const [program, ...args] = exec.split(/\s+/);
  assert.equal(program, '/usr/local/bin/shian');
  const cwd = unit.WorkingDirectory[0].replace('/var/lib/shian', path.join(root, 'var/lib/shian'));
  const umask = unit.UMask[0];
  const proc = spawn('sh', ['-c', `umask ${umask} && exec "$0" "$@"`, BIN, ...args], { cwd, env, stdio: ['ignore', 'ignore', 'pipe'] });
  let stderr = '';
  proc.stderr.on('data', (d) => { stderr += d; });
  const exited = new Promise((resolve) => proc.on('exit', (code, signal) => resolve({ code, signal })));
  try {
    const base = `http://127.0.0.1:${port}`;
    for (let i = 0; ; i++) {
      try { if ((await fetch(`${base}/api/v1/health`)).ok) break; } catch { /* not up yet */ }
      assert.ok(i < 300, `the server did not start: ${stderr}`);
      await new Promise((r) => setTimeout(r, 100));
    }
    const client = await new Client(base).login('admin', PASSWORD);
    const me = await client.get('/api/v1/me');
    assert.deepEqual([me.status, me.data.user?.username ?? me.data.username], [200, 'admin'], JSON.stringify(me.data));
    assert.equal((await new Client(base).post('/api/v1/auth/login', { username: 'admin', password: 'wrong' })).status, 401);
    // what it made under /var/lib/shian is not for others (UMask=0027)
    for (const f of ['shian.db', 'shian.db-wal']) assert.equal(statSync(path.join(root, 'var/lib/shian', f)).mode & 0o007, 0, f);
  } finally {
    const stopBy = Number(unit.TimeoutStopSec[0]) * 1000;
    proc.kill(unit.KillSignal[0]);
    const timer = setTimeout(() => proc.kill('SIGKILL'), stopBy);
    const { code, signal } = await exited;
    clearTimeout(timer);
    assert.equal(code, 0, `stopped by ${signal ?? code}:\n${stderr}`);
    assert.doesNotMatch(stderr, /AddressSanitizer|LeakSanitizer|runtime error:/);
  }
});
