// The loopback rule the setup form and the main process share: the whole 127.0.0.0/8 block, ::1
// and localhost name this computer; names that only start like them do not.
import { describe, expect, it } from 'vitest';
import { isLoopbackHost } from '../../../src/shared/loopback';
import { validatePanelUrl } from '../../../src/main/net/transport';
import { expectErr, expectOk } from '../../support/expect';

describe('isLoopbackHost', () => {
  it.each(['localhost', 'LocalHost', '127.0.0.1', '127.1.2.3', '127.255.255.254', '::1', '[::1]'])(
    '%s is this computer',
    (host) => expect(isLoopbackHost(host)).toBe(true),
  );
  it.each([
    '127.0.0.2.example.com',
    'localhost.example.com',
    '128.0.0.1',
    '10.0.0.1',
    '0.0.0.0',
    '[::2]',
    '',
  ])('%s is not', (host) => expect(isLoopbackHost(host)).toBe(false));
});

describe('plain http to a panel', () => {
  // The setup form lets the same addresses through: both ask isLoopbackHost.
  it.each(['http://127.0.0.2:8080', 'http://localhost:3000', 'http://[::1]:3000'])('%s is allowed', (url) =>
    expect(expectOk(validatePanelUrl(url)).protocol).toBe('http:'),
  );
  it.each(['http://127.0.0.2.example.com', 'http://panel.example.com'])('%s is refused', (url) => {
    expectErr(validatePanelUrl(url), 'validation');
  });
});
