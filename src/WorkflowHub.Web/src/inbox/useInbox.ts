import { onBeforeUnmount, reactive, ref, watch } from 'vue'
import { apiUrl } from '../api/url'
import { work } from '../api/work'
import type { TaskInfo } from '../api/work-types'

/** The fallback polling interval until the server says otherwise (GET /api/tasks/stream answers its own). */
export const PollSeconds = 15

/**
 * The task list behind the inbox (desktop and phone): filters (the text one runs on the server), sort, paging, and
 * live updates. New tasks arrive as server-sent events from `/api/tasks/stream`; while the stream is open the list is
 * still re-read every `connectedPollSeconds` (tasks created on another node, claims and completions elsewhere); without a
 * stream (refused, unsupported, or dropped) it is re-read every `fallbackPollSeconds`. `pollSeconds` and `live` say which,
 * for the page to show; `fresh` counts tasks that were not there on the previous load.
 */
export function useInbox(initialScope: 'mine' | 'group' = 'mine') {
  const filter = reactive({
    scope: initialScope as 'mine' | 'group',
    processKey: '',
    businessKey: '',
    text: '',
    overdue: false,
    sort: 'created' as 'created' | 'due' | 'priority',
    desc: true,
    page: 1,
    pageSize: 20,
  })
  const items = ref<TaskInfo[]>([])
  const total = ref(0)
  const updatedAt = ref<Date | null>(null)
  const fresh = ref(0)
  const error = ref<unknown>(null)
  const live = ref(false)
  const pollSeconds = ref(PollSeconds)
  let fallbackSeconds = PollSeconds
  let known = new Set<string>()
  let timer: number | undefined
  let source: EventSource | undefined
  let stopped = false

  async function load() {
    try {
      const page = await work.tasks.list({
        mine: filter.scope === 'mine' || undefined,
        candidate: filter.scope === 'group' || undefined,
        processKey: filter.processKey || undefined,
        businessKey: filter.businessKey || undefined,
        text: filter.text.trim() || undefined,
        overdue: filter.overdue || undefined,
        sort: filter.sort,
        desc: filter.desc,
        page: filter.page,
        pageSize: filter.pageSize,
      })
      fresh.value = known.size === 0 ? 0 : page.items.filter((t) => !known.has(t.id)).length
      known = new Set(page.items.map((t) => t.id))
      items.value = page.items
      total.value = page.total
      updatedAt.value = new Date()
      error.value = null
    } catch (e) {
      error.value = e
    }
  }

  watch(() => [filter.scope, filter.processKey, filter.businessKey, filter.text, filter.overdue, filter.sort, filter.desc, filter.page, filter.pageSize], () => {
    known = new Set()
    void load()
  })

  function poll(seconds: number) {
    pollSeconds.value = seconds
    window.clearInterval(timer)
    timer = window.setInterval(() => void load(), seconds * 1000)
  }

  function connect() {
    if (typeof EventSource === 'undefined') return
    source = new EventSource(apiUrl('/api/tasks/stream'))
    source.addEventListener('ready', (event) => {
      const settings = JSON.parse((event as MessageEvent<string>).data) as { connectedPollSeconds: number; fallbackPollSeconds: number }
      fallbackSeconds = settings.fallbackPollSeconds
      live.value = true
      poll(settings.connectedPollSeconds)
      // Anything created while the stream was down.
      void load()
    })
    source.addEventListener('task', () => void load())
    source.onerror = () => {
      // The browser reconnects by itself unless the server refused (429/503: CLOSED); either way poll meanwhile.
      if (live.value || source?.readyState === EventSource.CLOSED) {
        live.value = false
        poll(fallbackSeconds)
      }
    }
  }

  function start() {
    void load()
    poll(PollSeconds)
    if (!stopped) connect()
  }
  onBeforeUnmount(() => {
    stopped = true
    window.clearInterval(timer)
    source?.close()
  })

  return { filter, items, total, updatedAt, fresh, error, live, pollSeconds, load, start }
}
