// What `pay` prints for each kind of payment data: a terminal QR code only where billing drew one
// (URIs, https links, addresses), the panel's invoice page for a payment object or a picture-only
// code, never a QR code of JSON.
import { describe, expect, it } from 'vitest';
import { paymentQr } from '../../../src/main/billing';
import { paymentText } from '../../../src/main/cli/commands/billing';
import type { PaymentView } from '../../../src/shared/contract';
import type { Gateway, Payment } from '../../../src/shared/domain';

const NOW = Date.UTC(2026, 11, 1, 12, 0, 0);
const payment = (over: Partial<Payment>): Payment => ({
  id: 5,
  invoiceId: 'R8D4TZ1LQ6MXC9PBN2YE',
  createdAt: NOW,
  amount: { amount: 15.53, currency: '$', text: '$ 15.53' },
  total: '15.53',
  gateway: 'USDTTRC20',
  data: 'https://checkout.example/pay/1',
  dataKind: 'https',
  qrcode: '',
  expiresAt: NOW + 299_000,
  invoiceUrl: 'https://panel.example/invoice/R8D4TZ1LQ6MXC9PBN2YE',
  ...over,
});
const gateway: Gateway = {
  id: 2,
  gateway: 'USDTTRC20',
  name: 'USDT TRC20',
  currency: 'USD',
  feePercent: 1.5,
  feeFixed: 0.3,
};

async function view(p: Payment): Promise<PaymentView> {
  return {
    payment: p,
    qrSvg: await paymentQr(p),
    watch: {
      invoiceId: p.invoiceId,
      profileId: 'p',
      state: 'watching',
      startedAt: NOW,
      expiresAt: p.expiresAt,
      lastCheckedAt: null,
      change: null,
      message: null,
    },
  };
}

describe('pay output', () => {
  it('draws the QR code of a link, with the amount, the fees and the time left', async () => {
    const text = await paymentText(await view(payment({})), gateway, NOW);
    expect(text).toContain('▄');
    // eslint-disable-next-line no-control-regex -- the terminal renderer's colour codes
    const plain = text.replace(/\u001b\[[0-9;]*m/g, '');
    expect(plain.split('\n').filter((l) => !/[▄▀█]/.test(l) && l.trim() !== '')).toEqual([
      'Invoice:  R8D4TZ1LQ6MXC9PBN2YE',
      "Amount:   $ 15.53 (with USDT TRC20's fees: 1.5% + 0.30)",
      'Pay with: USDTTRC20',
      'Open:     https://checkout.example/pay/1',
      'Expires:  2026-12-01 12:04 UTC (in 4:59)',
    ]);
  });

  it('says "Pay to" for a payment URI and leaves out the fees when the gateway is unknown', async () => {
    const text = await paymentText(
      await view(payment({ data: 'wxp://f2f0abc', dataKind: 'uri', expiresAt: null })),
      undefined,
      NOW,
    );
    expect(text).toContain('Pay to:   wxp://f2f0abc\n');
    expect(text).toContain('Amount:   $ 15.53\n');
    expect(text).not.toContain('Expires');
  });

  it('never draws a QR code of a payment object: it points to the invoice page', async () => {
    const object = payment({ data: '{"client_secret":"pi_1"}', dataKind: 'object' });
    const text = await paymentText(await view(object), gateway, NOW);
    expect(text).not.toMatch(/[▄▀█]/);
    expect(text).not.toContain('client_secret');
    expect(text).toContain(
      "Finish this payment on the panel's invoice page: https://panel.example/invoice/R8D4TZ1LQ6MXC9PBN2YE\n",
    );
  });

  it('for a picture-only code, says where the picture is and offers the invoice page', async () => {
    const image = payment({
      data: '',
      dataKind: 'image',
      qrcode: 'data:image/png;base64,iVBORw0KGgo=',
      invoiceUrl: '',
    });
    const text = await paymentText(await view(image), gateway, NOW);
    expect(text).not.toMatch(/[▄▀█]/);
    expect(text).toContain(
      'The panel gives this payment as a picture only (in --json: payment.qrcode). Or pay on the invoice page (see the panel in your browser)\n',
    );
  });
});
