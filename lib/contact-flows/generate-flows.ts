import { buildChatTaskFlow } from './chat-task-flow.ts';
import type { ContactFlowConfig } from './flow-config.ts';
import type { ContactFlowType, FlowDocument } from './flow-language.ts';
import { buildHappyCallFlow } from './happy-call-flow.ts';
import { buildMainIvrFlow } from './main-ivr-flow.ts';
import { assertValidFlow } from './validate-flow.ts';

export interface GeneratedFlow {
  /** Name for AWS::Connect::ContactFlow. */
  name: string;
  type: ContactFlowType;
  description: string;
  document: FlowDocument;
}

export type FlowKey = 'mainIvr' | 'happyCall' | 'chatTask';

/** Builds and validates every flow; throws (listing all problems) rather than return an invalid one. */
export function generateContactFlows(config: ContactFlowConfig): Record<FlowKey, GeneratedFlow> {
  const flows: Record<FlowKey, Omit<GeneratedFlow, 'document'> & { build: (c: ContactFlowConfig) => FlowDocument }> = {
    mainIvr: { name: 'gateway-main-ivr', type: 'CONTACT_FLOW', description: 'Inbound 120 line: welcome, language menu, queue by language', build: buildMainIvrFlow },
    happyCall: { name: 'gateway-happy-call', type: 'CONTACT_FLOW', description: 'Outbound foreigner happy call', build: buildHappyCallFlow },
    chatTask: { name: 'gateway-chat-task', type: 'CONTACT_FLOW', description: 'Chat and task contacts started by the gateway, routed by language', build: buildChatTaskFlow },
  };
  return Object.fromEntries(
    Object.entries(flows).map(([key, { build, ...meta }]) => [key, { ...meta, document: assertValidFlow(meta.name, build(config)) }]),
  ) as Record<FlowKey, GeneratedFlow>;
}

/** The JSON string Amazon Connect stores as the flow content. */
export function flowContent(flow: FlowDocument): string {
  return JSON.stringify(flow);
}
