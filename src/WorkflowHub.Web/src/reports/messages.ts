import { addMessages } from '../i18n'

addMessages({
  'zh-CN': {
    menu: { dashboard: '考核看板' },
    reports: {
      title: '考核指标看板', dimension: '统计维度', dimensions: { area: '片区行动组', sector: '行业领域组', grid: '网格' },
      period: '统计周期', periods: { day: '日', week: '周', month: '月', custom: '自定义' }, pickDay: '选择日期', pickWeek: '选择周',
      pickMonth: '选择月份', from: '开始日期', to: '结束日期', query: '查询', export: '导出 Excel', badPeriod: '请选择有效的统计周期。',
      range: '统计区间 {from} 至 {to}', empty: '本期没有案件数据。', total: '合计',
      received: '受理', registered: '挂号', closed: '销号', closeRate: '结案率', onTimeRate: '按期结案率', overdueOpen: '超期未结',
      reworkRate: '返工率', reboundRate: '反弹率', averageHours: '平均处置时长（小时）', negativeListed: '负面清单',
      dueToClose: '应结案', deferred: '延期', reworks: '返工', feedbacks: '反馈', rebounds: '回弹', lookbacks: '回头看',
      rank: '排名', name: '名称', ranking: '排名（按期结案率、结案率、超期未结）', rates: '各项比率', counts: '案件数量',
      negativeList: '负面清单', noNegative: '本期无负面清单记录。', group: '责任组', caseNumber: '案件编号', at: '时间', note: '说明',
    },
  },
  en: {
    menu: { dashboard: 'KPI dashboard' },
    reports: {
      title: 'KPI dashboard', dimension: 'By', dimensions: { area: 'Area group', sector: 'Sector group', grid: 'Grid' },
      period: 'Period', periods: { day: 'Day', week: 'Week', month: 'Month', custom: 'Custom' }, pickDay: 'Pick a day', pickWeek: 'Pick a week',
      pickMonth: 'Pick a month', from: 'From', to: 'To', query: 'Show', export: 'Export Excel', badPeriod: 'Choose a valid period.',
      range: 'From {from} to {to}', empty: 'No cases in this period.', total: 'Total',
      received: 'Received', registered: 'Registered', closed: 'Closed', closeRate: 'Close rate', onTimeRate: 'On-time close rate', overdueOpen: 'Overdue open',
      reworkRate: 'Rework rate', reboundRate: 'Rebound rate', averageHours: 'Average handling (hours)', negativeListed: 'Negative list',
      dueToClose: 'Due', deferred: 'Deferred', reworks: 'Reworks', feedbacks: 'Feedbacks', rebounds: 'Rebounds', lookbacks: 'Look-backs',
      rank: 'Rank', name: 'Name', ranking: 'Ranking (on-time rate, close rate, fewest overdue)', rates: 'Rates', counts: 'Cases',
      negativeList: 'Negative list', noNegative: 'No negative-list entries in this period.', group: 'Group', caseNumber: 'Case', at: 'When', note: 'Note',
    },
  },
})
