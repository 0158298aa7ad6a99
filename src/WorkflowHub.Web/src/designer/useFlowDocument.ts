import { ref, shallowRef } from 'vue'
import { ElMessage, ElMessageBox } from 'element-plus'
import { useI18n } from 'vue-i18n'
import { api, ApiError } from '../api/client'
import type { BpmnProblem } from '../api/http'
import type { DefinitionInfo, DraftSummary } from '../api/types'
import { blankDiagram, exportXml, markProblems, processKey, processName, type Modeler } from './createModeler'
import { useLoading } from '../composables/useLoading'
import { useProblem } from '../composables/useProblem'

/**
 * One flow open in a modeler: where it came from (a deployed version or the server-side draft), whether it has
 * unsaved changes, and the actions the designer and the ladder editor share: save draft, validate, deploy.
 */
export function useFlowDocument() {
  const { t } = useI18n()
  const modeler = shallowRef<Modeler | null>(null)
  const key = ref('')
  const versions = ref<DefinitionInfo[]>([])
  const version = ref<number | null>(null)
  const draft = ref<DraftSummary | null>(null)
  const dirty = ref(false)
  const revision = ref(0)
  const problems = ref<BpmnProblem[]>([])
  const { loading, busy, run } = useLoading()
  const problem = useProblem()

  function attach(m: Modeler) {
    modeler.value = m
    m.on('commandStack.changed', () => {
      dirty.value = true
      revision.value++
    })
  }

  /**
   * A new modeler in place of the current one, with the diagram as it is now (unsaved changes and the problem marks
   * kept, the view where it was). bpmn-js translates while it draws, so a language switch needs this.
   */
  async function rebuild(create: () => Modeler): Promise<Modeler> {
    const old = modeler.value
    const xml = old ? await exportXml(old) : null
    const viewbox = old?.get('canvas').viewbox()
    const wasDirty = dirty.value
    old?.destroy()
    const created = create()
    attach(created)
    if (xml) {
      await created.importXML(xml)
      if (viewbox) created.get('canvas').viewbox({ x: viewbox.x, y: viewbox.y, width: viewbox.width, height: viewbox.height })
      markProblems(created, problems.value)
    }
    dirty.value = wasDirty
    revision.value++
    return created
  }

  async function importXml(xml: string) {
    await modeler.value.importXML(xml)
    modeler.value.get('canvas').zoom('fit-viewport', 'auto')
    dirty.value = false
    revision.value++
  }

  /** Opens ?version=n, else the draft, else the latest version; a new key opens a blank diagram. */
  async function open(routeKey: string, wantedVersion: number | null, newName?: string) {
    problem.clear()
    performance.clearMarks('designer-open-start')
    performance.clearMeasures('designer-open')
    performance.mark('designer-open-start')
    await run(async () => {
      key.value = routeKey
      const [list, saved] = await Promise.allSettled([api.definitions.versions(routeKey), api.drafts.get(routeKey)])
      versions.value = list.status === 'fulfilled' ? [...list.value.items].sort((a, b) => b.version - a.version) : []
      draft.value = saved.status === 'fulfilled' ? saved.value : null
      if (wantedVersion) {
        version.value = wantedVersion
        await importXml(await api.definitions.xml(routeKey, wantedVersion))
      } else if (saved.status === 'fulfilled') {
        version.value = saved.value.basedOnVersion ?? null
        await importXml(saved.value.xml)
      } else if (versions.value.length) {
        version.value = versions.value[0].version
        await importXml(await api.definitions.xml(routeKey, version.value))
      } else {
        version.value = null
        await importXml(blankDiagram(routeKey, newName ?? routeKey))
        dirty.value = true
      }
      // Fetch + import + first render: what scripts/bench-designer-open.sh reports.
      performance.measure('designer-open', 'designer-open-start')
    }).catch(problem.show)
  }

  async function saveDraft(): Promise<boolean> {
    problem.clear()
    return run(async () => {
      const xml = await exportXml(modeler.value)
      const k = processKey(modeler.value) ?? key.value
      const answer = await api.drafts.save(k, { xml, name: processName(modeler.value), basedOnVersion: version.value, baseRevision: draft.value?.revision ?? null })
      draft.value = answer.draft
      key.value = k
      dirty.value = false
      if (answer.overwritten) {
        await ElMessageBox.alert(t('designer.overwritten', { user: answer.overwritten.by, at: new Date(answer.overwritten.at).toLocaleString() }), t('designer.draft'), { type: 'warning' })
      } else {
        ElMessage.success(t('designer.saved'))
      }
      return true
    }).catch((e) => {
      problem.show(e)
      return false
    })
  }

  async function validate() {
    problem.clear()
    await run(async () => {
      const answer = await api.definitions.validate(await exportXml(modeler.value))
      problems.value = answer.problems
      markProblems(modeler.value, answer.problems)
      if (answer.valid && !answer.problems.length) ElMessage.success(t('designer.valid'))
    }).catch(problem.show)
  }

  /** Deploys a new version; the draft is discarded once deployed. Problems are marked on their elements. */
  async function deploy(): Promise<number | null> {
    problem.clear()
    return run(async () => {
      const xml = await exportXml(modeler.value)
      const k = processKey(modeler.value) ?? key.value
      const answer = await api.definitions.deploy(xml, `${k}.bpmn`)
      problems.value = answer.warnings
      markProblems(modeler.value, answer.warnings)
      const deployed = answer.processes.find((p) => p.key === k) ?? answer.processes[0]
      await api.drafts.remove(k).catch(() => undefined)
      draft.value = null
      key.value = k
      version.value = deployed?.version ?? version.value
      dirty.value = false
      const list = await api.definitions.versions(k)
      versions.value = [...list.items].sort((a, b) => b.version - a.version)
      ElMessage.success(t('designer.deployed', { version: deployed?.version ?? '?' }))
      return deployed?.version ?? null
    }).catch((e) => {
      if (e instanceof ApiError && e.problem.problems) {
        problems.value = e.problem.problems
        markProblems(modeler.value, e.problem.problems)
      }
      problem.show(e)
      return null
    })
  }

  return { modeler, key, versions, version, draft, dirty, revision, problems, loading, busy, problem, attach, rebuild, importXml, open, saveDraft, validate, deploy }
}
