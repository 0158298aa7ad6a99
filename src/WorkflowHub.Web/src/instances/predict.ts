/**
 * The user tasks still to come, read from the diagram: walking the sequence flows forward from the active elements
 * (every branch of a gateway, since conditions are decided only when the token gets there), nearest first.
 */
export function predictUpcoming(xml: string, active: string[], limit = 10): { id: string; name: string }[] {
  const doc = new DOMParser().parseFromString(xml, 'application/xml')
  const byLocal = (name: string) => Array.from(doc.getElementsByTagNameNS('*', name))
  const next = new Map<string, string[]>()
  for (const flow of byLocal('sequenceFlow')) {
    const source = flow.getAttribute('sourceRef') ?? ''
    next.set(source, [...(next.get(source) ?? []), flow.getAttribute('targetRef') ?? ''])
  }
  const tasks = new Map(byLocal('userTask').map((e) => [e.getAttribute('id') ?? '', e.getAttribute('name') ?? e.getAttribute('id') ?? '']))
  const seen = new Set(active)
  const queue = [...active]
  const found: { id: string; name: string }[] = []
  while (queue.length && found.length < limit) {
    for (const target of next.get(queue.shift()!) ?? []) {
      if (seen.has(target)) continue
      seen.add(target)
      if (tasks.has(target)) found.push({ id: target, name: tasks.get(target)! })
      queue.push(target)
    }
  }
  return found
}
