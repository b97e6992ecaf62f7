// The soak (make bench BENCH=soak): a demo county's server under a steady mixed load for
// SOAK_SECONDS (600 by default): officials searching and paging lists, inspections recorded with
// photos and their orders' rectification evidence sent by the businesses, AI boxes posting
// observations with snapshots, and the sweep run every SOAK_SWEEP_SECONDS (30) beside the server.
// Prints each kind's count, errors and p50/p99, and the server's resident memory (VmRSS) at the start
// and the end. Any error is a failure of the run (exit 1). Settings: SOAK_SECONDS, SOAK_ENTITIES (2000),
// SOAK_WORKERS (8), SOAK_SWEEP_SECONDS, SHIAN_BIN.
import { spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { Client, as, startServer } from '../tests/api/harness.mjs';
import { jpeg, png } from '../tests/api/images.mjs';

const SECONDS = Number(process.env.SOAK_SECONDS || 600);
const ENTITIES = Number(process.env.SOAK_ENTITIES || 2000);
const WORKERS = Number(process.env.SOAK_WORKERS || 8);
const SWEEP_EVERY = Number(process.env.SOAK_SWEEP_SECONDS || 30);

const rss = (pid) => Number(/VmRSS:\s+(\d+)/.exec(readFileSync(`/proc/${pid}/status`, 'utf8'))[1]);
const stats = {}; // kind -> { ms: [], errors, last }
async function timed(kind, f, ok = (r) => r.status < 300) {
  const s = stats[kind] ||= { ms: [], errors: 0, last: '' };
  const t0 = performance.now();
  let r;
  try { r = await f(); } catch (e) { r = { status: 0, data: String(e) }; }
  s.ms.push(performance.now() - t0);
  if (!ok(r)) { s.errors++; s.last = `${r.status} ${JSON.stringify(r.data).slice(0, 200)}`; }
  return r;
}

const srv = await startServer({ entities: ENTITIES, seed: 7 });
let until = 0;
try {
  const tok = spawnSync(process.env.SHIAN_BIN || 'build/shian', ['token', 'create', 'county', 'soak', `--db_path=${srv.db}`],
    { encoding: 'utf8', env: srv.env() }).stdout.trim().split('\n').pop();
  const box = new Client(srv.base);
  box.token = tok;
  const county = await as(srv.base, 'county');
  const t01 = await as(srv.base, 't01');
  const [i1, i2] = [await as(srv.base, 'inspector01'), await as(srv.base, 'inspector02')];
  const cams = (await county.get('/api/v1/cameras?limit=50')).data.items.filter((c) => c.enabled !== false);
  const caterers = (await t01.get('/api/v1/entities?kind=caterer&status=active&limit=24')).data.items;
  // The businesses are logged in before the clock starts, as on their phones: a login is an argon2id
  // hash (by design a quarter second of CPU or more), and a run of fresh logins measured nothing but that.
  const sessions = new Map();
  for (const e of caterers)
    await timed('login', async () => { sessions.set(e.id, await as(srv.base, `b${e.id}`)); return { status: 200 }; });
  const snap = await jpeg(320, 240);
  const rss0 = rss(srv.pid);
  const queries = ['饭店', '超市', '食品', '小吃'].map(encodeURIComponent);
  let n = 0;

  const search = () => timed('search', () => county.get(`/api/v1/entities?q=${queries[n++ % queries.length]}&limit=20`));
  async function paging() {
    for (const list of ['/api/v1/entities?limit=50', '/api/v1/inspections?limit=50', '/api/v1/rectifications?limit=50']) {
      let r = await timed('page', () => t01.get(list)), pages = 0;
      while (r.status === 200 && r.data.next_cursor && ++pages < 5)
        r = await timed('page', () => t01.get(`${list}&cursor=${r.data.next_cursor}`));
    }
  }
  async function observe() {
    if (!cams.length) return;
    const cam = cams[n++ % cams.length];
    const f = new FormData();
    f.append('observation', new Blob([JSON.stringify({ camera_id: cam.id, observed_at: srv.now() - 1000, label: 'smoking', score: 0.9,
      box: [0.3, 0.35, 0.2, 0.4], idempotency_key: `soak-${process.pid}-${n}`, source: 'ai_box' })], { type: 'application/json' }));
    f.append('snapshot', new Blob([snap], { type: 'image/jpeg' }), 'snap.jpg');
    await timed('observation', () => box.req('POST', '/api/v1/observations', { raw: f }));
  }
  // an inspection with a failed item and a photo, completed; the business sends its evidence
  async function evidence() {
    const e = caterers[n++ % caterers.length];
    const r = await timed('inspection', () => t01.post('/api/v1/inspections', { entity_id: e.id, kind: 'daily', inspectors: [i1.user.id, i2.user.id] }));
    if (r.status !== 201) return;
    const insp = r.data.inspection;
    await timed('photo', () => i1.req('POST', `/api/v1/inspections/${insp.id}/photos`, { raw: snap, headers: { 'content-type': 'image/jpeg' } }));
    await timed('inspection', () => i1.post(`/api/v1/inspections/${insp.id}/items`, { items: insp.items.map((i, k) => (k === 0
      ? { item_id: i.id, outcome: 'fail', note: '证照未公示' } : { item_id: i.id, outcome: 'pass' })) }));
    await timed('inspection', () => i1.post(`/api/v1/inspections/${insp.id}/complete`, { received_by: '店长' }));
    const orders = (await timed('page', () => t01.get(`/api/v1/rectifications?entity=${e.id}&status=open&limit=50`))).data.items || [];
    const order = orders.find((o) => o.source_type === 'inspection' && o.source_id === insp.id);
    if (!order) return;
    const biz = sessions.get(e.id);
    await timed('evidence', () => biz.req('POST', `/api/v1/rectifications/${order.id}/evidence`, { raw: png(16, 9), headers: { 'content-type': 'image/png' } }));
  }
  until = Date.now() + SECONDS * 1000;
  const kinds = [search, search, search, paging, observe, observe, observe, evidence];
  const worker = async (w) => { for (let k = w; Date.now() < until; k++) await kinds[k % kinds.length](); };
  async function sweeper() {
    while (Date.now() < until) {
      await new Promise((r) => setTimeout(r, Math.min(SWEEP_EVERY * 1000, Math.max(0, until - Date.now()))));
      if (Date.now() >= until) break;
      await timed('sweep', async () => {
        const r = spawnSync(process.env.SHIAN_BIN || 'build/shian', ['sweep', `--db_path=${srv.db}`, '--log_level=warn'], { encoding: 'utf8', env: srv.env() });
        return { status: r.status === 0 ? 200 : 500, data: r.stderr };
      });
    }
  }
  await Promise.all([...Array.from({ length: WORKERS }, (_, w) => worker(w)), sweeper()]);
  const rss1 = rss(srv.pid);

  const pct = (a, p) => a[Math.min(a.length - 1, Math.floor((a.length * p) / 100))];
  let errors = 0;
  console.log(`soak: ${SECONDS} s, ${ENTITIES} businesses, ${WORKERS} clients, sweep every ${SWEEP_EVERY} s`);
  console.log(`${'kind'.padEnd(12)} ${'requests'.padStart(9)} ${'errors'.padStart(7)} ${'p50 ms'.padStart(8)} ${'p99 ms'.padStart(8)} ${'max ms'.padStart(8)}`);
  for (const [kind, s] of Object.entries(stats)) {
    const a = s.ms.sort((x, y) => x - y);
    errors += s.errors;
    console.log(`${kind.padEnd(12)} ${String(a.length).padStart(9)} ${String(s.errors).padStart(7)} ${pct(a, 50).toFixed(1).padStart(8)} ${pct(a, 99).toFixed(1).padStart(8)} ${a[a.length - 1].toFixed(1).padStart(8)}${s.errors ? `  last: ${s.last}` : ''}`);
  }
  console.log(`errors: ${errors}`);
  console.log(`server RSS: ${(rss0 / 1024).toFixed(1)} MB at the start, ${(rss1 / 1024).toFixed(1)} MB at the end`);
  process.exitCode = errors ? 1 : 0;
} finally {
  await srv.stop();
}
