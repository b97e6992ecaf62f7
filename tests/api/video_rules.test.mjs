// Tuning the video rules without SQL: any official reads the alert rules and the label map; admin
// and county officials change them (validated field by field, audited with before/after), and the
// next observation is judged by the new rule; everyone else is refused with nothing changed.
import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { Client, as, startServer } from './harness.mjs';

let srv, county, admin, t01, village, biz, device, cam;


before(async () => {
  srv = await startServer({ entities: 300, seed: 53 });
  county = await as(srv.base, 'county');
  admin = await as(srv.base, 'admin');
  t01 = await as(srv.base, 't01');
  village = await as(srv.base, 'g0001');
  const shop = (await t01.get('/api/v1/entities?kind=caterer&status=active&limit=1')).data.items[0];
  biz = await as(srv.base, `b${shop.id}`);
  cam = (await t01.post('/api/v1/cameras', { entity_id: shop.id, name: '规则测试', area: 'kitchen', stream_url: 'file:/srv/rules.mp4' })).data.camera;
  assert.ok(cam?.id, 'camera registered');
  device = new Client(srv.base);
  device.token = (await t01.post('/api/v1/tokens', { name: 'AI盒子-规则' })).data.token;
  assert.ok(device.token, 'device token');
});
after(async () => { await srv.stop(); });

let seq = 0;
async function observe(label, score = 0.9, source = 'ai_box') {
  const r = await device.post('/api/v1/observations', {
    camera_id: cam.id, observed_at: srv.now(), label, score, box: [0.4, 0.3, 0.1, 0.2],
    idempotency_key: `vr-${++seq}`, source,
  });
  assert.equal(r.status, 201, JSON.stringify(r.data));
  return r.data;
}

const rulesOf = async (client = county) => (await client.get('/api/v1/video/rules')).data;
const ruleOf = async (v) => (await rulesOf()).rules.find((r) => r.violation === v);
// The audit log of a kind of object, oldest first, as the administrator reads it through the API.
async function auditRows(type) {
  const r = await admin.get(`/api/v1/audit?object_type=${type}&limit=500`);
  assert.equal(r.status, 200, JSON.stringify(r.data));
  return r.data.items.reverse().map((e) => ({ action: e.action, actor: e.actor,
    before_json: e.before === null ? null : JSON.stringify(e.before), after_json: e.after === null ? null : JSON.stringify(e.after) }));
}

test('every official reads the violation types, the rules and the label map; others are refused', async () => {
  const d = await rulesOf(village);
  assert.ok(d.violations.some((v) => v.code === 'smoking' && v.label === '吸烟' && v.requirement));
  const smoking = d.rules.find((r) => r.violation === 'smoking');
  assert.deepEqual(smoking, { violation: 'smoking', label: '吸烟', enabled: true, min_score: 0.5, min_duration_s: 0, cooldown_s: 600,
    schedule: 'always', use_zones: true, deadline_wd: 3, night_min_score: null, platform_check: false, platform_check_precision: null });
  // animals score lower on grey (infrared) night pictures: the shipped rule has its own night minimum
  assert.equal(d.rules.find((r) => r.violation === 'animal').night_min_score, 0.35);
  assert.equal(d.rules.length, d.violations.length);
  assert.ok(d.label_map.some((m) => m.source === 'hikvision' && m.label === 'smokedetection' && m.violation === 'smoking'));
  for (const c of [t01, admin]) assert.equal((await c.get('/api/v1/video/rules')).status, 200);
  assert.equal((await biz.get('/api/v1/video/rules')).status, 403);
  assert.equal((await (await as(srv.base, 'inspector01')).get('/api/v1/video/rules')).status, 403);
  assert.equal((await new Client(srv.base).get('/api/v1/video/rules')).status, 401);
});

test('a township official, a village grid member and a business may not change the rules', async () => {
  const before = await rulesOf();
  for (const c of [t01, village, biz]) {
    let r = await c.patch('/api/v1/video/rules/smoking', { min_score: 0.9 });
    assert.equal(r.status, 403, JSON.stringify(r.data));
    r = await c.req('PUT', '/api/v1/video/label-map', { body: { source: 'ai_box', label: 'x_smoke', violation: 'smoking' } });
    assert.equal(r.status, 403, JSON.stringify(r.data));
  }
  assert.deepEqual(await rulesOf(), before);
  assert.deepEqual(await auditRows('alert_rule'), []);
  assert.deepEqual(await auditRows('label_map'), []);
});

