// Payment watches: after invoice/pay, poll invoice/view with a growing, jittered delay until the
// invoice is Paid, expired or cancelled. Runs in the main process (so it goes on with the window
// closed) and is persisted after every meaningful change (so a restart resumes it).
import { z } from 'zod';
import type { WatchState, WatchView } from '../../shared/contract';
import type { Invoice, Payment, Snapshot } from '../../shared/domain';
import type { Result } from '../../shared/errors';
import type { NativeNotification } from '../platform';
import type { MainText } from '../i18n';
import type { BillingApi } from '../sources/types';
import type { KeyValueStore } from '../settings/store';
import type { Timers } from '../timers';
import type { EventName, Events } from '../../shared/contract';
import { computeChange, describeChange, type ServiceBefore } from './change';

export const WATCHES_KEY = 'billing.watches';
/** First delay between checks, the ceiling it grows to, and the growth per check. */
export const FIRST_DELAY_MS = 3_000;
export const MAX_DELAY_MS = 60_000;
export const GROWTH = 1.6;
/** ± share of each delay drawn at random, so many clients do not poll a panel in step. */
export const JITTER = 0.2;
/** How long a payment without `expire` is watched. */
export const NO_EXPIRY_WATCH_MS = 24 * 60 * 60 * 1000;
/** After the deadline, failing checks go on this long before the watch gives up with 'error'. */
export const AFTER_DEADLINE_RETRY_MS = 60 * 60 * 1000;
/** Finished watches kept (until dismissed) for the UI; watching ones are never dropped. */
export const FINISHED_KEPT = 20;

export interface WatchRecord extends WatchView {
  /** The profile's services before paying, to say what changed. */
  before: ServiceBefore[] | null;
  /** Checks done so far: drives the backoff. */
  attempt: number;
}

const serviceBeforeSchema = z.object({
  id: z.number(),
  packageId: z.number(),
  packageName: z.string(),
  expiresAt: z.number().nullable(),
  totalBytes: z.number(),
});

const recordSchema = z.object({
  invoiceId: z.string().min(1),
  profileId: z.string().min(1),
  state: z.enum(['watching', 'paid', 'expired', 'cancelled', 'error']),
  startedAt: z.number(),
  expiresAt: z.number().nullable(),
  lastCheckedAt: z.number().nullable(),
  change: z
    .object({
      serviceId: z.number().nullable(),
      packageName: z.string(),
      expiresBefore: z.number().nullable(),
      expiresAfter: z.number().nullable(),
      totalBytesBefore: z.number().nullable(),
      totalBytesAfter: z.number().nullable(),
    })
    .nullable(),
  message: z.string().nullable(),
  before: z.array(serviceBeforeSchema).nullable(),
  attempt: z.number().int().min(0),
});

/** Persisted watches that still parse; a damaged entry is dropped, not a crash. */
export function readWatches(store: KeyValueStore): WatchRecord[] {
  const raw = store.get(WATCHES_KEY);
  if (!Array.isArray(raw)) return [];
  const out: WatchRecord[] = [];
  for (const item of raw) {
    const parsed = recordSchema.safeParse(item);
    if (parsed.success) out.push(parsed.data);
  }
  return out;
}

export const toView = (w: WatchRecord): WatchView => ({
  invoiceId: w.invoiceId,
  profileId: w.profileId,
  state: w.state,
  startedAt: w.startedAt,
  expiresAt: w.expiresAt,
  lastCheckedAt: w.lastCheckedAt,
  change: w.change,
  message: w.message,
});

/** Delay before check number `attempt` (0-based): 3 s growing to 60 s, ± 20 %. */
export function backoffDelay(attempt: number, random: () => number): number {
  const base = Math.min(MAX_DELAY_MS, FIRST_DELAY_MS * GROWTH ** Math.max(0, attempt));
  return Math.round(base * (1 - JITTER + 2 * JITTER * random()));
}

export interface WatcherDeps {
  sessionFor(profileId: string): Promise<Result<BillingApi>>;
  store: KeyValueStore;
  emit<E extends EventName>(event: E, payload: Events[E]): void;
  notify(notification: NativeNotification): void;
  /** The texts for notifications, in the user's language at the time they are shown. */
  text(): MainText;
  refreshData(profileId: string): Promise<Result<Snapshot>>;
  snapshot(profileId: string): Snapshot | null;
  now(): number;
  timers: Timers;
  random: () => number;
}

export interface Watcher {
  /** Start (or restart, for a new payment of the same invoice) watching a payment. */
  watch(profileId: string, payment: Payment, before: ServiceBefore[] | null): WatchView;
  list(): WatchView[];
  dismiss(invoiceId: string): WatchView[];
  start(): void;
  stop(): void;
}

const keyOf = (profileId: string, invoiceId: string) => `${profileId}\u0000${invoiceId}`;

