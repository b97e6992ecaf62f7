// The verifiable ledger (issue 12): records written through the API land in an RFC 6962 Merkle log whose
// checkpoints are C2SP signed notes with Ed25519. Everything here is checked by an independent
// implementation in JavaScript (node:crypto's SHA-256 and Ed25519), so a wrong hash, proof or signature in
// the server fails the test; then `shian ledger verify` checks the same proofs offline and refuses them
// with one byte changed.
import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { spawnSync } from 'node:child_process';
import { createHash, createPublicKey, verify } from 'node:crypto';
import { writeFileSync } from 'node:fs';
import path from 'node:path';
import { BIN, Client, as, startServer } from './harness.mjs';
import { png } from './images.mjs';

let srv, county, t01, anon;
const sha256 = (...parts) => createHash('sha256').update(Buffer.concat(parts.map((p) => Buffer.from(p)))).digest();
const leafHash = (entry) => sha256([0], entry);
const nodeHash = (l, r) => sha256([1], l, r);
const hex = (h) => Buffer.from(h, 'hex');

// MTH of RFC 6962 §2.1, straight from the definition
function mth(leaves) {
  if (leaves.length === 0) return sha256([]);
  if (leaves.length === 1) return leaves[0];
  let k = 1;
  while (k * 2 < leaves.length) k *= 2;
  return nodeHash(mth(leaves.slice(0, k)), mth(leaves.slice(k)));
}

// RFC 9162 §2.1.3.2, with BigInt-free arithmetic (sizes stay far below 2^53)
function verifyInclusion(index, size, leaf, proof, root) {
  if (index >= size) return false;
  let fn = index, sn = size - 1, r = leaf;
  for (const p of proof) {
    if (sn === 0) return false;
    if (fn % 2 === 1 || fn === sn) {
      r = nodeHash(p, r);
      while (fn % 2 === 0 && fn !== 0) { fn = Math.floor(fn / 2); sn = Math.floor(sn / 2); }
    } else r = nodeHash(r, p);
    fn = Math.floor(fn / 2); sn = Math.floor(sn / 2);
  }
  return sn === 0 && r.equals(root);
}

// RFC 9162 §2.1.4.2
function verifyConsistency(first, second, root1, root2, proof) {
  if (first === 0 || second < first) return false;
  if (first === second) return proof.length === 0 && root1.equals(root2);
  if (proof.length === 0) return false;
  const path = (first & (first - 1)) === 0 ? [root1, ...proof] : proof;
  let fn = first - 1, sn = second - 1;
  while (fn % 2 === 1) { fn = Math.floor(fn / 2); sn = Math.floor(sn / 2); }
  let fr = path[0], sr = path[0];
  for (const c of path.slice(1)) {
    if (sn === 0) return false;
    if (fn % 2 === 1 || fn === sn) {
      fr = nodeHash(c, fr); sr = nodeHash(c, sr);
      while (fn % 2 === 0 && fn !== 0) { fn = Math.floor(fn / 2); sn = Math.floor(sn / 2); }
    } else sr = nodeHash(sr, c);
    fn = Math.floor(fn / 2); sn = Math.floor(sn / 2);
  }
  return sn === 0 && fr.equals(root1) && sr.equals(root2);
}

// c2sp.org/signed-note with an Ed25519 verifier key "<name>+<hex key hash>+<base64(0x01 ‖ pk)>"
function openNote(note, vkey) {
  const [name, hash, ...rest] = vkey.split('+'); // base64 has '+' too
  const b64 = rest.join('+');
  const k = Buffer.from(b64, 'base64');
  assert.equal(k[0], 1, 'algorithm Ed25519');
  const pk = k.subarray(1);
  assert.equal(sha256(name, '\n', [1], pk).subarray(0, 4).toString('hex'), hash, 'the key hash of the verifier key');
  const cut = note.lastIndexOf('\n\n');
  const text = note.slice(0, cut + 1);
  const lines = note.slice(cut + 2).split('\n').filter(Boolean);
  const key = createPublicKey({ key: { kty: 'OKP', crv: 'Ed25519', x: pk.toString('base64url') }, format: 'jwk' });
  const ok = lines.some((l) => {
    const m = /^\u2014 (\S+) (\S+)$/.exec(l);
    if (!m || m[1] !== name) return false;
    const sig = Buffer.from(m[2], 'base64');
    return sig.subarray(0, 4).toString('hex') === hash && verify(null, Buffer.from(text), key, sig.subarray(4));
  });
  const [origin, size, root] = text.split('\n');
  return { ok, origin, size: Number(size), root: Buffer.from(root, 'base64'), text };
}

