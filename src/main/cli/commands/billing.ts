// Billing commands: the store, buying, renewing, topping up, gateways, paying (a QR code in the
// terminal, the amount with fees, a countdown, and --wait for the app's payment watch) and invoices.
// Each is the app's billing handler through the router. Whatever creates an invoice shows what it
// will create and asks first; without a terminal it needs --yes, or nothing at all is sent. When the
// list with the price did not load, it goes on without the price and says so.
import type { InvoiceCreated, PaymentView, WatchView } from '../../../shared/contract';
import type { Gateway, Invoice, Package, Service } from '../../../shared/domain';
import type { AppError, Result } from '../../../shared/errors';
import { worded } from '../errors';
import { describeChange } from '../../billing/change';
import { qrTerminal } from '../../qr';
import { ENGLISH, type MainText } from '../../i18n';
import type { CliSession } from '../context';
import { CYCLE_KEYS, parseCycle } from '../cycles';
import { bytesText, countdownText, dateText, json, moneyText, table } from '../format';
import { styled, type CliTimers } from '../io';
import { cliText, labelled } from '../text';
import { EXIT, type Command, type CommandContext, type ExitCode } from '../table';
import {
  confirm,
  idOption,
  JSON_OPTION,
  output,
  refuseUnattended,
  withSession,
  YES_OPTION,
  PROFILE_OPTION,
} from './common';

const priceLine = (p: Package, text: MainText) =>
  p.prices
    .map(
      (price) =>
        `${price.cycle === 'topup_traffic' ? text.t('cli.billing.once') : price.cycle} ${moneyText(price.price)}`,
    )
    .join(' · ');

function packagesTable(list: readonly Package[], text: MainText): string {
  if (list.length === 0) return `${text.t('cli.billing.noPackages')}\n`;
  const rows = [
    (['id', 'name', 'traffic', 'devices', 'stock', 'prices'] as const).map((c) => text.t(`cli.col.${c}`)),
  ];
  for (const p of list) {
    rows.push([
      String(p.id),
      p.name,
      bytesText(p.trafficBytes),
      p.ipLimit === null ? '—' : p.ipLimit === 0 ? text.t('cli.billing.any') : String(p.ipLimit),
      p.stock === null ? '—' : String(p.stock),
      priceLine(p, text),
    ]);
  }
  return table(rows);
}

function packageText(p: Package, text: MainText): string {
  const named = { name: p.name, id: String(p.id) };
  const size = bytesText(p.trafficBytes);
  const lines = [
    text.t(p.kind === 'full' ? 'cli.package.plan' : 'cli.package.topup', named),
    text.t(p.trafficReset ? 'cli.package.trafficReset' : 'cli.package.traffic', { size }),
  ];
  if (p.ipLimit !== null) {
    const devices = p.ipLimit === 0 ? text.t('cli.package.noLimit') : String(p.ipLimit);
    lines.push(text.t('cli.package.devices', { devices }));
  }
  if (p.speedLimit) lines.push(text.t('cli.package.speed', { speed: p.speedLimit }));
  if (p.stock !== null) lines.push(text.t('cli.package.stock', { stock: String(p.stock) }));
  lines.push(
    text.t('cli.package.prices'),
    ...p.prices.map((price) => `  ${price.cycle.padEnd(11)} ${moneyText(price.price)}`),
  );
  if (p.description) lines.push('', p.description);
  return `${lines.join('\n')}\n`;
}

async function packages(ctx: CommandContext): Promise<ExitCode> {
  return withSession(ctx, async (session) => {
    const traffic = ctx.args.flag('traffic');
    const store = await session.call('billing.store', {});
    if (!store.ok) return ctx.report(store.error);
    // Plans and top-ups load apart: the list asked for failing is an error, the other one is not.
    const failed = traffic ? store.value.trafficError : store.value.packagesError;
    if (failed) return ctx.report(failed);
    return output(
      ctx,
      store,
      (value) => packagesTable(traffic ? value.traffic : value.packages, say(ctx)),
      (value) => (traffic ? value.traffic : value.packages),
    );
  });
}

