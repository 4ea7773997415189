// What every export format shares: its output shape and unique, readable proxy names.

import type { ServerModel, SkipNote } from '../model';

/** A format's output: the file text, and every server it had to leave out with the reason. */
export interface FormatOutput {
  text: string;
  skipped: SkipNote[];
}

/** One rendered entry, or the reason this format cannot express the server. */
export type Rendered<T> = { ok: true; value: T } | { ok: false; reason: string };
export const rendered = <T>(value: T): Rendered<T> => ({ ok: true, value });
export const cannot = <T = never>(reason: string): Rendered<T> => ({ ok: false, reason });

/** The label a server shows in a client: its remark, or host:port when it has none. */
export function displayName(model: ServerModel): string {
  const remark = model.remark.trim();
  return remark !== '' ? remark : `${model.protocol} ${model.host}:${model.port}`;
}

/**
 * Hands out labels that are unique (clients key proxies by name) and never collide with the
 * format's own names such as DIRECT or the selector. Linear: one Set lookup per name.
 */
export class LabelPool {
  private readonly taken = new Set<string>();

  constructor(reserved: readonly string[]) {
    for (const name of reserved) this.taken.add(name.toLowerCase());
  }

  claim(wanted: string): string {
    let label = wanted;
    for (let n = 2; this.taken.has(label.toLowerCase()); n += 1) label = `${wanted} (${n})`;
    this.taken.add(label.toLowerCase());
    return label;
  }
}

/** Renders each model, collecting entries and skip notes; labels are claimed only for entries. */
export function renderAll<T>(
  models: readonly ServerModel[],
  reserved: readonly string[],
  render: (model: ServerModel, label: string) => Rendered<T>,
): { entries: { label: string; value: T }[]; skipped: SkipNote[] } {
  const pool = new LabelPool(reserved);
  const entries: { label: string; value: T }[] = [];
  const skipped: SkipNote[] = [];
  for (const model of models) {
    const name = displayName(model);
    // A trial render decides first, so a skipped server does not use up a label.
    const trial = render(model, name);
    if (!trial.ok) {
      skipped.push({ remark: model.remark, reason: trial.reason });
      continue;
    }
    const label = pool.claim(name);
    const result = label === name ? trial : render(model, label);
    if (result.ok) entries.push({ label, value: result.value });
  }
  return { entries, skipped };
}

/** Shadowsocks ciphers with AEAD or 2022 framing: what mihomo, sing-box and Xray all speak. */
export const SS_MODERN_CIPHERS = new Set([
  'aes-128-gcm',
  'aes-192-gcm',
  'aes-256-gcm',
  'chacha20-ietf-poly1305',
  'xchacha20-ietf-poly1305',
  '2022-blake3-aes-128-gcm',
  '2022-blake3-aes-256-gcm',
  '2022-blake3-chacha20-poly1305',
  'none',
]);
