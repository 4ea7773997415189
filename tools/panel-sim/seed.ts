// The simulator's starting state: a catalogue (packages, gateways, a coupon) and, for the 'demo'
// seed, one account with three services in the situations a monitor must notice.
import { DAY_MS, GB } from './format';
import { secretsFor, serversFor } from './servers';
import type { PanelMessages, SimInvoice, SimPackage, SimService, SimState } from './types';

export const DEMO_EMAIL = 'demo@example.com';
export const DEMO_PASSWORD = 'demo-pass-2026';

export const DEFAULT_MESSAGES: PanelMessages = {
  invoiceCreated: 'Invoice Created',
  accountCreated: 'Account successfully created.',
  codeSent: 'Verfication code was sent to {email}',
  resetSent: 'A reset email has been sent to your email address. Check Spam folder if not found in Inbox.',
};

const on = (price: number) => ({ enabled: true, priceCents: Math.round(price * 100) });
const off = (price: number) => ({ enabled: false, priceCents: Math.round(price * 100) });

function packages(): SimPackage[] {
  return [
    {
      id: 1,
      kind: 'full',
      name: 'StarterPack',
      trafficBytes: 100 * GB,
      desc: '',
      iplimit: 2,
      speedlimitMbps: 100,
      serverGroupId: 1,
      trafficReset: true,
      enableStock: true,
      stockCount: 79,
      billing: { month: on(10), quater: on(30), semiannual: on(55), annual: on(100) },
      sort: 0,
    },
    {
      id: 3,
      kind: 'full',
      name: 'Pro 200',
      trafficBytes: 200 * GB,
      desc: 'More traffic, more devices',
      iplimit: 3,
      speedlimitMbps: 300,
      serverGroupId: 1,
      trafficReset: false,
      enableStock: true,
      stockCount: 100,
      // The quarterly cycle is switched off: hidden from /packages, refused by invoice/create.
      billing: { month: on(15), quater: off(40), semiannual: on(80), annual: on(150) },
      sort: 1,
    },
    {
      id: 4,
      kind: 'full',
      name: 'Family 500',
      trafficBytes: 500 * GB,
      desc: 'Five devices, premium nodes',
      iplimit: 5,
      speedlimitMbps: 0,
      serverGroupId: 2,
      trafficReset: true,
      enableStock: true,
      stockCount: 1,
      billing: { month: on(25), quater: on(70), semiannual: on(135), annual: on(250) },
      sort: 2,
    },
    {
      id: 2,
      kind: 'traffic',
      name: 'TOP50',
      trafficBytes: 50 * GB,
      desc: '',
      iplimit: 0,
      speedlimitMbps: 0,
      serverGroupId: 0,
      trafficReset: false,
      enableStock: true,
      stockCount: 104,
      billing: { topup_traffic: on(5) },
      sort: 0,
    },
    {
      id: 5,
      kind: 'traffic',
      name: 'TOP200',
      trafficBytes: 200 * GB,
      desc: 'Big top-up',
      iplimit: 0,
      speedlimitMbps: 0,
      serverGroupId: 0,
      trafficReset: false,
      enableStock: false,
      stockCount: 0,
      billing: { topup_traffic: on(15) },
      sort: 1,
    },
  ];
}

/** Catalogue plus no accounts: the 'empty' seed. */
function catalogue(): SimState {
  return {
    users: [],
    serverGroups: [
      { id: 1, name: 'VIP' },
      { id: 2, name: 'Premium' },
    ],
    packages: packages(),
    services: [],
    invoices: [],
    gateways: [
      {
        id: 1,
        gateway: 'VWechatPay',
        name: 'WeChat Pay',
        currency: 'CNY',
        currencySymbol: '¥',
        rate: 7.1,
        uuid: '0b1f6c1e-3d2a-5b7e-9c44-61d0f1a2b3c4',
        notifyUrl: 'https://sim-panel.example/notify/wechat',
        feePercent: 0,
        feeFixedCents: 0,
        payKind: 'wxp',
      },
      {
        id: 2,
        gateway: 'USDTTRC20',
        name: 'USDT TRC20',
        currency: 'USD',
        currencySymbol: '$',
        rate: 1,
        uuid: 'fc61c571-fd28-507e-b89d-2747ac198b10',
        notifyUrl: 'https://sim-panel.example/notify/usdt',
        feePercent: 1.5,
        feeFixedCents: 30,
        payKind: 'checkout',
      },
    ],
    coupons: [{ code: 'SAVE10', percent: 10, fixedCents: 0 }],
    emails: [],
    messages: { ...DEFAULT_MESSAGES },
    nextUid: 1,
    nextSid: 1,
    nextInvoiceId: 1,
  };
}

