// Local red and black lists (红黑榜) of businesses, government units and staff, the joint-punishment flags
// that follow a business to its page and its public shop page, and summons (约谈) with their follow-up
// (issue 13 "Credit"). Only the county lists; each township sees its own; bad input changes nothing.
import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { Client, addDays, as, startServer } from './harness.mjs';

let srv, county, t01, t02, biz, e1, anon;

before(async () => {
  srv = await startServer({ entities: 200, seed: 59 });
  county = await as(srv.base, 'county');
  t01 = await as(srv.base, 't01');
  t02 = await as(srv.base, 't02');
  e1 = (await t01.get('/api/v1/entities?kind=caterer&status=active&limit=1')).data.items[0];
  biz = await as(srv.base, `b${e1.id}`);
  anon = new Client(srv.base);
});
after(async () => { await srv.stop(); });

test('the black list flags a business on its page and its public shop page; the red list honours; staff on the black list stay internal', async () => {
  const before = (await county.get('/api/v1/honour-lists')).data.total;
  for (const [body, field] of [
    [{ list_kind: 'grey' }, 'list_kind'],
    [{ subject_kind: 'robot' }, 'subject_kind'],
    [{ entity_id: null }, 'entity_id'],
    [{ reason: '差' }, 'reason'],
    [{ until_on: srv.today() }, 'until_on'],
    [{ until_on: addDays(srv.today(), 6 * 366) }, 'until_on'],
  ]) {
    const r = await county.post('/api/v1/honour-lists', { list_kind: 'black', subject_kind: 'business', entity_id: e1.id,
      reason: '拒不整改食品安全隐患', until_on: addDays(srv.today(), 365), ...body });
    assert.deepEqual([r.status, r.data.error?.field], [400, field], JSON.stringify(body));
  }
  assert.equal((await county.get('/api/v1/honour-lists')).data.total, before, 'nothing stored');
  assert.equal((await t01.post('/api/v1/honour-lists', { list_kind: 'black', subject_kind: 'business', entity_id: e1.id,
    reason: '拒不整改食品安全隐患', until_on: addDays(srv.today(), 365) })).status, 403, 'the county lists');
  const black = await county.post('/api/v1/honour-lists', { list_kind: 'black', subject_kind: 'business', entity_id: e1.id,
    reason: '拒不整改食品安全隐患，多次被投诉', until_on: addDays(srv.today(), 365) });
  assert.equal(black.status, 201, JSON.stringify(black.data));
  const red = await county.post('/api/v1/honour-lists', { list_kind: 'red', subject_kind: 'unit', subject_name: '县第一中学食堂',
    division_code: t01.user.division_code, reason: '连续三年量化分级优秀', until_on: addDays(srv.today(), 365) });
  assert.equal(red.status, 201, JSON.stringify(red.data));
  const staff = await county.post('/api/v1/honour-lists', { list_kind: 'black', subject_kind: 'staff', subject_name: '某监管所工作人员',
    division_code: t01.user.division_code, reason: '包保责任落实不到位被通报', until_on: addDays(srv.today(), 180) });
  assert.equal(staff.status, 201);

  // the flags follow the business: its page (the business itself and its officials) and the public shop page
  const flags = (await t01.get(`/api/v1/entities/${e1.id}/credit`)).data.flags;
  assert.deepEqual(flags.map((f) => [f.kind, f.label]), [['black_list', '黑榜']]);
  assert.equal((await biz.get(`/api/v1/entities/${e1.id}/credit`)).data.flags.length, 1);
  assert.equal((await t02.get(`/api/v1/entities/${e1.id}/credit`)).status, 404);
  const shop = (await anon.get(`/api/v1/public/shops/${e1.id}`)).data;
  assert.deepEqual(shop.credit.flags.map((f) => f.kind), ['black_list']);
  // the public lists: the unit on the red list and the business on the black; the member of staff not
  const pub = (await anon.get('/api/v1/public/honour-lists')).data.items;
  assert.ok(pub.some((x) => x.list_kind === 'black' && x.subject_name === e1.name));
  assert.ok(pub.some((x) => x.list_kind === 'red' && x.subject_name === '县第一中学食堂'));
  assert.ok(!pub.some((x) => x.subject_kind === 'staff'), 'staff on the black list are not published');
  // a township sees its own entries only
  assert.ok((await t01.get('/api/v1/honour-lists?current=1')).data.items.some((x) => x.id === black.data.id));
  assert.ok(!(await t02.get('/api/v1/honour-lists')).data.items.some((x) => x.id === black.data.id));
  // and into lists: the flagged among a page the caller sees, nothing of what it does not
  const ids = (await t01.get('/api/v1/entities?limit=20')).data.items.map((x) => x.id);
  const page = (await t01.get(`/api/v1/credit/flags?ids=${[...new Set([e1.id, ...ids])].join(',')}`)).data.items;
  assert.deepEqual(page.map((x) => x.entity_id), [e1.id]);
  assert.deepEqual((await t02.get(`/api/v1/credit/flags?ids=${e1.id}`)).data.items, [], 'another township learns nothing');
  assert.equal((await t01.get('/api/v1/credit/flags?ids=1,x')).data.error.field, 'ids');
  // taken off early: the flag goes
  assert.equal((await county.post(`/api/v1/honour-lists/${black.data.id}/remove`, {})).data.error.field, 'note');
  assert.equal((await county.post(`/api/v1/honour-lists/${black.data.id}/remove`, { note: '已整改到位，提前撤下' })).data.removed_on, srv.today());
  assert.deepEqual((await t01.get(`/api/v1/entities/${e1.id}/credit`)).data.flags, []);
  assert.equal((await county.post(`/api/v1/honour-lists/${black.data.id}/remove`, { note: '再撤' })).status, 400);
});

