// 食品安全责任保险 (#/insurance): liability insurance policies of the businesses in sight. A business records
// its own (on the phone) and prints the card it displays (#/insurance-card/{id}); a county or township
// official records a policy for a business in scope, cancels one entered wrongly, and reads coverage
// (insured / active businesses) by township and by business kind.
import { get, post, query } from '../api.js';
import { h, mount } from '../dom.js';
import { PAGE, field, formError, submitter, pagerFor } from './sample_common.js';

const OFFICIALS = ['admin', 'county', 'township'];
const KEEPERS = [...OFFICIALS, 'business'];
const KINDS = [['poisoning', '食物中毒'], ['foodborne', '食源性疾病'], ['product', '产品责任'], ['recall', '召回费用'], ['public', '公众责任']];
const STATUS = { pending: ['未起保', 'suspended'], active: ['有效', 'active'], expired: ['已到期', 'revoked'], cancelled: ['已注销', 'revoked'] };
const yuan = (n) => (n == null ? '—' : n >= 10000 ? `${(n / 10000).toLocaleString('zh-CN')} 万元` : `${n.toLocaleString('zh-CN')} 元`);

function policyForm(user, done) {
  const insurer = h('input', { name: 'insurer', maxlength: 100 });
  const no = h('input', { name: 'policy_no', maxlength: 40 });
  const starts = h('input', { type: 'date', name: 'starts_on' });
  const ends = h('input', { type: 'date', name: 'ends_on' });
  const coverage = h('input', { name: 'coverage_yuan', inputmode: 'numeric', placeholder: '元' });
  const perPerson = h('input', { name: 'per_person_yuan', inputmode: 'numeric', placeholder: '元（可不填）' });
  const boxes = KINDS.map(([v, t]) => h('label', { class: 'inline' }, h('input', { type: 'checkbox', name: 'kinds', value: v }), t));
  const kinds = h('div', { class: 'checks', dataset: { name: 'kinds' } }, boxes);
  const entity = user.role === 'business' ? null : h('input', { name: 'entity_id', inputmode: 'numeric', placeholder: '主体档案编号' });
  const num = (el) => (el.value.trim() === '' ? null : Number(el.value.trim()));
  const form = h('form', { class: 'card', id: 'policy-form' }, h('h3', {}, '登记保单'),
    h('div', { class: 'form-grid' }, entity ? field('经营者编号', entity, { required: true }) : null,
      field('保险公司', insurer, { required: true }), field('保单号', no, { required: true }),
      field('保险起期', starts, { required: true }), field('保险止期', ends, { required: true, hint: '不超过三年' }),
      field('累计赔偿限额（元）', coverage, { required: true }), field('每人赔偿限额（元）', perPerson),
      field('保险责任', kinds, { required: true, name: 'kinds', wide: true })),
    formError(), h('div', { class: 'actions' }, h('button', { type: 'submit', class: 'primary', id: 'policy-save' }, '保存')));
  form.addEventListener('submit', submitter(form, async () => {
    const body = { insurer: insurer.value.trim(), policy_no: no.value.trim(), starts_on: starts.value, ends_on: ends.value,
      coverage_yuan: num(coverage), per_person_yuan: num(perPerson),
      kinds: boxes.map((b) => b.querySelector('input')).filter((i) => i.checked).map((i) => i.value) };
    if (entity) body.entity_id = Number(entity.value) || 0;
    await post('/insurance-policies', body);
    done();
  }));
  return form;
}

function figures(f) {
  const table = (title, rows, id) => h('div', { class: 'table-wrap' }, h('table', { id },
    h('thead', {}, h('tr', {}, [title, '在营经营者', '投保', '投保率'].map((x) => h('th', {}, x)))),
    h('tbody', {}, rows.map((t) => h('tr', {}, h('td', {}, t.name), h('td', {}, t.active), h('td', {}, t.insured), h('td', {}, `${t.rate.toFixed(1)}%`))),
      h('tr', {}, h('td', {}, h('strong', {}, '合计')), h('td', {}, f.total.active), h('td', {}, f.total.insured), h('td', {}, `${f.total.rate.toFixed(1)}%`)))));
  return h('div', { class: 'card', id: 'insurance-figures' }, h('h3', {}, `投保情况（${f.date}）`),
    h('p', { class: 'muted small' }, '投保率 = 当日有有效保单的在营经营者数 ÷ 管辖范围内在营经营者数（同一经营者多张保单计一次）'),
    table('乡镇（街道）', f.townships, 'insurance-towns'), table('经营者类别', f.kinds, 'insurance-kinds'));
}

