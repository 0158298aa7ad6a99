import type { RouteRecordRaw } from 'vue-router'
import { Message, Promotion, EditPen } from '@element-plus/icons-vue'
import type { MenuEntry } from '../router/menu'
import { Administrator, Operators } from '../router/roles'
import './messages'

const admin = { roles: [Administrator] }

/** 邮件, 发件记录 and the template editor: children of the console layout. */
export const noticeRoutes: RouteRecordRaw[] = [
  { path: 'notices/mailbox', name: 'mailbox', component: () => import('./MailboxPage.vue'), meta: admin },
  { path: 'notices/outbox', name: 'outbox', component: () => import('./OutboxPage.vue'), meta: { roles: Operators } },
  { path: 'notices/templates', name: 'notice-templates', component: () => import('./TemplateList.vue'), meta: admin },
  { path: 'notices/templates/:key', name: 'notice-template', component: () => import('./TemplateEditorPage.vue'), meta: admin },
]

export const noticeMenu: MenuEntry[] = [
  { path: '/notices/mailbox', titleKey: 'menu.mailbox', icon: Message, roles: [Administrator] },
  { path: '/notices/outbox', titleKey: 'menu.outbox', icon: Promotion, roles: Operators },
  { path: '/notices/templates', titleKey: 'menu.noticeTemplates', icon: EditPen, roles: [Administrator] },
]
