import { createI18n } from 'vue-i18n'
import zhCN from './zh-CN'
import en from './en'
import { httpSettings } from '../api/http'

export type Locale = 'zh-CN' | 'en'
export const locales: { value: Locale; label: string }[] = [
  { value: 'zh-CN', label: '简体中文' },
  { value: 'en', label: 'English' },
]
const storageKey = 'workflowhub.locale'

function initialLocale(): Locale {
  const saved = localStorage.getItem(storageKey)
  return saved === 'en' || saved === 'zh-CN' ? saved : 'zh-CN'
}

export const i18n = createI18n({
  legacy: false,
  locale: initialLocale(),
  fallbackLocale: 'zh-CN',
  messages: { 'zh-CN': zhCN, en },
})

/** Pages and feature folders add their own message trees (designer, forms...) without touching the files above. */
export function addMessages(tree: Record<Locale, Record<string, unknown>>) {
  for (const locale of Object.keys(tree) as Locale[]) i18n.global.mergeLocaleMessage(locale, tree[locale])
}

export function setLocale(locale: Locale) {
  i18n.global.locale.value = locale
  localStorage.setItem(storageKey, locale)
  document.documentElement.lang = locale
  httpSettings.setLanguage(locale)
}

export function currentLocale(): Locale {
  return i18n.global.locale.value as Locale
}

httpSettings.setLanguage(initialLocale())
