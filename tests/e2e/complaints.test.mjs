// Complaints in a real headless browser (issue 14 "Done when"): a resident on a phone opens a shop's
// page (where the QR code at its door leads), files a complaint with a photo (a form sent back names
// the field), the township handles it in the console, and the resident follows it with the code and
// the phone to its closing and rates it; the county's list shows the countdown and a reporter's
// identity stays hidden from it. Phone and desktop sizes, no horizontal overflow, no console error.
import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { Client, as, startServer } from '../api/harness.mjs';
import { png } from '../api/images.mjs';
import { PHONE, clean, launch, noOverflow, openWatched, refused, shot } from './browser.mjs';

let srv, browser, admin, gateway, county, t01, e1;

before(async () => {
  srv = await startServer({ entities: 200, seed: 43 });
  browser = await launch();
  admin = await as(srv.base, 'admin');
  county = await as(srv.base, 'county');
  t01 = await as(srv.base, 't01');
  e1 = (await t01.get('/api/v1/entities?kind=caterer&status=active&limit=1')).data.items[0];
  const t = await admin.post('/api/v1/tokens', { name: '短信网关' }); // the SMS gateway reads the codes
  gateway = Object.assign(new Client(srv.base), { token: t.data.token });
});
after(async () => {
  await browser?.close();
  await srv?.stop();
});

// A resident's phone: no sign-in, the console watched as openWatched does.
async function openPublic(hash) {
  const context = await browser.newContext({ locale: 'zh-CN', viewport: PHONE, isMobile: true, hasTouch: true });
  const page = await context.newPage();
  page.jsErrors = [];
  page.consoleErrors = [];
  page.refusing = false;
  page.on('pageerror', (e) => page.jsErrors.push(e.message));
  page.on('console', (m) => {
    if (m.type() === 'error' && !(page.refusing && /status of 400/.test(m.text()))) page.consoleErrors.push(m.text());
  });
  await page.goto(`${srv.base}/${hash}`);
  return page;
}

const codeFor = async (id) => (await gateway.get('/api/v1/outbox?limit=500')).data.items
  .filter((i) => i.topic === 'complaint.verify_code' && i.payload.complaint_id === id).at(-1)?.payload.code;

test('phone: from the shop\'s page a resident files a complaint with a photo, follows it to its closing and rates it', async () => {
  const page = await openPublic(`#/shop/${e1.id}`);
  await page.waitForSelector(`a[href="#/complain?entity=${e1.id}"]`);
  await page.click(`a[href="#/complain?entity=${e1.id}"]`);
  await page.waitForSelector('#complaint-form');
  assert.equal(await page.textContent('#c-shop'), e1.name);
  await noOverflow(page, 'complaint form');
  // too short: refused beside the field, nothing stored
  const before = (await county.get('/api/v1/complaints?limit=1')).data.total;
  await page.fill('#c-facts', '太脏');
  await refused(page, async () => {
    await page.click('#c-submit');
    await page.waitForFunction(() => /事实和理由/.test(document.querySelector('.field-error[data-for="facts"]')?.textContent || ''));
  });
  assert.equal((await county.get('/api/v1/complaints?limit=1')).data.total, before);
  await page.selectOption('#c-category', 'foreign_matter');
  await page.fill('#c-facts', '今天中午在店里吃的牛肉面里有一只苍蝇，店员态度很差。');
  await page.fill('#c-request', '退款并道歉');
  await page.setInputFiles('#c-photos', { name: 'noodles.png', mimeType: 'image/png', buffer: png(60, 40) });
  await page.fill('#c-name', '黄先生');
  await page.fill('#c-phone', '13566667777');
  await page.fill('#c-address', '城关街道人民路12号');
  await page.click('#c-submit');
  await page.waitForSelector('#complaint-done');
  const code = (await page.textContent('.tracking-code')).trim();
  assert.match(code, /^TS[2-9A-Z]{8}$/);
  await noOverflow(page, 'complaint filed');
  await shot(page, 'complaint-filed-phone');
  const c = (await county.get(`/api/v1/complaints?q=${code}`)).data.items[0];
  assert.deepEqual([c.respondent_name, c.status, c.channel], [e1.name, 'registered', 'portal']);
  assert.equal((await county.get(`/api/v1/complaints/${c.id}`)).data.complaint.photos.length, 1, 'the photo came with it');

  // the township handles it in its console, at a phone's size
  const official = await openWatched(browser, srv.base, 't01', true);
  await official.goto(`${srv.base}/#/complaint/${c.id}`);
  await official.waitForSelector('#complaint-deadline');
  assert.match(await official.textContent('#complaint-deadline'), /受理期限/);
  for (const [action, fill] of [['accept', null], ['mediate', async () => official.check('.complaint-action input[name=consent]')],
    ['agree', async () => official.fill('.complaint-action textarea[name=note]', '店家退还面款18元并当面道歉')]]) {
    await official.click(`.complaint-actions button[data-action="${action}"]`);
    await official.waitForSelector(`.complaint-action[data-action="${action}"]`);
    if (fill) await fill();
    await official.click('.complaint-action button[type=submit]');
    await official.waitForSelector(`#complaint-steps tr[data-step="${action === 'accept' ? 'accepted' : action === 'mediate' ? 'mediating' : 'agreed'}"]`);
  }
  assert.equal(await official.textContent('#complaint-status'), '已办结');
  await noOverflow(official, 'complaint handled');
  clean(official);

  // the resident follows it: the code and the phone, a code texted, the steps, a rating
  await page.click('#go-track');
  await page.waitForSelector('#track-form');
  assert.equal(await page.inputValue('#t-code'), code);
  await page.fill('#t-phone', '13566667777');
  await page.click('#t-send');
  await page.waitForFunction(() => /验证码已发送/.test(document.querySelector('#t-sent')?.textContent || ''));
  await page.fill('#t-verify', await codeFor(c.id));
  await page.click('#t-submit');
  await page.waitForSelector('#track-result');
  assert.equal(await page.textContent('#t-status'), '已办结');
  assert.match(await page.textContent('#t-steps'), /调解达成协议：店家退还面款18元并当面道歉/);
  await page.click('#t-stars button[data-n="5"]');
  await page.fill('#t-comment', '处理很及时');
  await page.click('#t-rate');
  await page.waitForSelector('#t-rated');
  assert.equal((await county.get(`/api/v1/complaints/${c.id}`)).data.complaint.rating, 5);
  await noOverflow(page, 'tracking');
  await shot(page, 'complaint-tracked-phone');
  clean(page);
});

