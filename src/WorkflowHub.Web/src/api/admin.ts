/** The administration pages' API: users, groups (the organisation table), webhooks, jobs and incidents, system, definitions. */
import { list, listAll } from './client'
import { request } from './http'
import type { OrgRow } from './organisation'
import type { DefinitionInfo } from './types'

const seg = encodeURIComponent

export const roleNames = ['Administrator', 'Dispatcher', 'Supervisor', 'Leader', 'Staff', 'Worker'] as const
export const groupKinds = ['Area', 'Sector', 'Functional', 'CreationOffice', 'LeadingGroup'] as const

export interface AdminUser {
  id: string
  userName: string
  displayName: string | null
  email: string | null
  phoneNumber: string | null
  roles: string[]
  groups: string[]
  lockedOut: boolean
  disabled: boolean
}

export interface UserDraft {
  userName?: string
  password?: string
  displayName: string
  email: string
  phoneNumber: string
  roles: string[]
  groups: string[]
}

/** A row of the organisation editor's `groups` table: head and members are user names. */
export interface GroupRow extends OrgRow {
  id: string
  name: string
  kind: string
  head: string | null
  members: string[]
}

export interface Webhook {
  key: string
  messageName: string
  variablesExpression: string | null
  businessKeyVariable: string | null
  enabled: boolean
  rateLimitPerMinute: number | null
  createdAt: string
  createdBy: string | null
  url: string
}

export interface WebhookDraft {
  key: string
  messageName: string
  secret?: string
  businessKeyVariable?: string
  variablesExpression?: string
  rateLimitPerMinute?: number | null
  allowUnknownMessage?: boolean
}

export interface Delivery {
  id: number
  receivedAt: string
  status: number
  idempotencyKey: string | null
  instanceId: string | null
  businessKey: string | null
  replayed: boolean
  error: string | null
  payload: string | null
  test: boolean
}

export interface TestDeliveryAnswer {
  webhookId: string
  status: number
  instanceId: string | null
  businessKey: string | null
  error: string | null
  payload: string
  delivery: Delivery | null
}

export interface JobView {
  id: string
  kind: string
  instanceId: string | null
  processKey: string | null
  businessKey: string | null
  elementId: string
  dueAt: string
  retriesLeft: number
  lastError: string | null
  suspended: boolean
  leaseOwner: string | null
  leaseExpiresAt: string | null
  incidentId: string | null
}

export interface RetryOutcome {
  incidentId: string
  retried: boolean
  status: number
  error: string | null
}

export interface SystemInfo {
  version: string
  environment: string
  databaseProvider: string
  database: string
  clock: { now: string; wallClock: string; simulated: boolean; offset: string }
  nodeId: string | null
  jobExecutorEnabled: boolean
  timeZone: string | null
  counts: { runningInstances: number; openIncidents: number; dueJobs: number; failedJobs: number; suspendedJobs: number; users: number; groups: number }
}

export interface VersionCounts {
  key: string
  version: number
  running: number
  completed: number
  cancelled: number
}

export interface StartFormField {
  id: string
  label: string | null
  type: string
  required: boolean
  defaultValue: string | null
  values: { id: string; name: string | null }[]
  readable: boolean
  writable: boolean
}

export interface StartForm {
  key: string
  version: number
  name: string | null
  startEventId: string | null
  startEventName: string | null
  fields: StartFormField[]
}

export const adminApi = {
  users: {
    list: (q: string, page: number, pageSize: number) => list<AdminUser>('/api/users', { q, page, pageSize }),
    create: (draft: UserDraft) => request<AdminUser>('POST', '/api/users', { json: draft }),
    update: (id: string, draft: Omit<UserDraft, 'userName' | 'password'>) => request<AdminUser>('PUT', `/api/users/${seg(id)}`, { json: draft }),
    resetPassword: (id: string) => request<{ id: string; userName: string; password: string }>('POST', `/api/users/${seg(id)}/reset-password`),
    unlock: (id: string) => request<AdminUser>('POST', `/api/users/${seg(id)}/unlock`),
    disable: (id: string) => request<AdminUser>('POST', `/api/users/${seg(id)}/disable`),
    enable: (id: string) => request<AdminUser>('POST', `/api/users/${seg(id)}/enable`),
    remove: (id: string) => request<void>('DELETE', `/api/users/${seg(id)}`),
  },
  /** Groups are edited through the organisation editor's `groups` table, the one place that knows heads and kinds. */
  groups: {
    list: async () => (await listAll<GroupRow>('/api/organisation/groups')).items,
    create: (row: GroupRow) => request<GroupRow>('POST', '/api/organisation/groups', { json: row }),
    save: (row: GroupRow) => request<GroupRow>('PUT', `/api/organisation/groups/${seg(row.id)}`, { json: row }),
    remove: (id: string) => request<void>('DELETE', `/api/organisation/groups/${seg(id)}`),
  },
  webhooks: {
    list: () => list<Webhook>('/api/webhooks', { pageSize: 200 }),
    create: (draft: WebhookDraft) => request<Webhook & { secret: string }>('POST', '/api/webhooks', { json: draft }),
    update: (key: string, body: Partial<Pick<Webhook, 'enabled' | 'rateLimitPerMinute'>>) => request<Webhook>('PUT', `/api/webhooks/${seg(key)}`, { json: body }),
    rotate: (key: string) => request<{ key: string; secret: string }>('POST', `/api/webhooks/${seg(key)}/secret`),
    deliveries: (key: string, page: number, pageSize: number) => list<Delivery>(`/api/webhooks/${seg(key)}/deliveries`, { page, pageSize }),
    test: (key: string, payload: unknown) => request<TestDeliveryAnswer>('POST', `/api/webhooks/${seg(key)}/test`, { json: { payload } }),
  },
  jobs: (state: 'Due' | 'Failed' | 'All', page: number, pageSize: number) => list<JobView>('/api/admin/jobs', { state, page, pageSize }),
  retryIncidents: (incidentIds: string[]) =>
    request<{ retried: number; failed: number; outcomes: RetryOutcome[] }>('POST', '/api/incidents/retry', { json: { incidentIds } }),
  system: () => request<SystemInfo>('GET', '/api/admin/system'),
  definitions: {
    latest: () => list<DefinitionInfo>('/api/definitions', { pageSize: 200 }),
    versions: (key: string) => list<DefinitionInfo>(`/api/definitions/${seg(key)}/versions`, { pageSize: 200 }),
    /** Every (key, version) count, read a page at a time (bounded: 50 pages of 200). */
    counts: async () => {
      const all: VersionCounts[] = []
      for (let page = 1; page <= 50; page++) {
        const answer = await list<VersionCounts>('/api/definitions/instance-counts', { page, pageSize: 200 })
        all.push(...answer.items)
        if (all.length >= answer.total || !answer.items.length) break
      }
      return all
    },
    startForm: (key: string, version: number) => request<StartForm>('GET', `/api/definitions/${seg(key)}/start-form`, { query: { version } }),
    start: (key: string, version: number, businessKey: string | undefined, variables: Record<string, unknown>) =>
      request<{ id: string }>('POST', `/api/processes/${seg(key)}/start`, { json: { businessKey, variables, version } }),
  },
}
