// Chinese labels of the registry's codes and fields.
export const KINDS = {
  producer: '食品生产企业', workshop: '食品小作坊', seller: '食品销售者', caterer: '餐饮服务',
  school_canteen: '学校食堂', unit_canteen: '单位食堂', central_kitchen: '中央厨房', stall: '食品摊贩',
  group_meal: '集体用餐配送单位',
};
// Whom a canteen feeds (school canteens: school or childcare; unit canteens: the rest) and the special
// foods a producer makes or a seller sells as such: both set the static risk tier (db/031).
export const CANTEEN_OF = { school: '学校', childcare: '托幼机构', hospital: '医疗机构', care_home: '养老机构',
  enterprise: '企事业单位', construction_site: '建筑工地', other: '其他单位' };
export const SPECIAL_FOODS = { health_food: '保健食品', fsmp: '特殊医学用途配方食品', infant_formula: '婴幼儿配方食品' };
export const STATUSES = { active: '在营', suspended: '停业', revoked: '吊销', closed: '注销' };
export const LICENCE_KINDS = {
  sc: '食品生产许可证', jy: '食品经营许可证', filing: '仅销售预包装食品备案', workshop_reg: '小作坊登记证', stall_record: '摊贩登记卡',
};
export const SCALES = { large: '大型', medium: '中型', small: '小型', micro: '微型' };
export const FIELDS = {
  kind: '类型', name: '名称', uscc: '统一社会信用代码', licence_kind: '许可证类型', licence_no: '许可证编号',
  licence_valid_until: '许可证有效期至', address: '地址', division_code: '所属区划代码', grid_id: '网格', lat: '纬度', lng: '经度',
  scale: '规模', categories: '经营类别', legal_rep: '法定代表人', legal_rep_phone: '法定代表人电话', director_name: '食品安全总监',
  director_phone: '食品安全总监电话', officer_name: '食品安全员', officer_phone: '食品安全员电话',
  canteen_of: '食堂服务对象', special_foods: '特殊食品', status: '状态',
  status_reason: '状态原因', grid_code: '网格编码', row: '整行', header: '表头', file: '文件', public_camera: '公开后厨画面',
};
export const ACTIONS = { create: '新建', update: '修改', status: '状态变更', import: '导入', public_camera: '公开后厨画面' };
export const EDIT_ROLES = ['admin', 'county', 'township'];
// The columns of the import template (same as the export).
export const IMPORT_COLUMNS = ['类型', '名称', '统一社会信用代码', '许可证类型', '许可证编号', '许可证有效期至', '地址', '所属区划代码',
  '网格编码', '纬度', '经度', '规模', '经营类别', '法定代表人', '法定代表人电话', '食品安全总监', '食品安全总监电话', '食品安全员', '食品安全员电话',
  '食堂服务对象', '特殊食品'];
export const label = (map, code) => map[code] || code || '';
// Who did it, as the audit names the platform's own steps and the public's.
export const ACTORS = { system: '系统', public: '公众' };
export const actorName = (actor) => ACTORS[actor] || actor || '';
export const INSPECTION_KINDS = { daily: '日常检查', key: '重点检查', flying: '飞行检查', system: '体系检查', cross_area: '异地检查', joint: '联合检查' };
export const INSPECTION_STATUSES = { assigned: '待检查', completed: '已完成', cancelled: '已取消' };
export const INSPECTION_RESULTS = { pass: '符合', pass_after_correction: '基本符合', fail: '不符合' };
export const RECTIFY_STATUSES = { open: '待整改', submitted: '待验收', verified: '已验收' };
export const RISK_FACTORS = { kind: '主体类型', canteen: '食堂服务对象', special_food: '特殊食品', category: '经营类别',
  scale: '经营规模', key_item_failed: '重点项不符合',
  general_item_failed: '一般项不符合', inspection_failed: '检查不符合', order_escalated: '整改逾期', video_hazard: '视频隐患', sample_failed: '抽检不合格' };
export const CAMERA_AREAS = { raw_material: '原料粗加工区', processing: '加工制作区', packaging: '包装区', kitchen: '后厨烹饪区',
  cold_dish: '冷食专间', washing: '清洗消毒区', storage: '仓储区', dining: '就餐区', sales: '销售区', other: '其他' };
export const VIOLATIONS = { no_mask: '未佩戴口罩', no_hat: '未佩戴工作帽', no_uniform: '未穿工作服', smoking: '吸烟', phone: '玩手机',
  animal: '动物出没', stranger: '非工作时间人员闯入', open_bin: '垃圾桶未加盖' };
export const ALERT_STATUSES = { pending: '持续观察中', open: '待审核', confirmed: '已确认', false_positive: '误报' };
// 视频监管 · 规则设置: the fields of an alert rule, its schedules, and the sources of the label map.
export const RULE_FIELDS = { violation: '违规类型', enabled: '启用', min_score: '最低置信度', night_min_score: '夜间最低置信度', min_duration_s: '持续时间(秒)',
  cooldown_s: '合并间隔(秒)', schedule: '时段', use_zones: '区域判定', deadline_wd: '整改期限(工作日)', source: '来源', label: '标签' };
