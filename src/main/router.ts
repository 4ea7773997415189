// Transport-agnostic dispatcher: contract channel -> handler. Validates every input against the
// contract's schema (bad input becomes a typed `validation` error) and turns anything a handler
// throws into an `internal` error, so nothing ever throws across IPC.
import { channels, type ChannelName, type ChannelOutput, type ChannelParsed } from '../shared/contract';
import { appError, fail, isAppError, toAppError, type Result } from '../shared/errors';

export type Handler<K extends ChannelName> = (
  input: ChannelParsed<K>,
) => Promise<Result<ChannelOutput<K>>> | Result<ChannelOutput<K>>;

export type Handlers = { [K in ChannelName]: Handler<K> };

export interface Router {
  dispatch(channel: string, input: unknown): Promise<Result<unknown>>;
}

export interface RouterOptions {
  /** Told about handler crashes (a bug); the caller still gets a typed error. */
  onInternalError?: (channel: string, error: unknown) => void;
}

const isChannel = (name: string): name is ChannelName => Object.prototype.hasOwnProperty.call(channels, name);

export function createRouter(handlers: Partial<Handlers>, options: RouterOptions = {}): Router {
  return {
    async dispatch(channel, input) {
      if (typeof channel !== 'string' || !isChannel(channel)) {
        return fail(appError('validation', `Unknown request "${String(channel).slice(0, 64)}".`));
      }
      const parsed = channels[channel].input.safeParse(input ?? {});
      if (!parsed.success) {
        const issues = parsed.error.issues.map((issue) => ({
          path: issue.path.map(String).join('.') || '(input)',
          message: issue.message,
        }));
        const first = issues[0];
        return fail(
          appError('validation', first ? `Invalid ${first.path}: ${first.message}` : 'Invalid input.', {
            issues,
          }),
        );
      }
      const handler = handlers[channel] as Handler<typeof channel> | undefined;
      if (!handler) return fail(appError('state', 'This action is not available in this build.'));
      try {
        const result = await (handler as (input: unknown) => Promise<Result<unknown>> | Result<unknown>)(
          parsed.data,
        );
        if (!result || typeof result !== 'object' || typeof (result as { ok?: unknown }).ok !== 'boolean') {
          throw new Error(`handler for ${channel} returned no Result`);
        }
        return result;
      } catch (error) {
        options.onInternalError?.(channel, error);
        return fail(isAppError(error) ? error : toAppError(error));
      }
    },
  };
}
