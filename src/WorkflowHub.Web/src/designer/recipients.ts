/**
 * The recipients a notice step can name, as choices: the groups (every member), their heads (单位负责人,
 * `head:GROUP`), the leaders linked to their areas (包联领导, `leaders:GROUP`), the head and leaders of the task's own
 * group (`head:*`, `leaders:*`) and single users. The server's notice handler resolves each to addresses.
 */
import type { GroupInfo, UserInfo } from '../api/types'

export interface RecipientOption { value: string; label: string }
export interface RecipientGroup { label: string; options: RecipientOption[] }

type Translate = (key: string, values?: Record<string, unknown>) => string

export function recipientChoices(groups: GroupInfo[], users: UserInfo[], t: Translate): RecipientGroup[] {
  // Leaders are linked to areas, and only area groups (片区行动组) answer for areas; with none, offer every group.
  const areaGroups = groups.some((g) => g.kind === 'Area') ? groups.filter((g) => g.kind === 'Area') : groups
  return [
    { label: t('recipients.ofTask'), options: [
      { value: 'head:*', label: t('recipients.taskHead') },
      { value: 'leaders:*', label: t('recipients.taskLeaders') },
    ] },
    { label: t('recipients.groups'), options: groups.map((g) => ({ value: g.id, label: `${g.name}（${g.id}）` })) },
    { label: t('recipients.heads'), options: groups.map((g) => ({ value: `head:${g.id}`, label: t('recipients.headOf', { group: g.name }) })) },
    { label: t('recipients.leaders'), options: areaGroups.map((g) => ({ value: `leaders:${g.id}`, label: t('recipients.leadersOf', { group: g.name }) })) },
    { label: t('recipients.users'), options: users.map((u) => ({ value: u.userName, label: u.displayName ? `${u.displayName}（${u.userName}）` : u.userName })) },
  ].filter((group) => group.options.length > 0)
}

/** The entries of a `to`/`cc` text; an expression stays one entry (its commas are not separators). */
export function recipientEntries(value: string | null | undefined): string[] {
  const text = (value ?? '').trim()
  if (!text) return []
  return text.includes('${') ? [text] : text.split(',').map((s) => s.trim()).filter(Boolean)
}
