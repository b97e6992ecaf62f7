// Online patrols over HTTP: each official's weekly cameras are drawn at random from the
// jurisdiction, reproducibly (replayed here from the kept seed and candidates with the same
// generator); the official records what was seen; a problem becomes a rectification order in the
// business's inbox; completion per official. Other officials and guessed ids change nothing.
import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { addDays, as, mondayOf, startServer } from './harness.mjs';
import { png } from './images.mjs';

let srv, county, t01, t02, shops, cams, farCam;
let today; // Beijing date on the server's (pinned) clock

// The double random draw's generator (splitmix64) and Fisher-Yates from the end, as the server does.
function replay(candidates, seed, k) {
  const M = (1n << 64n) - 1n;
  let s = BigInt(seed);
  const next = () => {
    s = (s + 0x9E3779B97F4A7C15n) & M;
    let z = s;
    z = ((z ^ (z >> 30n)) * 0xBF58476D1CE4E5B9n) & M;
    z = ((z ^ (z >> 27n)) * 0x94D049BB133111EBn) & M;
    return z ^ (z >> 31n);
  };
  const a = [...candidates];
  for (let i = a.length; i > 1; i--) {
    const j = Number(next() % BigInt(i));
    [a[i - 1], a[j]] = [a[j], a[i - 1]];
  }
  return a.slice(0, k);
}

before(async () => {
  srv = await startServer({ entities: 400, seed: 43 });
  today = srv.today();
  county = await as(srv.base, 'county');
  t01 = await as(srv.base, 't01');
  t02 = await as(srv.base, 't02');
  shops = (await t01.get('/api/v1/entities?kind=caterer&status=active&limit=50')).data.items.slice(0, 3);
  cams = [];
  for (const [i, s] of shops.entries()) {
    const r = await t01.post('/api/v1/cameras', { entity_id: s.id, name: `后厨${i + 1}`, area: 'kitchen', stream_url: `file:/srv/k${i}.mp4` });
    assert.equal(r.status, 201, JSON.stringify(r.data));
    cams.push(r.data.camera);
  }
  // a disabled camera is never drawn
  const off = await t01.post('/api/v1/cameras', { entity_id: shops[0].id, name: '停用', area: 'dining', stream_url: 'file:/srv/off.mp4', enabled: false });
  assert.equal(off.status, 201, JSON.stringify(off.data));
  const far = (await t02.get('/api/v1/entities?status=active&limit=1')).data.items[0];
  farCam = (await t02.post('/api/v1/cameras', { entity_id: far.id, name: '青石后厨', area: 'kitchen', stream_url: 'file:/srv/far.mp4' })).data.camera;
  // one camera is on line with a picture
  assert.equal((await t01.post(`/api/v1/cameras/${cams[0].id}/heartbeat`, {})).status < 300, true);
  const snap = await t01.req('POST', `/api/v1/cameras/${cams[0].id}/snapshot`, { raw: png(32, 24) });
  assert.equal(snap.status, 201, JSON.stringify(snap.data));
  // a county whose only cameras are these (the demo county's own are switched off), two a week
  const demoCams = (await county.get('/api/v1/cameras?limit=500')).data.items.filter((c) => c.id < cams[0].id && c.enabled);
  for (const c of demoCams) assert.equal((await county.patch(`/api/v1/cameras/${c.id}`, { enabled: false })).status, 200);
  await srv.setSetting('patrol_cameras_per_week', '2');
});
after(async () => { await srv.stop(); });

let week, tasks;

