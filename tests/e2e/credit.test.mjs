// 信用管理 in a real headless browser (issue 13 "Credit"): the county puts a business on the black list
// (a missing reason refused beside the field), the flag shows on the business's page and on the public
// 红黑榜 and shop page on a phone; a summons is recorded and followed up. No console error, no overflow.
import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { as, startServer } from '../api/harness.mjs';
import { clean, launch, noOverflow, openAnonymous, openWatched, refused } from './browser.mjs';

let srv, browser, t01, e1;

before(async () => {
  srv = await startServer({ entities: 120, seed: 61 });
  browser = await launch();
  t01 = await as(srv.base, 't01');
  e1 = (await t01.get('/api/v1/entities?kind=caterer&status=active&limit=1')).data.items[0];
});
after(async () => {
  await browser?.close();
  await srv?.stop();
});

test('the black list from the county\'s desk to the business\'s page and the public pages on a phone; a summons followed up', async () => {
  const desk = await openWatched(browser, srv.base, 'county', false);
  await desk.click('a[href="#/credit"]');
  await desk.waitForSelector('#honour-form');
  await desk.selectOption('#honour-kind', 'black');
  await desk.fill('#honour-entity', String(e1.id));
  const until = `${Number(srv.today().slice(0, 4)) + 1}${srv.today().slice(4)}`;
  await desk.fill('#honour-until', until);
  await refused(desk, async () => {
    await desk.click('#honour-form button[type=submit]');
    await desk.waitForFunction(() => /事由/.test(document.querySelector('.field-error[data-for="reason"]')?.textContent || ''));
  });
  await desk.fill('#honour-reason', '拒不整改后厨卫生隐患，多次被投诉');
  await desk.click('#honour-form button[type=submit]');
  await desk.waitForSelector('#honour-list tbody tr[data-id]');
  assert.match(await desk.textContent('.pager'), /共 1 条/);
  await desk.goto(`${srv.base}/#/entities?q=${encodeURIComponent(e1.name)}`);
  await desk.waitForSelector(`tr[data-id="${e1.id}"] .credit-badge`);
  await desk.goto(`${srv.base}/#/entities/${e1.id}`);
  await desk.waitForSelector('#credit-flags');
  assert.match(await desk.textContent('#credit-flags'), /联合惩戒：黑榜 拒不整改/);
  // the flag follows the business to a complaint about it, in the list and on its page, and to an inspection of it
  const county = await as(srv.base, 'county');
  const c = await county.post('/api/v1/complaints', { kind: 'complaint', channel: 'phone', entity_id: e1.id, category: 'hygiene',
    facts: '在该店就餐后腹泻，后厨卫生条件差。', request: '退还餐费并赔偿', person_name: '投诉人孙某', person_phone: '13300004321',
    person_address: '城关镇建设路1号' });
  assert.equal(c.status, 201, JSON.stringify(c.data));
  await desk.goto(`${srv.base}/#/complaints`);
  await desk.waitForSelector(`#complaint-list tr[data-id="${c.data.items[0].id}"] .credit-badge`);
  await desk.goto(`${srv.base}/#/complaint/${c.data.items[0].id}`);
  await desk.waitForSelector('#complaint-fields');
  await desk.waitForSelector('#credit-flags');
  const insp = await t01.post('/api/v1/inspections', { entity_id: e1.id, kind: 'daily', inspectors: [3, 4] });
  assert.equal(insp.status, 201, JSON.stringify(insp.data));
  await desk.goto(`${srv.base}/#/inspections/${insp.data.inspection.id}`);
  await desk.waitForSelector('#inspection-title');
  await desk.waitForSelector('#credit-flags');
  // summons: recorded, then its follow-up through the page's prompt
  await desk.goto(`${srv.base}/#/credit?tab=summons`);
  await desk.waitForSelector('#summons-form');
  await desk.fill('#summons-entity', String(e1.id));
  await desk.fill('#summons-attendees', '法定代表人、食品安全总监');
  await desk.fill('#summons-reason', '一个月内三次被投诉');
  await desk.fill('#summons-record', '指出后厨卫生问题，当事人表示立即整改，十五个工作日内报送整改报告。');
  await desk.click('#summons-form button[type=submit]');
  await desk.waitForSelector('#summons-list tbody tr[data-id] button');
  desk.once('dialog', (d) => d.accept('回访：已整改到位'));
  await desk.click('#summons-list tbody tr[data-id] button');
  await desk.waitForFunction(() => /回访：已整改到位/.test(document.querySelector('#summons-list')?.textContent || ''));
  // 经营异常名录: a wrong entry refused beside its field, then listed, shown with its three-year date, removed
  await desk.goto(`${srv.base}/#/credit?tab=abnormal`);
  await desk.waitForSelector('#abnormal-form');
  await desk.fill('#abnormal-entity', String(e1.id));
  await desk.selectOption('#abnormal-reason', 'annual_report');
  await desk.fill('#abnormal-facts', '未按规定期限公示上一年度年度报告');
  await refused(desk, async () => {
    await desk.click('#abnormal-form button[type=submit]');
    await desk.waitForFunction(() => /文号/.test(document.querySelector('.field-error[data-for="decision_no"]')?.textContent || ''));
  });
  await desk.fill('#abnormal-decision', '县市监异〔2026〕3号');
  await desk.click('#abnormal-form button[type=submit]');
  await desk.waitForSelector('#abnormal-list tbody tr[data-id]');
  assert.match(await desk.textContent('#abnormal-list'), /未按规定期限公示年度报告[\s\S]*县市监异〔2026〕3号/);
  desk.once('dialog', (d) => d.accept('已补报年度报告并公示'));
  await desk.click('#abnormal-list tbody tr[data-id] button');
  await desk.waitForFunction(() => /暂无列入/.test(document.querySelector('#abnormal-list')?.textContent || ''));
  clean(desk);

  const phone = await openAnonymous(browser, true);
  await phone.goto(`${srv.base}/#/honour`);
  await phone.waitForSelector('#honour-black');
  assert.match(await phone.textContent('#honour-black'), new RegExp(e1.name));
  await noOverflow(phone, 'honour lists');
  await phone.goto(`${srv.base}/#/shop/${e1.id}`);
  await phone.waitForSelector('#shop-credit');
  assert.match(await phone.textContent('#shop-credit'), /黑榜：拒不整改/);
  await noOverflow(phone, 'shop with a flag');
  clean(phone);
});
