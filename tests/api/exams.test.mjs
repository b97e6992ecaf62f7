// Food-safety directors and officers (SAMR Order 60, 2022) and the bureau's spot exams (监督抽查考核,
// Order 60 Art 14): appointments kept by the business or its officials; an exam drawn from the shipped
// question bank with a recorded seed (replayable), taken by the business's user, scored by the server
// against the pass mark; the key never shown before submission; re-takes up to the limit; the pass rate
// by township. Bad input changes nothing.
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { after, before, test } from 'node:test';
import { Client, as, startServer } from './harness.mjs';

const BANK = Object.fromEntries(JSON.parse(readFileSync('data/people/exam-questions.json', 'utf8')).questions.map((q) => [q.id, q]));
let srv, county, t01, t02, biz, bizOther, entity, officer, director;

const rightAnswers = (exam) => Object.fromEntries(exam.questions.map((q) => [q.id, BANK[q.id].answer]));
const wrongOf = (q) => q.kind === 'truefalse' ? !BANK[q.id].answer : q.kind === 'single' ? (BANK[q.id].answer === 'A' ? 'B' : 'A')
  : (BANK[q.id].answer.length === 1 ? ['A', 'B'].filter((x) => x !== BANK[q.id].answer[0]).slice(0, 1) : [BANK[q.id].answer[0]]);

before(async () => {
  srv = await startServer({ entities: 150, seed: 9 });
  county = await as(srv.base, 'county');
  t01 = await as(srv.base, 't01');
  t02 = await as(srv.base, 't02');
  const list = (await t01.get('/api/v1/entities?status=active&limit=30')).data.items;
  const logins = [];
  for (const e of list) {
    const r = await new Client(srv.base).post('/api/v1/auth/login', { username: `b${e.id}`, password: 'Shian@2026' });
    if (r.status === 200) logins.push(e);
    if (logins.length === 2) break;
  }
  entity = logins[0];
  biz = await as(srv.base, `b${entity.id}`);
  bizOther = await as(srv.base, `b${logins[1].id}`);
});
after(async () => { await srv.stop(); });

test('the bank: at least 40 questions of three kinds, each with its answer and source clause', () => {
  const qs = Object.values(BANK);
  assert.ok(qs.length >= 40);
  for (const kind of ['single', 'multiple', 'truefalse']) assert.ok(qs.some((q) => q.kind === kind), kind);
  for (const q of qs) {
    assert.ok(q.text && q.source && 'answer' in q, q.id);
    if (q.kind !== 'truefalse') assert.ok(q.options.length >= 2, q.id);
  }
});

test('appointments: the business records its own, an official those of the jurisdiction; bad input changes nothing', async () => {
  const before = (await county.get('/api/v1/fs-appointments')).data.total;
  for (const [body, field] of [
    [{ role: 'boss' }, 'role'],
    [{ name: '' }, 'name'],
    [{ phone: '123' }, 'phone'],
    [{ appointed_on: '2099-01-01' }, 'appointed_on'],
  ]) {
    const r = await biz.post('/api/v1/fs-appointments', { role: 'officer', name: '王安全', ...body });
    assert.equal(r.status, 400, JSON.stringify(body));
    assert.equal(r.data.error.field, field);
    assert.match(r.data.error.message, /[\u4e00-\u9fa5]/);
  }
  assert.equal((await county.get('/api/v1/fs-appointments')).data.total, before);
  const r = await biz.post('/api/v1/fs-appointments', { role: 'officer', name: '王安全', phone: '13800138000' });
  assert.equal(r.status, 201, JSON.stringify(r.data));
  officer = r.data;
  assert.deepEqual([officer.entity_id, officer.role_label, officer.last_score], [entity.id, '食品安全员', null]);
  const d = await t01.post('/api/v1/fs-appointments', { entity_id: entity.id, role: 'director', name: '李总监' });
  assert.equal(d.status, 201, JSON.stringify(d.data));
  director = d.data;
  assert.equal((await t02.post('/api/v1/fs-appointments', { entity_id: entity.id, role: 'director', name: '外人' })).data.error.field, 'entity_id');
  assert.equal((await bizOther.get('/api/v1/fs-appointments')).data.items.some((x) => x.entity_id === entity.id), false);
  const own = (await biz.get('/api/v1/fs-appointments?limit=100')).data.items;
  assert.ok(own.every((a) => a.entity_id === entity.id));
  assert.ok([officer.id, director.id].every((id) => own.some((a) => a.id === id)));
});

let exam;
test('an exam: drawn with a recorded seed, replayable, questions shown without the key until submitted', async () => {
  assert.equal((await biz.post(`/api/v1/fs-appointments/${officer.id}/exams`, {})).status, 403, 'the bureau examines');
  assert.equal((await t02.post(`/api/v1/fs-appointments/${officer.id}/exams`, {})).status, 404);
  const r = await t01.post(`/api/v1/fs-appointments/${officer.id}/exams`, {});
  assert.equal(r.status, 201, JSON.stringify(r.data));
  exam = r.data;
  assert.deepEqual([exam.status, exam.attempt, exam.question_count, exam.pass_score], ['open', 1, 20, 80]);
  assert.equal(new Set(exam.questions.map((q) => q.id)).size, 20);
  assert.ok(Number.isSafeInteger(exam.seed));
  // no answer leaks before submission: not to the business, not to the official
  for (const who of [biz, t01, county]) {
    const seen = (await who.get(`/api/v1/fs-exams/${exam.id}`)).data;
    const text = JSON.stringify(seen);
    assert.ok(!/"answer"|"source"|"right"/.test(text), text.slice(0, 200));
  }
  assert.ok(!JSON.stringify((await biz.get('/api/v1/fs-exams')).data).includes('"answer"'));
  const v = (await county.get(`/api/v1/fs-exams/${exam.id}/verify`)).data;
  assert.deepEqual([v.match, v.seed, v.drawn], [true, exam.seed, exam.questions.map((q) => q.id)]);
  assert.equal((await t01.post(`/api/v1/fs-appointments/${officer.id}/exams`, {})).status, 409, 'one open exam at a time');
  assert.equal((await bizOther.get(`/api/v1/fs-exams/${exam.id}`)).status, 404);
});

