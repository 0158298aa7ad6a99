/**
 * The one HTTP layer of the console: same-origin fetch with the Identity cookie, the anti-forgery header on unsafe
 * requests, RFC 7807 problems turned into {@link ApiError}, and list answers normalised by {@link toPage}.
 * Every page goes through the typed functions in ./client.ts, never through fetch directly.
 */

export interface ProblemDetails {
  type?: string
  title?: string
  status?: number
  detail?: string
  /** Field → messages, as ASP.NET Core's validation problems carry them. */
  errors?: Record<string, string[]>
  /** BPMN problems (line, column, element) from deploy and validate. */
  problems?: BpmnProblem[]
  [extension: string]: unknown
}

export interface BpmnProblem {
  severity: 'error' | 'warning'
  line: number
  column: number
  elementId?: string | null
  elementType?: string | null
  message: string
}

/** A failed call: the HTTP status and the server's problem details (or one made up for a network failure). */
export class ApiError extends Error {
  constructor(
    readonly status: number,
    readonly problem: ProblemDetails,
  ) {
    super(problem.detail || problem.title || `HTTP ${status}`)
    this.name = 'ApiError'
  }

  /** The messages naming one field (camelCase or PascalCase key), for form items. */
  fieldErrors(field: string): string[] {
    const errors = this.problem.errors ?? {}
    const key = Object.keys(errors).find((k) => k.toLowerCase() === field.toLowerCase())
    return key ? errors[key] : []
  }
}

/** One page of a list. The API answers plain arrays today and `{items,total,page,pageSize}` pages after issue 8. */
export interface Page<T> {
  items: T[]
  total: number
  page: number
  pageSize: number
}

export function toPage<T>(answer: T[] | Page<T> | { items: T[]; total?: number; page?: number; pageSize?: number }): Page<T> {
  if (Array.isArray(answer)) {
    return { items: answer, total: answer.length, page: 1, pageSize: answer.length }
  }
  const items = answer.items ?? []
  return { items, total: answer.total ?? items.length, page: answer.page ?? 1, pageSize: answer.pageSize ?? items.length }
}

const unsafeMethods = new Set(['POST', 'PUT', 'PATCH', 'DELETE'])
export const antiforgeryHeader = 'X-XSRF-TOKEN'

let antiforgeryToken: string | null = null
let onUnauthorized: (() => void) | null = null
let language = 'zh-CN'

export const httpSettings = {
  setAntiforgeryToken(token: string | null) {
    antiforgeryToken = token
  },
  /** Called on a 401 from anything but sign-in: the session store sends the user to the sign-in page. */
  setUnauthorizedHandler(handler: () => void) {
    onUnauthorized = handler
  },
  setLanguage(lang: string) {
    language = lang
  },
}

export interface RequestOptions {
  query?: Record<string, string | number | boolean | undefined | null>
  json?: unknown
  /** A raw body (BPMN XML) with its content type. */
  text?: { body: string; contentType: string }
  /** A multipart body (file uploads); the browser sets its content type. */
  form?: FormData
  /** 'json' (default) or 'text' for XML answers. */
  answer?: 'json' | 'text'
  signal?: AbortSignal
  /** Sign-in answers 401 for a wrong password: do not treat it as an expired session. */
  quietUnauthorized?: boolean
}

export async function request<T>(method: string, path: string, options: RequestOptions = {}): Promise<T> {
  const url = new URL(path, window.location.origin)
  for (const [k, v] of Object.entries(options.query ?? {})) {
    if (v !== undefined && v !== null && v !== '') url.searchParams.set(k, String(v))
  }
  const headers: Record<string, string> = { Accept: 'application/json, application/problem+json, application/xml', 'Accept-Language': language }
  let body: BodyInit | undefined
  if (options.json !== undefined) {
    headers['Content-Type'] = 'application/json'
    body = JSON.stringify(options.json)
  } else if (options.text) {
    headers['Content-Type'] = options.text.contentType
    body = options.text.body
  } else if (options.form) {
    body = options.form
  }
  if (unsafeMethods.has(method) && antiforgeryToken) headers[antiforgeryHeader] = antiforgeryToken

  let response: Response
  try {
    response = await fetch(url, { method, headers, body, credentials: 'same-origin', signal: options.signal })
  } catch (e) {
    if ((e as Error).name === 'AbortError') throw e
    throw new ApiError(0, { title: 'network', detail: (e as Error).message })
  }
  if (!response.ok) {
    const problem = await readProblem(response)
    if (response.status === 401 && !options.quietUnauthorized) onUnauthorized?.()
    throw new ApiError(response.status, problem)
  }
  if (response.status === 204) return undefined as T
  if (options.answer === 'text') return (await response.text()) as T
  const text = await response.text()
  return (text ? JSON.parse(text) : undefined) as T
}

async function readProblem(response: Response): Promise<ProblemDetails> {
  const type = response.headers.get('Content-Type') ?? ''
  try {
    if (type.includes('json')) return (await response.json()) as ProblemDetails
    const text = await response.text()
    return { status: response.status, title: response.statusText, detail: text.slice(0, 500) || undefined }
  } catch {
    return { status: response.status, title: response.statusText }
  }
}
