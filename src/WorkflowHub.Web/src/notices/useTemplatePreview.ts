import { onScopeDispose, ref, watch, type Ref } from 'vue'
import { noticesApi, type NoticePreview, type NoticeTemplateDraft } from '../api/notices'
import { useProblem } from '../composables/useProblem'

/**
 * Live preview of a template draft: re-rendered by the server 400 ms after the last keystroke, an older request
 * aborted by a newer one, so what shows is always the draft as it stands. Template errors (part, line, column) show
 * in `error` instead of the preview.
 */
export function useTemplatePreview(key: Ref<string>, draft: () => NoticeTemplateDraft | null) {
  const preview = ref<NoticePreview | null>(null)
  const pending = ref(false)
  const problem = useProblem()
  let timer: ReturnType<typeof setTimeout> | undefined
  let controller: AbortController | undefined

  async function render() {
    const body = draft()
    if (!body) return
    controller?.abort()
    const mine = (controller = new AbortController())
    pending.value = true
    try {
      preview.value = await noticesApi.preview(key.value, body, mine.signal)
      problem.clear()
    } catch (e) {
      if ((e as Error).name !== 'AbortError') problem.show(e)
    } finally {
      if (controller === mine) pending.value = false
    }
  }

  watch(draft, () => {
    clearTimeout(timer)
    timer = setTimeout(render, 400)
  }, { deep: true })

  onScopeDispose(() => {
    clearTimeout(timer)
    controller?.abort()
  })
  return { preview, pending, error: problem.error, render }
}
