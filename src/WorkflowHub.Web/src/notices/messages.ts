import { addMessages } from '../i18n'

addMessages({
  'zh-CN': {
    menu: { mailbox: '邮件', outbox: '发件记录', noticeTemplates: '通知模板' },
    notices: {
      mailbox: '邮件', mailboxHint: '未配置 SMTP 时，通知邮件写入投递目录（pickup folder），在此查看。', noMail: '投递目录中没有邮件。',
      subject: '主题', from: '发件人', to: '收件人', cc: '抄送', date: '时间', size: '大小', pickMail: '从左侧选择一封邮件查看。',
      raw: '下载 .eml', html: 'HTML 正文', text: '纯文本', noBody: '（无正文）', instance: '流程实例', template: '模板',
      outbox: '发件记录', noOutbox: '没有符合条件的通知。', status: '状态', channel: '渠道', recipient: '接收人', attempts: '尝试次数',
      error: '错误', createdAt: '创建时间', sentAt: '发送时间', nextAttemptAt: '下次尝试', resend: '重发', resent: '已重新排队发送',
      view: '查看', all: '全部', instanceId: '实例编号', detail: '通知内容',
      statuses: { Pending: '待发送', Sent: '已发送', Failed: '失败' }, channels: { Mail: '邮件', Robot: '群机器人' },
      templates: '通知模板', noTemplates: '还没有通知模板。', key: '模板键', name: '名称', description: '说明', source: '来源',
      sources: { shipped: '内置', file: '文件', editor: '编辑器' }, edit: '编辑', latest: '当前版本',
      editor: '编辑模板', htmlPart: 'HTML 正文', textPart: '纯文本正文', sample: '示例数据（JSON）', sampleInvalid: '示例数据不是有效的 JSON 对象',
      preview: '实时预览', previewing: '正在预览…', saveVersion: '保存为新版本', saved: '已保存为版本 {version}', versions: '版本历史',
      load: '载入', loaded: '已载入版本 {version}，保存后成为新版本', sendTest: '发送测试邮件', testTo: '收件邮箱（留空则发给自己）',
      testQueued: '测试邮件已排队发送给 {to}', send: '发送', viewing: '正在查看版本 {version}',
    },
  },
  en: {
    menu: { mailbox: 'Mail', outbox: 'Sent notices', noticeTemplates: 'Notice templates' },
    notices: {
      mailbox: 'Mail', mailboxHint: 'Without an SMTP host, notices are written to the pickup folder and shown here.', noMail: 'The pickup folder holds no mail.',
      subject: 'Subject', from: 'From', to: 'To', cc: 'Cc', date: 'Date', size: 'Size', pickMail: 'Pick a mail on the left to read it.',
      raw: 'Download .eml', html: 'HTML body', text: 'Plain text', noBody: '(no body)', instance: 'Instance', template: 'Template',
      outbox: 'Sent notices', noOutbox: 'No notices match.', status: 'Status', channel: 'Channel', recipient: 'Recipient', attempts: 'Attempts',
      error: 'Error', createdAt: 'Created', sentAt: 'Sent', nextAttemptAt: 'Next attempt', resend: 'Resend', resent: 'Queued again',
      view: 'View', all: 'All', instanceId: 'Instance id', detail: 'Notice',
      statuses: { Pending: 'Pending', Sent: 'Sent', Failed: 'Failed' }, channels: { Mail: 'Mail', Robot: 'Group robot' },
      templates: 'Notice templates', noTemplates: 'No notice templates yet.', key: 'Key', name: 'Name', description: 'Description', source: 'Source',
      sources: { shipped: 'shipped', file: 'file', editor: 'editor' }, edit: 'Edit', latest: 'Current version',
      editor: 'Edit template', htmlPart: 'HTML body', textPart: 'Plain-text body', sample: 'Sample data (JSON)', sampleInvalid: 'The sample data is not a JSON object',
      preview: 'Live preview', previewing: 'Previewing…', saveVersion: 'Save as new version', saved: 'Saved as version {version}', versions: 'Versions',
      load: 'Load', loaded: 'Version {version} loaded; saving makes it a new version', sendTest: 'Send test mail', testTo: 'To (empty: yourself)',
      testQueued: 'Test mail queued for {to}', send: 'Send', viewing: 'Viewing version {version}',
    },
  },
})
