import { onScopeDispose, ref } from 'vue'

/**
 * Runs an async task and shows `loading` only when it lasts longer than 300 ms, so fast answers do not flash a
 * spinner; `busy` is true for the whole wait (to disable buttons).
 */
export function useLoading(delayMs = 300) {
  const loading = ref(false)
  const busy = ref(false)
  let timer: ReturnType<typeof setTimeout> | undefined
  let running = 0

  async function run<T>(task: () => Promise<T>): Promise<T> {
    running++
    busy.value = true
    if (running === 1) timer = setTimeout(() => (loading.value = true), delayMs)
    try {
      return await task()
    } finally {
      running--
      if (running === 0) {
        clearTimeout(timer)
        loading.value = false
        busy.value = false
      }
    }
  }

  onScopeDispose(() => clearTimeout(timer))
  return { loading, busy, run }
}
