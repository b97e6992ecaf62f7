// The demo county's complaint history (src/demo/demo_complaints.c): complaints, reports and 舆情 of the
// last 120 days, in every stage, as the domain would have written them: the steps in order with their
// deadlines, the figures adding up, a reporter's identity only for the handler, the same rows from the
// same seed on the same day.
import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { Client, as, startServer } from './harness.mjs';

let srv, county, rows, today;

async function all(client, query = '') {
  const out = [];
  for (let offset = 0; ; offset += 100) {
    const page = (await client.get(`/api/v1/complaints?limit=100&offset=${offset}${query}`)).data;
    assert.ok(Array.isArray(page.items), JSON.stringify(page));
    out.push(...page.items);
    if (out.length >= page.total || page.items.length === 0) {
      assert.equal(out.length, page.total);
      return out;
    }
  }
}

before(async () => {
  srv = await startServer({ entities: 600, seed: 11 });
  county = await as(srv.base, 'county');
  today = srv.today();
  rows = await all(county);
});
after(async () => { await srv.stop(); });

test('the demo county has a history of complaints, reports and 舆情, closed and open', () => {
  assert.ok(rows.length >= 12, `${rows.length} records`);
  for (const kind of ['complaint', 'report', 'opinion']) assert.ok(rows.some((r) => r.kind === kind), kind);
  const closed = rows.filter((r) => r.status === 'closed'), open = rows.filter((r) => r.status !== 'closed');
  assert.ok(closed.length && open.length, `${closed.length} closed, ${open.length} open`);
  assert.ok(closed.length > open.length, 'most are closed');
  for (const status of ['registered', 'dispatched', 'accepted', 'mediating', 'verifying', 'decided'])
    assert.ok(open.some((r) => r.status === status), `one open ${status}`);
  for (const outcome of ['agreed', 'rejected', 'no_case']) assert.ok(closed.some((r) => r.outcome === outcome), outcome);
  assert.ok(closed.some((r) => r.rating != null), 'some rated');
  assert.equal(new Set(rows.map((r) => r.tracking_code)).size, rows.length, 'tracking codes unique');
  const from = new Date(Date.parse(`${today}T00:00:00Z`) - 121 * 86400e3).toISOString().slice(0, 10);
  for (const r of rows) {
    assert.match(r.tracking_code, /^TS[2-9A-HJ-NP-Z]{8}$/);
    assert.ok(r.received_on < today && r.received_on >= from, r.received_on);
    assert.ok(['portal', 'phone', '12315', 'walk_in', 'letter', 'media'].includes(r.channel), r.channel);
    assert.equal(r.channel === 'media', r.kind === 'opinion', '舆情 come from the media');
    if (r.status === 'closed') assert.equal(r.due_on, null);
    else assert.match(r.due_on, /^\d{4}-\d\d-\d\d$/);
  }
  assert.ok(rows.some((r) => r.entity_id === null), 'a respondent off the registry');
  assert.ok(rows.filter((r) => r.entity_id !== null).length > rows.length / 2, 'most on the registry');
});

test('one or two left overdue on purpose', async () => {
  const overdue = await all(county, '&overdue=1');
  assert.ok(overdue.length >= 1 && overdue.length <= 3, `${overdue.length} overdue`);
  for (const r of overdue) {
    assert.ok(r.status !== 'closed' && r.due_on < today, JSON.stringify(r));
    const c = (await county.get(`/api/v1/complaints/${r.id}`)).data.complaint;
    assert.equal(c.deadline.overdue, true);
  }
});

test('the figures of the year add up', async () => {
  const year = Number(today.slice(0, 4));
  const f = (await county.get(`/api/v1/complaints/figures?year=${year}`)).data;
  const t = f.total;
  // a record received last year counts in last year's figures
  const mine = rows.filter((r) => r.received_on.startsWith(String(year)));
  const count = (pred) => mine.filter(pred).length;
  assert.deepEqual([t.received, t.complaints, t.reports, t.opinions, t.closed, t.agreed, t.terminated, t.rated, t.satisfied],
    [mine.length, count((r) => r.kind === 'complaint'), count((r) => r.kind === 'report'), count((r) => r.kind === 'opinion'),
      count((r) => r.status === 'closed'), count((r) => r.outcome === 'agreed'), count((r) => r.outcome === 'terminated'),
      count((r) => r.rating != null), count((r) => r.rating >= 4)]);
  for (const dim of ['by_township', 'by_category', 'by_month'])
    for (const field of ['received', 'closed', 'rated', 'agreed', 'steps_due', 'steps_on_time'])
      assert.equal(f[dim].reduce((s, r) => s + r[field], 0), t[field], `${dim} ${field}`);
  assert.ok(t.steps_due > 0 && t.steps_on_time <= t.steps_due, 'steps with a deadline, most met');
  const last = (await county.get(`/api/v1/complaints/figures?year=${year - 1}`)).data.total;
  assert.equal(last?.received ?? 0, rows.filter((r) => r.received_on.startsWith(String(year - 1))).length, 'last year\'s in last year\'s');
});

