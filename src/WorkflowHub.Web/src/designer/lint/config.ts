import labelRequired from 'bpmnlint/rules/label-required'
import noDisconnected from 'bpmnlint/rules/no-disconnected'
import startEventRequired from 'bpmnlint/rules/start-event-required'
import endEventRequired from 'bpmnlint/rules/end-event-required'
import noImplicitSplit from 'bpmnlint/rules/no-implicit-split'
import fakeJoin from 'bpmnlint/rules/fake-join'
import noDuplicateSequenceFlows from 'bpmnlint/rules/no-duplicate-sequence-flows'
import noGatewayJoinFork from 'bpmnlint/rules/no-gateway-join-fork'
import { engineExecutes, taskHasHandler } from './engine-rules'

/** The packed bpmnlint configuration bpmn-js-bpmnlint takes: rule levels plus a resolver that knows every rule. */
const rules: Record<string, unknown> = {
  'bpmnlint/label-required': labelRequired,
  'bpmnlint/no-disconnected': noDisconnected,
  'bpmnlint/start-event-required': startEventRequired,
  'bpmnlint/end-event-required': endEventRequired,
  'bpmnlint/no-implicit-split': noImplicitSplit,
  'bpmnlint/fake-join': fakeJoin,
  'bpmnlint/no-duplicate-sequence-flows': noDuplicateSequenceFlows,
  'bpmnlint/no-gateway-join-fork': noGatewayJoinFork,
  'bpmnlint-plugin-hub/engine-executes': engineExecutes,
  'bpmnlint-plugin-hub/task-has-handler': taskHasHandler,
}

export const lintConfig = {
  config: {
    rules: {
      'label-required': 'warn',
      'no-disconnected': 'error',
      'start-event-required': 'error',
      'end-event-required': 'warn',
      'no-implicit-split': 'warn',
      'fake-join': 'warn',
      'no-duplicate-sequence-flows': 'error',
      'no-gateway-join-fork': 'warn',
      'hub/engine-executes': 'error',
      'hub/task-has-handler': 'error',
    },
  },
  resolver: {
    resolveRule(pkg: string, ruleName: string) {
      const rule = rules[`${pkg}/${ruleName}`]
      if (!rule) throw new Error(`unknown lint rule ${pkg}/${ruleName}`)
      return rule
    },
    resolveConfig() {
      return null
    },
  },
}