test('each bad value is refused naming its field, and nothing changes', async () => {
  const before = await rulesOf();
  const bad = [
    [{ min_score: 1.5 }, 'min_score'], [{ min_score: -0.1 }, 'min_score'], [{ min_score: '0.8' }, 'min_score'],
    [{ min_duration_s: -1 }, 'min_duration_s'], [{ min_duration_s: 86401 }, 'min_duration_s'], [{ min_duration_s: 2.5 }, 'min_duration_s'],
    [{ cooldown_s: 90000 }, 'cooldown_s'], [{ cooldown_s: null }, 'cooldown_s'],
    [{ schedule: 'night' }, 'schedule'], [{ schedule: 1 }, 'schedule'],
    [{ use_zones: 1 }, 'use_zones'], [{ enabled: 'yes' }, 'enabled'],
    [{ night_min_score: 1.2 }, 'night_min_score'], [{ night_min_score: '0.3' }, 'night_min_score'], [{ night_min_score: false }, 'night_min_score'],
    // smoking needs a vendor's model: the platform has no check of its own to turn on
    [{ platform_check: true }, 'platform_check'], [{ platform_check: 1 }, 'platform_check'],
    [{ deadline_wd: 0 }, 'deadline_wd'], [{ deadline_wd: 61 }, 'deadline_wd'],
    [{ colour: 'red' }, 'colour'], [{ label: '抽烟' }, 'label'], [{ violation: 'phone' }, 'violation'],
    // a good field beside a bad one: the whole change is refused
    [{ min_score: 0.7, deadline_wd: 99 }, 'deadline_wd'],
  ];
  for (const [body, field] of bad) {
    const r = await county.patch('/api/v1/video/rules/smoking', body);
    assert.equal(r.status, 400, `${JSON.stringify(body)} → ${r.status}`);
    assert.equal(r.data.error.field, field, JSON.stringify(body));
  }
  assert.equal((await county.patch('/api/v1/video/rules/smoking', [1])).status, 400);
  const nf = await county.patch('/api/v1/video/rules/littering', { min_score: 0.7 });
  assert.equal(nf.status, 404);
  assert.equal(nf.data.error.field, 'violation');
  const badMaps = [
    [{ source: 'dahua', label: 'x', violation: 'smoking' }, 'source'],
    [{ label: 'x', violation: 'smoking' }, 'source'],
    [{ source: 'ai_box', label: '', violation: 'smoking' }, 'label'],
    [{ source: 'ai_box', violation: 'smoking' }, 'label'],
    [{ source: 'ai_box', label: 'x'.repeat(65), violation: 'smoking' }, 'label'],
    [{ source: 'ai_box', label: ' padded', violation: 'smoking' }, 'label'],
    [{ source: 'ai_box', label: 'x', violation: 'littering' }, 'violation'],
    [{ source: 'ai_box', label: 'x', violation: 3 }, 'violation'],
    [{ source: 'ai_box', label: 'x' }, 'violation'],
    [{ source: 'ai_box', label: 'x', violation: 'smoking', note: 1 }, 'note'],
  ];
  for (const [body, field] of badMaps) {
    const r = await county.req('PUT', '/api/v1/video/label-map', { body });
    assert.equal(r.status, 400, `${JSON.stringify(body)} → ${r.status}`);
    assert.equal(r.data.error.field, field, JSON.stringify(body));
  }
  assert.deepEqual(await rulesOf(), before);
  assert.deepEqual(await auditRows('alert_rule'), []);
  assert.deepEqual(await auditRows('label_map'), []);
});

