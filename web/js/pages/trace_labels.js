// The Chinese of the CBV business steps the events carry (as domain/trace/codes.c names them).
const STEPS = { commissioning: '赋码', shipping: '发货', receiving: '收货', accepting: '验收', killing: '屠宰', packing: '包装', unpacking: '拆包',
  inspecting: '检验检疫', retail_selling: '销售', storing: '入库', departing: '出库', arriving: '到货', transforming: '加工',
  creating_class_instance: '生产', sensor_reporting: '温度记录', loading: '装车' };

export function biz_step(step) {
  if (!step) return '记录';
  const name = step.split(/[:-]/).pop();
  return STEPS[name] || name;
}
