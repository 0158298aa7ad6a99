/**
 * The escalation ladder (升级阶梯) of a user task, read from and written to the BPMN: each step is a
 * non-interrupting boundary timer on the task (elapsed or working time, see duration.ts) whose flow leads to a send
 * task with topic `notice` (inputs template, to, cc, level) and on to an end event. The task itself keeps waiting
 * while the ladder climbs.
 */
import type { Modeler } from '../createModeler'
import { inputParameters, sameTimer, setInputParameters, setTimerText, timerDefinition, timerText } from '../bpmnAccess'
import { describeTimer, type TimerText } from '../duration'

// eslint-disable-next-line @typescript-eslint/no-explicit-any
type Shape = any

export const NoticeTopic = 'notice'

export interface LadderStep {
  timerId: string
  noticeId: string | null
  after: TimerText | null
  template: string
  to: string
  cc: string
  level: string
}

export function userTasks(modeler: Modeler): { id: string; name: string }[] {
  return modeler.get('elementRegistry').filter((e: Shape) => e.type === 'bpmn:UserTask' && !e.labelTarget)
    .map((e: Shape) => ({ id: e.id, name: e.businessObject.name ?? e.id }))
}

function noticeBehind(timer: Shape): Shape | null {
  const target = timer.outgoing?.[0]?.target
  return target && (target.type === 'bpmn:SendTask' || target.type === 'bpmn:ServiceTask') ? target : null
}

export function readLadder(modeler: Modeler, taskId: string): LadderStep[] {
  const task = modeler.get('elementRegistry').get(taskId)
  if (!task) return []
  return (task.attachers ?? [])
    .filter((a: Shape) => timerDefinition(a.businessObject))
    .sort((a: Shape, b: Shape) => a.x - b.x)
    .map((timer: Shape) => {
      const notice = noticeBehind(timer)
      const inputs = notice ? inputParameters(notice.businessObject) : {}
      return {
        timerId: timer.id, noticeId: notice?.id ?? null, after: timerText(timer.businessObject),
        template: inputs.template ?? '', to: inputs.to ?? '', cc: inputs.cc ?? '', level: inputs.level ?? '',
      }
    })
}

/** Writes one step's fields: the timer's duration and the notice task's inputs and labels. */
export function writeStep(modeler: Modeler, step: LadderStep, locale: string) {
  const registry = modeler.get('elementRegistry')
  const modeling = modeler.get('modeling')
  const timer = registry.get(step.timerId)
  if (timer && step.after && !sameTimer(timerText(timer.businessObject), step.after)) {
    setTimerText(modeler, timer, step.after)
  }
  const label = locale === 'en' ? `after ${describeTimer(step.after, locale)}` : `${describeTimer(step.after, locale)}后`
  if (timer && timer.businessObject.name !== label) modeling.updateLabel(timer, label)
  const notice = step.noticeId ? registry.get(step.noticeId) : null
  if (notice) {
    setInputParameters(modeler, notice, { template: step.template, to: step.to, cc: step.cc, level: step.level })
    const name = locale === 'en' ? `Escalation level ${step.level || '?'}` : `第 ${step.level || '?'} 级督办`
    if (notice.businessObject.name !== name) modeling.updateLabel(notice, name)
  }
}

/** Adds a step after the last one: timer on the task's bottom edge → send task (notice) → end event. */
export function addStep(modeler: Modeler, taskId: string, step: Omit<LadderStep, 'timerId' | 'noticeId'>, locale: string): LadderStep {
  const registry = modeler.get('elementRegistry')
  const modeling = modeler.get('modeling')
  const factory = modeler.get('elementFactory')
  const task = registry.get(taskId)
  const count = (task.attachers ?? []).length
  const x = task.x + Math.min(20 + count * 30, task.width - 10)
  const timerShape = factory.createShape({ type: 'bpmn:BoundaryEvent', eventDefinitionType: 'bpmn:TimerEventDefinition' })
  timerShape.businessObject.cancelActivity = false
  const timer = modeling.createShape(timerShape, { x, y: task.y + task.height }, task, { attach: true })
  const noticeShape = factory.createShape({ type: 'bpmn:SendTask' })
  const notice = modeling.createShape(noticeShape, { x: task.x + task.width / 2 + count * 140, y: task.y + task.height + 110 + count * 10 }, task.parent)
  modeling.updateProperties(notice, { 'camunda:type': 'external', 'camunda:topic': NoticeTopic })
  modeling.connect(timer, notice)
  const end = modeling.createShape({ type: 'bpmn:EndEvent' }, { x: notice.x + notice.width + 80, y: notice.y + notice.height / 2 }, task.parent)
  modeling.connect(notice, end)
  const full: LadderStep = { ...step, timerId: timer.id, noticeId: notice.id }
  writeStep(modeler, full, locale)
  return full
}

/** Removes the step's timer, its notice task and an end event that only it leads to. */
export function removeStep(modeler: Modeler, step: LadderStep) {
  const registry = modeler.get('elementRegistry')
  const elements: Shape[] = []
  const timer = registry.get(step.timerId)
  if (timer) elements.push(timer)
  const notice = step.noticeId ? registry.get(step.noticeId) : null
  if (notice) {
    elements.push(notice)
    for (const flow of notice.outgoing ?? []) {
      if (flow.target?.type === 'bpmn:EndEvent' && flow.target.incoming.length === 1) elements.push(flow.target)
    }
  }
  if (elements.length) modeler.get('modeling').removeElements(elements)
}

/** Rows in a new order: each row moves its timer to its place on the task's edge and takes the level of its place. */
export function reorder(modeler: Modeler, taskId: string, steps: LadderStep[], locale: string) {
  const registry = modeler.get('elementRegistry')
  const modeling = modeler.get('modeling')
  const task = registry.get(taskId)
  steps.forEach((step, i) => {
    const timer = registry.get(step.timerId)
    const wantedX = task.x + Math.min(20 + i * 30, task.width - 10) - timer.width / 2
    if (timer && timer.x !== wantedX) modeling.moveShape(timer, { x: wantedX - timer.x, y: 0 }, task, { attach: true })
    step.level = String(i + 1)
    writeStep(modeler, step, locale)
  })
}
