import { ref } from 'vue'
import { api } from '../api/client'
import type { FormSummary, GroupInfo, HandlerInfo, UserInfo } from '../api/types'

/** What the property pickers offer: handler topics, users, groups and forms from the server (each may fail alone). */
export function usePickers() {
  const handlers = ref<HandlerInfo[]>([])
  const users = ref<UserInfo[]>([])
  const groups = ref<GroupInfo[]>([])
  const forms = ref<FormSummary[]>([])
  async function load() {
    const [h, u, g, f] = await Promise.allSettled([api.handlers(), api.users(), api.groups(), api.forms.list()])
    if (h.status === 'fulfilled') handlers.value = h.value.items
    if (u.status === 'fulfilled') users.value = u.value.items
    if (g.status === 'fulfilled') groups.value = g.value.items
    if (f.status === 'fulfilled') forms.value = f.value.items
  }
  return { handlers, users, groups, forms, load }
}