async function packageInfo(ctx: CommandContext): Promise<ExitCode> {
  const [ref] = ctx.args.positionals;
  if (!ref) return ctx.usage(say(ctx).t('cli.billing.givePackageRef', { command: 'package ID' }));
  if (!/^\d{1,10}$/.test(ref) || Number(ref) < 1)
    return ctx.usage(say(ctx).t('cli.billing.badPackageRef', { value: ref }));
  return withSession(ctx, async (session) =>
    output(ctx, await session.call('billing.package', { id: Number(ref) }), (p) => packageText(p, say(ctx))),
  );
}

/**
 * A list that did not load (the panel unreachable, an HTML error page, an answer not understood), as
 * opposed to the panel refusing: a command that creates an invoice the user named goes on without
 * it, since the invoice shows the amount and creating one spends nothing.
 */
const didNotLoad = (error: AppError) => ['network', 'timeout', 'http', 'schema'].includes(error.kind);

/** The user's language for this run (LC_ALL, LC_MESSAGES, LANG). */
const say = (ctx: CommandContext) => cliText(ctx.io.env);

/** The price line when the list with the price did not load. */
const priceNotShown = (text: MainText, list: string, error: AppError) =>
  labelled(
    text.t('cli.billing.price'),
    text.t('cli.billing.priceNotShown', { list, message: error.message }),
  );

/** Shows the invoice about to be created, asks, creates it. */
async function createInvoice(
  ctx: CommandContext,
  summary: string[],
  create: () => Promise<Result<InvoiceCreated>>,
): Promise<ExitCode> {
  const text = say(ctx);
  if (!(await confirm(ctx, `${summary.join('\n')}\n`, text.t('cli.billing.question')))) {
    ctx.io.stderr(`${text.t('cli.billing.nothingCreated')}\n`);
    return EXIT.usage;
  }
  return output(ctx, await create(), (created) => {
    const done = text.t('cli.billing.created', {
      id: created.invoiceId,
      command: `xmplus-tray pay ${created.invoiceId} --gateway ID`,
      gateways: 'xmplus-tray gateways',
    });
    return `${created.message ? `${created.message}\n` : ''}${done}\n`;
  });
}

async function buy(ctx: CommandContext): Promise<ExitCode> {
  const packageId = idOption(ctx, 'package');
  if (packageId === null) return EXIT.usage;
  const cycleText = ctx.args.string('cycle');
  if (cycleText === undefined)
    return ctx.usage(say(ctx).t('cli.billing.giveCycle', { cycles: CYCLE_KEYS.join(', ') }));
  const cycle = parseCycle(cycleText, say(ctx));
  if (!cycle.ok) return ctx.report(cycle.error, EXIT.usage);
  const qtyText = ctx.args.string('qty') ?? '1';
  const qty = /^\d{1,3}$/.test(qtyText) ? Number(qtyText) : NaN;
  if (!(qty >= 1 && qty <= 100)) return ctx.usage(say(ctx).t('cli.billing.badQty', { value: qtyText }));
  const coupon = ctx.args.string('coupon')?.trim() ?? '';
  const text = say(ctx);
  const refused = refuseUnattended(ctx, text.t('cli.billing.createInvoice'));
  if (refused !== null) return refused;
  return withSession(ctx, async (session) => {
    // package/info has the panel's words for an unknown package; the store has the prices with
    // their currency, as the window shows them.
    const [pkg, store] = await Promise.all([
      session.call('billing.package', { id: packageId }),
      session.call('billing.store', {}),
    ]);
    const listed = store.ok ? store.value.packages.find((p) => p.id === packageId) : undefined;
    // The panel's refusal (an unknown package) stops here. A package/info that did not load does
    // not: the store's entry has the price, and without either the user still named what to buy.
    if (!pkg.ok && !didNotLoad(pkg.error)) return ctx.report(pkg.error);
    const coupons = coupon
      ? [labelled(text.t('cli.billing.coupon'), text.t('cli.billing.couponNote', { code: coupon }))]
      : [];
    const cycleLine = labelled(text.t('cli.billing.cycle'), cycle.value);
    const create = () => session.call('billing.buy', { packageId, cycle: cycle.value, coupon, qty });
    const known = listed ?? (pkg.ok ? pkg.value : undefined);
    if (!known) {
      const why = pkg.ok ? null : pkg.error;
      return createInvoice(
        ctx,
        [
          labelled(text.t('cli.billing.buy'), text.t('cli.billing.packageId', { id: String(packageId) })),
          cycleLine,
          ...(why ? [priceNotShown(text, text.t('cli.billing.listPackage'), why)] : []),
          ...coupons,
        ],
        create,
      );
    }
    const price = known.prices.find((p) => p.cycle === cycle.value);
    if (!price) {
      const offered = known.prices.map((p) => p.cycle).join(', ') || text.t('cli.billing.none');
      return ctx.report(
        worded(
          text,
          'validation',
          text.t('cli.billing.wrongCycle', { name: known.name, cycle: cycle.value, offered }),
        ),
      );
    }
    const each = moneyText(price.price);
    return createInvoice(
      ctx,
      [
        labelled(
          text.t('cli.billing.buy'),
          text.t('cli.billing.package', { name: known.name, id: String(known.id) }),
        ),
        cycleLine,
        labelled(text.t('cli.billing.price'), `${each}${qty > 1 ? ` × ${qty}` : ''}`),
        ...coupons,
      ],
      create,
    );
  });
}

