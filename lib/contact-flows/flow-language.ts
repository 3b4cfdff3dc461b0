/**
 * A typed model of the Amazon Connect flow language (the JSON stored in AWS::Connect::ContactFlow
 * Content, "Version": "2019-10-30"). Only the actions this gateway uses are modelled; each entry
 * records the documented parameters, the error types the action can raise and whether it branches
 * on conditions, so the builder can demand a branch for every error at compile time.
 * Reference: Amazon Connect API Reference, "Actions in the Amazon Connect Flow language".
 */

export const FLOW_LANGUAGE_VERSION = '2019-10-30';

/** Documented limit on the number of actions in one flow. */
export const MAX_ACTIONS_PER_FLOW = 250;
/** Documented limit on an action Identifier. */
export const MAX_IDENTIFIER_LENGTH = 50;
export const FORBIDDEN_IDENTIFIER_CHARACTERS = /[%:(\\/)=$,;[\]{}]/;
export const RESERVED_IDENTIFIERS = new Set([
  '__proto__',
  'constructor',
  '__defineGetter__',
  '__defineSetter__',
  'toString',
  'hasOwnProperty',
  'isPrototypeOf',
  'propertyIsEnumerable',
  'toLocaleString',
  'valueOf',
]);

/** Connect writes numbers and booleans in Parameters as strings. */
type Seconds = `${number}`;

export type PromptSource = { Text: string } | { SSML: string } | { PromptId: string };

export interface ConditionTransition {
  NextAction: string;
  Condition: { Operator: ConditionOperator; Operands: string[] };
}
export type ConditionOperator = 'Equals' | 'NumberGreaterThan' | 'NumberLessThan' | 'TextStartsWith' | 'TextContains';

export interface ErrorTransition {
  NextAction: string;
  ErrorType: string;
}

export interface Transitions {
  NextAction?: string;
  Conditions?: ConditionTransition[];
  Errors?: ErrorTransition[];
}

/** Catalog of the modelled action types. */
export interface ActionCatalog {
  MessageParticipant: {
    parameters: PromptSource;
    errors: 'NoMatchingError';
    conditions: false;
  };
  GetParticipantInput: {
    parameters: PromptSource & { InputTimeLimitSeconds: Seconds; StoreInput: 'False' };
    errors: 'InputTimeLimitExceeded' | 'NoMatchingCondition' | 'NoMatchingError';
    conditions: true;
  };
  InvokeLambdaFunction: {
    parameters: {
      LambdaFunctionARN: string;
      /** 1..8 seconds; Connect's ceiling is 8. */
      InvocationTimeLimitSeconds: Seconds;
      LambdaInvocationAttributes?: Record<string, string>;
      ResponseValidation?: { ResponseType: 'STRING_MAP' | 'JSON' };
    };
    errors: 'NoMatchingError';
    conditions: false;
  };
  UpdateContactAttributes: {
    parameters: { Attributes: Record<string, string>; TargetContact: 'Current' | 'Related' };
    errors: 'NoMatchingError';
    conditions: false;
  };
  UpdateContactTargetQueue: {
    parameters: { QueueId: string };
    errors: 'NoMatchingError';
    conditions: false;
  };
  TransferContactToQueue: {
    parameters: Record<string, never>;
    errors: 'QueueAtCapacity' | 'NoMatchingError';
    conditions: false;
  };
  CheckHoursOfOperation: {
    parameters: { HoursOfOperationId?: string };
    errors: 'NoMatchingError';
    conditions: true;
  };
  Compare: {
    parameters: { ComparisonValue: string };
    errors: 'NoMatchingCondition';
    conditions: true;
  };
  /**
   * Loads one queue metric ("Check staffing" in the console). For NumberOfAgents* metrics the only
   * supported condition is NumberGreaterThan 0 (flow language reference, CheckMetricData).
   */
  CheckMetricData: {
    parameters: { MetricType: 'NumberOfAgentsAvailable' | 'NumberOfAgentsStaffed' | 'NumberOfAgentsOnline'; QueueId: string };
    errors: 'NoMatchingCondition' | 'NoMatchingError';
    conditions: true;
  };
  UpdateContactTextToSpeechVoice: {
    parameters: { TextToSpeechVoice: string; TextToSpeechEngine?: 'Standard' | 'Neural' | 'Generative'; TextToSpeechStyle?: 'None' | 'Conversational' | 'Newscaster' };
    errors: 'NoMatchingError';
    conditions: false;
  };
  UpdateContactData: {
    parameters: { LanguageCode?: string; Name?: string; Description?: string };
    errors: 'NoMatchingError';
    conditions: false;
  };
  UpdateFlowLoggingBehavior: {
    parameters: { FlowLoggingBehavior: 'Enabled' | 'Disabled' };
    errors: never;
    conditions: false;
  };
  DisconnectParticipant: {
    parameters: Record<string, never>;
    errors: never;
    conditions: false;
  };
  EndFlowExecution: {
    parameters: Record<string, never>;
    errors: never;
    conditions: false;
  };
}

