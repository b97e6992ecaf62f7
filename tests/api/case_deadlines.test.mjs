// The deadlines of a case across the Mid-Autumn and National Day holidays of 2026 and the Spring Festival
// of 2027, worked out by hand: the server's clock is pinned to Tuesday 22 September 2026, whatever date
// the suite runs at. 2026 follows the State Council's notice (中秋 25-27 Sep, 国庆 1-7 Oct off, Saturday
// 10 Oct worked); 2027 has no notice yet, so its fixed holidays apply (春节: 除夕 5 Feb to 初三 8 Feb) and
// a deadline in it is provisional.
import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';

process.env.SHIAN_NOW = '2026-09-22T10:00:00+08:00'; // before the harness reads it
const { as, startServer } = await import('./harness.mjs');

let srv, county, e;
const step = (id, body) => county.post(`/api/v1/cases/${id}/steps`, body);
const open = async (extra = {}) => {
  const r = await county.post('/api/v1/cases', { source: 'sample', entity_id: e.id, facts: '抽检不合格：花生油黄曲霉毒素B1超标。', ...extra });
  assert.equal(r.status, 201, JSON.stringify(r.data));
  return r.data.case;
};
const due = (c, step) => c.deadlines.find((d) => d.step === step)?.due_on;

before(async () => {
  srv = await startServer({ entities: 120, seed: 5 });
  assert.equal(srv.today(), '2026-09-22');
  county = await as(srv.base, 'county');
  e = (await county.get('/api/v1/entities?status=active&kind=caterer&limit=1')).data.items[0];
});
after(async () => { await srv.stop(); });

test('a clue is filed or not within 15 working days: 20 October, across 中秋 and 国庆', async () => {
  const c = await open();
  assert.deepEqual([c.status, c.verify_due, due(c, 'file')], ['clue', '2026-10-20', '2026-10-20']);
});

test('decided within 90 days of filing (21 December); a 17-day test not counted (7 January); +30 approved ends in the Spring Festival and moves to 9 February 2027', async () => {
  const c = await open();
  let f = (await step(c.id, { action: 'file' })).data.case;
  assert.deepEqual([f.status, f.filed_on, f.decision_due], ['filed', '2026-09-22', '2026-12-21']);
  f = (await step(c.id, { action: 'pause', kind: 'testing', from: '2026-10-12', to: '2026-10-28', note: '送检' })).data.case;
  assert.equal(f.decision_due, '2027-01-07');
  f = (await step(c.id, { action: 'extend', note: '案情复杂，经负责人批准延长三十日' })).data.case;
  assert.equal(f.decision_due, '2027-02-09');
  // representations: 5 working days after the notice, 中秋 not counted
  f = (await step(c.id, { action: 'notify', penalty: ['warning'], violation_code: 'fsl126', circumstance: 'light' })).data.case;
  assert.equal(f.representation_due, '2026-09-30');
});

test('a fine decided on the spot is paid within 15 days: the 15th falls on 7 October, a holiday, so 8 October', async () => {
  const c = await open({ procedure: 'simple', party_kind: 'organisation', penalty: ['fine'], fine_yuan: 500 });
  assert.deepEqual([c.status, c.served_on, c.payment_due], ['served', '2026-09-22', '2026-10-08']);
});

test('evidence preserved: a decision within 7 working days (9 October); goods seized for 30 days (22 October), +30 to a Saturday moves to Monday 23 November', async () => {
  const c = await open();
  await step(c.id, { action: 'file' });
  let f = (await step(c.id, { action: 'preserve', items: '散装花生油3桶（每桶20升），封存于当事人仓库' })).data.case;
  const kept = f.measures.find((m) => m.kind === 'preservation');
  assert.equal(kept.due_on, '2026-10-09');
  assert.equal(f.deadlines.find((d) => d.step === 'preserve_decide').due_on, '2026-10-09');
  f = (await step(c.id, { action: 'seize', items: '散装花生油3桶' })).data.case;
  const seized = f.measures.find((m) => m.kind === 'seizure');
  assert.equal(seized.due_on, '2026-10-22');
  f = (await step(c.id, { action: 'seize_extend', measure_id: seized.id, note: '检验期间，经批准延长' })).data.case;
  assert.equal(f.measures.find((m) => m.id === seized.id).due_on, '2026-11-23');
});
