import type { Component } from 'vue'
import { House, Share, Document } from '@element-plus/icons-vue'
import { workMenu } from '../work/routes'
import { noticeMenu } from '../notices/routes'
import { caseMenu } from '../cases/routes'
import { organisationMenu } from '../admin/organisation/routes'
import { adminMenu } from '../admin/routes'
import { reportMenu } from '../reports/routes'

/** One entry of the side menu; shown only to users holding one of `roles` (none: everyone signed in). */
export interface MenuEntry {
  path: string
  titleKey: string
  icon: Component
  roles?: readonly string[]
}

import { Administrator } from './roles'

export { Administrator }

/** The console's menu. Other feature areas (inbox, instances, administration) add their entries here. */
export const menu: MenuEntry[] = [
  { path: '/', titleKey: 'menu.home', icon: House },
  { path: '/designer', titleKey: 'menu.designer', icon: Share, roles: [Administrator] },
  { path: '/forms', titleKey: 'menu.forms', icon: Document, roles: [Administrator] },
  ...workMenu,
  ...caseMenu,
  ...reportMenu,
  ...noticeMenu,
  ...organisationMenu,
  ...adminMenu,
]
