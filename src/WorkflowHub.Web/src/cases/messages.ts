import { addMessages } from '../i18n'

addMessages({
  'zh-CN': {
    menu: { ledger: '问题台账' },
    cases: {
      ledger: '问题台账', noCases: '没有符合条件的问题。', number: '编号', status: '状态', channel: '来源渠道', category: '问题类别',
      urgency: '紧急程度', address: '地址', area: '区域', areaGroup: '片区行动组', sectorGroup: '行业领域组', assignee: '处置人',
      dueAt: '处置时限', overdue: '已超期', onlyOverdue: '仅看超期', escalation: '督办等级', reportedAt: '上报时间', registeredAt: '挂号时间',
      closedAt: '销号时间', dateRange: '上报日期', from: '开始日期', to: '结束日期', keyword: '编号、地址或描述', exportXlsx: '导出 Excel', exportCsv: '导出 CSV',
      reset: '重置', open: '查看', caseTitle: '问题 {number}', details: '问题详情', description: '问题描述', reporter: '上报人', contact: '联系方式',
      location: '经纬度', externalRef: '外部编号', areaPath: '所在区域', leaderLinks: '包联领导', verifications: '验收次数', lastVerification: '最近验收',
      passed: '通过', failed: '未通过', lookbackAt: '回头看日期', forwardedTo: '转办单位', instance: '流程实例', openInstance: '打开流程实例',
      tasks: '当前待办', candidateGroups: '候选组', photos: '照片', before: '整改前', after: '整改后', noPhotos: '暂无照片', timeline: '处置记录', diagram: '流程图', noDiagram: '您无权查看此问题的流程实例，或流程尚未启动。',
      noTimeline: '暂无记录', actor: '操作人', action: '操作', note: '说明', statusChange: '状态变化', createdBy: '登记人', warnings: '提示',
      filingStandard: '立案标准', closingStandard: '结案标准', limit: '处置时限', supervisionOrders: '督办单', rework: '返工', rebound: '回弹',
      level: ['无', '催办', '督办单', '单位负责人', '局党组'],
      mergedInto: '已并单至', duplicateCandidates: '疑似重复',
      statuses: {
        Pending: '待立案', Registered: '已挂号', InProgress: '处置中', ReportedUp: '已上报', Forwarded: '已转办',
        AwaitingVerification: '待验收', Closed: '已销号', Reopened: '回弹重办', Merged: '已并单',
      },
      channels: {
        Patrol: '巡查自查', Hotline12345: '12345 热线', CityPlatform: '城市管理平台', HandedDown: '上级交办', Kiosk: '自助终端',
        ThirdParty: '第三方', LeaderWalk: '领导巡查', Open311: 'Open311',
      },
      urgencies: { Urgent: '紧急', Normal: '一般', Complex: '复杂' },
      actions: {
        register: '挂号', route: '分派', assign: '交办', escalate: '升级督办', forward: '上报/转办', verify: '验收', close: '销号',
        reopen: '回弹重办', 'schedule-lookback': '安排回头看', photo: '上传照片', link: '关联流程', note: '备注', demo: '演示数据',
        'suspect-duplicate': '疑似重复', 'not-duplicate': '非重复', merge: '已并单', 'merge-in': '并单',
      },
    },
  },
  en: {
    menu: { ledger: 'Problem ledger' },
    cases: {
      ledger: 'Problem ledger', noCases: 'No cases match.', number: 'Number', status: 'Status', channel: 'Channel', category: 'Category',
      urgency: 'Urgency', address: 'Address', area: 'Area', areaGroup: 'Area group', sectorGroup: 'Sector group', assignee: 'Assignee',
      dueAt: 'Due', overdue: 'Overdue', onlyOverdue: 'Overdue only', escalation: 'Escalation', reportedAt: 'Reported', registeredAt: 'Registered',
      closedAt: 'Closed', dateRange: 'Reported between', from: 'From', to: 'To', keyword: 'Number, address or description', exportXlsx: 'Export Excel', exportCsv: 'Export CSV',
      reset: 'Reset', open: 'Open', caseTitle: 'Case {number}', details: 'Details', description: 'Description', reporter: 'Reporter', contact: 'Contact',
      location: 'Latitude, longitude', externalRef: 'External reference', areaPath: 'Area', leaderLinks: 'Linked leaders', verifications: 'Verifications', lastVerification: 'Last verification',
      passed: 'passed', failed: 'failed', lookbackAt: 'Look-back date', forwardedTo: 'Forwarded to', instance: 'Process instance', openInstance: 'Open the instance',
      tasks: 'Open tasks', candidateGroups: 'Candidate groups', photos: 'Photos', before: 'Before', after: 'After', noPhotos: 'No photos', timeline: 'Timeline', diagram: 'Process diagram', noDiagram: 'The flow of this case has not started, or you may not view its instance.',
      noTimeline: 'Nothing recorded yet', actor: 'By', action: 'Action', note: 'Note', statusChange: 'Status', createdBy: 'Registered by', warnings: 'Warnings',
      filingStandard: 'Filing standard', closingStandard: 'Closing standard', limit: 'Time limit', supervisionOrders: 'Supervision orders', rework: 'Rework', rebound: 'Rebounds',
      level: ['none', 'reminder', 'supervision order', 'unit head', 'party group'],
      mergedInto: 'Merged into', duplicateCandidates: 'Possible duplicate of',
      statuses: {
        Pending: 'Pending', Registered: 'Registered', InProgress: 'In progress', ReportedUp: 'Reported up', Forwarded: 'Forwarded',
        AwaitingVerification: 'Awaiting verification', Closed: 'Closed', Reopened: 'Reopened', Merged: 'Merged',
      },
      channels: {
        Patrol: 'Patrol', Hotline12345: '12345 hotline', CityPlatform: 'City platform', HandedDown: 'Handed down', Kiosk: 'Kiosk',
        ThirdParty: 'Third party', LeaderWalk: 'Leader walk', Open311: 'Open311',
      },
      urgencies: { Urgent: 'Urgent', Normal: 'Normal', Complex: 'Complex' },
      actions: {
        register: 'Registered', route: 'Routed', assign: 'Assigned', escalate: 'Escalated', forward: 'Reported up / forwarded', verify: 'Verification',
        close: 'Closed', reopen: 'Reopened', 'schedule-lookback': 'Look-back scheduled', photo: 'Photo added', link: 'Flow linked', note: 'Note', demo: 'Demo data',
        'suspect-duplicate': 'Possible duplicate', 'not-duplicate': 'Not a duplicate', merge: 'Merged', 'merge-in': 'Report merged in',
      },
    },
  },
})