/**
 * A service of the active account, from account/info (also for expired ones: service/info refuses
 * them). With `orMissing`, an account/info that did not load is handed back rather than reported.
 */
async function serviceOf(
  ctx: CommandContext,
  session: CliSession,
  serviceId: number,
  orMissing: true,
): Promise<Service | { missing: AppError } | ExitCode>;
async function serviceOf(
  ctx: CommandContext,
  session: CliSession,
  serviceId: number,
): Promise<Service | ExitCode>;
async function serviceOf(
  ctx: CommandContext,
  session: CliSession,
  serviceId: number,
  orMissing = false,
): Promise<Service | { missing: AppError } | ExitCode> {
  const active = await session.accounts.activeBilling();
  if (!active.ok) return ctx.report(active.error);
  const account = await active.value.session.accountInfo();
  if (!account.ok && orMissing && didNotLoad(account.error)) return { missing: account.error };
  if (!account.ok) return ctx.report(account.error);
  const service = account.value.services.find((s) => s.id === serviceId);
  if (service) return service;
  const text = say(ctx);
  const known = account.value.services.map((s) => s.id).join(', ') || text.t('cli.billing.none');
  return ctx.report(
    worded(text, 'validation', text.t('cli.billing.noService', { id: String(serviceId), known })),
  );
}

async function renew(ctx: CommandContext): Promise<ExitCode> {
  const serviceId = idOption(ctx, 'service');
  if (serviceId === null) return EXIT.usage;
  const text = say(ctx);
  const refused = refuseUnattended(ctx, text.t('cli.billing.createRenewal'));
  if (refused !== null) return refused;
  return withSession(ctx, async (session) => {
    const service = await serviceOf(ctx, session, serviceId, true);
    if (typeof service === 'number') return service;
    if ('missing' in service) {
      return createInvoice(
        ctx,
        [
          labelled(text.t('cli.billing.renew'), text.t('cli.billing.serviceId', { id: String(serviceId) })),
          priceNotShown(text, text.t('cli.billing.listServices'), service.missing),
        ],
        () => session.call('billing.renew', { serviceId }),
      );
    }
    return createInvoice(
      ctx,
      [
        labelled(
          text.t('cli.billing.renew'),
          text.t('cli.billing.serviceExpires', {
            name: service.packageName,
            id: String(service.id),
            date: dateText(service.expiresAt),
          }),
        ),
        labelled(text.t('cli.billing.cycle'), service.billing || '—'),
        labelled(
          text.t('cli.billing.price'),
          service.amount ? moneyText(service.amount) : text.t('cli.billing.panelSets'),
        ),
      ],
      () => session.call('billing.renew', { serviceId }),
    );
  });
}