test('answering: every question in its form, by the business only; scored by the server; a failure may be re-taken', async () => {
  const answers = rightAnswers(exam);
  const q0 = exam.questions[0].id;
  assert.equal((await t01.post(`/api/v1/fs-exams/${exam.id}/submit`, { answers })).status, 403);
  assert.equal((await bizOther.post(`/api/v1/fs-exams/${exam.id}/submit`, { answers })).status, 404);
  const missing = { ...answers };
  delete missing[q0];
  const bads = [
    [{ answers: 'A' }, 'answers'],
    [{ answers: missing }, `answers.${q0}`],
    [{ answers: { ...answers, [q0]: 'Z' } }, `answers.${q0}`],
    [{ answers: { ...answers, 'o60-999': 'A' } }, 'answers'],
  ];
  for (const [body, field] of bads) {
    const r = await biz.post(`/api/v1/fs-exams/${exam.id}/submit`, body);
    assert.equal(r.status, 400, JSON.stringify(body).slice(0, 80));
    assert.equal(r.data.error.field, field);
  }
  assert.equal((await biz.get(`/api/v1/fs-exams/${exam.id}`)).data.status, 'open');
  // five wrong of twenty: 75, below the pass mark of 80
  const five = { ...answers };
  for (const q of exam.questions.slice(0, 5)) five[q.id] = wrongOf(q);
  const r = await biz.post(`/api/v1/fs-exams/${exam.id}/submit`, { answers: five });
  assert.equal(r.status, 200, JSON.stringify(r.data));
  assert.deepEqual([r.data.status, r.data.score, r.data.passed], ['submitted', 75, false]);
  assert.equal(r.data.questions.filter((q) => !q.right).length, 5);
  assert.ok(r.data.questions.every((q) => q.source && 'answer' in q));
  assert.equal((await biz.post(`/api/v1/fs-exams/${exam.id}/submit`, { answers })).data.error.field, 'status', 'once');
  // the re-take: a fresh draw, attempt 2, all right
  const again = (await t01.post(`/api/v1/fs-appointments/${officer.id}/exams`, {})).data;
  assert.equal(again.attempt, 2);
  assert.notEqual(again.seed, exam.seed);
  const passed = (await biz.post(`/api/v1/fs-exams/${again.id}/submit`, { answers: rightAnswers(again) })).data;
  assert.deepEqual([passed.score, passed.passed], [100, true]);
  const appt = (await biz.get('/api/v1/fs-appointments')).data.items.find((a) => a.id === officer.id);
  assert.deepEqual([appt.last_score, appt.last_passed], [100, true]);
});

test('the re-take limit: after exam_max_attempts failures in a row the business must replace the person', async () => {
  for (let i = 0; i < 3; i++) {
    const e = (await county.post(`/api/v1/fs-appointments/${director.id}/exams`, {})).data;
    assert.equal(e.attempt, i + 1);
    const all = Object.fromEntries(e.questions.map((q) => [q.id, wrongOf(q)]));
    assert.equal((await biz.post(`/api/v1/fs-exams/${e.id}/submit`, { answers: all })).data.score, 0);
  }
  const r = await county.post(`/api/v1/fs-appointments/${director.id}/exams`, {});
  assert.deepEqual([r.status, r.data.error.field], [400, 'appointment_id']);
  assert.match(r.data.error.message, /补考次数上限/);
  // the person leaves; no more exams
  const ended = await biz.post(`/api/v1/fs-appointments/${director.id}/end`, {});
  assert.equal(ended.data.ended_on, srv.today());
  assert.match((await county.post(`/api/v1/fs-appointments/${director.id}/exams`, {})).data.error.message, /离任/);
});

test('figures: the pass rate by township, for officials', async () => {
  const f = (await county.get('/api/v1/fs-exams/figures')).data;
  const mine = f.townships.find((t) => t.division_code === `${entity.division_code.slice(0, 9)}000`);
  assert.deepEqual([mine.exams, mine.passed, mine.people], [5, 1, 2]);
  assert.equal(mine.pass_rate, 20);
  assert.equal(f.total.exams, 5);
  assert.equal((await t02.get('/api/v1/fs-exams/figures')).data.total.exams, 0);
  assert.equal((await biz.get('/api/v1/fs-exams/figures')).status, 403);
  assert.equal((await county.get('/api/v1/fs-exams/figures?year=1900')).status, 400);
  assert.equal((await county.get(`/api/v1/fs-exams/figures?year=${Number(srv.today().slice(0, 4)) - 1}`)).data.total.exams, 0);
});