// entity: one business's policies only (#/insurance?entity_id=N).
export async function renderInsurance(container, user, offset = 0, entity = null) {
  const [list, figs] = await Promise.all([
    get(`/insurance-policies${query({ limit: PAGE, offset, entity_id: entity || undefined })}`),
    OFFICIALS.includes(user.role) ? get('/insurance-policies/figures') : null]);
  const reload = () => renderInsurance(container, user, offset, entity);
  const box = h('div', { id: 'policy-box' });
  const msg = h('p', { class: 'field-error', id: 'insurance-error' });
  const cancel = async (p) => {
    msg.textContent = '';
    if (!confirm(`注销保单 ${p.policy_no}？`)) return;
    try { await post(`/insurance-policies/${p.id}/cancel`, {}); reload(); } catch (e) { msg.textContent = e.message; }
  };
  mount(container,
    h('div', { class: 'title-row' }, h('h2', {}, '食品安全责任保险'),
      KEEPERS.includes(user.role) ? h('button', { type: 'button', class: 'primary', id: 'policy-new',
        onclick: () => mount(box, policyForm(user, reload)) }, '登记保单') : null),
    h('p', { class: 'muted' }, '《食品安全法》第四十三条：国家鼓励食品生产经营企业参加食品安全责任保险。保单到期前30天列入企业待办。'),
    box, msg,
    h('div', { class: 'table-wrap' }, h('table', { id: 'policy-table' },
      h('thead', {}, h('tr', {}, ['经营者', '保险公司', '保单号', '保险期间', '累计限额', '状态', ''].map((x) => h('th', {}, x)))),
      h('tbody', {}, list.items.length ? list.items.map((p) => h('tr', { dataset: { id: p.id } },
        h('td', {}, p.entity_name), h('td', {}, p.insurer), h('td', { class: 'mono' }, p.policy_no),
        h('td', {}, `${p.starts_on} 至 ${p.ends_on}`), h('td', {}, yuan(p.coverage_yuan)),
        h('td', {}, h('span', { class: `badge ${STATUS[p.status][1]}` }, STATUS[p.status][0]),
          p.status === 'active' && p.days_left <= 30 ? h('span', { class: 'badge suspended' }, `还剩${p.days_left}天`) : null),
        h('td', {}, h('a', { href: `#/insurance-card/${p.id}`, class: 'policy-card' }, '保险公示牌'), ' ',
          KEEPERS.includes(user.role) ? h('button', { type: 'button', class: 'link policy-cancel', onclick: () => cancel(p) }, '注销') : null)))
        : h('tr', {}, h('td', { colspan: 7, class: 'muted' }, '暂无保单'))))),
    pagerFor(offset, list, (o) => renderInsurance(container, user, o, entity)),
    figs ? figures(figs) : null);
}

// 食品安全责任保险公示牌: the printable card a business displays beside its licence.
export async function renderInsuranceCard(container, id) {
  const p = await get(`/insurance-policies/${id}`);
  mount(container, h('div', { class: 'shop-card-page' },
    h('div', { class: 'no-print shop-card-tools' },
      h('button', { type: 'button', class: 'primary', id: 'card-print', onclick: () => window.print() }, '打印（A5）'),
      h('a', { href: '#/insurance' }, '返回保单列表')),
    h('article', { class: 'shop-card', id: 'insurance-card' },
      h('p', { class: 'shop-card-head' }, '已投保食品安全责任保险'),
      h('h1', { class: 'shop-card-name' }, p.entity_name),
      p.status !== 'active' ? h('p', { class: 'field-error', id: 'card-status' }, `该保单${STATUS[p.status][0]}，不宜公示`) : null,
      h('dl', { class: 'card-facts' },
        ...[['保险公司', p.insurer], ['保单号', p.policy_no], ['保险期间', `${p.starts_on} 至 ${p.ends_on}`],
          ['累计赔偿限额', yuan(p.coverage_yuan)], ['每人赔偿限额', yuan(p.per_person_yuan)], ['保险责任', p.kinds_label.join('、')],
          ['许可证编号', p.licence_no || '—'], ['经营地址', p.address || '—']]
          .flatMap(([k, v]) => [h('dt', {}, k), h('dd', {}, v)])),
      h('p', { class: 'shop-card-hint' }, '如因食用本店食品受到损害，可向本店或上述保险公司索赔'))));
}
