/** The answers of the inbox, task, action and instance endpoints (server Features/Tasks, Instances, Incidents). */

export interface TaskInfo {
  id: string
  instanceId: string
  elementId: string
  name?: string | null
  processKey: string
  businessKey?: string | null
  assignee?: string | null
  candidateUsers: string[]
  candidateGroups: string[]
  dueDate?: string | null
  followUpDate?: string | null
  priority: number
  formKey?: string | null
  createdAt: string
  claimedAt?: string | null
}

export interface TaskContext {
  processKey: string
  processVersion: number
  businessKey?: string | null
  startedBy?: string | null
  startedAt: string
  activeElementIds: string[]
  variables: Record<string, unknown>
}

export type ActionKind =
  | 'Comment' | 'Approve' | 'Reject' | 'Complete' | 'Return' | 'Transfer' | 'Delegate' | 'Resolve' | 'CoSignAdded'
  | 'CoSignRemoved' | 'CoSigned' | 'CarbonCopy' | 'Withdraw' | 'Urge' | 'ExtensionRequested' | 'ExtensionApproved'
  | 'ExtensionRefused' | 'Attachment'

export interface TaskComment {
  id: number
  taskId: string
  instanceId: string
  elementId: string
  taskName?: string | null
  processKey: string
  businessKey?: string | null
  author: string
  kind: ActionKind
  message?: string | null
  createdAt: string
}

export interface CoSign {
  id: string
  taskId: string
  instanceId: string
  taskName?: string | null
  processKey: string
  businessKey?: string | null
  userName: string
  position: 'Before' | 'After'
  status: 'Waiting' | 'Open' | 'Done' | 'Cancelled'
  addedBy: string
  reason?: string | null
  opinion?: string | null
  createdAt: string
}

export interface ExtensionRequest {
  id: string
  taskId: string
  instanceId: string
  taskName?: string | null
  businessKey?: string | null
  requestedBy: string
  currentDue?: string | null
  requestedDue: string
  reason: string
  status: 'Pending' | 'Approved' | 'Refused'
  decidedBy?: string | null
  decisionComment?: string | null
  createdAt: string
}

export interface TaskActionSummary {
  owner?: string | null
  delegation: 'None' | 'Pending' | 'Resolved'
  urgeCount: number
  lastUrgedAt?: string | null
  waitsForCoSigners: boolean
  coSigners: CoSign[]
  extensions: ExtensionRequest[]
}

export interface CarbonCopy {
  id: string
  instanceId: string
  taskId?: string | null
  taskName?: string | null
  processKey: string
  businessKey?: string | null
  recipientUser?: string | null
  recipientGroup?: string | null
  from: string
  reason?: string | null
  createdAt: string
}

export interface Attachment {
  id: string
  taskId: string
  instanceId: string
  fileName: string
  contentType: string
  size: number
  uploadedBy: string
  createdAt: string
}

export interface Reminder {
  id: string
  taskId: string
  instanceId: string
  taskName?: string | null
  from: string
  message?: string | null
  createdAt: string
}

export interface ReturnTarget {
  elementId: string
  name?: string | null
  lastAssignee?: string | null
}

export interface InstanceSummary {
  id: string
  processKey: string
  processVersion: number
  businessKey?: string | null
  status: 'Running' | 'Completed' | 'Cancelled'
  startedAt: string
  endedAt?: string | null
  startedBy?: string | null
  openIncidents: number
}

export interface InstanceDetail {
  summary: InstanceSummary
  activities: { tokenId: string; elementId: string; elementType: string; name?: string | null; state: string; parentTokenId?: string | null }[]
  variables: Record<string, unknown>
}

/** One instruction of `POST /api/instances/{id}/modify` (Camunda's instance modification). */
export interface ModificationInstruction {
  type: 'startBeforeActivity' | 'startAfterActivity' | 'cancel'
  activityId?: string
  activityInstanceId?: string
  ancestorActivityInstanceId?: string
}

export interface InstanceModification {
  instructions: ModificationInstruction[]
  variables?: Record<string, unknown>
  reason?: string
}

export interface ModificationResult {
  instanceId: string
  status: 'Running' | 'Completed' | 'Cancelled'
  cancelledTokenIds: string[]
  startedTokenIds: string[]
}

export interface HistoryEvent {
  id: number
  index: number
  instanceId: string
  timestamp: string
  type: string
  elementId?: string | null
  elementType?: string | null
  taskId?: string | null
  actor?: string | null
  data?: Record<string, unknown> | null
}

export interface IncidentInfo {
  id: string
  instanceId: string
  tokenId: string
  elementId: string
  processKey: string
  kind: string
  message: string
  jobId?: string | null
  createdAt: string
  resolvedAt?: string | null
}
