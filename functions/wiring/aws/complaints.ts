import { DynamoComplaintRepository } from '../../adapters/dynamodb/complaint-repository.ts';
import { readEnvironment } from './environment.ts';
import { documentClient } from './dynamo-client.ts';

let repository: DynamoComplaintRepository | undefined;

export function complaintRepository(): DynamoComplaintRepository {
  const { tableName } = readEnvironment(['tableName']);
  repository ??= new DynamoComplaintRepository(documentClient(), tableName);
  return repository;
}
