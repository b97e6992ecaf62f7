// Monthly and quarterly reports a bureau sends upward (issue 15): made on demand for the county or a
// township, kept byte for byte and listed a page at a time; the PDF says the figures the dashboard reports
// for the same period (read back with pdftotext), the workbook holds them (its sheet XML unzipped); a
// township reads only its own; a bad period is refused naming the field and keeps nothing; the sweep makes
// last month's (and last quarter's) report of the county once, however often it runs.
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { after, before, test } from 'node:test';
import { BIN, as, startServer } from './harness.mjs';

let srv, county, t01, t02, inspector, tmp;
const COUNTS = ['businesses', 'archived', 'duty_businesses', 'duty_assigned', 'visits_required', 'visits_done', 'inspections_required',
  'inspections_done', 'hazards_found', 'hazards_rectified', 'samples_judged', 'samples_passed', 'complaints_received', 'complaints_closed'];

before(async () => {
  srv = await startServer({ entities: 300, seed: 29, reports: true });
  [county, t01, t02, inspector] = await Promise.all(['county', 't01', 't02', 'inspector01'].map((u) => as(srv.base, u)));
  tmp = mkdtempSync(path.join(os.tmpdir(), 'shian-reports-'));
});
after(async () => { await srv?.stop(); rmSync(tmp, { recursive: true, force: true }); });

const month = () => srv.today().slice(0, 7);
const quarter = () => `${srv.today().slice(0, 4)}-Q${Math.floor((Number(srv.today().slice(5, 7)) - 1) / 3) + 1}`;
// The month after `ym` (YYYY-MM) and the quarter a month lies in.
const nextMonth = (ym) => { const [y, m] = ym.split('-').map(Number); return m === 12 ? `${y + 1}-01` : `${y}-${String(m + 1).padStart(2, '0')}`; };
const quarterOf = (ym) => `${ym.slice(0, 4)}-Q${Math.floor((Number(ym.slice(5, 7)) - 1) / 3) + 1}`;

async function generate(client, body) {
  const r = await client.post('/api/v1/reports', body);
  assert.equal(r.status, 201, JSON.stringify(r.data));
  return r.data;
}

function pdfText(bytes) {
  const file = path.join(tmp, `r${Math.random().toString(36).slice(2)}.pdf`);
  writeFileSync(file, bytes);
  const out = spawnSync('pdftotext', [file, '-'], { encoding: 'utf8' });
  assert.equal(out.status, 0, out.stderr);
  return out.stdout.replace(/\s+/g, ''); // table cells wrap: compare without the breaks
}

function unzip(bytes, member) {
  const file = path.join(tmp, `r${Math.random().toString(36).slice(2)}.xlsx`);
  writeFileSync(file, bytes);
  const out = spawnSync('unzip', ['-p', file, member], { encoding: 'utf8' });
  assert.equal(out.status, 0, out.stderr);
  return out.stdout;
}

const pct = (v) => (v === null ? '—' : `${(v * 100).toFixed(1)}%`);

async function list(client, q = '') {
  const r = await client.get(`/api/v1/reports${q}`);
  assert.equal(r.status, 200, JSON.stringify(r.data));
  return r.data;
}

