/**
 * bpmnlint rules for what WorkflowHub's engine executes (see the README's "Executed elements"): the designer flags
 * elements the engine would refuse at deploy, and service/send tasks without a handler, while the user draws.
 */
type Node = {
  $type: string; id?: string; eventDefinitions?: { $type: string }[]; topic?: string; expression?: string; triggeredByEvent?: boolean
  $parent?: Node; get?: (n: string) => unknown; $instanceOf?: (t: string) => boolean
}
type Reporter = { report: (id: string | undefined, message: string) => void }

const executedTypes = new Set([
  'bpmn:StartEvent', 'bpmn:EndEvent', 'bpmn:UserTask', 'bpmn:ServiceTask', 'bpmn:SendTask', 'bpmn:ScriptTask', 'bpmn:ReceiveTask',
  'bpmn:ManualTask', 'bpmn:Task', 'bpmn:IntermediateCatchEvent', 'bpmn:ExclusiveGateway', 'bpmn:ParallelGateway',
  'bpmn:EventBasedGateway', 'bpmn:InclusiveGateway', 'bpmn:BoundaryEvent', 'bpmn:IntermediateThrowEvent',
  'bpmn:SubProcess', 'bpmn:CallActivity',
])
const flowNodeTypes = /^bpmn:(.*(Task|Event|Gateway)|SubProcess|Transaction|AdHocSubProcess|CallActivity)$/

const allowedDefinitions: Record<string, string[]> = {
  'bpmn:StartEvent': ['bpmn:MessageEventDefinition', 'bpmn:TimerEventDefinition', 'bpmn:SignalEventDefinition'],
  'bpmn:EndEvent': ['bpmn:TerminateEventDefinition', 'bpmn:ErrorEventDefinition', 'bpmn:SignalEventDefinition', 'bpmn:EscalationEventDefinition',
    'bpmn:CompensateEventDefinition'],
  'bpmn:IntermediateCatchEvent': ['bpmn:MessageEventDefinition', 'bpmn:TimerEventDefinition', 'bpmn:SignalEventDefinition',
    'bpmn:LinkEventDefinition', 'bpmn:ConditionalEventDefinition'],
  'bpmn:IntermediateThrowEvent': ['bpmn:SignalEventDefinition', 'bpmn:EscalationEventDefinition', 'bpmn:LinkEventDefinition',
    'bpmn:CompensateEventDefinition'],
  'bpmn:BoundaryEvent': ['bpmn:MessageEventDefinition', 'bpmn:TimerEventDefinition', 'bpmn:ErrorEventDefinition',
    'bpmn:SignalEventDefinition', 'bpmn:EscalationEventDefinition', 'bpmn:ConditionalEventDefinition', 'bpmn:CompensateEventDefinition'],
}

/** Start events of event sub-processes (triggeredByEvent); compensation only inside an embedded sub-process. */
const eventSubProcessStarts = ['bpmn:MessageEventDefinition', 'bpmn:TimerEventDefinition', 'bpmn:SignalEventDefinition',
  'bpmn:ErrorEventDefinition', 'bpmn:EscalationEventDefinition', 'bpmn:ConditionalEventDefinition']

function allowedFor(node: Node): string[] | undefined {
  const owner = node.$parent
  if (node.$type === 'bpmn:StartEvent' && owner?.$type === 'bpmn:SubProcess' && owner.triggeredByEvent) {
    return owner.$parent?.$type === 'bpmn:SubProcess' ? [...eventSubProcessStarts, 'bpmn:CompensateEventDefinition'] : eventSubProcessStarts
  }
  return allowedDefinitions[node.$type]
}

export function engineExecutes() {
  function check(node: Node, reporter: Reporter) {
    if (!flowNodeTypes.test(node.$type)) return
    if (!executedTypes.has(node.$type)) {
      reporter.report(node.id, `引擎不执行此元素（${node.$type.replace('bpmn:', '')}），部署会被拒绝 / the engine does not execute this element`)
      return
    }
    const allowed = allowedFor(node)
    for (const definition of node.eventDefinitions ?? []) {
      if (!allowed?.includes(definition.$type)) {
        reporter.report(node.id, `引擎不支持此事件类型（${definition.$type.replace('bpmn:', '')}） / the engine does not support this event type`)
      }
    }
    if (node.$type === 'bpmn:IntermediateCatchEvent' && !(node.eventDefinitions ?? []).length) {
      reporter.report(node.id, '中间捕获事件需要消息、定时器、信号、链接或条件 / needs a message, timer, signal, link or condition')
    }
    if (node.$type === 'bpmn:IntermediateThrowEvent' && !(node.eventDefinitions ?? []).length) {
      reporter.report(node.id, '中间抛出事件需要信号、升级或链接 / needs a signal, an escalation or a link')
    }
  }
  return { check }
}

export function taskHasHandler() {
  function check(node: Node, reporter: Reporter) {
    if (node.$type !== 'bpmn:ServiceTask' && node.$type !== 'bpmn:SendTask') return
    const topic = node.get?.('camunda:topic') ?? node.topic
    const expression = node.get?.('camunda:expression') ?? node.expression
    if (!topic && !expression) reporter.report(node.id, '请选择处理程序（主题）/ pick a handler topic')
  }
  return { check }
}
