/** Dates and due states as the inbox and task pages show them. */
export function formatTime(value?: string | null): string {
  if (!value) return '—'
  const d = new Date(value)
  const pad = (n: number) => String(n).padStart(2, '0')
  return `${d.getFullYear()}-${pad(d.getMonth() + 1)}-${pad(d.getDate())} ${pad(d.getHours())}:${pad(d.getMinutes())}`
}

export type DueState = 'overdue' | 'soon' | 'ok' | 'none'

/** Overdue when past due; "soon" within 24 hours. `now` is the server clock when known (the simulation clock moves it). */
export function dueState(due?: string | null, now: number = Date.now()): DueState {
  if (!due) return 'none'
  const left = new Date(due).getTime() - now
  return left < 0 ? 'overdue' : left < 24 * 3600 * 1000 ? 'soon' : 'ok'
}

/** Variables the 通过/不通过 actions set themselves; the simple form leaves them out. */
export const actionVariables = new Set(['outcome', 'approved', 'opinion'])
