// Bundled into an init script by the harness: builds window.xmplus with the SAME bridge code as the
// preload, over Playwright's exposeBinding instead of ipcRenderer.
import { createBridge } from '../../src/shared/bridge';

type Listener = (payload: unknown) => void;
interface HarnessWindow {
  __xmplusInvoke(channel: string, input: unknown): Promise<unknown>;
  __xmplusEmit(event: string, payload: unknown): void;
  xmplus: unknown;
}

const w = globalThis as unknown as HarnessWindow;
const listeners = new Map<string, Set<Listener>>();

w.__xmplusEmit = (event, payload) => {
  for (const listener of listeners.get(event) ?? []) listener(payload);
};

w.xmplus = createBridge({
  invoke: (channel, input) => w.__xmplusInvoke(channel, input),
  subscribe(event, listener) {
    const set = listeners.get(event) ?? new Set<Listener>();
    set.add(listener);
    listeners.set(event, set);
    return () => set.delete(listener);
  },
});
