/**
 * A test payload for a webhook: `{"test": true}` plus, when the webhook reads its business key from the body, a
 * value at that place (a property name or a JSON pointer such as /ticket/id), so the test correlates like a real call.
 */
export function samplePayload(businessKeyVariable: string | null, now = new Date()): Record<string, unknown> {
  const payload: Record<string, unknown> = { test: true }
  if (!businessKeyVariable) return payload
  const key = `TEST-${now.toISOString().replace(/\D/g, '').slice(0, 14)}`
  const path = businessKeyVariable.startsWith('/')
    ? businessKeyVariable.slice(1).split('/').map((s) => s.replace(/~1/g, '/').replace(/~0/g, '~'))
    : [businessKeyVariable]
  let node: Record<string, unknown> = payload
  path.forEach((segment, i) => {
    if (i === path.length - 1) node[segment] = key
    else node = (node[segment] = typeof node[segment] === 'object' && node[segment] ? node[segment] : {}) as Record<string, unknown>
  })
  return payload
}
