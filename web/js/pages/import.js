// 批量导入: upload a CSV, see the row-by-row report.
import { api } from '../api.js';
import { h, mount } from '../dom.js';
import { FIELDS, IMPORT_COLUMNS, label } from '../labels.js';

function templateLink() {
  const example = ['餐饮服务', '某某镇某某饭店', '', '', '', '2029-12-31', '某某镇某某村建设路1号', '(12位村/社区代码)', '(网格编码)',
    '25.5', '115.3', '小型', '热食类;冷食类', '张三', '13900000000', '', '', '李四', '13900000001'];
  const csv = '\ufeff' + [IMPORT_COLUMNS, example].map((r) => r.join(',')).join('\r\n') + '\r\n';
  const url = URL.createObjectURL(new Blob([csv], { type: 'text/csv' }));
  return h('a', { href: url, download: '主体档案导入模板.csv', id: 'template' }, '下载导入模板');
}

function report(r) {
  return h('div', { class: 'card', id: 'import-report' },
    h('h3', {}, r.dry_run ? '校验结果（未写入）' : '导入结果'),
    h('p', { id: 'import-summary' },
      `共 ${r.total} 行，${r.dry_run ? '可导入' : '已导入'} ${r.imported} 行，拒绝 ${r.rejected.length} 行。`),
    r.rejected.length ? h('table', { id: 'rejected' },
      h('thead', {}, h('tr', {}, h('th', {}, '行号'), h('th', {}, '字段'), h('th', {}, '原因'))),
      h('tbody', {}, r.rejected.map((x) => h('tr', {},
        h('td', { class: 'num' }, x.row), h('td', {}, x.column || label(FIELDS, x.field)), h('td', {}, x.message))))) : null,
    // rows taken with a doubt about a code (e.g. the organisation code's check digit): to check, not refused
    r.warnings?.length ? h('div', {}, h('p', { class: 'warn' }, `以下 ${r.warnings.length} 处已导入但请核对：`),
      h('table', { id: 'import-warnings' },
        h('thead', {}, h('tr', {}, h('th', {}, '行号'), h('th', {}, '字段'), h('th', {}, '提示'))),
        h('tbody', {}, r.warnings.map((x) => h('tr', {},
          h('td', { class: 'num' }, x.row), h('td', {}, x.column || label(FIELDS, x.field)), h('td', {}, x.message)))))) : null);
}

export async function renderImport(container) {
  const file = h('input', { type: 'file', accept: '.csv,text/csv', id: 'import-file', required: true });
  const dry = h('input', { type: 'checkbox', id: 'dry-run' });
  const out = h('div');
  const button = h('button', { type: 'submit', class: 'primary', id: 'import-button' }, '上传并导入');
  mount(container,
    h('h2', {}, '批量导入主体档案'),
    h('div', { class: 'card' },
      h('p', {}, '支持 Excel 另存为的 CSV 文件（UTF-8 或 GBK 编码）。首行为表头，可用列：', IMPORT_COLUMNS.join('、'), '。',
        '必须包含“类型”“名称”“所属区划代码”。有问题的行会被逐行拒绝并说明原因，其余行正常导入。'),
      h('p', {}, templateLink()),
      h('form', {
        class: 'import-form',
        onsubmit: async (ev) => {
          ev.preventDefault();
          if (!file.files.length) return;
          button.disabled = true;
          mount(out, h('p', { class: 'loading' }, `正在上传 ${file.files[0].name} …`));
          try {
            const r = await api('POST', `/entities/import${dry.checked ? '?dry_run=1' : ''}`, undefined,
              { raw: file.files[0], contentType: 'text/csv' });
            mount(out, report(r));
          } catch (e) {
            mount(out, h('p', { class: 'error', id: 'import-error' }, `${label(FIELDS, e.field) || ''} ${e.message}`));
          } finally {
            button.disabled = false;
          }
        },
      }, file, h('label', { class: 'inline' }, dry, '仅校验，不写入'), button)),
    out);
}
