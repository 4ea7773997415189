// provider.json may set the panel's client= flag per import client; a bad value is not taken.
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { loadProvider } from '../../../src/main/provider';
import { clientFlag } from '../../../src/main/import/links';

const write = (content: unknown) => {
  const file = join(mkdtempSync(join(tmpdir(), 'xmplus-provider-')), 'provider.json');
  writeFileSync(file, JSON.stringify(content));
  return file;
};

describe('provider.json clientFlags', () => {
  it('overrides the flag of the clients it names', () => {
    const provider = loadProvider(
      write({ name: 'Brand', clientFlags: { 'clash-verge': 'clash', happ: 'v2rayn' } }),
    );
    expect(clientFlag('clash-verge', provider.clientFlags)).toBe('clash');
    expect(clientFlag('happ', provider.clientFlags)).toBe('v2rayn');
    expect(clientFlag('sing-box', provider.clientFlags)).toBe('singbox');
  });
  it('a flag that is not a plain word makes the file invalid: an unbranded build with the default flags', () => {
    const provider = loadProvider(write({ name: 'Brand', clientFlags: { 'clash-verge': 'meta&x=1' } }));
    expect(provider.info.name).toBe('XMPlus');
    expect(clientFlag('clash-verge', provider.clientFlags)).toBe('meta');
  });
});
