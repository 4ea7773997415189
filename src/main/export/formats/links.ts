// Share links, one per line: what v2rayN, v2rayNG, Hiddify and NekoBox import by paste.

import { toShareLink } from '../model';
import type { ServerModel } from '../model';
import type { FormatOutput } from './common';

export function renderLinks(models: readonly ServerModel[]): FormatOutput {
  // Every model has a share link, so nothing is skipped here.
  return { text: models.map((model) => toShareLink(model)).join('\n'), skipped: [] };
}
