import type { RouteRecordRaw } from 'vue-router'
import { User, UserFilled, Link, Timer, Monitor, Files } from '@element-plus/icons-vue'
import type { MenuEntry } from '../router/menu'
import { Administrator, Operators } from '../router/roles'
import './messages'

const admin = { roles: [Administrator] }
const operators = { roles: Operators }

/** Administration (Administrators) and the definitions list with start-by-hand (operators, who may start instances). */
export const adminRoutes: RouteRecordRaw[] = [
  { path: 'admin/users', name: 'admin-users', component: () => import('./users/UsersPage.vue'), meta: admin },
  { path: 'admin/groups', name: 'admin-groups', component: () => import('./groups/GroupsPage.vue'), meta: admin },
  { path: 'admin/webhooks', name: 'admin-webhooks', component: () => import('./webhooks/WebhooksPage.vue'), meta: admin },
  { path: 'admin/jobs', name: 'admin-jobs', component: () => import('./jobs/JobsPage.vue'), meta: admin },
  { path: 'admin/system', name: 'admin-system', component: () => import('./system/SystemPage.vue'), meta: admin },
  { path: 'definitions', name: 'definitions', component: () => import('./definitions/DefinitionsPage.vue'), meta: operators },
]

export const adminMenu: MenuEntry[] = [
  { path: '/definitions', titleKey: 'menu.definitions', icon: Files, roles: Operators },
  { path: '/admin/users', titleKey: 'menu.users', icon: User, roles: [Administrator] },
  { path: '/admin/groups', titleKey: 'menu.groups', icon: UserFilled, roles: [Administrator] },
  { path: '/admin/webhooks', titleKey: 'menu.webhooks', icon: Link, roles: [Administrator] },
  { path: '/admin/jobs', titleKey: 'menu.jobs', icon: Timer, roles: [Administrator] },
  { path: '/admin/system', titleKey: 'menu.system', icon: Monitor, roles: [Administrator] },
]
