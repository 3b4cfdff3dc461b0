import { describe, expect, it, vi } from 'vitest';
import type { ChannelSend } from '../../../functions/core/reply.ts';
import { lazyChannelSend } from '../../../functions/wiring/aws/lazy-ports.ts';

const args = { to: '@citizen', body: '답변입니다', idempotencyKey: 'reply-1' };

describe('lazyChannelSend (a reply channel loaded on its first send)', () => {
  it('loads nothing until the first send, then loads once and passes every send through', async () => {
    const send = vi.fn<ChannelSend>(async ({ idempotencyKey }) => ({ providerMessageId: `id-${idempotencyKey}` }));
    const load = vi.fn(async () => send);
    const lazy = lazyChannelSend(load);
    expect(load).not.toHaveBeenCalled();

    const results = await Promise.all([lazy(args), lazy({ ...args, idempotencyKey: 'reply-2' })]);
    await lazy({ ...args, idempotencyKey: 'reply-3' });

    expect(load).toHaveBeenCalledTimes(1);
    expect(results).toEqual([{ providerMessageId: 'id-reply-1' }, { providerMessageId: 'id-reply-2' }]);
    expect(send.mock.calls.map(([call]) => call)).toEqual([args, { ...args, idempotencyKey: 'reply-2' }, { ...args, idempotencyKey: 'reply-3' }]);
  });

  it("rejects with the sender's own error, unchanged", async () => {
    const refused = new Error('X refused the reply');
    const lazy = lazyChannelSend(async () => async () => Promise.reject(refused));
    await expect(lazy(args)).rejects.toBe(refused);
  });

  it('surfaces a failed load to that send and loads again on the next', async () => {
    const broken = new Error('module failed to load');
    const load = vi
      .fn<() => Promise<ChannelSend>>()
      .mockRejectedValueOnce(broken)
      .mockResolvedValue(async () => ({ providerMessageId: 'sent' }));
    const lazy = lazyChannelSend(load);

    await expect(lazy(args)).rejects.toBe(broken);
    await expect(lazy(args)).resolves.toEqual({ providerMessageId: 'sent' });
    expect(load).toHaveBeenCalledTimes(2);
  });
});
