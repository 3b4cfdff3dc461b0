import type { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { ChannelSchema } from '../../../schemas/channel.ts';
import type { ContactFacts } from '../../core/statistics/message-contribution.ts';
import type { StatisticsSources } from '../../core/statistics/ports.ts';
import { DynamoComplaintRepository } from './complaint-repository.ts';
import { createHappyCallRepository } from './happy-call-repository.ts';
import { channelDayPartition, contactDayPartition } from './keys.ts';
import { queryItems } from './query-pages.ts';
import { createReservationRepository } from './reservation-repository.ts';
import { GSIS } from './table-definition.ts';

const CONTACT_ATTRIBUTES = ['messageId', 'complaintId', 'direction', 'channel', 'language', 'receivedAt'] as const;

/** The raw items statistics are computed from: complaint partitions, the day indexes, reservations and happy calls. */
export function createStatisticsSources(client: DynamoDBDocumentClient, tableName: string): StatisticsSources {
  const complaints = new DynamoComplaintRepository(client, tableName);
  const reservations = createReservationRepository(client, tableName);
  const happyCalls = createHappyCallRepository(client, tableName);
  const byDay = (partition: string, projection: readonly string[]) =>
    queryItems(client, {
      TableName: tableName,
      IndexName: GSIS.byChannelDay.indexName,
      KeyConditionExpression: '#pk = :pk',
      ProjectionExpression: projection.map((_, i) => `#a${i}`).join(', '),
      ExpressionAttributeNames: { '#pk': GSIS.byChannelDay.partitionKey, ...Object.fromEntries(projection.map((name, i) => [`#a${i}`, name])) },
      ExpressionAttributeValues: { ':pk': partition },
    });
  return {
    complaintDetail: (complaintId) => complaints.getComplaintDetail(complaintId),
    async message(complaintId, messageId) {
      const message = await complaints.getMessage(complaintId, messageId);
      return message ? pickContact(message) : null;
    },
    reservation: (reservationId) => reservations.get(reservationId),
    async happyCallRegistration(registrationId) {
      return (await happyCalls.get(registrationId)) ?? null;
    },
    async complaintsCreatedOn(day) {
      const lists = await Promise.all(ChannelSchema.options.map((channel) => byDay(channelDayPartition(channel, day), ['complaintId'])));
      return lists.flat().map((item) => String(item.complaintId));
    },
    async contactsReceivedOn(day) {
      return (await byDay(contactDayPartition(day), CONTACT_ATTRIBUTES)).map((item) => pickContact(item as unknown as ContactFacts));
    },
    reservationsOn: (day) => reservations.listByDay(day),
    happyCallRegistrations: () => happyCalls.listActive(),
  };
}

function pickContact(message: ContactFacts): ContactFacts {
  return {
    messageId: message.messageId,
    complaintId: message.complaintId,
    direction: message.direction,
    channel: message.channel,
    language: message.language,
    receivedAt: message.receivedAt,
  };
}