test('the county makes this month\'s report: the PDF says the figures the dashboard reports for the month, and reads the same every time', async () => {
  const m = month(); // once: at 23:59 the day may turn during the test
  const report = await generate(county, { period: m });
  assert.equal(report.period, m);
  assert.equal(report.kind, 'month');
  assert.equal(report.division_name, '青禾县');
  assert.equal(report.title, '青禾县食品安全监管工作月报');
  assert.equal(report.by_schedule, false);
  assert.equal(report.generated_by_name, county.user.display_name);
  assert.ok(Math.abs(report.generated_at - srv.now()) < 120e3);

  const dash = await county.get(`/api/v1/dashboard?period=${m}`);
  assert.equal(dash.status, 200, JSON.stringify(dash.data));
  const total = dash.data.total;
  for (const k of COUNTS) assert.equal(report.figures.total[k], total[k], k);
  // the month's own counts: what was found, rectified, judged and received from its first day to its last
  assert.equal(dash.data.from, `${m}-01`);
  assert.equal(report.figures.townships.length, dash.data.townships.length);
  assert.deepEqual(report.figures.townships.map((t) => t.rank), report.figures.townships.map((_, i) => i + 1));

  const pdf = await county.get(`/api/v1/reports/${report.id}/pdf`);
  assert.equal(pdf.status, 200);
  assert.equal(pdf.headers.get('content-type'), 'application/pdf');
  assert.equal(pdf.data.subarray(0, 5).toString(), '%PDF-');
  const text = pdfText(pdf.data);
  for (const s of ['青禾县市场监督管理局', '青禾县食品安全监管工作月报', report.period_label, '主要指标', '图1', '图2', '—1—', '—3—'])
    assert.ok(text.includes(s), `the PDF says ${s}`);
  assert.ok(text.includes(`发现隐患${total.hazards_found}条`), `hazards ${total.hazards_found}`);
  assert.ok(text.includes(`在册经营主体${total.businesses}户`));
  for (const [rate, num, den] of [['rectification_rate', 'hazards_rectified', 'hazards_found'], ['pass_rate', 'samples_passed', 'samples_judged'],
    ['completion_rate', 'complaints_closed', 'complaints_received'], ['archive_rate', 'archived', 'businesses'],
    ['inspection_rate', 'inspections_done', 'inspections_required']])
    assert.ok(text.includes(`${pct(total[rate])}（${total[num]}/${total[den]}）`), `${rate} ${pct(total[rate])} (${total[num]}/${total[den]})`);
  // every township in the ranking
  for (const t of dash.data.townships) assert.ok(text.includes(t.name), t.name);

  const again = await county.get(`/api/v1/reports/${report.id}/pdf`);
  const sha = (b) => createHash('sha256').update(b).digest('hex');
  assert.equal(sha(again.data), sha(pdf.data), 'a report once sent is fetched again unchanged');
});

test('the workbook holds the same figures: a sheet of headline figures and one by township, Chinese headers, no enum values', async () => {
  const q = quarter();
  const report = await generate(county, { period: q });
  assert.equal(report.kind, 'quarter');
  assert.match(report.period_label, /^\d{4}年第[一二三四]季度$/);
  const x = await county.get(`/api/v1/reports/${report.id}/xlsx`);
  assert.equal(x.status, 200);
  assert.match(x.headers.get('content-type'), /spreadsheetml/);
  const workbook = unzip(x.data, 'xl/workbook.xml');
  assert.ok(workbook.includes('name="主要指标"') && workbook.includes('name="分乡镇"'), workbook);
  const strings = unzip(x.data, 'xl/sharedStrings.xml');
  for (const s of ['发现隐患', '抽检合格率', '计算口径', '乡镇（街道）', '合计']) assert.ok(strings.includes(s), s);
  const texts = [...strings.matchAll(/<t[^>]*>([^<]*)<\/t>/g)].map((m) => m[1]);
  assert.deepEqual(texts.filter((t) => /^[a-z_]+$/.test(t)), [], 'no enum value is written');
  // row of 发现隐患 on the first sheet: its value is the quarter's count
  const figures = report.figures.figures.map((f) => f.key);
  const row = figures.indexOf('hazards_found') + 3;
  const sheet1 = unzip(x.data, 'xl/worksheets/sheet1.xml');
  const cell = sheet1.match(new RegExp(`<c r="B${row}"[^>]*><v>([^<]*)</v>`));
  assert.ok(cell, `B${row} in ${sheet1.slice(0, 400)}`);
  assert.equal(Number(cell[1]), report.figures.total.hazards_found);
  const dash = (await county.get(`/api/v1/dashboard?period=${q}`)).data;
  assert.equal(report.figures.total.hazards_found, dash.total.hazards_found);
  assert.equal(dash.from.slice(5, 7), String((Number(q.slice(6)) - 1) * 3 + 1).padStart(2, '0'));
});

test('the list pages with a total, newest first', async () => {
  // three reads of one state (the server's own sweep may add a report when the day turns at 23:59: read again)
  let all, first, second;
  for (let i = 0; i < 3; i++) {
    all = await list(county, '?limit=100');
    first = await list(county, '?limit=1');
    second = await list(county, '?limit=1&offset=1');
    if ((await list(county, '?limit=1')).total === all.total) break;
  }
  assert.ok(all.total >= 4, `demo reports and ours: ${all.total}`);
  assert.equal(all.items.length, all.total);
  assert.equal(first.items.length, 1);
  assert.equal(first.total, all.total);
  assert.equal(first.items[0].id, all.items[0].id);
  assert.equal(second.items[0].id, all.items[1].id);
  assert.ok(all.items.every((r, i) => i === 0 || r.generated_at <= all.items[i - 1].generated_at));
  assert.equal((await county.get('/api/v1/reports?limit=0')).status, 400);
});

