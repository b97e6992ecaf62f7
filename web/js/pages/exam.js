// 食品安全员考核 (#/exam/{id}): the spot exam on the officer's phone. Each question as the bureau drew it
// (单选, 多选, 判断) with its options; the answers go to the server, which scores them. Once submitted:
// the score against the pass mark, each question marked 正确 / 错误 with the right answer and the
// clause it comes from. Officials see the same page to follow an exam.
import { get, post } from '../api.js';
import { h, mount } from '../dom.js';
import { formError, submitter } from './sample_common.js';

const KIND = { single: '单选题', multiple: '多选题', truefalse: '判断题' };
const LETTERS = 'ABCDEFGH';

function answerText(q, a) {
  if (a === null || a === undefined) return '未作答';
  if (q.kind === 'truefalse') return a ? '对' : '错';
  return [].concat(a).join('');
}

function question(q, done) {
  const name = `q-${q.id}`;
  const choices = q.kind === 'truefalse'
    ? [[true, '对'], [false, '错']]
    : q.options.map((o, i) => [LETTERS[i], `${LETTERS[i]}. ${o}`]);
  const type = q.kind === 'multiple' ? 'checkbox' : 'radio';
  return h('fieldset', { class: `card exam-q${done ? (q.right ? ' right' : ' wrong') : ''}`, dataset: { id: q.id, kind: q.kind } },
    h('legend', {}, `${q.no}. `, h('span', { class: 'badge' }, KIND[q.kind])),
    h('p', { class: 'exam-text' }, q.text),
    choices.map(([value, text]) => h('label', { class: 'exam-choice' },
      h('input', { type, name, value: String(value), disabled: done,
        checked: done && [].concat(q.given).some((g) => String(g) === String(value)) }), ' ', text)),
    done ? h('p', { class: 'small exam-key' }, h('strong', {}, q.right ? '正确' : '错误'),
      `　您的答案：${answerText(q, q.given)}　正确答案：${answerText(q, q.answer)}`, h('br'), h('span', { class: 'muted' }, `依据：${q.source}`)) : null,
    h('span', { class: 'field-error', dataset: { for: `answers.${q.id}` } }));
}

// The answers of the form, by question id, in the API's form.
function collect(form, exam) {
  const out = {};
  for (const q of exam.questions) {
    const picked = [...form.querySelectorAll(`input[name="q-${q.id}"]:checked`)].map((i) => i.value);
    if (!picked.length) continue;
    out[q.id] = q.kind === 'truefalse' ? picked[0] === 'true' : q.kind === 'single' ? picked[0] : picked;
  }
  return out;
}

export async function renderExam(container, id, user) {
  const exam = await get(`/fs-exams/${id}`);
  const done = exam.status === 'submitted';
  const reload = () => renderExam(container, id, user);
  const head = h('div', { class: 'card exam-head' },
    h('h2', {}, '食品安全管理人员监督抽查考核'),
    h('p', {}, `${exam.entity_name}　${exam.person}（${exam.role === 'director' ? '食品安全总监' : '食品安全员'}）　第 ${exam.attempt} 次`),
    done
      ? h('p', { id: 'exam-result', class: exam.passed ? 'ok' : 'field-error' },
        h('strong', {}, `得分 ${exam.score} 分`), `（合格线 ${exam.pass_score} 分）：`, exam.passed ? '考核合格' : '考核不合格')
      : h('p', { class: 'muted' }, `共 ${exam.question_count} 题，每题分值相同，${exam.pass_score} 分合格；多选题须全部选对。请在 ${exam.due_at} 前交卷。`,
        exam.overdue ? h('strong', { class: 'field-error' }, ' 已超过答题时限。') : null));
  const form = h('form', { id: 'exam-form', class: 'exam-form' },
    exam.questions.map((q) => question(q, done)),
    formError(),
    !done && user.role === 'business'
      ? h('div', { class: 'actions' }, h('button', { type: 'submit', class: 'primary', id: 'exam-submit' }, '交卷')) : null);
  form.addEventListener('submit', submitter(form, async () => {
    const answers = collect(form, exam);
    const missing = exam.questions.find((q) => !(q.id in answers));
    if (missing) throw Object.assign(new Error(`第${missing.no}题未作答`), { field: `answers.${missing.id}` });
    await post(`/fs-exams/${id}/submit`, { answers });
    await reload();
    window.scrollTo(0, 0);
  }));
  mount(container, head, form, h('p', {}, h('a', { href: '#/people' }, '返回食品安全管理人员')));
}
