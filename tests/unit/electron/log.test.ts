// The shell's log on real files, through electron-log's Node logger (the same transports as its
// main-process logger, without Electron): the file is in <userData>/logs, rotates at 1 MB, and no
// line carries a secret.
import { mkdtempSync, readFileSync, existsSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import electronLog from 'electron-log/node';
import { afterEach, describe, expect, it } from 'vitest';
import { configureLog, LOG_MAX_BYTES, scrub } from '../../../src/main/electron/log';

const dirs: string[] = [];
const fresh = () => {
  const dir = mkdtempSync(join(tmpdir(), 'xmplus-log-'));
  dirs.push(dir);
  return dir;
};
afterEach(() => {
  for (const dir of dirs.splice(0)) rmSync(dir, { recursive: true, force: true });
});

describe('shell log', () => {
  it('writes to logs/main.log in the user-data folder', () => {
    const userData = fresh();
    const log = configureLog(electronLog.create({ logId: 'write' }), userData, { console: false });
    log.error('start failed:', 'TypeError');
    expect(log.folder).toBe(join(userData, 'logs'));
    const text = readFileSync(join(userData, 'logs', 'main.log'), 'utf8');
    expect(text).toMatch(/\[error\] start failed: TypeError/);
  });

  it('rotates past 1 MB into main.old.log, keeping the current file small', () => {
    const userData = fresh();
    const log = configureLog(electronLog.create({ logId: 'rotate' }), userData, { console: false });
    const line = 'x'.repeat(10_000);
    for (let i = 0; i < 120; i += 1) log.info(line);
    const current = join(userData, 'logs', 'main.log');
    expect(existsSync(join(userData, 'logs', 'main.old.log'))).toBe(true);
    expect(statSync(current).size).toBeLessThan(LOG_MAX_BYTES);
  });

  it('scrubs subscription links, tokens and password assignments from every line', () => {
    const userData = fresh();
    const log = configureLog(electronLog.create({ logId: 'scrub' }), userData, { console: false });
    const jwt = 'eyJhbGciOiJIUzUxMiJ9.eyJleHAiOjF9.c2lnbmF0dXJl#AbCdEfGhIjKlMnOpQrStUvWxYz0123456789abcdefg';
    log.warn(`fetch https://panel.example.com/link/s3cr3tT0ken?client=meta failed`);
    log.error(new Error(`auth failed password=hunter2 token=${jwt}`));
    const text = readFileSync(join(userData, 'logs', 'main.log'), 'utf8');
    for (const secret of ['s3cr3tT0ken', 'hunter2', 'eyJhbGciOiJIUzUxMiJ9', 'AbCdEfGhIj']) {
      expect(text).not.toContain(secret);
    }
    expect(text).toContain('/link/[hidden]');
    expect(text).toContain('password=[hidden]');
  });

  // Each shape a credential takes in a URL, with the secret part that must go and what stays.
  it.each([
    [
      'userinfo with a password',
      'socks5://alice:hunter2pw@127.0.0.1:1080',
      'hunter2pw',
      'socks5://[hidden]@127.0.0.1:1080',
    ],
    [
      'userinfo of an http proxy',
      'proxy http://bob:s3cretpw@proxy.example:3128 refused',
      's3cretpw',
      'http://[hidden]@proxy.example:3128',
    ],
    [
      'a vless share link',
      'vless://0f3c9a1e-5b7d-4e2a-9c8b-1d2e3f4a5b6c@node.example:443?security=tls#A',
      '0f3c9a1e',
      'vless://[hidden]@node.example:443',
    ],
    [
      'a trojan password',
      'trojan://Tr0janPassw0rd@node.example:443#B',
      'Tr0janPassw0rd',
      'trojan://[hidden]@node.example',
    ],
    [
      'a vmess base64 link',
      'vmess://eyJ2IjoiMiIsImlkIjoiYWJjIn0=',
      'eyJ2IjoiMiIsImlkIjoiYWJjIn0',
      'vmess://[hidden]',
    ],
    [
      'a legacy ss link',
      'ss://YWVzLTI1Ni1nY206cGFzc0BleGFtcGxlLmNvbTo0NDM=#C',
      'YWVzLTI1Ni1nY206cGFzc0',
      'ss://[hidden]',
    ],
    [
      'an XMPlus /link/ path',
      'GET https://panel.example/link/AbC123xyz?client=meta',
      'AbC123xyz',
      '/link/[hidden]?client=meta',
    ],
    ['a /sub/ path', 'https://sub.example:2096/sub/q9W8e7R6t5 failed', 'q9W8e7R6t5', '/sub/[hidden] failed'],
    [
      'a /subscribe/ path',
      'https://api.example/subscribe/Zx81Yw72Vu63',
      'Zx81Yw72Vu63',
      '/subscribe/[hidden]',
    ],
    ['a /s/ short path', 'https://xboard.example/s/k3J9mQ2p', 'k3J9mQ2p', 'xboard.example/s/[hidden]'],
    [
      'a V2Board token query',
      'https://v2b.example/api/v1/client/subscribe?token=7f6e5d4c3b2a&flag=clash',
      '7f6e5d4c3b2a',
      'subscribe?token=[hidden]&flag=clash',
    ],
    [
      'a token query after another',
      'https://x.example/api?flag=meta&token=Q1w2E3r4T5',
      'Q1w2E3r4T5',
      '&token=[hidden]',
    ],
    ['a Remnawave path', 'https://panel.example/api/sub/r3mnaShort', 'r3mnaShort', '/api/sub/[hidden]'],
    [
      'a Hiddify uuid path',
      'https://h.example/pRoXyPaTh/6b1f0c2e-3d4a-4b5c-8d9e-0f1a2b3c4d5e/',
      '6b1f0c2e',
      '/pRoXyPaTh/[uuid]/',
    ],
    ['an access_token assignment', 'access_token=ya29.a0Af', 'ya29.a0Af', 'access_token=[hidden]'],
  ])('scrubs %s', (_shape, line, secret, kept) => {
    const out = scrub(line);
    expect(out).not.toContain(secret);
    expect(out).toContain(kept);
  });

  it('scrub leaves ordinary text alone', () => {
    for (const text of [
      'Could not reach https://panel.example.com/api/client/token within 15 s.',
      'Expires 2026-12-31; 12/31 renewals, 3 s/request, files in ~/Downloads/sub/',
      'mailto:support@example.com or user@example.com',
      'The panel at panel.example answered with HTTP 502 ("Bad Gateway").',
      'see https://docs.example/sub/ for help',
    ]) {
      expect(scrub(text)).toBe(text);
    }
  });

  it('scrub leaves ordinary short text alone', () => {
    expect(scrub('tray host missing; showing the window')).toBe('tray host missing; showing the window');
    expect(scrub('"apiKey": "abc123"')).toBe('"apiKey": "[hidden]"');
  });
});
