/**
 * zh-CN for diagram-js / bpmn-js / the properties panel: palette, context pad, replace menu, properties panel labels
 * and lint messages all go through the `translate` service, so one dictionary covers them. Missing entries stay English.
 */
import { currentLocale } from '../i18n'

const zh: Record<string, string> = {
  // palette & context pad
  'Activate hand tool': '激活抓手工具', 'Activate lasso tool': '激活套索工具', 'Activate create/remove space tool': '激活创建/删除空间工具',
  'Activate global connect tool': '激活全局连线工具', 'Create start event': '创建开始事件', 'Create end event': '创建结束事件',
  'Create intermediate/boundary event': '创建中间/边界事件', 'Create gateway': '创建网关', 'Create task': '创建任务',
  'Create expanded sub-process': '创建展开子流程', 'Create pool/participant': '创建泳池/参与者', 'Create group': '创建分组',
  'Create data object reference': '创建数据对象引用', 'Create data store reference': '创建数据存储引用',
  'Append end event': '追加结束事件', 'Append gateway': '追加网关', 'Append task': '追加任务', 'Append intermediate/boundary event': '追加中间/边界事件',
  'Append text annotation': '追加文本注释', 'Append element': '追加元素', 'Change element': '更改元素', 'Change type': '更改类型', 'Delete': '删除',
  'Connect using sequence/message flow or association': '使用顺序流/消息流或关联连接', 'Connect using association': '使用关联连接',
  'Connect using data input association': '使用数据输入关联连接', 'Connect to other element': '连接到其他元素', 'Add text annotation': '添加文本注释',
  'Search in diagram': '在图中搜索', 'Create element': '创建元素', 'Add lane above': '在上方添加泳道', 'Add lane below': '在下方添加泳道',
  'Divide into two lanes': '分成两条泳道', 'Divide into three lanes': '分成三条泳道',
  // element names
  'Task': '任务', 'User task': '用户任务', 'Service task': '服务任务', 'Send task': '发送任务', 'Receive task': '接收任务',
  'Script task': '脚本任务', 'Manual task': '手工任务', 'Business rule task': '业务规则任务', 'Call activity': '调用活动',
  'Sub-process': '子流程', 'Sub-process (collapsed)': '子流程（折叠）', 'Sub-process (expanded)': '子流程（展开）', 'Event sub-process': '事件子流程',
  'Start event': '开始事件', 'End event': '结束事件', 'Message start event': '消息开始事件', 'Timer start event': '定时开始事件',
  'Intermediate throw event': '中间抛出事件', 'Message intermediate catch event': '消息中间捕获事件', 'Timer intermediate catch event': '定时中间捕获事件',
  'Message boundary event': '消息边界事件', 'Timer boundary event': '定时边界事件', 'Error boundary event': '错误边界事件',
  'Timer boundary event (non-interrupting)': '定时边界事件（非中断）', 'Message boundary event (non-interrupting)': '消息边界事件（非中断）',
  'Error end event': '错误结束事件', 'Terminate end event': '终止结束事件', 'Message end event': '消息结束事件',
  'Exclusive gateway': '排他网关', 'Parallel gateway': '并行网关', 'Inclusive gateway': '包容网关', 'Complex gateway': '复杂网关', 'Event-based gateway': '事件网关',
  'Sequence flow': '顺序流', 'Default flow': '默认流', 'Conditional flow': '条件流', 'Gateway': '网关', 'Event': '事件',
  'Participant': '参与者', 'Lane': '泳道', 'Text annotation': '文本注释', 'Group': '分组', 'Process': '流程', 'Data object reference': '数据对象引用',
  // properties panel
  'General': '常规', 'Name': '名称', 'ID': '编号', 'Documentation': '文档', 'Element documentation': '元素文档', 'Process documentation': '流程文档',
  'Timer': '定时器', 'Type': '类型', 'Value': '值', 'Date': '日期', 'Duration': '持续时间', 'Cycle': '循环', '<none>': '<无>',
  'Timer definition type': '定时器类型', 'Timer definition': '定时器定义',
  'User assignment': '用户分配', 'Assignee': '处理人', 'Candidate groups': '候选组', 'Candidate users': '候选用户', 'Due date': '到期时间',
  'Follow up date': '跟进时间', 'Priority': '优先级', 'Forms': '表单', 'Form key': '表单标识', 'Form type': '表单类型',
  'Implementation': '实现', 'Topic': '主题', 'External': '外部任务', 'Expression': '表达式', 'Java class': 'Java 类', 'Delegate expression': '委托表达式',
  'Connector': '连接器', 'Result variable': '结果变量', 'Inputs': '输入', 'Outputs': '输出', 'Input': '输入', 'Output': '输出',
  'Local variable name': '局部变量名', 'Assignment type': '赋值类型', 'String or expression': '字符串或表达式', 'List': '列表', 'Map': '映射', 'Script': '脚本',
  'Asynchronous continuations': '异步延续', 'Before': '之前', 'After': '之后', 'Exclusive': '互斥', 'Job execution': '作业执行',
  'Retry time cycle': '重试周期', 'Multi-instance': '多实例', 'Loop cardinality': '循环基数', 'Completion condition': '完成条件',
  'Collection': '集合', 'Element variable': '元素变量', 'Condition': '条件', 'Condition type': '条件类型', 'Message': '消息', 'Global message reference': '全局消息引用',
  'Error': '错误', 'Global error reference': '全局错误引用', 'Execution listeners': '执行监听器', 'Task listeners': '任务监听器', 'Extension properties': '扩展属性',
  'Start initiator': '发起人', 'Initiator': '发起人', 'History cleanup': '历史清理', 'Time to live': '存活时间', 'Tasklist': '任务列表', 'Startable': '可启动',
  'Version tag': '版本标签', 'Executable': '可执行', 'Candidate starter': '候选发起人', 'Candidate starter groups': '候选发起组', 'Candidate starter users': '候选发起用户',
  'Called element': '被调用元素', 'Binding': '绑定', 'In mappings': '输入映射', 'Out mappings': '输出映射', 'Details': '详情', 'Field injections': '字段注入',
  'Cancel activity': '中断活动', 'Interrupting': '中断', 'Script format': '脚本格式', 'Inline script': '内联脚本', 'External resource': '外部资源',
  'Variable name': '变量名', 'Create new ...': '新建…', 'Template': '模板', 'Process variables': '流程变量',
  'Business key': '业务主键', 'Variable': '变量',
  'Select a single element to edit its properties.': '请选择一个元素以编辑其属性。', 'Multiple elements are selected. Select a single one to edit its properties.': '已选择多个元素，请只选择一个以编辑其属性。',
  // lint
  'Element is missing label/name': '元素缺少名称', 'Element is not connected': '元素未连接', 'Process is missing start event': '流程缺少开始事件',
  'Process is missing end event': '流程缺少结束事件', 'Flow splits implicitly': '流程隐式分叉', 'Incoming flows do not join': '入流未合并',
  'Gateway forks and joins': '网关同时分叉与合并', 'Duplicate outgoing sequence flows': '重复的出向顺序流',
  'Errors': '错误', 'Warnings': '警告', 'Toggle linting': '切换检查', 'Toggle linting overlays': '切换检查提示', 'Issues for child elements': '子元素的问题',
  'No Issues': '没有问题', '{errors} Errors, {warnings} Warnings': '{errors} 个错误，{warnings} 个警告', 'Open minimap': '打开缩略图', 'Close minimap': '关闭缩略图',
  // properties panel header (element type)
  'User Task': '用户任务', 'Service Task': '服务任务', 'Send Task': '发送任务', 'Receive Task': '接收任务', 'Script Task': '脚本任务', 'Manual Task': '手工任务',
  'Business Rule Task': '业务规则任务', 'Call Activity': '调用活动', 'Sub Process': '子流程', 'Start Event': '开始事件', 'End Event': '结束事件',
  'Timer Start Event': '定时开始事件', 'Message Start Event': '消息开始事件', 'Error End Event': '错误结束事件', 'Terminate End Event': '终止结束事件',
  'Timer Boundary Event': '定时边界事件', 'Timer Boundary Event (Non Interrupting)': '定时边界事件（非中断）', 'Message Boundary Event': '消息边界事件',
  'Message Boundary Event (Non Interrupting)': '消息边界事件（非中断）', 'Error Boundary Event': '错误边界事件', 'Timer Intermediate Catch Event': '定时中间捕获事件',
  'Message Intermediate Catch Event': '消息中间捕获事件', 'Exclusive Gateway': '排他网关', 'Parallel Gateway': '并行网关', 'Inclusive Gateway': '包容网关',
  'Event Based Gateway': '事件网关', 'Sequence Flow': '顺序流', 'Text Annotation': '文本注释', 'Collaboration': '协作',
}

export function translate(template: string, replacements?: Record<string, string>): string {
  const text = currentLocale() === 'zh-CN' ? zh[template] ?? template : template
  return text.replace(/{([^}]+)}/g, (_, key: string) => replacements?.[key] ?? `{${key}}`)
}

export const translateModule = { translate: ['value', translate] }
