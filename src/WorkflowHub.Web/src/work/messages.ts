import { addMessages } from '../i18n'

/** Messages of the inbox, task pages, actions, instances and phone pages (zh-CN first). */
addMessages({
  'zh-CN': {
    menu: { inbox: '我的待办', instances: '流程实例' },
    inbox: {
      title: '待办中心', mine: '我的待办', group: '组内待办', copies: '抄送我的', cosigns: '加签给我的', extensions: '延期审批', done: '已办',
      reminders: '催办提醒', process: '流程', businessKey: '业务编号', text: '关键字', due: '截止', overdue: '已超期', dueSoon: '即将到期',
      priority: '优先级', created: '创建时间', sortBy: '排序', claim: '签收', unclaim: '退回组内', open: '办理', view: '查看',
      polling: '每 {s} 秒自动刷新', live: '实时推送已连接 · 每 {s} 秒核对一次', updated: '更新于 {time}', newTasks: '有 {n} 条新任务', from: '来自', reason: '说明',
      assignee: '办理人', candidates: '候选', withdraw: '撤回', requestedDue: '申请截止', approve: '批准', refuse: '驳回', requestedBy: '申请人',
    },
    task: {
      context: '流程信息', process: '流程', version: '版本', businessKey: '业务编号', startedBy: '发起人', assignee: '办理人', owner: '所有人',
      due: '截止时间', urged: '已催办 {n} 次', delegated: '委派中（所有人：{owner}）', waitsCoSigners: '已提交意见，等待加签人办理',
      diagram: '流程图', form: '表单', variables: '流程变量', record: '办理记录', attachments: '附件', upload: '上传附件', uploadHint: '图片、PDF、文本或 Office 文档，不超过 8 MB',
      opinion: '审批意见', opinionRequired: '请填写审批意见', numberRequired: '请输入数字', reason: '原因', reasonRequired: '请填写原因',
      approve: '通过', reject: '不通过', complete: '提交', return: '退回', transfer: '转办', delegate: '委派', resolve: '归还委派', cosign: '加签',
      uncosign: '减签', cc: '抄送', urge: '催办', extension: '延期申请', comment: '发表意见', withdraw: '撤回',
      target: '退回到', noTargets: '没有可退回的前序环节', toUser: '用户', toGroup: '组', users: '用户', groups: '组', position: '加签方式',
      before: '向前加签（加签人先办理）', after: '向后加签（加签人在我之后办理）', newDue: '新的截止时间', coSigners: '加签人',
      cosignDone: '已办理', cosignOpen: '待办理', cosignWaiting: '等待所有人', cosignCancelled: '已减签', done: '办理成功',
      simpleForm: '根据流程变量生成的表单', formKey: '表单：{key}', noDiagram: '无法显示流程图', readOnly: '只读：此任务抄送给您',
      kinds: {
        Comment: '意见', Approve: '通过', Reject: '不通过', Complete: '提交', Return: '退回', Transfer: '转办', Delegate: '委派', Resolve: '归还',
        CoSignAdded: '加签', CoSignRemoved: '减签', CoSigned: '加签意见', CarbonCopy: '抄送', Withdraw: '撤回', Urge: '催办',
        ExtensionRequested: '延期申请', ExtensionApproved: '批准延期', ExtensionRefused: '驳回延期', Attachment: '附件',
      },
    },
    instances: {
      title: '流程实例', status: '状态', Running: '运行中', Completed: '已完成', Cancelled: '已取消', startedAfter: '开始于之后', startedBefore: '开始于之前',
      hasIncident: '有事件', incidents: '事件', retry: '重试', cancel: '取消实例', cancelReason: '取消原因', history: '历史', predicted: '预计后续',
      active: '进行中', counts: '执行次数', addVariable: '设置变量', value: '值（JSON 或文本）', started: '开始', ended: '结束', version: '版本', startedBy: '发起人', open: '查看',
    },
    modify: {
      open: '实例修改', title: '实例修改：取消令牌 / 在某处启动', pickHint: '点击流程图中的元素（或在下方列表中选择）作为启动位置；勾选要取消的令牌。',
      cancelTokens: '取消令牌', start: '启动位置', element: '选择元素', before: '在其之前启动', after: '在其之后继续',
      variables: '同时设置变量', addVariable: '添加变量', variableName: '请填写变量名', reason: '原因（记入历史）',
      preview: '预览并执行', execute: '执行修改', confirmTitle: '确认实例修改', done: '实例已修改',
      summaryCancel: '取消“{name}”的 {n} 个令牌', summaryBefore: '在“{name}”之前启动', summaryAfter: '在“{name}”之后继续',
      summaryVariables: '设置变量 {names}', separator: '，', period: '。',
      endsInstance: '执行后实例不再有任何令牌，将被取消（结束）。', nothing: '请勾选要取消的令牌，或选择启动位置。',
    },
    phone: {
      inbox: '我的待办', report: '上报问题', description: '问题描述', category: '问题类别', address: '地址', grid: '网格', photos: '现场照片',
      submit: '提交', reported: '上报成功', required: '此项必填', back: '返回', empty: '暂无待办',
      uploadText: '拍照或选择文件', uploading: '上传中…', uploadFailed: '上传失败', tooLarge: '文件不能超过 {mb} MB',
    },
  },
  en: {
    menu: { inbox: 'My tasks', instances: 'Instances' },
    inbox: {
      title: 'Inbox', mine: 'My tasks', group: "My groups' tasks", copies: 'Copied to me', cosigns: 'Co-signing', extensions: 'Extension requests',
      done: 'Done', reminders: 'Reminders', process: 'Process', businessKey: 'Business key', text: 'Text', due: 'Due', overdue: 'Overdue',
      dueSoon: 'Due soon', priority: 'Priority', created: 'Created', sortBy: 'Sort', claim: 'Claim', unclaim: 'Unclaim', open: 'Open', view: 'View',
      polling: 'Refreshes every {s} s', live: 'Live updates on · checked every {s} s', updated: 'Updated {time}', newTasks: '{n} new tasks', from: 'From', reason: 'Note',
      assignee: 'Assignee', candidates: 'Candidates', withdraw: 'Withdraw', requestedDue: 'Requested due', approve: 'Approve', refuse: 'Refuse', requestedBy: 'Requested by',
    },
    task: {
      context: 'Context', process: 'Process', version: 'Version', businessKey: 'Business key', startedBy: 'Started by', assignee: 'Assignee', owner: 'Owner',
      due: 'Due', urged: 'Urged {n} times', delegated: 'Delegated (owner: {owner})', waitsCoSigners: 'Decision given; waiting for co-signers',
      diagram: 'Diagram', form: 'Form', variables: 'Variables', record: 'Record', attachments: 'Attachments', upload: 'Upload', uploadHint: 'Images, PDF, text or Office files up to 8 MB',
      opinion: 'Opinion', opinionRequired: 'An opinion is required', numberRequired: 'Enter a number', reason: 'Reason', reasonRequired: 'A reason is required',
      approve: 'Approve', reject: 'Reject', complete: 'Submit', return: 'Return', transfer: 'Transfer', delegate: 'Delegate', resolve: 'Resolve', cosign: 'Add co-signer',
      uncosign: 'Remove co-signer', cc: 'Copy to', urge: 'Urge', extension: 'Ask for extension', comment: 'Comment', withdraw: 'Withdraw',
      target: 'Return to', noTargets: 'No earlier task to return to', toUser: 'User', toGroup: 'Group', users: 'Users', groups: 'Groups', position: 'Position',
      before: 'Before (they act first)', after: 'After (they act after me)', newDue: 'New due date', coSigners: 'Co-signers',
      cosignDone: 'Done', cosignOpen: 'Open', cosignWaiting: 'Waiting for owner', cosignCancelled: 'Removed', done: 'Done',
      simpleForm: 'Form from the process variables', formKey: 'Form: {key}', noDiagram: 'The diagram cannot be shown', readOnly: 'Read-only: copied to you',
      kinds: {
        Comment: 'Comment', Approve: 'Approved', Reject: 'Rejected', Complete: 'Submitted', Return: 'Returned', Transfer: 'Transferred', Delegate: 'Delegated',
        Resolve: 'Resolved', CoSignAdded: 'Co-signer added', CoSignRemoved: 'Co-signer removed', CoSigned: 'Co-signed', CarbonCopy: 'Copied', Withdraw: 'Withdrawn',
        Urge: 'Urged', ExtensionRequested: 'Extension requested', ExtensionApproved: 'Extension approved', ExtensionRefused: 'Extension refused', Attachment: 'Attachment',
      },
    },
    instances: {
      title: 'Instances', status: 'Status', Running: 'Running', Completed: 'Completed', Cancelled: 'Cancelled', startedAfter: 'Started after', startedBefore: 'Started before',
      hasIncident: 'Has incident', incidents: 'Incidents', retry: 'Retry', cancel: 'Cancel instance', cancelReason: 'Reason', history: 'History', predicted: 'Predicted next',
      active: 'Active', counts: 'Runs', addVariable: 'Set variable', value: 'Value (JSON or text)', started: 'Started', ended: 'Ended', version: 'Version', startedBy: 'Started by', open: 'Open',
    },
    modify: {
      open: 'Modify', title: 'Modify instance: cancel tokens / start somewhere', pickHint: 'Click an element on the diagram (or pick it below) to start there; tick the tokens to cancel.',
      cancelTokens: 'Cancel tokens', start: 'Start at', element: 'Element', before: 'Start before it', after: 'Continue after it',
      variables: 'Also set variables', addVariable: 'Add variable', variableName: 'Name the variable', reason: 'Reason (kept in history)',
      preview: 'Preview and run', execute: 'Run the modification', confirmTitle: 'Confirm the modification', done: 'Instance modified',
      summaryCancel: 'cancel {n} token(s) at “{name}”', summaryBefore: 'start before “{name}”', summaryAfter: 'continue after “{name}”',
      summaryVariables: 'set {names}', separator: ', ', period: '.',
      endsInstance: 'The instance will have no token left and ends as cancelled.', nothing: 'Tick a token to cancel or choose where to start.',
    },
    phone: {
      inbox: 'My tasks', report: 'Report a problem', description: 'Description', category: 'Category', address: 'Address', grid: 'Grid', photos: 'Photos',
      submit: 'Submit', reported: 'Reported', required: 'Required', back: 'Back', empty: 'No tasks',
      uploadText: 'Take a photo or pick a file', uploading: 'Uploading…', uploadFailed: 'Upload failed', tooLarge: 'Files must be at most {mb} MB',
    },
  },
})
