// A licence's on-site verification across a holiday, worked out by hand from the State Council's notice
// for 2026 (国庆节 1-7 October off, Saturday 10 October worked; data/holidays-cn.csv): the server's clock
// is pinned to Wednesday 30 September 2026, the day before the holiday. Working days after 30 Sep: 8 Oct
// (1), 9, 10 Sat (3), 12, 13, 14, 15, 16 (8), 19, 20 (10), 21, 22, 23, 26, 27, 28, 29, 30 (18), 2 Nov (19),
// 3 Nov (20): verification due 3 November, not 28 October; a correction in 10 working days: 20 October.
import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';

process.env.SHIAN_NOW = '2026-09-30T10:00:00+08:00'; // before the harness reads it
const { as, startServer, uscc } = await import('./harness.mjs');

let srv, county, t01;
before(async () => {
  srv = await startServer({ entities: 80, seed: 6 });
  assert.equal(srv.today(), '2026-09-30');
  county = await as(srv.base, 'county');
  t01 = await as(srv.base, 't01');
});
after(async () => { await srv.stop(); });

test('verification within 20 working days: 3 November; an ordered correction within 10: 20 October', async () => {
  const village = (await t01.get(`/api/v1/divisions?parent=${t01.user.division_code}`)).data.items[0].code;
  const grid = (await t01.get(`/api/v1/grids?township=${t01.user.division_code}`)).data.items[0];
  const e = (await t01.post('/api/v1/entities', { kind: 'seller', name: '国庆前开业的副食店', uscc: uscc(county.user.division_code, 71001),
    address: '许可路1号', division_code: village, grid_id: grid.id, legal_rep: '吴芳', legal_rep_phone: '13907976666' })).data.entity;
  const commitments = (await t01.get('/api/v1/licence-commitments')).data.items.map((i) => i.code);
  const a = (await t01.post('/api/v1/licence-applications', { kind: 'new', entity_id: e.id, commitments, signer: '吴芳' })).data;
  const issued = (await county.post(`/api/v1/licence-applications/${a.id}/decision`, { decision: 'issue' })).data;
  assert.deepEqual([issued.issued_on, issued.valid_until, issued.verify_due, issued.verify_provisional, issued.business_type],
    ['2026-09-30', '2031-09-29', '2026-11-03', false, '1']);
  assert.match(issued.licence_no, /^JY1\d{13}$/);
  const v = (await t01.post(`/api/v1/licence-applications/${a.id}/verification`, { result: 'inconsistent', note: '未配备冷藏设施' })).data;
  assert.equal(v.correct_due, '2026-10-20');
});
