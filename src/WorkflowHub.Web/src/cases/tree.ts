import type { OrgRow } from '../api/organisation'

export interface TreeOption {
  value: string
  label: string
  children?: TreeOption[]
}

/** Flat rows with a parent code (areas, categories) as a tree for a tree select; an unknown parent makes a root. */
export function toTree(rows: OrgRow[], key = 'code', parent = 'parent', name = 'name'): TreeOption[] {
  const nodes = new Map<string, TreeOption>()
  for (const row of rows) nodes.set(String(row[key]), { value: String(row[key]), label: `${row[name] ?? ''}（${row[key]}）` })
  const roots: TreeOption[] = []
  for (const row of rows) {
    const node = nodes.get(String(row[key]))!
    const up = row[parent] ? nodes.get(String(row[parent])) : undefined
    if (up && up !== node) (up.children ??= []).push(node)
    else roots.push(node)
  }
  return roots
}
