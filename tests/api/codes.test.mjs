// Codes and numbers over HTTP (issue 10): the credit code of GB 32100-2015 with its registering
// authority and entity type table, the GB 11714-1997 organisation-code check digit as a warning, the
// GB/T 2260 area code (an impossible province refused, an abolished county accepted with a warning),
// and the licence kind that must match its number (SC production, JY trade, YB filing; workshop and
// stall numbers by the province's pattern in data/licence-patterns.csv).
import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { as, orgCodeCheck, startServer, uscc, usccCheck } from './harness.mjs';

let srv, county, t01;
before(async () => {
  srv = await startServer();
  county = await as(srv.base, 'county');
  t01 = await as(srv.base, 't01');
});
after(async () => { await srv.stop(); });

const countyCode = () => county.user.division_code;

async function place() {
  const village = (await t01.get(`/api/v1/divisions?parent=${t01.user.division_code}`)).data.items[0].code;
  const grid = (await t01.get(`/api/v1/grids?township=${t01.user.division_code}`)).data.items[0];
  return { village, grid };
}

let serial = 52000;
async function restaurant(extra = {}) {
  const { village, grid } = await place();
  serial++;
  return {
    kind: 'caterer', name: `编码测试餐馆${serial}`, uscc: uscc(countyCode(), serial),
    licence_no: `JY2${countyCode()}${String(serial).padStart(6, '0')}1`, licence_valid_until: '2030-01-31',
    address: '测试路2号', division_code: village, grid_id: grid.id, legal_rep: '张三', legal_rep_phone: '13907970000',
    ...extra,
  };
}

// A credit code of `head` (authority and type) in `area` with organisation code MA + serial.
function code(head, area, n, { orgCheck = true } = {}) {
  return uscc(area, n, { head, orgCheck });
}

test('GB 11714: a wrong organisation-code check digit saves the business with a warning naming uscc', async () => {
  const body = await restaurant();
  body.uscc = code('92', countyCode(), serial, { orgCheck: false });
  const r = await t01.post('/api/v1/entities', body);
  assert.equal(r.status, 201, JSON.stringify(r.data));
  assert.equal(r.data.entity.uscc, body.uscc);
  assert.equal(r.data.warnings.length, 1);
  assert.equal(r.data.warnings[0].field, 'uscc');
  assert.match(r.data.warnings[0].message, /组织机构代码/);
  assert.match(r.data.warnings[0].message, new RegExp(`校验码应为${orgCodeCheck(body.uscc.slice(8, 16))}`));
  assert.match(r.data.warnings[0].message_en, new RegExp(`should be ${orgCodeCheck(body.uscc.slice(8, 16))}`));
  // the business page shows the same warning when read again
  const again = await t01.get(`/api/v1/entities/${r.data.entity.id}`);
  assert.deepEqual(again.data.warnings, r.data.warnings);
  // a right check digit: no warning (the platform's own county 360799 counts as a known area)
  const ok = await t01.post('/api/v1/entities', await restaurant());
  assert.equal(ok.status, 201, JSON.stringify(ok.data));
  assert.deepEqual(ok.data.warnings, []);
});

test('GB/T 2260: an impossible province is refused naming uscc; an abolished county is taken with a warning', async () => {
  const bad = await restaurant({ uscc: code('92', '990799', 1) });
  const r = await t01.post('/api/v1/entities', bad);
  assert.equal(r.status, 400);
  assert.equal(r.data.error.field, 'uscc');
  assert.match(r.data.error.message, /行政区划码/);
  // 赣县 (360721) became 赣县区 (360704) in 2016: credit codes issued before keep 360721
  const old = await t01.post('/api/v1/entities', await restaurant({ uscc: code('92', '360721', 2) }));
  assert.equal(old.status, 201, JSON.stringify(old.data));
  assert.equal(old.data.warnings.length, 1);
  assert.equal(old.data.warnings[0].field, 'uscc');
  assert.match(old.data.warnings[0].message, /360721/);
  // a current county elsewhere is known: no warning
  const known = await t01.post('/api/v1/entities', await restaurant({ uscc: code('92', '360702', 3) }));
  assert.equal(known.status, 201, JSON.stringify(known.data));
  assert.deepEqual(known.data.warnings, []);
});

test('GB 32100 Annex A: authority 9 registers types 1-3 only; N2 (village collective) and Y1 are real', async () => {
  const t94 = await t01.post('/api/v1/entities', await restaurant({ uscc: code('94', countyCode(), 4) }));
  assert.equal(t94.status, 400);
  assert.equal(t94.data.error.field, 'uscc');
  assert.match(t94.data.error.message, /下没有机构类别“4”/);
  assert.match(t94.data.error.message_en, /1, 2, 3 only/);
  const y2 = await t01.post('/api/v1/entities', await restaurant({ uscc: code('Y2', countyCode(), 5) }));
  assert.equal(y2.status, 400);
  assert.equal(y2.data.error.field, 'uscc');
  const n2 = await t01.post('/api/v1/entities', await restaurant({ uscc: code('N2', countyCode(), 6) }));
  assert.equal(n2.status, 201, JSON.stringify(n2.data));
  const y1 = await t01.post('/api/v1/entities', await restaurant({ uscc: code('Y1', countyCode(), 7) }));
  assert.equal(y1.status, 201, JSON.stringify(y1.data));
});