const checkpointNow = async () => {
  const r = await county.post('/api/v1/ledger/checkpoint', {});
  assert.ok([200, 201].includes(r.status), JSON.stringify(r.data));
  const note = (await anon.get('/api/v1/ledger/checkpoint')).data.toString();
  return { note, ...openNote(note, vkey) };
};
let vkey;

before(async () => {
  srv = await startServer({ entities: 80, seed: 61 });
  county = await as(srv.base, 'county');
  t01 = await as(srv.base, 't01');
  anon = new Client(srv.base);
  vkey = (await anon.get('/api/v1/ledger/key')).data.toString().trim();
});
after(async () => { await srv.stop(); });

test('the key and the checkpoint: a C2SP signed note that Ed25519 verifies, over origin, size and the root of the leaves', async () => {
  assert.match(vkey, /^[^+\s]+\+[0-9a-f]{8}\+[A-Za-z0-9+/]+=*$/);
  const cp = await checkpointNow();
  assert.ok(cp.ok, cp.note);
  assert.equal(cp.origin, vkey.split('+')[0]);
  assert.ok(cp.size > 0, 'the demo county audited its creation');
  assert.match(cp.note, /^[^\n]+\n\d+\n[A-Za-z0-9+/]{43}=\n\n\u2014 \S+ [A-Za-z0-9+/]+=*\n$/);
  // a changed byte of the signed text or of the signature does not verify
  assert.equal(openNote(cp.note.replace(/\n(\d+)\n/, (m, n) => `\n${Number(n) + 1}\n`), vkey).ok, false);
  const sig = cp.note.trimEnd().split(' ').pop();
  const bad = sig.slice(0, 10) + (sig[10] === 'A' ? 'B' : 'A') + sig.slice(11);
  assert.equal(openNote(cp.note.replace(sig, bad), vkey).ok, false);
  // the root is the MTH of every leaf, fetched page by page and recomputed here
  const leaves = [];
  for (let start = 0; start < cp.size; start += 1000) {
    const page = (await anon.get(`/api/v1/ledger/leaves?start=${start}&limit=1000`)).data;
    for (const l of page.items) {
      assert.deepEqual(Object.keys(l).sort(), ['appended_at', 'entry_hash', 'index', 'kind', 'leaf_hash'], 'hashes and kinds only');
      assert.ok(leafHash(hex(l.entry_hash)).equals(hex(l.leaf_hash)), `leaf ${l.index}`);
      leaves.push(hex(l.leaf_hash));
    }
  }
  assert.ok(mth(leaves.slice(0, cp.size)).equals(cp.root));
});

