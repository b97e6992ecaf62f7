// The ledger as a C2SP tiled log (issue 12): tlog-tiles (the checkpoint, hash tiles and entry bundles),
// c2sp.org/tlog-proof files checked offline by `shian ledger verify --bundle`, and a witness (the city
// bureau's instance, `shian ledger witness`) that cosigns (cosignature/v1) only a checkpoint consistent
// with the last one it saw. Everything the server sends is checked here by an independent JavaScript
// implementation (node:crypto's SHA-256 and Ed25519).
import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { spawnSync } from 'node:child_process';
import { createHash, createPublicKey, verify } from 'node:crypto';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { BIN, Client, as, startServer } from './harness.mjs';

const sha256 = (...parts) => createHash('sha256').update(Buffer.concat(parts.map((p) => Buffer.from(p)))).digest();
const leafHash = (entry) => sha256([0], entry);
const nodeHash = (l, r) => sha256([1], l, r);

// MTH of RFC 6962 §2.1, straight from the definition
function mth(leaves) {
  if (leaves.length === 0) return sha256([]);
  if (leaves.length === 1) return leaves[0];
  let k = 1;
  while (k * 2 < leaves.length) k *= 2;
  return nodeHash(mth(leaves.slice(0, k)), mth(leaves.slice(k)));
}

// c2sp.org/tlog-tiles: N in 3-digit groups, all but the last prefixed with x
function tileIndex(n) {
  const groups = [];
  do { groups.unshift(String(n % 1000).padStart(3, '0')); n = Math.floor(n / 1000); } while (n > 0);
  return groups.map((g, i) => (i < groups.length - 1 ? `x${g}` : g)).join('/');
}

const ed25519 = (pk) => createPublicKey({ key: { kty: 'OKP', crv: 'Ed25519', x: pk.toString('base64url') }, format: 'jwk' });
function parseVkey(vkey) {
  const [name, hash, ...rest] = vkey.trim().split('+');
  const k = Buffer.from(rest.join('+'), 'base64');
  assert.equal(sha256(name, '\n', [k[0]], k.subarray(1)).subarray(0, 4).toString('hex'), hash, `key hash of ${name}`);
  return { name, hash, alg: k[0], key: ed25519(k.subarray(1)) };
}

// a signed note: the log's signature (0x01) and the cosignatures (0x04: "cosignature/v1\ntime <t>\n" ‖ text)
function openNote(note, logKey, witnessKey = null) {
  const cut = note.lastIndexOf('\n\n');
  const text = note.slice(0, cut + 1);
  const lines = note.slice(cut + 2).split('\n').filter(Boolean);
  const sigs = lines.map((l) => {
    const m = /^\u2014 (\S+) (\S+)$/.exec(l);
    assert.ok(m, `a signature line: ${l}`);
    return { name: m[1], raw: Buffer.from(m[2], 'base64') };
  });
  const log = parseVkey(logKey);
  const logOk = sigs.some((s) => s.name === log.name && s.raw.subarray(0, 4).toString('hex') === log.hash &&
    verify(null, Buffer.from(text), log.key, s.raw.subarray(4)));
  let cosigned = null;
  if (witnessKey) {
    const w = parseVkey(witnessKey);
    assert.equal(w.alg, 4, 'a cosignature key is of type 0x04');
    for (const s of sigs.filter((x) => x.name === w.name && x.raw.subarray(0, 4).toString('hex') === w.hash)) {
      assert.equal(s.raw.length, 4 + 8 + 64);
      const time = s.raw.readBigUInt64BE(4);
      if (verify(null, Buffer.from(`cosignature/v1\ntime ${time}\n${text}`), w.key, s.raw.subarray(12))) cosigned = Number(time);
    }
  }
  const [origin, size, root] = text.split('\n');
  return { logOk, cosigned, origin, size: Number(size), root: Buffer.from(root, 'base64'), text, lines };
}

let srv, county, t01, anon, vkey, dir, witness, witnessKey;
const cli = (...args) => spawnSync(BIN, args, { encoding: 'utf8', env: srv.env() });

