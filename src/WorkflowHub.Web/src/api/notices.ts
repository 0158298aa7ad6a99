/** The notices API (templates, preview, test mail, outbox, mailbox) as the console's notices pages call it. */
import { request, toPage, type Page } from './http'

const seg = encodeURIComponent

export type NoticeStatus = 'Pending' | 'Sent' | 'Failed'
export type NoticeChannel = 'Mail' | 'Robot'

export interface MailboxItem {
  id: string
  messageId: string | null
  subject: string
  from: string | null
  to: string | null
  cc: string | null
  date: string
  size: number
}

export interface MailboxMessage {
  item: MailboxItem
  html: string | null
  text: string | null
  instanceId: string | null
  template: string | null
}

export interface OutboxItem {
  id: string
  channel: NoticeChannel
  status: NoticeStatus
  recipient: string
  recipientName: string | null
  cc: boolean
  subject: string
  templateKey: string
  templateVersion: number
  attempts: number
  lastError: string | null
  createdAt: string
  sentAt: string | null
  nextAttemptAt: string
  instanceId: string | null
  businessKey: string | null
  elementId: string | null
  incidentId: string | null
  instanceLink: string | null
}

export interface OutboxDetail {
  item: OutboxItem
  html: string | null
  text: string
}

export interface NoticeTemplateSummary {
  key: string
  name: string
  description: string | null
  version: number
  source: string
  updatedAt: string
  updatedBy: string | null
}

export interface NoticeTemplate {
  key: string
  version: number
  name: string
  description: string | null
  subject: string
  html: string
  text: string
  sample: Record<string, unknown>
  source: string
  createdAt: string
  createdBy: string | null
}

export interface NoticeTemplateDraft {
  name?: string | null
  description?: string | null
  subject?: string | null
  html?: string | null
  text?: string | null
  sample?: Record<string, unknown> | null
}

export interface NoticePreview {
  subject: string
  html: string | null
  text: string
}

export interface OutboxFilter {
  status?: NoticeStatus | ''
  channel?: NoticeChannel | ''
  instanceId?: string
  recipient?: string
  page?: number
  pageSize?: number
}

export const noticesApi = {
  mailbox: (page: number, pageSize: number) =>
    request<Page<MailboxItem>>('GET', '/api/notices/mailbox', { query: { page, pageSize } }).then(toPage),
  mail: (id: string) => request<MailboxMessage>('GET', `/api/notices/mailbox/${seg(id)}`),
  rawMailUrl: (id: string) => `/api/notices/mailbox/${seg(id)}/raw`,
  outbox: (filter: OutboxFilter) =>
    request<Page<OutboxItem>>('GET', '/api/notices/outbox', { query: { ...filter } }).then(toPage),
  outboxItem: (id: string) => request<OutboxDetail>('GET', `/api/notices/outbox/${seg(id)}`),
  resend: (id: string) => request<OutboxItem>('POST', `/api/notices/outbox/${seg(id)}/resend`),
  templates: () => request<Page<NoticeTemplateSummary>>('GET', '/api/notices/templates', { query: { pageSize: 200 } }).then(toPage),
  template: (key: string) => request<NoticeTemplate>('GET', `/api/notices/templates/${seg(key)}`),
  versions: (key: string) =>
    request<Page<NoticeTemplateSummary>>('GET', `/api/notices/templates/${seg(key)}/versions`, { query: { pageSize: 200 } }).then(toPage),
  version: (key: string, version: number) => request<NoticeTemplate>('GET', `/api/notices/templates/${seg(key)}/versions/${version}`),
  save: (key: string, draft: NoticeTemplateDraft) => request<NoticeTemplate>('PUT', `/api/notices/templates/${seg(key)}`, { json: draft }),
  preview: (key: string, draft: NoticeTemplateDraft, signal?: AbortSignal) =>
    request<NoticePreview>('POST', `/api/notices/templates/${seg(key)}/preview`, { json: draft, signal }),
  test: (key: string, to?: string) =>
    request<{ id: string; recipient: string }>('POST', `/api/notices/templates/${seg(key)}/test`, { json: { to: to || null } }),
}
