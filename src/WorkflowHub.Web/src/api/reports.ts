/** The KPI reports (考核指标) API as the dashboard calls it. */
import { request } from './http'
import { apiUrl } from './url'

export type KpiDimension = 'area' | 'sector' | 'grid'

/** One group's or grid's figures for the period; rates are 0–1, null when their denominator is zero. */
export interface KpiRow {
  key: string
  name: string
  received: number
  registered: number
  closed: number
  registeredClosed: number
  closeRate: number | null
  dueToClose: number
  deferred: number
  closedOnTime: number
  onTimeRate: number | null
  overdueOpen: number
  feedbacks: number
  reworks: number
  reworkRate: number | null
  lookbacks: number
  rebounds: number
  reboundRate: number | null
  averageHandlingHours: number | null
  negativeListed: number
  rank: number | null
}

export interface NegativeListEntry {
  groupId: string
  groupName: string
  caseNumber: string
  at: string
  note: string | null
}

export interface KpiReport {
  from: string
  to: string
  dimension: string
  rows: KpiRow[]
  total: KpiRow
  negativeList: NegativeListEntry[]
}

/** The period [from, to) as instants. */
export interface KpiQuery {
  from: string
  to: string
  dimension: KpiDimension
}

export const reportsApi = {
  kpis: (q: KpiQuery) => request<KpiReport>('GET', '/api/reports/kpis', { query: { ...q } }),
  /** The same figures as an xlsx workbook, downloaded by the browser with the cookie. */
  exportUrl: (q: KpiQuery) => apiUrl('/api/reports/kpis/export', { ...q }),
}