export type ActionType = keyof ActionCatalog;
export type ErrorTypeOf<T extends ActionType> = ActionCatalog[T]['errors'];
export type ParametersOf<T extends ActionType> = ActionCatalog[T]['parameters'];

/** Error types each action can raise; the validator demands a branch for each. */
export const ACTION_ERRORS: { readonly [T in ActionType]: readonly ErrorTypeOf<T>[] } = {
  MessageParticipant: ['NoMatchingError'],
  GetParticipantInput: ['InputTimeLimitExceeded', 'NoMatchingCondition', 'NoMatchingError'],
  InvokeLambdaFunction: ['NoMatchingError'],
  UpdateContactAttributes: ['NoMatchingError'],
  UpdateContactTargetQueue: ['NoMatchingError'],
  TransferContactToQueue: ['QueueAtCapacity', 'NoMatchingError'],
  CheckHoursOfOperation: ['NoMatchingError'],
  Compare: ['NoMatchingCondition'],
  CheckMetricData: ['NoMatchingCondition', 'NoMatchingError'],
  UpdateContactTextToSpeechVoice: ['NoMatchingError'],
  UpdateContactData: ['NoMatchingError'],
  UpdateFlowLoggingBehavior: [],
  DisconnectParticipant: [],
  EndFlowExecution: [],
};

/**
 * Actions after which the flow's run is over: the participant is gone, the contact sits in a
 * queue, or the flow hands back. TransferContactToQueue ends the flow on success.
 */
export const TERMINAL_ACTIONS: ReadonlySet<ActionType> = new Set<ActionType>([
  'DisconnectParticipant',
  'EndFlowExecution',
  'TransferContactToQueue',
]);

/** Actions whose success path is a condition branch rather than NextAction. */
export const CONDITION_ONLY_ACTIONS: ReadonlySet<ActionType> = new Set<ActionType>(['CheckHoursOfOperation', 'Compare', 'GetParticipantInput', 'CheckMetricData']);

export interface FlowAction<T extends ActionType = ActionType> {
  Identifier: string;
  Type: T;
  Parameters: ParametersOf<T>;
  Transitions: Transitions;
}

export interface FlowDocument {
  Version: typeof FLOW_LANGUAGE_VERSION;
  StartAction: string;
  Metadata?: Record<string, unknown>;
  Actions: FlowAction[];
}

/** Kinds of Amazon Connect flows (AWS::Connect::ContactFlow Type) this gateway generates. */
export type ContactFlowType = 'CONTACT_FLOW' | 'CUSTOMER_QUEUE' | 'OUTBOUND_WHISPER';

/** Every action an action can transition to: NextAction, condition branches, error branches. */
export function transitionTargets(action: FlowAction): string[] {
  const t = action.Transitions;
  return [...(t.NextAction !== undefined ? [t.NextAction] : []), ...(t.Conditions ?? []).map((c) => c.NextAction), ...(t.Errors ?? []).map((e) => e.NextAction)];
}