before(async () => {
  dir = mkdtempSync(path.join(os.tmpdir(), 'shian-tlog-'));
  // the city bureau's witness: a key pair of its own, whose public half the county configures
  const init = spawnSync(BIN, ['ledger', 'witness-init', '--out', path.join(dir, 'w'), '--name', 'city.example/witness'], { encoding: 'utf8' });
  assert.equal(init.status, 0, init.stderr);
  witnessKey = init.stdout.trim();
  assert.equal(readFileSync(path.join(dir, 'w', 'witness.vkey'), 'utf8').trim(), witnessKey);
  assert.match(readFileSync(path.join(dir, 'w', 'witness.key'), 'utf8'), /^PRIVATE\+KEY\+city\.example\/witness\+[0-9a-f]{8}\+/);
  witness = path.join(dir, 'w', 'witness.key');
  srv = await startServer({ entities: 1500, seed: 61, args: [`--ledger_witness_keys=${witnessKey}`] });
  county = await as(srv.base, 'county');
  t01 = await as(srv.base, 't01');
  anon = new Client(srv.base);
  vkey = (await anon.get('/api/v1/ledger/key')).data.toString().trim();
  // more than one level-0 tile, so that a level-1 tile exists
  const entity = (await t01.get('/api/v1/entities?limit=1')).data.items[0].id;
  while ((await anon.get('/api/v1/ledger/leaves?limit=1')).data.size < 300)
    for (let i = 0; i < 20; i++)
      await t01.post('/api/v1/cases', { source: 'inspection', entity_id: entity, facts: `日常检查发现餐具消毒记录缺失（第${i}次）。` });
});
after(async () => { await srv.stop(); rmSync(dir, { recursive: true, force: true }); });

const checkpointNow = async () => {
  const r = await county.post('/api/v1/ledger/checkpoint', {});
  assert.ok([200, 201].includes(r.status), JSON.stringify(r.data));
  const got = await anon.get('/api/v1/ledger/tlog/checkpoint');
  assert.equal(got.status, 200);
  assert.match(got.headers.get('content-type'), /^text\/plain; charset=utf-8/);
  assert.match(got.headers.get('cache-control'), /max-age=\d\b/, 'the checkpoint is cached a few seconds at most');
  const note = got.data.toString();
  const cp = openNote(note, vkey, witnessKey);
  assert.ok(cp.logOk, note);
  return { note, ...cp };
};