async function topup(ctx: CommandContext): Promise<ExitCode> {
  const serviceId = idOption(ctx, 'service');
  if (serviceId === null) return EXIT.usage;
  const packageId = idOption(ctx, 'package');
  if (packageId === null) return EXIT.usage;
  const text = say(ctx);
  const refused = refuseUnattended(ctx, text.t('cli.billing.createTopup'));
  if (refused !== null) return refused;
  return withSession(ctx, async (session) => {
    const service = await serviceOf(ctx, session, serviceId);
    if (typeof service === 'number') return service;
    const store = await session.call('billing.store', {});
    if (!store.ok) return ctx.report(store.error);
    const create = () => session.call('billing.topup', { serviceId, packageId });
    const target = text.t('cli.billing.service', { name: service.packageName, id: String(service.id) });
    const topupLine = (what: string) =>
      labelled(
        text.t('cli.billing.topup'),
        text.t('cli.billing.topupWith', { service: target, package: what }),
      );
    const onceLine = labelled(text.t('cli.billing.cycle'), text.t('cli.billing.once'));
    const listError = store.value.trafficError;
    // The traffic list did not load (often an HTML 500 of its own): package/info has the same
    // package and price; without that too, the invoice is still what the user named.
    let pkg = listError ? undefined : store.value.traffic.find((p) => p.id === packageId);
    if (listError) {
      const info = await session.call('billing.package', { id: packageId });
      if (!info.ok && !didNotLoad(info.error)) return ctx.report(info.error);
      if (!info.ok) {
        return createInvoice(
          ctx,
          [
            topupLine(text.t('cli.billing.packageId', { id: String(packageId) })),
            onceLine,
            priceNotShown(text, text.t('cli.billing.listTraffic'), listError),
          ],
          create,
        );
      }
      if (info.value.kind !== 'traffic') {
        return ctx.report(
          worded(
            text,
            'validation',
            text.t('cli.billing.notTraffic', { id: String(packageId), name: info.value.name }),
          ),
        );
      }
      pkg = info.value;
    }
    if (!pkg) {
      const known = store.value.traffic.map((p) => p.id).join(', ') || text.t('cli.billing.none');
      return ctx.report(
        worded(
          text,
          'validation',
          text.t('cli.billing.noTrafficPackage', {
            id: String(packageId),
            known,
            command: 'xmplus-tray packages --traffic',
          }),
        ),
      );
    }
    const price = pkg.prices[0];
    return createInvoice(
      ctx,
      [
        topupLine(
          text.t('cli.billing.topupPackage', {
            name: pkg.name,
            id: String(pkg.id),
            size: bytesText(pkg.trafficBytes),
          }),
        ),
        onceLine,
        labelled(
          text.t('cli.billing.price'),
          price ? moneyText(price.price) : text.t('cli.billing.panelSets'),
        ),
      ],
      create,
    );
  });
}

const feeText = (g: Gateway, text: MainText) =>
  g.feePercent > 0 || g.feeFixed > 0
    ? [g.feePercent > 0 ? `${g.feePercent}%` : '', g.feeFixed > 0 ? g.feeFixed.toFixed(2) : '']
        .filter(Boolean)
        .join(' + ')
    : text.t('cli.billing.none');

async function gateways(ctx: CommandContext): Promise<ExitCode> {
  return withSession(ctx, async (session) =>
    output(ctx, await session.call('billing.gateways', {}), (list) => {
      const text = say(ctx);
      if (list.length === 0) return `${text.t('cli.billing.noGateways')}\n`;
      const rows = [
        (['id', 'name', 'gateway', 'currency', 'fees'] as const).map((c) => text.t(`cli.col.${c}`)),
      ];
      for (const g of list) rows.push([String(g.id), g.name, g.gateway, g.currency, feeText(g, text)]);
      return table(rows);
    }),
  );
}

/**
 * What `pay` prints: the QR code (only where billing drew one: never of a payment object), the
 * amount with the gateway's fees, what to pay to, and the time left. Data that cannot be scanned
 * points to the panel's invoice page.
 */
