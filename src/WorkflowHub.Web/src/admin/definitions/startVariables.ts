import type { StartFormField } from '../../api/admin'

export type FreeType = 'string' | 'number' | 'boolean' | 'json'

/** A free variable row of "start by hand" when the start event declares no fields. */
export interface FreeVariable {
  name: string
  type: FreeType
  value: string
}

/** A problem with one input: which one (field id or row index) and the message key with its values. */
export interface InputProblem {
  at: string
  key: string
  values: Record<string, string>
}

/** The initial value of a declared field: its default, typed (booleans and numbers as such). */
export function initialValue(field: StartFormField): unknown {
  const raw = field.defaultValue
  if (field.type === 'boolean') return raw === 'true'
  if (field.type === 'long' || field.type === 'integer' || field.type === 'double') return raw == null || raw === '' ? undefined : Number(raw)
  return raw ?? ''
}

/** The variables of the declared fields; required ones left empty are problems. */
export function declaredVariables(fields: StartFormField[], values: Record<string, unknown>) {
  const variables: Record<string, unknown> = {}
  const problems: InputProblem[] = []
  for (const field of fields.filter((f) => f.writable)) {
    const value = values[field.id]
    const empty = value === undefined || value === null || value === ''
    if (empty) {
      if (field.required) problems.push({ at: field.id, key: 'admin.definitions.required', values: { field: field.label || field.id } })
      continue
    }
    variables[field.id] = value
  }
  return { variables, problems }
}

/** The variables of free rows, read by their JSON type; bad numbers, bad JSON, blank or repeated names are problems. */
export function freeVariables(rows: FreeVariable[]) {
  const variables: Record<string, unknown> = {}
  const problems: InputProblem[] = []
  rows.forEach((row, i) => {
    const name = row.name.trim()
    const at = String(i)
    if (!name) {
      if (row.value.trim()) problems.push({ at, key: 'admin.definitions.nameRequired', values: {} })
      return
    }
    if (name in variables) {
      problems.push({ at, key: 'admin.definitions.duplicate', values: { name } })
      return
    }
    switch (row.type) {
      case 'number': {
        const n = Number(row.value)
        if (row.value.trim() === '' || !Number.isFinite(n)) problems.push({ at, key: 'admin.definitions.badNumber', values: { field: name } })
        else variables[name] = n
        break
      }
      case 'boolean':
        variables[name] = row.value === 'true'
        break
      case 'json':
        try {
          variables[name] = JSON.parse(row.value)
        } catch (e) {
          problems.push({ at, key: 'admin.definitions.badJson', values: { field: name, message: (e as Error).message } })
        }
        break
      default:
        variables[name] = row.value
    }
  })
  return { variables, problems }
}
