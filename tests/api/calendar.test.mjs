// The holiday calendar a bureau keeps, over HTTP: the fixed public holidays of 《全国年节及纪念日放假办法》
// (2024 revision) count in a year whose State Council notice is not loaded, and the deadlines there are
// provisional; the county loads the notice (PUT /calendar/{year}), audited, with every bad day refused
// and nothing changed; from 1 November the county is warned that next year's notice is missing.
import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { Client, as, startServer } from './harness.mjs';

let srv, county, t01, biz;
before(async () => {
  srv = await startServer({ entities: 50, seed: 7 });
  county = await as(srv.base, 'county');
  t01 = await as(srv.base, 't01');
  const shop = (await county.get('/api/v1/entities?limit=1')).data.items[0];
  biz = await as(srv.base, `b${shop.id}`);
});
after(async () => { await srv.stop(); });

const deadline = async (q) => (await t01.get(`/api/v1/calendar/deadline?${q}`)).data;

test('a deadline across New Year 2027 counts the fixed holiday and is provisional until the notice is loaded', async () => {
  // 2026-12-31 (Thursday) + 1 working day: New Year's Day is a holiday by law, then a weekend
  assert.deepEqual(await deadline('from=2026-12-31&days=1'),
    { deadline: '2027-01-04', provisional: true, provisional_year: 2027, from: '2026-12-31', days: 1, calendar_days: false });
  // inside a loaded year: the 2026 Spring Festival week and its worked Saturday (2/14)
  assert.equal((await deadline('from=2026-02-13&days=2')).deadline, '2026-02-24');
  assert.equal((await deadline('from=2026-02-13&days=2')).provisional, false);
  // calendar days ending on National Day move to the first working day after it
  assert.equal((await deadline('from=2026-09-24&days=7&calendar_days=1')).deadline, '2026-10-08');
  const y = (await t01.get('/api/v1/calendar/2027')).data;
  assert.equal(y.notice, null);
  assert.equal(y.provisional, true);
  assert.deepEqual(y.fixed_holidays.filter((d) => d.name === '春节').map((d) => d.date), ['2027-02-05', '2027-02-06', '2027-02-07', '2027-02-08']);
  // bad input names its field
  let r = await t01.get('/api/v1/calendar/deadline?from=2026-02-30&days=1');
  assert.deepEqual([r.status, r.data.error.field], [400, 'from']);
  r = await t01.get('/api/v1/calendar/deadline?from=2026-12-01&days=1001');
  assert.deepEqual([r.status, r.data.error.field], [400, 'days']);
  r = await t01.get('/api/v1/calendar/27');
  assert.deepEqual([r.status, r.data.error.field], [400, 'year']);
  r = await t01.get('/api/v1/calendar/2100');
  assert.deepEqual([r.status, r.data.error.field], [400, 'year']);
});

test('the county loads the 2027 notice; other roles and bad days are refused and change nothing', async () => {
  const notice = {
    source: '国务院办公厅关于2027年部分节假日安排的通知（测试）',
    days: [
      { date: '2027-01-01', kind: 'holiday', name: '元旦' }, { date: '2027-01-02', kind: 'holiday', name: '元旦' },
      { date: '2027-01-03', kind: 'holiday', name: '元旦' }, { date: '2027-02-05', kind: 'holiday', name: '春节' },
      { date: '2027-02-06', kind: 'holiday', name: '春节' }, { date: '2027-02-07', kind: 'holiday', name: '春节' },
      { date: '2027-02-08', kind: 'holiday', name: '春节' }, { date: '2027-02-09', kind: 'holiday', name: '春节' },
      { date: '2027-02-10', kind: 'holiday', name: '春节' }, { date: '2027-02-11', kind: 'holiday', name: '春节' },
      { date: '2027-02-20', kind: 'workday', name: '春节调休上班' },
    ],
  };
  assert.equal((await t01.req('PUT', '/api/v1/calendar/2027', { body: notice })).status, 403);
  assert.equal((await biz.req('PUT', '/api/v1/calendar/2027', { body: notice })).status, 403);
  assert.equal((await new Client(srv.base).req('PUT', '/api/v1/calendar/2027', { body: notice })).status, 401);
  const bad = structuredClone(notice);
  bad.days[10].date = '2027-02-22'; // a Monday cannot be an adjusted working weekend day
  let r = await county.req('PUT', '/api/v1/calendar/2027', { body: bad });
  assert.deepEqual([r.status, r.data.error.field], [400, 'days[10].kind']);
  r = await county.req('PUT', '/api/v1/calendar/2027', { body: { ...notice, days: [{ date: '2027-01-01', kind: 'holiday' }] } });
  assert.deepEqual([r.status, r.data.error.field], [400, 'days[0].name']);
  r = await county.req('PUT', '/api/v1/calendar/2027', { body: { days: notice.days } });
  assert.deepEqual([r.status, r.data.error.field], [400, 'source']);
  assert.equal((await county.get('/api/v1/calendar/2027')).data.notice, null);
  assert.equal((await deadline('from=2026-12-31&days=1')).provisional, true);

  r = await county.req('PUT', '/api/v1/calendar/2027', { body: notice });
  assert.equal(r.status, 200, JSON.stringify(r.data));
  assert.equal(r.data.notice.source, notice.source);
  assert.equal(r.data.notice.loaded_by, 'county');
  assert.equal(r.data.provisional, false);
  assert.equal(r.data.days.length, 11);
  // the same deadline is now final, and the notice's own days count
  assert.deepEqual(await deadline('from=2026-12-31&days=1'),
    { deadline: '2027-01-04', provisional: false, from: '2026-12-31', days: 1, calendar_days: false });
  assert.equal((await deadline('from=2027-02-04&days=1')).deadline, '2027-02-12');
  assert.equal((await deadline('from=2027-02-19&days=1')).deadline, '2027-02-20');
  const list = (await t01.get('/api/v1/calendar')).data;
  assert.deepEqual(list.notices.map((n) => n.year).slice(0, 3), [2027, 2026, 2025]);
});

test('the county is warned when this year\'s, or from 1 November next year\'s, notice is missing', async () => {
  // a fresh server: only the shipped notices (2025, 2026)
  const other = await startServer({ entities: 10, seed: 8 });
  try {
    const o = (await (await as(other.base, 'county')).get('/api/v1/calendar')).data;
    const today = other.today();
    assert.equal(o.today, today);
    const [y, m] = [Number(today.slice(0, 4)), Number(today.slice(5, 7))];
    const missing = y > 2026 ? y : m >= 11 ? y + 1 : null;
    assert.equal(o.warning?.year ?? null, missing);
    if (missing) assert.match(o.warning.message, new RegExp(`${missing}年`));
  } finally { await other.stop(); }
});