test('tlog-tiles: the hash tiles and entry bundles give the signed root, computed here from them alone', async () => {
  const cp = await checkpointNow();
  assert.ok(cp.size > 256, `${cp.size} leaves: more than one tile`);
  const full = Math.floor(cp.size / 256), rest = cp.size % 256;
  const get = async (p) => {
    const r = await anon.get(`/api/v1/ledger/tlog/tile/${p}`);
    assert.equal(r.status, 200, `${p}: ${JSON.stringify(r.data)}`);
    assert.equal(r.headers.get('content-type'), 'application/octet-stream');
    return r;
  };
  const leaves = [];
  const tiles0 = [];
  for (let n = 0; n <= full; n++) {
    const width = n < full ? 256 : rest;
    if (width === 0) break;
    const p = `${tileIndex(n)}${width < 256 ? `.p/${width}` : ''}`;
    const tile = await get(`0/${p}`);
    assert.equal(tile.data.length, 32 * width);
    assert.match(tile.headers.get('cache-control'), width === 256 ? /immutable/ : /max-age=60\b/);
    const hashes = Array.from({ length: width }, (_, i) => tile.data.subarray(32 * i, 32 * i + 32));
    // the entry bundle: each entry after its 2-byte big-endian length, hashing to the tile's leaf
    const bundle = (await get(`entries/${p}`)).data;
    let at = 0;
    for (let i = 0; i < width; i++) {
      const len = bundle.readUInt16BE(at);
      assert.equal(len, 32);
      assert.ok(leafHash(bundle.subarray(at + 2, at + 2 + len)).equals(hashes[i]), `entry ${n * 256 + i}`);
      at += 2 + len;
    }
    assert.equal(at, bundle.length);
    tiles0.push(hashes);
    leaves.push(...hashes);
  }
  // level 1: one hash per full level-0 tile, the root of its 256 leaves (a partial tile of width `full`)
  const l1 = (await get(`1/000${full < 256 ? `.p/${full}` : ''}`)).data;
  assert.equal(l1.length, 32 * full);
  for (let n = 0; n < full; n++) assert.ok(l1.subarray(32 * n, 32 * n + 32).equals(mth(tiles0[n])), `level-1 hash ${n}`);
  assert.ok(mth(leaves).equals(cp.root), 'the root of the tiles\' leaves is the signed root');
  // and from the level-1 hashes with the partial level-0 tile only, never a leaf of a full tile: MTH
  // splits at powers of two, so above 256 leaves it meets whole tiles
  const tail = leaves.slice(full * 256);
  const rec = (start, end) => {
    if (start < full * 256) {
      if (end - start === 256) return l1.subarray(32 * (start / 256), 32 * (start / 256) + 32);
      assert.ok(end - start > 256, `a leaf of a full tile was needed (${start}..${end})`);
    } else if (end - start === 1) return tail[start - full * 256];
    let k = 1;
    while (k * 2 < end - start) k *= 2;
    return nodeHash(rec(start, start + k), rec(start + k, end));
  };
  assert.ok(rec(0, cp.size).equals(cp.root), 'the root from the level-1 tile and the partial tile');

  // nothing beyond the signed checkpoint; malformed paths named
  await t01.post('/api/v1/cases', { source: 'inspection', entity_id: (await t01.get('/api/v1/entities?limit=1')).data.items[0].id,
    facts: '日常检查发现从业人员未持有效健康证明上岗。' });
  const beyond = rest < 255 ? `0/${tileIndex(full)}.p/${rest + 1}` : `0/${tileIndex(full)}`;
  for (const p of [beyond, `0/${tileIndex(full + 1)}`, `entries/${tileIndex(full + 1)}`, `2/000.p/1`, '1/001']) {
    const r = await anon.get(`/api/v1/ledger/tlog/tile/${p}`);
    assert.equal(r.status, 404, p);
    assert.equal(r.data.error.field, 'tile', p);
  }
  for (const p of ['0/x000/001', '0/1', '0/000.p/0', '0/000.p/256', '64/000', '0/000/', 'entries/x001', 'x/000', '0/000.p/07']) {
    const r = await anon.get(`/api/v1/ledger/tlog/tile/${p}`);
    assert.equal(r.status, 400, p);
    assert.equal(r.data.error.field, 'path', p);
    assert.match(r.data.error.message, /[\u4e00-\u9fff]/, p); // Chinese, its English apart
    assert.ok(r.data.error.message_en, p);
  }
  assert.equal((await anon.get('/api/v1/ledger/tlog/tile/')).status, 404);
});

