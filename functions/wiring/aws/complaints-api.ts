import { DynamoOverdueComplaints } from '../../adapters/dynamodb/overdue-complaints.ts';
import type { ComplaintsApiDeps } from '../deps/complaints-api.ts';
import { lambdaAccessRecorder } from './access-recorder.ts';
import { complaintRepository } from './complaints.ts';
import { documentClient } from './dynamo-client.ts';
import { readEnvironment } from './environment.ts';
import { clock, log } from './log-and-clock.ts';
import { awsReplyDeps } from './reply-deps.ts';
import { staffAppOrigins } from './staff-app-origin.ts';
import { stageCalendar } from './working-calendar.ts';

export async function complaintsApiDeps(): Promise<ComplaintsApiDeps> {
  const repository = complaintRepository();
  const reply = await awsReplyDeps(repository);
  const { pii, events } = reply;
  const { tableName } = readEnvironment(['tableName']);
  return {
    log,
    access: lambdaAccessRecorder(),
    query: { repository },
    unmask: { repository, pii },
    reply,
    status: { repository, clock, events },
    search: { repository, pii },
    deadlines: { repository, clock, calendar: stageCalendar(), events },
    overdue: { overdue: new DynamoOverdueComplaints(documentClient(), tableName), clock },
    corsOrigins: staffAppOrigins(),
  };
}