export function createWatcher(deps: WatcherDeps): Watcher {
  const watches = new Map<string, WatchRecord>();
  const timers = new Map<string, unknown>();
  let running = false;
  let loaded = false;

  const load = () => {
    if (loaded) return;
    loaded = true;
    for (const record of readWatches(deps.store))
      watches.set(keyOf(record.profileId, record.invoiceId), record);
  };

  const persist = () => {
    const all = [...watches.values()];
    const finished = all
      .filter((w) => w.state !== 'watching')
      .sort((a, b) => b.startedAt - a.startedAt)
      .slice(FINISHED_KEPT);
    for (const old of finished) watches.delete(keyOf(old.profileId, old.invoiceId));
    deps.store.set(WATCHES_KEY, [...watches.values()]);
  };

  const deadline = (w: WatchRecord) => w.expiresAt ?? w.startedAt + NO_EXPIRY_WATCH_MS;

  const clearTimer = (key: string) => {
    const timer = timers.get(key);
    if (timer !== undefined) deps.timers.clearTimeout(timer);
    timers.delete(key);
  };

  const schedule = (key: string, w: WatchRecord, delayMs?: number) => {
    clearTimer(key);
    if (!running || w.state !== 'watching') return;
    let delay = delayMs ?? backoffDelay(w.attempt, deps.random);
    // Never sleep through the deadline: the last check should come right after it.
    const untilDeadline = deadline(w) - deps.now();
    if (untilDeadline >= 0) delay = Math.min(delay, untilDeadline + 1_000);
    timers.set(
      key,
      deps.timers.setTimeout(() => {
        timers.delete(key);
        void poll(key, w);
      }, delay),
    );
  };

  const finish = (w: WatchRecord, state: WatchState, message: string | null) => {
    w.state = state;
    w.message = message;
  };

  async function onPaid(w: WatchRecord, invoice: Invoice): Promise<void> {
    const refreshed = await deps.refreshData(w.profileId);
    const after = refreshed.ok ? refreshed.value : deps.snapshot(w.profileId);
    w.change = computeChange(invoice, w.before, after);
    finish(
      w,
      'paid',
      refreshed.ok ? null : `Paid. Your services could not be refreshed yet: ${refreshed.error.message}`,
    );
    const text = deps.text();
    deps.notify({
      title: text.t('payment.received'),
      body: describeChange(w.change, text),
      serviceId: w.change.serviceId,
      actions: [],
    });
  }

  async function poll(key: string, w: WatchRecord): Promise<void> {
    if (!running || watches.get(key) !== w || w.state !== 'watching') return;
    const startedAt = deps.now();
    const pastDeadline = startedAt >= deadline(w);
    const session = await deps.sessionFor(w.profileId);
    const result = session.ok ? await session.value.invoiceView(w.invoiceId) : session;
    // Dismissed, replaced by a new payment or stopped while we waited: drop this answer.
    if (!running || watches.get(key) !== w || w.state !== 'watching') return;
    w.lastCheckedAt = deps.now();
    w.attempt += 1;
    const messageBefore = w.message;

    if (!result.ok) {
      w.message = result.error.message;
      if (pastDeadline && startedAt >= deadline(w) + AFTER_DEADLINE_RETRY_MS) {
        finish(w, 'error', `The payment could not be checked: ${result.error.message}`);
      }
    } else {
      const invoice = result.value;
      if (invoice.status === 'paid') await onPaid(w, invoice);
      else if (invoice.status === 'cancelled') finish(w, 'cancelled', null);
      else if (invoice.status === 'expired' || pastDeadline) {
        finish(w, 'expired', null);
        const text = deps.text();
        deps.notify({
          title: text.t('payment.expired'),
          body: text.t('payment.expiredBody', {
            name: invoice.packageName || text.t('payment.invoice', { id: w.invoiceId }),
          }),
          serviceId: invoice.serviceId,
          actions: [],
        });
      } else {
        w.message = null;
      }
    }
    if (watches.get(key) !== w) return;
    if (w.state !== 'watching' || w.message !== messageBefore) persist();
    deps.emit('payment', toView(w));
    schedule(key, w);
  }

  return {
    watch(profileId, payment, before) {
      load();
      const key = keyOf(profileId, payment.invoiceId);
      clearTimer(key);
      const record: WatchRecord = {
        invoiceId: payment.invoiceId,
        profileId,
        state: 'watching',
        startedAt: deps.now(),
        expiresAt: payment.expiresAt,
        lastCheckedAt: null,
        change: null,
        message: null,
        before,
        attempt: 0,
      };
      watches.set(key, record);
      persist();
      schedule(key, record);
      return toView(record);
    },
    list() {
      load();
      return [...watches.values()].sort((a, b) => b.startedAt - a.startedAt).map(toView);
    },
    dismiss(invoiceId) {
      load();
      for (const [key, w] of watches) {
        if (w.invoiceId !== invoiceId) continue;
        clearTimer(key);
        watches.delete(key);
      }
      persist();
      return this.list();
    },
    start() {
      load();
      if (running) return;
      running = true;
      // Resume soon, not all at once: a restart with several watches spreads its first checks.
      let index = 0;
      for (const [key, w] of watches) {
        if (w.state === 'watching') schedule(key, w, 500 + index++ * 250);
      }
    },
    stop() {
      running = false;
      for (const key of [...timers.keys()]) clearTimer(key);
    },
  };
}