export async function paymentText(
  view: PaymentView,
  gateway: Gateway | undefined,
  now: number,
  text: MainText = ENGLISH,
): Promise<string> {
  const { payment } = view;
  const lines: string[] = [];
  const scannable = view.qrSvg !== '';
  if (scannable) {
    try {
      lines.push(styled(await qrTerminal(payment.data)));
    } catch {
      // Too long for a terminal QR code: the data below can still be copied.
    }
  }
  const line = (label: string, value: string) => labelled(label, value, 10);
  lines.push(line(text.t('cli.pay.invoice'), payment.invoiceId));
  const fees = gateway
    ? ` ${text.t('cli.pay.fees', { gateway: gateway.name || gateway.gateway, fees: feeText(gateway, text) })}`
    : '';
  lines.push(line(text.t('cli.pay.amount'), `${moneyText(payment.amount)}${fees}`));
  lines.push(line(text.t('cli.pay.payWith'), payment.gateway));
  if (scannable) {
    lines.push(line(text.t(payment.dataKind === 'https' ? 'cli.pay.open' : 'cli.pay.payTo'), payment.data));
  } else {
    const page = payment.invoiceUrl ? `: ${payment.invoiceUrl}` : text.t('cli.pay.seePanel');
    lines.push(
      text.t(payment.dataKind === 'image' ? 'cli.pay.pictureOnly' : 'cli.pay.finishOnPanel', { page }),
    );
  }
  if (payment.expiresAt !== null) {
    const when = text.t('cli.pay.expiresIn', {
      date: dateText(payment.expiresAt),
      time: countdownText(payment.expiresAt - now),
    });
    lines.push(line(text.t('cli.pay.expires'), when));
  }
  return `${lines.join('\n')}\n`;
}

/** Follows the app's payment watch until the invoice is settled; prints a countdown at a terminal. */
function waitForPayment(ctx: CommandContext, session: CliSession, view: PaymentView, timers: CliTimers) {
  return new Promise<WatchView>((resolve) => {
    let ticker: unknown = null;
    const expiresAt = view.payment.expiresAt;
    const tick = () => {
      if (expiresAt !== null) {
        const time = countdownText(expiresAt - ctx.io.now());
        ctx.io.stderr(styled(`\r${say(ctx).t('cli.pay.waiting', { time })} `));
      }
      ticker = timers.setTimeout(tick, 1000);
    };
    const stop = session.onPayment((update) => {
      if (update.invoiceId !== view.payment.invoiceId || update.state === 'watching') return;
      stop();
      if (ticker !== null) {
        timers.clearTimeout(ticker);
        ctx.io.stderr('\n');
      }
      resolve(update);
    });
    if (ctx.io.interactive && !ctx.args.flag('json')) tick();
  });
}

