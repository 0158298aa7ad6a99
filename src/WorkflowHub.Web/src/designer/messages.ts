import { addMessages } from '../i18n'

/** The designer's words (zh-CN first). */
addMessages({
  'zh-CN': {
    designer: {
      title: '流程设计', list: '流程列表', newFlow: '新建流程', upload: '上传 .bpmn', download: '下载 .bpmn', saveDraft: '保存草稿',
      validate: '校验', deploy: '部署', ladder: '升级阶梯', design: '设计', draft: '草稿', latest: '最新版本', noFlows: '还没有流程，请新建或上传一个 .bpmn 文件。',
      deployedAt: '部署时间', deployedBy: '部署人', draftBy: '草稿：{user} 于 {at} 保存', editingDraft: '正在编辑草稿（基于版本 {version}，{user} 于 {at} 保存）',
      editingVersion: '正在查看版本 {version}', othersEditing: '其他管理员也在编辑：{users}', saved: '草稿已保存', deployed: '已部署为版本 {version}',
      overwritten: '您的保存覆盖了 {user} 于 {at} 保存的草稿（以最后保存为准）。', valid: '校验通过，没有问题', problems: '问题',
      newKey: '流程标识', newName: '流程名称', keyRule: '以字母开头，只含字母、数字、-、_', uploadFailed: '无法读取此文件', version: '版本',
      hubProperties: '业务属性', selectElement: '请在图中选择一个任务或定时事件。', topic: '处理程序', inputs: '输入参数',
      assignee: '处理人', candidateGroups: '候选组', candidateUsers: '候选用户', formKey: '表单', duration: '期限', after: '之后',
      expressionHint: '也可输入表达式，如 ${reporter}', discardDraft: '放弃草稿', discarded: '草稿已放弃', nonIso: '当前值不是简单期限：{value}',
      calendarTime: '按工作日历计算',
    },
    recipients: {
      placeholder: '选择组、负责人、包联领导或用户（也可输入表达式）', ofTask: '待办所在组', taskHead: '待办所在组的单位负责人', taskLeaders: '待办所在组的包联领导',
      groups: '工作组（全体成员）', heads: '单位负责人', headOf: '{group}负责人', leaders: '包联领导', leadersOf: '{group}包联领导', users: '用户',
      templatePlaceholder: '选择通知模板', noTemplates: '服务器上还没有通知模板',
    },
  },
  en: {
    designer: {
      title: 'Flow designer', list: 'Flows', newFlow: 'New flow', upload: 'Upload .bpmn', download: 'Download .bpmn', saveDraft: 'Save draft',
      validate: 'Validate', deploy: 'Deploy', ladder: 'Escalation ladder', design: 'Design', draft: 'Draft', latest: 'Latest version', noFlows: 'No flows yet: create one or upload a .bpmn file.',
      deployedAt: 'Deployed', deployedBy: 'Deployed by', draftBy: 'Draft: saved by {user} at {at}', editingDraft: 'Editing the draft (from version {version}, saved by {user} at {at})',
      editingVersion: 'Viewing version {version}', othersEditing: 'Also editing: {users}', saved: 'Draft saved', deployed: 'Deployed as version {version}',
      overwritten: 'Your save replaced the draft {user} saved at {at} (the last save wins).', valid: 'Valid: no problems', problems: 'Problems',
      newKey: 'Process key', newName: 'Process name', keyRule: 'Starts with a letter; letters, digits, - and _ only', uploadFailed: 'This file cannot be read', version: 'Version',
      hubProperties: 'Business properties', selectElement: 'Select a task or a timer event in the diagram.', topic: 'Handler', inputs: 'Inputs',
      assignee: 'Assignee', candidateGroups: 'Candidate groups', candidateUsers: 'Candidate users', formKey: 'Form', duration: 'Time limit', after: 'after',
      expressionHint: 'An expression such as ${reporter} works too', discardDraft: 'Discard draft', discarded: 'Draft discarded', nonIso: 'Not a plain duration: {value}',
      calendarTime: 'on the working-day calendar',
    },
    recipients: {
      placeholder: 'Groups, heads, linked leaders or users (or an expression)', ofTask: 'The task’s group', taskHead: 'Head of the task’s group', taskLeaders: 'Leaders linked to the task’s group',
      groups: 'Groups (every member)', heads: 'Unit heads', headOf: 'Head of {group}', leaders: 'Linked leaders', leadersOf: 'Leaders linked to {group}', users: 'Users',
      templatePlaceholder: 'Pick a notice template', noTemplates: 'The server has no notice templates yet',
    },
  },
})
