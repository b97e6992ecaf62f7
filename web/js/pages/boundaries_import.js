// 导入乡镇边界 (county, administrator): a real county's township boundaries, a GeoJSON FeatureCollection
// whose features carry the 12-digit township code in a property (PUT /boundaries?property=…). The server
// checks every feature before writing any; its message names the faulty feature.
import { ApiError, put, query } from '../api.js';
import { h } from '../dom.js';
import { field, formError, submitter } from './sample_common.js';

export function boundaryImport(done) {
  const property = h('input', { name: 'property', value: 'code', maxlength: 40 });
  const file = h('input', { type: 'file', name: 'file', accept: '.json,.geojson,application/geo+json,application/json' });
  const form = h('form', { class: 'dash-import', id: 'boundary-import' },
    field('乡镇代码所在属性', property, { required: true }), field('边界文件（GeoJSON）', file, { required: true }),
    formError(), h('button', { type: 'submit', id: 'boundary-save' }, '导入'));
  form.addEventListener('submit', submitter(form, async () => {
    const chosen = file.files[0];
    if (!chosen) throw new ApiError(400, { field: 'file', message: '请选择边界文件' });
    let body;
    try { body = JSON.parse(await chosen.text()); } catch { throw new ApiError(400, { field: 'file', message: '文件不是有效的GeoJSON' }); }
    const r = await put(`/boundaries${query({ property: property.value.trim() })}`, body);
    done(r);
  }));
  return h('details', { class: 'dash-import-box' }, h('summary', {}, '导入乡镇边界'), form);
}