function service(
  sid: number,
  pkg: SimPackage,
  fields: Omit<
    SimService,
    | 'sid'
    | 'userid'
    | 'packageid'
    | 'iplimit'
    | 'speedlimitMbps'
    | 'serverGroupId'
    | 'sublinkToken'
    | 'servers'
    | 'statusOverride'
  >,
): SimService {
  return {
    sid,
    userid: 1,
    packageid: pkg.id,
    iplimit: pkg.iplimit,
    speedlimitMbps: pkg.speedlimitMbps,
    serverGroupId: pkg.serverGroupId,
    statusOverride: null,
    sublinkToken: `Sim${String(sid).padStart(3, '0')}LpYnkaUyEsshJTyYMaOA2b8ll5DY`,
    servers: serversFor(secretsFor(sid)),
    ...fields,
  };
}

function paidInvoice(
  id: number,
  invid: string,
  fields: Pick<
    SimInvoice,
    'purpose' | 'createdAt' | 'amountCents' | 'packageid' | 'packagename' | 'billing'
  > & {
    serviceid: number;
  },
): SimInvoice {
  return {
    id,
    invid,
    currency: 'USD',
    discountCents: 0,
    coupon: '',
    status: 'Paid',
    userid: 1,
    quantity: 1,
    paidAt: fields.createdAt + 60_000,
    payment: null,
    ...fields,
  };
}

export function buildSeed(kind: 'demo' | 'empty', now: number): SimState {
  const state = catalogue();
  if (kind === 'empty') return state;

  const pkg = (id: number): SimPackage => {
    const p = state.packages.find((x) => x.id === id);
    if (!p) throw new Error(`seed: no package ${id}`);
    return p;
  };
  const starter = pkg(1);
  const pro = pkg(3);

  state.users.push({
    uid: 1,
    username: 'Demo',
    email: DEMO_EMAIL,
    password: DEMO_PASSWORD,
    moneyCents: 4900,
    aff: '',
    createdAt: now - 120 * DAY_MS,
  });

  state.services.push(
    // At 90% of its traffic (100 GB plan + a 50 GB top-up).
    service(4, starter, {
      billing: 'quater',
      amountCents: 3000,
      paidAt: now - 37 * DAY_MS,
      expiresAt: now + 53 * DAY_MS,
      trafficBytes: 150 * GB,
      usedBytes: 135 * GB,
      todayBytes: Math.round(2.5 * GB),
      onlineIps: 1,
      recentOnline: '203.0.113.7',
    }),
    // Expiring in 2 days.
    service(7, pro, {
      billing: 'month',
      amountCents: 1500,
      paidAt: now - 28 * DAY_MS,
      expiresAt: now + 2 * DAY_MS,
      trafficBytes: 200 * GB,
      usedBytes: 20 * GB,
      todayBytes: 300 * 1024 ** 2,
      onlineIps: 0,
      recentOnline: null,
    }),
    // Healthy.
    service(9, pro, {
      billing: 'annual',
      amountCents: 15000,
      paidAt: now - 100 * DAY_MS,
      expiresAt: now + 265 * DAY_MS,
      trafficBytes: 200 * GB,
      usedBytes: Math.round(12.34 * GB),
      todayBytes: 0,
      onlineIps: 0,
      recentOnline: null,
    }),
  );

  state.invoices.push(
    paidInvoice(1, '5EGFZSVJA1JMA1S6NE0T', {
      purpose: 'new',
      createdAt: now - 37 * DAY_MS - 120_000,
      amountCents: 3000,
      packageid: 1,
      packagename: 'StarterPack',
      billing: 'quater',
      serviceid: 4,
    }),
    paidInvoice(2, 'NMTSSHOPFYDBCJT37NM6', {
      purpose: 'topup',
      createdAt: now - 10 * DAY_MS,
      amountCents: 500,
      packageid: 2,
      packagename: 'TOP50',
      billing: 'topup_traffic',
      serviceid: 4,
    }),
    paidInvoice(3, 'Q7K2M9XW4TBR8LZC1DHA', {
      purpose: 'new',
      createdAt: now - 28 * DAY_MS - 120_000,
      amountCents: 1500,
      packageid: 3,
      packagename: 'Pro 200',
      billing: 'month',
      serviceid: 7,
    }),
    paidInvoice(4, 'H3VN6PQ0YJ5SGE2WUFKM', {
      purpose: 'new',
      createdAt: now - 100 * DAY_MS - 120_000,
      amountCents: 15000,
      packageid: 3,
      packagename: 'Pro 200',
      billing: 'annual',
      serviceid: 9,
    }),
    {
      // A renewal of the expiring service, not yet paid.
      id: 5,
      invid: 'R8D4TZ1LQ6MXC9PBN2YE',
      purpose: 'renew',
      createdAt: now - 3_600_000,
      currency: 'USD',
      amountCents: 1500,
      discountCents: 0,
      coupon: '',
      packageid: 3,
      packagename: 'Pro 200',
      status: 'Pending',
      userid: 1,
      quantity: 1,
      billing: 'month',
      serviceid: 7,
      paidAt: null,
      payment: null,
    },
  );

  state.nextUid = 2;
  state.nextSid = 10;
  state.nextInvoiceId = 6;
  return state;
}
