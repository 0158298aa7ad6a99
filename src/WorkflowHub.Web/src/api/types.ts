/** The API's answers as the console uses them (see the server's Features/* records). */

export interface SessionUser {
  userName: string
  displayName?: string | null
  roles: string[]
  groups: string[]
  antiforgeryToken: string
}

export interface DefinitionInfo {
  id: string
  key: string
  version: number
  name?: string | null
  resourceName: string
  deployedAt: string
  deployedBy?: string | null
}

export interface DeploymentAnswer {
  deploymentId: string
  processes: { id: string; key: string; version: number; name?: string | null; isNew: boolean }[]
  warnings: import('./http').BpmnProblem[]
}

export interface ValidationAnswer {
  valid: boolean
  processes: string[]
  problems: import('./http').BpmnProblem[]
}

export interface HandlerParameter {
  name: string
  type: string
  required: boolean
  description?: string | null
}

export interface HandlerInfo {
  topic: string
  description?: string | null
  parameters: HandlerParameter[]
}

export interface UserInfo {
  id: string
  userName: string
  displayName?: string | null
  roles: string[]
  groups: string[]
}

export interface GroupInfo {
  id: string
  name: string
  kind: string
  members: { id: string; userName: string; displayName?: string | null }[]
}

export interface DraftSummary {
  key: string
  name?: string | null
  basedOnVersion?: number | null
  revision: number
  updatedBy: string
  updatedAt: string
  editors: { userName: string; since: string }[]
}

export interface Draft extends DraftSummary {
  xml: string
}

export interface DraftSaved {
  draft: DraftSummary
  /** Set when someone else saved since this editor loaded the draft: their save was overwritten (last save wins). */
  overwritten?: { by: string; at: string; revision: number } | null
}

export interface FormSummary {
  key: string
  name: string
  version: number
  createdBy: string
  createdAt: string
  source: string
}

export interface FormVersion extends FormSummary {
  schema: Record<string, unknown>
}

export interface ClockInfo {
  now: string
  offset: string
  jobsRun: number
}
