/** Reading and writing the Camunda attributes the designer's own property forms and the ladder editor edit. */
import type { Modeler } from './createModeler'
import type { TimerText } from './duration'

// eslint-disable-next-line @typescript-eslint/no-explicit-any
type Bo = any

export function inputParameters(bo: Bo): Record<string, string> {
  const io = (bo.extensionElements?.values ?? []).find((v: Bo) => v.$type === 'camunda:InputOutput')
  const result: Record<string, string> = {}
  for (const p of io?.inputParameters ?? []) result[p.name] = typeof p.value === 'string' ? p.value : ''
  return result
}

/** Replaces the text input parameters named in `values` (empty removes), keeping every other extension element. */
export function setInputParameters(modeler: Modeler, element: Bo, values: Record<string, string>) {
  const moddle = modeler.get('moddle')
  const modeling = modeler.get('modeling')
  const bo = element.businessObject
  let ext = bo.extensionElements
  if (!ext) {
    ext = moddle.create('bpmn:ExtensionElements', { values: [] })
    ext.$parent = bo
    modeling.updateModdleProperties(element, bo, { extensionElements: ext })
  }
  let io = ext.values.find((v: Bo) => v.$type === 'camunda:InputOutput')
  if (!io) {
    io = moddle.create('camunda:InputOutput', { inputParameters: [], outputParameters: [] })
    io.$parent = ext
    modeling.updateModdleProperties(element, ext, { values: [...ext.values, io] })
  }
  const kept = (io.inputParameters ?? []).filter((p: Bo) => !(p.name in values))
  const added = Object.entries(values)
    .filter(([, v]) => v !== '')
    .map(([name, value]) => {
      const p = moddle.create('camunda:InputParameter', { name, value })
      p.$parent = io
      return p
    })
  modeling.updateModdleProperties(element, io, { inputParameters: [...kept, ...added] })
}

export function timerDefinition(bo: Bo): Bo | null {
  return (bo.eventDefinitions ?? []).find((d: Bo) => d.$type === 'bpmn:TimerEventDefinition') ?? null
}

/** The timer's value: its one of timeDuration / timeDate / timeCycle (null when it has none yet). */
export function timerText(bo: Bo): TimerText | null {
  const timer = timerDefinition(bo)
  if (!timer) return null
  for (const type of ['timeDuration', 'timeDate', 'timeCycle'] as const) {
    if (timer[type]) return { type, body: timer[type].body ?? '' }
  }
  return null
}

/** Sets the timer's value; the other two forms are removed (BPMN allows one). */
export function setTimerText(modeler: Modeler, element: Bo, value: TimerText) {
  const timer = timerDefinition(element.businessObject)
  if (!timer) return
  const expression = modeler.get('moddle').create('bpmn:FormalExpression', { body: value.body })
  expression.$parent = timer
  const properties: Record<string, unknown> = { timeDuration: undefined, timeDate: undefined, timeCycle: undefined }
  properties[value.type] = expression
  modeler.get('modeling').updateModdleProperties(element, timer, properties)
}

export function sameTimer(a: TimerText | null, b: TimerText | null): boolean {
  return a?.type === b?.type && a?.body === b?.body
}

export function splitList(value: unknown): string[] {
  return typeof value === 'string' ? value.split(',').map((s) => s.trim()).filter(Boolean) : []
}