test('summons (约谈): recorded with who came and what was said; its follow-up due and done once; a township sees its own', async () => {
  const bad = await t01.post('/api/v1/summons', { entity_id: e1.id, attendees: '店长', reason: '多次投诉', record: '短' });
  assert.deepEqual([bad.status, bad.data.error.field], [400, 'record']);
  assert.equal((await biz.post('/api/v1/summons', { entity_id: e1.id, attendees: '店长', reason: '多次投诉', record: '约谈记录内容足够长了吧' })).status, 403);
  const r = await t01.post('/api/v1/summons', { entity_id: e1.id, attendees: '法定代表人、食品安全总监', reason: '一个月内三次被投诉后厨卫生',
    record: '指出后厨卫生、从业人员健康管理等问题，当事人表示立即整改，并于十五个工作日内报送整改报告。' });
  assert.equal(r.status, 201, JSON.stringify(r.data));
  const s = r.data;
  assert.ok(s.follow_up_due > srv.today() && s.followed_up_on === null);
  assert.equal((await t02.post(`/api/v1/summons/${s.id}/follow-up`, { note: '外人回访' })).status, 404);
  assert.ok(!(await t02.get('/api/v1/summons')).data.items.some((x) => x.id === s.id));
  const done = (await t01.post(`/api/v1/summons/${s.id}/follow-up`, { note: '回访：后厨已整改，健康证已补办' })).data;
  assert.equal(done.followed_up_on, srv.today());
  assert.equal((await t01.post(`/api/v1/summons/${s.id}/follow-up`, { note: '再回访一次' })).status, 400, 'once');
  assert.ok((await county.get(`/api/v1/summons?entity_id=${e1.id}`)).data.items.some((x) => x.id === s.id));
});

// Walks a list page by page (limit 2) and returns every item; the total on each page is the same.
async function walk(client, path) {
  const all = [];
  let total = null;
  for (let offset = 0; ; offset += 2) {
    const r = await client.get(`${path}${path.includes('?') ? '&' : '?'}limit=2&offset=${offset}`);
    assert.equal(r.status, 200, JSON.stringify(r.data));
    total ??= r.data.total;
    assert.equal(r.data.total, total);
    all.push(...r.data.items);
    if (!r.data.items.length) break;
  }
  assert.equal(all.length, total, 'the pages hold every entry once');
  assert.equal(new Set(all.map((x) => x.id ?? `${x.list_kind}/${x.subject_name}/${x.reason}`)).size, total, 'no entry twice');
  return all;
}

test('the lists page: the county’s 红黑榜, the public one by list, and summons, each with its total; a bad page is refused', async () => {
  for (let i = 0; i < 5; i++) {
    assert.equal((await county.post('/api/v1/honour-lists', { list_kind: i % 2 ? 'red' : 'black', subject_kind: 'unit', subject_name: `翻页测试单位${i}`,
      division_code: t01.user.division_code, reason: `翻页测试第${i}条上榜事由`, until_on: addDays(srv.today(), 30) })).status, 201);
    assert.equal((await t01.post('/api/v1/summons', { entity_id: e1.id, attendees: '店长', reason: `翻页测试约谈${i}`,
      record: '约谈记录：当事人表示按要求整改到位。' })).status, 201);
  }
  const mine = await walk(county, '/api/v1/honour-lists');
  assert.ok(mine.length >= 5);
  assert.ok(mine.every((x, i) => i === 0 || mine[i - 1].id > x.id), 'the newest first');
  const reds = await walk(anon, '/api/v1/public/honour-lists?list_kind=red');
  assert.ok(reds.length >= 2 && reds.every((x) => x.list_kind === 'red'));
  const blacks = await walk(anon, '/api/v1/public/honour-lists?list_kind=black');
  assert.equal((await anon.get('/api/v1/public/honour-lists')).data.total, reds.length + blacks.length);
  const summons = await walk(t01, '/api/v1/summons');
  assert.ok(summons.filter((x) => /^翻页测试约谈/.test(x.reason)).length === 5);
  for (const [client, path, field] of [[county, '/api/v1/honour-lists?limit=0', 'limit'], [county, '/api/v1/honour-lists?limit=101', 'limit'],
    [anon, '/api/v1/public/honour-lists?offset=-1', 'offset'], [anon, '/api/v1/public/honour-lists?list_kind=grey', 'list_kind'],
    [t01, '/api/v1/summons?limit=x', 'limit']]) {
    const r = await client.get(path);
    assert.deepEqual([r.status, r.data.error?.field], [400, field], path);
  }
});

