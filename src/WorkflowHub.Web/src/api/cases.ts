/** The problem ledger (问题台账) API as the ledger and case pages call it. */
import { request, type Page } from './http'
import { listAll } from './client'
import { apiUrl } from './url'

const seg = encodeURIComponent

export type CaseStatus = 'Pending' | 'Registered' | 'InProgress' | 'ReportedUp' | 'Forwarded' | 'AwaitingVerification' | 'Closed' | 'Reopened' | 'Merged'
export type CaseChannel = 'Patrol' | 'Hotline12345' | 'CityPlatform' | 'HandedDown' | 'Kiosk' | 'ThirdParty' | 'LeaderWalk' | 'Open311'
export type Urgency = 'Urgent' | 'Normal' | 'Complex'

export const caseStatuses: CaseStatus[] = ['Pending', 'Registered', 'InProgress', 'ReportedUp', 'Forwarded', 'AwaitingVerification', 'Closed', 'Reopened', 'Merged']
export const caseChannels: CaseChannel[] = ['Patrol', 'Hotline12345', 'CityPlatform', 'HandedDown', 'Kiosk', 'ThirdParty', 'LeaderWalk', 'Open311']

export interface CaseSummary {
  number: string | null
  status: CaseStatus
  statusName: string
  channel: CaseChannel
  categoryCode: string
  categoryName: string | null
  urgency: Urgency
  address: string
  areaCode: string | null
  areaName: string | null
  streetCode: string | null
  areaGroup: string | null
  sectorGroup: string | null
  assignee: string | null
  dueAt: string | null
  overdue: boolean
  escalationLevel: number
  supervisionOrders: number
  reworkCount: number
  reboundCount: number
  reportedAt: string
  registeredAt: string | null
  closedAt: string | null
}

export interface CasePhoto {
  id: number
  stage: 'Before' | 'After'
  fileName: string
  contentType: string
  size: number
  uploadedAt: string
  uploadedBy: string
  url: string
}

export interface CaseDetail {
  summary: CaseSummary
  description: string
  reporterName: string | null
  reporterContact: string | null
  latitude: number | null
  longitude: number | null
  externalRef: string | null
  category: { code: string; name: string; kind: string; filingStandard: string; closingStandard: string; limit: string } | null
  areaPath: { code: string; name: string; level: string }[]
  leaderLinks: { leader: string; leaderName: string | null; kind: string; target: string; area: string | null }[]
  verifications: number
  lastVerificationPassed: boolean | null
  lastVerificationNote: string | null
  lookbackAt: string | null
  forwardedTo: { id: number; name: string; remit: string | null; contact: string | null; phone: string | null } | null
  processInstanceId: string | null
  tasks: { id: string; elementId: string; name: string | null; assignee: string | null; candidateGroups: string[]; dueDate: string | null; createdAt: string }[]
  photos: CasePhoto[]
  createdBy: string
  warnings: string[]
  /** The open case this report was merged into (已并单). */
  mergedInto?: string | null
  /** Open cases it may duplicate (疑似重复) while the dispatcher decides. */
  duplicateCandidates?: string[]
}

export interface TimelineEntry {
  id: number
  at: string
  actor: string
  action: string
  fromStatus: CaseStatus | null
  toStatus: CaseStatus | null
  note: string | null
  processInstanceId: string | null
  elementId: string | null
}

/** The ledger's filters, named as the API's query string names them. */
export interface CaseFilter {
  area?: string
  areaGroup?: string
  sectorGroup?: string
  category?: string
  status?: CaseStatus | ''
  overdue?: boolean
  channel?: CaseChannel | ''
  from?: string
  to?: string
  q?: string
}

export const casesApi = {
  list: (filter: CaseFilter, page: number, pageSize: number) =>
    request<Page<CaseSummary>>('GET', '/api/cases', { query: { ...filter, overdue: filter.overdue || undefined, page, pageSize } }),
  /** The export is a file download the browser makes with the cookie; same filters as the list, every page. */
  exportUrl: (filter: CaseFilter, format: 'xlsx' | 'csv') => apiUrl('/api/cases/export', { ...filter, overdue: filter.overdue || undefined, format }),
  get: (number: string) => request<CaseDetail>('GET', `/api/cases/${seg(number)}`),
  timeline: (number: string) => listAll<TimelineEntry>(`/api/cases/${seg(number)}/timeline`).then((p) => p.items),
}
