// Enforcement cases (issue 13): a case runs from a failed sample to a paid fine — clue, filing by the
// county with its number, the notice with the discretion benchmark's range and a legal review for a
// large fine, representations heard, the decision, service, payment with the late fee (3 % a day up to
// the fine), closure; the simple procedure's limits; only those responsible see a case; bad input
// changes nothing; the business's grade and the Food Safety Law Art 134 flag follow the penalties.
// The deadlines across holidays are tests/api/case_deadlines.test.mjs.
import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { mkdtempSync, readdirSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { Client, addDays, as, startServer } from './harness.mjs';
import { png } from './images.mjs';

let srv, county, t01, t02, inspector, biz, e1, e2, year, closedCase;
const step = (who, id, body) => who.post(`/api/v1/cases/${id}/steps`, body);
const clue = (who, extra = {}) => who.post('/api/v1/cases', { source: 'sample', entity_id: e1.id,
  facts: '监督抽检：该店自榨花生油黄曲霉毒素B1检出值为30μg/kg，超过GB 2761限量。', ...extra });

before(async () => {
  srv = await startServer({ entities: 300, seed: 47 });
  county = await as(srv.base, 'county');
  t01 = await as(srv.base, 't01');
  t02 = await as(srv.base, 't02');
  inspector = await as(srv.base, 'inspector01');
  const list = (await t01.get('/api/v1/entities?kind=caterer&status=active&limit=2')).data.items;
  [e1, e2] = list;
  biz = await as(srv.base, `b${e1.id}`);
  year = Number(srv.today().slice(0, 4));
});
after(async () => { await srv.stop(); });

test('from a failed sample to a paid fine: filed with its number, notified, decided, served, paid, closed', async () => {
  const r = await clue(t01, { violation_code: 'fsl124' });
  assert.equal(r.status, 201, JSON.stringify(r.data));
  let c = r.data.case;
  assert.deepEqual([c.status, c.procedure, c.party_name, c.party_kind, c.case_no], ['clue', 'general', e1.name, 'organisation', null]);
  assert.ok(c.verify_due > srv.today());
  // the county files it, not the township
  assert.equal((await step(t01, c.id, { action: 'file' })).status, 403);
  c = (await step(county, c.id, { action: 'file', note: '经核查，符合立案条件' })).data.case;
  assert.match(c.case_no, new RegExp(`^青市监立〔${year}〕\\d+号$`));
  assert.deepEqual([c.status, c.filed_on], ['filed', srv.today()]);
  assert.equal(c.decision_due, (await (async () => c.deadlines.find((d) => d.step === 'decide').due_on)()));
  assert.ok(c.decision_due >= addDays(srv.today(), 90) && c.decision_due <= addDays(srv.today(), 100), c.decision_due);

  // the notice: the benchmark's range for the goods value and circumstance; a large fine needs a legal review first
  const heavy = await step(t01, c.id, { action: 'notify', penalty: ['fine', 'confiscation'], fine_yuan: 60000, violation_code: 'fsl124',
    circumstance: 'light', goods_value_yuan: 2000 });
  assert.deepEqual([heavy.status, heavy.data.error.field], [400, 'action']);
  assert.match(heavy.data.error.message, /法制审核/);
  assert.equal((await step(t01, c.id, { action: 'review', note: '法制审核：事实清楚，证据确凿，适用依据正确' })).status, 200);
  c = (await step(t01, c.id, { action: 'notify', penalty: ['fine', 'confiscation'], fine_yuan: 60000, confiscated_yuan: 1800,
    violation_code: 'fsl124', circumstance: 'light', goods_value_yuan: 2000 })).data.case;
  assert.deepEqual([c.status, c.fine_yuan, c.penalty], ['notified', 60000, ['fine', 'confiscation']]);
  assert.deepEqual([c.suggestion.lo, c.suggestion.hi, c.suggestion.rule.basis], [50000, 65000, '食品安全法第一百二十四条第一款']);
  assert.ok(c.representation_due > srv.today());
  // representations come first: not decided before the 5 working days, unless the party waives them
  const early = await step(county, c.id, { action: 'decide' });
  assert.deepEqual([early.status, early.data.error.field], [400, 'action']);
  assert.match(early.data.error.message, /陈述、申辩/);
  assert.equal((await step(county, c.id, { action: 'decide', waived: true, fine_yuan: 70000 })).data.error.field, 'fine_yuan', 'not above the notice');
  c = (await step(county, c.id, { action: 'decide', waived: true, fine_yuan: 55000, note: '当事人放弃陈述申辩' })).data.case;
  assert.deepEqual([c.status, c.decided_on, c.fine_yuan, c.outcome], ['decided', srv.today(), 55000, 'penalty']);
  assert.equal((await step(t01, c.id, { action: 'serve', method: 'email' })).data.error.field, 'method');
  c = (await step(t01, c.id, { action: 'serve', method: 'direct' })).data.case;
  assert.deepEqual([c.status, c.served_on], ['served', srv.today()]);
  assert.ok(c.payment_due >= addDays(srv.today(), 15) && c.payment_due <= addDays(srv.today(), 25));
  assert.deepEqual(c.due_today, { fine_yuan: 55000, late_fee_yuan: 0, total_yuan: 55000 });
  const wrong = await step(t01, c.id, { action: 'pay', amount_yuan: 50000 });
  assert.deepEqual([wrong.status, wrong.data.error.field], [400, 'amount_yuan']);
  assert.match(wrong.data.error.message, /55000/);
  c = (await step(t01, c.id, { action: 'pay', amount_yuan: 55000 })).data.case;
  assert.deepEqual([c.status, c.paid_on, c.late_fee_yuan], ['paid', srv.today(), 0]);
  c = (await step(county, c.id, { action: 'close', note: '罚没款已缴清，结案' })).data.case;
  assert.deepEqual([c.status, c.closed_on], ['closed', srv.today()]);
  closedCase = c;
  assert.deepEqual(c.steps.map((s) => s.step), ['clue', 'filed', 'legal_review', 'notified', 'decided', 'served', 'paid', 'closed']);
  assert.ok(c.steps.every((s) => !s.late));
  // the penalty weighs on the business's grade
  assert.ok(JSON.stringify((await county.get(`/api/v1/entities/${e1.id}/risk`)).data).includes('"penalty"'));
});

// The text of a PDF and, from its last page, the QR code's content (poppler-utils, zbar-tools).
function readPdf(bytes) {
  const dir = mkdtempSync(path.join(tmpdir(), 'shian-pdf-'));
  const file = path.join(dir, 'doc.pdf');
  writeFileSync(file, bytes);
  const text = spawnSync('pdftotext', ['-layout', file, '-'], { encoding: 'utf8' });
  assert.equal(text.status, 0, `pdftotext: ${text.stderr}`);
  const pages = Number(/Pages:\s+(\d+)/.exec(spawnSync('pdfinfo', [file], { encoding: 'utf8' }).stdout)[1]);
  spawnSync('pdftoppm', ['-r', '200', '-png', '-f', String(pages), '-l', String(pages), file, path.join(dir, 'last')]);
  const png = readdirSync(dir).find((f) => f.startsWith('last'));
  const qr = spawnSync('zbarimg', ['--raw', '-q', path.join(dir, png)], { encoding: 'utf8' });
  return { text: text.stdout.replace(/\s+/g, ''), pages, qr: qr.stdout.trim() };
}

test('the documents of a case as PDF: filled from it, edited as a draft, issued with a number and frozen, verified by its QR code', async () => {
  const id = closedCase.id;
  const draft = (await t01.get(`/api/v1/cases/${id}/documents/penalty_decision`)).data.document;
  assert.deepEqual([draft.status, draft.number, draft.content.title], ['draft', null, '行政处罚决定书']);
  const blocks = draft.content.blocks;
  assert.deepEqual(blocks.slice(0, 1).map((b) => [b.label, b.value]), [['当事人', e1.name]]);
  const body = blocks.filter((b) => b.type === 'paragraph').map((b) => b.text).join('');
  for (const words of ['经查，监督抽检', '违反了《中华人民共和国食品安全法第三十四条第二项》', '罚款人民币55000元', '十五日内', '百分之三', '六十日内'])
    assert.ok(body.includes(words), words);
  // only the editable paragraphs change, and only while a draft
  const fixed = blocks.findIndex((b) => b.type === 'paragraph' && !b.editable);
  const evidence = blocks.findIndex((b) => /证据证明/.test(b.text ?? ''));
  assert.equal((await t01.patch(`/api/v1/case-documents/${draft.id}`, { blocks: [{ index: fixed, text: '改写' }] })).data.error.field, 'blocks');
  const edited = (await t01.patch(`/api/v1/case-documents/${draft.id}`, { blocks: [{ index: evidence,
    text: '上述事实，有现场笔录、检验报告（编号CY2026001）、当事人的陈述等证据证明。' }] })).data.document;
  assert.equal(edited.edited, true);
  const draftPdf = await t01.get(`/api/v1/case-documents/${draft.id}/pdf`);
  assert.equal(draftPdf.headers.get('content-type'), 'application/pdf');
  const dp = readPdf(draftPdf.data);
  assert.ok(dp.text.includes('行政处罚决定书（草稿）') && dp.text.includes(e1.name) && dp.text.includes('检验报告（编号CY2026001）'), dp.text.slice(0, 300));
  assert.equal(dp.qr, '', 'a draft has no QR code');
  // the county issues it: a number of the year, the content frozen, a hash kept
  assert.equal((await t01.post(`/api/v1/case-documents/${draft.id}/issue`, {})).status, 403);
  const issued = (await county.post(`/api/v1/case-documents/${draft.id}/issue`, {})).data.document;
  assert.match(issued.number, new RegExp(`^青市监罚〔${year}〕\\d+号$`));
  assert.match(issued.sha256, /^[0-9a-f]{64}$/);
  assert.equal((await county.post(`/api/v1/case-documents/${draft.id}/issue`, {})).status, 409);
  assert.equal((await t01.patch(`/api/v1/case-documents/${draft.id}`, { blocks: [{ index: evidence, text: '事后改写' }] })).status, 400);
  const pdf = readPdf((await t01.get(`/api/v1/case-documents/${draft.id}/pdf`)).data);
  assert.ok(pdf.text.includes(issued.number.replace(/\s+/g, '')) && !pdf.text.includes('草稿'), pdf.text.slice(0, 200));
  assert.ok(pdf.qr.endsWith(`/#/verify/${issued.sha256}`), pdf.qr);
  const v = await new Client(srv.base).get(`/api/v1/public/documents/${issued.sha256}`);
  assert.deepEqual([v.status, v.data.title, v.data.number, v.data.issued_on], [200, '行政处罚决定书', issued.number, srv.today()]);
  assert.equal((await new Client(srv.base).get(`/api/v1/public/documents/${'0'.repeat(64)}`)).status, 404);
  // every kind this case has reached renders with its title; one it has not is refused
  for (const [kind, title] of [['filing_approval', '立案审批表'], ['penalty_notice', '行政处罚告知书'], ['correction_notice', '责令改正通知书'],
    ['service_receipt', '送达回证'], ['closing_approval', '结案审批表']]) {
    const d = (await t01.get(`/api/v1/cases/${id}/documents/${kind}`)).data.document;
    const text = readPdf((await t01.get(`/api/v1/case-documents/${d.id}/pdf`)).data).text;
    assert.ok(text.includes(title), kind);
    assert.ok(!/\b(sample|direct|inspection)\b/.test(text), `${kind}: no code in English`);
    if (kind === 'filing_approval') assert.ok(text.includes('抽样检验'), 'the source by its name');
    if (kind === 'service_receipt') assert.ok(text.includes('直接送达'), 'the method by its name');
  }
  for (const [kind, title] of [['scene_record', '现场笔录'], ['inquiry_record', '询问笔录'], ['address_confirmation', '送达地址确认书']]) {
    const d = (await t01.get(`/api/v1/cases/${id}/documents/${kind}`)).data.document;
    assert.ok(readPdf((await t01.get(`/api/v1/case-documents/${d.id}/pdf`)).data).text.includes(title), kind);
  }
  assert.equal((await t01.get(`/api/v1/cases/${id}/documents/preservation_notice`)).data.error.field, 'kind', 'nothing preserved');
  assert.equal((await t01.get(`/api/v1/cases/${id}/documents/not_filing_approval`)).data.error.field, 'kind', 'it was filed');
  assert.equal((await t01.get(`/api/v1/cases/${id}/documents/simple_decision`)).data.error.field, 'kind');
  assert.equal((await t01.get(`/api/v1/cases/${id}/documents/letter`)).data.error.field, 'kind');
  assert.equal((await t01.get(`/api/v1/cases/${id}/documents`)).data.items.length, 9);
  // outside the jurisdiction: as if it did not exist
  assert.equal((await t02.get(`/api/v1/case-documents/${draft.id}`)).status, 404);
  assert.equal((await t02.get(`/api/v1/case-documents/${draft.id}/pdf`)).status, 404);
});

// date + months as the publication rule counts them (the day kept where the month has it).
function addMonths(date, n) {
  const [y, m, d] = date.split('-').map(Number);
  const t = y * 12 + (m - 1) + n, yy = Math.floor(t / 12), mm = (t % 12) + 1;
  const last = new Date(Date.UTC(yy, mm, 0)).getUTCDate();
  return `${yy}-${String(mm).padStart(2, '0')}-${String(Math.min(d, last)).padStart(2, '0')}`;
}

test('penalties published within 20 working days, for 3 years (or 3 months when small), withdrawn within 3 when overturned', async () => {
  const id = closedCase.id;
  let c = (await county.get(`/api/v1/cases/${id}`)).data.case;
  const due = c.deadlines.find((d) => d.step === 'publish');
  assert.ok(due && due.due_on > srv.today() && due.due_on === c.publish_due, JSON.stringify(c.deadlines));
  assert.equal((await step(t01, id, { action: 'publish' })).status, 403);
  c = (await step(county, id, { action: 'publish' })).data.case;
  assert.deepEqual([c.published_on, c.publish_until], [srv.today(), addMonths(srv.today(), 36)], 'a fine of ¥55 000 with confiscation: 3 years');
  assert.equal((await step(county, id, { action: 'publish' })).status, 400, 'once');
  // a small on-the-spot fine on a person: 3 months, the name shortened
  const small = (await t01.post('/api/v1/cases', { procedure: 'simple', source: 'inspection', party_kind: 'individual', party_name: '流动摊贩李某某',
    division_code: t01.user.division_code, facts: '流动摊贩在校园周边销售无标签散装糕点。', penalty: ['fine'], fine_yuan: 100 })).data.case;
  const s2 = (await step(county, small.id, { action: 'publish' })).data.case;
  assert.equal(s2.publish_until, addMonths(srv.today(), 3));
  const anon = new Client(srv.base);
  const pub = (await anon.get('/api/v1/public/penalties?limit=100')).data.items;
  const big = pub.find((p) => p.case_no === closedCase.case_no), little = pub.find((p) => p.case_no === small.case_no);
  assert.deepEqual([big.party_name, big.fine_yuan, big.penalty], [e1.name, 55000, ['fine', 'confiscation']]);
  assert.deepEqual([little.party_name, little.party_code], ['流**', null]);
  assert.ok(!JSON.stringify(pub).includes('李某某'));
  // overturned by a review: withdrawn within 3 working days, gone from the public list
  assert.equal((await step(county, id, { action: 'overturn' })).data.error.field, 'note');
  c = (await step(county, id, { action: 'overturn', note: '行政复议决定撤销原处罚决定' })).data.case;
  assert.deepEqual([c.outcome, c.overturned_on], ['overturned', srv.today()]);
  assert.ok(c.deadlines.some((d) => d.step === 'withdraw' && d.due_on === c.withdraw_due && d.due_on > srv.today()));
  c = (await step(county, id, { action: 'withdraw' })).data.case;
  assert.equal(c.withdrawn_on, srv.today());
  assert.ok(!(await anon.get('/api/v1/public/penalties?limit=100')).data.items.some((p) => p.case_no === closedCase.case_no));
  assert.equal((await step(county, id, { action: 'publish' })).status, 400, 'an overturned decision is not published again');
});

test('evidence preserved and goods seized: each with its deadline, decided or ended once; the other documents of a case', async () => {
  const c = (await clue(t01)).data.case;
  assert.equal((await step(t01, c.id, { action: 'preserve', items: '花生油2桶' })).data.error.field, 'action', 'after filing');
  const nf = (await t01.get(`/api/v1/cases/${c.id}/documents/not_filing_approval`)).data.document;
  assert.ok(readPdf((await t01.get(`/api/v1/case-documents/${nf.id}/pdf`)).data).text.includes('不予立案审批表'));
  await step(county, c.id, { action: 'file' });
  assert.equal((await step(t01, c.id, { action: 'preserve', items: '' })).data.error.field, 'items');
  let f = (await step(t01, c.id, { action: 'preserve', items: '自榨花生油2桶（每桶25升），封存于当事人仓库' })).data.case;
  const kept = f.measures[0];
  assert.ok(kept.due_on > srv.today() && f.deadlines.some((d) => d.step === 'preserve_decide' && d.due_on === kept.due_on));
  const notice = (await t01.get(`/api/v1/cases/${c.id}/documents/preservation_notice`)).data.document;
  assert.ok(readPdf((await t01.get(`/api/v1/case-documents/${notice.id}/pdf`)).data).text.includes('自榨花生油2桶'));
  assert.equal((await step(t01, c.id, { action: 'preserve_decide', measure_id: kept.id, outcome: 'burn' })).data.error.field, 'outcome');
  f = (await step(t01, c.id, { action: 'preserve_decide', measure_id: kept.id, outcome: 'tested', note: '抽样送检' })).data.case;
  assert.deepEqual([f.measures[0].ended_on, f.measures[0].outcome], [srv.today(), 'tested']);
  assert.equal((await step(t01, c.id, { action: 'preserve_decide', measure_id: kept.id, outcome: 'returned' })).data.error.field, 'measure_id', 'once');
  f = (await step(t01, c.id, { action: 'seize', items: '自榨花生油2桶' })).data.case;
  const seized = f.measures.find((m) => m.kind === 'seizure');
  assert.equal(seized.due_on >= addDays(srv.today(), 30), true);
  assert.equal((await step(t01, c.id, { action: 'seize_extend', measure_id: seized.id, note: '延长' })).status, 403, 'the county extends');
  await step(county, c.id, { action: 'seize_extend', measure_id: seized.id, note: '经批准延长三十日' });
  assert.equal((await step(county, c.id, { action: 'seize_extend', measure_id: seized.id, note: '再延长' })).data.error.field, 'measure_id');
  f = (await step(t01, c.id, { action: 'seize_end', measure_id: seized.id, outcome: 'confiscation', note: '随处罚决定没收' })).data.case;
  assert.ok(f.measures.every((m) => m.ended_on) && !f.deadlines.some((d) => /preserve|seize/.test(d.step)));
});

test('evidence photos kept by their SHA-256, added while the case is open, seen by those who see the case', async () => {
  const c = (await clue(t01)).data.case;
  const photo = png(64, 48);
  const up = (who, id, bytes) => who.req('POST', `/api/v1/cases/${id}/evidence`, { raw: bytes, headers: { 'content-type': 'image/png' } });
  const r = await up(t01, c.id, photo);
  assert.equal(r.status, 201, JSON.stringify(r.data));
  const seen = (await t01.get(`/api/v1/cases/${c.id}`)).data.case.evidence;
  assert.deepEqual(seen.map((x) => x.sha256), [createHash('sha256').update(photo).digest('hex')]);
  assert.equal((await t01.get(`/api/v1/attachments/${seen[0].id}`)).status, 200);
  assert.equal((await t02.get(`/api/v1/attachments/${seen[0].id}`)).status, 404);
  assert.equal((await up(t02, c.id, photo)).status, 404);
  assert.equal((await up(t01, c.id, Buffer.from('not a picture at all'))).status, 400);
  await step(county, c.id, { action: 'not_file', note: '经核查违法事实不成立' });
  assert.equal((await up(t01, c.id, png(10, 10))).data.error.field, 'status', 'closed: no more evidence');
});

test('the simple procedure: on the spot up to ¥200 for a person and ¥3 000 for an organisation', async () => {
  const spot = (kind, fine) => t01.post('/api/v1/cases', { procedure: 'simple', source: 'inspection', party_kind: kind, party_name: '流动摊贩张某',
    division_code: t01.user.division_code, facts: '现场检查发现摊贩未持健康证明从事接触直接入口食品的工作。', penalty: ['fine'], fine_yuan: fine });
  assert.equal((await spot('individual', 200)).status, 201);
  const over = await spot('individual', 201);
  assert.deepEqual([over.status, over.data.error.field], [400, 'fine_yuan']);
  assert.match(over.data.error.message, /不得超过200元/);
  const org = await spot('organisation', 3000);
  assert.equal(org.status, 201);
  assert.deepEqual([org.data.case.status, org.data.case.served_on, org.data.case.service_method], ['served', srv.today(), 'direct']);
  assert.match(org.data.case.case_no, new RegExp(`^青市监当罚〔${year}〕\\d+号$`));
  assert.equal((await spot('organisation', 3001)).status, 400);
});

let heard;
test('a hearing asked within the 5 working days: told its date at least 7 days ahead; the decision waits for it', async () => {
  const e5 = (await t01.get('/api/v1/entities?kind=caterer&status=active&limit=5')).data.items[4];
  const c = (await clue(t01, { entity_id: e5.id })).data.case;
  await step(county, c.id, { action: 'file' });
  const small = (await step(t01, c.id, { action: 'notify', penalty: ['warning'] })).data.case;
  assert.match((await step(t01, c.id, { action: 'hearing_request' })).data.error.message, /不属于可以要求听证/);
  assert.equal(small.status, 'notified');
  const c2 = (await clue(t01, { entity_id: e5.id })).data.case;
  await step(county, c2.id, { action: 'file' });
  await step(t01, c2.id, { action: 'review', note: '法制审核通过' });
  await step(t01, c2.id, { action: 'notify', penalty: ['fine'], fine_yuan: 30000 });
  let h = (await step(t01, c2.id, { action: 'hearing_request', note: '当事人书面要求听证' })).data.case;
  assert.equal(h.hearing_requested_on, srv.today());
  assert.match((await step(county, c2.id, { action: 'decide', waived: true })).data.error.message, /听证/);
  assert.equal((await step(t01, c2.id, { action: 'hearing_schedule', date: addDays(srv.today(), 6) })).data.error.field, 'date');
  h = (await step(t01, c2.id, { action: 'hearing_schedule', date: addDays(srv.today(), 7) })).data.case;
  assert.equal(h.hearing_on, addDays(srv.today(), 7));
  assert.match((await step(t01, c2.id, { action: 'hearing_held', note: '听证笔录' })).data.error.message, /听证定于/);
  heard = h;
});

test('a late payment: 3 % of the fine a day, never more than the fine', async () => {
  const mk = async () => {
    const c = (await t01.post('/api/v1/cases', { procedure: 'simple', source: 'inspection', entity_id: e2.id, party_kind: 'organisation',
      facts: '经营场所未按规定公示食品经营许可证，责令改正后仍未改正。', penalty: ['fine'], fine_yuan: 1000 })).data.case;
    return c;
  };
  const a = await mk(), b = await mk();
  const due = a.payment_due;
  const days = Math.round((Date.parse(`${due}T00:00:00Z`) - Date.parse(`${srv.today()}T00:00:00Z`)) / 86400e3);
  await srv.travel((days + 40) * 86400e3); // 40 days after the payment deadline
  [t01, t02, county, inspector, biz] = await Promise.all(['t01', 't02', 'county', 'inspector01', `b${e1.id}`].map((u) => as(srv.base, u)));
  const seen = (await t01.get(`/api/v1/cases/${a.id}`)).data.case;
  assert.deepEqual(seen.due_today, { fine_yuan: 1000, late_fee_yuan: 1000, total_yuan: 2000 }, 'capped at the fine');
  assert.ok(seen.deadlines[0].overdue);
  assert.ok((await t01.get('/api/v1/cases?overdue=1&limit=100')).data.items.some((c) => c.id === a.id));
  // paid 10 days late: ¥300 on ¥1 000
  const ten = addDays(due, 10);
  const short = await step(t01, a.id, { action: 'pay', paid_on: ten, amount_yuan: 1000 });
  assert.match(short.data.error.message, /1300/);
  const paid = (await step(t01, a.id, { action: 'pay', paid_on: ten, amount_yuan: 1300 })).data.case;
  assert.deepEqual([paid.status, paid.late_fee_yuan, paid.steps.at(-1).late], ['paid', 300, true]);
  // paid today, 40 days late: the fee stops at the fine
  assert.equal((await step(t01, b.id, { action: 'pay', amount_yuan: 2000 })).data.case.late_fee_yuan, 1000);
  assert.equal((await step(t01, b.id, { action: 'pay', amount_yuan: 2000 })).status, 400, 'paid once');
});

test('a hearing held (days later): its days not counted toward the decision, which then follows', async () => {
  const before = heard.decision_due;
  const h = (await step(t01, heard.id, { action: 'hearing_held', note: '听证会已举行，当事人进行了申辩' })).data.case;
  assert.equal(h.hearing_held_on, srv.today());
  assert.ok(h.pauses.some((p) => p.kind === 'hearing' && p.from === heard.hearing_requested_on && p.to === srv.today()));
  // the days paused that the 90 would count (the filing day itself never counts)
  const paused = Math.round((Date.parse(`${srv.today()}T00:00:00Z`) - Date.parse(`${heard.hearing_requested_on}T00:00:00Z`)) / 86400e3) + 1
    - (heard.hearing_requested_on === heard.filed_on ? 1 : 0);
  assert.ok(h.decision_due >= addDays(before, paused), `${before} + ${paused} days → ${h.decision_due}`);
  assert.equal((await step(county, heard.id, { action: 'decide' })).data.case.status, 'decided');
});

test('Food Safety Law Art 134: a third penalty within a year is flagged', async () => {
  const c = (await clue(county, { entity_id: e2.id })).data.case;
  const seen = (await county.get(`/api/v1/cases/${c.id}`)).data.case;
  assert.equal(seen.art134.penalties_last_year, 2, 'the two on-the-spot fines of e2');
  assert.equal(seen.art134.flag, true);
  assert.equal((await county.get(`/api/v1/cases/${(await clue(county)).data.case.id}`)).data.case.art134.flag, false,
    'e1 has one penalty');
});

test('only those responsible see a case: the township of the business, the county, the handling inspector', async () => {
  const c = (await clue(t01)).data.case;
  assert.equal((await t02.get(`/api/v1/cases/${c.id}`)).status, 404);
  assert.ok(!(await t02.get('/api/v1/cases?limit=100')).data.items.some((x) => x.id === c.id));
  assert.equal((await inspector.get(`/api/v1/cases/${c.id}`)).status, 404);
  assert.equal((await biz.get('/api/v1/cases')).status, 403);
  assert.equal((await biz.get(`/api/v1/cases/${c.id}`)).status, 404);
  assert.equal((await step(t01, c.id, { action: 'assign', handler_id: t02.user.id })).data.error.field, 'handler_id');
  assert.equal((await step(t01, c.id, { action: 'assign', handler_id: inspector.user.id })).status, 200);
  assert.equal((await inspector.get(`/api/v1/cases/${c.id}`)).status, 200, 'now its handler');
  assert.ok((await inspector.get('/api/v1/cases?limit=100')).data.items.every((x) => x.id === c.id));
  // a township cannot open a case on another township's business
  const foreign = await clue(t02);
  assert.deepEqual([foreign.status, foreign.data.error.field], [400, 'entity_id']);
});

test('bad input gets a clear error naming the field and changes nothing', async () => {
  const before = (await county.get('/api/v1/cases?limit=1')).data.total;
  for (const [body, field] of [
    [{ source: 'rumour' }, 'source'],
    [{ facts: '短' }, 'facts'],
    [{ procedure: 'fast' }, 'procedure'],
    [{ entity_id: -3 }, 'entity_id'],
    [{ entity_id: null, party_name: '某人', party_kind: 'robot', division_code: t01.user.division_code }, 'party_kind'],
  ]) {
    const r = await clue(county, body);
    assert.deepEqual([r.status, r.data.error?.field], [400, field], JSON.stringify(body));
    assert.match(r.data.error.message, /[\u4e00-\u9fff]/);
  }
  assert.equal((await county.get('/api/v1/cases?limit=1')).data.total, before);
  const c = (await clue(county)).data.case;
  await step(county, c.id, { action: 'file' });
  for (const [body, field] of [
    [{ action: 'notify', penalty: [] }, 'penalty'],
    [{ action: 'notify', penalty: ['jail'] }, 'penalty'],
    [{ action: 'notify', penalty: ['fine'] }, 'fine_yuan'],
    [{ action: 'notify', penalty: ['warning'], fine_yuan: 100 }, 'fine_yuan'],
    [{ action: 'notify', penalty: ['warning'], violation_code: 'nope', circumstance: 'light' }, 'violation_code'],
    [{ action: 'notify', penalty: ['warning'], violation_code: 'fsl126', circumstance: 'lenient' }, 'circumstance'],
    [{ action: 'pause', kind: 'holiday', from: srv.today(), to: srv.today() }, 'kind'],
    [{ action: 'pause', kind: 'testing', from: srv.today(), to: addDays(srv.today(), -1) }, 'to'],
    [{ action: 'collective', due: '2099-01-01', note: '集体讨论' }, 'action'],
    [{ action: 'fly' }, 'action'],
    [{ action: 'notify', penalty: ['fine'], fine_yuan: 100001, violation_code: 'fsl124', circumstance: 'heavy', goods_value_yuan: 500 }, 'fine_yuan'],
    [{ action: 'notify', penalty: ['fine'], fine_yuan: 9000, violation_code: 'fsl124', circumstance: 'light', goods_value_yuan: 500 }, 'fine_yuan'],
  ]) {
    const r = await step(county, c.id, body);
    assert.deepEqual([r.status, r.data.error?.field], [400, field], JSON.stringify(body));
  }
  const after = (await county.get(`/api/v1/cases/${c.id}`)).data.case;
  assert.deepEqual([after.status, after.pauses, after.steps.length], ['filed', [], 2]);
  // below the clause's minimum only as a mitigated penalty (行政处罚法 Art 32)
  const mitigated = await step(county, c.id, { action: 'notify', penalty: ['fine'], fine_yuan: 9000, violation_code: 'fsl124',
    circumstance: 'light', goods_value_yuan: 500, mitigated: true, note: '主动消除违法行为危害后果' });
  assert.deepEqual([mitigated.status, mitigated.data.case?.fine_yuan], [200, 9000]);
});

test('the discretion benchmarks as data, each with the clause it cites', async () => {
  const rules = (await t01.get('/api/v1/discretion')).data.items;
  assert.ok(rules.length >= 5);
  assert.ok(rules.every((r) => /食品安全法第/.test(r.basis) && r.fine_min <= r.fine_max));
  const s = (await t01.get('/api/v1/discretion/suggest?violation_code=fsl124&goods_value_yuan=20000&circumstance=heavy')).data;
  assert.deepEqual([s.lo, s.hi], [340000, 400000], '10-20 times ¥20 000, the upper 30 %');
  assert.equal((await t01.get('/api/v1/discretion/suggest?violation_code=fsl124&circumstance=cruel')).status, 400);
});

let listedCase, listedEntity;
test('the serious-dishonesty list: a listable violation with a heavier penalty, told first, listed for 3 years, the grade D', async () => {
  listedEntity = (await t01.get('/api/v1/entities?kind=caterer&status=active&limit=6')).data.items[5];
  const decided = async (violation, circumstance, fine, goods) => {
    const c = (await clue(t01, { entity_id: listedEntity.id })).data.case;
    await step(county, c.id, { action: 'file' });
    await step(t01, c.id, { action: 'review', note: '法制审核通过' });
    const n = await step(t01, c.id, { action: 'notify', penalty: ['fine'], fine_yuan: fine, violation_code: violation, circumstance, goods_value_yuan: goods });
    assert.equal(n.status, 200, JSON.stringify(n.data));
    await step(county, c.id, { action: 'decide', waived: true });
    return (await step(t01, c.id, { action: 'serve', method: 'direct' })).data.case;
  };
  const label = await decided('fsl125', 'heavy', 40000, 0);
  assert.match((await step(county, label.id, { action: 'list_notify' })).data.error.message, /不属于严重违法失信名单的列入情形/);
  const light = await decided('fsl124', 'light', 60000, 0);
  assert.match((await step(county, light.id, { action: 'list_notify' })).data.error.message, /较重行政处罚/);
  const heavy = await decided('fsl123', 'heavy', 550000, 20000);
  assert.equal((await step(t01, heavy.id, { action: 'list_notify' })).status, 403);
  let c = (await step(county, heavy.id, { action: 'list_notify' })).data.case;
  assert.ok(c.listing_answer_due > srv.today());
  assert.match((await step(county, heavy.id, { action: 'list_decide', note: '列入' })).data.error.message, /陈述申辩期限/);
  c = (await step(county, heavy.id, { action: 'list_decide', waived: true, note: '用非食品原料生产食品，从重处罚，列入严重违法失信名单' })).data.case;
  assert.ok(c.listing_id > 0);
  const risk = (await county.get(`/api/v1/entities/${listedEntity.id}/risk`)).data;
  assert.equal(risk.grade ?? risk.risk?.grade, 'D', JSON.stringify(risk).slice(0, 300));
  assert.equal((await step(county, heavy.id, { action: 'list_decide', waived: true, note: '再次' })).status, 400, 'listed once');
  // early removal: the penalty performed, and a year listed
  assert.match((await step(county, heavy.id, { action: 'list_remove', note: '申请提前移出' })).data.error.message, /尚未履行完毕/);
  assert.equal((await step(t01, heavy.id, { action: 'pay', amount_yuan: 550000 })).status, 200);
  assert.match((await step(county, heavy.id, { action: 'list_remove', note: '申请提前移出' })).data.error.message, /满一年/);
  listedCase = heavy;
});

test('credit repair: a year after publication, the penalty performed, the harm removed, not repeated; then no longer shown', async () => {
  const [e3, e4] = (await t01.get('/api/v1/entities?kind=caterer&status=active&limit=4')).data.items.slice(2, 4);
  // a fine of ¥20 000 through the general procedure: published for 3 years
  const fineOn = async (e) => {
    const c = (await clue(t01, { entity_id: e.id })).data.case;
    await step(county, c.id, { action: 'file' });
    await step(t01, c.id, { action: 'review', note: '法制审核通过' });
    await step(t01, c.id, { action: 'notify', penalty: ['fine'], fine_yuan: 20000 });
    await step(county, c.id, { action: 'decide', waived: true });
    await step(t01, c.id, { action: 'serve', method: 'direct' });
    const p = (await step(county, c.id, { action: 'publish' })).data.case;
    assert.equal(p.publish_until, addMonths(srv.today(), 36));
    return p;
  };
  const a = await fineOn(e3), b = await fineOn(e4);
  // an unpaid fine: the court's execution only after the six months to sue
  const unpaidCase = (await t01.post('/api/v1/cases', { procedure: 'simple', source: 'inspection', party_kind: 'individual', party_name: '摊贩赵某某',
    division_code: t01.user.division_code, facts: '流动摊贩无证销售散装熟食。', penalty: ['fine'], fine_yuan: 200 })).data.case;
  assert.match((await step(county, unpaidCase.id, { action: 'enforce', note: '申请强制执行' })).data.error.message, /六个月/);
  assert.equal((await step(county, unpaidCase.id, { action: 'close' })).status, 400, 'not closed unpaid');
  assert.equal((await step(county, a.id, { action: 'repair_apply' })).data.error.field, 'note');
  assert.equal((await step(county, a.id, { action: 'repair_apply', note: '当事人通过公示系统申请信用修复' })).status, 200);
  const early = await step(county, a.id, { action: 'repair_decide', approve: true, harm_removed: true, note: '审核' });
  assert.match(early.data.error.message, /满一年方可修复/);
  await srv.travel(370 * 86400e3);
  [t01, county] = await Promise.all(['t01', 'county'].map((u) => as(srv.base, u)));
  const enforced = (await step(county, unpaidCase.id, { action: 'enforce', note: '逾期未缴，申请县人民法院强制执行' })).data.case;
  assert.equal(enforced.enforcement_applied_on, srv.today());
  assert.equal((await step(county, unpaidCase.id, { action: 'close', note: '法院已执行' })).data.case.status, 'closed');
  // not performed yet: the fine (and by now its late fee, capped) unpaid
  const unpaid = await step(county, a.id, { action: 'repair_decide', approve: true, harm_removed: true, note: '审核' });
  assert.match(unpaid.data.error.message, /尚未履行完毕/);
  assert.equal((await step(t01, a.id, { action: 'pay', amount_yuan: 40000 })).status, 200, 'the fine and its late fee, capped');
  assert.equal((await step(county, a.id, { action: 'repair_decide', approve: true, note: '审核' })).data.error.field, 'harm_removed');
  // on the abnormal-operations list: not repaired until it is taken off
  const abnormal = await county.post('/api/v1/abnormal-listings', { entity_id: e3.id, reason: 'annual_report', decision_no: '县市监异〔2027〕1号',
    facts: '未按规定期限公示上一年度年度报告' });
  assert.equal(abnormal.status, 201, JSON.stringify(abnormal.data));
  const listed = await step(county, a.id, { action: 'repair_decide', approve: true, harm_removed: true, note: '审核' });
  assert.match(listed.data.error.message, /经营异常名录/);
  assert.equal((await county.post(`/api/v1/abnormal-listings/${abnormal.data.id}/remove`, { note: '已补报年度报告并公示' })).status, 200);
  const repaired = (await step(county, a.id, { action: 'repair_decide', approve: true, harm_removed: true, note: '符合修复条件，准予修复' })).data.case;
  assert.equal(repaired.repaired_on, srv.today());
  const anon = new Client(srv.base);
  assert.ok(!(await anon.get('/api/v1/public/penalties?limit=100')).data.items.some((p) => p.case_no === a.case_no), 'no longer shown');
  // the other business was fined again since: refused, and may apply again later
  await fineOn(e4);
  await step(t01, b.id, { action: 'pay', amount_yuan: 40000 });
  await step(county, b.id, { action: 'repair_apply', note: '申请信用修复' });
  const again = await step(county, b.id, { action: 'repair_decide', approve: true, harm_removed: true, note: '审核' });
  assert.match(again.data.error.message, /又受到行政处罚/);
  const refused = (await step(county, b.id, { action: 'repair_decide', approve: false, note: '此后又受到行政处罚，不予修复' })).data.case;
  assert.deepEqual([refused.repair_refused_on, refused.repair_applied_on, refused.repaired_on], [srv.today(), null, null]);
  assert.ok((await anon.get('/api/v1/public/penalties?limit=100')).data.items.some((p) => p.case_no === b.case_no), 'still shown');
});

test('a year on, the listing is removed early and the grade no longer holds D for it', async () => {
  const c = (await step(county, listedCase.id, { action: 'list_remove', note: '列入满一年，处罚已履行，准予提前移出' })).data.case;
  assert.equal(c.steps.at(-1).step, 'unlisted');
  const risk = (await county.get(`/api/v1/entities/${listedEntity.id}/risk`)).data;
  assert.ok(!JSON.stringify(risk).includes('credit_listing'), JSON.stringify(risk).slice(0, 300));
});

test('the business sees its own cases from the notice on, what it owes, and the documents served on it; nothing internal, nobody else', async () => {
  const e7 = (await t01.get('/api/v1/entities?kind=caterer&status=active&limit=8')).data.items[7];
  const [party, other] = await Promise.all([as(srv.base, `b${e7.id}`), as(srv.base, `b${e1.id}`)]);
  const mine = async (who = party) => (await who.get('/api/v1/me/cases?limit=100')).data;
  assert.equal((await t01.get('/api/v1/me/cases')).status, 403, 'for a business');
  assert.equal((await party.get('/api/v1/me/cases?limit=0')).data.error.field, 'limit');
  const c = (await clue(t01, { entity_id: e7.id })).data.case;
  await step(county, c.id, { action: 'file' });
  assert.equal((await mine()).total, 0, 'a clue and an investigation are not shown to the party');
  await step(t01, c.id, { action: 'review', note: '法制审核通过' });
  await step(t01, c.id, { action: 'notify', penalty: ['fine'], fine_yuan: 20000 });
  let seen = (await mine()).items;
  assert.deepEqual(seen.map((x) => [x.id, x.status, x.fine_yuan, x.documents.length]), [[c.id, 'notified', 20000, 0]]);
  assert.ok(seen[0].representation_due > srv.today(), 'the days to answer');
  // the filing approval is the bureau's own; the notice is the party's once issued
  const issue = async (kind) => {
    const d = (await t01.get(`/api/v1/cases/${c.id}/documents/${kind}`)).data.document;
    const r = await county.post(`/api/v1/case-documents/${d.id}/issue`, {});
    assert.equal(r.status, 200, JSON.stringify(r.data));
    return r.data.document;
  };
  const filing = await issue('filing_approval');
  const draftNotice = (await t01.get(`/api/v1/cases/${c.id}/documents/penalty_notice`)).data.document;
  assert.equal((await party.get(`/api/v1/case-documents/${draftNotice.id}`)).status, 404, 'not a draft');
  const notice = await issue('penalty_notice');
  seen = (await mine()).items;
  assert.deepEqual(seen[0].documents.map((d) => [d.kind, d.title, d.number, d.sha256]),
    [['penalty_notice', '行政处罚告知书', notice.number, notice.sha256]]);
  assert.equal((await party.get(`/api/v1/case-documents/${notice.id}`)).data.document.number, notice.number);
  const pdf = await party.get(`/api/v1/case-documents/${notice.id}/pdf`);
  assert.deepEqual([pdf.status, pdf.headers.get('content-type')], [200, 'application/pdf']);
  assert.equal((await party.get(`/api/v1/case-documents/${filing.id}`)).status, 404, 'internal');
  assert.equal((await party.patch(`/api/v1/case-documents/${notice.id}`, { blocks: [{ index: 0, text: '改写' }] })).status, 404);
  assert.equal((await party.get(`/api/v1/cases/${c.id}`)).status, 404, 'the officials\' view stays theirs');
  assert.ok(!(await mine(other)).items.some((x) => x.id === c.id), 'another business sees nothing of it');
  assert.equal((await other.get(`/api/v1/case-documents/${notice.id}`)).status, 404);
  // decided and served: what it owes by when; a day late, the late fee
  await step(county, c.id, { action: 'decide', waived: true });
  await step(t01, c.id, { action: 'serve', method: 'direct' });
  seen = (await mine()).items;
  assert.deepEqual([seen[0].status, seen[0].payment_due, seen[0].due_today.total_yuan], ['served', addDays(srv.today(), 15), 20000]);
  await srv.travel(16 * 86400e3);
  const late = (await mine(await as(srv.base, `b${e7.id}`))).items[0].due_today;
  assert.deepEqual([late.late_fee_yuan, late.total_yuan], [600, 20600], '3 % of ¥20 000 for one day late');
});
