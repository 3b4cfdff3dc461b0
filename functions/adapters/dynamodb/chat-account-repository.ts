import { GetCommand, PutCommand, UpdateCommand, type DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import type { ChatAccount, ChatTokenRecord, PhoneVerification } from '../../core/chat/model.ts';
import type { ChatAccountRepository, CodeIssue, CodeIssueResult } from '../../core/chat/ports.ts';
import { conditionally } from './conditional.ts';
import { countInWindow } from './rate-window.ts';
import { TTL_ATTRIBUTE } from './table-definition.ts';

/*
 * Chat account items in the complaint table (docs/adr/0006-chat-accounts-and-connections.md):
 *   pk CHATPHONE#<phone hash>   sk VERIFICATION  number -> account id, the code in flight (keyed hash), resend counters
 *   pk CHATACCOUNT#<account id> sk ACCOUNT       the verified account: sealed/masked name and number, language
 *   pk CHATTOKEN#<token sha256> sk TOKEN         token -> account, expiry, revocation; TTL after expiry
 *   pk CHATAPPLY#<address hash> sk WINDOW#<ms>   applications from one source address in one window; TTL
 * Every write is one conditional PutItem/UpdateItem.
 */
export const verificationKey = (phoneHash: string) => ({ pk: `CHATPHONE#${phoneHash}`, sk: 'VERIFICATION' });
export const accountKey = (accountId: string) => ({ pk: `CHATACCOUNT#${accountId}`, sk: 'ACCOUNT' });
export const tokenKey = (tokenHash: string) => ({ pk: `CHATTOKEN#${tokenHash}`, sk: 'TOKEN' });
export const applicationWindowKey = (addressHash: string, windowStart: number) => ({ pk: `CHATAPPLY#${addressHash}`, sk: `WINDOW#${windowStart}` });

/** Expired and revoked tokens stay readable this long (a clear "expired" answer), then TTL removes them. */
const TOKEN_TTL_GRACE_S = 30 * 24 * 3600;

const epochSeconds = (iso: string): number => Math.floor(Date.parse(iso) / 1000);

type Item = Record<string, unknown>;

function toVerification(item: Item): PhoneVerification {
  return {
    phoneHash: String(item.phoneHash),
    accountId: String(item.accountId),
    ...(typeof item.codeHash === 'string' ? { codeHash: item.codeHash } : {}),
    ...(typeof item.codeExpiresAt === 'string' ? { codeExpiresAt: item.codeExpiresAt } : {}),
    attempts: Number(item.attempts ?? 0),
    ...(item.pending ? { pending: item.pending as PhoneVerification['pending'] & object } : {}),
    ...(typeof item.lastSentAt === 'string' ? { lastSentAt: item.lastSentAt } : {}),
    ...(typeof item.sendDay === 'string' ? { sendDay: item.sendDay } : {}),
    sendsToday: Number(item.sendsToday ?? 0),
  };
}

export function createChatAccountRepository(client: DynamoDBDocumentClient, tableName: string): ChatAccountRepository {
  const get = async (key: { pk: string; sk: string }): Promise<Item | null> => {
    const { Item } = await client.send(new GetCommand({ TableName: tableName, Key: key, ConsistentRead: true }));
    return Item ?? null;
  };

  async function issue(input: CodeIssue, sameDay: boolean): Promise<string | null> {
    try {
      const out = await client.send(
        new UpdateCommand({
          TableName: tableName,
          Key: verificationKey(input.phoneHash),
          UpdateExpression: `SET #type = :type, phoneHash = :phoneHash, accountId = if_not_exists(accountId, :newAccountId), codeHash = :codeHash,
            codeExpiresAt = :codeExpiresAt, attempts = :zero, pending = :pending, lastSentAt = :now, sendDay = :day, sendsToday = ${sameDay ? 'sendsToday + :one' : ':one'}`,
          ConditionExpression: sameDay
            ? '(attribute_not_exists(lastSentAt) OR lastSentAt <= :notBefore) AND sendDay = :day AND sendsToday < :max'
            : '(attribute_not_exists(lastSentAt) OR lastSentAt <= :notBefore) AND (attribute_not_exists(sendDay) OR sendDay <> :day)',
          ExpressionAttributeNames: { '#type': 'type' },
          ExpressionAttributeValues: {
            ':type': 'chat-verification',
            ':phoneHash': input.phoneHash,
            ':newAccountId': input.newAccountId,
            ':codeHash': input.codeHash,
            ':codeExpiresAt': input.codeExpiresAt,
            ':zero': 0,
            ':one': 1,
            ':pending': input.pending,
            ':now': input.now,
            ':day': input.sendDay,
            ':notBefore': input.resendNotBefore,
            ...(sameDay ? { ':max': input.maxSendsPerDay } : {}),
          },
          ReturnValues: 'ALL_NEW',
        }),
      );
      return String(out.Attributes?.accountId);
    } catch (error) {
      if (error instanceof Error && error.name === 'ConditionalCheckFailedException') return null;
      throw error;
    }
  }

  return {
    async getVerification(phoneHash) {
      const item = await get(verificationKey(phoneHash));
      return item ? toVerification(item) : null;
    },

    async issueCode(input): Promise<CodeIssueResult> {
      // Two single conditional writes: a number's first code of the KST day resets the count.
      const accountId = (await issue(input, true)) ?? (await issue(input, false));
      if (accountId !== null) return { issued: true, accountId };
      const current = await get(verificationKey(input.phoneHash));
      const tooSoon = typeof current?.lastSentAt === 'string' && current.lastSentAt > input.resendNotBefore;
      return { issued: false, reason: tooSoon ? 'resend_too_soon' : 'daily_limit' };
    },

    recordFailedAttempt: (phoneHash, codeHash, seenAttempts) =>
      conditionally(() =>
        client.send(
          new UpdateCommand({
            TableName: tableName,
            Key: verificationKey(phoneHash),
            UpdateExpression: 'SET attempts = attempts + :one',
            ConditionExpression: 'codeHash = :codeHash AND attempts = :seen',
            ExpressionAttributeValues: { ':one': 1, ':codeHash': codeHash, ':seen': seenAttempts },
          }),
        ),
      ),

    consumeCode: (phoneHash, codeHash, maxAttempts) =>
      conditionally(() =>
        client.send(
          new UpdateCommand({
            TableName: tableName,
            Key: verificationKey(phoneHash),
            UpdateExpression: 'SET attempts = :zero REMOVE codeHash, codeExpiresAt, pending',
            ConditionExpression: 'codeHash = :codeHash AND attempts < :max',
            ExpressionAttributeValues: { ':zero': 0, ':codeHash': codeHash, ':max': maxAttempts },
          }),
        ),
      ),

    async putAccount(account) {
      await client.send(new PutCommand({ TableName: tableName, Item: { ...accountKey(account.accountId), type: 'chat-account', ...account } }));
    },

    async getAccount(accountId) {
      const item = await get(accountKey(accountId));
      if (!item) return null;
      const { pk: _pk, sk: _sk, type: _type, ...account } = item;
      return account as unknown as ChatAccount;
    },

    putToken: (token) =>
      conditionally(() =>
        client.send(
          new PutCommand({
            TableName: tableName,
            Item: {
              ...tokenKey(token.tokenHash),
              type: 'chat-token',
              tokenHash: token.tokenHash,
              accountId: token.accountId,
              issuedAt: token.issuedAt,
              tokenExpiresAt: token.expiresAt,
              [TTL_ATTRIBUTE]: epochSeconds(token.expiresAt) + TOKEN_TTL_GRACE_S,
            },
            ConditionExpression: 'attribute_not_exists(pk)',
          }),
        ),
      ),

    async getToken(tokenHash) {
      const item = await get(tokenKey(tokenHash));
      if (!item) return null;
      const record: ChatTokenRecord = {
        tokenHash: String(item.tokenHash),
        accountId: String(item.accountId),
        issuedAt: String(item.issuedAt),
        expiresAt: String(item.tokenExpiresAt),
      };
      return typeof item.revokedAt === 'string' ? { ...record, revokedAt: item.revokedAt } : record;
    },

    countApplication: (addressHash, window) => countInWindow(client, tableName, applicationWindowKey(addressHash, window.start), 'chat-apply-window', window),

    revokeToken: (tokenHash, at) =>
      conditionally(() =>
        client.send(
          new UpdateCommand({
            TableName: tableName,
            Key: tokenKey(tokenHash),
            UpdateExpression: 'SET revokedAt = if_not_exists(revokedAt, :at)',
            ConditionExpression: 'attribute_exists(pk)',
            ExpressionAttributeValues: { ':at': at },
          }),
        ),
      ),
  };
}
