// Subscription links the app offers to add without the user typing them: one an app link brought
// (`xmplus-tray://add?url=…`, delivered by the shell) and one the clipboard holds as the add dialog
// opens. The link is a credential, so the window first gets only that there is one, its host and a
// shortened form (a LinkOffer); the full link crosses to the window only when the user accepts
// (`app.revealLink`). Adding always waits for the user: nothing here adds a profile.
import { randomUUID } from 'node:crypto';
import type { LinkOffer } from '../shared/contract';
import { appError, fail, ok, type Result } from '../shared/errors';
import { isHttpLink, linkHost, shortLink } from '../shared/short-link';
import { parseAppLink, type AddLinkRequest } from './app-link';
import type { Handlers } from './router';

/** Offers kept for revealing; older ones are dropped (the window asks again when it opens). */
const KEPT = 4;

export interface LinkOffersDeps {
  /** The scheme of the app's own links. */
  scheme: string;
  /** False when the build turns subscription links off: no offers at all. */
  enabled(): boolean;
  /** The clipboard's text now, where the desktop can read it. */
  readClipboard?(): Promise<string | null>;
  /** Tells an open window that an app link is waiting. */
  announce(offer: LinkOffer): void;
  newId?(): string;
}

export type Received = { accepted: true; offer: LinkOffer } | { accepted: false; why: string };

export interface LinkOffers {
  /** An app link as the OS delivered it: parsed strictly, kept for the window, announced. */
  receive(raw: string): Received;
  handlers: Pick<Handlers, 'app.takeAddRequest' | 'app.clipboardLink' | 'app.revealLink'>;
}

export function createLinkOffers(deps: LinkOffersDeps): LinkOffers {
  const newId = deps.newId ?? (() => randomUUID());
  const kept = new Map<string, AddLinkRequest>();
  /** The app link the window has not taken yet. */
  let pending: LinkOffer | null = null;
  let clipboardOffer: string | null = null;

  function keep(request: AddLinkRequest, source: LinkOffer['source']): LinkOffer {
    const id = newId();
    kept.set(id, request);
    while (kept.size > KEPT) kept.delete(kept.keys().next().value!);
    return { id, source, host: linkHost(request.url), shortLink: shortLink(request.url), name: request.name };
  }

  return {
    receive(raw) {
      if (!deps.enabled()) return { accepted: false, why: 'subscription links are turned off in this build' };
      const parsed = parseAppLink(raw, deps.scheme);
      if (!parsed.ok) return { accepted: false, why: parsed.why };
      if (pending) kept.delete(pending.id);
      pending = keep(parsed.request, 'appLink');
      deps.announce(pending);
      return { accepted: true, offer: pending };
    },
    handlers: {
      'app.takeAddRequest': () => {
        const offer = pending;
        pending = null;
        return ok(offer);
      },
      'app.clipboardLink': async () => {
        if (!deps.enabled() || !deps.readClipboard) return ok(null);
        let text: string | null;
        try {
          text = await deps.readClipboard();
        } catch {
          return ok(null); // a clipboard that cannot be read offers nothing
        }
        if (clipboardOffer) kept.delete(clipboardOffer);
        clipboardOffer = null;
        if (text === null || !isHttpLink(text)) return ok(null);
        const offer = keep({ url: text.trim(), name: null }, 'clipboard');
        clipboardOffer = offer.id;
        return ok(offer);
      },
      'app.revealLink': ({ id }): Result<AddLinkRequest> => {
        const request = kept.get(id);
        if (!request) {
          return fail(appError('state', 'That link is no longer on offer. Paste it instead.'));
        }
        kept.delete(id);
        if (clipboardOffer === id) clipboardOffer = null;
        return ok({ ...request });
      },
    },
  };
}
