// A subscription reading as a Service, its servers and its details: unlimited as 0, the next reset
// in days, no link anywhere, usage unknown kept apart from "0 used".

import { describe, expect, it } from 'vitest';
import { readSubscription } from '../../../../src/main/sources/subscription';
import {
  detailsFrom,
  serversFrom,
  serviceFrom,
  SUBSCRIPTION_SERVICE_ID,
  withoutLink,
} from '../../../../src/main/sources/subscription/snapshot';

const NOW = Date.UTC(2026, 5, 10, 12);
const URL_ = 'https://sub.example.com/api/sub/SECRETTOKEN123456';
const LINK = 'trojan://pw@nl.example.com:443?security=tls#NL';

describe('serviceFrom', () => {
  it('usage, expiry, title and the next reset in days; the link is never copied', () => {
    const reading = readSubscription({
      headers: {
        'subscription-userinfo': `upload=1; download=2; total=100; expire=${(NOW + 5 * 86_400_000) / 1000}`,
        'profile-title': 'Pro 200',
        'subscription-refill-date': String((NOW + 36 * 3_600_000) / 1000),
      },
      body: LINK,
      url: URL_,
    });
    const service = serviceFrom(reading, NOW);
    expect(service).toMatchObject({
      id: SUBSCRIPTION_SERVICE_ID,
      packageName: 'Pro 200',
      usedBytes: 3,
      totalBytes: 100,
      expiresAt: NOW + 5 * 86_400_000,
      resetInDays: 2,
      status: 'active',
      sublink: '',
    });
    expect(JSON.stringify(service)).not.toContain('SECRETTOKEN');
    expect(serversFrom(reading)[String(SUBSCRIPTION_SERVICE_ID)]).toHaveLength(1);
  });

  it('a plan whose expiry has passed reads as expired, never as unknown', () => {
    const reading = readSubscription({
      headers: { 'subscription-userinfo': `upload=0; download=1; total=10; expire=${(NOW - 60_000) / 1000}` },
      body: LINK,
      url: URL_,
    });
    expect(serviceFrom(reading, NOW).status).toBe('expired');
  });

  it('unlimited is 0 total; usage not reported is 0 of 0 with usageSource null', () => {
    const unlimited = readSubscription({
      headers: { 'subscription-userinfo': 'upload=0; download=5; total=0' },
      body: '',
      url: URL_,
    });
    expect(serviceFrom(unlimited, NOW)).toMatchObject({ totalBytes: 0, usedBytes: 5, expiresAt: null });
    const silent = readSubscription({ headers: {}, body: LINK, url: URL_ });
    expect(serviceFrom(silent, NOW)).toMatchObject({ totalBytes: 0, usedBytes: 0 });
    expect(detailsFrom(silent, { movedTo: null, neededClientAgent: false }).usageSource).toBeNull();
  });

  it('details: buttons, announcement, why servers are missing', () => {
    const reading = readSubscription({
      headers: {
        'subscription-userinfo': 'upload=0; download=1; total=2; expire=-86400',
        'support-url': 'https://t.me/help',
        announce: 'hello',
        'x-hwid-limit': 'true',
      },
      body: '',
      url: URL_,
    });
    const details = detailsFrom(reading, {
      movedTo: 'https://new.example.com/…abcd',
      neededClientAgent: true,
    });
    expect(details).toMatchObject({
      supportUrl: 'https://t.me/help',
      announce: 'hello',
      startsOnFirstUseMs: 86_400_000,
      refusal: null,
      movedTo: 'https://new.example.com/…abcd',
      neededClientAgent: true,
    });
    expect(details.serversHidden).not.toBeNull();
  });
});

describe('withoutLink', () => {
  it('Marzban / PasarGuard / Remnawave: profile-web-page-url is the link itself, so it is dropped', () => {
    const link = new URL('https://sub.example.com/sub/SECRETTOKEN123456');
    const reading = readSubscription({
      headers: {
        'subscription-userinfo': 'upload=0; download=1; total=2; expire=0',
        'profile-web-page-url': link.toString(),
        'support-url': 'https://t.me/help',
        announce: 'Your link SECRETTOKEN123456 expires soon',
      },
      body: LINK,
      url: link.toString(),
    });
    const details = withoutLink(detailsFrom(reading, { movedTo: null, neededClientAgent: false }), link);
    expect(details.webPageUrl).toBeNull();
    expect(details.supportUrl).toBe('https://t.me/help');
    expect(details.announce).toBe('Your link … expires soon');
    expect(JSON.stringify(details)).not.toContain('SECRETTOKEN');
  });
});
