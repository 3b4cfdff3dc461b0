import {
  ACTION_ERRORS,
  CONDITION_ONLY_ACTIONS,
  FLOW_LANGUAGE_VERSION,
  FORBIDDEN_IDENTIFIER_CHARACTERS,
  MAX_ACTIONS_PER_FLOW,
  MAX_IDENTIFIER_LENGTH,
  RESERVED_IDENTIFIERS,
  TERMINAL_ACTIONS,
  transitionTargets,
  type ActionType,
  type FlowAction,
  type FlowDocument,
} from './flow-language.ts';
import { spokenLanguageProblems } from './spoken-languages.ts';

export interface FlowProblem {
  action?: string;
  message: string;
}


function isKnownType(type: string): type is ActionType {
  return Object.hasOwn(ACTION_ERRORS, type);
}

/**
 * Checks what Amazon Connect would refuse or what would strand a caller: dangling transitions,
 * unreachable actions, unhandled error types, branches that never reach a disconnect, a queue
 * transfer or the end of the flow, the documented identifier and size limits, and text prompts
 * read in another language's voice (spoken-languages.ts).
 */
export function validateFlow(flow: FlowDocument): FlowProblem[] {
  const problems: FlowProblem[] = [];
  if (flow.Version !== FLOW_LANGUAGE_VERSION) problems.push({ message: `Version must be ${FLOW_LANGUAGE_VERSION}` });
  if (flow.Actions.length > MAX_ACTIONS_PER_FLOW) {
    problems.push({ message: `${flow.Actions.length} actions exceed the limit of ${MAX_ACTIONS_PER_FLOW}` });
  }

  const byId = new Map<string, FlowAction>();
  for (const action of flow.Actions) {
    const id = action.Identifier;
    if (byId.has(id)) problems.push({ action: id, message: 'duplicate Identifier' });
    byId.set(id, action);
    if (id.length === 0 || id.length > MAX_IDENTIFIER_LENGTH) problems.push({ action: id, message: `Identifier must be 1..${MAX_IDENTIFIER_LENGTH} characters` });
    if (FORBIDDEN_IDENTIFIER_CHARACTERS.test(id)) problems.push({ action: id, message: 'Identifier contains a forbidden character' });
    if (RESERVED_IDENTIFIERS.has(id)) problems.push({ action: id, message: 'Identifier is a reserved word' });
  }
  if (!byId.has(flow.StartAction)) problems.push({ message: `StartAction "${flow.StartAction}" is not an action` });

  for (const action of flow.Actions) {
    const id = action.Identifier;
    for (const target of transitionTargets(action)) {
      if (!byId.has(target)) problems.push({ action: id, message: `transition to unknown action "${target}"` });
    }
    if (!isKnownType(action.Type)) {
      problems.push({ action: id, message: `unmodelled action type ${action.Type}` });
      continue;
    }
    const handled = new Set((action.Transitions.Errors ?? []).map((e) => e.ErrorType));
    for (const required of ACTION_ERRORS[action.Type] as readonly string[]) {
      if (!handled.has(required)) problems.push({ action: id, message: `error ${required} has no branch` });
    }
    for (const errorType of handled) {
      if (!(ACTION_ERRORS[action.Type] as readonly string[]).includes(errorType)) {
        problems.push({ action: id, message: `${action.Type} cannot raise ${errorType}` });
      }
    }
    const conditions = action.Transitions.Conditions ?? [];
    const seen = new Set<string>();
    for (const c of conditions) {
      const key = `${c.Condition.Operator}:${c.Condition.Operands.join('|')}`;
      if (seen.has(key)) problems.push({ action: id, message: `duplicate condition ${key}` });
      seen.add(key);
    }
    if (action.Type === 'CheckHoursOfOperation') {
      const operands = conditions.map((c) => c.Condition.Operands.join('|')).sort();
      if (operands.join(',') !== 'False,True') problems.push({ action: id, message: 'needs exactly one True and one False condition' });
    }
    if (action.Type === 'CheckMetricData' && conditions.some((c) => c.Condition.Operator !== 'NumberGreaterThan' || c.Condition.Operands.join('|') !== '0')) {
      problems.push({ action: id, message: 'an agent count supports only the condition NumberGreaterThan 0' });
    }
    const terminal = TERMINAL_ACTIONS.has(action.Type);
    if (!terminal && !CONDITION_ONLY_ACTIONS.has(action.Type) && action.Transitions.NextAction === undefined) {
      problems.push({ action: id, message: 'non-terminal action has no NextAction' });
    }
    if (CONDITION_ONLY_ACTIONS.has(action.Type) && conditions.length === 0) {
      problems.push({ action: id, message: 'branching action has no conditions' });
    }
    if ((action.Type === 'DisconnectParticipant' || action.Type === 'EndFlowExecution') && transitionTargets(action).length > 0) {
      problems.push({ action: id, message: 'terminal action must not transition' });
    }
  }

  // Reachability from the start.
  const reachable = new Set<string>();
  const stack = byId.has(flow.StartAction) ? [flow.StartAction] : [];
  while (stack.length > 0) {
    const id = stack.pop() as string;
    if (reachable.has(id)) continue;
    reachable.add(id);
    const action = byId.get(id);
    if (action) stack.push(...transitionTargets(action).filter((t) => byId.has(t)));
  }
  for (const id of byId.keys()) {
    if (!reachable.has(id)) problems.push({ action: id, message: 'unreachable from StartAction' });
  }

  // Every action must be able to reach a terminal action (no trap cycles, no dead ends).
  const ends = new Set<string>([...byId.values()].filter((a) => isKnownType(a.Type) && TERMINAL_ACTIONS.has(a.Type)).map((a) => a.Identifier));
  let changed = true;
  while (changed) {
    changed = false;
    for (const action of byId.values()) {
      if (ends.has(action.Identifier)) continue;
      if (transitionTargets(action).some((t) => ends.has(t))) {
        ends.add(action.Identifier);
        changed = true;
      }
    }
  }
  for (const id of byId.keys()) {
    if (!ends.has(id)) problems.push({ action: id, message: 'no path from here ends in a disconnect, a queue transfer or the end of the flow' });
  }
  problems.push(...spokenLanguageProblems(flow));
  return problems;
}

/** Throws with every problem listed; used by the generator so an invalid flow is never deployed. */
export function assertValidFlow(name: string, flow: FlowDocument): FlowDocument {
  const problems = validateFlow(flow);
  if (problems.length > 0) {
    throw new Error(`flow ${name} is invalid:\n${problems.map((p) => `  ${p.action ?? '(flow)'}: ${p.message}`).join('\n')}`);
  }
  return flow;
}

/** Lambda ARNs a flow invokes: the exact set Connect must be allowed to call. */
export function invokedLambdaArns(flow: FlowDocument): string[] {
  return [
    ...new Set(
      flow.Actions.filter((a): a is FlowAction<'InvokeLambdaFunction'> => a.Type === 'InvokeLambdaFunction').map(
        (a) => a.Parameters.LambdaFunctionARN,
      ),
    ),
  ];
}