test('the week\'s cameras are drawn from the official\'s jurisdiction, reproducibly, once', async () => {
  const r = await t01.get('/api/v1/patrols');
  assert.equal(r.status, 200, JSON.stringify(r.data));
  week = r.data.week;
  assert.equal(week, mondayOf(today));
  assert.equal(r.data.per_week, 2);
  tasks = r.data.items;
  assert.equal(tasks.length, 2);
  const { draw } = r.data;
  // the candidates: the enabled cameras of t01's township, in id order
  assert.deepEqual(draw.candidates, cams.map((c) => c.id));
  assert.equal(draw.seed, Number((BigInt(t01.user.id) << 32n) ^ BigInt(Math.round(Date.parse(`${week}T00:00:00Z`) / 86400e3))));
  assert.deepEqual(tasks.map((t) => t.camera_id), replay(draw.candidates, draw.seed, 2));
  for (const t of tasks) {
    const c = cams.find((x) => x.id === t.camera_id);
    assert.equal(t.camera_name, c.name);
    assert.equal(t.area, 'kitchen');
    assert.equal(t.status, 'open');
    assert.ok(shops.some((s) => s.id === t.entity_id && s.name === t.entity_name));
    assert.equal(t.week, week);
    if (t.camera_id === cams[0].id) {
      assert.equal(t.online, true);
      assert.ok(t.last_snapshot_id > 0);
    } else {
      assert.equal(t.online, false);
    }
  }
  // any day of the week gives the same tasks; nothing is drawn twice
  const again = (await t01.get(`/api/v1/patrols?week=${addDays(week, 6)}`)).data;
  assert.deepEqual(again.items.map((t) => t.id), tasks.map((t) => t.id));
  assert.deepEqual(again.draw, draw);
  // another township's official gets its own camera only (fewer than two exist)
  const other = (await t02.get('/api/v1/patrols')).data;
  assert.deepEqual(other.items.map((t) => t.camera_id), [farCam.id]);
  // later weeks are not drawn; bad dates and roles are refused
  let bad = await t01.get(`/api/v1/patrols?week=${addDays(week, 7)}`);
  assert.equal(bad.status, 400);
  assert.equal(bad.data.error.field, 'week');
  bad = await t01.get('/api/v1/patrols?week=2026-02-30');
  assert.equal(bad.data.error.field, 'week');
  const earlier = (await t01.get(`/api/v1/patrols?week=${addDays(week, -7)}`)).data;
  assert.deepEqual([earlier.items, earlier.draw], [[], null]); // a past week is shown, not drawn
  assert.equal((await (await as(srv.base, 'admin')).get('/api/v1/patrols')).status, 403);
  assert.equal((await (await as(srv.base, `b${shops[0].id}`)).get('/api/v1/patrols')).status, 403);
});

