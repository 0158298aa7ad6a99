/** The dashboard's periods: a day, a week (Monday first, as the weekly dispatch counts), a month, or custom days. */
export type PeriodKind = 'day' | 'week' | 'month' | 'custom'

export const periodKinds: PeriodKind[] = ['day', 'week', 'month', 'custom']

/** A local calendar day as YYYY-MM-DD. */
export function isoDay(d: Date): string {
  const p = (n: number) => String(n).padStart(2, '0')
  return `${d.getFullYear()}-${p(d.getMonth() + 1)}-${p(d.getDate())}`
}

function day(text: string): Date {
  const [y, m, d] = text.split('-').map(Number)
  return new Date(y, (m || 1) - 1, d || 1)
}

const addDays = (d: Date, n: number) => new Date(d.getFullYear(), d.getMonth(), d.getDate() + n)

/**
 * The period [from, to) in local time for a kind and its anchor day (custom: the first and last day, both included).
 * Answers null for a day that is not a date or a custom range that runs backwards.
 */
export function periodRange(kind: PeriodKind, anchor: string, last?: string): { from: Date; to: Date } | null {
  const start = day(anchor)
  if (Number.isNaN(start.getTime())) return null
  switch (kind) {
    case 'day':
      return { from: start, to: addDays(start, 1) }
    case 'week': {
      const monday = addDays(start, -((start.getDay() + 6) % 7))
      return { from: monday, to: addDays(monday, 7) }
    }
    case 'month':
      return { from: new Date(start.getFullYear(), start.getMonth(), 1), to: new Date(start.getFullYear(), start.getMonth() + 1, 1) }
    default: {
      const end = day(last ?? anchor)
      if (Number.isNaN(end.getTime()) || end < start) return null
      return { from: start, to: addDays(end, 1) }
    }
  }
}
