import { createRouter, createWebHistory, type RouteRecordRaw } from 'vue-router'
import { useSession } from '../stores/session'
import { phoneRoutes, workRoutes } from '../work/routes'

declare module 'vue-router' {
  interface RouteMeta {
    /** Anyone may open it (the sign-in page). */
    public?: boolean
    /** Only these roles may open it; the menu and the guard read the same list. */
    roles?: readonly string[]
  }
}

/** Console routes; the server falls back to index.html for these paths (never for /api, /hooks, /docs, /health). */
export const routes: RouteRecordRaw[] = [
  { path: '/signin', name: 'signin', component: () => import('../views/SignIn.vue'), meta: { public: true } },
  ...phoneRoutes,
  {
    path: '/',
    component: () => import('../layouts/ConsoleLayout.vue'),
    children: [
      { path: '', name: 'home', component: () => import('../views/Home.vue') },
      ...workRoutes,
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
