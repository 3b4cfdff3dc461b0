import {
  BatchWriteItemCommand,
  DeleteItemCommand,
  GetItemCommand,
  PutItemCommand,
  QueryCommand,
  UpdateItemCommand,
  type DynamoDBClient,
} from '@aws-sdk/client-dynamodb';

export interface CapturedCall {
  command: string;
  input: Record<string, unknown>;
}

/**
 * Records every DynamoDB request after marshalling (the low-level input the store sees), so
 * the storage floor replays exactly the operations the gateway issued.
 */
export function captureDynamoCalls(client: DynamoDBClient, sink: CapturedCall[]): void {
  client.middlewareStack.add(
    (next, context) => async (args) => {
      const name = String(context.commandName ?? '').replace(/Command$/, '');
      // By reference: the SDK builds a fresh input per call and never mutates it after sending.
      sink.push({ command: name, input: args.input as Record<string, unknown> });
      return next(args);
    },
    { step: 'build', name: 'benchCaptureDynamo', priority: 'low' },
  );
}

type AnyInput = never;

function sendCaptured(client: DynamoDBClient, command: string, input: AnyInput): Promise<unknown> {
  switch (command) {
    case 'GetItem':
      return client.send(new GetItemCommand(input));
    case 'PutItem':
      return client.send(new PutItemCommand(input));
    case 'UpdateItem':
      return client.send(new UpdateItemCommand(input));
    case 'Query':
      return client.send(new QueryCommand(input));
    case 'DeleteItem':
      return client.send(new DeleteItemCommand(input));
    case 'BatchWriteItem':
      return client.send(new BatchWriteItemCommand(input));
    default:
      throw new Error(`benchmark cannot replay ${command}`);
  }
}

/** Re-issues captured calls against another table, `concurrency` at a time, in capture order. */
export async function replayCalls(client: DynamoDBClient, calls: CapturedCall[], tableName: string, concurrency: number): Promise<number> {
  let next = 0;
  let conditionalFailures = 0;
  const worker = async () => {
    while (next < calls.length) {
      const call = calls[next++]!;
      try {
        await sendCaptured(client, call.command, { ...call.input, TableName: tableName } as AnyInput);
      } catch (error) {
        // The pipeline also meets these (dedupe, races): they are part of the floor's work.
        if (error instanceof Error && error.name === 'ConditionalCheckFailedException') conditionalFailures += 1;
        else throw error;
      }
    }
  };
  await Promise.all(Array.from({ length: concurrency }, worker));
  return conditionalFailures;
}
