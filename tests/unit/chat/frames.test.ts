import { describe, expect, it } from 'vitest';
import { parseClientFrame } from '../../../functions/core/chat/frames.ts';
import { DEFAULT_CHAT_POLICY } from '../../../functions/core/chat/model.ts';

const parse = (body: string | null) => parseClientFrame(body, DEFAULT_CHAT_POLICY);
const send = (extra: Record<string, unknown>) => JSON.stringify({ action: 'sendMessage', clientMessageId: 'm-0001-abcd', text: '안녕하세요', ...extra });

describe('chat frame validation', () => {
  it('accepts a sendMessage frame with Hangul and emoji as is', () => {
    const result = parse(send({ text: '버스가 안 와요 🚌' }));
    expect(result).toEqual({ kind: 'sendMessage', frame: { action: 'sendMessage', clientMessageId: 'm-0001-abcd', text: '버스가 안 와요 🚌' } });
  });

  it('accepts the self-service answer a message comes from, and refuses a malformed one naming the field', () => {
    const selfService = { caseId: '120-2001', visitId: 'visit-0001-abcd' };
    expect(parse(send({ selfService }))).toMatchObject({ kind: 'sendMessage', frame: { selfService } });
    const bad = parse(send({ selfService: { caseId: '../etc' } }));
    expect(bad).toMatchObject({ kind: 'error', frame: { code: 'invalid_frame', clientMessageId: 'm-0001-abcd' } });
    expect(bad.kind === 'error' && bad.frame.message).toContain('selfService.caseId');
    expect(parse(send({ selfService: { caseId: '120-2001', extra: 1 } }))).toMatchObject({ kind: 'sendMessage' });
  });

  it('accepts sync', () => {
    expect(parse('{"action":"sync"}')).toEqual({ kind: 'sync' });
  });

  it('answers malformed JSON with malformed_json', () => {
    expect(parse('{"action":')).toMatchObject({ kind: 'error', frame: { type: 'error', code: 'malformed_json' } });
    expect(parse(null)).toMatchObject({ kind: 'error', frame: { code: 'malformed_json' } });
  });

  it('answers an unknown action with unknown_action naming it', () => {
    const result = parse('{"action":"deleteEverything"}');
    expect(result).toMatchObject({ kind: 'error', frame: { code: 'unknown_action' } });
    expect(result.kind === 'error' && result.frame.message).toContain('deleteEverything');
  });

  it('answers a frame without an action, or not an object, with invalid_frame', () => {
    expect(parse('[1,2]')).toMatchObject({ kind: 'error', frame: { code: 'invalid_frame' } });
    expect(parse('{"text":"hi"}')).toMatchObject({ kind: 'error', frame: { code: 'invalid_frame' } });
  });

  it('refuses a bad clientMessageId and unknown fields, naming the clientMessageId when it can', () => {
    expect(parse(send({ clientMessageId: 'short' }))).toMatchObject({ kind: 'error', frame: { code: 'invalid_frame' } });
    expect(parse(send({ extra: 1 }))).toMatchObject({ kind: 'error', frame: { code: 'invalid_frame', clientMessageId: 'm-0001-abcd' } });
  });

  it('refuses empty text', () => {
    expect(parse(send({ text: '   ' }))).toMatchObject({ kind: 'error', frame: { code: 'empty_text', clientMessageId: 'm-0001-abcd' } });
  });

  it('refuses text over 2,000 characters, counted in characters not UTF-16 units', () => {
    // 2,000 emoji are 4,000 UTF-16 units but 2,000 characters: within the promise.
    expect(parse(send({ text: '😀'.repeat(2000) })).kind).toBe('sendMessage');
    expect(parse(send({ text: '가'.repeat(2000) })).kind).toBe('sendMessage');
    const over = parse(send({ text: 'a'.repeat(2001) }));
    expect(over).toMatchObject({ kind: 'error', frame: { code: 'too_long', clientMessageId: 'm-0001-abcd' } });
  });

  it('refuses a frame over 8 KB before parsing it', () => {
    const result = parse(send({ text: '가'.repeat(2800) }));
    expect(result).toMatchObject({ kind: 'error', frame: { code: 'too_long' } });
    expect(result.kind === 'error' && result.frame.message).toContain('8192 bytes');
  });
});
