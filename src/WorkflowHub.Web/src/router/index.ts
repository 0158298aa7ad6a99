import { createRouter, createWebHistory, type RouteRecordRaw } from 'vue-router'
import { useSession } from '../stores/session'
import { Administrator } from './menu'
import { phoneRoutes, workRoutes } from '../work/routes'
import { noticeRoutes } from '../notices/routes'
import { caseRoutes } from '../cases/routes'
import { organisationRoutes } from '../admin/organisation/routes'
import { adminRoutes } from '../admin/routes'
import { reportRoutes } from '../reports/routes'

declare module 'vue-router' {
  interface RouteMeta {
    /** Anyone may open it (the sign-in page). */
    public?: boolean
    /** Only these roles may open it; the menu and the guard read the same list. */
    roles?: readonly string[]
  }
}

/** Console routes; the server falls back to index.html for these paths (never for /api, /hooks, /docs, /health). */
const admin = { roles: [Administrator] }

export const routes: RouteRecordRaw[] = [
  { path: '/signin', name: 'signin', component: () => import('../views/SignIn.vue'), meta: { public: true } },
  ...phoneRoutes,
  {
    path: '/',
    component: () => import('../layouts/ConsoleLayout.vue'),
    children: [
      { path: '', name: 'home', component: () => import('../views/Home.vue') },
      { path: 'designer', name: 'designer', component: () => import('../designer/DefinitionList.vue'), meta: admin },
      { path: 'designer/:key', name: 'designer-edit', component: () => import('../designer/DesignerPage.vue'), meta: admin },
      { path: 'designer/:key/ladder', name: 'ladder', component: () => import('../designer/ladder/LadderPage.vue'), meta: admin },
      { path: 'forms', name: 'forms', component: () => import('../forms/FormList.vue'), meta: admin },
      { path: 'forms/:key', name: 'form-edit', component: () => import('../forms/FormEditorPage.vue'), meta: admin },
      ...workRoutes,
      ...noticeRoutes,
      ...caseRoutes,
      ...organisationRoutes,
      ...adminRoutes,
      ...reportRoutes,
      { path: 'forbidden', name: 'forbidden', component: () => import('../views/Forbidden.vue') },
      { path: ':pathMatch(.*)*', name: 'not-found', component: () => import('../views/NotFound.vue') },
    ],
  },
]

export const router = createRouter({ history: createWebHistory(), routes })

router.beforeEach(async (to) => {
  const session = useSession()
  if (!session.checked) await session.load().catch(() => null)
  if (to.meta.public) return true
  if (!session.user) return { name: 'signin', query: { next: to.fullPath } }
  if (!session.hasAnyRole(to.meta.roles)) return { name: 'forbidden' }
  return true
})
