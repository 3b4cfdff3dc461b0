import {
  FLOW_LANGUAGE_VERSION,
  type ActionType,
  type ConditionOperator,
  type ConditionTransition,
  type ErrorTypeOf,
  type FlowAction,
  type FlowDocument,
  type ParametersOf,
  type PromptSource,
  type Transitions,
} from './flow-language.ts';

/** Every error the action type can raise must name a target: a missing branch does not compile. */
export type ErrorBranches<T extends ActionType, Id extends string> = { [E in ErrorTypeOf<T>]: Id };

export interface ActionTransitions<T extends ActionType, Id extends string> {
  next?: Id;
  conditions?: ReadonlyArray<{ operands: string[]; operator?: ConditionOperator; next: Id }>;
  errors: ErrorBranches<T, Id>;
}

/**
 * Builds one flow. `Id` is the union of the flow's action identifiers, so a transition to an
 * identifier that is not declared is a type error; `build()` then checks at run time that every
 * declared identifier was defined exactly once (validateFlow does the graph checks).
 */
export class FlowBuilder<Id extends string> {
  private readonly actions = new Map<Id, FlowAction>();

  constructor(readonly name: string) {}

  action<T extends ActionType>(id: Id, type: T, parameters: ParametersOf<T>, transitions: ActionTransitions<T, Id>): this {
    if (this.actions.has(id)) throw new Error(`flow ${this.name}: action "${id}" defined twice`);
    const out: Transitions = {};
    if (transitions.next !== undefined) out.NextAction = transitions.next;
    if (transitions.conditions && transitions.conditions.length > 0) {
      out.Conditions = transitions.conditions.map(
        (c): ConditionTransition => ({ NextAction: c.next, Condition: { Operator: c.operator ?? 'Equals', Operands: c.operands } }),
      );
    }
    const errors = Object.entries(transitions.errors as Record<string, Id>);
    if (errors.length > 0) out.Errors = errors.map(([ErrorType, NextAction]) => ({ NextAction, ErrorType }));
    this.actions.set(id, { Identifier: id, Type: type, Parameters: parameters, Transitions: out });
    return this;
  }

  message(id: Id, prompt: PromptSource, then: { next: Id; onError: Id }): this {
    return this.action(id, 'MessageParticipant', prompt, { next: then.next, errors: { NoMatchingError: then.onError } });
  }

  /** DTMF menu: one branch per digit; timeouts, unmatched digits and errors must all be routed. */
  menu(
    id: Id,
    prompt: PromptSource & { timeoutSeconds: number },
    then: { options: ReadonlyArray<{ digit: string; next: Id }>; onTimeout: Id; onNoMatch: Id; onError: Id },
  ): this {
    const { timeoutSeconds, ...source } = prompt;
    return this.action(
      id,
      'GetParticipantInput',
      { ...source, InputTimeLimitSeconds: `${timeoutSeconds}`, StoreInput: 'False' },
      {
        conditions: then.options.map((o) => ({ operands: [o.digit], next: o.next })),
        errors: { InputTimeLimitExceeded: then.onTimeout, NoMatchingCondition: then.onNoMatch, NoMatchingError: then.onError },
      },
    );
  }

  invokeLambda(
    id: Id,
    lambda: { arn: string; timeoutSeconds: number; parameters?: Record<string, string> },
    then: { next: Id; onError: Id },
  ): this {
    if (!(lambda.timeoutSeconds >= 1 && lambda.timeoutSeconds <= 8 && Number.isInteger(lambda.timeoutSeconds))) {
      throw new Error(`flow ${this.name}: action "${id}" Lambda time limit must be an integer in 1..8 seconds`);
    }
    return this.action(
      id,
      'InvokeLambdaFunction',
      {
        LambdaFunctionARN: lambda.arn,
        InvocationTimeLimitSeconds: `${lambda.timeoutSeconds}`,
        ...(lambda.parameters ? { LambdaInvocationAttributes: lambda.parameters } : {}),
        ResponseValidation: { ResponseType: 'STRING_MAP' },
      },
      { next: then.next, errors: { NoMatchingError: then.onError } },
    );
  }

