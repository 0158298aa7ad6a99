import { addMessages } from '../../i18n'

addMessages({
  'zh-CN': {
    menu: { organisation: '组织机构', calendar: '工作日历' },
    organisation: {
      title: '组织机构', noRows: '此表还没有数据。', newRow: '新增', editRow: '编辑 {key}', newRowTitle: '新增：{table}', deleteConfirm: '确定删除“{key}”吗？',
      deleted: '已删除', saved: '已保存', import: '导入', importDone: '导入完成：新增 {created} 行，更新 {updated} 行', exportXlsx: '导出 Excel', exportCsv: '导出 CSV',
      importHint: 'csv（UTF-8）或 xlsx，第 1 行为表头；全部正确才会导入。', listHint: '多个值请逐个输入后回车', yes: '是', no: '否', filter: '筛选',
      choices: {
        District: '区', Street: '街道/片区', Community: '社区', Grid: '网格',
        Area: '片区行动组', Sector: '行业领域组', Functional: '职能组', CreationOffice: '创建办', LeadingGroup: '领导小组',
        SpecialAction: '专项行动', MainRoad: '主干道', DifficultComplex: '疑难小区', Market: '市场', Project: '项目',
        WorkingHours: '工作小时', WorkingDays: '工作日', CalendarHours: '自然小时', Component: '部件', Event: '事件',
      },
    },
    calendar: {
      title: '工作日历', year: '年份', years: '已录入年份', source: '依据', holidays: '节假日', makeUps: '调休上班日', name: '节日', from: '开始日期',
      to: '结束日期', date: '日期', for: '调休对应', addHoliday: '添加节假日', addMakeUp: '添加调休日', save: '保存', saved: '{year} 年日历已保存',
      notEntered: '{year} 年尚未录入，请添加节假日和调休日后保存。', workingDays: '工作日', workingHours: '工作时段', timeZone: '时区', updated: '更新',
      days: '{holidays} 天假日，{makeUps} 天调休', dayCounts: '假日 / 调休', open: '打开', weekdays: ['周日', '周一', '周二', '周三', '周四', '周五', '周六'],
    },
  },
  en: {
    menu: { organisation: 'Organisation', calendar: 'Working calendar' },
    organisation: {
      title: 'Organisation', noRows: 'This table has no rows yet.', newRow: 'New', editRow: 'Edit {key}', newRowTitle: 'New: {table}', deleteConfirm: 'Delete “{key}”?',
      deleted: 'Deleted', saved: 'Saved', import: 'Import', importDone: 'Imported: {created} created, {updated} updated', exportXlsx: 'Export Excel', exportCsv: 'Export CSV',
      importHint: 'csv (UTF-8) or xlsx with headers in row 1; nothing is imported unless every row is right.', listHint: 'Type each value and press Enter', yes: 'yes', no: 'no', filter: 'Filter',
      choices: {
        District: 'District', Street: 'Street', Community: 'Community', Grid: 'Grid',
        Area: 'Area group', Sector: 'Sector group', Functional: 'Functional', CreationOffice: 'Creation office', LeadingGroup: 'Leading group',
        SpecialAction: 'Special action', MainRoad: 'Main road', DifficultComplex: 'Difficult complex', Market: 'Market', Project: 'Project',
        WorkingHours: 'Working hours', WorkingDays: 'Working days', CalendarHours: 'Calendar hours', Component: 'Component', Event: 'Event',
      },
    },
    calendar: {
      title: 'Working calendar', year: 'Year', years: 'Years entered', source: 'Source', holidays: 'Holidays', makeUps: 'Make-up working days', name: 'Holiday', from: 'From',
      to: 'To', date: 'Date', for: 'Makes up for', addHoliday: 'Add holiday', addMakeUp: 'Add make-up day', save: 'Save', saved: 'Calendar {year} saved',
      notEntered: '{year} is not entered yet: add its holidays and make-up days, then save.', workingDays: 'Working days', workingHours: 'Working hours', timeZone: 'Time zone', updated: 'Updated',
      days: '{holidays} holidays, {makeUps} make-up days', dayCounts: 'Holidays / make-up days', open: 'Open', weekdays: ['Sun', 'Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat'],
    },
  },
})
