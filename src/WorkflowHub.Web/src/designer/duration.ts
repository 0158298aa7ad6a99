/**
 * ISO-8601 durations as a clerk reads them: "PT24H" ↔ 24 小时, "P3D" ↔ 3 天. The BPMN keeps ISO-8601 (what the
 * engine reads); the form shows an amount and a unit. Working days (个工作日) come with the calendar issue.
 */
export type DurationUnit = 'minutes' | 'hours' | 'days' | 'weeks'

export interface SimpleDuration {
  amount: number
  unit: DurationUnit
}

const pattern = /^P(?:(\d+)W)?(?:(\d+)D)?(?:T(?:(\d+)H)?(?:(\d+)M)?(?:(\d+)S)?)?$/

/** The duration as one amount of one unit, or null when it is not a plain ISO duration (an expression, a cycle...). */
export function parseDuration(iso: string | null | undefined): SimpleDuration | null {
  const m = pattern.exec((iso ?? '').trim())
  if (!m || iso === 'P' || iso === 'PT') return null
  const [w, d, h, min, s] = m.slice(1).map((v) => Number(v ?? 0))
  if (s) return null
  const minutes = ((w * 7 + d) * 24 + h) * 60 + min
  if (minutes === 0) return null
  if (minutes % (7 * 24 * 60) === 0 && w) return { amount: minutes / (7 * 24 * 60), unit: 'weeks' }
  if (minutes % (24 * 60) === 0 && !h && !min) return { amount: minutes / (24 * 60), unit: 'days' }
  if (minutes % 60 === 0) return { amount: minutes / 60, unit: 'hours' }
  return { amount: minutes, unit: 'minutes' }
}

export function toIso(d: SimpleDuration): string {
  const n = Math.max(1, Math.min(Math.floor(d.amount), 100_000))
  switch (d.unit) {
    case 'minutes': return `PT${n}M`
    case 'hours': return `PT${n}H`
    case 'days': return `P${n}D`
    case 'weeks': return `P${n}W`
  }
}

const words: Record<string, Record<DurationUnit, string>> = {
  'zh-CN': { minutes: '分钟', hours: '小时', days: '天', weeks: '周' },
  en: { minutes: 'minutes', hours: 'hours', days: 'days', weeks: 'weeks' },
}

export function unitLabel(unit: DurationUnit, locale: string): string {
  return (words[locale] ?? words['zh-CN'])[unit]
}

/** "24 小时" / "24 hours"; the ISO text itself when it is not a plain duration. */
export function describeDuration(iso: string | null | undefined, locale: string): string {
  const d = parseDuration(iso)
  return d ? `${d.amount} ${unitLabel(d.unit, locale)}` : (iso ?? '')
}
