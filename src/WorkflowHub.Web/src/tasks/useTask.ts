import { ref } from 'vue'
import { api } from '../api/client'
import { work } from '../api/work'
import type { TaskActionSummary, TaskContext, TaskInfo } from '../api/work-types'

/** One task with its context, action state and diagram XML (desktop and phone task pages). */
export function useTask(id: () => string) {
  const task = ref<TaskInfo | null>(null)
  const context = ref<TaskContext | null>(null)
  const summary = ref<TaskActionSummary | null>(null)
  const xml = ref<string | null>(null)
  const gone = ref(false)

  async function load() {
    const taskId = id()
    task.value = await work.tasks.get(taskId)
    const [ctx, sum] = await Promise.all([work.tasks.context(taskId), work.tasks.actions(taskId)])
    context.value = ctx
    summary.value = sum
    xml.value = await api.definitions.xml(ctx.processKey, ctx.processVersion).catch(() => null)
    gone.value = false
  }

  return { task, context, summary, xml, gone, load }
}
