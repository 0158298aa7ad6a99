import type { RouteRecordRaw } from 'vue-router'
import { Bell, DataLine } from '@element-plus/icons-vue'
import type { MenuEntry } from '../router/menu'
import './messages'

const operators = ['Administrator', 'Dispatcher', 'Supervisor', 'Leader'] as const

/** Desktop pages inside the console layout. */
export const workRoutes: RouteRecordRaw[] = [
  { path: 'inbox', name: 'inbox', component: () => import('../inbox/InboxPage.vue') },
  { path: 'tasks/:id', name: 'task', component: () => import('../tasks/TaskPage.vue'), props: true },
  { path: 'instances', name: 'instances', component: () => import('../instances/InstanceList.vue'), meta: { roles: operators } },
  { path: 'instances/:id', name: 'instance', component: () => import('../instances/InstancePage.vue'), props: true, meta: { roles: operators } },
]

/** Phone pages (Vant, 390×844) outside the desktop layout. */
export const phoneRoutes: RouteRecordRaw[] = [
  { path: '/m', redirect: '/m/inbox' },
  { path: '/m/inbox', name: 'phone-inbox', component: () => import('../phone/PhoneInbox.vue') },
  { path: '/m/tasks/:id', name: 'phone-task', component: () => import('../phone/PhoneTask.vue'), props: true },
  { path: '/m/report', name: 'phone-report', component: () => import('../phone/PhoneReport.vue') },
]

export const workMenu: MenuEntry[] = [
  { path: '/inbox', titleKey: 'menu.inbox', icon: Bell },
  { path: '/instances', titleKey: 'menu.instances', icon: DataLine, roles: operators },
]