// What the platform's own analyser (shian-vision, the COCO models it ships) can see of each violation;
// the rest needs a vendor's model or an AI box that reports it (issue 19: no page may suggest more).
export const RULE_SEEN_BY = {
  animal: '平台自带识别：猫、狗、鸟；鼠类、蟑螂需厂商模型或AI盒子',
  stranger: '平台自带识别：非营业时间出现的人员',
  phone: '平台自带识别：手机',
  no_mask: '需厂商模型或AI盒子；平台可做实验性检查',
  no_hat: '需厂商模型或AI盒子（平台自带模型不能识别）',
  no_uniform: '需厂商模型或AI盒子（平台自带模型不能识别）',
  smoking: '需厂商模型或AI盒子（平台自带模型不能识别）',
  open_bin: '需厂商模型或AI盒子（平台自带模型不能识别）',
};
export const RULE_SCHEDULES = { always: '全天', working: '营业时间', after_hours: '非营业时间' };
export const LABEL_SOURCES = { '*': '所有来源', shian_vision: '平台识别(shian-vision)', ai_box: 'AI盒子', hikvision: '海康设备' };
// 抽样检验 (issue 11): the kinds of sampling, how a sample is tested, where it stands, its verdict.
export const SAMPLE_KINDS = { supervision: '监督抽检', evaluation: '评价性抽检', monitoring: '风险监测' };
export const SAMPLE_METHODS = { lab: '实验室检验', rapid: '快速检测' };
export const SAMPLE_STATUSES = { assigned: '待抽样', sampled: '已抽样', refused: '拒绝抽样', delivered: '已送检', received: '已收样',
  reported: '已出报告', cancelled: '已取消' };
export const VERDICTS = { pass: '合格', fail: '不合格' };
// Complaints, reports and 舆情 (domain/complaints).
export const COMPLAINT_KINDS = { complaint: '投诉', report: '举报', opinion: '舆情' };
export const COMPLAINT_CATEGORIES = {
  food_quality: '食品质量', expired: '过期变质', foreign_matter: '异物', hygiene: '卫生环境', illness: '食用后身体不适',
  labelling: '标签标识', additive: '违规添加', no_licence: '无证经营', false_claim: '虚假宣传', other: '其他',
};
export const COMPLAINT_STATUSES = {
  registered: '已登记', dispatched: '已分派', disputed: '管辖争议', accepted: '已受理', mediating: '调解中',
  terminated: '终止调解', verifying: '核查中', decided: '已作出决定', closed: '已办结',
};
export const COMPLAINT_CHANNELS = { portal: '网上', phone: '电话', walk_in: '来访', letter: '信函', 12315: '12315平台', media: '媒体' };
export const COMPLAINT_OUTCOMES = { rejected: '不予受理', agreed: '调解成功', terminated: '终止调解', case: '立案', no_case: '不予立案', handled: '已处置' };
export const COMPLAINT_STEPS = {
  registered: '登记', dispatched: '分派', disputed: '管辖争议', accepted: '受理', rejected: '不予受理', mediating: '开始调解',
  session: '调解记录', agreed: '达成协议', terminated: '终止调解', told: '告知', clue: '移送线索', verifying: '开始核查',
  extended: '延长核查', case: '立案', no_case: '不予立案', concluded: '处置完毕', reward: '奖励', assigned: '指定承办人',
  escalated: '逾期督办', rated: '评价',
};
export const DUE_STEPS = { accept: '受理', settle: '管辖争议处理', mediate: '调解', tell: '告知', verify: '核查' };
// Enforcement cases (domain/enforcement).
export const CASE_STATUSES = { clue: '线索核查', filed: '已立案', notified: '已告知', decided: '已决定', served: '已送达', paid: '已缴款', closed: '已结案' };
export const CASE_SOURCES = { inspection: '监督检查', sample: '抽样检验', hazard: '视频隐患', complaint: '投诉', report: '举报', referral: '移送', other: '其他' };
export const PENALTIES = { warning: '警告', fine: '罚款', confiscation: '没收违法所得、违法物品', suspension: '责令停产停业', revocation: '吊销许可证' };
export const SERVICE_METHODS = { direct: '直接送达', left: '留置送达', electronic: '电子送达', entrusted: '委托送达', mail: '邮寄送达', transfer: '转交送达', public_notice: '公告送达' };
export const CASE_STEPS = {
  clue: '登记线索', verify_extended: '延长核查', filed: '立案', not_filed: '不予立案', paused: '中止计算期限', extended: '延长办案期限',
  collective: '集体讨论延长', legal_review: '法制审核', notified: '行政处罚告知', decided: '作出处罚决定', served: '送达', paid: '缴款',
  closed: '结案', assigned: '指定承办人', decided_on_spot: '当场处罚', published: '公示', overturned: '处罚决定被撤销', withdrawn: '撤下公示', repair_applied: '信用修复申请', repaired: '准予信用修复', repair_refused: '不予信用修复', listing_notified: '告知拟列入严重违法失信名单', listed: '列入严重违法失信名单', unlisted: '提前移出严重违法失信名单', preserved: '先行登记保存',
  preservation_decided: '登记保存处理决定', seized: '查封扣押', seizure_extended: '延长查封扣押', seizure_ended: '解除或处理查封扣押', hearing_requested: '要求听证', hearing_scheduled: '安排听证', hearing_held: '举行听证', enforcement_applied: '申请强制执行',
};
export const CASE_DEADLINES = { file: '立案', decide: '作出决定', representation: '陈述申辩', pay: '缴款', publish: '公示', withdraw: '撤下公示',
  preserve_decide: '登记保存处理', seize_end: '查封扣押' };