test('a .tlog-proof file: downloaded, checked offline by shian ledger verify --bundle; a changed byte anywhere fails', async () => {
  const cp = await checkpointNow();
  const leaf = (await anon.get(`/api/v1/ledger/leaves?start=${cp.size - 3}&limit=1`)).data.items[0];
  const r = await anon.get(`/api/v1/ledger/proof/bundle?entry=${leaf.entry_hash}`);
  assert.equal(r.status, 200, JSON.stringify(r.data));
  assert.equal(r.headers.get('content-disposition'), `attachment; filename="${leaf.index}.tlog-proof"`);
  const text = r.data.toString();
  const lines = text.split('\n');
  assert.equal(lines[0], 'c2sp.org/tlog-proof@v1');
  assert.equal(lines[1], `extra ${Buffer.from(leaf.entry_hash, 'hex').toString('base64')}`);
  assert.equal(lines[2], `index ${leaf.index}`);
  const blank = lines.indexOf('', 3);
  const proof = lines.slice(3, blank).map((l) => Buffer.from(l, 'base64'));
  assert.equal(text.slice(lines.slice(0, blank + 1).join('\n').length + 1), cp.note, 'the checkpoint, verbatim');
  // the inclusion proof, recomputed here: the path from the leaf, the sibling first, to the signed root
  let fn = leaf.index, sn = cp.size - 1, h = leafHash(Buffer.from(leaf.entry_hash, 'hex'));
  for (const p of proof) {
    if (fn % 2 === 1 || fn === sn) {
      h = nodeHash(p, h);
      while (fn % 2 === 0 && fn !== 0) { fn = Math.floor(fn / 2); sn = Math.floor(sn / 2); }
    } else h = nodeHash(h, p);
    fn = Math.floor(fn / 2); sn = Math.floor(sn / 2);
  }
  assert.ok(sn === 0 && h.equals(cp.root));
  // by index and by the record's hash alike
  assert.equal((await anon.get(`/api/v1/ledger/proof/bundle?index=${leaf.index}`)).data.toString(), text);

  const file = path.join(dir, `${leaf.index}.tlog-proof`);
  writeFileSync(file, text);
  const keyFile = path.join(dir, 'log.vkey');
  writeFileSync(keyFile, `${vkey}\n`);
  const run = (...args) => cli('ledger', 'verify', '--bundle', ...args);
  let v = run(file, '--key', keyFile);
  assert.equal(v.status, 0, v.stderr);
  assert.match(v.stdout, new RegExp(`^OK: entry ${leaf.entry_hash} is leaf ${leaf.index} of the log of ${cp.size} leaves`));
  v = run(file, '--key', vkey, '--entry', leaf.entry_hash);
  assert.equal(v.status, 0, v.stderr);
  v = run(file, '--key', vkey, '--entry', 'ab'.repeat(32));
  assert.equal(v.status, 1);
  assert.match(v.stderr, /FAILED: the file is for another entry/);
  // the server's own key (read from its secret) when none is given
  v = run(file, `--db_path=${srv.db}`);
  assert.equal(v.status, 0, v.stderr);

  // one changed byte: in the header, the extra, the index, a hash of the path, the blank line, the
  // checkpoint's size, its root, its signature, the last newline
  const at = (needle, off = 0) => { const i = text.indexOf(needle); assert.ok(i >= 0, needle); return i + off; };
  const places = [3, at('extra ', 8), at('index ', 6), at(lines[3], 5), at('\n\n'), at(`\n${cp.size}\n`, 1),
    at(cp.text.split('\n')[2], 10), text.length - 20, text.length - 1];
  for (const i of places) {
    const bad = Buffer.from(text);
    bad[i] ^= 1;
    writeFileSync(file, bad);
    v = run(file, '--key', keyFile);
    assert.equal(v.status, 1, `byte ${i} changed (${JSON.stringify(text.slice(i - 3, i + 3))}): ${v.stdout}${v.stderr}`);
    assert.match(v.stderr, /FAILED/);
  }
  writeFileSync(file, text);

  for (const [q, field] of [['', 'entry'], ['entry=XYZ', 'entry'], ['hash=12', 'entry'], ['index=-1', 'index'], ['index=x', 'index']]) {
    const e = await anon.get(`/api/v1/ledger/proof/bundle?${q}`);
    assert.equal(e.status, 400, q);
    assert.equal(e.data.error.field, field, q);
  }
  assert.equal((await anon.get(`/api/v1/ledger/proof/bundle?entry=${'0'.repeat(64)}`)).status, 404);
  assert.equal((await anon.get(`/api/v1/ledger/proof/bundle?index=${cp.size + 100000}`)).status, 404);
});

