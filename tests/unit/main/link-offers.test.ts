// The clipboard offer and the app-link confirmation through the router: the window learns only that
// a link is there (host and shortened form); the full link crosses only when the user accepts; a build
// with subscription links turned off offers nothing.
import { afterEach, describe, expect, it } from 'vitest';
import { makeCoreRig, type CoreRig } from '../../support/core-rig';
import { expectErr, expectOk } from '../../support/expect';
import { UNBRANDED } from '../../../src/main/provider';
import type { LinkOffer } from '../../../src/shared/contract';

const SUB = 'https://sub.example.com/api/sub/9a8b7c6d5e4f';
let rig: CoreRig;
afterEach(async () => {
  await rig.dispose();
});

describe('the clipboard offer', () => {
  it('offers an http(s) link found on the clipboard, shortened; reveals it once when accepted', async () => {
    rig = await makeCoreRig({ memory: true });
    rig.clipboard.push(`  ${SUB}\n`);
    const offer = expectOk(await rig.call<LinkOffer | null>('app.clipboardLink'));
    expect(offer).toMatchObject({
      source: 'clipboard',
      host: 'sub.example.com',
      shortLink: 'https://sub.example.com/…5e4f',
      name: null,
    });
    expect(JSON.stringify(offer)).not.toContain('9a8b7c6d');
    expect(expectOk(await rig.call('app.revealLink', { id: offer!.id }))).toEqual({ url: SUB, name: null });
    expectErr(await rig.call('app.revealLink', { id: offer!.id }), 'state');
  });

  it.each([
    ['some words'],
    ['file:///home/me/sub.txt'],
    ['vless://uuid@host:443#x'],
    ['https://a.example/one two'],
  ])('offers nothing for %j', async (text) => {
    rig = await makeCoreRig({ memory: true });
    rig.clipboard.push(text);
    expect(expectOk(await rig.call('app.clipboardLink'))).toBeNull();
  });

  it('a newer offer replaces the clipboard one: the old id reveals nothing', async () => {
    rig = await makeCoreRig({ memory: true });
    rig.clipboard.push(SUB);
    const first = expectOk(await rig.call<LinkOffer | null>('app.clipboardLink'))!;
    rig.clipboard.push('https://other.example.net/sub/abcdef0123');
    const second = expectOk(await rig.call<LinkOffer | null>('app.clipboardLink'))!;
    expect(second.host).toBe('other.example.net');
    expectErr(await rig.call('app.revealLink', { id: first.id }), 'state');
  });
});

describe('a build with subscription links turned off', () => {
  it('offers no clipboard link and ignores app links', async () => {
    rig = await makeCoreRig({
      memory: true,
      provider: { ...UNBRANDED, info: { ...UNBRANDED.info, subscriptionLinks: false } },
    });
    rig.clipboard.push(SUB);
    expect(expectOk(await rig.call('app.clipboardLink'))).toBeNull();
    const received = rig.core.actions.receiveAppLink(`xmplus-tray://add?url=${encodeURIComponent(SUB)}`);
    expect(received).toEqual({ accepted: false, why: 'subscription links are turned off in this build' });
    expect(expectOk(await rig.call('app.takeAddRequest'))).toBeNull();
  });
});

describe('the app link waiting for the window', () => {
  it('is taken once; a newer link replaces it', async () => {
    rig = await makeCoreRig({ memory: true });
    rig.core.actions.receiveAppLink(`xmplus-tray://add?url=${encodeURIComponent(SUB)}`);
    rig.core.actions.receiveAppLink(
      `xmplus-tray://add?url=${encodeURIComponent('https://b.example/s/123456789')}&name=B`,
    );
    const offer = expectOk(await rig.call<LinkOffer | null>('app.takeAddRequest'));
    expect(offer).toMatchObject({ host: 'b.example', name: 'B' });
    expect(expectOk(await rig.call('app.takeAddRequest'))).toBeNull();
  });
});