async function pay(ctx: CommandContext): Promise<ExitCode> {
  const [invoiceId] = ctx.args.positionals;
  const text = say(ctx);
  if (!invoiceId) return ctx.usage(text.t('cli.pay.giveInvoice', { command: 'pay INVOICE --gateway ID' }));
  const gatewayId = idOption(ctx, 'gateway');
  if (gatewayId === null) return EXIT.usage;
  const wait = ctx.args.flag('wait');
  return withSession(ctx, async (session) => {
    // Running before the payment starts, the watch checks on the app's schedule (first after ~3 s).
    if (wait) {
      session.billing.start();
      // The services before paying, so that the end can say what the payment changed.
      const before = await session.accounts.activeBilling();
      const info = before.ok ? await before.value.session.accountInfo() : null;
      if (before.ok && info?.ok) {
        const { account, services } = info.value;
        session.remember({
          profileId: before.value.profileId,
          kind: 'xmplus',
          account,
          services,
          servers: {},
          fetchedAt: ctx.io.now(),
        });
      }
    }
    const [paid, list] = await Promise.all([
      session.call('billing.pay', { invoiceId, gatewayId }),
      session.call('billing.gateways', {}),
    ]);
    if (!paid.ok) return ctx.report(paid.error);
    const gateway = list.ok ? list.value.find((g) => g.id === gatewayId) : undefined;
    if (ctx.args.flag('json')) ctx.io.stdout(json(paid.value));
    else ctx.io.stdout(await paymentText(paid.value, gateway, ctx.io.now(), text));
    if (!wait) return EXIT.ok;
    const timers = ctx.io.timers ?? {
      setTimeout,
      clearTimeout: (h: unknown) => clearTimeout(h as NodeJS.Timeout),
    };
    const done = await waitForPayment(ctx, session, paid.value, timers);
    if (ctx.args.flag('json')) ctx.io.stdout(json(done));
    else if (done.state === 'paid') {
      const change = done.change ? describeChange(done.change, text) : '';
      ctx.io.stdout(`${text.t('cli.pay.paid')} ${change}${done.message ? `\n${done.message}` : ''}\n`);
    } else {
      const why = {
        expired: text.t('cli.pay.expired'),
        cancelled: text.t('cli.pay.cancelled'),
        error: done.message ?? text.t('cli.pay.checkFailed'),
      } as const;
      ctx.io.stderr(`xmplus-tray: ${why[done.state as keyof typeof why] ?? done.state}\n`);
    }
    return done.state === 'paid' ? EXIT.ok : EXIT.error;
  });
}

function invoicesTable(list: readonly Invoice[], text: MainText): string {
  if (list.length === 0) return `${text.t('cli.invoice.none')}\n`;
  const rows = [
    (['invoice', 'created', 'package', 'amount', 'status', 'service'] as const).map((c) =>
      text.t(`cli.col.${c}`),
    ),
  ];
  for (const i of list) {
    rows.push([
      i.invoiceId,
      dateText(i.createdAt),
      i.packageName,
      `${i.currency ? `${i.currency} ` : ''}${i.amount.toFixed(2)}`,
      i.statusLabel || i.status,
      i.serviceId === null ? '—' : String(i.serviceId),
    ]);
  }
  return table(rows);
}

function invoiceText(i: Invoice, text: MainText): string {
  const line = (label: string, value: string) => labelled(label, value, 10);
  const pkg = text.t('cli.billing.package', { name: i.packageName, id: String(i.packageId) });
  const discount =
    i.discount > 0 ? ` ${text.t('cli.invoice.discount', { amount: i.discount.toFixed(2) })}` : '';
  const lines = [
    line(text.t('cli.pay.invoice'), i.invoiceId),
    line(text.t('cli.invoice.status'), i.statusLabel || i.status),
    line(text.t('cli.invoice.package'), `${pkg}${i.quantity > 1 ? ` × ${i.quantity}` : ''}`),
    line(text.t('cli.invoice.cycle'), i.billing || '—'),
    line(
      text.t('cli.invoice.amount'),
      `${i.currency ? `${i.currency} ` : ''}${i.amount.toFixed(2)}${discount}`,
    ),
    line(text.t('cli.invoice.created'), dateText(i.createdAt)),
  ];
  if (i.serviceId !== null) lines.push(line(text.t('cli.invoice.service'), String(i.serviceId)));
  if (i.paidAt !== null) lines.push(line(text.t('cli.invoice.paid'), dateText(i.paidAt)));
  if (i.status === 'pending')
    lines.push('', text.t('cli.invoice.payWith', { command: `xmplus-tray pay ${i.invoiceId} --gateway ID` }));
  return `${lines.join('\n')}\n`;
}

async function invoices(ctx: CommandContext): Promise<ExitCode> {
  return withSession(ctx, async (session) =>
    output(ctx, await session.call('invoices.list', {}), (list) => invoicesTable(list, say(ctx))),
  );
}

async function invoice(ctx: CommandContext): Promise<ExitCode> {
  const [invoiceId] = ctx.args.positionals;
  if (!invoiceId) return ctx.usage(say(ctx).t('cli.pay.giveInvoice', { command: 'invoice INVOICE' }));
  return withSession(ctx, async (session) =>
    output(ctx, await session.call('invoices.view', { invoiceId }), (value) => invoiceText(value, say(ctx))),
  );
}

