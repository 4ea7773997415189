// The core built by createCore runs every clock-driven part on the timers and randomness it is
// given: the polling interval, the jittered retry after a failure, and a payment watch's checks.
// With virtual timers nothing waits on real time, and each delay is the one the draw decides.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { startPanelSim, type PanelSim } from '../../../tools/panel-sim/index';
import type { PaymentView, WatchView, InvoiceCreated } from '../../../src/shared/contract';
import { DEFAULT_SETTINGS } from '../../../src/shared/settings';
import { DEFAULT_BACKOFF, retryDelayMs } from '../../../src/main/monitor/scheduler';
import { backoffDelay } from '../../../src/main/billing/watch';
import { makeCoreRig, manualClock, signInDemo, virtualTimers, type CoreRig } from '../../support/core-rig';
import { expectOk } from '../../support/expect';

const INTERVAL = DEFAULT_SETTINGS.refreshMinutes * 60_000;
/** Not Math.random's mean: a delay drawn with it can only come from this source. */
const DRAW = 0.25;

let sim: PanelSim;
let rig: CoreRig;
let clock: ReturnType<typeof manualClock>;
let virtual: ReturnType<typeof virtualTimers>;

beforeEach(async () => {
  clock = manualClock();
  virtual = virtualTimers(clock);
  sim = await startPanelSim({ now: clock.now });
  rig = await makeCoreRig({ memory: true, now: clock.now, timers: virtual.timers, random: () => DRAW });
  await signInDemo(rig, sim);
  await rig.idle();
});

afterEach(async () => {
  await rig.dispose();
  await sim.close();
  expect(rig.internalErrors).toEqual([]);
});

/** The next 'payment' event that reports a finished watch. */
const settledWatch = () =>
  new Promise<WatchView>((resolve) => {
    const stop = rig.onEvent((event, payload) => {
      const view = payload as WatchView;
      if (event !== 'payment' || view.state === 'watching') return;
      stop();
      resolve(view);
    });
  });

describe('createCore on the timers and randomness it is given', () => {
  it('polls at the interval, and after a failure retries after the delay the draw decides', async () => {
    expect(virtual.size).toBe(1);
    const refresh = virtual.next()!;
    expect(refresh.at).toBe(clock.now() + INTERVAL);

    sim.admin.setFault('*', { kind: 'http500' });
    virtual.fire(refresh);
    await rig.idle();
    sim.admin.clearFaults();
    expect(virtual.size).toBe(1);
    expect(virtual.next()!.at).toBe(clock.now() + retryDelayMs(1, INTERVAL, DEFAULT_BACKOFF, DRAW));
    expect(retryDelayMs(1, INTERVAL, DEFAULT_BACKOFF, DRAW)).toBe(7_500);
  });

  it('checks a payment on the same timers, its first check jittered by the draw, and reports it paid', async () => {
    const created = expectOk(await rig.call<InvoiceCreated>('billing.renew', { serviceId: 4 }));
    const paying = expectOk(
      await rig.call<PaymentView>('billing.pay', { invoiceId: created.invoiceId, gatewayId: 2 }),
    );
    expect(paying.watch.state).toBe('watching');
    // The next refresh and the payment's first check.
    expect(virtual.size).toBe(2);
    const check = virtual.next()!;
    expect(check.at).toBe(clock.now() + backoffDelay(0, () => DRAW));
    expect(backoffDelay(0, () => DRAW)).toBe(2_700);

    sim.admin.markPaid(created.invoiceId);
    const settled = settledWatch();
    virtual.fire(check);
    const done = await settled;
    expect(done).toMatchObject({ invoiceId: created.invoiceId, state: 'paid' });
    // The watch is over: only the next refresh is left.
    expect(virtual.size).toBe(1);
  });
});