test('a raised minimum score takes effect on the next observation, and lowering it back alerts again', async () => {
  let r = await county.patch('/api/v1/video/rules/smoking', { min_score: 0.95 });
  assert.equal(r.status, 200, JSON.stringify(r.data));
  assert.equal(r.data.rule.min_score, 0.95);
  assert.equal(r.data.rule.schedule, 'always', 'other fields kept');
  assert.equal((await ruleOf('smoking')).min_score, 0.95);
  let o = await observe('smoking', 0.9);
  assert.equal(o.observation.outcome, 'below_score');
  assert.equal(o.alert ?? null, null);
  assert.equal((await county.get(`/api/v1/alerts?camera_id=${cam.id}`)).data.items.length, 0);

  r = await admin.patch('/api/v1/video/rules/smoking', { min_score: 0.5 });
  assert.equal(r.status, 200, JSON.stringify(r.data));
  o = await observe('smoking', 0.9);
  assert.equal(o.observation.outcome, 'alert');
  assert.equal(o.alert.status, 'open');

  // several fields at once, then a rule switched off
  r = await county.patch('/api/v1/video/rules/phone', { min_duration_s: 30, cooldown_s: 1200, schedule: 'always', use_zones: false, deadline_wd: 5 });
  assert.deepEqual(r.data.rule, { violation: 'phone', label: '玩手机', enabled: true, min_score: 0.6, min_duration_s: 30, cooldown_s: 1200,
    schedule: 'always', use_zones: false, deadline_wd: 5, night_min_score: null, platform_check: false, platform_check_precision: null });
  r = await county.patch('/api/v1/video/rules/phone', { enabled: false });
  assert.equal(r.data.rule.enabled, false);
  assert.equal((await observe('playing_phone_unused_label')).observation.outcome, 'unmapped');
  assert.equal((await observe('phone')).observation.outcome, 'rule_off');
  assert.equal((await county.patch('/api/v1/video/rules/phone', { enabled: true })).data.rule.enabled, true);

  const audit = await auditRows('alert_rule');
  assert.equal(audit.length, 5);
  assert.deepEqual(audit.map((a) => a.actor), ['county', 'admin', 'county', 'county', 'county']);
  assert.deepEqual(JSON.parse(audit[0].before_json), { violation: 'smoking', min_score: 0.5 });
  assert.deepEqual(JSON.parse(audit[0].after_json), { violation: 'smoking', min_score: 0.95 });
  assert.deepEqual(JSON.parse(audit[2].before_json), { violation: 'phone', min_duration_s: 10, schedule: 'working', use_zones: true, deadline_wd: 5 - 2, cooldown_s: 600 });
  assert.deepEqual(JSON.parse(audit[3].after_json), { violation: 'phone', enabled: false });
  // an unchanged value is no change: nothing audited
  assert.equal((await county.patch('/api/v1/video/rules/phone', { enabled: true })).status, 200);
  assert.equal((await auditRows('alert_rule')).length, 5);
});

test('a new label mapping makes that label map, for its source only; removing it leaves it unmapped', async () => {
  assert.equal((await observe('chef_hat_missing')).observation.outcome, 'unmapped');
  let r = await county.req('PUT', '/api/v1/video/label-map', { body: { source: 'ai_box', label: 'Chef_Hat_Missing', violation: 'no_hat' } });
  assert.equal(r.status, 200, JSON.stringify(r.data));
  assert.deepEqual(r.data.mapping, { source: 'ai_box', label: 'chef_hat_missing', violation: 'no_hat' });
  assert.ok((await rulesOf(t01)).label_map.some((m) => m.source === 'ai_box' && m.label === 'chef_hat_missing' && m.violation === 'no_hat'));
  let o = await observe('CHEF_HAT_MISSING');
  assert.equal(o.observation.violation, 'no_hat');
  assert.notEqual(o.observation.outcome, 'unmapped');
  assert.equal(o.alert?.violation, 'no_hat');
  assert.equal((await observe('chef_hat_missing', 0.9, 'shian_vision')).observation.outcome, 'unmapped', 'another source');

  // re-pointing it, then removing it
  r = await county.req('PUT', '/api/v1/video/label-map', { body: { source: 'ai_box', label: 'chef_hat_missing', violation: 'no_uniform' } });
  assert.equal(r.data.mapping.violation, 'no_uniform');
  r = await admin.req('PUT', '/api/v1/video/label-map', { body: { source: 'ai_box', label: 'chef_hat_missing', violation: null } });
  assert.equal(r.status, 200, JSON.stringify(r.data));
  assert.deepEqual(r.data.mapping, { source: 'ai_box', label: 'chef_hat_missing', violation: null });
  assert.ok(!(await rulesOf()).label_map.some((m) => m.label === 'chef_hat_missing'));
  o = await observe('chef_hat_missing');
  assert.equal(o.observation.outcome, 'unmapped');
  assert.equal(o.observation.violation ?? null, null);
  // removing what is not there changes nothing
  r = await admin.req('PUT', '/api/v1/video/label-map', { body: { source: 'ai_box', label: 'chef_hat_missing', violation: null } });
  assert.equal(r.status, 200);

  const audit = await auditRows('label_map');
  assert.deepEqual(audit.map((a) => [a.action, a.actor]), [['create', 'county'], ['update', 'county'], ['delete', 'admin']]);
  assert.equal(audit[0].before_json, null);
  assert.deepEqual(JSON.parse(audit[0].after_json), { source: 'ai_box', label: 'chef_hat_missing', violation: 'no_hat' });
  assert.deepEqual(JSON.parse(audit[1].before_json).violation, 'no_hat');
  assert.deepEqual(JSON.parse(audit[2].before_json), { source: 'ai_box', label: 'chef_hat_missing', violation: 'no_uniform' });
  assert.equal(audit[2].after_json, null);
});

