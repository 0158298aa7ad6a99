/**
 * The designer's bpmn-js Modeler: Camunda Platform 7 properties panel, Camunda moddle and behaviours, minimap,
 * lint-as-you-draw with the engine's rules, and the zh-CN translation. One place, used by the designer and the ladder.
 */
import BpmnModeler from 'bpmn-js/lib/Modeler'
import { BpmnPropertiesPanelModule, BpmnPropertiesProviderModule, CamundaPlatformPropertiesProviderModule } from 'bpmn-js-properties-panel'
import CamundaBehaviorsModule from 'camunda-bpmn-js-behaviors/lib/camunda-platform'
import camundaModdle from 'camunda-bpmn-moddle/resources/camunda.json'
import minimapModule from 'diagram-js-minimap'
import lintModule from 'bpmn-js-bpmnlint'
import 'bpmn-js/dist/assets/diagram-js.css'
import 'bpmn-js/dist/assets/bpmn-js.css'
import 'bpmn-js/dist/assets/bpmn-font/css/bpmn-embedded.css'
import '@bpmn-io/properties-panel/dist/assets/properties-panel.css'
import 'diagram-js-minimap/assets/diagram-js-minimap.css'
import 'bpmn-js-bpmnlint/dist/assets/css/bpmn-js-bpmnlint.css'
import { translateModule } from './translate-zh'
import { lintConfig } from './lint/config'

export interface ModelerOptions {
  container: HTMLElement
  /** Where the properties panel goes; none: no panel (the ladder editor has its own form). */
  propertiesParent?: HTMLElement
  lint?: boolean
}

// The modeler's API is untyped JavaScript; the pages use the few services they need through `get`.
// eslint-disable-next-line @typescript-eslint/no-explicit-any
export type Modeler = any

export function createModeler(options: ModelerOptions): Modeler {
  const modules: unknown[] = [CamundaBehaviorsModule, minimapModule, translateModule]
  if (options.propertiesParent) modules.push(BpmnPropertiesPanelModule, BpmnPropertiesProviderModule, CamundaPlatformPropertiesProviderModule)
  if (options.lint !== false) modules.push(lintModule)
  return new BpmnModeler({
    container: options.container,
    propertiesPanel: options.propertiesParent ? { parent: options.propertiesParent } : undefined,
    linting: options.lint !== false ? { bpmnlint: lintConfig, active: true } : undefined,
    additionalModules: modules,
    moddleExtensions: { camunda: camundaModdle },
    keyboard: { bindTo: document },
  })
}

/** A new, empty executable process with one start event: what "新建流程" opens. */
export function blankDiagram(key: string, name: string): string {
  return `<?xml version="1.0" encoding="UTF-8"?>
<bpmn:definitions xmlns:bpmn="http://www.omg.org/spec/BPMN/20100524/MODEL" xmlns:bpmndi="http://www.omg.org/spec/BPMN/20100524/DI"
  xmlns:dc="http://www.omg.org/spec/DD/20100524/DC" xmlns:camunda="http://camunda.org/schema/1.0/bpmn"
  id="Definitions_${key}" targetNamespace="http://bpmn.io/schema/bpmn">
  <bpmn:process id="${key}" name="${name.replace(/[<&"]/g, '')}" isExecutable="true">
    <bpmn:startEvent id="StartEvent_1" name="开始" />
  </bpmn:process>
  <bpmndi:BPMNDiagram id="BPMNDiagram_1">
    <bpmndi:BPMNPlane id="BPMNPlane_1" bpmnElement="${key}">
      <bpmndi:BPMNShape id="StartEvent_1_di" bpmnElement="StartEvent_1"><dc:Bounds x="180" y="160" width="36" height="36" /></bpmndi:BPMNShape>
    </bpmndi:BPMNPlane>
  </bpmndi:BPMNDiagram>
</bpmn:definitions>`
}

/** The key of the (first executable) process in the diagram: what deploying and the draft are named by. */
export function processKey(modeler: Modeler): string | null {
  const definitions = modeler.getDefinitions?.()
  const processes = (definitions?.rootElements ?? []).filter((e: { $type: string }) => e.$type === 'bpmn:Process')
  const executable = processes.find((p: { isExecutable?: boolean }) => p.isExecutable) ?? processes[0]
  return executable?.id ?? null
}

export function processName(modeler: Modeler): string | null {
  const definitions = modeler.getDefinitions?.()
  const process = (definitions?.rootElements ?? []).find((e: { $type: string; id: string }) => e.$type === 'bpmn:Process' && e.id === processKey(modeler))
  return process?.name ?? null
}

export async function exportXml(modeler: Modeler): Promise<string> {
  const { xml } = await modeler.saveXML({ format: true })
  return xml as string
}

/** Marks the elements the server named in its problems (red outline + the message on hover); clears earlier marks. */
export function markProblems(modeler: Modeler, problems: { elementId?: string | null; message: string; severity: string }[]) {
  const canvas = modeler.get('canvas')
  const registry = modeler.get('elementRegistry')
  const overlays = modeler.get('overlays')
  overlays.remove({ type: 'hub-problem' })
  for (const element of registry.getAll()) {
    canvas.removeMarker(element.id, 'hub-problem-error')
    canvas.removeMarker(element.id, 'hub-problem-warning')
  }
  for (const problem of problems) {
    if (!problem.elementId || !registry.get(problem.elementId)) continue
    canvas.addMarker(problem.elementId, problem.severity === 'error' ? 'hub-problem-error' : 'hub-problem-warning')
    const badge = document.createElement('div')
    badge.className = `hub-problem-badge hub-problem-badge-${problem.severity}`
    badge.textContent = '!'
    badge.title = problem.message
    overlays.add(problem.elementId, 'hub-problem', { position: { top: -10, right: 10 }, html: badge })
  }
}
