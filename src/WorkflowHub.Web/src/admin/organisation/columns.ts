import type { OrgColumn, OrgRow, OrgTable } from '../../api/organisation'

/** A table whose first column is a number the server gives (leader links, 双报到 units, routing rules). */
export const isGeneratedKey = (table: OrgTable) => table.columns[0]?.type === 'Number'

/** The row's key as the API's addresses name it: the first column (code or id). */
export const rowKey = (table: OrgTable, row: OrgRow) => String(row[table.columns[0].name] ?? '')

/** The API's headers are the Chinese ones the import files use; English readers get the column name. */
export const columnLabel = (c: OrgColumn, locale: string) => (locale === 'en' ? c.name : c.header)

export function choiceLabel(choice: string, t: (key: string) => string, te: (key: string) => boolean): string {
  return te(`organisation.choices.${choice}`) ? t(`organisation.choices.${choice}`) : choice
}

export function cellText(c: OrgColumn, value: unknown, t: (key: string) => string, te: (key: string) => boolean): string {
  if (value === null || value === undefined) return ''
  if (Array.isArray(value)) return value.join('、')
  if (c.type === 'Bool') return value ? t('organisation.yes') : t('organisation.no')
  if (c.type === 'Choice') return choiceLabel(String(value), t, te)
  return String(value)
}
