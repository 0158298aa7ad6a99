/**
 * Timer values as a clerk reads them: "PT24H" ↔ 24 小时, "P3D" ↔ 3 天, and working time on the city's calendar
 * (工作日历): `${workdays(3)}` ↔ 3 个工作日, `${workhours(4)}` ↔ 4 个工作小时.
 *
 * Elapsed time is a `timeDuration` in ISO-8601. Working time cannot be one (a duration knows no weekends or
 * holidays), so it is a `timeDate` whose expression asks the server's calendar helpers for the moment: `workdays(n)`
 * is the close of business of the n-th working day after the day the timer starts, `workhours(n)` n working hours
 * later; the engine evaluates it when the timer is created (the shipped problem-handling flow writes its ladder the
 * same way). Anything else (another expression, a date, a cycle) is shown as it is and left alone.
 */
export type DurationUnit = 'minutes' | 'hours' | 'days' | 'weeks' | 'workhours' | 'workdays'

export const durationUnits: DurationUnit[] = ['minutes', 'hours', 'days', 'weeks', 'workhours', 'workdays']

export interface SimpleDuration {
  amount: number
  unit: DurationUnit
}

/** A timer event definition's value: which of the three BPMN forms, and its text. */
export interface TimerText {
  type: 'timeDuration' | 'timeDate' | 'timeCycle'
  body: string
}

/** The most an amount may be (a bound on what a user can make the engine compute). */
export const maxAmount = 100_000

const isoPattern = /^P(?:(\d+)W)?(?:(\d+)D)?(?:T(?:(\d+)H)?(?:(\d+)M)?(?:(\d+)S)?)?$/
const calendarPattern = /^\$\{\s*(workdays|workhours)\(\s*(\d+)\s*\)\s*\}$/

/** The duration as one amount of one unit, or null when it is not a plain ISO duration (an expression, a cycle...). */
export function parseDuration(iso: string | null | undefined): SimpleDuration | null {
  const m = isoPattern.exec((iso ?? '').trim())
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

/** A timer's value as an amount and a unit, or null when it is something the form does not edit. */
export function parseTimer(timer: TimerText | null | undefined): SimpleDuration | null {
  if (!timer) return null
  if (timer.type === 'timeDuration') return parseDuration(timer.body)
  if (timer.type !== 'timeDate') return null
  const m = calendarPattern.exec(timer.body.trim())
  const amount = m ? Number(m[2]) : 0
  return m && amount > 0 ? { amount, unit: m[1] as DurationUnit } : null
}

function clampAmount(amount: number): number {
  return Math.max(1, Math.min(Math.floor(amount), maxAmount))
}

export function toIso(d: SimpleDuration): string {
  const n = clampAmount(d.amount)
  switch (d.unit) {
    case 'minutes': return `PT${n}M`
    case 'hours': return `PT${n}H`
    case 'days': return `P${n}D`
    case 'weeks': return `P${n}W`
    default: throw new Error(`${d.unit} is working time, not an ISO-8601 duration`)
  }
}

/** What the BPMN gets for an amount and a unit: an ISO duration, or the calendar helper for working time. */
export function toTimer(d: SimpleDuration): TimerText {
  return d.unit === 'workdays' || d.unit === 'workhours'
    ? { type: 'timeDate', body: `\${${d.unit}(${clampAmount(d.amount)})}` }
    : { type: 'timeDuration', body: toIso(d) }
}

const words: Record<string, Record<DurationUnit, string>> = {
  'zh-CN': { minutes: '分钟', hours: '小时', days: '天', weeks: '周', workhours: '个工作小时', workdays: '个工作日' },
  en: { minutes: 'minutes', hours: 'hours', days: 'days', weeks: 'weeks', workhours: 'working hours', workdays: 'working days' },
}

export function unitLabel(unit: DurationUnit, locale: string): string {
  return (words[locale] ?? words['zh-CN'])[unit]
}

/** "24 小时" / "3 个工作日" / "3 working days"; the timer's own text when it is something else. */
export function describeTimer(timer: TimerText | null | undefined, locale: string): string {
  const d = parseTimer(timer)
  return d ? `${d.amount} ${unitLabel(d.unit, locale)}` : (timer?.body ?? '')
}
