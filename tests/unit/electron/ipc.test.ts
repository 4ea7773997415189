import { describe, expect, it, vi } from 'vitest';
import { electronMock, FakeWebContents } from './electron-mock';
import type { Result } from '../../../src/shared/errors';
import { expectErr, expectOk } from '../../support/expect';

vi.mock('electron', () => electronMock);

const { bindIpc, isTrustedSender } = await import('../../../src/main/electron/ipc');
const { createRouter } = await import('../../../src/main/router');
const { CHANNEL_NAMES, wireChannel } = await import('../../../src/shared/contract');

const own = new FakeWebContents();
const stranger = new FakeWebContents();
const policy = { devServerUrl: undefined, ownContents: () => [own as never] };
const event = (sender: FakeWebContents, url: string, parent: unknown = null) => ({
  sender,
  senderFrame: { url, parent },
});

describe('IPC sender policy', () => {
  it('trusts only the top frame of the app own window on an app:// page', () => {
    expect(isTrustedSender(event(own, 'app://renderer/index.html') as never, policy)).toBe(true);
    expect(isTrustedSender(event(stranger, 'app://renderer/index.html') as never, policy)).toBe(false);
    expect(isTrustedSender(event(own, 'https://evil.example/') as never, policy)).toBe(false);
    expect(isTrustedSender(event(own, 'app://renderer/index.html', {}) as never, policy)).toBe(false);
    expect(isTrustedSender({ sender: own, senderFrame: null } as never, policy)).toBe(false);
  });

  it('binds every contract channel and refuses untrusted senders without calling the handler', async () => {
    const handler = vi.fn(() => ({
      ok: true as const,
      value: { name: 'n', version: 'v', platform: 'p', locale: 'l', provider: null as never },
    }));
    bindIpc(createRouter({ 'app.info': handler }), policy);
    expect([...electronMock.ipcMain.handlers.keys()].sort()).toEqual(CHANNEL_NAMES.map(wireChannel).sort());
    const invoke = electronMock.ipcMain.handlers.get(wireChannel('app.info'))!;
    const refused = (await invoke(event(stranger, 'app://renderer/index.html'), {})) as Result<unknown>;
    expectErr(refused, 'validation');
    expect(handler).not.toHaveBeenCalled();
    const accepted = (await invoke(event(own, 'app://renderer/index.html'), {})) as Result<unknown>;
    expect(expectOk(accepted)).toMatchObject({ name: 'n', version: 'v' });
    expect(handler).toHaveBeenCalledTimes(1);
  });
});