test('a night minimum applies to observations made on a grey (infrared) picture only; null means the day\'s', async () => {
  const nightObserve = async (score, night) => {
    const r = await device.post('/api/v1/observations', {
      camera_id: cam.id, observed_at: srv.now(), label: 'smoking', score, box: [0.4, 0.3, 0.1, 0.2],
      idempotency_key: `vr-${++seq}`, source: 'ai_box', ...(night === undefined ? {} : { night }),
    });
    assert.equal(r.status, 201, JSON.stringify(r.data));
    return r.data.observation.outcome;
  };
  let r = await county.patch('/api/v1/video/rules/smoking', { min_score: 0.6, night_min_score: 0.4 });
  assert.equal(r.status, 200, JSON.stringify(r.data));
  assert.equal(r.data.rule.night_min_score, 0.4);
  assert.notEqual(await nightObserve(0.45, true), 'below_score');
  assert.equal(await nightObserve(0.45, false), 'below_score', 'in colour the day minimum holds');
  assert.equal(await nightObserve(0.45), 'below_score', 'night is false unless said');
  assert.equal(await nightObserve(0.39, true), 'below_score');
  r = await county.patch('/api/v1/video/rules/smoking', { night_min_score: null });
  assert.equal(r.data.rule.night_min_score, null);
  assert.equal(await nightObserve(0.45, true), 'below_score', 'no night minimum: the day one applies at night');
  const bad = await device.post('/api/v1/observations', { camera_id: cam.id, observed_at: srv.now(), label: 'smoking', score: 0.9,
    idempotency_key: `vr-${++seq}`, source: 'ai_box', night: 'yes' });
  assert.equal(bad.status, 400);
  assert.equal(bad.data.error.field, 'night');
  await county.patch('/api/v1/video/rules/smoking', { min_score: 0.5 });
});

test('the experimental no_mask check of the platform\'s own analyser is off until the county turns it on; the analyser reads the setting', async () => {
  const noMask = (await rulesOf(village)).rules.find((r) => r.violation === 'no_mask');
  assert.equal(noMask.platform_check, false, 'off by default');
  assert.ok(noMask.platform_check_precision > 0 && noMask.platform_check_precision < 1, 'its measured precision is shown beside it');
  const seen = async () => (await device.get('/api/v1/vision/cameras')).data.alert_rules.find((r) => r.violation === 'no_mask').platform_check;
  assert.equal(await seen(), false);
  // a bad value and another role change nothing
  for (const [c, body, status] of [[county, { platform_check: 'on' }, 400], [t01, { platform_check: true }, 403], [biz, { platform_check: true }, 403]]) {
    const r = await c.patch('/api/v1/video/rules/no_mask', body);
    assert.equal(r.status, status, JSON.stringify(r.data));
  }
  assert.equal(await seen(), false);
  const audited = (await auditRows('alert_rule')).length;
  let r = await county.patch('/api/v1/video/rules/no_mask', { platform_check: true });
  assert.equal(r.status, 200, JSON.stringify(r.data));
  assert.deepEqual([r.data.rule.platform_check, r.data.rule.enabled, r.data.rule.min_score], [true, true, 0.6]);
  assert.equal(await seen(), true, 'shian-vision reads it with the rules');
  const audit = await auditRows('alert_rule');
  assert.equal(audit.length, audited + 1);
  assert.deepEqual(JSON.parse(audit.at(-1).after_json), { violation: 'no_mask', platform_check: true });
  r = await county.patch('/api/v1/video/rules/no_mask', { platform_check: false });
  assert.equal(r.data.rule.platform_check, false);
  assert.equal(await seen(), false);
});
