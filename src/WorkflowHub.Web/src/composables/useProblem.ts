import { ref } from 'vue'
import { useI18n } from 'vue-i18n'
import { ApiError } from '../api/http'

export interface DescribedError {
  title: string
  detail?: string
  lines: string[]
}

/** Turns any failure into words for the user: a title by status in their language, the server's detail, field errors. */
export function useProblem() {
  const { t, te } = useI18n()
  const error = ref<DescribedError | null>(null)

  function describe(e: unknown): DescribedError {
    if (e instanceof ApiError) {
      if (e.status === 0) return { title: t('errors.network'), lines: [] }
      const p = e.problem
      const antiforgery = e.status === 400 && /antiforgery/i.test(p.title ?? '')
      const title = antiforgery ? t('errors.antiforgery') : te(`errors.${e.status}`) ? t(`errors.${e.status}`) : t('errors.generic')
      const lines: string[] = []
      for (const [field, messages] of Object.entries(p.errors ?? {})) {
        for (const message of messages) lines.push(t('errors.field', { field, message }))
      }
      for (const problem of p.problems ?? []) {
        lines.push(`${t('errors.line', { line: problem.line, column: problem.column })}${problem.elementId ? ` [${problem.elementId}]` : ''}: ${problem.message}`)
      }
      const detail = p.detail && p.detail !== title ? p.detail : p.title && !antiforgery && p.title !== title ? p.title : undefined
      return { title, detail, lines }
    }
    return { title: t('errors.generic'), detail: e instanceof Error ? e.message : String(e), lines: [] }
  }

  return {
    error,
    describe,
    show: (e: unknown) => (error.value = describe(e)),
    clear: () => (error.value = null),
  }
}
