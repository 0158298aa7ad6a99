import { onBeforeUnmount, onMounted, type Ref } from 'vue'
import { onBeforeRouteLeave } from 'vue-router'
import { ElMessageBox } from 'element-plus'
import { useI18n } from 'vue-i18n'

/** Leaving a page with unsaved changes asks first: inside the console (router) and when closing or reloading the tab. */
export function useLeaveGuard(dirty: Ref<boolean>) {
  const { t } = useI18n()
  const beforeUnload = (e: BeforeUnloadEvent) => {
    if (!dirty.value) return
    e.preventDefault()
    e.returnValue = ''
  }
  onMounted(() => window.addEventListener('beforeunload', beforeUnload))
  onBeforeUnmount(() => window.removeEventListener('beforeunload', beforeUnload))
  onBeforeRouteLeave(async () => {
    if (!dirty.value) return true
    try {
      await ElMessageBox.confirm(t('leave.message'), t('leave.title'), {
        confirmButtonText: t('leave.leave'), cancelButtonText: t('leave.stay'), type: 'warning',
      })
      return true
    } catch {
      return false
    }
  })
}
