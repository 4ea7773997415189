// Base64 subscription: standard base64 of the share links joined by "\n", the body v2rayN
// (and every client that copied it) expects from a subscription URL.

import { renderLinks, type ServerModel } from '../model';
import type { FormatOutput } from './common';

export function renderBase64(models: readonly ServerModel[]): FormatOutput {
  const links = renderLinks(models);
  return { text: Buffer.from(links.text, 'utf8').toString('base64'), skipped: links.skipped };
}
