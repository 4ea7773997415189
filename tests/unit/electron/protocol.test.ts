import { describe, expect, it, vi } from 'vitest';
import { electronMock } from './electron-mock';

vi.mock('electron', () => electronMock);
const { resolveAppPath } = await import('../../../src/main/electron/protocol');

describe('app:// protocol', () => {
  it('maps app URLs into the renderer folder', () => {
    expect(resolveAppPath('/app/out/renderer', 'app://renderer/')).toBe('/app/out/renderer/index.html');
    expect(resolveAppPath('/app/out/renderer', 'app://renderer/assets/a.js')).toBe(
      '/app/out/renderer/assets/a.js',
    );
  });

  it('refuses paths that leave the folder and other hosts', () => {
    // The URL parser already folds plain dot segments, so they stay inside the folder.
    expect(resolveAppPath('/app/out/renderer', 'app://renderer/../../main/index.js')).toBe(
      '/app/out/renderer/main/index.js',
    );
    // Encoded slashes survive the parser and must be caught by the resolver.
    expect(resolveAppPath('/app/out/renderer', 'app://renderer/..%2F..%2Fetc%2Fpasswd')).toBeNull();
    expect(resolveAppPath('/app/out/renderer', 'app://other/index.html')).toBeNull();
  });
});
