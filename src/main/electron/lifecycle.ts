// Events that make the data stale while the app sat in the tray: waking from sleep, unlocking the
// screen, and the network coming back. Each tells the core (which refreshes now); wake triggers
// that arrive together (resume is usually followed by unlock-screen) are folded into one.
import { net, powerMonitor } from 'electron';

export interface LifecycleDeps {
  /** Resume from sleep or screen unlocked: core.actions.onResume. */
  onWake(): void;
  /** The network is back after being down: core.actions.onOnline. */
  onOnline(): void;
  /** How often to ask the OS whether the network is up; 30 s by default. */
  onlinePollMs?: number;
  /** Wake triggers closer together than this count once; 5 s by default. */
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
    deps.onWake();
  };

  powerMonitor.on('resume', trigger);
  powerMonitor.on('unlock-screen', trigger);

  // Electron has no "online" event in the main process: poll, and act on the offline -> online edge
  // only. One cheap call every 30 s is no burden even on battery.
  let online = net.isOnline();
  const timer = setInterval(() => {
    const next = net.isOnline();
    if (next && !online) deps.onOnline();
    online = next;
  }, pollMs);

  return () => {
    clearInterval(timer);
    powerMonitor.off('resume', trigger);
    powerMonitor.off('unlock-screen', trigger);
  };
}
