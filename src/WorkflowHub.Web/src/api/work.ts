/** The typed client of the people who do the work: inbox, task actions, instances. Lists go through `list`. */
import { list, listAll } from './client'
import { request } from './http'
import type {
  Attachment, CarbonCopy, CoSign, ExtensionRequest, HistoryEvent, IncidentInfo, InstanceDetail, InstanceModification, InstanceSummary,
  ModificationResult, Reminder,
  ReturnTarget, TaskActionSummary, TaskComment, TaskContext, TaskInfo,
} from './work-types'

const seg = encodeURIComponent
type Query = Record<string, string | number | boolean | undefined>
type Vars = Record<string, unknown>

/** Multipart upload with the same cookie and anti-forgery header as every other call. */
function upload<T>(path: string, file: File): Promise<T> {
  const form = new FormData()
  form.append('file', file)
  return request<T>('POST', path, { form })
}

export const work = {
  tasks: {
    list: (query: Query) => list<TaskInfo>('/api/tasks', query),
    get: (id: string) => request<TaskInfo>('GET', `/api/tasks/${seg(id)}`),
    context: (id: string) => request<TaskContext>('GET', `/api/tasks/${seg(id)}/context`),
    actions: (id: string) => request<TaskActionSummary>('GET', `/api/tasks/${seg(id)}/actions`),
    claim: (id: string) => request<TaskInfo>('POST', `/api/tasks/${seg(id)}/claim`),
    unclaim: (id: string) => request<TaskInfo>('POST', `/api/tasks/${seg(id)}/unclaim`),
    complete: (id: string, variables: Vars, comment?: string) => request<void>('POST', `/api/tasks/${seg(id)}/complete`, { json: { variables, comment } }),
    approve: (id: string, variables: Vars, opinion: string) => request<unknown>('POST', `/api/tasks/${seg(id)}/approve`, { json: { variables, opinion } }),
    reject: (id: string, variables: Vars, opinion: string) => request<unknown>('POST', `/api/tasks/${seg(id)}/reject`, { json: { variables, opinion } }),
    returnTargets: (id: string) => list<ReturnTarget>(`/api/tasks/${seg(id)}/return-targets`),
    return: (id: string, targetElementId: string, reason: string) => request<unknown>('POST', `/api/tasks/${seg(id)}/return`, { json: { targetElementId, reason } }),
    transfer: (id: string, body: { userId?: string; groupId?: string; reason: string }) => request<TaskInfo | null>('POST', `/api/tasks/${seg(id)}/transfer`, { json: body }),
    delegate: (id: string, userId: string, reason: string) => request<TaskInfo | null>('POST', `/api/tasks/${seg(id)}/delegate`, { json: { userId, reason } }),
    resolve: (id: string, reason: string) => request<TaskInfo | null>('POST', `/api/tasks/${seg(id)}/resolve`, { json: { reason } }),
    addCoSigners: (id: string, userIds: string[], position: 'Before' | 'After', reason: string) =>
      request<CoSign[]>('POST', `/api/tasks/${seg(id)}/cosigners`, { json: { userIds, position, reason } }),
    removeCoSigner: (id: string, cosignId: string, reason: string) =>
      request<void>('POST', `/api/tasks/${seg(id)}/cosigners/${seg(cosignId)}/remove`, { json: { reason } }),
    cc: (id: string, userIds: string[], groupIds: string[], reason: string) =>
      request<CarbonCopy[]>('POST', `/api/tasks/${seg(id)}/cc`, { json: { userIds, groupIds, reason } }),
    withdraw: (id: string, reason: string) => request<{ taskId?: string }>('POST', `/api/tasks/${seg(id)}/withdraw`, { json: { reason } }),
    urge: (id: string, reason: string) => request<{ urgeCount: number }>('POST', `/api/tasks/${seg(id)}/urge`, { json: { reason } }),
    requestExtension: (id: string, dueDate: string, reason: string) =>
      request<ExtensionRequest>('POST', `/api/tasks/${seg(id)}/extension`, { json: { dueDate, reason } }),
    comments: (id: string) => listAll<TaskComment>(`/api/tasks/${seg(id)}/comments`),
    comment: (id: string, reason: string) => request<void>('POST', `/api/tasks/${seg(id)}/comments`, { json: { reason } }),
    attachments: (id: string) => listAll<Attachment>(`/api/tasks/${seg(id)}/attachments`),
    attach: (id: string, file: File) => upload<Attachment>(`/api/tasks/${seg(id)}/attachments`, file),
    done: () => list<TaskComment>('/api/tasks/done'),
  },
  cosigns: {
    mine: () => list<CoSign>('/api/cosigns'),
    complete: (id: string, reason: string) => request<void>('POST', `/api/cosigns/${seg(id)}/complete`, { json: { reason } }),
  },
  copies: (query: Query) => list<CarbonCopy>('/api/copies', query),
  reminders: () => list<Reminder>('/api/reminders'),
  extensions: {
    list: (query: Query) => list<ExtensionRequest>('/api/extension-requests', query),
    approve: (id: string, reason: string) => request<TaskInfo>('POST', `/api/extension-requests/${seg(id)}/approve`, { json: { reason } }),
    refuse: (id: string, reason: string) => request<TaskInfo>('POST', `/api/extension-requests/${seg(id)}/refuse`, { json: { reason } }),
  },
  instances: {
    list: (query: Query) => list<InstanceSummary>('/api/instances', query),
    get: (id: string) => request<InstanceDetail>('GET', `/api/instances/${seg(id)}`),
    history: (id: string) => list<HistoryEvent>(`/api/instances/${seg(id)}/history`),
    cancel: (id: string, reason: string) => request<void>('POST', `/api/instances/${seg(id)}/cancel`, { json: { reason } }),
    setVariables: (id: string, variables: Vars) => request<void>('PATCH', `/api/instances/${seg(id)}/variables`, { json: { variables } }),
    modify: (id: string, body: InstanceModification) => request<ModificationResult>('POST', `/api/instances/${seg(id)}/modify`, { json: body }),
    start: (key: string, businessKey: string | undefined, variables: Vars) =>
      request<InstanceSummary>('POST', `/api/processes/${seg(key)}/start`, { json: { businessKey, variables } }),
  },
  incidents: {
    list: (query: Query) => list<IncidentInfo>('/api/incidents', query),
    retry: (id: string) => request<void>('POST', `/api/incidents/${seg(id)}/retry`),
  },
  cases: {
    /** 上报问题 (issue 11's POST /api/cases): multipart with description, category, address, grid and photos. */
    report: (form: FormData) => request<{ id?: string; caseNumber?: string; businessKey?: string } | undefined>('POST', '/api/cases', { form }),
  },
}
