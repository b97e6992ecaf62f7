// 园区与示范单元 (#/workshop-places, #/workshop-place/:id): the parks, clusters and model units of small
// workshops in the jurisdiction, each with its workshops; a township or the county adds one and picks
// its workshops among the registered workshops of its township; the place's upgrade plans (提升改造,
// upgrade_plans.js). Cards, so it works on a phone.
import { get, patch, post, put, query } from '../api.js';
import { h, mount } from '../dom.js';
import { PAGE, pagerFor } from './sample_common.js';
import { planForm, planList } from './upgrade_plans.js';

const KINDS = [['park', '园区'], ['cluster', '集中加工区'], ['model_unit', '示范单元']];

function createForm(townships, done) {
  const kind = h('select', { id: 'place-kind' }, KINDS.map(([v, t]) => h('option', { value: v }, t)));
  const town = h('select', { id: 'place-division' }, townships.map((d) => h('option', { value: d.code }, d.name)));
  const name = h('input', { id: 'place-name', maxlength: 60, placeholder: '名称' });
  const address = h('input', { id: 'place-address', maxlength: 120, placeholder: '地址（选填）' });
  const msg = h('p', { class: 'field-error', role: 'alert' });
  return h('form', { class: 'card portal-form', id: 'place-create', onsubmit: async (ev) => {
    ev.preventDefault();
    msg.textContent = '';
    try {
      const p = await post('/workshop-places', { kind: kind.value, name: name.value.trim(), division_code: town.value, address: address.value.trim() || undefined });
      done(p);
    } catch (e) { msg.textContent = e.message; }
  } }, h('h3', {}, '新增园区、集中加工区或示范单元'), kind, town, name, address, h('button', { type: 'submit', class: 'primary' }, '新增'), msg);
}

export async function renderWorkshopPlaces(container, user, hash) {
  const params = new URLSearchParams(hash.split('?')[1] || '');
  const offset = Number(params.get('offset')) || 0;
  const kind = params.get('kind') || undefined;
  const [data, divisions] = await Promise.all([get(`/workshop-places${query({ kind, limit: PAGE, offset })}`), get('/public/divisions')]);
  const editor = ['admin', 'county', 'township'].includes(user.role);
  const mine = divisions.items.filter((d) => d.level === 2 && (!user.division_code || user.division_code.length < 9 ||
    d.code.startsWith(user.division_code.slice(0, 9))));
  mount(container, h('h2', {}, '园区与示范单元'),
    h('div', { class: 'toolbar' }, [['', '全部'], ...KINDS].map(([v, t]) =>
      h('a', { class: `button ${v === (kind || '') ? 'primary' : ''}`, href: `#/workshop-places${query({ kind: v || undefined })}` }, t))),
    h('ul', { class: 'plain-list', id: 'place-list' }, data.items.length ? data.items.map((p) => h('li', { class: 'card', dataset: { id: p.id } },
      h('a', { href: `#/workshop-place/${p.id}` }, h('strong', {}, p.name)), ` ${p.kind_label} · ${p.division_name} · 小作坊 ${p.workshop_count} 家`))
      : h('li', { class: 'muted' }, '暂无')),
    pagerFor(offset, data, (o) => { location.hash = `#/workshop-places${query({ kind, offset: o || undefined })}`; }),
    editor ? createForm(mine, (p) => { location.hash = `#/workshop-place/${p.id}`; }) : null);
}

export async function renderWorkshopPlace(container, id, user) {
  const p = await get(`/workshop-places/${id}`);
  const editor = ['admin', 'county', 'township'].includes(user.role);
  const msg = h('p', { class: 'field-error', role: 'alert' });
  let picker = null;
  if (editor) {
    const all = (await get(`/entities${query({ kind: 'workshop', status: 'active', township: p.division_code, limit: 100 })}`)).items;
    const chosen = new Set(p.workshops.map((w) => w.id));
    const boxes = all.map((e) => h('label', { class: 'check' }, h('input', { type: 'checkbox', value: e.id, checked: chosen.has(e.id) }), ` ${e.name}`));
    picker = h('form', { class: 'card portal-form', id: 'place-workshops', onsubmit: async (ev) => {
      ev.preventDefault();
      msg.textContent = '';
      try {
        await put(`/workshop-places/${id}/workshops`, { entity_ids: boxes.map((b) => b.firstChild).filter((b) => b.checked).map((b) => Number(b.value)) });
        renderWorkshopPlace(container, id, user);
      } catch (e) { msg.textContent = e.message; }
    } }, h('h3', {}, '入驻小作坊'), all.length ? boxes : h('p', { class: 'muted' }, '本乡镇暂无已登记的小作坊'),
    h('button', { type: 'submit', class: 'primary' }, '保存'), msg);
  }
  const rename = editor ? h('button', { type: 'button', class: 'link', onclick: async () => {
    const name = prompt('新名称', p.name);
    if (!name) return;
    try { await patch(`/workshop-places/${id}`, { name }); renderWorkshopPlace(container, id, user); } catch (e) { alert(e.message); }
  } }, '改名') : null;
  mount(container,
    h('div', { class: 'title-row' }, h('h2', {}, p.name), h('a', { class: 'button', href: '#/workshop-places' }, '返回列表')),
    h('div', { class: 'card', id: 'place-detail' }, h('p', {}, `${p.kind_label} · ${p.division_name}`, ' ', rename),
      p.address ? h('p', {}, `地址：${p.address}`) : null, p.note ? h('p', {}, p.note) : null),
    h('div', { class: 'card' }, h('h3', {}, `小作坊（${p.workshops.length}）`),
      h('ul', { class: 'plain-list', id: 'place-members' }, p.workshops.map((w) => h('li', {},
        h('a', { href: `#/entities/${w.id}` }, w.name), ` ${w.licence_no || ''} 有效期至${w.licence_valid_until || '—'}，${w.joined_on}入驻`)))),
    picker, upgrades(p, editor));
}

// The place's upgrade plans (提升改造), and the form to make one.
function upgrades(p, editor) {
  const list = h('div');
  const form = h('div');
  planList(list, { place_id: p.id });
  return h('div', { class: 'card', id: 'place-upgrades' }, h('div', { class: 'title-row' }, h('h3', {}, '提升改造计划'),
    editor ? h('button', { type: 'button', class: 'primary', id: 'upgrade-new', onclick: async () =>
      mount(form, await planForm(p, (plan) => { location.hash = `#/upgrade-plan/${plan.id}`; })) }, '制定计划') : null), form, list);
}
