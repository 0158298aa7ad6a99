import { addMessages } from '../i18n'

addMessages({
  'zh-CN': {
    forms: {
      title: '表单设计', newForm: '新建表单', noForms: '还没有表单，点击“新建表单”。', key: '表单标识', name: '表单名称', latest: '最新版本',
      source: '来源', shipped: '内置', designer: '设计器', edit: '编辑', save: '保存新版本', preview: '预览', editor: '编辑',
      saved: '已保存为版本 {version}', unchanged: '表单没有变化，仍是版本 {version}', keyRule: '以字母开头，只含字母、数字、.、-、_', version: '版本',
      previewHint: '预览：填写后点击“提交”可查看将提交的数据。', submitted: '将提交的数据', submit: '提交',
    },
  },
  en: {
    forms: {
      title: 'Forms', newForm: 'New form', noForms: 'No forms yet: click “New form”.', key: 'Form key', name: 'Form name', latest: 'Latest version',
      source: 'Source', shipped: 'shipped', designer: 'designer', edit: 'Edit', save: 'Save new version', preview: 'Preview', editor: 'Edit',
      saved: 'Saved as version {version}', unchanged: 'Nothing changed: still version {version}', keyRule: 'Starts with a letter; letters, digits, ., - and _ only', version: 'Version',
      previewHint: 'Preview: fill it in and submit to see the data it would send.', submitted: 'Data it would submit', submit: 'Submit',
    },
  },
})
