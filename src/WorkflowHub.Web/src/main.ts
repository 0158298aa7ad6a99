import { createApp } from 'vue'
import { createPinia } from 'pinia'
import ElementPlus from 'element-plus'
import 'element-plus/dist/index.css'
import App from './App.vue'
import { i18n } from './i18n'
import { router } from './router'
import { httpSettings } from './api/http'
import { useSession } from './stores/session'
import './styles.css'

const app = createApp(App)
const pinia = createPinia()
app.use(pinia).use(i18n).use(router).use(ElementPlus)

// An expired cookie anywhere sends the user to the sign-in page and back to where they were afterwards.
httpSettings.setUnauthorizedHandler(() => {
  useSession(pinia).clear()
  const here = router.currentRoute.value
  if (!here.meta.public) void router.push({ name: 'signin', query: { next: here.fullPath } })
})

app.mount('#app')
