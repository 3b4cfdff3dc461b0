import type { ChannelSend } from '../../core/reply.ts';

/**
 * A channel sender whose adapter module is imported on its first send. `load` does a dynamic
 * import(): esbuild bundles that module behind a lazy initialiser, so it is parsed with the bundle
 * but evaluated only here. Worth it only for a module that shares no SDK client with the rest of
 * the function (twitter-api-v2, ADR 0008 "Reply channels"): a client package reached this way is
 * bundled whole and made lazy everywhere, which cost more than it saved. The first send pays the
 * load; a failed load is not kept, so the next send tries again, and its error reaches the caller
 * as the sender's own would.
 */
export function lazyChannelSend(load: () => Promise<ChannelSend>): ChannelSend {
  let loading: Promise<ChannelSend> | undefined;
  const sender = () => {
    loading ??= load().catch((error: unknown) => {
      loading = undefined;
      throw error;
    });
    return loading;
  };
  return async (args) => (await sender())(args);
}