test('a township makes and reads its own reports only: another township\'s answers 404', async () => {
  const own = await generate(t02, { period: month() });
  assert.equal(own.division_code, t02.user.division_code);
  assert.match(own.title, /^.+(镇|乡|街道)食品安全监管工作月报$/);
  for (const suffix of ['', '/pdf', '/xlsx']) {
    const foreign = await t01.get(`/api/v1/reports/${own.id}${suffix}`);
    const none = await t01.get(`/api/v1/reports/987654${suffix}`);
    assert.equal(foreign.status, 404, suffix);
    assert.deepEqual([foreign.status, foreign.data.error?.code], [none.status, none.data.error?.code]);
    assert.equal((await county.get(`/api/v1/reports/${own.id}${suffix}`)).status, 200, `the county reads it${suffix}`);
  }
  assert.ok(!(await list(t01, '?limit=100')).items.some((r) => r.id === own.id));
  assert.ok((await list(t02, '?limit=100')).items.every((r) => r.division_code === t02.user.division_code));
  // a township may not report on the county, nor on a neighbour
  for (const division_code of ['360799', t01.user.division_code]) {
    const r = await t02.post('/api/v1/reports', { period: month(), division_code });
    assert.equal(r.status, 400, JSON.stringify(r.data));
    assert.equal(r.data.error.field, 'division_code');
  }
  // the county may report on one township
  const town = await generate(county, { period: month(), division_code: t01.user.division_code });
  assert.equal(town.division_code, t01.user.division_code);
  assert.ok((await list(t01, '?limit=100')).items.some((r) => r.id === town.id));
  // roles without reports
  assert.equal((await inspector.get('/api/v1/reports')).status, 403);
  assert.equal((await inspector.post('/api/v1/reports', { period: month() })).status, 403);
});

test('a bad or future period is refused naming the field, in Chinese, and nothing is kept', async () => {
  const before = (await list(county)).total;
  // periods that cannot begin while the test runs, even when the day turns at 23:59
  const year = Number(srv.today().slice(0, 4));
  const future = [`${year + 1}-${srv.today().slice(5, 7)}`, `${year + 1}-Q2`];
  for (const body of [{}, { period: '' }, { period: 202611 }, { period: '2026-13' }, { period: '2026-00' }, { period: '2026-Q5' }, { period: '26-11' },
    { period: '2026/11' }, { period: '1999-12' }, ...future.map((period) => ({ period }))]) {
    const r = await county.post('/api/v1/reports', body);
    assert.equal(r.status, 400, `${JSON.stringify(body)}: ${JSON.stringify(r.data)}`);
    assert.equal(r.data.error.field, 'period', JSON.stringify(body));
    assert.match(r.data.error.message, /[\u4e00-\u9fff]/);
    assert.doesNotMatch(r.data.error.message, /[a-z]{3,}/);
  }
  for (const division_code of ['999999', `${t01.user.division_code}9`, 360799]) {
    const r = await county.post('/api/v1/reports', { period: month(), division_code });
    assert.equal(r.status, 400, JSON.stringify(division_code));
    assert.equal(r.data.error.field, 'division_code');
  }
  assert.equal((await list(county)).total, before);
});

test('the sweep makes last month\'s report of the county on the first day of a month, and last quarter\'s after a quarter, once', async () => {
  const ended = month(), next = nextMonth(ended);
  const expected = [ended];
  if (Number(next.slice(5, 7)) % 3 === 1) expected.push(quarterOf(ended)); // the month ended a quarter
  const sweep = () => {
    const r = spawnSync(BIN, ['sweep', `--db_path=${srv.db}`, '--log_level=warn'], { encoding: 'utf8',
      env: { ...process.env, SHIAN_NOW: `${next}-01T09:00:00+08:00` } });
    assert.equal(r.status, 0, r.stderr);
  };
  const scheduled = async () => (await list(county, '?limit=100')).items.filter((r) => r.by_schedule);
  sweep();
  const once = await scheduled();
  sweep();
  sweep();
  const after = await scheduled();
  assert.deepEqual(after.map((r) => r.id).sort(), once.map((r) => r.id).sort(), 'idempotent: nothing more on the same days');
  for (const period of expected) {
    const rows = after.filter((r) => r.period === period);
    assert.equal(rows.length, 1, `one scheduled report of ${period}`);
    const [r] = rows;
    assert.equal(r.division_code, '360799');
    assert.equal(r.generated_by_name, '定时生成');
    assert.equal(r.kind, period.includes('Q') ? 'quarter' : 'month');
    const pdf = await county.get(`/api/v1/reports/${r.id}/pdf`);
    assert.equal(pdf.status, 200, JSON.stringify(pdf.data));
    assert.ok(pdfText(pdf.data).includes(r.period_label), r.period_label);
  }
});