  setAttributes(id: Id, attributes: Record<string, string>, then: { next: Id; onError: Id }): this {
    return this.action(
      id,
      'UpdateContactAttributes',
      { Attributes: attributes, TargetContact: 'Current' },
      { next: then.next, errors: { NoMatchingError: then.onError } },
    );
  }

  setQueue(id: Id, queueId: string, then: { next: Id; onError: Id }): this {
    return this.action(id, 'UpdateContactTargetQueue', { QueueId: queueId }, { next: then.next, errors: { NoMatchingError: then.onError } });
  }

  /**
   * Places the contact in its target queue, which ends the flow. The console writes a NextAction
   * equal to the error branch on this action; we do the same so imported flows round-trip.
   */
  transferToQueue(id: Id, then: { atCapacity: Id; onError: Id }): this {
    return this.action(id, 'TransferContactToQueue', {}, {
      next: then.onError,
      errors: { QueueAtCapacity: then.atCapacity, NoMatchingError: then.onError },
    });
  }

  checkHours(id: Id, hoursOfOperationId: string | undefined, then: { inHours: Id; outOfHours: Id; onError: Id }): this {
    return this.action(id, 'CheckHoursOfOperation', hoursOfOperationId ? { HoursOfOperationId: hoursOfOperationId } : {}, {
      conditions: [
        { operands: ['True'], next: then.inHours },
        { operands: ['False'], next: then.outOfHours },
      ],
      errors: { NoMatchingError: then.onError },
    });
  }

  compare(id: Id, comparisonValue: string, then: { cases: ReadonlyArray<{ equals: string; next: Id }>; onNoMatch: Id }): this {
    return this.action(id, 'Compare', { ComparisonValue: comparisonValue }, {
      conditions: then.cases.map((c) => ({ operands: [c.equals], next: c.next })),
      errors: { NoMatchingCondition: then.onNoMatch },
    });
  }

  /** Whether a counselor of the queue is available now: the one condition Connect supports for agent counts. */
  checkAgentsAvailable(id: Id, queueId: string, then: { available: Id; noneAvailable: Id; onError: Id }): this {
    return this.action(id, 'CheckMetricData', { MetricType: 'NumberOfAgentsAvailable', QueueId: queueId }, {
      conditions: [{ operands: ['0'], operator: 'NumberGreaterThan', next: then.available }],
      errors: { NoMatchingCondition: then.noneAvailable, NoMatchingError: then.onError },
    });
  }

  setVoice(id: Id, voice: { name: string; engine: 'Standard' | 'Neural' }, then: { next: Id; onError: Id }): this {
    return this.action(
      id,
      'UpdateContactTextToSpeechVoice',
      { TextToSpeechVoice: voice.name, TextToSpeechEngine: voice.engine },
      { next: then.next, errors: { NoMatchingError: then.onError } },
    );
  }

  setLanguage(id: Id, languageCode: string, then: { next: Id; onError: Id }): this {
    return this.action(id, 'UpdateContactData', { LanguageCode: languageCode }, { next: then.next, errors: { NoMatchingError: then.onError } });
  }

  enableLogging(id: Id, then: { next: Id }): this {
    return this.action(id, 'UpdateFlowLoggingBehavior', { FlowLoggingBehavior: 'Enabled' }, { next: then.next, errors: {} as ErrorBranches<'UpdateFlowLoggingBehavior', Id> });
  }

  disconnect(id: Id): this {
    return this.action(id, 'DisconnectParticipant', {}, { errors: {} as ErrorBranches<'DisconnectParticipant', Id> });
  }

  end(id: Id): this {
    return this.action(id, 'EndFlowExecution', {}, { errors: {} as ErrorBranches<'EndFlowExecution', Id> });
  }

  has(id: Id): boolean {
    return this.actions.has(id);
  }

  build(startAction: Id): FlowDocument {
    return {
      Version: FLOW_LANGUAGE_VERSION,
      StartAction: startAction,
      Actions: [...this.actions.values()],
    };
  }
}