const PACKAGE_OPTION = {
  name: 'package',
  type: 'string',
  value: 'ID',
  required: true,
  description: 'the package id (see packages)',
} as const;
const SERVICE_OPTION = {
  name: 'service',
  type: 'string',
  value: 'ID',
  required: true,
  description: 'the service id (see services)',
} as const;

export const BILLING_COMMANDS: readonly Command[] = [
  {
    name: 'packages',
    group: 'Billing',
    summary: 'the store: packages with their price per cycle',
    options: [
      { name: 'traffic', type: 'boolean', description: 'traffic top-ups instead of plans' },
      JSON_OPTION,
      PROFILE_OPTION,
    ],
    run: packages,
  },
  {
    name: 'package',
    group: 'Billing',
    summary: 'one package in full',
    positionals: [{ name: 'ID', required: true, description: 'the package id' }],
    options: [JSON_OPTION, PROFILE_OPTION],
    run: packageInfo,
  },
  {
    name: 'buy',
    group: 'Billing',
    summary: 'create an invoice for a new plan (shows it and asks first)',
    options: [
      PACKAGE_OPTION,
      {
        name: 'cycle',
        type: 'string',
        choices: CYCLE_KEYS,
        required: true,
        description: 'the billing cycle ("quater" is the panels\' spelling)',
      },
      { name: 'coupon', type: 'string', value: 'CODE', description: 'a coupon code' },
      { name: 'qty', type: 'string', value: 'N', description: 'how many (1 to 100; default 1)' },
      YES_OPTION,
      JSON_OPTION,
      PROFILE_OPTION,
    ],
    details:
      'Shows the package, cycle and price and asks before creating the invoice. Without a terminal it refuses (exit 2, nothing sent) unless --yes is given.',
    examples: ['buy --package 1 --cycle quater', 'buy --package 4 --cycle annual --coupon SAVE10 --yes'],
    run: buy,
  },
  {
    name: 'renew',
    group: 'Billing',
    summary: 'create a renewal invoice for a service (shows it and asks first)',
    options: [SERVICE_OPTION, YES_OPTION, JSON_OPTION, PROFILE_OPTION],
    run: renew,
  },
  {
    name: 'topup',
    group: 'Billing',
    summary: 'create an invoice adding a traffic package to a service (shows it and asks first)',
    options: [
      SERVICE_OPTION,
      { ...PACKAGE_OPTION, description: 'the traffic package id (see packages --traffic)' },
      YES_OPTION,
      JSON_OPTION,
      PROFILE_OPTION,
    ],
    run: topup,
  },
  {
    name: 'gateways',
    group: 'Billing',
    summary: 'the payment methods, with their fees',
    options: [JSON_OPTION, PROFILE_OPTION],
    run: gateways,
  },
  {
    name: 'pay',
    group: 'Billing',
    summary: 'pay an invoice: a QR code, the amount with fees, the time left',
    positionals: [{ name: 'INVOICE', required: true, description: 'the invoice id (see invoices)' }],
    options: [
      {
        name: 'gateway',
        type: 'string',
        value: 'ID',
        required: true,
        description: 'the payment method id (see gateways)',
      },
      { name: 'wait', type: 'boolean', description: 'wait until paid (exit 0) or expired (exit 1)' },
      JSON_OPTION,
      PROFILE_OPTION,
    ],
    details:
      'With --json, prints the payment as one JSON line, and with --wait the final watch state as a second line.',
    examples: ['pay R8D4TZ1LQ6MXC9PBN2YE --gateway 2 --wait'],
    run: pay,
  },
  {
    name: 'invoices',
    group: 'Billing',
    summary: 'every invoice, newest first',
    options: [JSON_OPTION, PROFILE_OPTION],
    run: invoices,
  },
  {
    name: 'invoice',
    group: 'Billing',
    summary: 'one invoice in full',
    positionals: [{ name: 'INVOICE', required: true, description: 'the invoice id' }],
    options: [JSON_OPTION, PROFILE_OPTION],
    run: invoice,
  },
];