test('a case\'s evidence and its issued document are logged; their inclusion proofs verify against the signed root', async () => {
  const before1 = await checkpointNow();
  const entity = (await t01.get('/api/v1/entities?kind=caterer&status=active&limit=1')).data.items[0];
  const c = (await t01.post('/api/v1/cases', { source: 'inspection', entity_id: entity.id,
    facts: '日常检查发现后厨冷藏柜内存放过期原料，标签显示已超过保质期。' })).data.case;
  const photo = png(40, 30);
  const up = await t01.req('POST', `/api/v1/cases/${c.id}/evidence`, { raw: photo, headers: { 'content-type': 'image/png' } });
  assert.equal(up.status, 201, JSON.stringify(up.data));
  const draft = (await t01.get(`/api/v1/cases/${c.id}/documents/filing_approval`)).data.document;
  const issued = (await county.post(`/api/v1/case-documents/${draft.id}/issue`, {})).data.document;
  assert.match(issued.sha256, /^[0-9a-f]{64}$/);
  const cp = await checkpointNow();
  assert.ok(cp.ok && cp.size > before1.size);

  const photoHash = createHash('sha256').update(photo).digest('hex');
  for (const [hash, kind] of [[photoHash, 'evidence'], [issued.sha256, 'document']]) {
    const r = await anon.get(`/api/v1/ledger/proof/inclusion?hash=${hash}`);
    assert.equal(r.status, 200, JSON.stringify(r.data));
    const p = r.data;
    assert.deepEqual([p.kind, p.entry_hash, p.size], [kind, hash, cp.size]);
    assert.ok(leafHash(hex(hash)).equals(hex(p.leaf_hash)));
    assert.ok(verifyInclusion(p.index, p.size, leafHash(hex(hash)), p.proof.map(hex), cp.root), `${kind} at ${p.index}`);
    // one changed byte anywhere fails
    const proof = p.proof.map(hex);
    if (proof.length) { proof[0][5] ^= 1; assert.equal(verifyInclusion(p.index, p.size, leafHash(hex(hash)), proof, cp.root), false); }
    assert.equal(verifyInclusion(p.index, p.size, leafHash(hex(hash.replace(/^./, (x) => (x === '0' ? '1' : '0')))), p.proof.map(hex), cp.root), false);
  }
  // the public verification of the document names its place in the log
  const v = (await anon.get(`/api/v1/public/documents/${issued.sha256}`)).data;
  const byHash = (await anon.get(`/api/v1/ledger/proof/inclusion?hash=${issued.sha256}`)).data;
  assert.equal(v.ledger_index, byHash.index);

  // the newer checkpoint extends the older: a consistency proof, verified here
  const cons = (await anon.get(`/api/v1/ledger/proof/consistency?first=${before1.size}&second=${cp.size}`)).data;
  assert.ok(verifyConsistency(before1.size, cp.size, before1.root, cp.root, cons.proof.map(hex)));
  assert.equal(verifyConsistency(before1.size, cp.size, cp.root, cp.root, cons.proof.map(hex)), false);
});

test('query parameters are checked with the field named', async () => {
  const cp = await checkpointNow();
  for (const [url, field] of [
    ['/api/v1/ledger/proof/inclusion', 'index'],
    ['/api/v1/ledger/proof/inclusion?index=abc', 'index'],
    [`/api/v1/ledger/proof/inclusion?index=${cp.size}`, 'index'],
    [`/api/v1/ledger/proof/inclusion?index=0&size=${cp.size + 1000}`, 'size'],
    ['/api/v1/ledger/proof/inclusion?hash=XYZ', 'hash'],
    ['/api/v1/ledger/proof/consistency', 'first'],
    ['/api/v1/ledger/proof/consistency?first=0', 'first'],
    [`/api/v1/ledger/proof/consistency?first=${cp.size + 1}&second=${cp.size}`, 'first'],
    ['/api/v1/ledger/leaves?limit=0', 'limit'],
    ['/api/v1/ledger/leaves?start=-1', 'start'],
  ]) {
    const r = await anon.get(url);
    assert.equal(r.status, 400, url);
    assert.equal(r.data.error.field, field, url);
    assert.match(r.data.error.message, /[\u4e00-\u9fff]/, url); // Chinese, its English apart
    assert.ok(r.data.error.message_en, url);
  }
  assert.equal((await anon.get(`/api/v1/ledger/proof/inclusion?hash=${'0'.repeat(64)}`)).status, 404);
  assert.equal((await t01.post('/api/v1/ledger/checkpoint', {})).status, 403);
  assert.equal((await anon.post('/api/v1/ledger/checkpoint', {})).status, 401);
});