test('the licence kind must match the number; filing, workshop and stall numbers follow the province pattern', async () => {
  const base = await restaurant();
  const seller = { ...base, kind: 'seller', licence_kind: 'filing', licence_no: `JY1${countyCode()}0000017` };
  delete seller.licence_valid_until;
  const jyFiling = await t01.post('/api/v1/entities', seller);
  assert.equal(jyFiling.status, 400);
  assert.equal(jyFiling.data.error.field, 'licence_no');
  assert.match(jyFiling.data.error.message, /食品经营许可证/);
  // an SC number is for production only: a caterer with one is refused on its licence kind
  const scCaterer = await t01.post('/api/v1/entities', { ...(await restaurant()), licence_no: `SC101${countyCode()}00123` });
  assert.equal(scCaterer.status, 400);
  assert.equal(scCaterer.data.error.field, 'licence_kind');
  // SC category 132 does not exist
  const producer = { ...(await restaurant()), kind: 'producer', licence_no: `SC132${countyCode()}00123` };
  const r132 = await t01.post('/api/v1/entities', producer);
  assert.equal(r132.status, 400);
  assert.equal(r132.data.error.field, 'licence_no');
  const r131 = await t01.post('/api/v1/entities', { ...producer, licence_no: `SC131${countyCode()}09871` });
  assert.equal(r131.status, 201, JSON.stringify(r131.data));
  // a filing number: YB + 14 digits, inferred as a filing
  const filing = await t01.post('/api/v1/entities', { ...seller, uscc: uscc(countyCode(), ++serial), licence_kind: undefined,
    licence_no: `YB1${countyCode()}${String(serial).padStart(6, '0')}3` });
  assert.equal(filing.status, 201, JSON.stringify(filing.data));
  assert.equal(filing.data.entity.licence_kind, 'filing');
  // a workshop in Jiangxi (36): 赣食坊登字〔year〕第NNNN号, the error names the expected form
  const workshop = { ...(await restaurant()), kind: 'workshop', licence_no: '坊字第12号' };
  delete workshop.licence_valid_until;
  const wrongForm = await t01.post('/api/v1/entities', workshop);
  assert.equal(wrongForm.status, 400);
  assert.equal(wrongForm.data.error.field, 'licence_no');
  assert.match(wrongForm.data.error.message, /赣食坊登字〔年份〕第NNNN号/);
  const year = srv.today().slice(0, 4);
  const rightForm = await t01.post('/api/v1/entities', { ...workshop, licence_no: `赣食坊登字〔${year}〕第${String(serial % 10000).padStart(4, '0')}号` });
  assert.equal(rightForm.status, 201, JSON.stringify(rightForm.data));
});

test('import reports the same per row: warnings for rows taken, refusals naming the field', async () => {
  const { village, grid } = await place();
  const warned = code('92', countyCode(), 8, { orgCheck: false });
  const impossible = code('92', '990799', 9);
  const csv = '\ufeff类型,名称,统一社会信用代码,许可证类型,许可证编号,所属区划代码,网格编码,法定代表人,法定代表人电话\r\n' +
    `餐饮服务,导入存疑餐馆,${warned},,,${village},${grid.code},王五,13907970005\r\n` +
    `餐饮服务,导入无效区划餐馆,${impossible},,,${village},${grid.code},赵六,13907970006\r\n` +
    `食品销售者,导入错号商店,${uscc(countyCode(), 10)},仅销售预包装食品备案,JY1${countyCode()}0000099,${village},${grid.code},钱七,13907970007\r\n`;
  for (const dry of [true, false]) {
    const r = await t01.req('POST', `/api/v1/entities/import${dry ? '?dry_run=1' : ''}`, { raw: csv, headers: { 'content-type': 'text/csv' } });
    assert.equal(r.status, 200, JSON.stringify(r.data));
    assert.equal(r.data.imported, 1);
    assert.deepEqual(r.data.rejected.map((x) => [x.row, x.field]), [[3, 'uscc'], [4, 'licence_no']]);
    assert.deepEqual(r.data.warnings.map((x) => [x.row, x.field, x.column]), [[2, 'uscc', '统一社会信用代码']]);
    assert.match(r.data.warnings[0].message, /组织机构代码/);
  }
});

test('the harness makes codes that pass without warning (GB 11714 check digit right)', async () => {
  const c = uscc(countyCode(), 123456);
  assert.equal(c[16], orgCodeCheck(c.slice(8, 16)));
  assert.equal(c[17], usccCheck(c.slice(0, 17)));
});