test('each record\'s steps are in order, with the deadlines the domain keeps', async () => {
  let late = 0;
  for (const r of rows) {
    const c = (await county.get(`/api/v1/complaints/${r.id}`)).data.complaint;
    const steps = c.steps;
    assert.equal(steps[0].step, 'registered');
    assert.equal(steps[0].done_on, c.received_on);
    assert.match(steps[0].public_note, new RegExp(`^已收到您的${c.kind_label}，编号 ${c.tracking_code}$`));
    for (let i = 1; i < steps.length; i++) {
      assert.ok(steps[i - 1].done_on <= steps[i].done_on, `${c.tracking_code} ${steps[i].step}`);
      assert.ok(steps[i - 1].at <= steps[i].at, `${c.tracking_code} ${steps[i].step} at`);
    }
    for (const s of steps) {
      assert.ok(s.done_on < today, 'every step before today');
      assert.equal(s.late, s.due_on != null && s.done_on > s.due_on, `${c.tracking_code} ${s.step} late`);
      late += s.late ? 1 : 0;
    }
    if (c.status === 'closed') {
      assert.equal(c.deadline, null, 'no deadline once closed');
      assert.equal(c.closed_on, steps.filter((s) => s.step !== 'reward').at(-1).done_on);
      assert.ok(c.outcome);
    } else {
      assert.equal(c.closed_on, null);
      assert.ok(c.deadline && c.deadline.due_on >= c.received_on, c.tracking_code);
    }
    if (c.accepted_on) {
      assert.equal(c.kind, 'complaint');
      assert.equal(steps.find((s) => s.step === 'accepted').done_on, c.accepted_on);
      assert.ok(c.mediation_due > c.accepted_on);
      if (['accepted', 'mediating'].includes(c.status)) assert.deepEqual([c.deadline.step, c.deadline.due_on], ['mediate', c.mediation_due]);
    }
    if (steps.some((s) => s.step === 'dispatched')) assert.ok(c.handler_id && c.handler_name, `${c.tracking_code} handler`);
    if (c.outcome === 'rejected') assert.ok(c.reject_reason && steps.at(-1).public_note.startsWith('不予受理：'));
    if (c.kind === 'opinion') {
      assert.ok(c.source_name && c.source_url.startsWith('https://'), 'a 舆情 names its source');
      assert.equal(c.person, null);
    }
    if (c.kind === 'complaint') assert.ok(c.request && c.person?.name && c.person?.phone, 'a complainant names themself');
  }
  assert.ok(late >= 1, 'a few steps late');
});

test('a closed, rated complaint reads as the domain would have left it', async () => {
  const pick = rows.find((r) => r.kind === 'complaint' && r.status === 'closed' && r.rating != null && r.outcome === 'agreed')
    ?? rows.find((r) => r.kind === 'complaint' && r.status === 'closed' && r.rating != null);
  assert.ok(pick, 'a closed rated complaint');
  const c = (await county.get(`/api/v1/complaints/${pick.id}`)).data.complaint;
  assert.ok(c.rating >= 1 && c.rating <= 5);
  assert.deepEqual([c.deadline, c.status], [null, 'closed']);
  const names = c.steps.map((s) => s.step);
  assert.deepEqual(names.slice(0, 2), ['registered', 'dispatched']);
  if (c.outcome === 'agreed') {
    assert.ok(names.includes('accepted') && names.includes('mediating') && names.at(-1) === 'agreed', names.join());
    const accepted = c.steps.find((s) => s.step === 'accepted');
    assert.ok(accepted.due_on > c.received_on, 'acceptance answered the 7-day deadline');
    assert.equal(c.steps.at(-1).due_on, c.mediation_due, 'the agreement answered the mediation deadline');
    assert.match(c.steps.at(-1).public_note, /^调解达成协议：/);
  }
});

test('a reporter\'s identity is hidden from the county unless it handles the report', async () => {
  const reports = rows.filter((r) => r.kind === 'report');
  assert.ok(reports.length);
  let real = null;
  for (const r of reports) {
    const c = (await county.get(`/api/v1/complaints/${r.id}`)).data.complaint;
    if (c.handler_id === county.user.id || c.steps[0].actor === county.user.display_name) continue; // its handler or registrar
    assert.deepEqual([c.person_hidden, c.person], [true, undefined], c.tracking_code);
    if (c.real_name && c.handler_id) real = c;
  }
  assert.ok(real, 'a real-name report handled by a township');
  // its handler (the township's official, t01 … in the order of the townships' codes) sees the person
  const towns = (await new Client(srv.base).get('/api/v1/public/divisions')).data.items.filter((d) => d.level === 2)
    .map((d) => d.code).sort();
  const i = towns.indexOf(real.division_code);
  if (i >= 0) {
    const handler = await as(srv.base, `t${String(i + 1).padStart(2, '0')}`);
    if (handler.user.id === real.handler_id) {
      const seen = (await handler.get(`/api/v1/complaints/${real.id}`)).data.complaint;
      assert.ok(seen.person?.name && seen.person?.phone, 'the handler sees the reporter');
    }
  }
});

test('the same seed on the same day gives the same rows', async () => {
  const again = await startServer({ entities: 600, seed: 11 });
  try {
    if (again.today() !== today) return; // midnight passed between the two
    const other = await all(await as(again.base, 'county'));
    const key = (r) => [r.tracking_code, r.kind, r.status, r.received_on, r.due_on, r.respondent_name, r.outcome, r.rating].join('|');
    assert.deepEqual(other.map(key).sort(), rows.map(key).sort());
  } finally {
    await again.stop();
  }
});
