// Builds window.xmplus from two transport functions. Used by the preload (over ipcRenderer) and by
// the renderer end-to-end harness (over Playwright's exposeBinding), so both run the same code.
import { CHANNEL_NAMES, EVENT_NAMES, methodName, type EventName } from './channel-names';
import type { Events, XmplusApi } from './contract';
import { appError, fail, type Result } from './errors';

export interface BridgeTransport {
  invoke(channel: string, input: unknown): Promise<unknown>;
  /** Subscribe to an event; returns an unsubscribe function. */
  subscribe(event: string, listener: (payload: unknown) => void): () => void;
}

export function createBridge(transport: BridgeTransport): XmplusApi {
  const api: Record<string, unknown> = {};
  for (const name of CHANNEL_NAMES) {
    api[methodName(name)] = async (input?: unknown): Promise<Result<unknown>> => {
      try {
        return (await transport.invoke(name, input ?? {})) as Result<unknown>;
      } catch {
        return fail(appError('internal', 'The app could not reach its background process. Restart the app.'));
      }
    };
  }
  api.on = <E extends EventName>(event: E, callback: (payload: Events[E]) => void): (() => void) => {
    if (!EVENT_NAMES.includes(event)) throw new Error(`Unknown event: ${String(event)}`);
    // Hand the callback only the payload, never the transport's event object.
    return transport.subscribe(event, (payload) => callback(payload as Events[E]));
  };
  return Object.freeze(api) as XmplusApi;
}
