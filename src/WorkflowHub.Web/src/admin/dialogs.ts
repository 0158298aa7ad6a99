import { ElMessageBox } from 'element-plus'
import { ApiError } from '../api/http'
import { i18n } from '../i18n'

/** Asks before a destructive step (reset, disable, delete, rotate); true when the administrator confirmed. */
export async function confirmed(message: string, title: string, confirmText?: string): Promise<boolean> {
  const t = i18n.global.t
  try {
    await ElMessageBox.confirm(message, title, { type: 'warning', confirmButtonText: confirmText ?? t('common.confirm'), cancelButtonText: t('common.cancel') })
    return true
  } catch {
    return false
  }
}

/**
 * The server's field errors by form field, for `el-form-item :error`: `Roles[0]` and `groups[1]` go to `roles` and
 * `groups`, several messages of one field are joined.
 */
export function fieldErrors(e: unknown): Record<string, string> {
  const out: Record<string, string> = {}
  if (!(e instanceof ApiError)) return out
  for (const [key, messages] of Object.entries(e.problem.errors ?? {})) {
    const field = key.replace(/\[\d+\]$/, '')
    const name = field.charAt(0).toLowerCase() + field.slice(1)
    out[name] = [out[name], ...messages].filter(Boolean).join(' ')
  }
  return out
}
