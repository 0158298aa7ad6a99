import { defineStore } from 'pinia'
import { computed, ref } from 'vue'
import { api, ApiError } from '../api/client'
import { httpSettings } from '../api/http'
import type { SessionUser } from '../api/types'

/** The signed-in user (name, roles, groups) and the anti-forgery token the API client sends on unsafe calls. */
export const useSession = defineStore('session', () => {
  const user = ref<SessionUser | null>(null)
  const checked = ref(false)

  function set(value: SessionUser | null) {
    user.value = value
    httpSettings.setAntiforgeryToken(value?.antiforgeryToken ?? null)
  }

  /** Asks the server who is signed in (the cookie); null when nobody is. */
  async function load(): Promise<SessionUser | null> {
    try {
      set(await api.session.current())
    } catch (e) {
      if (!(e instanceof ApiError) || e.status !== 401) throw e
      set(null)
    } finally {
      checked.value = true
    }
    return user.value
  }

  async function login(userName: string, password: string) {
    await api.session.login(userName, password)
    await load()
  }

  async function logout() {
    try {
      await api.session.logout()
    } finally {
      set(null)
    }
  }

  const roles = computed(() => user.value?.roles ?? [])
  const hasAnyRole = (wanted?: readonly string[]) => !wanted || wanted.length === 0 || wanted.some((r) => roles.value.includes(r))

  return { user, checked, roles, load, login, logout, hasAnyRole, clear: () => set(null) }
})
