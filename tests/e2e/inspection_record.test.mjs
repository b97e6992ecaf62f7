// 打印检查记录 (issue 15): from an inspection, a record to print — the business, the day, the inspectors,
// every item with its outcome, the problem found with its photo, and the names that sign: the inspectors and the person
// who signed for the result on site, with the business's online acknowledgement; printable on A4 with the
// buttons left off, readable on a phone.
import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { addDays, as, beijingDate, businessesWithLogin, startServer } from '../api/harness.mjs';
import { png } from '../api/images.mjs';
import { PHONE, clean, launch, noOverflow, openWatched, shot } from './browser.mjs';

let srv, browser, county;
before(async () => {
  srv = await startServer({ entities: 120, seed: 37 });
  browser = await launch();
  county = await as(srv.base, 'county');
});
after(async () => {
  await browser?.close();
  await srv?.stop();
});

test('the inspector and the business print the completed inspection with its items, the problem and the names that sign', async () => {
  const [[entity, business]] = await businessesWithLogin(county, srv.base, 1, { keep: (e) => e.kind === 'caterer' });
  const [a, b] = [await as(srv.base, 'inspector01'), await as(srv.base, 'inspector02')];
  const made = await county.post('/api/v1/inspections', { entity_id: entity.id, kind: 'daily', inspectors: [a.user.id, b.user.id], due_date: addDays(srv.today(), 3) });
  assert.equal(made.status, 201, JSON.stringify(made.data));
  const insp = made.data.inspection;
  const failed = insp.items.find((i) => !i.key) || insp.items[0];
  const items = insp.items.map((i) => (i.id === failed.id ? { item_id: i.id, outcome: 'fail', note: '冷藏柜温度记录缺失', corrected_on_site: false } : { item_id: i.id, outcome: 'pass' }));
  assert.equal((await a.post(`/api/v1/inspections/${insp.id}/items`, { items })).status, 200);
  const photo = await a.req('POST', `/api/v1/inspections/${insp.id}/photos?item_id=${failed.id}`, { raw: png(40, 30), headers: { 'content-type': 'image/png' } });
  assert.equal(photo.status, 201, JSON.stringify(photo.data));
  const done = await a.post(`/api/v1/inspections/${insp.id}/complete`, { summary: '整体良好，一项需整改', received_by: '李店长' });
  assert.equal(done.status, 200, JSON.stringify(done.data));
  const ack = await business.post(`/api/v1/inspections/${insp.id}/acknowledge`, {});
  assert.ok(ack.status < 300, JSON.stringify(ack.data));
  const recorded = (await county.get(`/api/v1/inspections/${insp.id}`)).data.inspection; // the days on the platform's clock

  for (const phone of [false, true]) {
    // the inspector at a desk, the business on its phone: each prints the same record
    const page = await openWatched(browser, srv.base, phone ? `b${entity.id}` : 'inspector01', phone);
    await page.evaluate((id) => { location.hash = `#/inspections/${id}`; }, insp.id);
    await page.click('#print-record');
    await page.waitForSelector('#inspection-record');
    assert.equal(await page.locator('.sidebar').count(), 0, 'the record stands alone, without the menu');
    const text = await page.textContent('#inspection-record');
    assert.match(text, new RegExp(`被检查单位${entity.name}`));
    assert.match(text, new RegExp(`检查日期${beijingDate(recorded.completed_at)}`));
    assert.match(text, new RegExp(`检查人员${a.user.display_name}、${b.user.display_name}`));
    assert.match(text, /检查结果(不符合|基本符合)/);
    // every item of the standard, each with its outcome
    const rows = await page.$$eval('#record-items tbody tr[data-item]', (trs) => trs.map((tr) => [Number(tr.dataset.item), tr.children[2].textContent]));
    assert.equal(rows.length, insp.items.length);
    assert.deepEqual(rows.filter(([, o]) => o !== '符合').map(([id, o]) => [id, o]), [[failed.id, '不符合']]);
    assert.match(await page.textContent('#record-hazards'), new RegExp(`${failed.content}：冷藏柜温度记录缺失（已下达整改通知`));
    assert.equal(await page.textContent('#record-summary'), '整体良好，一项需整改');
    assert.equal(await page.locator('#record-hazards img').count(), 1, 'the problem\'s photo');
    await page.waitForFunction(() => { const img = document.querySelector('#record-hazards img'); return img.complete && img.naturalWidth === 40; }); // and it loads
    const signs = await page.textContent('#record-signatures');
    for (const name of [a.user.display_name, b.user.display_name, '李店长']) assert.ok(signs.includes(name), `${name} signs`);
    assert.match(signs, new RegExp(`企业已于 ${beijingDate(recorded.acknowledged_at)} \\d\\d:\\d\\d 在线签收`));
    if (phone) {
      assert.equal(page.viewportSize().width, PHONE.width);
      await noOverflow(page, 'the record on a phone');
      await shot(page, 'inspection-record-phone');
    } else {
      // printed: the buttons stay off the paper, and the record is a PDF of A4 pages
      await page.emulateMedia({ media: 'print' });
      assert.equal(await page.locator('#record-print').isVisible(), false);
      const pdf = await page.pdf({ preferCSSPageSize: true });
      assert.match(pdf.subarray(0, 5).toString(), /%PDF-/);
      assert.match(pdf.toString('latin1'), /MediaBox \[0 0 59[45]\.\d+ 84[12]\.\d+\]/, 'A4 pages');
      await page.emulateMedia({ media: 'screen' });
      await shot(page, 'inspection-record');
    }
    clean(page);
  }
});
