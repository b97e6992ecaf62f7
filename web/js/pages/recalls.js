// 召回 (#/recalls, #/recall/:id): the recalls an official's jurisdiction, a producer or a business on a
// list sees, open ones first with the days left; a recall's list by tier with each business's notice and
// confirmation, the progress, the deadlines by level (食品召回管理办法), confirming a stop, closing, and
// the list as a sortable workbook.
import { get, post, query } from '../api.js';
import { h, mount } from '../dom.js';
import { PAGE, platformToday, pagerFor } from './sample_common.js';
import { countdown } from './complaints.js';

const LEVEL = { 1: '一级', 2: '二级', 3: '三级' };
const at = (ms) => new Date(ms + 8 * 3600e3).toISOString().replace('T', ' ').slice(0, 16);

export async function renderRecalls(container, user, hash) {
  const offset = Number(new URLSearchParams(hash.split('?')[1] || '').get('offset')) || 0;
  const [today, data] = await Promise.all([platformToday(), get(`/recalls${query({ limit: PAGE, offset })}`)]);
  mount(container, h('h2', {}, '食品召回'),
    h('div', { class: 'table-wrap' }, h('table', { id: 'recall-list' },
      h('thead', {}, h('tr', {}, ['产品', '生产者', '级别', '原因', '状态', '完成期限'].map((t) => h('th', {}, t)))),
      h('tbody', {}, data.items.length ? data.items.map((r) => h('tr', { dataset: { id: r.id } },
        h('td', {}, h('a', { href: `#/recall/${r.id}` }, r.product)), h('td', {}, r.entity_name), h('td', {}, LEVEL[r.level]), h('td', {}, r.reason),
        h('td', {}, r.status === 'open' ? '召回中' : `${r.closed_on}结束`), h('td', {}, countdown(r.complete_due, today, r.status !== 'open'))))
        : h('tr', {}, h('td', { colspan: 6, class: 'muted' }, '暂无召回'))))),
    pagerFor(offset, data, (o) => { location.hash = `#/recalls${query({ offset: o || undefined })}`; }));
}

export async function renderRecall(container, id, user) {
  const [today, v] = await Promise.all([platformToday(), get(`/recalls/${id}`)]);
  const r = v.recall;
  const reload = () => renderRecall(container, id, user);
  const act = async (fn) => { try { await fn(); reload(); } catch (e) { alert(e.message); } };
  const confirm = (t) => act(async () => {
    const note = prompt('停售和处置情况（如：已下架封存20千克，退回供货商）');
    if (!note) return;
    const returned = prompt('退回或销毁的数量（可不填）');
    await post(`/recalls/${id}/targets/${t.id}/confirm`, { note, returned: returned ? Number(returned) : undefined });
  });
  const open = r.status === 'open';
  mount(container,
    h('div', { class: 'title-row' }, h('h2', {}, `${LEVEL[r.level]}召回：${r.product}`), h('a', { class: 'button', href: '#/recalls' }, '返回列表')),
    h('div', { class: `card complaint-deadline ${r.overdue ? 'late' : ''}`, id: 'recall-deadlines' },
      h('p', {}, `生产者：${r.entity_name} · 原因：${r.reason}`),
      h('p', {}, `知悉风险：${at(r.learned_at)}，应于${at(r.start_due)}前启动；${at(r.started_at)}启动`,
        r.started_late ? h('span', { class: 'badge overdue', id: 'recall-late' }, '启动逾期') : ''),
      open ? h('p', {}, '完成期限：', countdown(r.complete_due, today, false)) : h('p', {}, `${r.closed_on}结束：${r.close_note || ''}`)),
    h('p', { id: 'recall-progress' }, `名单 ${v.progress.targets} 家，已确认 ${v.progress.confirmed} 家；发出 ${v.progress.shipped}，退回或处置 ${v.progress.returned}`),
    h('div', { class: 'toolbar' }, v.stance === 'target' ? h('span') : h('a', { class: 'button', id: 'recall-export', href: `/api/v1/recalls/${id}/export` }, '导出名单'),
      open && v.stance !== 'target' ? h('button', { type: 'button', id: 'recall-close', onclick: () => act(async () => {
        const note = prompt('召回总结');
        if (note) await post(`/recalls/${id}/close`, { note });
      }) }, '结束召回') : null),
    h('div', { class: 'table-wrap' }, h('table', { id: 'recall-targets' },
      h('thead', {}, h('tr', {}, ['层级', '单位', '乡镇', '联系人', '数量', '通知', '确认', ''].map((t) => h('th', {}, t)))),
      h('tbody', {}, v.targets.length ? v.targets.map((t) => h('tr', { dataset: { id: t.id } },
        h('td', {}, String(t.tier)), h('td', {}, t.name), h('td', {}, t.township), h('td', {}, t.contact ? `${t.contact.name} ${t.contact.phone}` : ''),
        h('td', {}, t.quantity != null ? `${t.quantity} ${t.uom || ''}` : ''), h('td', { class: 'nowrap' }, t.notified_at ? at(t.notified_at) : '未通知'),
        h('td', {}, t.confirmed_on ? `${t.confirmed_on} ${t.note || ''}${t.returned != null ? `（${t.returned}）` : ''}` : ''),
        h('td', {}, open && !t.confirmed_on ? h('button', { type: 'button', class: 'link', onclick: () => confirm(t) }, '确认停售') : '')))
        : h('tr', {}, h('td', { colspan: 8, class: 'muted' }, '名单为空：没有记录到下游单位'))))));
}
