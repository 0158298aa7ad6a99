import type { RouteRecordRaw } from 'vue-router'
import { TrendCharts } from '@element-plus/icons-vue'
import type { MenuEntry } from '../router/menu'
import { Operators } from '../router/roles'
import './messages'

/** The KPI dashboard (考核看板): the operators, as the reports API allows. */
export const reportRoutes: RouteRecordRaw[] = [
  { path: 'reports', name: 'reports', component: () => import('./DashboardPage.vue'), meta: { roles: Operators } },
]

export const reportMenu: MenuEntry[] = [{ path: '/reports', titleKey: 'menu.dashboard', icon: TrendCharts, roles: Operators }]