test('shian ledger verify: a proof and a consistency proof offline, the whole log at rest; a changed byte is refused', async () => {
  const old = await checkpointNow();
  await t01.post('/api/v1/cases', { source: 'inspection', entity_id: (await t01.get('/api/v1/entities?limit=1')).data.items[0].id,
    facts: '日常检查发现从业人员未持有效健康证明上岗。' });
  const cp = await checkpointNow();
  const dir = srv.dir;
  const f = (name, data) => { const p = path.join(dir, name); writeFileSync(p, data); return p; };
  const run = (...args) => spawnSync(BIN, ['ledger', 'verify', ...args], { encoding: 'utf8', env: srv.env() });
  const key = f('key.txt', vkey + '\n');
  const cpFile = f('cp.txt', cp.note), oldFile = f('old.txt', old.note);
  const p = (await anon.get(`/api/v1/ledger/proof/inclusion?index=${cp.size - 1}`)).data;
  let r = run('--key', key, '--checkpoint', cpFile, '--proof', f('p.json', JSON.stringify(p)));
  assert.equal(r.status, 0, r.stderr);
  assert.match(r.stdout, /^OK/);
  const cons = (await anon.get(`/api/v1/ledger/proof/consistency?first=${old.size}&second=${cp.size}`)).data;
  r = run('--key', vkey, '--old', oldFile, '--checkpoint', cpFile, '--proof', f('c.json', JSON.stringify(cons)));
  assert.equal(r.status, 0, r.stderr);
  // the same key from the command line; the sweep signs a checkpoint once the log grew
  const cli = (...args) => spawnSync(BIN, [...args, `--db_path=${srv.db}`], { encoding: 'utf8', env: srv.env() });
  assert.equal(cli('ledger', 'key').stdout.trim(), vkey);
  await t01.post('/api/v1/cases', { source: 'inspection', entity_id: (await t01.get('/api/v1/entities?limit=1')).data.items[0].id,
    facts: '日常检查发现餐具消毒记录缺失。' });
  assert.equal(cli('sweep').status, 0);
  const swept = openNote((await anon.get('/api/v1/ledger/checkpoint')).data.toString(), vkey);
  assert.ok(swept.ok && swept.size > cp.size, `${swept.size} > ${cp.size}`);
  r = run('--db', `--db_path=${srv.db}`);
  assert.equal(r.status, 0, r.stderr);
  assert.match(r.stdout, new RegExp(`OK: ${swept.size} leaves`));

  // one changed byte: in the proof, the leaf, the checkpoint's root, its size, the key
  const flip = (h) => h.slice(0, 10) + (h[10] === '0' ? '1' : '0') + h.slice(11);
  const bad = [
    ['--key', key, '--checkpoint', cpFile, '--proof', f('b1.json', JSON.stringify({ ...p, proof: [flip(p.proof[0]), ...p.proof.slice(1)] }))],
    ['--key', key, '--checkpoint', cpFile, '--proof', f('b2.json', JSON.stringify({ ...p, leaf_hash: flip(p.leaf_hash), entry_hash: undefined }))],
    ['--key', key, '--checkpoint', cpFile, '--proof', f('b3.json', JSON.stringify({ ...p, entry_hash: flip(p.entry_hash) }))],
    ['--key', key, '--checkpoint', f('b4.txt', cp.note.replace(/\n(\S{43}=)\n/, (m, root) => `\n${flip(root)}\n`)), '--proof', path.join(dir, 'p.json')],
    ['--key', flip(vkey.replace(/\+/, '+')), '--checkpoint', cpFile, '--proof', path.join(dir, 'p.json')],
    ['--key', key, '--old', oldFile, '--checkpoint', cpFile, '--proof', f('b5.json', JSON.stringify({ ...cons, proof: cons.proof.map(flip) }))],
  ];
  for (const args of bad) {
    r = run(...args);
    assert.equal(r.status, 1, `${args.join(' ')}\n${r.stdout}${r.stderr}`);
    assert.match(r.stderr, /FAILED/);
  }
});
