// The one file that touches ipcMain: binds every contract channel to the router and drops messages
// from senders that are not the app's own renderer (a stray frame or a navigated-away page).
import { ipcMain, type IpcMainInvokeEvent, type WebContents } from 'electron';
import { CHANNEL_NAMES, wireChannel, type EventName, type Events } from '../../shared/contract';
import { appError, fail } from '../../shared/errors';
import type { Router } from '../router';
import { isAppUrl } from './security';

export interface SenderPolicy {
  devServerUrl: string | undefined;
  /** The web contents of the app's own windows. */
  ownContents(): WebContents[];
}

export function isTrustedSender(
  event: Pick<IpcMainInvokeEvent, 'sender' | 'senderFrame'>,
  policy: SenderPolicy,
): boolean {
  const frame = event.senderFrame;
  if (!frame) return false;
  // Only the top frame of one of our windows, showing one of our pages.
  if (frame.parent) return false;
  if (!policy.ownContents().some((contents) => contents.id === event.sender.id)) return false;
  return isAppUrl(frame.url, policy.devServerUrl);
}

export function bindIpc(router: Router, policy: SenderPolicy): () => void {
  for (const name of CHANNEL_NAMES) {
    ipcMain.handle(wireChannel(name), async (event, input: unknown) => {
      if (!isTrustedSender(event, policy)) {
        return fail(appError('validation', 'Request refused: it did not come from the app window.'));
      }
      return router.dispatch(name, input);
    });
  }
  return () => {
    for (const name of CHANNEL_NAMES) ipcMain.removeHandler(wireChannel(name));
  };
}

export function sendEvent<E extends EventName>(targets: WebContents[], event: E, payload: Events[E]): void {
  for (const contents of targets) {
    if (!contents.isDestroyed()) contents.send(wireChannel(event), payload);
  }
}
