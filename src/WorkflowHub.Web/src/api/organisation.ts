/** The organisation tables, categories and working-day calendar API as the administration pages call it. */
import { request } from './http'
import { listAll } from './client'
import { apiUrl } from './url'

const seg = encodeURIComponent

export type ColumnType = 'Text' | 'Number' | 'Bool' | 'Choice' | 'List'

export interface OrgColumn {
  name: string
  header: string
  type: ColumnType
  required: boolean
  maxLength: number
  choices: string[] | null
}

export interface OrgTable {
  name: string
  title: string
  columns: OrgColumn[]
}

/** A row as the API answers it: column name → value (lists as arrays). */
export type OrgRow = Record<string, unknown>

export interface CalendarYear {
  year: number
  source: string
  updatedAt: string
  updatedBy: string | null
  holidays: number
  makeUpWorkdays: number
}

export interface CalendarInfo {
  timeZone: string
  workingDays: string[]
  workingHours: string[]
  years: CalendarYear[]
}

/** 节假日 ranges and 调休 make-up working days of one year, as the State Council publishes them. */
export interface HolidaySchedule {
  year: number
  source: string | null
  holidays: { name: string | null; from: string | null; to: string | null }[]
  makeUpWorkdays: { date: string | null; for: string | null }[]
}

export const organisationApi = {
  tables: () => request<OrgTable[]>('GET', '/api/organisation'),
  rows: (table: string) => listAll<OrgRow>(`/api/organisation/${seg(table)}`).then((p) => p.items),
  create: (table: string, row: OrgRow) => request<OrgRow>('POST', `/api/organisation/${seg(table)}`, { json: row }),
  update: (table: string, key: string, row: OrgRow) => request<OrgRow>('PUT', `/api/organisation/${seg(table)}/${seg(key)}`, { json: row }),
  remove: (table: string, key: string) => request<void>('DELETE', `/api/organisation/${seg(table)}/${seg(key)}`),
  exportUrl: (table: string, format: 'xlsx' | 'csv') => apiUrl(`/api/organisation/${seg(table)}/export`, { format }),
  import: (table: string, file: File) => {
    const form = new FormData()
    form.append('file', file, file.name)
    return request<{ created: number; updated: number }>('POST', `/api/organisation/${seg(table)}/import`, { form })
  },
  categories: () => listAll<OrgRow>('/api/categories').then((p) => p.items),
  calendar: () => request<CalendarInfo>('GET', '/api/calendar'),
  calendarYear: (year: number) => request<HolidaySchedule>('GET', `/api/calendar/${year}`),
  saveCalendarYear: (schedule: HolidaySchedule) => request<HolidaySchedule>('PUT', `/api/calendar/${schedule.year}`, { json: schedule }),
}