test('desktop: the county\'s list with its countdowns; a report\'s identity hidden from the county, shown to its handler', async () => {
  const r = await county.post('/api/v1/complaints', { kind: 'report', channel: 'phone', entity_id: e1.id, category: 'no_licence',
    facts: '该店后院无证加工凉菜对外批发，卫生条件差。', person_name: '举报人钱某', person_phone: '13300001234' });
  assert.equal(r.status, 201, JSON.stringify(r.data));
  const id = r.data.items[0].id;
  await county.post(`/api/v1/complaints/${id}/steps`, { action: 'assign', handler_id: t01.user.id });
  const page = await openWatched(browser, srv.base, 'county', false);
  await page.click('a[href="#/complaints"]');
  await page.waitForSelector(`#complaint-list tr[data-id="${id}"]`);
  assert.match(await page.textContent(`#complaint-list tr[data-id="${id}"]`), /核查.*天后/);
  // the county registered it, so it sees the reporter; a county colleague who did not, does not
  await page.click(`#complaint-list tr[data-id="${id}"] a`);
  await page.waitForSelector('#complaint-fields');
  assert.match(await page.textContent('#complaint-fields'), /举报人钱某/);
  await shot(page, 'complaint-report-desktop');
  const other = await as(srv.base, 'admin');
  assert.equal((await other.get(`/api/v1/complaints/${id}`)).data.complaint.person_hidden, true);
  const seen = await openWatched(browser, srv.base, 'admin', false);
  await seen.goto(`${srv.base}/#/complaint/${id}`);
  await seen.waitForSelector('#person-hidden');
  assert.ok(!(await seen.textContent('body')).includes('钱某'));
  // the figures page
  await page.goto(`${srv.base}/#/complaints?tab=figures`);
  await page.waitForSelector('#figures-township');
  const f = (await county.get(`/api/v1/complaints/figures?year=${srv.today().slice(0, 4)}`)).data;
  const cells = await page.$$eval('#figures-total tbody td', (tds) => tds.map((td) => td.textContent));
  assert.deepEqual(cells.slice(1, 3), [String(f.total.received), String(f.total.closed)]);
  // an export of the 12315 platform uploaded from the list: the good row kept, the bad one told by row and field
  await page.goto(`${srv.base}/#/complaints`);
  await page.click('#complaint-import');
  const csv = '登记编号,诉求类型,姓名,联系电话,联系地址,被投诉举报对象,统一社会信用代码,问题类别,诉求内容,投诉请求,是否匿名,承办单位\r\n'
    + `1231536079900101,投诉,吴先生,13511112222,城关街道,${e1.name},,过期变质,在该店买的面包已过期两天。,退一赔十,否,\r\n`
    + `1231536079900102,投诉,郑女士,12345,城关街道,${e1.name},,异物,饭菜里有钢丝球碎屑。,赔偿,否,\r\n`;
  await page.setInputFiles('#import-12315-file', { name: '12315导出.csv', mimeType: 'text/csv', buffer: Buffer.from(csv) });
  await page.click('#import-12315 button[type=submit]');
  await page.waitForSelector('#import-12315-summary');
  assert.match(await page.textContent('#import-12315-summary'), /共 2 行：导入 1 行，已导入过跳过 0 行，有误 1 行/);
  assert.match(await page.textContent('#import-12315-result .import-errors'), /第3行（person_phone）/);
  await page.click('#import-12315-result button');
  await page.waitForFunction(() => !document.querySelector('#import-12315') && document.querySelector('#complaint-list'));
  const imported = (await county.get(`/api/v1/complaints?q=${encodeURIComponent('面包已过期两天')}`)).data.items;
  assert.ok(imported.some((x) => x.channel === '12315'), 'the good row is a complaint now');
  clean(page);
  clean(seen);
});