test('the witness: cosigns a consistent checkpoint (served with it, verified here), refuses a rollback and a fork; the log refuses a key it was not given', async () => {
  const state = path.join(dir, 'state');
  const witnessRun = (base, key = witness, st = state) =>
    cli('ledger', 'witness', '--url', base, '--log-key', vkey, '--key', key, '--state', st);
  const cp1 = await checkpointNow();
  let w = witnessRun(srv.base);
  assert.equal(w.status, 0, w.stderr);
  assert.match(w.stdout, new RegExp(`cosigned ${cp1.origin} at ${cp1.size} leaves \\(first seen\\)`));
  let now = await checkpointNow();
  assert.equal(now.size, cp1.size);
  assert.ok(Number.isInteger(now.cosigned), `the cosignature verifies: ${now.note}`);
  assert.ok(Math.abs(now.cosigned - srv.now() / 1000) < 120, 'its time is the platform clock\'s');
  assert.equal(now.lines.length, 2);
  // the old endpoint serves the same cosigned note
  assert.equal((await anon.get('/api/v1/ledger/checkpoint')).data.toString(), now.note);

  // the log grows: the witness checks the consistency proof from the size it saw, then cosigns
  await t01.post('/api/v1/cases', { source: 'inspection', entity_id: (await t01.get('/api/v1/entities?limit=1')).data.items[0].id,
    facts: '日常检查发现冷库温度记录不全。' });
  const cp2 = await checkpointNow();
  assert.ok(cp2.size > cp1.size && cp2.cosigned === null, 'a new checkpoint has no cosignature yet');
  w = witnessRun(srv.base);
  assert.equal(w.status, 0, w.stderr);
  assert.match(w.stdout, /consistent with the last one seen/);
  now = await checkpointNow();
  assert.ok(now.cosigned !== null);

  // the bundle now carries the cosignature: checked with the witness's key, refused without it
  const file = path.join(dir, 'cosigned.tlog-proof');
  writeFileSync(file, (await anon.get(`/api/v1/ledger/proof/bundle?index=0`)).data);
  let v = cli('ledger', 'verify', '--bundle', file, '--key', vkey, '--witness', path.join(dir, 'w', 'witness.vkey'));
  assert.equal(v.status, 0, v.stderr);
  assert.match(v.stdout, /\(1 witness cosignature\)/);
  v = cli('ledger', 'verify', '--bundle', file, '--key', vkey);
  assert.equal(v.status, 1);
  assert.match(v.stderr, /key not given/);
  const bad = readFileSync(file);
  bad[bad.length - 10] ^= 1; // in the cosignature
  writeFileSync(file, bad);
  v = cli('ledger', 'verify', '--bundle', file, '--key', vkey, '--witness', path.join(dir, 'w', 'witness.vkey'));
  assert.equal(v.status, 1, v.stdout);

  // a witness the log was not given: its cosignature is refused
  const other = spawnSync(BIN, ['ledger', 'witness-init', '--out', path.join(dir, 'w2'), '--name', 'city.example/witness'], { encoding: 'utf8' });
  assert.equal(other.status, 0, other.stderr);
  w = witnessRun(srv.base, path.join(dir, 'w2', 'witness.key'), path.join(dir, 'state2'));
  assert.equal(w.status, 1);
  assert.match(w.stderr, /did not take the cosignature \(HTTP 403\).*not by a configured witness/);
  // and a cosignature posted by hand is checked the same way
  const forged = await anon.post('/api/v1/ledger/cosignatures', { size: now.size, cosignature: now.lines[1].replace(/.{6}$/, 'AAAA==') + '\n' });
  assert.equal(forged.status, 403);
  assert.equal(forged.data.error.field, 'cosignature');
  for (const [body, field] of [[{}, 'size'], [{ size: -1, cosignature: 'x\n' }, 'size'], [{ size: now.size }, 'cosignature'],
    [{ size: now.size, cosignature: 'two\nlines\n' }, 'cosignature']]) {
    const r = await anon.post('/api/v1/ledger/cosignatures', body);
    assert.equal(r.status, 400, JSON.stringify(body));
    assert.equal(r.data.error.field, field, JSON.stringify(body));
  }
  assert.equal((await anon.post('/api/v1/ledger/cosignatures', { size: now.size + 1000, cosignature: now.lines[1] + '\n' })).status, 404);

  // another log under the same name and key (a second server on the same secret), smaller: to the
  // witness that saw the first one, a rollback; to one that saw it first, the first log is a fork
  const twin = await startServer({ entities: 40, seed: 3, args: [`--ledger_witness_keys=${witnessKey}`] });
  try {
    const tc = await as(twin.base, 'county');
    assert.ok([200, 201].includes((await tc.post('/api/v1/ledger/checkpoint', {})).status));
    assert.equal((await new Client(twin.base).get('/api/v1/ledger/key')).data.toString().trim(), vkey, 'the same key');
    const kept = readFileSync(path.join(state, `${cp1.origin.replace(/\//g, '_')}.checkpoint`), 'utf8');
    w = witnessRun(twin.base);
    assert.notEqual(w.status, 0);
    assert.match(w.stderr, /REFUSED: rollback/);
    assert.equal(readFileSync(path.join(state, `${cp1.origin.replace(/\//g, '_')}.checkpoint`), 'utf8'), kept, 'the state is kept');
    const fresh = path.join(dir, 'state3');
    w = witnessRun(twin.base, witness, fresh);
    assert.equal(w.status, 0, w.stderr);
    w = witnessRun(srv.base, witness, fresh);
    assert.notEqual(w.status, 0);
    assert.match(w.stderr, /REFUSED: fork/);
  } finally {
    await twin.stop();
  }
});
