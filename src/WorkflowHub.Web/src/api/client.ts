/** The typed API client: one function per endpoint the console calls. Pages import `api`, never fetch. */
import { request, toPage, type Page } from './http'
import type {
  ClockInfo, DefinitionInfo, DeploymentAnswer, Draft, DraftSaved, DraftSummary, FormSummary, FormVersion,
  GroupInfo, HandlerInfo, SessionUser, UserInfo, ValidationAnswer,
} from './types'

const xml = (body: string) => ({ body, contentType: 'application/xml' })
const seg = encodeURIComponent

/** Every list goes through here, so the move to paged answers (issue 8) is one change. */
export async function list<T>(path: string, query?: Record<string, string | number | boolean | undefined>): Promise<Page<T>> {
  return toPage(await request<T[] | Page<T>>('GET', path, { query }))
}

/**
 * A whole list read page after page (at most 100 pages of 200), for what a page shows or picks from in full: the
 * designer's pickers, an instance's record and files, the organisation tables. The answer is one page holding everything.
 */
export async function listAll<T>(path: string, query?: Record<string, string | number | boolean | undefined>): Promise<Page<T>> {
  const items: T[] = []
  let total = 0
  for (let page = 1; page <= 100; page++) {
    const answer = await list<T>(path, { ...query, page, pageSize: 200 })
    items.push(...answer.items)
    total = answer.total
    if (answer.items.length === 0 || items.length >= total) break
  }
  return { items, total, page: 1, pageSize: items.length }
}

export const api = {
  session: {
    /** Signs in with the Identity cookie; the antiforgery token comes with {@link api.session.current}. */
    login: (userName: string, password: string) =>
      request<void>('POST', '/api/identity/login', { query: { useCookies: true }, json: { email: userName, password }, quietUnauthorized: true }),
    current: () => request<SessionUser>('GET', '/api/session', { quietUnauthorized: true }),
    logout: () => request<void>('POST', '/api/session/logout'),
  },
  definitions: {
    latest: () => listAll<DefinitionInfo>('/api/definitions'),
    versions: (key: string) => listAll<DefinitionInfo>(`/api/definitions/${seg(key)}/versions`),
    xml: (key: string, version?: number) =>
      request<string>('GET', `/api/definitions/${seg(key)}/xml`, { query: { version }, answer: 'text' }),
    validate: (bpmn: string) => request<ValidationAnswer>('POST', '/api/definitions/validate', { text: xml(bpmn) }),
    deploy: (bpmn: string, name?: string) =>
      request<DeploymentAnswer>('POST', '/api/definitions', { query: { name }, text: xml(bpmn) }),
  },
  drafts: {
    list: () => listAll<DraftSummary>('/api/drafts'),
    get: (key: string) => request<Draft>('GET', `/api/drafts/${seg(key)}`),
    save: (key: string, body: { xml: string; name?: string | null; basedOnVersion?: number | null; baseRevision?: number | null }) =>
      request<DraftSaved>('PUT', `/api/drafts/${seg(key)}`, { json: body }),
    remove: (key: string) => request<void>('DELETE', `/api/drafts/${seg(key)}`),
    /** Tells the server this user has the flow open (others see it); answers who else does. */
    editing: (key: string) => request<DraftSummary['editors']>('POST', `/api/drafts/${seg(key)}/editing`),
    /** This user closed the flow: others stop seeing them at once. */
    leave: (key: string) => request<void>('DELETE', `/api/drafts/${seg(key)}/editing`),
  },
  forms: {
    list: () => listAll<FormSummary>('/api/forms'),
    get: (key: string, version?: number) => request<FormVersion>('GET', `/api/forms/${seg(key)}`, { query: { version } }),
    versions: (key: string) => listAll<FormSummary>(`/api/forms/${seg(key)}/versions`),
    save: (body: { key: string; name: string; schema: unknown }) => request<FormVersion>('POST', '/api/forms', { json: body }),
  },
  handlers: () => listAll<HandlerInfo>('/api/handlers'),
  users: () => listAll<UserInfo>('/api/users'),
  groups: () => listAll<GroupInfo>('/api/groups'),
  clock: {
    get: () => request<ClockInfo>('GET', '/api/dev/clock'),
    advance: (duration: string) => request<ClockInfo>('POST', '/api/dev/clock/advance', { json: { duration } }),
  },
}

export type Api = typeof api
export { ApiError, toPage, type Page, type ProblemDetails, type BpmnProblem } from './http'