test('经营异常名录: the county lists for one of four reasons, the flag follows the business, removed once cured; three years open qualifies for the serious list', async () => {
  const [, , e2] = (await t01.get('/api/v1/entities?kind=caterer&status=active&limit=3')).data.items;
  const good = { entity_id: e2.id, reason: 'unreachable', decision_no: '县市监异〔2026〕7号', facts: '通过登记的住所无法联系，经实地核查确认' };
  const before = (await county.get('/api/v1/abnormal-listings')).data.total;
  for (const [body, field] of [[{ entity_id: 'x' }, 'entity_id'], [{ reason: 'late' }, 'reason'], [{ decision_no: '' }, 'decision_no'],
    [{ facts: '短' }, 'facts'], [{ listed_on: addDays(srv.today(), 1) }, 'listed_on'], [{ listed_on: '2026-02-30' }, 'listed_on']]) {
    const r = await county.post('/api/v1/abnormal-listings', { ...good, ...body });
    assert.deepEqual([r.status, r.data.error?.field], [400, field], JSON.stringify(body));
  }
  assert.equal((await t01.post('/api/v1/abnormal-listings', good)).status, 403, 'the county lists');
  assert.equal((await county.get('/api/v1/abnormal-listings')).data.total, before, 'nothing stored');
  const r = await county.post('/api/v1/abnormal-listings', good);
  assert.equal(r.status, 201, JSON.stringify(r.data));
  assert.deepEqual([r.data.reason_label, r.data.listed_on, r.data.removed_on, r.data.qualifies_serious],
    ['通过登记的住所或者经营场所无法联系', srv.today(), null, false]);
  assert.equal((await county.post('/api/v1/abnormal-listings', good)).data.error.field, 'reason', 'once per reason while open');
  // the flag follows the business to its page and the public shop page
  const flags = (await t01.get(`/api/v1/entities/${e2.id}/credit`)).data.flags;
  assert.deepEqual(flags.map((f) => [f.kind, f.label]), [['abnormal', '经营异常名录']]);
  assert.match(flags[0].reason, /无法联系/);
  assert.ok((await anon.get(`/api/v1/public/shops/${e2.id}`)).data.credit.flags.some((f) => f.kind === 'abnormal'));
  // the township sees its own; another township neither the listing nor the flag
  assert.ok((await t01.get('/api/v1/abnormal-listings?current=1')).data.items.some((x) => x.id === r.data.id));
  assert.ok(!(await t02.get('/api/v1/abnormal-listings')).data.items.some((x) => x.id === r.data.id));
  assert.equal((await biz.get('/api/v1/abnormal-listings')).status, 403);
  // three years open: the day before, not yet; on the day, it qualifies for the serious-dishonesty list
  // (on 29 February, three years back is the 28th: there is no 29th that year)
  const year = Number(srv.today().slice(0, 4)), leap = (y) => (y % 4 === 0 && y % 100 !== 0) || y % 400 === 0;
  const sameDay = (y, md) => (md === '-02-29' && !leap(y) ? `${y}-02-28` : `${y}${md}`);
  const y3 = sameDay(year - 3, srv.today().slice(4));
  const old = await county.post('/api/v1/abnormal-listings', { ...good, reason: 'annual_report', listed_on: addDays(y3, 1), facts: '未按规定期限公示年度报告' });
  assert.equal(old.status, 201, JSON.stringify(old.data));
  assert.deepEqual([old.data.serious_from, old.data.qualifies_serious], [addDays(srv.today(), 1), false]);
  const older = await county.post('/api/v1/abnormal-listings', { ...good, reason: 'disclosure', listed_on: y3, facts: '未在责令的期限内公示有关企业信息' });
  assert.deepEqual([older.data.serious_from, older.data.qualifies_serious], [sameDay(year, y3.slice(4)), true]);
  // removed once cured: with a reason, once; the flags go when all are removed
  assert.equal((await county.post(`/api/v1/abnormal-listings/${r.data.id}/remove`, {})).data.error.field, 'note');
  assert.equal((await t02.post(`/api/v1/abnormal-listings/${r.data.id}/remove`, { note: '外人移出' })).status, 403);
  for (const x of [r.data, old.data, older.data]) {
    const done = await county.post(`/api/v1/abnormal-listings/${x.id}/remove`, { note: '已依法办理住所变更登记' });
    assert.deepEqual([done.status, done.data.removed_on, done.data.qualifies_serious], [200, srv.today(), false]);
  }
  assert.equal((await county.post(`/api/v1/abnormal-listings/${r.data.id}/remove`, { note: '再次移出' })).status, 400, 'once');
  assert.deepEqual((await t01.get(`/api/v1/entities/${e2.id}/credit`)).data.flags, []);
  const all = await walk(county, `/api/v1/abnormal-listings?entity_id=${e2.id}`);
  assert.equal(all.length, 3);
  assert.equal((await county.get(`/api/v1/abnormal-listings?entity_id=${e2.id}&current=1`)).data.total, 0);
});
