import type { RouteRecordRaw } from 'vue-router'
import { OfficeBuilding, Calendar } from '@element-plus/icons-vue'
import type { MenuEntry } from '../../router/menu'
import { Administrator } from '../../router/roles'
import './messages'

const admin = { roles: [Administrator] }

/** The organisation tables editor and the working-day calendar: administrators (everyone else reads them through the API). */
export const organisationRoutes: RouteRecordRaw[] = [
  { path: 'admin/organisation', name: 'organisation', component: () => import('./OrganisationPage.vue'), meta: admin },
  { path: 'admin/calendar', name: 'calendar', component: () => import('./CalendarPage.vue'), meta: admin },
]

export const organisationMenu: MenuEntry[] = [
  { path: '/admin/organisation', titleKey: 'menu.organisation', icon: OfficeBuilding, roles: [Administrator] },
  { path: '/admin/calendar', titleKey: 'menu.calendar', icon: Calendar, roles: [Administrator] },
]
