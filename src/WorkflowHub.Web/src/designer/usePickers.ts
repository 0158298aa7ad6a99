import { ref } from 'vue'
import { api } from '../api/client'
import { noticesApi, type NoticeTemplateSummary } from '../api/notices'
import type { FormSummary, GroupInfo, HandlerInfo, UserInfo } from '../api/types'

/** What the property pickers offer: handler topics, users, groups, forms and notice templates from the server (each may fail alone). */
export function usePickers() {
  const handlers = ref<HandlerInfo[]>([])
  const users = ref<UserInfo[]>([])
  const groups = ref<GroupInfo[]>([])
  const forms = ref<FormSummary[]>([])
  const templates = ref<NoticeTemplateSummary[]>([])
  async function load() {
    const [h, u, g, f, n] = await Promise.allSettled([api.handlers(), api.users(), api.groups(), api.forms.list(), noticesApi.templates()])
    if (h.status === 'fulfilled') handlers.value = h.value.items
    if (u.status === 'fulfilled') users.value = u.value.items
    if (g.status === 'fulfilled') groups.value = g.value.items
    if (f.status === 'fulfilled') forms.value = f.value.items
    if (n.status === 'fulfilled') templates.value = n.value.items
  }
  return { handlers, users, groups, forms, templates, load }
}