test('recording: the task\'s official only, once; a problem opens an order in the business\'s inbox', async () => {
  const [first, second] = tasks;
  const shop = shops.find((s) => s.id === first.entity_id);
  const biz = await as(srv.base, `b${shop.id}`);
  // the demo county's history may have given this shop orders of its own: only the new ones count
  const inboxIds = async () => (await biz.get('/api/v1/rectifications')).data.items.map((o) => o.id);
  const prior = await inboxIds();
  const body = { outcome: 'problem', findings: '操作人员未戴口罩，生熟砧板混用', title: '后厨操作不规范' };
  // other officials, guessed ids, bad input: refused, nothing changed
  assert.equal((await t02.post(`/api/v1/patrols/${first.id}`, body)).status, 404);
  assert.equal((await county.post(`/api/v1/patrols/${first.id}`, body)).status, 404);
  assert.equal((await t01.post('/api/v1/patrols/999999', body)).status, 404);
  assert.equal((await biz.post(`/api/v1/patrols/${first.id}`, body)).status, 403);
  let r = await t01.post(`/api/v1/patrols/${first.id}`, { outcome: 'fine' });
  assert.equal(r.status, 400);
  assert.equal(r.data.error.field, 'outcome');
  r = await t01.post(`/api/v1/patrols/${first.id}`, { outcome: 'problem' });
  assert.equal(r.data.error.field, 'findings');
  r = await t01.post(`/api/v1/patrols/${first.id}`, { outcome: 'normal', title: '不需要' });
  assert.equal(r.data.error.field, 'title');
  assert.ok((await t01.get('/api/v1/patrols')).data.items.every((t) => t.status === 'open'));
  assert.deepEqual(await inboxIds(), prior);
  // the problem
  r = await t01.post(`/api/v1/patrols/${first.id}`, body);
  assert.equal(r.status, 200, JSON.stringify(r.data));
  const done = r.data.task;
  assert.equal(done.status, 'done');
  assert.equal(done.outcome, 'problem');
  assert.equal(done.findings, body.findings);
  assert.ok(done.done_at > 0);
  assert.ok(done.rectification_id > 0);
  const due = (await county.get(`/api/v1/calendar/deadline?from=${today}&days=3`)).data.deadline; // patrol_rectify_days
  const inbox = (await biz.get('/api/v1/rectifications')).data.items.filter((o) => !prior.includes(o.id));
  assert.deepEqual(inbox.map((o) => o.id), [done.rectification_id]);
  assert.deepEqual([inbox[0].source_type, inbox[0].source_id, inbox[0].title, inbox[0].requirement, inbox[0].deadline, inbox[0].status],
    ['patrol', first.id, '后厨操作不规范', body.findings, due, 'open']);
  if (first.camera_id === cams[0].id) assert.equal(inbox[0].snapshot_id, first.last_snapshot_id);
  const push = (await county.get('/api/v1/outbox')).data.items.find((i) => i.payload.order_id === done.rectification_id);
  assert.equal(push.topic, 'hazard.created');
  assert.equal(push.payload.patrol_id, first.id);
  // once only
  r = await t01.post(`/api/v1/patrols/${first.id}`, { outcome: 'normal' });
  assert.equal(r.status, 409);
  assert.equal(r.data.error.field, 'status');
  // normal says the picture was looked at: a camera without one is refused, and the task stays open
  if (!second.last_snapshot_id) {
    r = await t01.post(`/api/v1/patrols/${second.id}`, { outcome: 'normal', findings: '操作规范' });
    assert.deepEqual([r.status, r.data.error.field], [400, 'outcome']);
    assert.equal((await t01.get('/api/v1/patrols')).data.items.find((t) => t.id === second.id).status, 'open');
    const snap = await t01.req('POST', `/api/v1/cameras/${second.camera_id}/snapshot`, { raw: png(32, 24) });
    assert.equal(snap.status, 201, JSON.stringify(snap.data));
  }
  r = await t01.post(`/api/v1/patrols/${second.id}`, { outcome: 'normal', findings: '操作规范' });
  assert.equal(r.data.task.outcome, 'normal');
  assert.ok(r.data.task.snapshot_id > 0, 'the picture looked at is kept with the task');
  assert.equal(r.data.task.rectification_id, null);
  // the business works the order through the usual loop
  await biz.post(`/api/v1/rectifications/${done.rectification_id}/submit`, { evidence: '已为员工配发口罩，生熟砧板分色管理' });
  const ok = await t01.post(`/api/v1/rectifications/${done.rectification_id}/review`, { accept: true });
  assert.equal(ok.data.rectification.status, 'verified');
});

test('completion per official of the jurisdiction', async () => {
  const mine = (await t01.get('/api/v1/patrols/completion')).data;
  assert.equal(mine.week, week);
  const me = mine.items.find((x) => x.user_id === t01.user.id);
  assert.deepEqual([me.drawn, me.assigned, me.done, me.rate], [true, 2, 2, 1]);
  assert.ok(!mine.items.some((x) => x.user_id === t02.user.id)); // another township's official
  assert.ok(mine.items.every((x) => ['township', 'village'].includes(x.role)));
  const all = (await county.get(`/api/v1/patrols/completion?week=${addDays(week, 3)}`)).data;
  const other = all.items.find((x) => x.user_id === t02.user.id);
  assert.deepEqual([other.assigned, other.done, other.rate], [1, 0, 0]);
  const sum = all.items.reduce((s, x) => s + x.done, 0);
  assert.equal(all.totals.done, sum);
  assert.ok(all.totals.assigned >= 3);
  assert.equal((await t01.get('/api/v1/patrols/completion?week=2026-13-01')).data.error.field, 'week');
  assert.equal((await (await as(srv.base, 'inspector01')).get('/api/v1/patrols/completion')).status, 403);
});
