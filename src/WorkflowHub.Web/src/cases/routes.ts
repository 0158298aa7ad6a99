import type { RouteRecordRaw } from 'vue-router'
import { Tickets } from '@element-plus/icons-vue'
import type { MenuEntry } from '../router/menu'
import './messages'

/** The ledger and the case page: every signed-in user; the API scopes what each one sees. */
export const caseRoutes: RouteRecordRaw[] = [
  { path: 'cases', name: 'ledger', component: () => import('./LedgerPage.vue') },
  { path: 'cases/:number', name: 'case', component: () => import('./CasePage.vue') },
]

export const caseMenu: MenuEntry[] = [{ path: '/cases', titleKey: 'menu.ledger', icon: Tickets }]
