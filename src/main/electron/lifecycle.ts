// Events that make the data stale while the app sat in the tray: waking from sleep, unlocking the
// screen, and the network coming back. Each asks the core for a refresh now; triggers that arrive
// together (resume is usually followed by unlock-screen) are folded into one.
import { net, powerMonitor } from 'electron';

export interface LifecycleDeps {
  refresh(): void;
  /** How often to ask the OS whether the network is up; 30 s by default. */
  onlinePollMs?: number;
  /** Triggers closer together than this make one refresh; 5 s by default. */
  coalesceMs?: number;
  now?(): number;
}

/** Starts watching; returns the function that stops. */
export function watchLifecycle(deps: LifecycleDeps): () => void {
  const pollMs = deps.onlinePollMs ?? 30_000;
  const coalesceMs = deps.coalesceMs ?? 5_000;
  const now = deps.now ?? Date.now;
  let last = Number.NEGATIVE_INFINITY;

  const trigger = () => {
    const t = now();
    if (t - last < coalesceMs) return;
    last = t;
    deps.refresh();
  };

  powerMonitor.on('resume', trigger);
  powerMonitor.on('unlock-screen', trigger);

  // Electron has no "online" event in the main process: poll, and act on the offline -> online edge
  // only. One cheap call every 30 s is no burden even on battery.
  let online = net.isOnline();
  const timer = setInterval(() => {
    const next = net.isOnline();
    if (next && !online) trigger();
    online = next;
  }, pollMs);

  return () => {
    clearInterval(timer);
    powerMonitor.off('resume', trigger);
    powerMonitor.off('unlock-screen', trigger);
  };
}
