const bpmn = 'http://www.omg.org/spec/BPMN/20100524/MODEL'

/** The BPMN element kinds a token can stand at: what the instance-modification screen offers to start before or after. */
const kinds = new Set([
  'task', 'userTask', 'serviceTask', 'sendTask', 'receiveTask', 'scriptTask', 'manualTask', 'businessRuleTask', 'subProcess',
  'callActivity', 'startEvent', 'endEvent', 'intermediateCatchEvent', 'intermediateThrowEvent', 'boundaryEvent',
  'exclusiveGateway', 'parallelGateway', 'inclusiveGateway', 'eventBasedGateway', 'complexGateway',
])

export interface FlowNodeInfo {
  id: string
  name: string | null
  kind: string
}

/** Every flow node of the diagram's processes (sub-processes included), in document order. */
export function flowNodes(xml: string): FlowNodeInfo[] {
  const doc = new DOMParser().parseFromString(xml, 'application/xml')
  if (doc.getElementsByTagName('parsererror').length) return []
  return Array.from(doc.getElementsByTagNameNS(bpmn, '*'))
    .filter((e) => kinds.has(e.localName) && e.getAttribute('id'))
    .map((e) => ({ id: e.getAttribute('id')!, name: e.getAttribute('name'), kind: e.localName }))
}
