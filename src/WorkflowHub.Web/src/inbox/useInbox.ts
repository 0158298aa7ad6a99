import { onBeforeUnmount, reactive, ref, watch } from 'vue'
import { work } from '../api/work'
import type { TaskInfo } from '../api/work-types'

export const PollSeconds = 15

/**
 * The task list behind the inbox (desktop and phone): filters, sort, paging, and polling every {@link PollSeconds}
 * seconds so new tasks appear without reloading; `fresh` counts tasks that were not there on the previous load.
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
  let known = new Set<string>()
  let timer: number | undefined

  async function load() {
    try {
      const page = await work.tasks.list({
        mine: filter.scope === 'mine' || undefined,
        candidate: filter.scope === 'group' || undefined,
        processKey: filter.processKey || undefined,
        businessKey: filter.businessKey || undefined,
        overdue: filter.overdue || undefined,
        sort: filter.sort,
        desc: filter.desc,
        page: filter.page,
        pageSize: filter.pageSize,
      })
      const text = filter.text.trim().toLowerCase()
      const rows = text ? page.items.filter((t) => `${t.name ?? ''} ${t.businessKey ?? ''} ${t.processKey}`.toLowerCase().includes(text)) : page.items
      fresh.value = known.size === 0 ? 0 : rows.filter((t) => !known.has(t.id)).length
      known = new Set(rows.map((t) => t.id))
      items.value = rows
      total.value = text ? rows.length : page.total
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

  function start() {
    void load()
    timer = window.setInterval(() => void load(), PollSeconds * 1000)
  }
  onBeforeUnmount(() => window.clearInterval(timer))

  return { filter, items, total, updatedAt, fresh, error, load, start }
}
